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

/// chmod 000 stops everyone but root: the check runs as the user, or as user `nobody`
/// through `setpriv` when the tests run as root (CI does), and must see every file and
/// folder denied. Root itself reads them all.
#[test]
fn unreadable_files_and_folders_are_reported() {
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
    if is_root() {
        let summary = "4 days, 7 messages in 2 groups: 0 problems (0 errors, 0 warnings)";
        assert_check(&archive.check(), &[], summary);
    }
    let Some(check) = unprivileged(&archive, &["check"]) else {
        return;
    };
    assert_check(&check, &denied, denied_summary);
}

/// An archive folder that cannot be read is that error, not "no day logs found".
#[test]
fn an_unreadable_archive_folder_is_permission_denied() {
    let archive = Archive::new("unreadable-root");
    let _locked = Locked::new(vec![(archive.root().to_path_buf(), 0o755)]);
    let Some(check) = unprivileged(&archive, &["check"]) else {
        return;
    };
    assert_eq!(check.code, Some(2));
    assert_eq!(check.stdout, "");
    let root = archive.root().display();
    assert_eq!(
        check.stderr,
        format!("chatlog: cannot read {root}: Permission denied (os error 13)\n")
    );
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `setpriv`'s arguments for user and group `nobody`, no supplementary groups.
const AS_NOBODY: [&str; 3] = ["--reuid=65534", "--regid=65534", "--clear-groups"];

/// `chatlog ARGS… ROOT` as a user whom permissions stop: this user, or `nobody` when
/// running as root. `None` when `nobody` cannot be had: skipped visibly, or a failure under
/// CI, where these tests must assert what they claim.
fn unprivileged(archive: &Archive, args: &[&str]) -> Option<Run> {
    if !is_root() {
        return Some(archive.run(args, &[]));
    }
    let above = archive.root().parent().unwrap_or(Path::new("/"));
    let enterable = above
        .ancestors()
        .all(|dir| fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
    if !enterable {
        crate::common::real_logs::missing("a temp folder that user nobody may enter");
        return None;
    }
    let copy = TempDir::new("nobody-bin");
    let bin = binary_for_nobody(&copy)?;
    let mut command = Command::new("setpriv");
    command
        .args(AS_NOBODY)
        .arg(bin)
        .args(args)
        .arg(archive.root());
    Some(finish(command))
}

/// The chatlog binary where `nobody` may run it: where it is, or else a copy in `copy` (a
/// checkout under a private home folder is out of nobody's reach). `None` when `setpriv`
/// cannot run it either way.
fn binary_for_nobody(copy: &TempDir) -> Option<PathBuf> {
    let runs = |bin: &Path| {
        Command::new("setpriv")
            .args(AS_NOBODY)
            .arg(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_chatlog"));
    if runs(&bin) {
        return Some(bin);
    }
    let copied = copy.path().join("chatlog");
    let ok = fs::copy(&bin, &copied).is_ok()
        && fs::set_permissions(copy.path(), Permissions::from_mode(0o755)).is_ok()
        && runs(&copied);
    if !ok {
        crate::common::real_logs::missing("setpriv running chatlog as user nobody");
        return None;
    }
    Some(copied)
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

/// Runs `program ARGS…`, or says it could not (a tool missing, or not root for `mknod`):
/// the test then skips visibly, or fails under CI.
fn made(program: &str, args: &[&OsStr]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        crate::common::real_logs::missing(&format!("a working `{program}`"));
    }
    ok
}

/// A named pipe, a device and a socket named `.md` are no day files: each is named as
/// skipped (they were skipped in silence), and none is opened to wait on.
#[test]
fn a_named_pipe_a_device_and_a_socket_named_md_are_reported() {
    let archive = Archive::new("special-files");
    let fifo = archive.path("2019-01-02-pipe.md");
    let device = archive.path("2019-01-04-null.md");
    if !made("mkfifo", &[fifo.as_os_str()])
        || !made(
            "mknod",
            &[device.as_os_str(), "c".as_ref(), "1".as_ref(), "3".as_ref()],
        )
    {
        return;
    }
    let _socket = std::os::unix::net::UnixListener::bind(archive.path("2019-01-05-socket.md"));

    let skipped = |what| format!(": error: cannot read: {what}, not a regular file: skipped");
    let expected = [
        archive.problem("2019-01-02-pipe.md", &skipped("a named pipe (FIFO)")),
        archive.problem("2019-01-04-null.md", &skipped("a device")),
        archive.problem("2019-01-05-socket.md", &skipped("a socket")),
    ];
    let summary = "2 days, 5 messages in 1 groups: 3 problems (3 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// A symbolic link that leads out of the archive is named and not followed: one into `/sys`
/// walked forever, one into `/usr` read 565 foreign files. Links that stay inside work.
#[test]
fn symbolic_links_out_of_the_archive_are_reported_and_not_followed() {
    let outside = Archive::without_good_days("outside");
    outside.day(
        "foreign/2019-01-06-chat.md",
        "2019-01-06",
        &[("10:00:00", "Eve", "foreign")],
    );
    let archive = Archive::new("links-out");
    archive.day(
        "real/2019-01-02-chat.md",
        "2019-01-02",
        &[("10:00:00", "A", "inside")],
    );
    let link = |target: &Path, name: &str| symlink(target, archive.path(name)).unwrap();
    link(&outside.path("foreign"), "away");
    link(
        &outside.path("foreign/2019-01-06-chat.md"),
        "2019-01-06-away.md",
    );
    link(Path::new("/usr"), "usr");
    link(&archive.path("real"), "alias");

    let out = |to: &Path| {
        let to = to.canonicalize().unwrap();
        format!(
            ": error: link leads outside the archive (to {}): skipped",
            to.display()
        )
    };
    let expected = [
        archive.problem(
            "2019-01-06-away.md",
            &out(&outside.path("foreign/2019-01-06-chat.md")),
        ),
        archive.problem("away", &out(&outside.path("foreign"))),
        archive.problem("usr", &out(Path::new("/usr"))),
    ];
    // `alias` leads inside: its day is a second copy of `real`'s, in a group of its own.
    let summary = "4 days, 7 messages in 3 groups: 3 problems (3 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02", "--group", "alias"], "10:00:00 A: inside");
}
