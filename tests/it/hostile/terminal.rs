//! Terminal escape sequences in speaker names, bodies and file names, through `show`,
//! `search`, `check` and the reader.

use super::*;

#[test]
fn escape_sequences_in_names_and_bodies_never_reach_the_terminal() {
    let archive = Archive::new("escapes");
    archive.day(
        "2019-01-02-escapes.md",
        "2019-01-02",
        &[
            (
                "10:00:00",
                "Mallory\x1b]0;pwned\x07",
                "title \x1b]0;pwned\x07 set",
            ),
            (
                "10:00:01",
                "Eve\x1b[2J",
                "clipboard \x1b]52;c;aGVsbG8=\x07 written",
            ),
            (
                "10:00:02",
                "C1\u{9b}31m",
                "colours \x1b[31mred\x1b[0m, c1 \u{9b}2J \u{9d}0;t\u{9c}",
            ),
        ],
    );
    // A file name can hold them too, and `check` prints it.
    archive.write(
        "2019-01-04-\x1b]0;pwned\x07.md",
        "> 10:00:00  A  \n   \nnamed  \n",
    );

    let expected = [archive.problem(
        "2019-01-04-␛]0;pwned␇.md",
        ": warning: no front matter: date 2019-01-04 taken from the file name",
    )];
    let summary = "4 days, 9 messages in 1 groups: 1 problems (0 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:00 Mallory␛]0;pwned␇: title ␛]0;pwned␇ set",
    );
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:01 Eve␛[2J: clipboard ␛]52;c;aGVsbG8=␇ written",
    );
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:02 C1�31m: colours ␛[31mred␛[0m, c1 �2J �0;t�",
    );
    // Every other way out is inert too (`chatlog` asserts it on each run).
    archive.run(&["search"], &["pwned"]);
    archive.run(&["search"], &["pwned", "--json"]);
    archive.run(&["stats"], &[]);
    archive.run(&["stats"], &["--by", "speaker"]);
    archive.run(&["show"], &["2019-01-04"]);
}

/// With nothing loadable the run is fatal (exit 2) and `check` lists nothing, so the error
/// itself says why, inert.
#[test]
fn an_archive_of_only_hostile_files_says_why_nothing_loaded() {
    let archive = Archive::without_good_days("nothing");
    archive
        .write(
            "\x1b]0;pwned\x07.md",
            [&b"\x89PNG\r\n\x1a\n\0"[..], &noise(1, 64)].concat(),
        )
        .write("empty.md", "");

    let check = archive.check();
    assert_eq!(check.code, Some(2));
    assert_eq!(check.stdout, "");
    let first = archive.problem(
        "␛]0;pwned␇.md",
        ": error: not a text file (a PNG image): skipped",
    );
    let root = archive.root().display();
    assert_eq!(
        check.stderr,
        format!("chatlog: {root}: no day log could be read (2 problem(s); the first: {first})\n")
    );
}

/// The reader in tmux on an archive holding a bit of everything above: it opens, lists the
/// good days, opens the day with the 1 MB line, quits on `q`, and leaves the terminal as it
/// was (no alternate screen, title untouched).
#[test]
fn the_reader_on_a_hostile_archive_shows_the_good_days_and_restores_the_terminal() {
    let archive = Archive::new("reader");
    let line = format!("{}END", "支付 pay ".repeat(1 << 17));
    archive
        .day(
            "2019-01-02-long.md",
            "2019-01-02",
            &[("10:00:00", "Mallory\x1b]0;pwned\x07", &line)],
        )
        .write(
            "2019-01-04-photo.md",
            [&b"\x89PNG\r\n\x1a\n\0\0\0\r"[..], &noise(1, 4096)].concat(),
        )
        .write(
            "2019-01-05-nul.md",
            "> 10:00:00  A  \n   \nzeroed \0\0 block  \n",
        )
        .write("notes.md", "---\ntitle: [unclosed\n");
    archive.empty_files("empty", 100);
    symlink(".", archive.path("loop")).unwrap();

    let Some(t) = Tmux::start("hostile-reader", "sleep 30", 100, 30) else {
        return;
    };
    t.cmd(&["select-pane", "-t", "t", "-T", "original-title"]);
    t.cmd(&[
        "respawn-pane",
        "-k",
        "-t",
        "t",
        &command_line(archive.root()),
    ]);
    // The reader shows its first day at once; the problems come with the whole archive.
    // notes.md, with no date and no messages, is a page: noted, no problem.
    let screen = t.wait_for("105 problems while loading");
    for day in [
        "2019-01-01 Tue     2",
        "2019-01-02 Wed     1",
        "2019-01-03 Thu     3",
    ] {
        assert!(screen.contains(day), "{day:?} in\n{screen}");
    }
    t.type_text(":2019-01-02");
    t.keys(&["Enter"]);
    let screen = t.wait_for(" msg 1/1 ");
    assert!(screen.contains("· 2019-01-02 Wed ─"), "{screen}");
    assert!(screen.contains("Mallory␛]0;pwned␇"), "{screen}");
    t.keys(&["G", "q"]);
    let screen = t.wait_for("CHATLOG-EXITED");
    assert_eq!(t.display("#{alternate_on}"), "0", "{screen}");
    assert_eq!(
        t.display("#{pane_title}"),
        "original-title",
        "a log retitled the terminal"
    );
}

/// Group names reach stderr in `--group` errors and in "is in several groups": a folder
/// named `g ESC ]52;c;… BEL` set the clipboard from there. The harness fails the run on any
/// raw control on stdout or stderr; the names must still be there, inert.
#[test]
fn group_names_in_errors_on_stderr_are_inert() {
    let archive = Archive::new("group-errors");
    let evil = "g\x1b]52;c;aGk=\x07\u{9b}2J";
    archive
        .day(
            &format!("{evil}/2019-01-02-chat.md"),
            "2019-01-02",
            &[("10:00:00", "A", "one")],
        )
        .day(
            "plain/2019-01-02-chat.md",
            "2019-01-02",
            &[("10:00:00", "B", "two")],
        );
    let shown = "g␛]52;c;aGk=␇\u{fffd}2J";

    let unknown = archive.run(&["show"], &["2019-01-02", "--group", "NOSUCH"]);
    assert_eq!(unknown.code, Some(2));
    assert!(unknown.stderr.contains(shown), "{}", unknown.stderr);
    let several = archive.run(&["show"], &["2019-01-02"]);
    assert_eq!(several.code, Some(2));
    assert!(
        several
            .stderr
            .contains(&format!("in several groups ({shown}, plain)")),
        "{}",
        several.stderr
    );
}
