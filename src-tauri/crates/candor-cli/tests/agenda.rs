//! `candor agenda`: what is due, grouped and in words, and the same items as an iCalendar
//! file that a calendar library reads, with UIDs that stay the same from one export to the
//! next.

mod common;

use std::collections::BTreeMap;

use candor_model::{Day, Timestamp};
use common::{assert_refused, people_time, Sandbox};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

/// Today in the tests' zone, moved by `days`.
fn day(days: i64) -> Day {
    let today = people_time()
        .local_day(Timestamp::now())
        .expect("today")
        .as_date();
    Day::try_from(today + time::Duration::days(days)).expect("a day")
}

fn add(sandbox: &Sandbox, company: &str, step: &str, on: Day) -> String {
    let on = on.to_string();
    let added = sandbox.json(&[
        "apply",
        "add",
        "--company",
        company,
        "--position",
        "Backend developer",
        "--next-step",
        step,
        "--next-date",
        &on,
    ]);
    added["id"].as_str().expect("an id").to_owned()
}

fn seeker_with_steps() -> (Sandbox, Vec<String>) {
    let (sandbox, _) = Sandbox::with_vault();
    let ids = vec![
        add(&sandbox, "Equinor", "Send references", day(-2)),
        add(&sandbox, "DNB", "Second interview", day(0)),
        add(&sandbox, "Statnett", "Case presentation", day(3)),
        add(&sandbox, "Kahoot!", "Start date", day(40)),
    ];
    let closed = add(&sandbox, "Aker BP", "Call back", day(-1));
    sandbox.ok(&["apply", "status", &closed, "rejected"]);
    (sandbox, ids)
}

#[test]
fn the_agenda_groups_what_is_due_in_words_and_keeps_later_items_for_all() {
    let (sandbox, ids) = seeker_with_steps();
    let in_words = |days: i64| candor_model::Lang::En.day_in_words(day(days));
    let short = |id: &String| id.chars().take(8).collect::<String>();
    assert_eq!(
        sandbox.ok(&["agenda"]),
        format!(
            "Overdue\n  {}, 2 days ago: Send references — Equinor, Backend developer (application {})\n\
             \n\
             Today\n  {}: Second interview — DNB, Backend developer (application {})\n\
             \n\
             In the next 14 days\n  {}, in 3 days: Case presentation — Statnett, Backend developer (application {})\n\
             \n\
             1 more later; --all lists them.\n",
            in_words(-2),
            short(&ids[0]),
            in_words(0),
            short(&ids[1]),
            in_words(3),
            short(&ids[2]),
        ),
        "the rejected application's step is not due"
    );
    let all = sandbox.ok(&["agenda", "--all"]);
    assert!(
        all.contains(&format!(
            "Later\n  {}, in 40 days: Start date — Kahoot!, Backend developer",
            in_words(40)
        )),
        "{all}"
    );
}

#[test]
fn an_empty_agenda_says_nothing_is_due() {
    let (sandbox, _) = Sandbox::with_vault();
    assert_eq!(
        sandbox.ok(&["agenda"]),
        "Nothing is overdue or due in the next 14 days.\n"
    );
}

/// UID → (day, title) of every event in an iCalendar file, read by a calendar library.
fn events(path: &std::path::Path) -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(path).expect("the calendar");
    let calendar: Calendar = text.parse().expect("a calendar library reads it");
    calendar
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .map(|event| {
            let start = match event.get_start().expect("a start") {
                DatePerhapsTime::Date(date) => date.to_string(),
                other => panic!("a whole-day event, not {other:?}"),
            };
            (
                event.get_uid().expect("a UID").to_owned(),
                (start, event.get_summary().expect("a title").to_owned()),
            )
        })
        .collect()
}

#[test]
fn the_calendar_holds_every_dated_item_and_a_second_export_has_the_same_uids() {
    let (sandbox, ids) = seeker_with_steps();
    let said = sandbox.ok(&["agenda", "--ics", "first.ics", "--lang", "nb"]);
    assert_eq!(
        said,
        "Wrote 4 event(s) to first.ics. Importing a later export into the same calendar \
         updates these events instead of adding copies. The file is not encrypted: delete it \
         once your calendar has it.\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sandbox.path("first.ics"))
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the calendar");
    }
    let first = events(&sandbox.path("first.ics"));
    let expected: BTreeMap<String, (String, String)> = [
        (0, -2, "Send references — Equinor, Backend developer"),
        (1, 0, "Second interview — DNB, Backend developer"),
        (2, 3, "Case presentation — Statnett, Backend developer"),
        (3, 40, "Start date — Kahoot!, Backend developer"),
    ]
    .into_iter()
    .map(|(index, days, title)| {
        (
            format!("next-step-{}@candor", ids[index]),
            (day(days).to_string(), title.to_owned()),
        )
    })
    .collect();
    assert_eq!(first, expected, "every dated item of an open application");

    sandbox.ok(&["apply", "status", &ids[0], "withdrawn"]);
    sandbox.ok(&["agenda", "--ics", "second.ics"]);
    let second = events(&sandbox.path("second.ics"));
    let kept: Vec<&String> = first
        .keys()
        .filter(|uid| second.contains_key(*uid))
        .collect();
    assert_eq!(kept.len(), 3, "the same items keep the same UIDs");
    assert_eq!(second.len(), 3, "and nothing new appears");
}

#[test]
fn an_existing_calendar_file_is_kept_unless_forced() {
    let (sandbox, _) = seeker_with_steps();
    std::fs::write(sandbox.path("agenda.ics"), "mine").expect("writes");
    assert_refused(
        &sandbox.run(&["agenda", "--ics", "agenda.ics"], &common::UNLOCK, None),
        "agenda.ics already exists; choose another file, or add --force to replace it",
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.path("agenda.ics")).expect("kept"),
        "mine"
    );
    sandbox.ok(&["agenda", "--ics", "agenda.ics", "--force"]);
    assert!(std::fs::read_to_string(sandbox.path("agenda.ics"))
        .expect("replaced")
        .starts_with("BEGIN:VCALENDAR"));
}
