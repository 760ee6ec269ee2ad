//! Spans of dates as people type them: a day `2018-03-26`, a month `2018-03`, a year
//! `2018`, or two of those joined by `..` (`2018-03-01..2018-03-31`, `2017..2018-06`).
//! `show`, the reader's `:export` and the MCP tools' `from`/`to` all read dates here.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// What every error about a span says it takes.
const FORMS: &str = "a date YYYY-MM-DD, a month YYYY-MM, a year YYYY, or FIRST..LAST of those \
                     (e.g. 2018-03-26, 2018-03, 2018, 2018-03-01..2018-03-15)";

/// Consecutive days, both ends included; `first <= last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Typed as one day (`2018-03-26`), not a month, a year or a range that happens to
    /// hold one day: `show` prints such a day even when it is empty.
    pub one_day: bool,
}

impl DateSpan {
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.first..=self.last).contains(&date)
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

impl FromStr for DateSpan {
    type Err = String;

    /// A span as typed; an error says what was wrong and the forms it takes.
    fn from_str(typed: &str) -> Result<DateSpan, String> {
        let typed = typed.trim();
        let (first, last) = match typed.split_once("..") {
            Some((from, to)) => (period_or_err(from)?.0, period_or_err(to)?.1),
            None => period_or_err(typed)?,
        };
        if first > last {
            return Err(format!("{typed:?} runs backwards: {first} is after {last}"));
        }
        let one_day = !typed.contains("..") && first == last;
        Ok(DateSpan {
            first,
            last,
            one_day,
        })
    }
}

/// [`period`], or an error naming what was typed and the forms.
fn period_or_err(typed: &str) -> Result<(NaiveDate, NaiveDate), String> {
    period(typed).ok_or_else(|| format!("{typed:?} is not a date: give {FORMS}"))
}

/// The first and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a month two digits); `None`
/// for anything else or a day no calendar has.
pub fn period(typed: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = typed.trim().split('-').collect();
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    match parts.as_slice() {
        [y, _, _] => {
            number(y, 4)?;
            let day = NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok()?;
            Some((day, day))
        }
        [y, m] => {
            let first = ymd(number(y, 4)?, number(m, 2)?, 1)?;
            Some((first, last_of_month(first)?))
        }
        [y] => {
            let y = number(y, 4)?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
        }
        _ => None,
    }
}

/// The last day of `first`'s month.
fn last_of_month(first: NaiveDate) -> Option<NaiveDate> {
    let next = match first.month() {
        12 => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        m => NaiveDate::from_ymd_opt(first.year(), m + 1, 1),
    };
    next?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(typed: &str) -> Result<(String, String, bool), String> {
        typed
            .parse::<DateSpan>()
            .map(|s| (s.first.to_string(), s.last.to_string(), s.one_day))
    }

    fn owned(first: &str, last: &str, one_day: bool) -> Result<(String, String, bool), String> {
        Ok((first.to_owned(), last.to_owned(), one_day))
    }

    #[test]
    fn every_form_and_its_days() {
        assert_eq!(span("2018-03-26"), owned("2018-03-26", "2018-03-26", true));
        assert_eq!(span("2018-02"), owned("2018-02-01", "2018-02-28", false));
        assert_eq!(span("2016-02"), owned("2016-02-01", "2016-02-29", false));
        assert_eq!(span("2018-12"), owned("2018-12-01", "2018-12-31", false));
        assert_eq!(span("2018"), owned("2018-01-01", "2018-12-31", false));
        assert_eq!(
            span("2018-03-01..2018-03-31"),
            owned("2018-03-01", "2018-03-31", false)
        );
        assert_eq!(
            span("2017..2018-02"),
            owned("2017-01-01", "2018-02-28", false)
        );
        assert_eq!(
            span("2018-03-26..2018-03-26"),
            owned("2018-03-26", "2018-03-26", false)
        );
    }

    #[test]
    fn mistakes_say_what_was_typed_and_the_forms() {
        let err = span("2018-02-30").unwrap_err();
        assert!(
            err.starts_with("\"2018-02-30\" is not a date: give a date YYYY-MM-DD"),
            "{err}"
        );
        for typed in [
            "",
            "26/03/2018",
            "2018-3",
            "18-03-26",
            "2018-03..",
            "..2018",
            "２０１８",
        ] {
            assert!(span(typed).is_err(), "{typed}");
        }
        assert_eq!(
            span("2018-04..2018-03").unwrap_err(),
            "\"2018-04..2018-03\" runs backwards: 2018-04-01 is after 2018-03-31"
        );
    }

    #[test]
    fn a_span_shows_as_it_can_be_typed_again() {
        let span: DateSpan = "2018-03".parse().unwrap();
        assert_eq!(span.to_string(), "2018-03-01..2018-03-31");
        assert_eq!(
            span.to_string().parse(),
            Ok(DateSpan {
                one_day: false,
                ..span
            })
        );
        assert!(span.contains(NaiveDate::from_ymd_opt(2018, 3, 31).unwrap()));
        assert!(!span.contains(NaiveDate::from_ymd_opt(2018, 4, 1).unwrap()));
    }
}
