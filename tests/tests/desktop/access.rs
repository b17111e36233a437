//! Accessibility in the real window: axe-core (from the UI's npm packages), injected through
//! WebDriver, checks every main screen, the seeker's and the employer's and the gate's, in
//! English and in bokmål, with its default rules and nothing excluded: the gate, each
//! section of the navigation, the applications' pipeline, every step of the share wizard,
//! and the employer's inbox with a candidate's page. No serious or critical violation may
//! remain; the moderate ones are counted and printed.

use serde_json::json;

use super::sharing::{parties, share_full_view, unlock, Parties};
use super::walk::choose_language;
use super::*;

/// axe's violations on the page as it is now: `(rule, impact, nodes, first targets)`.
fn axe(s: &Session) -> Vec<(String, String, u64, String)> {
    if s.execute("return typeof window.axe === 'object'", vec![]) != json!(true) {
        let source =
            std::fs::read_to_string(workspace().join("ui/node_modules/axe-core/axe.min.js"))
                .expect("axe-core is installed (cd ui && npm ci)");
        s.execute(&format!("{source}\nreturn true;"), vec![]);
    }
    let found = s.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] })
           .then((r) => done(r.violations.map((v) => [v.id, v.impact || '', v.nodes.length,
              v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')])))
           .catch((e) => done([['axe-failed', 'critical', 0, String(e)]]));",
        vec![],
    );
    found
        .as_array()
        .expect("axe's violations")
        .iter()
        .map(|v| {
            let text = |i: usize| v[i].as_str().unwrap_or_default().to_owned();
            (text(0), text(1), v[2].as_u64().unwrap_or(0), text(3))
        })
        .collect()
}

/// Checks the screen, keeps its serious and critical violations and prints the rest.
fn check(s: &Session, screen: &str, serious: &mut Vec<String>) {
    // What loads after the heading (a list, a preview) is part of the screen.
    std::thread::sleep(Duration::from_millis(600));
    let violations = axe(s);
    let moderate: u64 = violations
        .iter()
        .filter(|(_, impact, ..)| impact != "serious" && impact != "critical")
        .map(|(_, _, nodes, _)| nodes)
        .sum();
    println!("axe: {screen}: {moderate} moderate or minor");
    for (rule, impact, nodes, targets) in violations {
        if impact == "serious" || impact == "critical" {
            serious.push(format!(
                "{screen}: {rule} ({impact}, {nodes} nodes: {targets})"
            ));
        } else {
            println!("  {rule} ({impact}, {nodes} nodes: {targets})");
        }
    }
}

/// Opens each section of the navigation in turn and checks it.
fn each_section(s: &Session, sections: &[&str], lang: &str, serious: &mut Vec<String>) {
    for name in sections {
        s.click(&s.by_id(&format!("nav-{name}")));
        s.wait_for("main h1", Duration::from_secs(20));
        check(s, &format!("{name} ({lang})"), serious);
        if *name == "applications" {
            s.click(&s.by_id("view-pipeline"));
            s.by_id("applications-pipeline");
            check(s, &format!("applications, pipeline ({lang})"), serious);
            s.click(&s.by_id("view-table"));
            s.by_id("applications-table");
        }
    }
}

/// The share wizard past its first step: the view, the items, the page the organisation
/// will open, and saving.
fn share_steps(s: &Session, lang: &str, serious: &mut Vec<String>) {
    s.click(&s.by_id("nav-share"));
    s.click(&s.by_id(&format!("recipient-{}", candor_testkit::ORGANISATION)));
    s.click(&s.by_id("share-next"));
    s.by_id("view-anonymous");
    check(s, &format!("share, the view ({lang})"), serious);
    s.click(&s.by_id("view-anonymous"));
    s.click(&s.by_id("share-next"));
    s.wait_for("[data-testid^=\"item-\"]", Duration::from_secs(20));
    check(s, &format!("share, the items ({lang})"), serious);
    s.click(&s.by_id("share-next"));
    s.wait_for(
        "[data-testid=\"share-preview-page\"]",
        Duration::from_secs(20),
    );
    check(s, &format!("share, the preview ({lang})"), serious);
    s.click(&s.by_id("share-next"));
    s.by_id("share-save");
    check(s, &format!("share, saving ({lang})"), serious);
}

#[test]
fn every_main_screen_passes_axe_in_both_languages_for_seeker_and_employer() {
    let scene = Scene::new();
    let mut world = candor_testkit::WorldBuilder::new().courses(6).build();
    // A share the employer has imported: the inbox lists a candidate, the ledger a share.
    let cv = world
        .seeker
        .list::<candor_model::Document>()
        .expect("documents")
        .remove(0);
    share_full_view(
        &mut world,
        &scene,
        vec![format!("documents[{}]", cv.id)],
        "Backend developer",
    );
    for (company, position) in [("Equinor", "Backend developer"), ("DNB", "Developer")] {
        world
            .seeker
            .insert(&candor_model::Application::new(
                company,
                position,
                candor_model::Timestamp::now(),
            ))
            .expect("an application");
    }
    let Parties {
        _dir,
        seeker,
        employer,
        ..
    } = parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    let mut serious: Vec<String> = Vec::new();

    for lang in ["en", "nb"] {
        s.by_id("start-open-other");
        choose_language(&s, lang);
        check(&s, &format!("start ({lang})"), &mut serious);
        s.click(&s.by_id("start-create"));
        s.by_id("create-passphrase");
        check(&s, &format!("create a vault ({lang})"), &mut serious);
        s.click(&s.wait_for(
            ".gate form .actions button:not(.primary)",
            Duration::from_secs(5),
        ));

        s.click(&s.by_id("start-open-other"));
        s.by_id("unlock-passphrase");
        check(&s, &format!("unlock ({lang})"), &mut serious);
        s.click(&s.wait_for(
            ".gate form .actions button:not(.primary)",
            Duration::from_secs(5),
        ));

        unlock(&s, &seeker);
        s.by_id("today-screen");
        each_section(
            &s,
            &[
                "today",
                "profile",
                "cv",
                "documents",
                "import",
                "applications",
                "share",
                "ledger",
                "settings",
            ],
            lang,
            &mut serious,
        );
        share_steps(&s, lang, &mut serious);
        if lang == "nb" {
            s.click(&s.by_id("nav-today"));
            s.by_id("today-screen");
            shot(&s, &scene, "48-today-nb");
        }
        s.click(&s.by_id("lock-button"));
        s.click(&s.wait_for(
            ".gate form .actions button:not(.primary)",
            Duration::from_secs(5),
        ));

        unlock(&s, &employer);
        s.by_id("nav-inbox");
        each_section(&s, &["inbox", "settings"], lang, &mut serious);
        s.click(&s.by_id("nav-inbox"));
        s.click(&s.wait_for(
            "[data-testid^=\"candidate-\"].link",
            Duration::from_secs(20),
        ));
        s.by_id("candidate-gpa-0");
        s.by_id("attachment-name");
        check(&s, &format!("candidate page ({lang})"), &mut serious);
        s.click(&s.by_id("lock-button"));
        s.click(&s.wait_for(
            ".gate form .actions button:not(.primary)",
            Duration::from_secs(5),
        ));
    }
    s.end();
    assert!(
        serious.is_empty(),
        "serious or critical accessibility violations:\n{}",
        serious.join("\n")
    );
}

/// The check itself finds what it should: a page with an unlabelled button and text in
/// grey on grey fails it (so a clean result above means something).
#[test]
fn the_accessibility_check_finds_a_violation_when_there_is_one() {
    let scene = Scene::new();
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    s.by_id("start-open-other");
    s.execute(
        "const b = document.createElement('button'); b.innerHTML = '<svg width=\"8\" height=\"8\"></svg>';
         document.body.appendChild(b);
         const p = document.createElement('p'); p.textContent = 'faint'; p.style.color = '#ccc';
         p.style.background = '#ddd'; document.querySelector('main').appendChild(p);",
        vec![],
    );
    let rules: Vec<String> = axe(&s).into_iter().map(|(rule, ..)| rule).collect();
    s.end();
    assert!(rules.contains(&"button-name".to_owned()), "{rules:?}");
    assert!(rules.contains(&"color-contrast".to_owned()), "{rules:?}");
}
