//! Where `:export` and the remembered places write: a named pipe in the way, a full disk.

use chatlog::export::{Selection, to_file};
use chatlog::load::load;
use chatlog::model::Archive as Loaded;
use chatlog::places::{Place, State};

use super::*;

/// The sample archive and its longest day (about 30 KB as Markdown), all its messages.
fn sample_day() -> (Loaded, Selection) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let (archive, _) = load(&sample).unwrap();
    let (index, day) = archive
        .days
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| d.text.len())
        .unwrap();
    let all = (0..day.messages.len()).collect();
    let selection = Selection {
        days: vec![(index, all)],
        ..Selection::default()
    };
    (archive, selection)
}

/// `:export` and `:export!` to a named pipe: refused at once, the pipe left as it was.
/// Opening it for writing waited for a reader that never came.
#[test]
fn export_to_a_named_pipe_is_refused_at_once() {
    let temp = TempDir::new("export-fifo");
    let fifo = temp.path().join("day.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let file = fifo.display().to_string();
    let (done, notices) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let (archive, selection) = sample_day();
        for overwrite in [false, true] {
            let _ = done.send(to_file(&archive, &selection, &file, overwrite));
        }
    });
    let refused = format!(
        "not exported: {}: a named pipe (FIFO), not a regular file",
        fifo.display()
    );
    for _ in 0..2 {
        let notice = notices.recv_timeout(Duration::from_secs(20));
        assert_eq!(notice.expect("an answer within 20 s"), refused);
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names_in(temp.path()), ["day.md"]);
}

/// A 64 KiB tmpfs of a test's own, unmounted when dropped. Mounting needs root: elsewhere
/// the test skips visibly, or fails under CI.
struct Tmpfs(TempDir);

impl Tmpfs {
    fn mount(test: &str) -> Option<Tmpfs> {
        let dir = TempDir::new(test);
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            crate::common::real_logs::missing("a tmpfs mount (mount -t tmpfs, as root)");
            return None;
        }
        Some(Tmpfs(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Fills the disk with `filler` until at most `room` bytes are left.
    fn fill_to(&self, room: u64) {
        let stat = Command::new("df")
            .args(["-B1", "--output=avail"])
            .arg(self.path())
            .output()
            .unwrap();
        let text = String::from_utf8(stat.stdout).unwrap();
        let avail: u64 = text.lines().nth(1).unwrap().trim().parse().unwrap();
        let filler = vec![0u8; avail.saturating_sub(room) as usize];
        // A full disk may refuse the last bytes: the disk is as full as the test needs.
        let _ = fs::write(self.path().join("filler"), filler);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `:export!` over a file on a disk that fills up halfway through: "No space left", and the
/// old file as it was, no partial file beside it. It had truncated the old file first.
#[test]
fn export_to_a_full_disk_leaves_the_old_file_whole() {
    let Some(disk) = Tmpfs::mount("export-full-disk") else {
        return;
    };
    let old = disk.path().join("day.md");
    fs::write(&old, "the export of last week\n").unwrap();
    disk.fill_to(12 << 10);
    let (archive, selection) = sample_day();
    let file = old.display().to_string();

    let notice = to_file(&archive, &selection, &file, true);
    assert_eq!(
        notice,
        format!("not exported: {file}: No space left on device (os error 28)")
    );
    assert_eq!(
        fs::read_to_string(&old).unwrap(),
        "the export of last week\n"
    );
    assert_eq!(names_in(disk.path()), ["day.md", "filler"]);
}

/// The reader's places on a full disk: the save fails, the file keeps every place it had,
/// and no `places.json.new` (or other) is left beside it.
#[test]
fn places_on_a_full_disk_keep_the_old_file_whole() {
    let Some(disk) = Tmpfs::mount("places-full-disk") else {
        return;
    };
    let archive = TempDir::new("places-full-disk-archive");
    let file = disk.path().join("places.json");
    let place = |date: &str| Place {
        group: "prodarch".into(),
        date: date.into(),
        message: 3,
        sources: Vec::new(),
    };
    let (mut state, _) = State::at(file.clone());
    state.save(archive.path(), place("2018-03-04")).unwrap();
    let before = fs::read(&file).unwrap();
    disk.fill_to(0);

    let err = state.save(archive.path(), place("2018-03-05")).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(28), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(
        names_in(disk.path()),
        ["filler", "places.json", "places.json.lock"]
    );
}
