//! Creating, unlocking and locking a vault, and the one way to write to it.

use std::io::Read;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use secrecy::SecretString;

use crate::error::{Result, VaultError};
use crate::header::{not_a_vault, Header, Role};
use crate::index::IndexState;
use crate::kdf::KdfParams;
use crate::keys::{label, Key256};
use crate::lock::VaultLock;
use crate::recovery::RecoveryCode;
use crate::roles::VaultRole;
use crate::schema;
use crate::seal::{self, RowName};
use crate::strength::NewPassphrase;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Sub-keys of the data key, each for one purpose.
pub(crate) struct Keys {
    pub records: Key256,
    pub attachments: Key256,
    pub index: Key256,
}

impl Keys {
    pub(crate) fn from_dek(dek: &Key256) -> Keys {
        Keys {
            records: dek.derive(None, label::RECORDS),
            attachments: dek.derive(None, label::ATTACHMENTS),
            index: dek.derive(None, label::INDEX),
        }
    }
}

/// An unlocked vault.
///
/// Holds the data key and its sub-keys (wiped when the vault is locked or dropped) and the
/// lock on the vault file, so no other Candor process can open it meanwhile. Fields drop in
/// order: the database closes before the file lock is released.
///
/// `R` is the vault's role, [`Seeker`] or [`Employer`] (see [`crate::roles`]): each role's
/// operations exist only on its own type, so an employer's operation on a seeker's vault
/// does not compile. Operations both roles have (passphrase, backup, re-key) are on every
/// `Vault<R>`.
pub struct Vault<R: VaultRole> {
    pub(crate) conn: Connection,
    _lock: VaultLock,
    path: PathBuf,
    pub(crate) header: Header,
    pub(crate) dek: Key256,
    pub(crate) keys: Keys,
    pub(crate) index: IndexState,
    /// How much an employer vault gives to access requests (see [`EmployerLimits`]).
    pub(crate) employer_limits: crate::sharing::EmployerLimits,
    role: PhantomData<fn() -> R>,
}

impl<R: VaultRole> std::fmt::Debug for Vault<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("role", &self.header.role)
            .finish()
    }
}

/// The SQLite page size of a new vault. Most of a vault's bytes are attachments, in sealed
/// chunks of just over 64 KiB. In SQLite's default 4 KiB pages a chunk spans 17 pages, each
/// written into the WAL as a frame of its own and then again into the vault; in 64 KiB
/// pages it is one overflow page and an eighth of a table page, and storing or importing
/// an attachment takes about a quarter less time (see BENCHMARKS.md). The cost is space: a
/// chunk fills most of its overflow page but not all, so the file is about 15 % larger than
/// what it stores, against about 1 % in 4 KiB pages. A vault keeps the page size it was
/// made with.
const NEW_VAULT_PAGE_SIZE: u32 = 64 * 1024;

/// How much the WAL holds before SQLite copies it back into the vault, whatever the page
/// size: what its default of 1,000 pages means for 4 KiB pages. Left at 1,000 pages, 64 KiB
/// pages would let the log of small edits grow to 64 MiB beside a vault of a few.
const WAL_CHECKPOINT_BYTES: u32 = 4000 * 1024;

/// Whether [`connect`] opens an existing vault or starts a new, empty one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Connect {
    Existing,
    New,
}

fn connect(path: &Path, how: Connect) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_vault(path, &e))?;
    if how == Connect::New {
        // Only takes effect before the database's first page is written, which switching
        // to WAL does.
        conn.pragma_update(None, "page_size", NEW_VAULT_PAGE_SIZE)
            .map_err(VaultError::db("configuring"))?;
    }
    // WAL survives a killed process with every committed transaction; FULL syncs each
    // commit so a power cut does not lose one either.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| not_a_vault(path, &e))?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(VaultError::db("configuring"))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(VaultError::db("configuring"))?;
    let page_size: u32 = conn
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .map_err(VaultError::db("configuring"))?;
    conn.pragma_update(
        None,
        "wal_autocheckpoint",
        (WAL_CHECKPOINT_BYTES / page_size.max(512)).max(1),
    )
    .map_err(VaultError::db("configuring"))?;
    // A transaction as large as an imported bundle grows the log to its size; the next
    // commit after it was copied back cuts the file back to this.
    conn.pragma_update(None, "journal_size_limit", WAL_CHECKPOINT_BYTES)
        .map_err(VaultError::db("configuring"))?;
    Ok(conn)
}

impl<R: VaultRole> Vault<R> {
    /// Creates a new vault at `path` and returns it unlocked, with the recovery code to
    /// show the person once. The passphrase must keep the rule (see [`NewPassphrase`]):
    /// a bare `&SecretString` that is easy to guess is refused.
    pub fn create<'p>(
        path: &Path,
        passphrase: impl Into<NewPassphrase<'p>>,
        kdf: KdfParams,
    ) -> Result<(Self, RecoveryCode)> {
        let passphrase = passphrase.into().checked()?;
        kdf.check_bounds()?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent)?;
        }
        let file = create_new_private(path)?;
        let lock = VaultLock::hold(file, path)?;
        let created = Self::initialise(path, lock, passphrase, kdf);
        if created.is_err() {
            // Nothing half-made stays behind.
            let _ = std::fs::remove_file(path);
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(sidecar(path, suffix));
            }
        }
        created
    }

    fn initialise(
        path: &Path,
        lock: VaultLock,
        passphrase: &SecretString,
        kdf: KdfParams,
    ) -> Result<(Self, RecoveryCode)> {
        let mut conn = connect(path, Connect::New)?;
        schema::migrate(&mut conn, schema::Migrating::NewVault)?;
        let dek = Key256::random();
        let code = RecoveryCode::generate();
        let header = Header::new(R::ROLE, kdf, &dek, passphrase, &code)?;
        let keys = Keys::from_dek(&dek);
        let index = IndexState::default();
        let tx = conn
            .transaction()
            .map_err(VaultError::db("creating the vault"))?;
        header.store(&tx)?;
        index.store(&tx, &keys.index)?;
        tx.commit().map_err(VaultError::db("creating the vault"))?;
        let vault = Vault {
            conn,
            _lock: lock,
            path: path.to_owned(),
            header,
            dek,
            keys,
            index,
            employer_limits: Default::default(),
            role: PhantomData,
        };
        Ok((vault, code))
    }

    /// Unlocks the vault at `path` with its passphrase. A vault of the other role is
    /// refused with [`VaultError::WrongRole`], after the passphrase was checked; to open
    /// either, use [`OpenVault::open`](crate::OpenVault::open).
    /// An employer vault also drops every bundle that has expired, on every open.
    pub fn open(path: &Path, passphrase: &SecretString) -> Result<Self> {
        let vault = Self::open_with(path, |header| header.unwrap_with_passphrase(passphrase))?;
        vault.into_role()
    }

    /// Unlocks with the recovery code, sets `new_passphrase` (which must keep the rule, see
    /// [`NewPassphrase`]), and issues a new recovery code; the one used stops working.
    ///
    /// It also replaces the data key (see [`Vault::rekey`]): the code was written down
    /// somewhere, and once it has been used nothing sealed under the key it unwrapped
    /// should stay useful to whoever else read it, nor to an old copy of the header.
    pub fn recover<'p>(
        path: &Path,
        code: &RecoveryCode,
        new_passphrase: impl Into<NewPassphrase<'p>>,
    ) -> Result<(Self, RecoveryCode)> {
        let new_passphrase = new_passphrase.into().checked()?;
        let mut vault: Self =
            Self::open_with(path, |header| header.unwrap_with_recovery(code))?.into_role()?;
        let fresh = vault.replace_data_key(new_passphrase, &mut |_| Ok(()))?;
        Ok((vault, fresh))
    }

    /// This vault as one of role `S`, once its header says it is one; then the role's
    /// housekeeping on opening (see [`VaultRole::opened`]).
    pub(crate) fn into_role<S: VaultRole>(self) -> Result<Vault<S>> {
        if self.header.role != S::ROLE {
            return Err(VaultError::WrongRole {
                needed: S::ROLE,
                found: self.header.role,
            });
        }
        let mut vault = Vault {
            conn: self.conn,
            _lock: self._lock,
            path: self.path,
            header: self.header,
            dek: self.dek,
            keys: self.keys,
            index: self.index,
            employer_limits: self.employer_limits,
            role: PhantomData,
        };
        S::opened(&mut vault)?;
        Ok(vault)
    }

    pub(crate) fn open_with(
        path: &Path,
        unlock: impl FnOnce(&Header) -> Result<Key256>,
    ) -> Result<Self> {
        if !path.exists() {
            return Err(VaultError::NoVault {
                path: path.to_owned(),
            });
        }
        let lock = VaultLock::acquire(path)?;
        let mut magic = [0u8; 16];
        let read = lock
            .file()
            .read(&mut magic)
            .map_err(VaultError::io(format!("cannot read {}", path.display())))?;
        if read < magic.len() || &magic != SQLITE_MAGIC {
            return Err(VaultError::NotAVault {
                path: path.to_owned(),
                reason: "it is not an SQLite database".into(),
            });
        }
        let mut conn = connect(path, Connect::Existing)?;
        // Nothing is written before the passphrase is known to be right: a wrong one
        // leaves the file exactly as it was.
        if schema::check_not_newer(&conn)? == 0 {
            return Err(VaultError::NotAVault {
                path: path.to_owned(),
                reason: "it is an empty database".into(),
            });
        }
        let header = Header::load(&conn, path)?;
        let dek = unlock(&header)?;
        let keys = Keys::from_dek(&dek);
        schema::migrate(&mut conn, schema::Migrating::Unlocked(&keys))?;
        let index = IndexState::verify(&conn, &keys.index)?;
        Ok(Vault {
            conn,
            _lock: lock,
            path: path.to_owned(),
            header,
            dek,
            keys,
            index,
            employer_limits: Default::default(),
            role: PhantomData,
        })
    }

    /// Locks the vault: closes the database, releases the file lock and wipes every key.
    pub fn lock(self) {
        drop(self);
    }

    /// Sets a new passphrase (which must keep the rule, see [`NewPassphrase`]) after
    /// checking the current one. Only the wrap of the data key changes; no record is
    /// re-encrypted, and the recovery code keeps working.
    pub fn change_passphrase<'p>(
        &mut self,
        current: &SecretString,
        new: impl Into<NewPassphrase<'p>>,
    ) -> Result<()> {
        let new = new.into().checked()?;
        self.header.unwrap_with_passphrase(current)?;
        let kdf = self.header.kdf;
        self.header.rewrap_passphrase(&self.dek, new, kdf)?;
        self.store_header()
    }

    /// Issues a new recovery code after checking the passphrase; the old code stops
    /// working.
    pub fn replace_recovery_code(&mut self, passphrase: &SecretString) -> Result<RecoveryCode> {
        self.header.unwrap_with_passphrase(passphrase)?;
        let fresh = RecoveryCode::generate();
        self.header.rewrap_recovery(&self.dek, &fresh);
        self.store_header()?;
        Ok(fresh)
    }

    fn store_header(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(VaultError::db("updating the header"))?;
        self.header.store(&tx)?;
        tx.commit().map_err(VaultError::db("updating the header"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn role(&self) -> Role {
        self.header.role
    }

    pub fn kdf_params(&self) -> KdfParams {
        self.header.kdf
    }

    /// The vault's random id, in hex: names this vault without saying anything about it.
    pub fn id(&self) -> String {
        self.header
            .vault_id
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Runs `f` in one immediate transaction that also updates the authenticated index.
    /// Either everything `f` wrote is committed with the new index tag, or nothing is.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let Vault {
            conn,
            header,
            keys,
            index,
            ..
        } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(VaultError::db("starting a write"))?;
        let mut writer = Writer {
            tx,
            vault_id: &header.vault_id,
            keys,
            index: *index,
        };
        let result = f(&mut writer)?;
        writer.index.store(&writer.tx, &keys.index)?;
        let new_index = writer.index;
        writer
            .tx
            .commit()
            .map_err(VaultError::db("committing a write"))?;
        *index = new_index;
        Ok(result)
    }

    /// The current version and plaintext of a record, or None when there is no such row.
    pub(crate) fn read_raw(&self, kind: &str, id: &str) -> Result<Option<(u64, Vec<u8>)>> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT version, sealed FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut stmt| {
                stmt.query_row([kind, id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(VaultError::db("reading a record"))?;
        let Some((version, sealed)) = row else {
            return Ok(None);
        };
        let plain = self.open_row(kind, id, version, &sealed)?;
        Ok(Some((plain.0, plain.1)))
    }

    /// Every record of `kind`, decrypted, as (id, version, plaintext).
    pub(crate) fn read_all_raw(&self, kind: &str) -> Result<Vec<(String, u64, Vec<u8>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, version, sealed FROM records WHERE kind = ?1")
            .map_err(VaultError::db("listing records"))?;
        let rows = stmt
            .query_map([kind], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                ))
            })
            .map_err(VaultError::db("listing records"))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, version, sealed) = row.map_err(VaultError::db("listing records"))?;
            let (version, plain) = self.open_row(kind, &id, version, &sealed)?;
            out.push((id, version, plain));
        }
        Ok(out)
    }

    fn open_row(
        &self,
        kind: &str,
        id: &str,
        version: i64,
        sealed: &[u8],
    ) -> Result<(u64, Vec<u8>)> {
        let what = || format!("record {kind}/{id} does not authenticate");
        let version = u64::try_from(version).map_err(|_| VaultError::tampered(what()))?;
        let row = RowName {
            vault_id: &self.header.vault_id,
            kind,
            id,
            version,
        };
        let plain = seal::open(&self.keys.records, row, sealed)
            .ok_or_else(|| VaultError::tampered(what()))?;
        Ok((version, plain))
    }

    /// Ids of `kind` starting with `prefix`.
    pub(crate) fn ids_with_prefix(&self, kind: &str, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM records WHERE kind = ?1 AND substr(id, 1, length(?2)) = ?2",
            )
            .map_err(VaultError::db("looking up an id"))?;
        let ids = stmt
            .query_map([kind, prefix], |row| row.get(0))
            .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
            .map_err(VaultError::db("looking up an id"))?;
        Ok(ids)
    }
}

/// The one way to change a vault: every write goes through here, so the authenticated
/// index is always updated with it.
pub(crate) struct Writer<'v> {
    pub tx: rusqlite::Transaction<'v>,
    vault_id: &'v [u8; 16],
    pub keys: &'v Keys,
    index: IndexState,
}

impl Writer<'_> {
    /// The version and sealed bytes of `kind/id`, which the index counted in.
    fn current_row(&self, kind: &str, id: &str) -> Result<Option<(u64, Vec<u8>)>> {
        let row: Option<(i64, Vec<u8>)> = self
            .tx
            .prepare_cached("SELECT version, sealed FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut stmt| {
                stmt.query_row([kind, id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(VaultError::db("reading a record version"))?;
        Ok(row.map(|(version, sealed)| (version.max(0) as u64, sealed)))
    }

    /// Writes `plaintext` as the next version of `kind/id` (version 1 for a new row).
    pub fn put(&mut self, kind: &str, id: &str, plaintext: &[u8]) -> Result<u64> {
        let previous = self.current_row(kind, id)?;
        let version = previous.as_ref().map_or(1, |(v, _)| v + 1);
        let row = RowName {
            vault_id: self.vault_id,
            kind,
            id,
            version,
        };
        let sealed = seal::seal(&self.keys.records, row, plaintext);
        self.tx
            .prepare_cached(
                "INSERT INTO records (kind, id, version, sealed) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, sealed = excluded.sealed",
            )
            .and_then(|mut stmt| stmt.execute(rusqlite::params![kind, id, version as i64, sealed]))
            .map_err(VaultError::db("writing a record"))?;
        if let Some((previous, old_sealed)) = previous {
            self.index
                .remove(&self.keys.index, kind, id, previous, &old_sealed);
        }
        self.index.add(&self.keys.index, kind, id, version, &sealed);
        Ok(version)
    }

    /// The plaintext of `kind/id` as this transaction sees it.
    pub fn read_raw(&self, kind: &str, id: &str) -> Result<Option<Vec<u8>>> {
        let row: Option<(i64, Vec<u8>)> = self
            .tx
            .prepare_cached("SELECT version, sealed FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut stmt| {
                stmt.query_row([kind, id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(VaultError::db("reading a record"))?;
        let Some((version, sealed)) = row else {
            return Ok(None);
        };
        let row = RowName {
            vault_id: self.vault_id,
            kind,
            id,
            version: u64::try_from(version).unwrap_or(u64::MAX),
        };
        seal::open(&self.keys.records, row, &sealed)
            .map(Some)
            .ok_or_else(|| {
                VaultError::tampered(format!("record {kind}/{id} does not authenticate"))
            })
    }

    /// Every id of `kind`.
    pub fn ids(&self, kind: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM records WHERE kind = ?1")
            .map_err(VaultError::db("listing record ids"))?;
        let ids = stmt
            .query_map([kind], |row| row.get(0))
            .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
            .map_err(VaultError::db("listing record ids"))?;
        Ok(ids)
    }

    /// Removes `kind/id`; false when there was no such row.
    pub fn remove(&mut self, kind: &str, id: &str) -> Result<bool> {
        let Some((version, sealed)) = self.current_row(kind, id)? else {
            return Ok(false);
        };
        self.tx
            .execute(
                "DELETE FROM records WHERE kind = ?1 AND id = ?2",
                [kind, id],
            )
            .map_err(VaultError::db("deleting a record"))?;
        self.index
            .remove(&self.keys.index, kind, id, version, &sealed);
        Ok(true)
    }
}

/// `path` with `suffix` appended to its file name (SQLite's `-wal` and `-shm` files).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Creates a file that must not exist yet, readable by its owner only.
pub(crate) fn create_new_private(path: &Path) -> Result<std::fs::File> {
    crate::private::create_file(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            VaultError::AlreadyExists {
                path: path.to_owned(),
            }
        } else {
            VaultError::io(format!("cannot create {}", path.display()))(e)
        }
    })
}

fn create_private_dir(dir: &Path) -> Result<()> {
    crate::private::create_dir_all(dir).map_err(VaultError::io(format!(
        "cannot create the folder {}",
        dir.display()
    )))
}
