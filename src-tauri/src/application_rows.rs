//! What the applications table and pipeline receive: one short row per application, in
//! the order asked for, a page at a time.
//!
//! A vault can hold ten thousand applications. Sending them all to the webview, with their
//! notes and histories, cost the window tens of megabytes it never gave back, for a table
//! that shows a hundred rows. So the search, the order and the paging happen here, the page
//! holds only the rows it shows, and it reads one whole application when the person opens
//! it (`get_application`).

use std::cmp::Ordering;
use std::collections::HashMap;

use candor_model::{Application, ApplicationStatus, Day, Timestamp};
use candor_vault::{ApplicationQuery, Entry};
use serde::{Deserialize, Serialize};

use crate::collate::CollationKey;

/// An application as a row of the table or a card of the pipeline: what they show, no more.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    pub id: String,
    pub company: String,
    pub position: String,
    pub status: ApplicationStatus,
    pub created_at: Timestamp,
    pub next_step: Option<String>,
    pub next_step_date: Option<Day>,
}

impl ApplicationSummary {
    fn of(entry: Entry<Application>) -> ApplicationSummary {
        let Entry { id, value, .. } = entry;
        ApplicationSummary {
            id,
            company: value.company,
            position: value.position,
            status: value.status,
            created_at: value.created_at,
            next_step: value.next_step,
            next_step_date: value.next_step_date,
        }
    }
}

/// The column the rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    Company,
    Position,
    /// In the order of an application: draft, applied, interview, …
    Status,
    Created,
    /// Applications without a next step come last, whichever way this is sorted.
    NextDate,
}

/// How the rows are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
pub struct ApplicationOrder {
    pub key: SortKey,
    pub ascending: bool,
}

/// One page of the table.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ApplicationPage {
    /// Every application in the vault, matching or not.
    pub total: u32,
    /// The applications that match the search.
    pub matched: u32,
    /// Where this page starts among the matches: the offset asked for, or the start of the
    /// last page when fewer match than that (after a delete, say).
    pub offset: u32,
    pub rows: Vec<ApplicationSummary>,
}

/// The pipeline: a column per status, in the order of an application.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Pipeline {
    /// Every application in the vault, matching or not.
    pub total: u32,
    /// The applications that match the search, over all columns.
    pub matched: u32,
    pub columns: Vec<PipelineColumn>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PipelineColumn {
    pub status: ApplicationStatus,
    /// The matching applications in this status; `rows` may hold fewer.
    pub matched: u32,
    pub rows: Vec<ApplicationSummary>,
}

/// The page of `limit` rows starting at `offset` among the applications matching `query`,
/// in `order`.
pub fn page(
    applications: Vec<Entry<Application>>,
    query: &ApplicationQuery,
    order: ApplicationOrder,
    offset: u32,
    limit: u32,
) -> ApplicationPage {
    let total = count(applications.len());
    let rows = matching(applications, query, order);
    let matched = count(rows.len());
    let offset = page_start(offset, limit, matched);
    ApplicationPage {
        total,
        matched,
        offset,
        rows: rows
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect(),
    }
}

/// The pipeline of the applications matching `query`, each column in `order` and holding
/// at most as many rows as `limits` gives for its status (none for a status it leaves out).
pub fn pipeline(
    applications: Vec<Entry<Application>>,
    query: &ApplicationQuery,
    order: ApplicationOrder,
    limits: &HashMap<ApplicationStatus, u32>,
) -> Pipeline {
    let total = count(applications.len());
    let rows = matching(applications, query, order);
    let matched = count(rows.len());
    let mut columns: Vec<PipelineColumn> = ApplicationStatus::ALL
        .into_iter()
        .map(|status| PipelineColumn {
            status,
            matched: 0,
            rows: Vec::new(),
        })
        .collect();
    for row in rows {
        let column = &mut columns[status_rank(row.status)];
        column.matched += 1;
        if column.rows.len() < limits.get(&row.status).copied().unwrap_or(0) as usize {
            column.rows.push(row);
        }
    }
    Pipeline {
        total,
        matched,
        columns,
    }
}

/// The applications matching `query` as rows, sorted.
fn matching(
    applications: Vec<Entry<Application>>,
    query: &ApplicationQuery,
    order: ApplicationOrder,
) -> Vec<ApplicationSummary> {
    let mut keyed: Vec<(RowKey, ApplicationSummary)> = applications
        .into_iter()
        .filter(|entry| query.matches(&entry.value))
        .map(ApplicationSummary::of)
        .map(|row| (RowKey::new(&row, order.key), row))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| a.compare(b, order.ascending));
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// What a row sorts by, computed once per row rather than once per comparison.
struct RowKey {
    /// `None` only for a missing next-step date.
    primary: Option<SortValue>,
    company: CollationKey,
    created_at: Timestamp,
    id: String,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Text(CollationKey),
    Rank(usize),
    Time(Timestamp),
    Day(Day),
}

impl RowKey {
    fn new(row: &ApplicationSummary, key: SortKey) -> RowKey {
        let primary = match key {
            SortKey::Company => Some(SortValue::Text(CollationKey::new(&row.company))),
            SortKey::Position => Some(SortValue::Text(CollationKey::new(&row.position))),
            SortKey::Status => Some(SortValue::Rank(status_rank(row.status))),
            SortKey::Created => Some(SortValue::Time(row.created_at)),
            SortKey::NextDate => row.next_step_date.map(SortValue::Day),
        };
        RowKey {
            primary,
            company: CollationKey::new(&row.company),
            created_at: row.created_at,
            id: row.id.clone(),
        }
    }

    /// The chosen column in the chosen direction; ties by company, then newest first, then
    /// by id, so that every row has one place and pages neither repeat nor skip a row.
    fn compare(&self, other: &RowKey, ascending: bool) -> Ordering {
        let primary = match (&self.primary, &other.primary) {
            (Some(a), Some(b)) if ascending => a.cmp(b),
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        primary
            .then_with(|| self.company.cmp(&other.company))
            .then_with(|| other.created_at.cmp(&self.created_at))
            .then_with(|| self.id.cmp(&other.id))
    }
}

fn status_rank(status: ApplicationStatus) -> usize {
    ApplicationStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(ApplicationStatus::ALL.len())
}

/// The start of the page holding `offset`, or of the last page when `offset` is past the
/// end; pages start at multiples of `limit`.
fn page_start(offset: u32, limit: u32, matched: u32) -> u32 {
    let limit = limit.max(1);
    let last = matched.saturating_sub(1) / limit * limit;
    (offset / limit * limit).min(last)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> Timestamp {
        Timestamp::parse(time).expect("a valid time")
    }

    fn day(text: &str) -> Day {
        text.parse().expect("a valid day")
    }

    fn entry(id: &str, company: &str, created: &str) -> Entry<Application> {
        Entry {
            id: id.into(),
            version: 1,
            value: Application::new(company, "", at(created)),
        }
    }

    /// Kartverket (applied, overdue), Equinor (interview), Bekk (rejected), DNB (draft).
    fn sample() -> Vec<Entry<Application>> {
        let mut kartverket = entry("a1", "Kartverket", "2025-02-01T09:00:00Z");
        kartverket.value.position = "Developer".into();
        kartverket.value.status = ApplicationStatus::Applied;
        kartverket.value.next_step_date = Some(day("2025-03-01"));
        let mut equinor = entry("a2", "Equinor", "2025-03-01T09:00:00Z");
        equinor.value.position = "Data engineer".into();
        equinor.value.status = ApplicationStatus::Interview;
        equinor.value.next_step_date = Some(day("2025-04-01"));
        let mut bekk = entry("a3", "Bekk", "2025-01-01T09:00:00Z");
        bekk.value.position = "Consultant".into();
        bekk.value.status = ApplicationStatus::Rejected;
        bekk.value.notes = Some("Too junior".into());
        let dnb = entry("a4", "DNB", "2024-12-01T09:00:00Z");
        vec![kartverket, equinor, bekk, dnb]
    }

    fn by(key: SortKey, ascending: bool) -> ApplicationOrder {
        ApplicationOrder { key, ascending }
    }

    const NEWEST_FIRST: ApplicationOrder = ApplicationOrder {
        key: SortKey::Created,
        ascending: false,
    };

    fn companies(rows: &[ApplicationSummary]) -> Vec<&str> {
        rows.iter().map(|r| r.company.as_str()).collect()
    }

    fn sorted(order: ApplicationOrder) -> Vec<String> {
        let found = page(sample(), &ApplicationQuery::default(), order, 0, 100);
        companies(&found.rows)
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn rows_carry_what_the_table_shows_and_not_notes_or_history() {
        let found = page(sample(), &ApplicationQuery::default(), NEWEST_FIRST, 0, 1);
        assert_eq!(
            found.rows,
            [ApplicationSummary {
                id: "a2".into(),
                company: "Equinor".into(),
                position: "Data engineer".into(),
                status: ApplicationStatus::Interview,
                created_at: at("2025-03-01T09:00:00Z"),
                next_step: None,
                next_step_date: Some(day("2025-04-01")),
            }]
        );
        let json = serde_json::to_string(&found.rows[0]).expect("serializes");
        assert!(
            !json.contains("history") && !json.contains("notes"),
            "{json}"
        );
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        assert_eq!(
            sorted(NEWEST_FIRST),
            ["Equinor", "Kartverket", "Bekk", "DNB"]
        );
        assert_eq!(
            sorted(by(SortKey::Company, true)),
            ["Bekk", "DNB", "Equinor", "Kartverket"]
        );
        assert_eq!(
            sorted(by(SortKey::Company, false)),
            ["Kartverket", "Equinor", "DNB", "Bekk"]
        );
        assert_eq!(
            sorted(by(SortKey::Position, true)),
            ["DNB", "Bekk", "Equinor", "Kartverket"],
            "an empty position sorts first"
        );
        assert_eq!(
            sorted(by(SortKey::Status, true)),
            ["DNB", "Kartverket", "Equinor", "Bekk"],
            "in the order of an application"
        );
    }

    #[test]
    fn applications_without_a_next_step_sort_last_either_way() {
        assert_eq!(
            sorted(by(SortKey::NextDate, true)),
            ["Kartverket", "Equinor", "Bekk", "DNB"]
        );
        assert_eq!(
            sorted(by(SortKey::NextDate, false)),
            ["Equinor", "Kartverket", "Bekk", "DNB"]
        );
    }

    #[test]
    fn ties_go_by_company_then_newest_first() {
        let applications = vec![
            entry("x1", "Vy", "2025-01-01T09:00:00Z"),
            entry("x2", "Aker", "2025-01-01T09:00:00Z"),
            entry("x3", "Aker", "2025-02-01T09:00:00Z"),
        ];
        let found = page(
            applications,
            &ApplicationQuery::default(),
            by(SortKey::Status, false),
            0,
            10,
        );
        let ids: Vec<&str> = found.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["x3", "x2", "x1"]);
    }

    #[test]
    fn filters_by_status_and_by_text_in_the_notes() {
        let interviews = ApplicationQuery {
            status: Some(ApplicationStatus::Interview),
            ..Default::default()
        };
        let found = page(sample(), &interviews, NEWEST_FIRST, 0, 100);
        assert_eq!(companies(&found.rows), ["Equinor"]);
        assert_eq!((found.total, found.matched), (4, 1));

        let junior = ApplicationQuery {
            text: Some("JUNIOR".into()),
            ..Default::default()
        };
        let found = page(sample(), &junior, NEWEST_FIRST, 0, 100);
        assert_eq!(companies(&found.rows), ["Bekk"]);
    }

    #[test]
    fn pages_cover_every_match_once_in_order() {
        let applications: Vec<_> = (0..250)
            .map(|i| {
                entry(
                    &format!("id{i:03}"),
                    &format!("Company {i}"),
                    "2025-01-01T09:00:00Z",
                )
            })
            .collect();
        let order = by(SortKey::Company, true);
        let query = ApplicationQuery::default();
        let mut seen = Vec::new();
        for offset in [0, 100, 200] {
            let found = page(applications.clone(), &query, order, offset, 100);
            assert_eq!(
                (found.total, found.matched, found.offset),
                (250, 250, offset)
            );
            seen.extend(found.rows.into_iter().map(|r| r.company));
        }
        let expected: Vec<String> = (0..250).map(|i| format!("Company {i}")).collect();
        assert_eq!(seen, expected, "numbers in names sort by value");
    }

    #[test]
    fn an_offset_past_the_end_gives_the_last_page() {
        let found = page(sample(), &ApplicationQuery::default(), NEWEST_FIRST, 900, 3);
        assert_eq!(found.offset, 3);
        assert_eq!(companies(&found.rows), ["DNB"]);
        let none = ApplicationQuery {
            text: Some("nothing like this".into()),
            ..Default::default()
        };
        let found = page(sample(), &none, NEWEST_FIRST, 300, 100);
        assert_eq!((found.matched, found.offset, found.rows.len()), (0, 0, 0));
    }

    #[test]
    fn an_offset_inside_a_page_starts_at_that_page() {
        let found = page(sample(), &ApplicationQuery::default(), NEWEST_FIRST, 3, 2);
        assert_eq!(found.offset, 2);
        assert_eq!(companies(&found.rows), ["Bekk", "DNB"]);
    }

    #[test]
    fn pipeline_has_every_status_in_order_with_counts_and_at_most_its_limit() {
        let mut applications = sample();
        applications.push(entry("a5", "Vy", "2025-05-01T09:00:00Z"));
        let limits = HashMap::from([
            (ApplicationStatus::Draft, 1),
            (ApplicationStatus::Applied, 50),
            (ApplicationStatus::Interview, 50),
        ]);
        let board = pipeline(
            applications,
            &ApplicationQuery::default(),
            NEWEST_FIRST,
            &limits,
        );
        assert_eq!((board.total, board.matched), (5, 5));
        let statuses: Vec<_> = board.columns.iter().map(|c| c.status).collect();
        assert_eq!(statuses, ApplicationStatus::ALL);
        let draft = &board.columns[0];
        assert_eq!(draft.matched, 2);
        assert_eq!(
            companies(&draft.rows),
            ["Vy"],
            "the newest draft, up to its limit"
        );
        assert_eq!(companies(&board.columns[1].rows), ["Kartverket"]);
        let rejected = &board.columns[5];
        assert_eq!(
            (rejected.matched, rejected.rows.len()),
            (1, 0),
            "no limit given"
        );
    }
}
