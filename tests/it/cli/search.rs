//! `search` as grep users expect it: a speaker named by nobody.

use std::path::Path;

use super::chatlog;

fn sample() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    dir.to_str().unwrap().to_owned()
}

/// A `--speaker` nobody in the group goes by exits 2, listing names that hold it (any case),
/// busiest first, or saying that none does.
#[test]
fn search_for_a_speaker_named_by_nobody_lists_close_names() {
    let sample = sample();
    let said = |args: &[&str]| {
        let mut all = vec!["search", sample.as_str(), "的"];
        all.extend(args);
        let out = chatlog(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        said(&["--speaker", "ryan", "--group", "quirks"]),
        "chatlog: no speaker named \"ryan\" in quirks; names containing it: \"Ryan Cao\"\n"
    );
    assert_eq!(
        said(&["--speaker", "nobody"]),
        "chatlog: no speaker named \"nobody\" in the archive; no name contains it\n"
    );
    assert_eq!(
        said(&["--speaker", "韩梅梅", "--group", "devarch"]),
        "chatlog: no speaker named \"韩梅梅\" in devarch; no name contains it\n"
    );
    let many = said(&["--speaker", "-", "--group", "prodarch"]);
    let listed = many
        .split("names containing it: ")
        .nth(1)
        .unwrap_or_default();
    assert_eq!(
        listed.matches('"').count(),
        2 * 8,
        "eight names at most: {many}"
    );
    assert!(listed.trim_end().ends_with(" more)"), "{many}");
}
