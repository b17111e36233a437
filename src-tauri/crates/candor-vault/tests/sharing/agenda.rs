//! What is due, as the Today screen, `candor agenda` and the calendar export read it: open
//! applications' next steps, answers owed to requests, shares coming to their delete-by
//! day; and a notification at most once per item per local day, remembered in the vault.

use super::*;
use candor_bundle::RequestKind;
use candor_model::{Application, ApplicationStatus, Day, Lang, PeopleTime};
use candor_vault::{DueItem, DueWhat, OpenVault, Urgency};

fn utc() -> PeopleTime {
    PeopleTime::utc()
}

fn day_of(at: Timestamp) -> Day {
    utc().local_day(at).expect("a day")
}

fn application(company: &str, step: Option<&str>, on: Timestamp) -> Application {
    let mut application = Application::new(company, "Backend developer", Timestamp::now());
    application.next_step = step.map(str::to_owned);
    application.next_step_date = Some(day_of(on));
    application
}

fn kinds(items: &[DueItem]) -> Vec<(&'static str, Urgency, i64)> {
    items
        .iter()
        .map(|item| {
            let kind = match item.what {
                DueWhat::NextStep { .. } => "next step",
                DueWhat::Answer { .. } => "answer",
                DueWhat::ShareExpires { .. } => "share expires",
            };
            (kind, item.urgency, item.days)
        })
        .collect()
}

#[test]
fn the_agenda_lists_open_next_steps_answers_owed_and_coming_expiries_by_day() {
    let mut w = world();
    let now = Timestamp::now();
    w.seeker
        .insert(&application("DNB", Some("Second interview"), in_days(2)))
        .expect("adds");
    w.seeker
        .insert(&application("Equinor", None, in_days(-3)))
        .expect("adds");
    let mut closed = application("Aker BP", Some("Call back"), in_days(-1));
    closed.status = ApplicationStatus::Rejected;
    w.seeker.insert(&closed).expect("adds");
    let share = shared_and_imported(&mut w, ViewKind::Full, "share");

    let items = w.seeker.agenda(now, &utc()).expect("the agenda");
    assert_eq!(
        kinds(&items),
        [
            ("next step", Urgency::Overdue, -3),
            ("next step", Urgency::Soon, 2),
            ("share expires", Urgency::Later, 30),
        ],
        "a closed application's step is not due; overdue first, then by day"
    );
    assert_eq!(
        items[0].title(Lang::En),
        "Next step — Equinor, Backend developer"
    );
    assert_eq!(
        items[1].title(Lang::Nb),
        "Second interview — DNB, Backend developer"
    );
    assert_eq!(
        items[2].title(Lang::En),
        "Fjordkraft Data AS must delete what you shared"
    );
    assert_eq!(items[2].stable_id, format!("share-expires-{share}"));

    let notice = w.path("deletion.candor");
    w.seeker
        .request(
            RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            now,
        )
        .expect("writes the notice");
    let items = w.seeker.agenda(now, &utc()).expect("the agenda");
    let answer = items
        .iter()
        .find(|item| matches!(item.what, DueWhat::Answer { .. }))
        .expect("the answer owed is due");
    assert_eq!(
        answer.title(Lang::Nb),
        "Fjordkraft Data AS skal svare på kravet ditt om sletting"
    );
    assert!(
        !items
            .iter()
            .any(|item| matches!(item.what, DueWhat::ShareExpires { .. })),
        "a share asked to be deleted no longer waits for its delete-by day"
    );

    let answered = w
        .employer
        .answer_notice(File::open(&notice).expect("opens"), now, None)
        .expect("answers");
    w.seeker
        .import_answer(Cursor::new(answered.answer_bundle), now)
        .expect("the receipt verifies");
    let items = w.seeker.agenda(now, &utc()).expect("the agenda");
    assert_eq!(
        kinds(&items),
        [
            ("next step", Urgency::Overdue, -3),
            ("next step", Urgency::Soon, 2)
        ],
        "an answered request is no longer due"
    );
}

#[test]
fn an_item_due_is_notified_once_a_day_even_across_unlocks() {
    let mut w = world();
    let now = Timestamp::now();
    w.seeker
        .insert(&application(
            "Equinor",
            Some("Send references"),
            in_days(-1),
        ))
        .expect("adds");
    w.seeker
        .insert(&application("DNB", Some("Interview"), in_days(0)))
        .expect("adds");
    w.seeker
        .insert(&application("Statnett", Some("Interview"), in_days(5)))
        .expect("adds");

    let first = w.seeker.take_due_to_notify(now, &utc()).expect("due");
    let titles: Vec<String> = first.iter().map(|item| item.title(Lang::En)).collect();
    assert_eq!(
        titles,
        [
            "Send references — Equinor, Backend developer",
            "Interview — DNB, Backend developer"
        ],
        "overdue and today's items, not the one in five days"
    );
    assert!(
        w.seeker
            .take_due_to_notify(now, &utc())
            .expect("due")
            .is_empty(),
        "the same day, nothing again"
    );

    let path = w.path("seeker.candor");
    drop(w.seeker);
    let OpenVault::Seeker(mut reopened) = OpenVault::open(&path, &passphrase()).expect("unlocks")
    else {
        panic!("the seeker's vault");
    };
    assert!(
        reopened
            .take_due_to_notify(now, &utc())
            .expect("due")
            .is_empty(),
        "unlocking again the same day notifies nothing: the vault remembers"
    );
    let tomorrow = in_days(1);
    let next_day = reopened.take_due_to_notify(tomorrow, &utc()).expect("due");
    assert_eq!(
        next_day.len(),
        2,
        "the next day, the two still due are notified again"
    );
}
