//! Partial dates, days and timestamps: what parses, what is refused and why, how they
//! order and how they look in JSON.

use candor_model::{DateReason, Day, PartialDate, Problem, Timestamp};

fn reason(s: &str) -> DateReason {
    match s.parse::<PartialDate>() {
        Err(Problem::BadDate { value, reason }) => {
            assert_eq!(value, s, "the error quotes the input");
            reason
        }
        other => panic!("expected a bad date for {s:?}, got {other:?}"),
    }
}

#[test]
fn partial_dates_of_every_precision_parse_and_display_as_given() {
    for s in ["2019", "2019-06", "2019-06-29", "1900", "2200-12-31"] {
        let date: PartialDate = s.parse().expect("valid date");
        assert_eq!(date.to_string(), s);
    }
    let date: PartialDate = "2019-06".parse().expect("valid date");
    assert_eq!(
        (date.year(), date.month(), date.day()),
        (2019, Some(6), None)
    );
}

#[test]
fn text_that_is_not_a_date_is_refused_as_such() {
    for s in [
        "",
        "19",
        "2019-6",
        "2019-06-1",
        "June 2019",
        "2019-06-29-01",
        "2019/06",
        "+2019",
        "2019-",
    ] {
        assert_eq!(reason(s), DateReason::NotADate, "{s:?}");
    }
}

#[test]
fn month_outside_one_to_twelve_is_refused() {
    assert_eq!(reason("2019-13"), DateReason::MonthOutOfRange);
    assert_eq!(reason("2019-00-10"), DateReason::MonthOutOfRange);
}

#[test]
fn day_not_in_the_month_is_refused_with_leap_years_right() {
    assert_eq!(reason("2019-04-31"), DateReason::DayNotInMonth);
    assert_eq!(reason("2019-06-00"), DateReason::DayNotInMonth);
    assert_eq!(reason("2023-02-29"), DateReason::DayNotInMonth);
    assert_eq!(
        reason("1900-02-29"),
        DateReason::DayNotInMonth,
        "1900 is not a leap year"
    );
    assert!(
        "2000-02-29".parse::<PartialDate>().is_ok(),
        "2000 is a leap year"
    );
    assert!(
        "2024-02-29".parse::<PartialDate>().is_ok(),
        "2024 is a leap year"
    );
}

#[test]
fn year_outside_1900_to_2200_is_refused() {
    assert_eq!(reason("1899-12-31"), DateReason::YearOutOfRange);
    assert_eq!(reason("2201"), DateReason::YearOutOfRange);
}

#[test]
fn bad_date_message_quotes_the_value_and_says_what_to_do() {
    let problem = "2019-13".parse::<PartialDate>().expect_err("month 13");
    assert_eq!(
        problem.to_string(),
        "\"2019-13\" is not a valid date: the month must be between 01 and 12"
    );
    let problem = "juni".parse::<PartialDate>().expect_err("not a date");
    assert_eq!(
        problem.to_string(),
        "\"juni\" is not a valid date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-06-29"
    );
}

#[test]
fn partial_dates_order_by_year_then_month_then_day() {
    let dates: Vec<PartialDate> = ["2019-06-29", "2018", "2019", "2019-06", "2019-01-05"]
        .iter()
        .map(|s| s.parse().expect("valid date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    let shown: Vec<String> = sorted.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["2018", "2019", "2019-01-05", "2019-06", "2019-06-29"]
    );
    assert_eq!(dates[0].to_sort_key(), (2019, 6, 29));
    assert_eq!(dates[1].to_sort_key(), (2018, 0, 0));
}

#[test]
fn a_year_is_not_before_a_month_inside_it() {
    let d = |s: &str| s.parse::<PartialDate>().expect("valid date");
    assert!(!d("2019").is_before(d("2019-06")));
    assert!(!d("2019-06").is_before(d("2019")));
    assert!(d("2019-05").is_before(d("2019-06")));
    assert!(d("2019-06-01").is_before(d("2019-06-02")));
    assert!(!d("2019-06").is_before(d("2019-06-02")));
    assert!(d("2018-12-31").is_before(d("2019")));
    assert!(!d("2019-06").is_before(d("2019-06")));
}

#[test]
fn partial_date_new_checks_like_parsing() {
    assert_eq!(
        PartialDate::new(2019, Some(6), None).map(|d| d.to_string()),
        Ok("2019-06".into())
    );
    assert!(matches!(
        PartialDate::new(2019, None, Some(3)),
        Err(Problem::BadDate {
            reason: DateReason::NotADate,
            ..
        })
    ));
    assert!(matches!(
        PartialDate::new(2019, Some(2), Some(30)),
        Err(Problem::BadDate {
            reason: DateReason::DayNotInMonth,
            ..
        })
    ));
}

#[test]
fn day_needs_all_three_parts() {
    let day: Day = "1990-02-28".parse().expect("valid day");
    assert_eq!(day.to_string(), "1990-02-28");
    assert!(matches!(
        "1990-02".parse::<Day>(),
        Err(Problem::BadDate {
            reason: DateReason::Incomplete,
            ..
        })
    ));
    assert!(matches!(
        "1990-02-29".parse::<Day>(),
        Err(Problem::BadDate {
            reason: DateReason::DayNotInMonth,
            ..
        })
    ));
    assert!(Day::from_ymd(1990, 2, 28).expect("valid") < Day::from_ymd(1990, 3, 1).expect("valid"));
}

#[test]
fn dates_serialize_as_their_strings_and_refuse_bad_ones() {
    let date: PartialDate = "2019-06".parse().expect("valid date");
    assert_eq!(
        serde_json::to_string(&date).expect("serializes"),
        r#""2019-06""#
    );
    assert_eq!(
        serde_json::from_str::<PartialDate>(r#""2019-06""#).expect("reads"),
        date
    );
    let day: Day = "2019-06-29".parse().expect("valid day");
    assert_eq!(
        serde_json::to_string(&day).expect("serializes"),
        r#""2019-06-29""#
    );
    assert_eq!(
        serde_json::from_str::<Day>(r#""2019-06-29""#).expect("reads"),
        day
    );
    let time = Timestamp::parse("2024-05-01T12:30:00.123Z").expect("valid time");
    let json = serde_json::to_string(&time).expect("serializes");
    assert_eq!(json, r#""2024-05-01T12:30:00.123Z""#);
    assert_eq!(
        serde_json::from_str::<Timestamp>(&json).expect("reads"),
        time
    );

    let error = serde_json::from_str::<PartialDate>(r#""2019-02-30""#).expect_err("no 30 February");
    assert!(
        error.to_string().contains("that month has no such day"),
        "the serde error carries the reason: {error}"
    );
}

#[test]
fn the_dotted_form_people_write_in_norway_reads_as_the_same_day() {
    let day: Day = "15.12.2026".parse().expect("a Norwegian date");
    assert_eq!(day, "2026-12-15".parse().expect("an ISO date"));
    assert_eq!(
        day.to_string(),
        "2026-12-15",
        "written back in the ISO form"
    );
    let short: Day = "5.3.2026".parse().expect("one-digit day and month");
    assert_eq!(short.to_string(), "2026-03-05");
    let month: PartialDate = "12.2026".parse().expect("a month");
    assert_eq!(month.to_string(), "2026-12");
    let json: Day = serde_json::from_str("\"15.12.2026\"").expect("read from JSON too");
    assert_eq!(json, day);
}

#[test]
fn a_dotted_date_that_is_not_a_day_is_refused_with_its_reason() {
    assert_eq!(reason("31.02.2026"), DateReason::DayNotInMonth);
    assert_eq!(reason("15.13.2026"), DateReason::MonthOutOfRange);
    assert_eq!(reason("15.12.26"), DateReason::NotADate);
    assert_eq!(reason("1.2.3.2026"), DateReason::NotADate);
    assert_eq!(reason("015.12.2026"), DateReason::NotADate);
    assert!(matches!(
        "12.2026".parse::<Day>(),
        Err(Problem::BadDate {
            reason: DateReason::Incomplete,
            ..
        })
    ));
}
