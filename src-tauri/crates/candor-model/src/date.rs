//! Dates: [`PartialDate`] for CV entries (`2019`, `2019-06`), [`Day`] for calendar days.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use time::Month;

use crate::problem::{DateReason, Problem};
use crate::refusal::parse_str;

/// Earliest year a [`PartialDate`] or [`Day`] may have; earlier ones are typing errors in a
/// CV or a birth date.
pub const MIN_YEAR: u16 = 1900;
/// Latest year a [`PartialDate`] or [`Day`] may have.
pub const MAX_YEAR: u16 = 2200;

/// An ISO 8601 calendar date that may be partial: `2019`, `2019-06` or `2019-06-29`, as
/// JSON Resume writes dates. The year is 1900–2200.
///
/// Ordered by year, then month, then day, an absent part before any present one, so
/// `2019 < 2019-01 < 2019-01-01`; see [`PartialDate::to_sort_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct PartialDate {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// A date with as many parts as given; a day needs a month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, Problem> {
        let shown = match (month, day) {
            (None, None) => format!("{year:04}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (None, Some(d)) => format!("{year:04}-??-{d:02}"),
        };
        if month.is_none() && day.is_some() {
            return Err(bad_date(&shown, DateReason::NotADate));
        }
        check_parts(year, month, day).map_err(|reason| bad_date(&shown, reason))?;
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12, when given.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when given.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// `(year, month or 0, day or 0)`: orders dates the same way as `Ord`.
    pub fn to_sort_key(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// Whether every day this date may stand for is before every day `other` may stand for.
    /// `2019` is not before `2019-06` (it includes June 2019), but `2019-05` is.
    pub fn is_before(self, other: PartialDate) -> bool {
        let (a, b) = (self.to_sort_key(), other.to_sort_key());
        if a.0 != b.0 {
            return a.0 < b.0;
        }
        if self.month.is_none() || other.month.is_none() || a.1 != b.1 {
            return self.month.is_some() && other.month.is_some() && a.1 < b.1;
        }
        self.day.is_some() && other.day.is_some() && a.2 < b.2
    }
}

impl FromStr for PartialDate {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        let (year, month, day) = parse_parts(s).map_err(|reason| bad_date(s, reason))?;
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = Problem;

    fn try_from(s: String) -> Result<Self, Problem> {
        s.parse()
    }
}

impl From<PartialDate> for String {
    fn from(date: PartialDate) -> String {
        date.to_string()
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

/// A full calendar date, `YYYY-MM-DD`, year 1900–2200: a birth date, the date of a next
/// step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Day(time::Date);

impl Day {
    /// The day `year-month-day`.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<Self, Problem> {
        let shown = format!("{year:04}-{month:02}-{day:02}");
        check_parts(year, Some(month), Some(day)).map_err(|reason| bad_date(&shown, reason))?;
        Self::from_checked(year, month, day).ok_or_else(|| bad_date(&shown, DateReason::NotADate))
    }

    /// The underlying [`time::Date`].
    pub fn as_date(self) -> time::Date {
        self.0
    }

    fn from_checked(year: u16, month: u8, day: u8) -> Option<Self> {
        let month = Month::try_from(month).ok()?;
        time::Date::from_calendar_date(i32::from(year), month, day)
            .ok()
            .map(Self)
    }
}

impl TryFrom<time::Date> for Day {
    type Error = Problem;

    fn try_from(date: time::Date) -> Result<Self, Problem> {
        let year = u16::try_from(date.year()).unwrap_or(0);
        Self::from_ymd(year, u8::from(date.month()), date.day())
    }
}

impl FromStr for Day {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        match parse_parts(s).map_err(|reason| bad_date(s, reason))? {
            (year, Some(month), Some(day)) => Self::from_checked(year, month, day)
                .ok_or_else(|| bad_date(s, DateReason::NotADate)),
            _ => Err(bad_date(s, DateReason::Incomplete)),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

impl TryFrom<String> for Day {
    type Error = Problem;

    fn try_from(s: String) -> Result<Self, Problem> {
        s.parse()
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

pub(crate) fn bad_date(value: &str, reason: DateReason) -> Problem {
    Problem::BadDate {
        value: value.to_owned(),
        reason,
    }
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits exactly that many) and checks the parts.
fn parse_parts(s: &str) -> Result<(u16, Option<u8>, Option<u8>), DateReason> {
    if s.contains('.') {
        return parse_dotted(s.trim());
    }
    let mut parts = s.trim().split('-');
    let year = parts.next().map(|p| number(p, 4)).transpose()?;
    let month = parts.next().map(|p| number(p, 2)).transpose()?;
    let day = parts.next().map(|p| number(p, 2)).transpose()?;
    if parts.next().is_some() {
        return Err(DateReason::NotADate);
    }
    let year = year.ok_or(DateReason::NotADate)?;
    // Both fit: at most four digits and at most two digits.
    let year = u16::try_from(year).map_err(|_| DateReason::NotADate)?;
    let month = month
        .map(u8::try_from)
        .transpose()
        .map_err(|_| DateReason::NotADate)?;
    let day = day
        .map(u8::try_from)
        .transpose()
        .map_err(|_| DateReason::NotADate)?;
    check_parts(year, month, day)?;
    Ok((year, month, day))
}

/// The form Norwegian (and most European) writing uses: `15.12.2026` or `5.3.2026` for a
/// day, `12.2026` for a month. Unambiguous beside the ISO form, so both are read
/// everywhere; dates are always written back in the ISO form.
fn parse_dotted(s: &str) -> Result<(u16, Option<u8>, Option<u8>), DateReason> {
    let parts: Vec<&str> = s.split('.').collect();
    let short = |part: &str| -> Result<u8, DateReason> {
        if !(1..=2).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateReason::NotADate);
        }
        part.parse().map_err(|_| DateReason::NotADate)
    };
    let (day, month, year) = match parts.as_slice() {
        [day, month, year] => (Some(short(day)?), short(month)?, *year),
        [month, year] => (None, short(month)?, *year),
        _ => return Err(DateReason::NotADate),
    };
    let year = u16::try_from(number(year, 4)?).map_err(|_| DateReason::NotADate)?;
    check_parts(year, Some(month), day)?;
    Ok((year, Some(month), day))
}

/// Exactly `digits` ASCII digits.
fn number(part: &str, digits: usize) -> Result<u32, DateReason> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateReason::NotADate);
    }
    part.parse().map_err(|_| DateReason::NotADate)
}

fn check_parts(year: u16, month: Option<u8>, day: Option<u8>) -> Result<(), DateReason> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateReason::YearOutOfRange);
    }
    if let Some(month) = month {
        if !(1..=12).contains(&month) {
            return Err(DateReason::MonthOutOfRange);
        }
        if let Some(day) = day {
            if day == 0 || day > days_in_month(year, month) {
                return Err(DateReason::DayNotInMonth);
            }
        }
    }
    Ok(())
}

/// Days in `month` (1–12) of `year`, by the Gregorian calendar.
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}
