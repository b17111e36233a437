//! The folders opened documents are decrypted into, and the clean-up of those a crashed
//! Candor left behind.
//!
//! A folder is `candor-open-<pid>-<start>-<random>`, 0700, in `$XDG_RUNTIME_DIR` (memory,
//! this user's only, emptied at log-out) when it is usable and has room for the document,
//! else in the temporary folder. `<pid>` and `<start>` name the process that made it: its
//! id and its start time in clock ticks since boot (`/proc/<pid>/stat`), so a process that
//! later gets the same id is not taken for the owner. The folder is removed when the
//! session ends; after a crash, [`remove_abandoned_open_folders`] removes it at the next
//! start.

use std::path::{Path, PathBuf};

use crate::private;

const PREFIX: &str = "candor-open-";

/// What is left free in `$XDG_RUNTIME_DIR` after a document is written there: it is
/// memory, and other programs keep their sockets in it.
const RUNTIME_DIR_HEADROOM: u64 = 64 << 20;

/// A folder for opened documents, removed with everything in it when dropped.
#[derive(Debug)]
pub(crate) struct OpenFolder {
    root: PathBuf,
    dir: tempfile::TempDir,
}

impl OpenFolder {
    /// Makes a new folder in `root`, named for this process.
    pub fn create(root: &Path) -> std::io::Result<OpenFolder> {
        let owner = Owner::this_process();
        let prefix = format!("{PREFIX}{}-{}-", owner.pid, owner.start);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(
            private::DIR_MODE,
        ));
        let dir = builder.tempdir_in(root)?;
        private::restrict_dir(dir.path())?;
        Ok(OpenFolder {
            root: root.to_owned(),
            dir,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Where a document of `size` bytes is opened: `$XDG_RUNTIME_DIR` when it is this user's
/// alone and has room, else the temporary folder.
pub(crate) fn root_for(size: u64) -> PathBuf {
    runtime_dir()
        .filter(|dir| has_room(dir, size))
        .unwrap_or_else(std::env::temp_dir)
}

/// `$XDG_RUNTIME_DIR`, if it is set to a folder of this user's that nobody else can enter
/// (what the XDG spec promises; anything else is not trusted with a document).
fn runtime_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    usable_runtime_dir(&dir).then_some(dir)
}

#[cfg(unix)]
fn usable_runtime_dir(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    dir.is_absolute()
        && std::fs::symlink_metadata(dir)
            .is_ok_and(|m| m.is_dir() && m.uid() == this_user() && m.mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn usable_runtime_dir(_dir: &Path) -> bool {
    false
}

#[cfg(unix)]
fn has_room(dir: &Path, size: u64) -> bool {
    rustix::fs::statvfs(dir).is_ok_and(|s| {
        s.f_bavail.saturating_mul(s.f_frsize) >= size.saturating_add(RUNTIME_DIR_HEADROOM)
    })
}

#[cfg(not(unix))]
fn has_room(_dir: &Path, _size: u64) -> bool {
    false
}

#[cfg(unix)]
fn this_user() -> u32 {
    rustix::process::getuid().as_raw()
}

/// Removes every folder of opened documents that belongs to this user and whose Candor is
/// no longer running (it crashed or was killed), in both places they are made. A folder
/// of a Candor that still runs (a second window) is kept, and so is anything whose owner
/// cannot be told. Returns how many folders were removed; one that cannot be removed is
/// skipped (start-up goes on).
pub fn remove_abandoned_open_folders() -> usize {
    let mut roots: Vec<PathBuf> = runtime_dir().into_iter().collect();
    let temp = std::env::temp_dir();
    if !roots.contains(&temp) {
        roots.push(temp);
    }
    roots.iter().map(|root| remove_abandoned_in(root)).sum()
}

fn remove_abandoned_in(root: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name.to_str().and_then(Owner::from_folder_name) else {
            continue;
        };
        let path = entry.path();
        if is_ours(&path) && owner.is_gone() == Some(true) && std::fs::remove_dir_all(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Whether `path` is a real folder (not a link) of this user's.
#[cfg(unix)]
fn is_ours(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir() && m.uid() == this_user())
}

#[cfg(not(unix))]
fn is_ours(_path: &Path) -> bool {
    false
}

/// The process a folder belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner {
    pid: u32,
    /// Start time in clock ticks since boot; 0 where there is no `/proc` to read it from.
    start: u64,
}

impl Owner {
    fn this_process() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            start: proc_stat(pid).map_or(0, |s| s.start),
        }
    }

    /// The owner in `candor-open-<pid>-<start>-<random>`; None for any other name
    /// (including the folders of Candor versions that did not record their owner).
    fn from_folder_name(name: &str) -> Option<Owner> {
        let mut parts = name.strip_prefix(PREFIX)?.splitn(3, '-');
        let pid = parts.next()?.parse().ok()?;
        let start = parts.next()?.parse().ok()?;
        parts.next()?;
        Some(Owner { pid, start })
    }

    /// Some(true) when the owner has exited, Some(false) while it runs, None when that
    /// cannot be told.
    fn is_gone(self) -> Option<bool> {
        if self.pid == 0 {
            return None;
        }
        if self.start != 0 {
            // Linux: the process's own record, unless it is gone or a zombie.
            return Some(match proc_stat(self.pid) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
                Err(_) => return None,
                Ok(stat) => stat.exited || stat.start != self.start,
            });
        }
        signal_probe(self.pid)
    }
}

#[cfg(unix)]
fn signal_probe(pid: u32) -> Option<bool> {
    let pid = rustix::process::Pid::from_raw(i32::try_from(pid).ok()?)?;
    match rustix::process::test_kill_process(pid) {
        Ok(()) => Some(false),
        Err(rustix::io::Errno::SRCH) => Some(true),
        // EPERM: a process of another user has the id now, so ours is gone, but a folder
        // we cannot be sure of stays.
        Err(_) => None,
    }
}

#[cfg(not(unix))]
fn signal_probe(_pid: u32) -> Option<bool> {
    None
}

/// What `/proc/<pid>/stat` says about a process.
struct ProcStat {
    /// A zombie or dead process: it runs no more code.
    exited: bool,
    start: u64,
}

fn proc_stat(pid: u32) -> std::io::Result<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    parse_proc_stat(&text).ok_or_else(|| std::io::Error::other("an unreadable /proc stat line"))
}

/// Fields 3 (state) and 22 (start time) of proc(5)'s stat line. The command name (field
/// 2) is in parentheses and may hold spaces and parentheses itself, so fields are counted
/// from the last `)`.
fn parse_proc_stat(text: &str) -> Option<ProcStat> {
    let (_, rest) = text.rsplit_once(')')?;
    let mut fields = rest.split_ascii_whitespace();
    let state = fields.next()?;
    let start = fields.nth(22 - 4)?.parse().ok()?;
    Some(ProcStat {
        exited: matches!(state, "Z" | "X" | "x"),
        start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_carry_their_owner_and_other_names_are_left_alone() {
        assert_eq!(
            Owner::from_folder_name("candor-open-4242-123456-AbC9xz"),
            Some(Owner {
                pid: 4242,
                start: 123456
            })
        );
        // Made by a Candor that did not record its owner, or by someone else.
        assert_eq!(Owner::from_folder_name("candor-open-AbC9xz"), None);
        assert_eq!(Owner::from_folder_name("candor-open-12-34"), None);
        assert_eq!(Owner::from_folder_name("other-4242-1-x"), None);
    }

    #[test]
    fn a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
        let line = "4242 (evil ) S 1 2 3) Z 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 \
                    987654 1000 100 18446744073709551615\n";
        let stat = parse_proc_stat(line).expect("parses");
        assert!(stat.exited, "the state after the last parenthesis");
        assert_eq!(stat.start, 987654);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_its_own_live_owner_and_a_reused_id_is_not() {
        let me = Owner::this_process();
        assert_ne!(me.start, 0, "Linux has /proc");
        assert_eq!(me.is_gone(), Some(false));
        let impostor = Owner {
            start: me.start + 1,
            ..me
        };
        assert_eq!(
            impostor.is_gone(),
            Some(true),
            "another start time is another process"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_runtime_folder_is_used_only_when_it_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        assert!(usable_runtime_dir(dir.path()));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        assert!(
            !usable_runtime_dir(dir.path()),
            "others can list a 0755 folder"
        );
        assert!(!usable_runtime_dir(Path::new("relative")));
        assert!(!usable_runtime_dir(&dir.path().join("missing")));
        assert!(
            !has_room(dir.path(), u64::MAX),
            "no file system has room for that"
        );
    }
}
