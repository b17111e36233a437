//! [`PeopleTime`]: the one formatter of instants for people. A [`Timestamp`] is stored and
//! serialized in UTC to the nanosecond; people read it in their own time zone, to the minute
//! or the day, in English or bokmål.

use std::sync::LazyLock;

use jiff::tz::TimeZone;
use jiff::ZonedDateTime;

use crate::date::Day;
use crate::problem::Problem;
use crate::timestamp::Timestamp;

/// The language a person reads a time in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English: "3 December 2026, 17:14".
    #[default]
    En,
    /// Norwegian bokmål: "3. desember 2026 kl. 17:14".
    Nb,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_NB: [&str; 12] = [
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

impl Lang {
    /// The month's name, 1 = January: "March", "mars" (bokmål writes it in lower case).
    /// `None` outside 1–12.
    pub fn month_name(self, month: u8) -> Option<&'static str> {
        let names = match self {
            Lang::En => &MONTHS_EN,
            Lang::Nb => &MONTHS_NB,
        };
        names.get(usize::from(month).checked_sub(1)?).copied()
    }

    /// A calendar day in words: "3 December 2026", "3. desember 2026".
    pub fn day_in_words(self, day: Day) -> String {
        let date = day.as_date();
        let month = self.month_name(u8::from(date.month())).unwrap_or_default();
        match self {
            Lang::En => format!("{} {month} {}", date.day(), date.year()),
            Lang::Nb => format!("{}. {month} {}", date.day(), date.year()),
        }
    }
}

/// Writes instants for people in one time zone: the day ("3 December 2026") or the day and
/// the minute ("3 December 2026, 17:14"), and counts calendar days there, so that a
/// deadline falls on the day the person sees on their own clock.
#[derive(Debug, Clone)]
pub struct PeopleTime {
    zone: TimeZone,
}

static SYSTEM: LazyLock<PeopleTime> = LazyLock::new(|| {
    // jiff reads `TZ` and the system's zone database itself, without the libc calls that
    // make a local offset unsound to ask for in a process with threads. A system with no
    // readable zone gets UTC rather than an error: a time is still right, only its offset
    // is not the person's.
    PeopleTime::in_zone(TimeZone::try_system().unwrap_or(TimeZone::UTC))
});

impl PeopleTime {
    /// Times in `zone`.
    pub fn in_zone(zone: TimeZone) -> Self {
        Self { zone }
    }

    /// Times in UTC.
    pub fn utc() -> Self {
        Self::in_zone(TimeZone::UTC)
    }

    /// Times in the system's time zone (`TZ`, else `/etc/localtime`), read once per process.
    pub fn system() -> &'static PeopleTime {
        &SYSTEM
    }

    fn zoned(&self, at: Timestamp) -> ZonedDateTime {
        let utc = at.as_offset_date_time();
        // Both ends hold the same instant; a Timestamp's years 0–9999 are inside jiff's range.
        jiff::Timestamp::new(
            utc.unix_timestamp(),
            i32::try_from(utc.nanosecond()).unwrap_or(0),
        )
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(self.zone.clone())
    }

    /// The day in words: "3 December 2026", "3. desember 2026".
    pub fn day(&self, at: Timestamp, lang: Lang) -> String {
        let zoned = self.zoned(at);
        let month = usize::try_from(zoned.month() - 1).unwrap_or(0);
        match lang {
            Lang::En => format!("{} {} {}", zoned.day(), MONTHS_EN[month], zoned.year()),
            Lang::Nb => format!("{}. {} {}", zoned.day(), MONTHS_NB[month], zoned.year()),
        }
    }

    /// The day and the minute: "3 December 2026, 17:14", "3. desember 2026 kl. 17:14".
    pub fn minute(&self, at: Timestamp, lang: Lang) -> String {
        let zoned = self.zoned(at);
        let (hour, minute) = (zoned.hour(), zoned.minute());
        match lang {
            Lang::En => format!("{}, {hour:02}:{minute:02}", self.day(at, lang)),
            Lang::Nb => format!("{} kl. {hour:02}.{minute:02}", self.day(at, lang)),
        }
    }

    /// The calendar date `at` falls on in this zone.
    fn local_date(&self, at: Timestamp) -> time::Date {
        let zoned = self.zoned(at);
        let month = time::Month::try_from(u8::try_from(zoned.month()).unwrap_or(1))
            .unwrap_or(time::Month::January);
        // A Timestamp's year is 0–9999 and a zone moves it by a day at most; at either
        // end of that range the UTC date stands in.
        time::Date::from_calendar_date(
            i32::from(zoned.year()),
            month,
            u8::try_from(zoned.day()).unwrap_or(1),
        )
        .unwrap_or_else(|_| at.as_offset_date_time().date())
    }

    /// The calendar day `at` falls on in this zone; an error outside the years [`Day`]
    /// allows.
    pub fn local_day(&self, at: Timestamp) -> Result<Day, Problem> {
        Day::try_from(self.local_date(at))
    }

    /// Today, in this zone.
    pub fn today(&self) -> Result<Day, Problem> {
        self.local_day(Timestamp::now())
    }

    /// Whole calendar days from `now` to `at` in this zone: 0 when `at` is later today,
    /// negative when it has passed.
    pub fn days_until(&self, now: Timestamp, at: Timestamp) -> i64 {
        (self.local_date(at) - self.local_date(now)).whole_days()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a time")
    }

    fn oslo() -> PeopleTime {
        // A fixed rule, so the test does not depend on the machine's zone database.
        PeopleTime::in_zone(TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("a POSIX zone"))
    }

    #[test]
    fn months_are_named_from_one_to_twelve_and_nothing_else() {
        assert_eq!(Lang::En.month_name(1), Some("January"));
        assert_eq!(Lang::Nb.month_name(3), Some("mars"));
        assert_eq!(Lang::Nb.month_name(12), Some("desember"));
        assert_eq!(Lang::En.month_name(0), None);
        assert_eq!(Lang::En.month_name(13), None);
    }

    #[test]
    fn a_calendar_day_is_written_in_the_languages_own_form() {
        let day: Day = "2026-12-15".parse().expect("a day");
        assert_eq!(Lang::En.day_in_words(day), "15 December 2026");
        assert_eq!(Lang::Nb.day_in_words(day), "15. desember 2026");
    }

    #[test]
    fn a_moment_reads_in_the_persons_zone_to_the_minute_without_fractions() {
        let late = at("2027-03-02T22:52:09.017629324Z");
        assert_eq!(oslo().minute(late, Lang::En), "2 March 2027, 23:52");
        assert_eq!(oslo().minute(late, Lang::Nb), "2. mars 2027 kl. 23.52");
        assert_eq!(
            PeopleTime::utc().minute(late, Lang::En),
            "2 March 2027, 22:52"
        );
    }

    #[test]
    fn a_day_is_the_persons_day_not_utcs() {
        let just_after_midnight_in_oslo = at("2026-12-03T23:13:11.862570726Z");
        assert_eq!(
            oslo().day(just_after_midnight_in_oslo, Lang::En),
            "4 December 2026"
        );
        assert_eq!(
            oslo().day(just_after_midnight_in_oslo, Lang::Nb),
            "4. desember 2026"
        );
        assert_eq!(
            PeopleTime::utc().day(just_after_midnight_in_oslo, Lang::En),
            "3 December 2026"
        );
        let summer = at("2027-05-16T22:30:00Z");
        assert_eq!(
            oslo().day(summer, Lang::Nb),
            "17. mai 2027",
            "summer time is +2"
        );
    }

    #[test]
    fn days_until_counts_calendar_days_in_the_zone() {
        let now = at("2026-12-03T22:30:00Z"); // 23:30 in Oslo
        let tomorrow_morning = at("2026-12-04T06:00:00Z");
        assert_eq!(oslo().days_until(now, tomorrow_morning), 1);
        assert_eq!(PeopleTime::utc().days_until(now, tomorrow_morning), 1);
        let past_midnight_in_oslo = at("2026-12-03T23:30:00Z");
        assert_eq!(oslo().days_until(now, past_midnight_in_oslo), 1);
        assert_eq!(PeopleTime::utc().days_until(now, past_midnight_in_oslo), 0);
        assert_eq!(oslo().days_until(past_midnight_in_oslo, now), -1);
    }
}
