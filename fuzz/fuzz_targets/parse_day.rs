//! Arbitrary bytes as a day file: `parse_day` must not panic, hang or run out of memory, and
//! what it returns must be consistent, since the loader and the reader index with it unchecked.

#![no_main]

use std::path::Path;

use chatlog::parse::{ParsedDay, parse_day};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    let (day, problems) = parse_day(path, data);
    for problem in &problems {
        assert_eq!(problem.path, path, "a problem names another file");
        assert_ne!(problem.line, Some(0), "line numbers start at 1");
    }
    if let Some(day) = day {
        assert!(day.date.is_some(), "a day without a date");
        check_messages(&day);
    }
});

/// Bodies lie inside the day's text on char boundaries, back to back in message order, and
/// speaker ids index the file's names.
fn check_messages(day: &ParsedDay) {
    let mut previous_end = 0;
    for msg in &day.messages {
        let (start, end) = (msg.body.0 as usize, msg.body.1 as usize);
        assert!(previous_end <= start && start <= end && end <= day.text.len());
        assert!(day.text.is_char_boundary(start) && day.text.is_char_boundary(end));
        assert!((msg.speaker.0 as usize) < day.speakers.len());
        assert!(msg.line >= 1);
        previous_end = end;
    }
    assert_eq!(day.speakers.iter().count(), day.speakers.len());
}
