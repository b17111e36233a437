//! What an applications table and pipeline receive: one short row per application, in
//! the order asked for, a page at a time.
//!
//! A vault can hold ten thousand applications. Sending them all to the app's window, with
//! their notes and histories, cost it tens of megabytes it never gave back, for a table
//! that shows a hundred rows. So the search, the order and the paging happen here, a page
//! holds only the rows it shows, and one whole application is read when the person opens
//! it.
//!
//! Names sort as a person reading the list in their language expects, by ICU4X's collation
//! for that language at primary strength with numeric ordering: case and accents do not
//! matter, numbers go by value ("Company 9" before "Company 10"), and in bokmål æ, ø and å
//! come after z.

use std::cmp::Ordering;
use std::collections::HashMap;

use candor_model::{Application, ApplicationStatus, Day, Timestamp};
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;
use serde::{Deserialize, Serialize};

use crate::applications::ApplicationQuery;
use crate::error::Result;
use crate::records::Entry;
use crate::vault::Vault;

/// The order of names in one language.
pub struct Collation(CollatorBorrowed<'static>);

impl Collation {
    /// For `language`, a BCP 47 tag ("nb", "en"); a tag ICU does not know, or no tag, sorts
    /// in the root order that most languages share.
    pub fn new(language: &str) -> Collation {
        let locale: Locale = language.parse().unwrap_or(Locale::UNKNOWN);
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Primary);
        let preferences = |locale: &Locale| {
            let mut preferences = CollatorPreferences::from(locale);
            preferences.numeric_ordering = Some(CollationNumericOrdering::True);
            preferences
        };
        let collator = Collator::try_new(preferences(&locale), options)
            .or_else(|_| Collator::try_new(preferences(&Locale::UNKNOWN), options))
            .expect("the compiled collation data holds the root order");
        Collation(collator)
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.0.compare(a, b)
    }
}

impl std::fmt::Debug for Collation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Collation")
    }
}

/// An application as a row of the table or a card of the pipeline: what they show, no more.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct ApplicationOrder {
    pub key: SortKey,
    pub ascending: bool,
}

/// One page of the table.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct Pipeline {
    /// Every application in the vault, matching or not.
    pub total: u32,
    /// The applications that match the search, over all columns.
    pub matched: u32,
    pub columns: Vec<PipelineColumn>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct PipelineColumn {
    pub status: ApplicationStatus,
    /// The matching applications in this status; `rows` may hold fewer.
    pub matched: u32,
    pub rows: Vec<ApplicationSummary>,
}

impl Vault {
    /// The page of `limit` rows starting at `offset` among the applications matching
    /// `query`, in `order`, names sorted as `language` sorts them.
    pub fn application_page(
        &self,
        query: &ApplicationQuery,
        order: ApplicationOrder,
        offset: u32,
        limit: u32,
        language: &str,
    ) -> Result<ApplicationPage> {
        let all = self.list::<Application>()?;
        Ok(page(
            all,
            query,
            order,
            offset,
            limit,
            &Collation::new(language),
        ))
    }

    /// The pipeline of the applications matching `query`: each column in `order`, holding
    /// at most as many rows as `limits` gives for its status.
    pub fn application_pipeline(
        &self,
        query: &ApplicationQuery,
        order: ApplicationOrder,
        limits: &HashMap<ApplicationStatus, u32>,
        language: &str,
    ) -> Result<Pipeline> {
        let all = self.list::<Application>()?;
        Ok(pipeline(
            all,
            query,
            order,
            limits,
            &Collation::new(language),
        ))
    }
}

/// The page of `limit` rows starting at `offset` among the applications matching `query`,
/// in `order`.
fn page(
    applications: Vec<Entry<Application>>,
    query: &ApplicationQuery,
    order: ApplicationOrder,
    offset: u32,
    limit: u32,
    collation: &Collation,
) -> ApplicationPage {
    let total = count(applications.len());
    let rows = matching(applications, query, order, collation);
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
fn pipeline(
    applications: Vec<Entry<Application>>,
    query: &ApplicationQuery,
    order: ApplicationOrder,
    limits: &HashMap<ApplicationStatus, u32>,
    collation: &Collation,
) -> Pipeline {
    let total = count(applications.len());
    let rows = matching(applications, query, order, collation);
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
    collation: &Collation,
) -> Vec<ApplicationSummary> {
    let mut rows: Vec<ApplicationSummary> = applications
        .into_iter()
        .filter(|entry| query.matches(&entry.value))
        .map(ApplicationSummary::of)
        .collect();
    rows.sort_by(|a, b| compare(a, b, order, collation));
    rows
}

/// The chosen column in the chosen direction; ties by company, then newest first, then by
/// id, so that every row has one place and pages neither repeat nor skip a row.
/// Applications without a next step come last whichever way next steps are sorted.
fn compare(
    a: &ApplicationSummary,
    b: &ApplicationSummary,
    order: ApplicationOrder,
    collation: &Collation,
) -> Ordering {
    let directed = |ordering: Ordering| {
        if order.ascending {
            ordering
        } else {
            ordering.reverse()
        }
    };
    let primary = match order.key {
        SortKey::Company => directed(collation.compare(&a.company, &b.company)),
        SortKey::Position => directed(collation.compare(&a.position, &b.position)),
        SortKey::Status => directed(status_rank(a.status).cmp(&status_rank(b.status))),
        SortKey::Created => directed(a.created_at.cmp(&b.created_at)),
        SortKey::NextDate => match (a.next_step_date, b.next_step_date) {
            (Some(x), Some(y)) => directed(x.cmp(&y)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    };
    primary
        .then_with(|| collation.compare(&a.company, &b.company))
        .then_with(|| b.created_at.cmp(&a.created_at))
        .then_with(|| a.id.cmp(&b.id))
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

    /// Sorted as a bokmål page sorts.
    fn page(
        applications: Vec<Entry<Application>>,
        query: &ApplicationQuery,
        order: ApplicationOrder,
        offset: u32,
        limit: u32,
    ) -> ApplicationPage {
        super::page(
            applications,
            query,
            order,
            offset,
            limit,
            &Collation::new("nb"),
        )
    }

    fn pipeline(
        applications: Vec<Entry<Application>>,
        query: &ApplicationQuery,
        order: ApplicationOrder,
        limits: &HashMap<ApplicationStatus, u32>,
    ) -> Pipeline {
        super::pipeline(applications, query, order, limits, &Collation::new("nb"))
    }

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

#[cfg(test)]
mod collation_tests {
    use std::cmp::Ordering;

    use super::*;

    /// As a bokmål page sorts.
    fn compare(a: &str, b: &str) -> Ordering {
        Collation::new("nb").compare(a, b)
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        names.sort_by(|a, b| compare(a, b));
        names
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(compare("equinor", "EQUINOR"), Ordering::Equal);
        assert_eq!(sorted(&["bekk", "Aker", "DNB"]), ["Aker", "bekk", "DNB"]);
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&["Company 10", "Company 9", "Company 100", "Company 09"]),
            ["Company 9", "Company 09", "Company 10", "Company 100"]
        );
        assert_eq!(
            sorted(&["x99999999999999999999999", "x100000000000000000000000"]),
            ["x99999999999999999999999", "x100000000000000000000000"],
            "numbers longer than any integer type still compare by value"
        );
    }

    #[test]
    fn digits_come_before_letters() {
        assert_eq!(sorted(&["Vy", "3Shape", "Aker"]), ["3Shape", "Aker", "Vy"]);
    }

    #[test]
    fn norwegian_letters_follow_z_in_alphabet_order() {
        assert_eq!(
            sorted(&["Åsane", "Ølen", "Ærfugl", "Zalando", "Aker"]),
            ["Aker", "Zalando", "Ærfugl", "Ølen", "Åsane"]
        );
    }

    #[test]
    fn accents_are_ignored() {
        assert_eq!(compare("École", "ecole"), Ordering::Equal);
        assert_eq!(
            sorted(&["Fjord", "Équinor", "Dnb"]),
            ["Dnb", "Équinor", "Fjord"]
        );
    }

    #[test]
    fn a_prefix_sorts_first() {
        assert_eq!(sorted(&["DNB Markets", "DNB"]), ["DNB", "DNB Markets"]);
        assert_eq!(compare("", "A"), Ordering::Less);
    }

    #[test]
    fn an_english_page_sorts_a_ring_with_a() {
        let english = Collation::new("en");
        let mut names = vec!["Zalando", "Åsane", "Aker"];
        names.sort_by(|a, b| english.compare(a, b));
        assert_eq!(names, ["Aker", "Åsane", "Zalando"]);
    }

    #[test]
    fn an_unknown_language_sorts_in_the_root_order() {
        let unknown = Collation::new("not a language tag");
        assert_eq!(unknown.compare("Company 9", "company 10"), Ordering::Less);
    }
}
