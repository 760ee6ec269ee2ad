//! Reading a day file: opened without blocking or becoming a terminal, checked to be a
//! regular file of a day log's size, read into a buffer each thread reuses.

use std::cell::RefCell;
use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// What a file is when it is no regular file: a named pipe, a device, a socket.
#[cfg(unix)]
pub fn not_a_file(kind: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO), not a regular file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device, not a regular file"
    } else if kind.is_socket() {
        "a socket, not a regular file"
    } else {
        "not a regular file"
    }
}

/// What a file is when it is no regular file.
#[cfg(not(unix))]
pub fn not_a_file(_: FileType) -> &'static str {
    "not a regular file"
}

/// Opens a day file to read. On Unix, without blocking (a named pipe would wait for a
/// writer) and without becoming the controlling terminal (a terminal device named `.md`).
#[cfg(unix)]
fn open_to_read(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_to_read(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Day files larger than this are not read. The largest real day is 200 KB and a synthetic
/// 100 k-message day 15 MB: a bigger `.md` is something else (a disk image, a video), and
/// reading it would hold that much memory in a thread's buffer for the rest of the run.
const MAX_FILE_BYTES: u64 = 256 << 20;

/// Reads the file at `path` into this thread's buffer and hands the bytes to `f`: one
/// buffer per thread instead of an allocation per file.
///
/// The file is opened without blocking and checked as opened: a day file swapped for a
/// named pipe after the walk would otherwise wait forever for a writer.
pub(super) fn read_reusing_buffer<T>(
    path: &Path,
    f: impl FnOnce(&Path, &[u8]) -> T,
) -> io::Result<T> {
    thread_local! {
        /// Zeroed once as it grows, then read over again and again: only the bytes a read
        /// puts in it are ever handed on.
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        let mut file = open_to_read(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::other(not_a_file(meta.file_type())));
        }
        let size = meta.len();
        if size > MAX_FILE_BYTES {
            return Err(io::Error::other(format!(
                "{} MiB, more than a day log could be (the limit is {} MiB)",
                size >> 20,
                MAX_FILE_BYTES >> 20
            )));
        }
        // Room for the size and a byte past it, so that one read takes a file that kept its
        // size, and says so by stopping short of the room; a file still growing is read on
        // up to the limit.
        let mut len = 0;
        loop {
            if len == buf.len() {
                let more = (len.max(size as usize) + 1).min(MAX_FILE_BYTES as usize - len);
                if more == 0 {
                    break;
                }
                buf.resize(len + more, 0);
            }
            match file.read(&mut buf[len..]) {
                Ok(0) => break,
                // Short of the room at the size the file had: it ended there, and one more
                // read would only say so (a system call a file).
                Ok(n) if len + n < buf.len() && (len + n) as u64 == size => {
                    len += n;
                    break;
                }
                Ok(n) => len += n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(f(path, &buf[..len]))
    })
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// A day file swapped for a named pipe after the walk: opening it for reading waited
    /// for a writer that never came (`check` hung in 2 of 40 runs).
    #[test]
    fn a_named_pipe_is_refused_at_once_not_waited_on() {
        let dir = std::env::temp_dir().join(format!("chatlog-load-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("2019-01-01-chat.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (done, read) = mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = done.send(
                read_reusing_buffer(&path, |_, bytes| bytes.len()).map_err(|e| e.to_string()),
            );
        });
        let result = read.recv_timeout(Duration::from_secs(20));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            result.expect("refused within 20 s, not blocked"),
            Err("a named pipe (FIFO), not a regular file".to_owned())
        );
    }

    /// The buffer is read over, never cleared: each file must still get its own bytes only.
    #[test]
    fn each_file_reads_as_its_own_bytes_whatever_was_read_before() {
        let dir = std::env::temp_dir().join(format!("chatlog-load-reuse-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sizes = [100_000, 3, 0, 70_000, 100_001, 1];
        let read: Vec<bool> = sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| {
                let bytes: Vec<u8> = (0..size).map(|b| (b * 7 + i) as u8).collect();
                let path = dir.join(format!("{i}.md"));
                std::fs::write(&path, &bytes).unwrap();
                read_reusing_buffer(&path, |_, got| got == bytes).unwrap()
            })
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(read, [true; 6]);
    }
}
