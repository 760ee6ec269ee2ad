//! Writing a file whole or not at all: the bytes go to a new file beside it, which is
//! synced and then renamed over it. A failure (a full disk, a quota, an error while
//! formatting) leaves the old file as it was and no partial file behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::load::not_a_file;

/// Writes what `write` produces to `path`, atomically. An existing `path` is replaced only
/// with `replace` (else the error is [`io::ErrorKind::AlreadyExists`]), and only when it is
/// a regular file: a named pipe or a device is refused, never opened (opening a pipe waits
/// for a reader). A replaced file keeps its permissions. `path` must not be a symbolic
/// link (the caller resolves it): the rename would replace the link, not its target.
pub fn write_file(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let old = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(io::Error::other(not_a_file(meta.file_type()))),
        Ok(_) if !replace => return Err(io::ErrorKind::AlreadyExists.into()),
        Ok(meta) => Some(meta.permissions()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    let (temp, file) = Temp::create(path)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    if let Some(permissions) = old {
        file.set_permissions(permissions)?;
    }
    // Synced before the rename: a crash then leaves the old file or the whole new one.
    file.sync_all()?;
    temp.put_at(path, replace)
}

/// The new file beside the target, removed when dropped unless it took the target's place.
struct Temp {
    path: PathBuf,
    placed: bool,
}

impl Temp {
    /// A new, uniquely named file in `target`'s folder (`.NAME.PID-N.tmp`): a rename
    /// within one file system is what makes the swap atomic.
    fn create(target: &Path) -> io::Result<(Temp, File)> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{} is not a file name", target.display())))?;
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".{}-{n}.tmp", std::process::id()));
            let path = folder.join(temp_name);
            // create_new never opens what is there, a pipe included.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok((
                        Temp {
                            path,
                            placed: false,
                        },
                        file,
                    ));
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }

    /// Puts the written file at `target`: renamed over it with `replace`; else linked there,
    /// which fails if something has appeared at `target` meanwhile (a rename would replace
    /// it). Where hard links are not supported (FAT), a rename once `target` is still free.
    fn put_at(mut self, target: &Path, replace: bool) -> io::Result<()> {
        if replace {
            fs::rename(&self.path, target)?;
            self.placed = true;
            return Ok(());
        }
        match fs::hard_link(&self.path, target) {
            Ok(()) => Ok(()), // dropping self removes the temporary name
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(err),
            Err(_) if fs::symlink_metadata(target).is_err() => {
                fs::rename(&self.path, target)?;
                self.placed = true;
                Ok(())
            }
            Err(_) => Err(io::ErrorKind::AlreadyExists.into()),
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_file(&self.path);
        }
    }
}
