//! A CSV file read loosely: the header row found among the first rows (LinkedIn puts notes
//! above some), columns matched by name whatever their case, spacing, order or a byte
//! order mark, missing columns read as empty, and every field size-capped.

use std::borrow::Cow;

use crate::ImportError;

/// The largest single CSV field read: 256 KiB, far above any profile text.
pub const MAX_CSV_FIELD_BYTES: u64 = 256 * 1024;

/// A CSV file's header and rows.
#[derive(Debug)]
pub(crate) struct Table {
    /// The file's name in the zip, for messages.
    pub file: String,
    /// The header row as written (BOM removed).
    headers: Vec<String>,
    /// The header row, [normalized](normalize).
    keys: Vec<String>,
    rows: Vec<Row>,
}

/// One data row and the line it starts on.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: u32,
    cells: Vec<String>,
}

/// A header name for comparison: lower case, letters and digits only ("Started On" and
/// "started_on" are both "startedon").
pub(crate) fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Table {
    /// Reads `bytes` as CSV; the header is the first row that names one of `known` columns.
    /// A file without such a row has no rows.
    pub fn parse(file: &str, bytes: &[u8], known: &[&str]) -> Result<Table, ImportError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let known: Vec<String> = known.iter().map(|k| normalize(k)).collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut table = Table {
            file: file.to_owned(),
            headers: Vec::new(),
            keys: Vec::new(),
            rows: Vec::new(),
        };
        let mut record = csv::ByteRecord::new();
        loop {
            let more = reader
                .read_byte_record(&mut record)
                .map_err(|e| ImportError::BadCsv {
                    file: file.to_owned(),
                    line: line_of(e.position()),
                    reason: e.to_string(),
                })?;
            if !more {
                break;
            }
            let line = line_of(record.position());
            if record
                .iter()
                .any(|field| field.len() as u64 > MAX_CSV_FIELD_BYTES)
            {
                return Err(ImportError::CsvFieldTooLarge {
                    file: file.to_owned(),
                    line,
                    limit: MAX_CSV_FIELD_BYTES,
                });
            }
            let cells: Vec<String> = record.iter().map(text).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if table.keys.is_empty() {
                let keys: Vec<String> = cells.iter().map(|c| normalize(c)).collect();
                if keys.iter().any(|k| known.contains(k)) {
                    table.headers = cells.iter().map(|c| c.trim().to_owned()).collect();
                    table.keys = keys;
                }
                continue;
            }
            table.rows.push(Row { line, cells });
        }
        Ok(table)
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The trimmed cell of `row` under the column named `name` (matched loosely); empty
    /// when the file has no such column or the row is short.
    pub fn get<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        let key = normalize(name);
        self.keys
            .iter()
            .position(|k| *k == key)
            .and_then(|i| row.cells.get(i))
            .map_or("", |cell| cell.trim())
    }

    /// The non-empty cells of `row` in columns other than `used`, as (header, value).
    pub fn others<'a>(&'a self, row: &'a Row, used: &[&str]) -> Vec<(&'a str, &'a str)> {
        let used: Vec<String> = used.iter().map(|u| normalize(u)).collect();
        row.cells
            .iter()
            .enumerate()
            .filter(|(i, cell)| {
                !cell.trim().is_empty() && self.keys.get(*i).is_none_or(|k| !used.contains(k))
            })
            .map(|(i, cell)| {
                let header = self
                    .headers
                    .get(i)
                    .map_or("(unnamed column)", String::as_str);
                (header, cell.trim())
            })
            .collect()
    }
}

/// A field as text: UTF-8, with anything else replaced rather than refused.
fn text(field: &[u8]) -> String {
    match String::from_utf8_lossy(field) {
        Cow::Borrowed(s) => s.to_owned(),
        Cow::Owned(s) => s,
    }
}

fn line_of(position: Option<&csv::Position>) -> u32 {
    position.map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely_and_notes_above_them_are_skipped() {
        let csv = "\u{FEFF}Notes:\n\"Exported by LinkedIn\"\n\nfirst_name,LAST NAME , Extra\nKari,Nordmann,x\n";
        let table = Table::parse("Profile.csv", csv.as_bytes(), &["First Name"]).expect("reads");
        let row = &table.rows()[0];
        assert_eq!(table.get(row, "First Name"), "Kari");
        assert_eq!(table.get(row, "Last Name"), "Nordmann");
        assert_eq!(table.get(row, "Headline"), "", "a missing column is empty");
        assert_eq!(
            table.others(row, &["First Name", "Last Name"]),
            vec![("Extra", "x")]
        );
    }

    #[test]
    fn quoted_fields_keep_their_line_breaks_and_rows_keep_their_line() {
        let csv = "Title,Description\nA,\"line one\nline two\"\nB,short\n";
        let table = Table::parse("Projects.csv", csv.as_bytes(), &["Title"]).expect("reads");
        assert_eq!(
            table.get(&table.rows()[0], "Description"),
            "line one\nline two"
        );
        assert_eq!(table.rows()[1].line, 4);
    }

    #[test]
    fn a_field_over_the_cap_is_refused_with_its_line() {
        let csv = format!("Name\nRust\n{}\n", "x".repeat(300 * 1024));
        let error = Table::parse("Skills.csv", csv.as_bytes(), &["Name"]).expect_err("too big");
        assert_eq!(
            error,
            ImportError::CsvFieldTooLarge {
                file: "Skills.csv".into(),
                line: 3,
                limit: MAX_CSV_FIELD_BYTES
            }
        );
    }
}
