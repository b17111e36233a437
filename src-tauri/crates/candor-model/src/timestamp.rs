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
