//! An iCalendar file (RFC 5545) of whole-day events, for calendar programs to import.
//!
//! Each event keeps the `UID` it is given, so importing a later export of the same items
//! updates the events already in the calendar instead of adding copies. Text is escaped
//! (`\`, `;`, `,`, line breaks) and lines are folded at 75 octets without splitting a
//! UTF-8 character; lines end in CRLF, as the standard asks.

use candor_model::{Day, Timestamp};

/// One whole-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across exports: the same item always has the same UID.
    pub uid: String,
    pub day: Day,
    /// The title calendar programs show.
    pub summary: String,
    pub description: String,
}

/// The longest line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// `events` as an iCalendar file, stamped `now` (`DTSTAMP`: when the file was made).
pub fn calendar_ics(events: &[CalendarEvent], name: &str, now: Timestamp) -> String {
    let stamp = now.as_offset_date_time();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        u8::from(stamp.month()),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Candor//Candor agenda//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        let date = event.day.as_date();
        let next = date.next_day().unwrap_or(date);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&event.uid)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", ics_date(date)));
        line(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        line(format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

fn ics_date(date: time::Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// TEXT as RFC 5545 §3.3.11 writes it.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends `line` folded into lines of at most [`LINE_OCTETS`] octets, each continuation
/// starting with a space, every line ending in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut room = LINE_OCTETS;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            room = LINE_OCTETS - 1;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(uid: &str, day: &str, summary: &str) -> CalendarEvent {
        CalendarEvent {
            uid: uid.into(),
            day: day.parse().expect("a day"),
            summary: summary.into(),
            description: String::new(),
        }
    }

    fn now() -> Timestamp {
        "2026-12-04T08:30:00Z".parse().expect("a time")
    }

    #[test]
    fn a_whole_day_event_starts_on_its_day_and_ends_the_next() {
        let ics = calendar_ics(
            &[event("a@candor", "2026-12-31", "Interview")],
            "Job hunt",
            now(),
        );
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20261231\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTEND;VALUE=DATE:20270101\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTSTAMP:20261204T083000Z\r\n"), "{ics}");
        assert!(ics.contains("\r\nUID:a@candor\r\n"), "{ics}");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn text_is_escaped_so_it_cannot_end_a_property_or_start_another() {
        let ics = calendar_ics(
            &[event(
                "a",
                "2026-12-31",
                "DNB; Backend, Oslo\\\nEND:VEVENT\r\nBEGIN:VEVENT",
            )],
            "x",
            now(),
        );
        assert!(
            ics.contains("SUMMARY:DNB\\; Backend\\, Oslo\\\\\\nEND:VEVENT\\nBEGIN:VEVENT\r\n"),
            "{ics}"
        );
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            2,
            "one event and the text"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let summary = "æøå ".repeat(40);
        let ics = calendar_ics(&[event("a", "2026-12-31", &summary)], "x", now());
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= LINE_OCTETS,
                "{line:?} is {} octets",
                line.len()
            );
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!("SUMMARY:{summary}\r\n")),
            "unfolding gives the text back"
        );
    }
}
