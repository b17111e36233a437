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

use crate::roles::SeekerVault;
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
    /// Whether a cover letter is written for it.
    pub has_letter: bool,
}

impl ApplicationSummary {
    fn of(entry: Entry<Application>) -> ApplicationSummary {
        let Entry { id, value, .. } = entry;
        let has_letter = value
            .cover_letter
            .as_ref()
            .is_some_and(|letter| !letter.is_empty());
        ApplicationSummary {
            id,
            company: value.company,
            position: value.position,
            status: value.status,
            created_at: value.created_at,
            next_step: value.next_step,
            next_step_date: value.next_step_date,
            has_letter,
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

impl SeekerVault {
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
mod collation_tests;
#[cfg(test)]
mod tests;
