//! How files lie in the archive: deep folders, symbolic link loops, unreadable files and
//! folders, thousands of empty files.

use super::*;

#[test]
fn a_day_file_200_folders_deep_is_a_day_of_its_group() {
    let archive = Archive::new("deep");
    let folders = vec!["d"; 200].join("/");
    archive.day(
        &format!("{folders}/2019-01-02-deep.md"),
        "2019-01-02",
        &[("10:00:00", "A", "deep down")],
    );

    let summary = "3 days, 6 messages in 2 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    let group = ["2019-01-02", "--group", &folders];
    archive.assert_shows(&group, &format!("# {folders} 2019-01-02"));
    archive.assert_shows(&group, "10:00:00 A: deep down");
}

#[test]
fn symbolic_link_loops_and_dangling_links_are_reported() {
    let archive = Archive::new("links");
    let link = |target: &str, name: &str| symlink(target, archive.path(name)).unwrap();
    link(".", "loop");
    link("nowhere.md", "dangling.md");
    link("pong.md", "ping.md");
    link("ping.md", "pong.md");

    // The system's own words for a link that leads back to itself.
    let circle = fs::metadata(archive.path("ping.md")).unwrap_err();
    let root = archive.root().display();
    let expected = [
        archive.problem(
            "dangling.md",
            ": error: broken symbolic link (to nowhere.md): skipped",
        ),
        archive.problem(
            "loop",
            &format!(": warning: symbolic link loop (to {root}, which holds it): not followed"),
        ),
        archive.problem(
            "ping.md",
            &format!(": error: cannot read: {circle}: skipped"),
        ),
        archive.problem(
            "pong.md",
            &format!(": error: cannot read: {circle}: skipped"),
        ),
    ];
    // The loop adds no second copy of the good days.
    let summary = "2 days, 5 messages in 1 groups: 4 problems (3 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// Gives `paths` their permissions back when dropped, so the temp folder can be removed
/// even when an assertion fails first.
struct Locked(Vec<(PathBuf, u32)>);

impl Locked {
    fn new(paths: Vec<(PathBuf, u32)>) -> Locked {
        for (path, _) in &paths {
            fs::set_permissions(path, Permissions::from_mode(0o000)).unwrap();
        }
        Locked(paths)
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        for (path, mode) in &self.0 {
            let _ = fs::set_permissions(path, Permissions::from_mode(*mode));
        }
    }
}

/// chmod 000 stops everyone but root. Run as root (CI often is), the files load, and the
/// check is repeated as user `nobody` through `setpriv`, where that is possible.
#[test]
fn unreadable_files_and_folders_are_reported_unless_root_reads_them() {
    let archive = Archive::new("unreadable");
    archive
        .day(
            "2019-01-02-secret.md",
            "2019-01-02",
            &[("10:00:00", "A", "secret")],
        )
        .day(
            "locked/2019-01-04-chat.md",
            "2019-01-04",
            &[("10:00:00", "B", "inside")],
        );
    let _locked = Locked::new(vec![
        (archive.path("2019-01-02-secret.md"), 0o644),
        (archive.path("locked"), 0o755),
    ]);
    let denied = [
        archive.problem(
            "locked",
            ": error: cannot read folder: Permission denied (os error 13): skipped",
        ),
        archive.problem(
            "2019-01-02-secret.md",
            ": error: cannot read: Permission denied (os error 13): skipped",
        ),
    ];
    let denied_summary = "2 days, 5 messages in 1 groups: 2 problems (2 errors, 0 warnings)";

    if File::open(archive.path("2019-01-02-secret.md")).is_err() {
        assert_check(&archive.check(), &denied, denied_summary);
        return;
    }
    eprintln!("NOTE: running as root, which chmod 000 does not stop: the files must load");
    let summary = "4 days, 7 messages in 2 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    if let Some(check) = check_as_nobody(archive.root()) {
        assert_check(&check, &denied, denied_summary);
    }
}

/// `chatlog check ROOT` as user `nobody`, or `None` (with a note) when `setpriv` is missing
/// or `nobody` may not run the binary or enter the temp folder.
fn check_as_nobody(root: &Path) -> Option<Run> {
    let bin = OsStr::new(env!("CARGO_BIN_EXE_chatlog"));
    let as_nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"].map(OsStr::new);
    let probe = Command::new("setpriv")
        .args(as_nobody)
        .args([bin, OsStr::new("--version")])
        .output();
    let can_enter = fs::metadata(root).is_ok_and(|m| m.permissions().mode() & 0o005 == 0o005);
    if !probe.is_ok_and(|o| o.status.success()) || !can_enter {
        eprintln!(
            "NOTE: cannot run chatlog as nobody here: the unreadable case is checked as root only"
        );
        return None;
    }
    let mut command = Command::new("setpriv");
    command.args(as_nobody).arg(bin).arg("check").arg(root);
    Some(finish(command))
}

#[test]
fn thousands_of_empty_files_are_each_reported_and_the_rest_loads() {
    let archive = Archive::new("empty");
    archive.empty_files("empty", 5000);

    let expected: Vec<String> = (0..5000)
        .map(|i| {
            archive.problem(
                &format!("empty/{i:04}.md"),
                ": warning: empty file: not a day",
            )
        })
        .collect();
    let summary = "2 days, 5 messages in 1 groups: 5000 problems (0 errors, 5000 warnings)";
    assert_check(&archive.check(), &expected, summary);
}
