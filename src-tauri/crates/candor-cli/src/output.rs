//! Printing results: JSON for scripts, aligned text for people.

use serde::Serialize;

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("command output always serializes")
    );
}

/// Prints rows as columns separated by two spaces, each as wide as its widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<width$}  "));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// "" for None, the value otherwise.
pub fn or_blank<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The day of `at` for people, in the local time zone: "3 December 2026".
pub fn day(at: candor_model::Timestamp) -> String {
    candor_model::PeopleTime::system().day(at, candor_model::Lang::En)
}

/// The day and minute of `at` for people, in the local time zone: "3 December 2026, 17:14".
pub fn minute(at: candor_model::Timestamp) -> String {
    candor_model::PeopleTime::system().minute(at, candor_model::Lang::En)
}
