//! Dates for `published`: the date at the start of a metadata value
//! (`2025-06-17T18:12:05+02:00`, `2025/08/28`, `2025-06`, `2025`), with its
//! precision kept, and today's date for a page that gives none.
//!
//! The date is taken as the page writes it, in the publisher's time zone:
//! `2025-06-17T23:30:00-05:00` is 17 June, the day the page says.

use crate::model::PartialDate;

/// The date that starts `value`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (with
/// `-`, `/` or `.` between the parts), followed by nothing or by a
/// non-digit (a time, a space). `None` if there is none, if the day does
/// not exist, or if the year is before 1000 (placeholders such as
/// `0001-01-01`).
pub fn date_prefix(value: &str) -> Option<PartialDate> {
    let b = value.trim().as_bytes();
    let digits = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let sep = |at: usize| b.get(at).is_some_and(|c| matches!(c, b'-' | b'/' | b'.'));
    if !digits(0, 4) {
        return None;
    }
    let mut end = 4;
    if sep(4) && digits(5, 2) {
        end = 7;
        if sep(7) && digits(8, 2) {
            end = 10;
        }
    }
    // `20250617`, `2025-6-17`, `2025-06-1`: not a date, nor a year.
    let digit = |at: usize| b.get(at).is_some_and(u8::is_ascii_digit);
    if digit(end) || (sep(end) && digit(end + 1)) {
        return None;
    }
    let iso: String = b[..end]
        .iter()
        .map(|&c| if c.is_ascii_digit() { c as char } else { '-' })
        .collect();
    PartialDate::parse(&iso).ok().filter(|d| d.year >= 1000)
}

/// Today's date (UTC) from the system clock.
pub fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(secs / 86_400);
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// The Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
pub fn civil_from_days(days: u64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (
        u16::try_from(year).unwrap_or(u16::MAX),
        month as u8,
        day as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        date_prefix(s).map(|d| d.iso())
    }

    #[test]
    fn metadata_forms() {
        assert_eq!(
            iso("2025-06-17T18:12:05+02:00").as_deref(),
            Some("2025-06-17")
        );
        assert_eq!(
            iso("2025-06-17T23:30:00-05:00").as_deref(),
            Some("2025-06-17")
        );
        assert_eq!(iso(" 2025-06-17 08:30:00 ").as_deref(), Some("2025-06-17"));
        assert_eq!(
            iso("2025-03-02T14:05:11.000Z").as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(iso("2025/08/28").as_deref(), Some("2025-08-28"));
        assert_eq!(iso("2025.08.28").as_deref(), Some("2025-08-28"));
        assert_eq!(iso("2025-06").as_deref(), Some("2025-06"));
        assert_eq!(iso("2025").as_deref(), Some("2025"));
        assert_eq!(iso("2024-02-29").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn not_dates() {
        for s in [
            "",
            "June 17, 2025",
            "17/06/2025",
            "20250617",
            "2025-6-17",
            "2025-02-30",
            "2025-13",
            "0001-01-01",
            "12345",
            "2025-06-170",
        ] {
            assert_eq!(iso(s), None, "{s:?}");
        }
        // A bad day keeps nothing rather than a lower precision.
        assert_eq!(iso("2025-02-30T00:00"), None);
    }

    #[test]
    fn civil_dates_against_known_days() {
        // Reference values: Python's datetime.date.fromordinal(719163 + n).
        for (days, date) in [
            (0, (1970, 1, 1)),
            (59, (1970, 3, 1)),
            (10_957, (2000, 1, 1)),
            (11_016, (2000, 2, 29)),
            (19_782, (2024, 2, 29)),
            (20_089, (2025, 1, 1)),
            (20_256, (2025, 6, 17)),
            (20_453, (2025, 12, 31)),
            (47_541, (2100, 3, 1)),
        ] {
            assert_eq!(civil_from_days(days), date, "{days}");
        }
    }

    #[test]
    fn today_is_a_valid_date() {
        let t = today();
        assert!(t.year >= 2025 && PartialDate::parse(&t.iso()).is_ok());
    }
}
