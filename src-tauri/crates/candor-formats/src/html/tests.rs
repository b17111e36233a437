use candor_model::{
    Address, CefrLevel, Credits, Fluency, Grade, GradeScheme, NationalId, SocialProfile,
};

use super::*;

const HOSTILE: &str =
    "<script>alert(\"x\")</script> & 'quoted' <img src=http://evil.example/x.png>";

fn course(code: &str, title: &str, credits: &str, grade: &str) -> LearningOpportunity {
    LearningOpportunity {
        code: code.into(),
        title: title.into(),
        credits: Some(credits.parse::<Credits>().expect("valid credits")),
        grade: Some(Grade::new(GradeScheme::Ects, grade).expect("valid grade")),
        ..Default::default()
    }
}

/// A profile with an entry in every section, each carrying a text of its own to look for.
fn profile() -> Profile {
    let mut module = course("", "Core module", "15", "B");
    module.children = vec![
        course("TDT4120", "Algorithms", "7.5", "A"),
        course("TDT4145", "Databases", "7.5", "C"),
    ];
    module.children[1].date = Some("2019-12-13".parse().expect("valid date"));
    Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            label: "Backend developer".into(),
            email: "kari@example.no".into(),
            url: "https://kari.example.no".into(),
            summary: "Line one\nLine two".into(),
            national_id: Some(NationalId::new("NO", "15059500136").expect("valid number")),
            addresses: vec![Address {
                city: "Trondheim".into(),
                ..Default::default()
            }],
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                username: "knordmann".into(),
                ..Default::default()
            }],
            ..Default::default()
        }),
        education: vec![Education {
            institution: "NTNU".into(),
            programme: "Informatics".into(),
            degree: "Master".into(),
            start_date: Some("2015-08".parse().expect("valid date")),
            courses: vec![module],
            ..Default::default()
        }],
        work: vec![Work {
            name: "Equinor".into(),
            position: "Platform engineer".into(),
            highlights: vec!["Cut build times".into()],
            ..Default::default()
        }],
        skills: vec![Skill {
            name: "Rust".into(),
            keywords: vec!["Tokio".into()],
            ..Default::default()
        }],
        languages: vec![Language {
            language: "English".into(),
            fluency: Fluency::Cefr(CefrLevel::C1),
        }],
        interests: vec![Interest {
            name: "Renewable energy".into(),
            ..Default::default()
        }],
        projects: vec![Project {
            name: "Candor".into(),
            ..Default::default()
        }],
        certificates: vec![Certificate {
            name: "Solutions Architect".into(),
            ..Default::default()
        }],
        awards: vec![Award {
            title: "Best thesis".into(),
            ..Default::default()
        }],
        publications: vec![Publication {
            name: "On grades".into(),
            ..Default::default()
        }],
        volunteer: vec![Volunteer {
            organization: "Red Cross".into(),
            position: "Mentor".into(),
            ..Default::default()
        }],
        references: vec![Reference {
            name: "Ola Hansen".into(),
            reference: "A careful engineer".into(),
        }],
    }
}

#[test]
fn page_is_html5_in_english_with_its_title() {
    let page = profile_html(&profile(), "Kari's profile");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{page}"
    );
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<title>Kari&#39;s profile</title>"));
    assert!(page.contains("<h1>Kari&#39;s profile</h1>"));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn every_section_appears_with_its_content() {
    let page = profile_html(&profile(), "Profile");
    for expected in [
        "Kari Nordmann",
        "Backend developer",
        "kari@example.no",
        "Trondheim",
        "GitHub · knordmann",
        "Line one\nLine two",
        "<h2>Education</h2>",
        "Master, Informatics",
        "NTNU · from 2015-08",
        "TDT4120",
        "Algorithms",
        "<td class=\"n\">7.5</td><td>A</td>",
        "2019-12-13",
        "Grade point average: 4.00 (B), over 15 credits from 2 courses",
        "<h2>Work</h2>",
        "Platform engineer",
        "Equinor",
        "<li>Cut build times</li>",
        "<h2>Skills</h2>",
        "Tokio",
        "<h2>Languages</h2>",
        "English: C1",
        "<h2>Interests</h2>",
        "Renewable energy",
        "<h2>Projects</h2>",
        "Candor",
        "<h2>Certificates</h2>",
        "Solutions Architect",
        "<h2>Awards</h2>",
        "Best thesis",
        "<h2>Publications</h2>",
        "On grades",
        "<h2>Volunteering</h2>",
        "Red Cross",
        "<h2>References</h2>",
        "A careful engineer",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
}

#[test]
fn nested_courses_are_indented_under_their_module() {
    let page = profile_html(&profile(), "Profile");
    let module = page.find("Core module").expect("the module");
    let course = page.find("Algorithms").expect("the course");
    assert!(module < course, "the module comes first");
    assert!(
        page.contains("<td style=\"padding-left:2em\">Algorithms"),
        "{page}"
    );
}

#[test]
fn national_id_is_never_shown() {
    let page = profile_html(&profile(), "Profile");
    assert!(!page.contains("15059500136"));
}

#[test]
fn hostile_text_is_escaped_and_nothing_is_loaded_or_run() {
    let mut profile = profile();
    if let Some(person) = profile.person.as_mut() {
        person.name = HOSTILE.into();
        person.summary = HOSTILE.into();
        person.url = "javascript:alert(1)".into();
    }
    profile.education[0].courses[0].title = HOSTILE.into();
    profile.work[0].highlights = vec![HOSTILE.into()];
    profile.references[0].reference = HOSTILE.into();
    let page = profile_html(&profile, HOSTILE);
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;img src=http://evil.example/x.png&gt;";
    assert_eq!(
        page.matches(escaped).count(),
        7,
        "title, heading and five fields"
    );
    let lower = page.to_lowercase();
    for forbidden in [
        "<script", "<img", "<link", "<a ", "<iframe", "src=\"", "href=", "url(", "@import",
    ] {
        assert!(!lower.contains(forbidden), "{forbidden} in\n{page}");
    }
    let resources = lower.matches("http").count();
    let in_text = lower.matches("src=http://").count();
    let in_policy = lower.matches("http-equiv").count();
    assert_eq!(
        resources,
        in_text + in_policy,
        "http only in escaped text and the policy"
    );
}

#[test]
fn page_forbids_every_fetch() {
    let page = profile_html(&Profile::default(), "Empty");
    assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert!(!page.contains("<section>"), "no empty sections");
}

#[test]
fn withheld_fields_leave_no_gaps() {
    let mut profile = profile();
    profile.work[0].name = String::new();
    if let Some(person) = profile.person.as_mut() {
        person.name = String::new();
    }
    let page = profile_html(&profile, "Anonymous candidate");
    assert!(!page.contains("<p class=\"name\">"), "no empty name");
    assert!(!page.contains(" ·  · "), "no empty parts");
}
