//! Desktop notifications of what is due, while the app is open: at unlock, and when items
//! fall due, which happens when the local day turns (checked every minute, so a step due
//! today is announced soon after midnight; the agenda is read only when the day has
//! changed, not every minute). Each item is announced at most once per local day; the vault remembers which.
//! Several items due at once make one notification, not a flood.

use std::sync::Mutex;

use candor_model::{Day, Lang, PeopleTime};
use candor_vault::{DueItem, Urgency};
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// How many items one notification names before it counts the rest.
const NAMED: usize = 4;

/// The local day the agenda was last read for reminders.
static CHECKED_ON: Mutex<Option<Day>> = Mutex::new(None);

/// Announces what fell due when the local day has turned since the last check. An item
/// dated today while the app is open is on the Today screen already; it is announced at
/// the next unlock.
pub fn notify_on_new_day(app: &AppHandle, state: &AppState) {
    let today = PeopleTime::system().today().ok();
    let checked = *CHECKED_ON.lock().unwrap_or_else(|p| p.into_inner());
    if today.is_some() && today != checked {
        notify_due(app, state);
    }
}

/// Announces what is due and was not announced today. A desktop without a notification
/// service shows nothing; the Today screen still lists every item.
pub fn notify_due(app: &AppHandle, state: &AppState) {
    *CHECKED_ON.lock().unwrap_or_else(|p| p.into_inner()) = PeopleTime::system().today().ok();
    let due = state.take_due_to_notify();
    if due.is_empty() {
        return;
    }
    let lang = match state.prefs().language.as_str() {
        "nb" => Lang::Nb,
        _ => Lang::En,
    };
    let (title, body) = message(&due, lang);
    let _ = app.notification().builder().title(title).body(body).show();
}

/// The notification's title and body for `due` (not empty), in `lang`.
pub fn message(due: &[DueItem], lang: Lang) -> (String, String) {
    let overdue = due.iter().any(|item| item.urgency == Urgency::Overdue);
    let title = match (due.len(), overdue, lang) {
        (1, true, Lang::En) => "Overdue".to_owned(),
        (1, true, Lang::Nb) => "På overtid".to_owned(),
        (1, false, Lang::En) => "Due today".to_owned(),
        (1, false, Lang::Nb) => "I dag".to_owned(),
        (count, _, Lang::En) => format!("{count} things are due"),
        (count, _, Lang::Nb) => format!("{count} ting venter"),
    };
    let mut lines: Vec<String> = due
        .iter()
        .take(NAMED)
        .map(|item| item.title(lang))
        .collect();
    let rest = due.len().saturating_sub(NAMED);
    if rest > 0 {
        lines.push(match lang {
            Lang::En => format!("and {rest} more: see Today in Candor"),
            Lang::Nb => format!("og {rest} til: se I dag i Candor"),
        });
    }
    (title, lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_vault::DueWhat;

    fn step(company: &str, days: i64) -> DueItem {
        let json = serde_json::json!({
            "what": {"kind": "nextStep", "applicationId": company, "company": company,
                     "position": "Developer", "step": "Interview"},
            "day": "2026-12-04",
            "urgency": if days < 0 { "overdue" } else { "today" },
            "days": days,
            "stableId": format!("next-step-{company}"),
        });
        serde_json::from_value(json).expect("an item")
    }

    #[test]
    fn one_item_is_named_with_how_late_it_is() {
        let (title, body) = message(&[step("DNB", -2)], Lang::En);
        assert_eq!(title, "Overdue");
        assert_eq!(body, "Interview — DNB, Developer");
        let (title, _) = message(&[step("DNB", 0)], Lang::Nb);
        assert_eq!(title, "I dag");
    }

    #[test]
    fn many_items_make_one_notification_that_counts_the_rest() {
        let due: Vec<DueItem> = ["A", "B", "C", "D", "E", "F"]
            .into_iter()
            .map(|company| step(company, 0))
            .collect();
        assert!(matches!(due[0].what, DueWhat::NextStep { .. }));
        let (title, body) = message(&due, Lang::En);
        assert_eq!(title, "6 things are due");
        assert_eq!(
            body.lines().count(),
            5,
            "four named, then the count: {body}"
        );
        assert!(body.ends_with("and 2 more: see Today in Candor"), "{body}");
    }
}
