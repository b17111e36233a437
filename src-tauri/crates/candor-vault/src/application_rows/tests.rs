//! Rows, order, filters and pages of the applications table and pipeline.

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
            has_letter: false,
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
