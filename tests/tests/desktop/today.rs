//! Today in the real window: what is due at unlock, each item a click from its place, the
//! calendar saved through the file dialog; and one desktop notification for an overdue
//! step at the first unlock of the day, none at the second, read back from a real
//! notification server (Debian's `dunst`, on the test's own D-Bus session).

use candor_model::{Application, Day, PeopleTime, Timestamp};

use super::sharing::{parties, unlock, Parties};
use super::*;

/// The local day `days` from today, as the app (same `TZ`) counts days.
fn day(days: i64) -> Day {
    let at =
        Timestamp::try_from(Timestamp::now().as_offset_date_time() + time::Duration::days(days))
            .expect("a time");
    PeopleTime::system().local_day(at).expect("a day")
}

/// A notification server on this test's session bus, stopped when dropped. An earlier test
/// of the same session may already have started one (D-Bus starts dunst when an app
/// notifies): then that one answers, and only what arrives after the start counts.
struct Notifications {
    child: Child,
    before: usize,
}

impl Notifications {
    fn start() -> Notifications {
        let child = Command::new("dunst")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst starts (make deps installs it)");
        let mut server = Notifications { child, before: 0 };
        let deadline = Instant::now() + Duration::from_secs(20);
        while server.dunstctl(&["count", "history"]).is_none() {
            assert!(
                Instant::now() < deadline,
                "dunst answers on the session bus"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        server.before = server.total();
        server
    }

    fn dunstctl(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("dunstctl").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// The notifications received since this test started.
    fn received(&self) -> usize {
        self.total() - self.before
    }

    /// Every notification the server holds, shown, waiting or closed.
    fn total(&self) -> usize {
        ["displayed", "history", "waiting"]
            .iter()
            .map(|which| {
                self.dunstctl(&["count", which])
                    .and_then(|count| count.parse::<usize>().ok())
                    .unwrap_or(0)
            })
            .sum()
    }

    /// The summaries and bodies of every notification the server holds, once all are
    /// closed into history.
    fn history(&self) -> String {
        self.dunstctl(&["close-all"]);
        self.dunstctl(&["history"]).unwrap_or_default()
    }
}

impl Drop for Notifications {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn today_lists_what_is_due_notifies_once_a_day_and_exports_a_calendar() {
    let scene = Scene::new();
    let notifications = Notifications::start();
    let mut world = candor_testkit::WorldBuilder::new().build();
    let mut overdue = Application::new("Equinor", "Backend developer", Timestamp::now());
    overdue.next_step = Some("Send references".into());
    overdue.next_step_date = Some(day(-2));
    let mut soon = Application::new("DNB", "Developer", Timestamp::now());
    soon.next_step = Some("Second interview".into());
    soon.next_step_date = Some(day(3));
    for application in [&overdue, &soon] {
        world
            .seeker
            .insert(application)
            .expect("the application is stored");
    }
    let Parties { _dir, seeker, .. } = parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);

    // The vault opens on Today, overdue first.
    let late = s.wait_text("today-overdue", "the overdue step", |t| {
        t.contains("Send references — Equinor, Backend developer")
    });
    assert!(late.contains("(2 days ago)"), "{late}");
    let next = s.wait_text("today-soon", "the step in three days", |t| {
        t.contains("Second interview — DNB, Developer")
    });
    assert!(next.contains("(in 3 days)"), "{next}");
    shot(&s, &scene, "46-today");

    // One notification for the one item due, from the unlock.
    let deadline = Instant::now() + Duration::from_secs(20);
    while notifications.received() == 0 {
        assert!(Instant::now() < deadline, "a notification arrives");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        notifications.received(),
        1,
        "one item due, one notification"
    );
    let history = notifications.history();
    assert!(history.contains("Overdue"), "{history}");
    assert!(
        history.contains("Send references — Equinor, Backend developer"),
        "{history}"
    );
    assert!(
        !history.contains("DNB"),
        "the step in three days is not due"
    );

    // The item opens the application itself.
    s.click(&s.find_all("[data-testid=\"today-overdue\"] button")[0]);
    s.wait_text(
        "application-detail",
        "the application opened from Today",
        |t| t.contains("Equinor"),
    );

    // Lock and unlock the same day: no second notification.
    s.click(&s.by_id("lock-button"));
    s.fill("unlock-passphrase", candor_testkit::PASSPHRASE);
    s.click(&s.by_id("unlock-submit"));
    s.wait_text("today-overdue", "Today again", |t| t.contains("Equinor"));
    // The unlock has returned and the page has drawn since: a notification it sent would
    // be on the bus by now; give it as long as the first one had.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        notifications.received(),
        1,
        "the vault remembers the item was announced today"
    );

    // Add to calendar: an .ics file where the dialog said, for its owner only.
    let ics = scene.dir.path().join("agenda.ics");
    scene.next_dialog_answer(&ics);
    s.click(&s.by_id("today-calendar"));
    let said = s.wait_text("today-status", "where the calendar was saved", |t| {
        t.contains("agenda.ics")
    });
    assert!(said.contains("not encrypted"), "{said}");
    let text = std::fs::read_to_string(&ics).expect("the calendar was written");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2, "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ics)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read it");
    }
    shot(&s, &scene, "47-today-calendar");
    s.end();
}
