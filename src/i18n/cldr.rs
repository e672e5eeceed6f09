//! Numbers and dates in the dossier's language, from CLDR data through
//! ICU4X: `15,000` / `15 000` (U+202F in French), `17 June 2025` /
//! `17 juin 2025`, `June 2025` / `juin 2025`, `2025` (or, where room is
//! short, `17 Jun 2025` / `17 juin 2025`, `Jun 2025` / `juin 2025`). The formatters are
//! made once per build ([`Cldr::new`]); a date, once formatted, is kept
//! (a dossier has few distinct dates and shows each on many pages).
//! Takes a BCP 47 tag; gives strings. Knows nothing of messages.

use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use std::collections::HashMap;
use std::sync::RwLock;

/// The CLDR formatters of one language.
pub struct Cldr {
    numbers: DecimalFormatter,
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    /// Abbreviated months, where room is short (chart labels).
    day_short: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month_short: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    /// Dates already formatted.
    dates: RwLock<HashMap<DateKey, std::sync::Arc<str>>>,
}

/// A date formatted: year, month, day (0 for absent), whether abbreviated.
type DateKey = (i32, u8, u8, bool);

/// The locale whose data formats `tag`: the tag itself when ICU4X reads
/// it, else its language, else English. Plain `en` writes dates day
/// first, as British English does ("17 June 2025"), the dossier's house
/// style since before it had other languages; `en-US` gets "June 17, 2025".
pub fn locale(tag: &str) -> Locale {
    let tag = if tag.eq_ignore_ascii_case("en") {
        "en-GB"
    } else {
        tag
    };
    tag.parse::<Locale>()
        .or_else(|_| tag.split(['-', '_']).next().unwrap_or("en").parse())
        .unwrap_or_else(|_| "en".parse().expect("`en` is a locale"))
}

impl Cldr {
    /// The formatters for the language `tag` (BCP 47), falling back as
    /// CLDR does (`fr-CA` → `fr` → root) for what its data lacks.
    pub fn new(tag: &str) -> Cldr {
        let locale = locale(tag);
        let numbers = DecimalFormatter::try_new((&locale).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("compiled data has the root locale's numbers");
        let day = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YMD::long()))
            .expect("compiled data has the root locale's dates");
        let month = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YM::long()))
            .expect("compiled data has the root locale's dates");
        let year = FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), Y::long()))
            .expect("compiled data has the root locale's dates");
        let day_short = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YMD::medium()))
            .expect("compiled data has the root locale's dates");
        let month_short = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::medium())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YM::medium()))
            .expect("compiled data has the root locale's dates");
        Cldr {
            numbers,
            day,
            month,
            year,
            day_short,
            month_short,
            dates: RwLock::new(HashMap::new()),
        }
    }

    /// A number as the language writes it, with at most two decimals:
    /// `10,000`, `2.5` (English), `10 000`, `2,5` (French).
    pub fn number(&self, v: f64) -> String {
        let mut out = String::new();
        self.number_into(&mut out, v);
        out
    }

    /// [`Cldr::number`], appended to `out`.
    pub fn number_into(&self, out: &mut String, v: f64) {
        use std::fmt::Write as _;
        if !v.is_finite() {
            let _ = write!(out, "{v}");
            return;
        }
        // Two decimals as Rust rounds them (ties of the binary value to
        // even, as the pages always did), then trailing zeros dropped:
        // 2.50 → 2.5, 600.00 → 600.
        let mut d: Decimal = if v.fract() == 0.0 && v.abs() < 1e15 {
            // Whole, as most figures are: no decimals to round.
            Decimal::from(v as i64)
        } else {
            format!("{v:.2}").parse().unwrap_or_default()
        };
        d.absolute.trim_end();
        let _ = write!(out, "{}", self.numbers.format(&d));
    }

    /// A date at its precision: day, month and year; month and year; or
    /// the year alone. Kept once made.
    pub fn date(&self, year: i32, month: Option<u8>, day: Option<u8>) -> std::sync::Arc<str> {
        self.date_of(year, month, day, false)
    }

    /// [`Cldr::date`] with the month abbreviated (CLDR's medium length:
    /// `17 Jun 2025`, `17 juin 2025`, `Jun 2025`), where room is short.
    pub fn short_date(&self, year: i32, month: Option<u8>, day: Option<u8>) -> std::sync::Arc<str> {
        self.date_of(year, month, day, true)
    }

    fn date_of(
        &self,
        year: i32,
        month: Option<u8>,
        day: Option<u8>,
        short: bool,
    ) -> std::sync::Arc<str> {
        let key = (year, month.unwrap_or(0), day.unwrap_or(0), short);
        if let Some(s) = self
            .dates
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
        {
            return s.clone();
        }
        let text: std::sync::Arc<str> = self.format_date(year, month, day, short).into();
        self.dates
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key)
            .or_insert(text)
            .clone()
    }

    fn format_date(&self, year: i32, month: Option<u8>, day: Option<u8>, short: bool) -> String {
        let date = |m: u8, d: u8| Date::try_new_gregorian(year, m, d).ok();
        let (day_f, month_f) = if short {
            (&self.day_short, &self.month_short)
        } else {
            (&self.day, &self.month)
        };
        match (month, day) {
            (Some(m), Some(d)) => date(m, d).map(|x| day_f.format(&x).to_string()),
            (Some(m), None) => date(m, 1).map(|x| month_f.format(&x).to_string()),
            _ => date(1, 1).map(|x| self.year.format(&x).to_string()),
        }
        // A date the loader let through is valid; the ISO form otherwise.
        .unwrap_or_else(|| match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => year.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        let en = Cldr::new("en");
        assert_eq!(en.number(10000.0), "10,000");
        assert_eq!(en.number(600.0), "600");
        assert_eq!(en.number(1234567.0), "1,234,567");
        assert_eq!(en.number(2.5), "2.5");
        assert_eq!(en.number(0.625), "0.62");
        assert_eq!(en.number(2.999), "3");
        assert_eq!(en.number(-3.0), "-3");
        let fr = Cldr::new("fr");
        assert_eq!(fr.number(15000.0), "15\u{202f}000");
        assert_eq!(fr.number(2.5), "2,5");
        assert_eq!(fr.number(600.0), "600");
        // fr-CA falls back to fr's patterns, with its own separator.
        assert!(Cldr::new("fr-CA").number(15000.0).starts_with("15"));
    }

    #[test]
    fn dates_keep_their_precision() {
        let en = Cldr::new("en");
        assert_eq!(&*en.date(2025, Some(6), Some(17)), "17 June 2025");
        assert_eq!(&*en.date(2025, Some(6), None), "June 2025");
        assert_eq!(&*en.date(2025, None, None), "2025");
        let fr = Cldr::new("fr");
        assert_eq!(&*fr.date(2025, Some(6), Some(17)), "17 juin 2025");
        assert_eq!(&*fr.date(2025, Some(6), None), "juin 2025");
        assert_eq!(&*fr.date(2025, None, None), "2025");
        assert_eq!(&*en.short_date(2025, Some(6), Some(17)), "17 Jun 2025");
        assert_eq!(&*en.short_date(2025, Some(9), None), "Sept 2025");
        assert_eq!(&*fr.short_date(2025, Some(7), Some(2)), "2 juil. 2025");
        assert_eq!(&*fr.short_date(2025, None, None), "2025");
        // Kept apart from the long forms.
        assert_eq!(&*en.date(2025, Some(6), Some(17)), "17 June 2025");
        assert_eq!(
            &*Cldr::new("en-US").date(2025, Some(6), Some(17)),
            "June 17, 2025"
        );
        // An unknown language gets the root locale's patterns, not a panic.
        assert!(
            !Cldr::new("x-unknown")
                .date(2025, Some(6), Some(17))
                .is_empty()
        );
    }
}
