//! What the tools' arguments mean: limits, dates and times, each refused with a message
//! that says the forms it takes.

use chrono::NaiveDate;

use crate::dates;
use crate::mcp::reply::ToolError;
use crate::model::{Archive, Time};
use crate::search::Scope;

/// Items a list holds when the call names no limit.
pub const DEFAULT_LIMIT: u32 = 100;
/// The most items a list ever holds, whatever the call asks: an assistant's context is
/// not to be flooded.
pub const MAX_LIMIT: u32 = 1000;

/// The limit a call asked for, within [`MAX_LIMIT`].
pub fn limit(asked: Option<u32>) -> usize {
    asked.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

/// The scope of a group and a speaker by name, as the command line makes it
/// ([`Scope::named`]); a name no one goes by points at `list_speakers`.
pub fn scope(
    archive: &Archive,
    group: Option<&str>,
    speaker: Option<String>,
    all: bool,
) -> Result<Scope, ToolError> {
    let speakers = Vec::from_iter(speaker);
    Scope::named(archive, group, &speakers, all).map_err(|err| {
        let why = format!("{err:#}");
        if why.starts_with("no speaker") {
            ToolError(format!("{why}: list_speakers finds a person's names"))
        } else {
            ToolError(why)
        }
    })
}

/// A day: `YYYY-MM-DD`.
pub fn date(field: &str, given: &str) -> Result<NaiveDate, ToolError> {
    NaiveDate::parse_from_str(given.trim(), "%Y-%m-%d")
        .map_err(|_| bad(field, given, "a date: YYYY-MM-DD, e.g. 2018-03-26"))
}

/// The first day of a span given as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn span_start(field: &str, given: &str) -> Result<NaiveDate, ToolError> {
    span(field, given).map(|(first, _)| first)
}

/// The last day of a span given as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn span_end(field: &str, given: &str) -> Result<NaiveDate, ToolError> {
    span(field, given).map(|(_, last)| last)
}

/// The first and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn span(field: &str, given: &str) -> Result<(NaiveDate, NaiveDate), ToolError> {
    dates::period(given).ok_or_else(|| {
        bad(
            field,
            given,
            "a date YYYY-MM-DD, a month YYYY-MM or a year YYYY, e.g. 2018-03-26, 2018-03, 2018",
        )
    })
}

/// The earliest time a message may have: `HH:MM` (its first second) or `HH:MM:SS`.
pub fn time_from(field: &str, given: &str) -> Result<Time, ToolError> {
    time(field, given, 0)
}

/// The latest time a message may have: `HH:MM` (its last second) or `HH:MM:SS`.
pub fn time_to(field: &str, given: &str) -> Result<Time, ToolError> {
    time(field, given, 59)
}

/// `HH:MM:SS`, or `HH:MM` with `seconds`.
fn time(field: &str, given: &str, seconds: u32) -> Result<Time, ToolError> {
    let parts: Vec<Option<u32>> = given
        .trim()
        .split(':')
        .map(|p| {
            let digits = p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| p.parse().ok()).flatten()
        })
        .collect();
    let hms = match parts.as_slice() {
        [Some(h), Some(m)] => Some((*h, *m, seconds)),
        [Some(h), Some(m), Some(s)] => Some((*h, *m, *s)),
        _ => None,
    };
    match hms {
        Some((h, m, s)) if h < 24 && m < 60 && s < 60 => Ok(Time::from_hms(h, m, s)),
        _ => Err(bad(
            field,
            given,
            "a time HH:MM or HH:MM:SS, e.g. 09:30 or 21:05:07",
        )),
    }
}

fn bad(field: &str, given: &str, forms: &str) -> ToolError {
    ToolError(format!("bad {field} {given:?}: give {forms}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn spans_take_a_day_a_month_or_a_year() {
        assert_eq!(span_start("from", "2018-03-26"), Ok(day("2018-03-26")));
        assert_eq!(span_end("to", " 2018-03-26 "), Ok(day("2018-03-26")));
        assert_eq!(span_start("from", "2018-02"), Ok(day("2018-02-01")));
        assert_eq!(span_end("to", "2016-02"), Ok(day("2016-02-29")));
        assert_eq!(span_end("to", "2018-12"), Ok(day("2018-12-31")));
        assert_eq!(span_start("from", "2018"), Ok(day("2018-01-01")));
        assert_eq!(span_end("to", "2018"), Ok(day("2018-12-31")));
    }

    #[test]
    fn a_bad_date_says_the_forms_it_takes() {
        for bad in [
            "2018-13",
            "2018-02-30",
            "18-03",
            "2018/03/26",
            "",
            "yesterday",
            "2018-3",
        ] {
            let err = span_start("from", bad).unwrap_err().0;
            assert!(
                err.contains("YYYY-MM-DD") && err.contains("YYYY-MM"),
                "{err}"
            );
            assert!(err.starts_with(&format!("bad from {bad:?}")), "{err}");
        }
        let err = date("date", "2018-03").unwrap_err().0;
        assert_eq!(
            err,
            "bad date \"2018-03\": give a date: YYYY-MM-DD, e.g. 2018-03-26"
        );
    }

    #[test]
    fn times_take_minutes_or_seconds() {
        assert_eq!(
            time_from("from_time", "09:30"),
            Ok(Time::from_hms(9, 30, 0))
        );
        assert_eq!(time_to("to_time", "09:30"), Ok(Time::from_hms(9, 30, 59)));
        assert_eq!(
            time_to("to_time", "23:59:59"),
            Ok(Time::from_hms(23, 59, 59))
        );
        for bad in [
            "24:00",
            "9:30",
            "09:60",
            "09:30:60",
            "0930",
            "",
            "09:30:00:00",
        ] {
            let err = time_from("from_time", bad).unwrap_err().0;
            assert!(err.contains("HH:MM or HH:MM:SS"), "{err}");
        }
    }

    #[test]
    fn limits_default_and_stop_at_the_most() {
        assert_eq!(limit(None), 100);
        assert_eq!(limit(Some(0)), 0);
        assert_eq!(limit(Some(5000)), 1000);
    }
}
