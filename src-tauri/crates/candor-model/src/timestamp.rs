//! [`Timestamp`]: an instant, in UTC, written as RFC 3339.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::date::{bad_date, Day};
use crate::problem::{DateReason, Problem};
use crate::refusal::parse_str;

/// An instant, kept in UTC and written as RFC 3339 (`2024-05-01T12:00:00Z`). The year is
/// 0–9999, the range RFC 3339 can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The current time from the system clock.
    pub fn now() -> Self {
        Self::try_from(OffsetDateTime::now_utc())
            .expect("the system clock reads a year between 0 and 9999")
    }

    /// Reads an RFC 3339 time with any offset; it is kept in UTC.
    pub fn parse(s: &str) -> Result<Self, Problem> {
        let time = OffsetDateTime::parse(s.trim(), &Rfc3339)
            .map_err(|_| bad_date(s, DateReason::NotATimestamp))?;
        Self::try_from(time).map_err(|_| bad_date(s, DateReason::NotATimestamp))
    }

    /// The underlying [`OffsetDateTime`], in UTC.
    pub fn as_offset_date_time(self) -> OffsetDateTime {
        self.0
    }

    /// The day as people write it in English: "3 December 2026".
    pub fn date_en(self) -> String {
        let date = self.0.date();
        format!("{} {} {}", date.day(), date.month(), date.year())
    }

    /// The day and the minute as people read them in English, in UTC:
    /// "3 December 2026, 10:14 UTC".
    pub fn when_en(self) -> String {
        let time = self.0.time();
        format!(
            "{}, {:02}:{:02} UTC",
            self.date_en(),
            time.hour(),
            time.minute()
        )
    }

    /// The day as people write it in Norwegian bokmål: "3. desember 2026".
    pub fn date_nb(self) -> String {
        const MONTHS: [&str; 12] = [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ];
        let date = self.0.date();
        let month = MONTHS[usize::from(u8::from(date.month())) - 1];
        format!("{}. {month} {}", date.day(), date.year())
    }

    /// The calendar day (in UTC) of this instant; an error outside the years [`Day`] allows.
    pub fn day(self) -> Result<Day, Problem> {
        Day::try_from(self.0.date())
    }
}

impl TryFrom<OffsetDateTime> for Timestamp {
    type Error = Problem;

    fn try_from(time: OffsetDateTime) -> Result<Self, Problem> {
        let utc = time.to_offset(UtcOffset::UTC);
        if (0..=9999).contains(&utc.year()) {
            Ok(Self(utc))
        } else {
            Err(bad_date(&utc.to_string(), DateReason::NotATimestamp))
        }
    }
}

impl FromStr for Timestamp {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        Self::parse(s)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Cannot fail: the offset is UTC and the year is 0–9999, both checked on creation.
        let text = self.0.format(&Rfc3339).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl TryFrom<String> for Timestamp {
    type Error = Problem;

    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

impl From<Timestamp> for String {
    fn from(time: Timestamp) -> String {
        time.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_reads_as_day_and_minute_without_its_fractions() {
        let time = Timestamp::parse("2027-03-02T22:52:09.017629324Z").expect("valid time");
        assert_eq!(time.when_en(), "2 March 2027, 22:52 UTC");
        assert_eq!(time.date_en(), "2 March 2027");
    }

    #[test]
    fn timestamp_is_kept_in_utc_and_written_as_rfc3339() {
        let time = Timestamp::parse("2024-05-01T14:30:00+02:00").expect("valid time");
        assert_eq!(time.to_string(), "2024-05-01T12:30:00Z");
        assert_eq!(
            time,
            Timestamp::parse("2024-05-01T12:30:00Z").expect("valid time")
        );
        assert!(time < Timestamp::parse("2024-05-01T12:30:00.5Z").expect("valid time"));
        assert_eq!(time.day().map(|d| d.to_string()), Ok("2024-05-01".into()));
        assert!(matches!(
            Timestamp::parse("yesterday"),
            Err(Problem::BadDate {
                reason: DateReason::NotATimestamp,
                ..
            })
        ));
    }

    #[test]
    fn now_round_trips_through_its_text() {
        let now = Timestamp::now();
        assert_eq!(Timestamp::parse(&now.to_string()), Ok(now));
    }
}

#[cfg(test)]
mod written_dates {
    use super::Timestamp;

    #[test]
    fn a_day_is_written_in_words_in_english_and_bokmal() {
        let at: Timestamp = "2026-12-03T23:13:11.862570726Z".parse().expect("a time");
        assert_eq!(at.date_en(), "3 December 2026");
        assert_eq!(at.date_nb(), "3. desember 2026");
        let may: Timestamp = "2027-05-17T00:00:00Z".parse().expect("a time");
        assert_eq!(may.date_nb(), "17. mai 2027");
    }
}
