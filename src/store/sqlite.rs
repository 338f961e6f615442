//! SQLite as the record store of the embedded backend.
//!
//! One SQL table per credstore table, keyed by (name, version) like the DynamoDB table.
//! Versions are TEXT with the default BINARY collation, which compares UTF-8 bytes:
//! the same order DynamoDB uses for S range keys, so `latest` is `ORDER BY version DESC`.
//!
//! Durability: every write is one SQLite transaction (journal in WAL mode, synchronous
//! FULL), so a crash or power loss mid-write leaves the previous state, never half a row.
//! Concurrency: each process has its own connection; SQLite's file locks serialize
//! writers, and a busy timeout makes a second process wait instead of failing.
//!
//! Trust and erasure: an existing database file (and its `-wal` and `-shm` files) is used
//! only when it is a regular file (not a link) of the effective user that no one else may
//! change. Deleted rows are overwritten with zeros (`secure_delete`), and every delete is
//! checkpointed out of the write-ahead log, so a deleted secret's ciphertext and wrapped
//! key do not linger in free pages or in old page images of the log.

use super::{ScannedItem, SecretStore, SetupOptions, SetupOutcome, StoreError};
use crate::model::context::EncryptionContext;
use crate::model::record::{
    self, BinaryMaterial, RawValue, Record, RecordError, StoredItem, VersionKey,
};
use crate::model::wrap::KeyWrap;
use crate::private_file::{self, Distrust};
use rusqlite::types::Value;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a call waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Permission bits the database files must not have: others may read the ciphertext
/// (it is no secret without the master key), but not change it.
const WRITABLE_BY_OTHERS: u32 = 0o022;

/// The columns read back, in the order [`decode_row`] expects.
const COLUMNS: &str = "name, version, key, contents, hmac, digest, comment, context, created_at, \
                       created_by, expires_at, tags";

/// The metadata columns (FORMAT.md "Metadata") and their types, added to a table made
/// before them by [`add_metadata_columns`].
const METADATA_COLUMNS: [(&str, &str); 3] = [
    ("created_by", "TEXT"),
    ("expires_at", "INTEGER"),
    ("tags", "TEXT"),
];

/// A credstore table stored in a SQLite file.
///
/// rusqlite is blocking, so every call runs on tokio's blocking pool
/// (`spawn_blocking`) with the connection behind a std `Mutex` that is only locked
/// inside the blocking closure, never across an await.
#[derive(Debug)]
pub(crate) struct SqliteStore {
    /// The connection; one per store, serialized by the mutex.
    conn: Arc<Mutex<Connection>>,
    /// The credstore table name (unquoted), for errors.
    table: String,
    /// The SQL identifier of the table, already quoted.
    quoted: String,
    /// The database file, for messages.
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating it when missing, mode 0600) the SQLite file at `path` and selects
    /// the credstore table `table` inside it. The table itself is created by
    /// [`SecretStore::create_table`] or by the first [`SecretStore::put_new`].
    ///
    /// An existing file, and its `-wal` and `-shm` files when present, must be regular
    /// files (not links) of the effective user that group and others cannot write, or
    /// the store is refused before SQLite opens it.
    ///
    /// This call does blocking file I/O (and may wait up to the busy timeout while
    /// another process switches the file to WAL mode); call it at startup.
    pub(crate) fn open(path: &Path, table: &str) -> Result<Self, StoreError> {
        check_table_name(table)?;
        let shown = path.display();
        create_private(path).map_err(|e| {
            StoreError::Other(format!("cannot create the database file {shown}: {e}"))
        })?;
        check_files(path)?;
        // No CREATE: the file exists (created 0600 above); SQLite must not make another.
        // NO_MUTEX: the std Mutex already serializes use of the connection.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(not_a_uri(path), flags)
            .map_err(|e| StoreError::Other(format!("cannot open the database {shown}: {e}")))?;
        let setup = || -> Result<(), SetupError> {
            // The timeout first: switching to WAL takes a lock another process may hold.
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(SetupError::Refused(format!(
                    "could not switch the journal to WAL mode (got {mode:?})"
                )));
            }
            // FULL: a committed secret survives power loss, not only a process crash.
            conn.pragma_update(None, "synchronous", "FULL")?;
            // Deleted rows are overwritten with zeros, not left in free space. Read back:
            // a build of SQLite that cannot do it must not pretend to.
            let secure: i64 = conn.query_row("PRAGMA secure_delete = ON", [], |row| row.get(0))?;
            if secure != 1 {
                return Err(SetupError::Refused(format!(
                    "could not turn secure_delete on (got {secure})"
                )));
            }
            Ok(())
        };
        // Switching a new file to WAL while other processes open it can answer "locked"
        // at once, without waiting in the busy handler: retry until the busy timeout.
        let started = std::time::Instant::now();
        let mut pause = std::time::Duration::from_millis(5);
        loop {
            match setup() {
                Ok(()) => break,
                Err(SetupError::Sqlite(e)) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(200));
                }
                Err(e) => {
                    return Err(StoreError::Other(format!(
                        "cannot open the database {shown}: {e}"
                    )));
                }
            }
        }
        let quoted = quote_identifier(table);
        add_metadata_columns(&conn, table, &quoted).map_err(|e| {
            StoreError::Other(format!(
                "cannot add the metadata columns to table {table:?} in {shown}: {e}"
            ))
        })?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
            table: table.to_string(),
            quoted,
            path: path.to_path_buf(),
        })
    }

    /// Runs `f` with the connection on the blocking pool.
    async fn call<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection, &Names) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let names = Names {
            table: self.table.clone(),
            quoted: self.quoted.clone(),
            path: self.path.clone(),
        };
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| {
                StoreError::Other("an earlier database call panicked; the store is unusable".into())
            })?;
            f(&mut guard, &names)
        })
        .await
        .map_err(|e| StoreError::Other(format!("the database task failed: {e}")))?
    }
}

/// What a blocking closure needs to know about the table.
struct Names {
    /// The credstore table name.
    table: String,
    /// Its quoted SQL identifier.
    quoted: String,
    /// The database file.
    path: PathBuf,
}

impl Names {
    /// Maps a SQLite error to `StoreError::Other`, naming the file. SQLite messages
    /// carry no bound values, so no secret material can leak through them.
    fn other(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Other(format!("database {}: {e}", self.path.display()))
    }

    /// `NoTable` unless the table exists (checked inside the caller's transaction).
    /// Runs one write statement (`{}` stands for the quoted table) in an IMMEDIATE
    /// transaction on an existing table; returns the number of rows it changed.
    fn write_rows(
        &self,
        conn: &mut Connection,
        statement: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<usize, StoreError> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| self.other(e))?;
        self.require_table(&tx)?;
        let sql = statement.replace("{}", &self.quoted);
        let changed = tx.execute(&sql, params).map_err(|e| self.other(e))?;
        tx.commit().map_err(|e| self.other(e))?;
        Ok(changed)
    }

    fn require_table(&self, conn: &Connection) -> Result<(), StoreError> {
        if table_exists(conn, &self.table).map_err(|e| self.other(e))? {
            Ok(())
        } else {
            Err(StoreError::NoTable(self.table.clone()))
        }
    }

    /// `CREATE TABLE IF NOT EXISTS` for this table.
    fn create_sql(&self) -> String {
        // STRICT: SQLite enforces the column types instead of coercing values.
        // WITHOUT ROWID: the primary key is the storage order, as in DynamoDB.
        format!(
            "CREATE TABLE IF NOT EXISTS {} (
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                key BLOB NOT NULL,
                contents BLOB NOT NULL,
                hmac TEXT NOT NULL,
                digest TEXT NOT NULL,
                comment TEXT,
                context TEXT,
                created_at INTEGER,
                created_by TEXT,
                expires_at INTEGER,
                tags TEXT,
                PRIMARY KEY (name, version)
            ) STRICT, WITHOUT ROWID",
            self.quoted
        )
    }
}

/// The migration of a table made before the metadata columns: adds the missing ones
/// (NULL in every existing row), in a write transaction so two processes opening the
/// store at once do not both add them. Nothing to do for a missing or current table.
fn add_metadata_columns(conn: &Connection, table: &str, quoted: &str) -> rusqlite::Result<()> {
    let missing = |conn: &Connection| -> rusqlite::Result<Vec<(&str, &str)>> {
        if !table_exists(conn, table)? {
            return Ok(Vec::new());
        }
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let present: Vec<String> = stmt
            .query_map([table], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(METADATA_COLUMNS
            .into_iter()
            .filter(|(c, _)| !present.iter().any(|p| p.eq_ignore_ascii_case(c)))
            .collect())
    };
    if missing(conn)?.is_empty() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| {
        for (column, kind) in missing(conn)? {
            conn.execute_batch(&format!("ALTER TABLE {quoted} ADD COLUMN {column} {kind}"))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Whether `table` exists. SQLite identifiers are ASCII case-insensitive, so the
/// lookup is too (NOCASE folds ASCII only, like SQLite's own identifier matching):
/// in the embedded backend `-t Foo` and `-t foo` name the same table.
fn table_exists(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1 COLLATE NOCASE",
        [table],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
}

/// Refuses table names SQLite cannot hold: NUL cannot appear in SQL text, and
/// `sqlite_*` names belong to SQLite itself.
fn check_table_name(table: &str) -> Result<(), StoreError> {
    if table.contains('\0') {
        return Err(StoreError::Other(
            "the table name contains a NUL character".into(),
        ));
    }
    let reserved = table
        .get(..7)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("sqlite_"));
    if reserved {
        return Err(StoreError::Other(format!(
            "the table name {table:?} is reserved by SQLite (names starting with \"sqlite_\"); choose another with -t"
        )));
    }
    Ok(())
}

/// Quotes any string as an SQL identifier: wrapped in double quotes, inner ones doubled.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Refuses the database file, and its `-wal` and `-shm` files when they exist, unless each
/// is a regular file of the effective user that others cannot write (see
/// [`private_file::open_trusted`]: no link is followed, no FIFO waited on).
fn check_files(path: &Path) -> Result<(), StoreError> {
    check_file(path, "the database file", false)?;
    for (suffix, what) in [
        ("-wal", "the database's write-ahead log"),
        ("-shm", "the database's shared-memory index"),
    ] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        check_file(Path::new(&side), what, true)?;
    }
    Ok(())
}

/// One file of [`check_files`]; `optional` files may be missing.
fn check_file(path: &Path, what: &str, optional: bool) -> Result<(), StoreError> {
    match private_file::open_trusted(path, WRITABLE_BY_OTHERS) {
        Ok(_) => Ok(()),
        Err(Distrust::Io(e)) if optional && e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(distrust) => Err(StoreError::Other(distrust.message(what, path))),
    }
}

/// Copies every page of the write-ahead log into the database and empties the log, so
/// the page images from before a delete (which still hold the deleted row) are gone.
///
/// Best effort: the delete is committed whatever happens here. A reader in another
/// process can keep the checkpoint from finishing (after the busy timeout); the old
/// images are then dropped by a later checkpoint, at the latest when the last connection
/// closes (which also removes the log).
fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
        row.get::<_, i64>(0)
    });
}

/// Creates the database file empty with mode 0600 if it does not exist, before SQLite
/// writes anything to it (an empty file is a valid empty database). SQLite gives its
/// `-wal` and `-shm` files the permissions of the database file.
fn create_private(path: &Path) -> io::Result<()> {
    match crate::private_file::create_new(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The bundled SQLite reads `file:...` names as URIs; `./` keeps a relative path a path.
fn not_a_uri(path: &Path) -> PathBuf {
    if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// Whether an error is a primary-key violation (the (name, version) exists).
/// Why setting up a connection failed.
#[derive(Debug, thiserror::Error)]
enum SetupError {
    /// SQLite failed (possibly busy: another process holds a lock).
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// SQLite did not do what was asked.
    #[error("{0}")]
    Refused(String),
}

/// True when another connection holds the lock we need.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn is_primary_key_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(err, _)
            if err.code == ErrorCode::ConstraintViolation
                && err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// The stored context as a JSON object of strings.
fn context_to_json(context: &EncryptionContext) -> String {
    let object: serde_json::Map<String, serde_json::Value> = context
        .as_map()
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::Value::Object(object).to_string()
}

/// Decodes one row (columns in [`COLUMNS`] order) with the shared tolerant step
/// ([`record::decode`]): a value of an unexpected type or content is a [`RecordError`]
/// naming the item, not a failure of the whole call.
fn decode_row(values: [Value; 12]) -> Result<Record, RecordError> {
    record::decode(stored_item(values))
}

/// One row (columns in [`COLUMNS`] order) as the neutral [`StoredItem`]. `key` and
/// `contents` are BLOBs of the material itself; `context` is a JSON object.
fn stored_item(values: [Value; 12]) -> StoredItem {
    let [
        name,
        version,
        key,
        contents,
        hmac,
        digest,
        comment,
        context,
        created_at,
        created_by,
        expires_at,
        tags,
    ] = values;
    StoredItem {
        name: raw(name),
        version: raw(version),
        key: raw(key),
        contents: raw(contents),
        hmac: raw(hmac),
        digest: raw(digest),
        comment: raw(comment),
        context: match context {
            Value::Text(json) => Some(parse_context(json)),
            other => raw(other),
        },
        created_at: raw(created_at),
        algorithm: None,
        // The embedded backend has no regions: replica wraps are not kept.
        wraps: None,
        created_by: raw(created_by),
        expires_at: raw(expires_at),
        // A JSON object of strings, like `context`.
        tags: match tags {
            Value::Text(json) => Some(parse_context(json)),
            other => raw(other),
        },
        binary_material: BinaryMaterial::Raw,
    }
}

/// A (name, version, context) row as a [`VersionKey`], through the shared step.
fn decode_key_row(values: [Value; 3]) -> Result<VersionKey, RecordError> {
    let [name, version, context] = values;
    record::decode_key(StoredItem {
        name: raw(name),
        version: raw(version),
        context: match context {
            Value::Text(json) => Some(parse_context(json)),
            other => raw(other),
        },
        ..StoredItem::default()
    })
}

/// A column's value as a [`RawValue`]; NULL is `None`.
fn raw(value: Value) -> Option<RawValue> {
    match value {
        Value::Null => None,
        Value::Integer(n) => Some(RawValue::Integer(n)),
        Value::Real(x) => Some(RawValue::OtherNumber(x)),
        Value::Text(s) => Some(RawValue::Text(s)),
        Value::Blob(b) => Some(RawValue::Bytes(b)),
    }
}

/// The `context` column: a JSON object becomes a map (its string values as text, any
/// other value of another type); anything else stays text, which the format refuses.
fn parse_context(json: String) -> RawValue {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str(&json) else {
        return RawValue::Text(json);
    };
    let map = object
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => RawValue::Text(s),
                _ => RawValue::Other("JSON"),
            };
            (k, v)
        })
        .collect::<BTreeMap<_, _>>();
    RawValue::Map(map)
}

/// Reads the nine columns of a row as dynamic values.
fn row_values(row: &rusqlite::Row<'_>) -> rusqlite::Result<[Value; 12]> {
    Ok([
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
    ])
}

/// Runs one query that returns at most one record, in a read transaction that also
/// checks the table exists (so both see the same snapshot).
fn query_one(
    conn: &mut Connection,
    names: &Names,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Option<Record>, StoreError> {
    let tx = conn.transaction().map_err(|e| names.other(e))?;
    names.require_table(&tx)?;
    let values = tx
        .query_row(sql, params, row_values)
        .optional()
        .map_err(|e| names.other(e))?;
    tx.commit().map_err(|e| names.other(e))?;
    match values {
        None => Ok(None),
        Some(values) => Ok(Some(decode_row(values)?)),
    }
}

#[async_trait::async_trait]
impl SecretStore for SqliteStore {
    /// Creates the SQL table if missing. Capacity and tags have no meaning for a file
    /// and are ignored.
    async fn create_table(&self, _options: &SetupOptions) -> Result<SetupOutcome, StoreError> {
        self.call(|conn, names| {
            // IMMEDIATE takes the write lock first (waiting per busy_timeout), so the
            // existence check and the creation cannot interleave with another writer.
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| names.other(e))?;
            if table_exists(&tx, &names.table).map_err(|e| names.other(e))? {
                return Ok(SetupOutcome::AlreadyExists);
            }
            tx.execute_batch(&names.create_sql())
                .map_err(|e| names.other(e))?;
            tx.commit().map_err(|e| names.other(e))?;
            Ok(SetupOutcome::Created)
        })
        .await
    }

    /// Inserts the record; creates the table first when missing, so the first put
    /// works without `setup`. The insert never replaces a row.
    async fn put_new(&self, record: &Record) -> Result<(), StoreError> {
        let record = record.clone();
        self.call(move |conn, names| {
            // IMMEDIATE: in WAL mode a deferred transaction that later needs the write
            // lock fails at once with SQLITE_BUSY; IMMEDIATE waits for it instead.
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| names.other(e))?;
            tx.execute_batch(&names.create_sql())
                .map_err(|e| names.other(e))?;
            let sql = format!(
                "INSERT INTO {} ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                names.quoted
            );
            let comment = record.comment.as_deref().filter(|c| !c.is_empty());
            let context = record.context.as_ref().map(context_to_json);
            let tags = (!record.meta.tags.is_empty())
                .then(|| serde_json::to_string(&record.meta.tags).unwrap_or_default());
            let inserted = tx.execute(
                &sql,
                params![
                    record.name,
                    record.version,
                    record.wrapped_key,
                    record.ciphertext,
                    record.hmac_hex,
                    record.digest.name(),
                    comment,
                    context,
                    record.created_at,
                    record.meta.created_by,
                    record.meta.expires_at,
                    tags,
                ],
            );
            match inserted {
                Ok(_) => {}
                Err(e) if is_primary_key_violation(&e) => {
                    return Err(StoreError::Conflict {
                        name: record.name.clone(),
                        version: record.version.clone(),
                    });
                }
                Err(e) => return Err(names.other(e)),
            }
            tx.commit().map_err(|e| names.other(e))
        })
        .await
    }

    async fn latest(&self, name: &str) -> Result<Option<Record>, StoreError> {
        let name = name.to_string();
        self.call(move |conn, names| {
            let sql = format!(
                "SELECT {COLUMNS} FROM {} WHERE name = ?1 ORDER BY version DESC LIMIT 1",
                names.quoted
            );
            query_one(conn, names, &sql, &[&name])
        })
        .await
    }

    async fn get_version(&self, name: &str, version: &str) -> Result<Option<Record>, StoreError> {
        let (name, version) = (name.to_string(), version.to_string());
        self.call(move |conn, names| {
            let sql = format!(
                "SELECT {COLUMNS} FROM {} WHERE name = ?1 AND version = ?2",
                names.quoted
            );
            query_one(conn, names, &sql, &[&name, &version])
        })
        .await
    }

    async fn versions(&self, name: &str) -> Result<Vec<String>, StoreError> {
        let name = name.to_string();
        self.call(move |conn, names| {
            let tx = conn.transaction().map_err(|e| names.other(e))?;
            names.require_table(&tx)?;
            let sql = format!(
                "SELECT version FROM {} WHERE name = ?1 ORDER BY version ASC",
                names.quoted
            );
            let versions = {
                let mut statement = tx.prepare(&sql).map_err(|e| names.other(e))?;
                statement
                    .query_map([&name], |row| row.get::<_, String>(0))
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(|e| names.other(e))?
            };
            tx.commit().map_err(|e| names.other(e))?;
            Ok(versions)
        })
        .await
    }

    async fn scan(&self) -> Result<Vec<ScannedItem>, StoreError> {
        self.call(|conn, names| {
            let tx = conn.transaction().map_err(|e| names.other(e))?;
            names.require_table(&tx)?;
            let sql = format!("SELECT {COLUMNS} FROM {}", names.quoted);
            let rows = {
                let mut statement = tx.prepare(&sql).map_err(|e| names.other(e))?;
                statement
                    .query_map([], row_values)
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(|e| names.other(e))?
            };
            tx.commit().map_err(|e| names.other(e))?;
            Ok(rows.into_iter().map(decode_row).collect())
        })
        .await
    }

    async fn replace_wrap(
        &self,
        name: &str,
        version: &str,
        old_key: &[u8],
        new_key: &[u8],
        new_context: &EncryptionContext,
        _new_wraps: &[KeyWrap],
    ) -> Result<(), StoreError> {
        let (name, version) = (name.to_string(), version.to_string());
        let (old_key, new_key) = (old_key.to_vec(), new_key.to_vec());
        let context = (!new_context.is_empty()).then(|| context_to_json(new_context));
        self.call(move |conn, names| {
            let updated = names.write_rows(
                conn,
                "UPDATE {} SET key = ?1, context = ?2 WHERE name = ?3 AND version = ?4 AND key = ?5",
                params![new_key, context, name, version, old_key],
            )?;
            if updated == 0 {
                return Err(StoreError::Conflict { name, version });
            }
            Ok(())
        })
        .await
    }

    /// Indexed range reads: the primary key (name, version) orders rows by name in byte
    /// order, so the names starting with a prefix are the rows from `name >= prefix` on,
    /// up to the first name that does not start with it. One read transaction.
    async fn scan_keys(
        &self,
        prefixes: &[String],
    ) -> Result<Vec<Result<VersionKey, RecordError>>, StoreError> {
        let mut ranges: Vec<String> = if prefixes.iter().any(String::is_empty) {
            vec![String::new()]
        } else {
            prefixes.to_vec()
        };
        if ranges.is_empty() {
            ranges.push(String::new());
        }
        // A prefix inside another's range is read by that range.
        ranges.sort();
        ranges.dedup_by(|later, earlier| later.starts_with(earlier.as_str()));
        self.call(move |conn, names| {
            let tx = conn.transaction().map_err(|e| names.other(e))?;
            names.require_table(&tx)?;
            let sql = format!(
                "SELECT name, version, context FROM {} WHERE name >= ?1 ORDER BY name, version",
                names.quoted
            );
            let mut keys = Vec::new();
            {
                let mut statement = tx.prepare(&sql).map_err(|e| names.other(e))?;
                for prefix in &ranges {
                    let mut rows = statement.query([prefix]).map_err(|e| names.other(e))?;
                    while let Some(row) = rows.next().map_err(|e| names.other(e))? {
                        let values: [Value; 3] = [
                            row.get(0).map_err(|e| names.other(e))?,
                            row.get(1).map_err(|e| names.other(e))?,
                            row.get(2).map_err(|e| names.other(e))?,
                        ];
                        if !matches!(&values[0], Value::Text(n) if n.starts_with(prefix.as_str())) {
                            break;
                        }
                        keys.push(decode_key_row(values));
                    }
                }
            }
            tx.commit().map_err(|e| names.other(e))?;
            Ok(keys)
        })
        .await
    }

    /// One read transaction, one primary-key lookup per key.
    async fn get_records(&self, keys: &[(String, String)]) -> Result<Vec<ScannedItem>, StoreError> {
        let keys = keys.to_vec();
        self.call(move |conn, names| {
            let tx = conn.transaction().map_err(|e| names.other(e))?;
            names.require_table(&tx)?;
            let sql = format!(
                "SELECT {COLUMNS} FROM {} WHERE name = ?1 AND version = ?2",
                names.quoted
            );
            let mut rows = Vec::with_capacity(keys.len());
            {
                let mut statement = tx.prepare(&sql).map_err(|e| names.other(e))?;
                for (name, version) in &keys {
                    if let Some(values) = statement
                        .query_row([name, version], row_values)
                        .optional()
                        .map_err(|e| names.other(e))?
                    {
                        rows.push(values);
                    }
                }
            }
            tx.commit().map_err(|e| names.other(e))?;
            Ok(rows.into_iter().map(decode_row).collect())
        })
        .await
    }

    async fn delete(&self, name: &str, version: &str) -> Result<bool, StoreError> {
        let (name, version) = (name.to_string(), version.to_string());
        self.call(move |conn, names| {
            let deleted = names.write_rows(
                conn,
                "DELETE FROM {} WHERE name = ?1 AND version = ?2",
                params![name, version],
            )?;
            if deleted > 0 {
                checkpoint(conn);
            }
            Ok(deleted > 0)
        })
        .await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::crypto::Digest;
    use crate::model::metadata::Metadata;

    fn record(name: &str, version: &str) -> Record {
        Record {
            name: name.to_string(),
            version: version.to_string(),
            wrapped_key: vec![1, 2, 3, 0, 255],
            ciphertext: format!("ciphertext of {name} {version}").into_bytes(),
            hmac_hex: "ab".repeat(32),
            digest: Digest::Sha256,
            comment: None,
            context: None,
            created_at: None,
            wraps: Vec::new(),
            meta: Default::default(),
        }
    }

    fn open_temp(table: &str) -> (tempfile::TempDir, PathBuf, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.db");
        let store = SqliteStore::open(&path, table).unwrap();
        (dir, path, store)
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[tokio::test]
    async fn put_then_read_back_every_way() {
        let (_dir, _path, store) = open_temp("credential-store");
        let mut full = record("db.password", "0000000000000000002");
        full.digest = Digest::Sha1;
        full.comment = Some("rotated".into());
        let mut ctx = EncryptionContext::new();
        ctx.insert("credstore:name", "db.password");
        ctx.insert("app", "we\"b=1");
        full.context = Some(ctx);
        full.created_at = Some(1_700_000_000);
        let first = record("db.password", "0000000000000000001");
        let other = record("api.token", "0000000000000000001");
        for r in [&first, &full, &other] {
            store.put_new(r).await.unwrap();
        }

        assert_eq!(
            store.latest("db.password").await.unwrap(),
            Some(full.clone())
        );
        assert_eq!(
            store
                .get_version("db.password", "0000000000000000001")
                .await
                .unwrap(),
            Some(first.clone())
        );
        assert_eq!(store.get_version("db.password", "3").await.unwrap(), None);
        assert_eq!(store.latest("nope").await.unwrap(), None);
        assert_eq!(
            store.versions("db.password").await.unwrap(),
            vec!["0000000000000000001", "0000000000000000002"]
        );
        assert!(store.versions("nope").await.unwrap().is_empty());

        let mut scanned: Vec<Record> = store
            .scan()
            .await
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        scanned.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        assert_eq!(scanned, vec![other.clone(), first.clone(), full.clone()]);

        assert!(
            store
                .delete("db.password", "0000000000000000002")
                .await
                .unwrap()
        );
        assert!(
            !store
                .delete("db.password", "0000000000000000002")
                .await
                .unwrap()
        );
        assert_eq!(store.latest("db.password").await.unwrap(), Some(first));
        assert_eq!(store.scan().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn replace_wrap_is_conditional_on_the_old_key() {
        let (_dir, _path, store) = open_temp("t");
        let mut r = record("a", "1");
        r.comment = Some("kept".into());
        store.put_new(&r).await.unwrap();
        let ctx = EncryptionContext::from_map(BTreeMap::from([(
            "credstore:name".to_string(),
            "a".to_string(),
        )]));
        // Another key than the stored one: a conflict, and nothing changes.
        let err = store
            .replace_wrap("a", "1", b"not the key", b"new", &ctx, &[])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
        assert_eq!(store.get_version("a", "1").await.unwrap().unwrap(), r);
        store
            .replace_wrap("a", "1", &r.wrapped_key, b"new", &ctx, &[])
            .await
            .unwrap();
        let after = store.get_version("a", "1").await.unwrap().unwrap();
        assert_eq!(after.wrapped_key, b"new");
        assert_eq!(after.context, Some(ctx.clone()));
        assert_eq!(
            (
                &after.ciphertext,
                &after.hmac_hex,
                &after.comment,
                after.created_at
            ),
            (&r.ciphertext, &r.hmac_hex, &r.comment, r.created_at)
        );
        // The old key no longer matches; a missing item is a conflict too.
        assert!(matches!(
            store
                .replace_wrap("a", "1", &r.wrapped_key, b"x", &ctx, &[])
                .await,
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            store.replace_wrap("b", "1", b"new", b"x", &ctx, &[]).await,
            Err(StoreError::Conflict { .. })
        ));
    }

    #[tokio::test]
    async fn a_table_made_before_metadata_gains_the_columns_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.db");
        {
            // The schema before metadata, with one row.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE t (name TEXT NOT NULL, version TEXT NOT NULL, key BLOB NOT NULL,
                 contents BLOB NOT NULL, hmac TEXT NOT NULL, digest TEXT NOT NULL,
                 comment TEXT, context TEXT, created_at INTEGER,
                 PRIMARY KEY (name, version)) STRICT, WITHOUT ROWID;
                 INSERT INTO t VALUES ('old', '1', x'01', x'02', 'ab', 'SHA256', NULL, NULL, 5);",
            )
            .unwrap();
        }
        let store = SqliteStore::open(&path, "t").unwrap();
        let old = store.latest("old").await.unwrap().unwrap();
        assert_eq!((old.created_at, &old.meta), (Some(5), &Metadata::default()));
        let mut r = record("new", "1");
        r.meta.created_by = Some("alice".into());
        r.meta.expires_at = Some(99);
        r.meta.tags = BTreeMap::from([("team".to_string(), "db \u{e9}".to_string())]);
        store.put_new(&r).await.unwrap();
        assert_eq!(store.latest("new").await.unwrap().unwrap().meta, r.meta);
        // Opening again (the columns now exist) changes nothing.
        let again = SqliteStore::open(&path, "t").unwrap();
        assert_eq!(again.latest("new").await.unwrap().unwrap().meta, r.meta);
    }

    #[tokio::test]
    async fn empty_comment_reads_back_as_none() {
        let (_dir, _path, store) = open_temp("t");
        let mut r = record("a", "1");
        r.comment = Some(String::new());
        store.put_new(&r).await.unwrap();
        assert_eq!(store.latest("a").await.unwrap().unwrap().comment, None);
    }

    #[tokio::test]
    async fn duplicate_put_is_a_conflict_and_keeps_the_first() {
        let (_dir, _path, store) = open_temp("t");
        let first = record("a", "0000000000000000001");
        store.put_new(&first).await.unwrap();
        let mut second = first.clone();
        second.ciphertext = b"different".to_vec();
        match store.put_new(&second).await {
            Err(StoreError::Conflict { name, version }) => {
                assert_eq!(
                    (name.as_str(), version.as_str()),
                    ("a", "0000000000000000001")
                );
            }
            other => panic!("expected Conflict, got {other:?}"),
        }
        assert_eq!(store.latest("a").await.unwrap(), Some(first));
    }

    #[tokio::test]
    async fn latest_is_the_greatest_version_in_byte_order() {
        let (_dir, _path, store) = open_temp("t");
        for v in ["0000000000000000005", "4", "0000000000000000010"] {
            store.put_new(&record("x", v)).await.unwrap();
        }
        // "4" > "0..." in byte order, as DynamoDB sorts S range keys.
        assert_eq!(store.latest("x").await.unwrap().unwrap().version, "4");
        assert_eq!(
            store.versions("x").await.unwrap(),
            vec!["0000000000000000005", "0000000000000000010", "4"]
        );
        // Byte order, not case-folded or locale order: 'B' (0x42) < 'a' (0x61) < 'é'.
        for v in ["a", "B", "é"] {
            store.put_new(&record("y", v)).await.unwrap();
        }
        assert_eq!(store.versions("y").await.unwrap(), vec!["B", "a", "é"]);
        assert_eq!(store.latest("y").await.unwrap().unwrap().version, "é");
    }

    #[tokio::test]
    async fn reads_of_a_missing_table_say_no_table() {
        let (_dir, path, store) = open_temp("missing");
        let no_table = |r: Result<(), StoreError>| match r {
            Err(StoreError::NoTable(t)) => assert_eq!(t, "missing"),
            other => panic!("expected NoTable, got {other:?}"),
        };
        no_table(store.latest("a").await.map(drop));
        no_table(store.get_version("a", "1").await.map(drop));
        no_table(store.versions("a").await.map(drop));
        no_table(store.scan().await.map(drop));
        no_table(store.delete("a", "1").await.map(drop));
        // Another table in the same file does not make this one exist.
        let other = SqliteStore::open(&path, "other").unwrap();
        other.put_new(&record("a", "1")).await.unwrap();
        no_table(store.latest("a").await.map(drop));
    }

    #[tokio::test]
    async fn create_table_reports_created_then_already_exists() {
        let (_dir, path, store) = open_temp("t");
        let options = SetupOptions::default();
        assert_eq!(
            store.create_table(&options).await.unwrap(),
            SetupOutcome::Created
        );
        assert_eq!(
            store.create_table(&options).await.unwrap(),
            SetupOutcome::AlreadyExists
        );
        assert!(store.scan().await.unwrap().is_empty());
        // A put creates the table when setup was never run.
        let fresh = SqliteStore::open(&path, "fresh").unwrap();
        fresh.put_new(&record("a", "1")).await.unwrap();
        assert_eq!(
            fresh.create_table(&options).await.unwrap(),
            SetupOutcome::AlreadyExists
        );
    }

    #[tokio::test]
    async fn any_table_name_is_quoted_safely() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let names = [
            "credential-store",
            "a\"b",
            "x\"; DROP TABLE t; --",
            "select",
            "名前 with space",
        ];
        for name in names {
            let store = SqliteStore::open(&path, name).unwrap();
            store.put_new(&record(name, "1")).await.unwrap();
        }
        for name in names {
            let store = SqliteStore::open(&path, name).unwrap();
            let items = store.scan().await.unwrap();
            assert_eq!(items.len(), 1, "{name}");
            assert_eq!(items[0].as_ref().unwrap().name, name);
        }
        assert!(SqliteStore::open(&path, "sqlite_master").is_err());
        assert!(SqliteStore::open(&path, "nul\0").is_err());
    }

    #[tokio::test]
    async fn undecodable_rows_are_reported_per_item() {
        let (_dir, path, store) = open_temp("t");
        store.put_new(&record("good", "1")).await.unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO t (name, version, key, contents, hmac, digest) VALUES ('bad', '1', x'00', x'00', 'ab', 'WHIRLPOOL')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO t (name, version, key, contents, hmac, digest, context) VALUES ('ctx', '1', x'00', x'00', 'ab', 'SHA256', '{\"a\": 1}')",
            [],
        )
        .unwrap();
        let items = store.scan().await.unwrap();
        assert_eq!(items.len(), 3);
        assert!(
            items
                .iter()
                .any(|i| i.as_ref().is_ok_and(|r| r.name == "good"))
        );
        assert!(items.iter().any(|i| matches!(
            i,
            Err(RecordError::UnknownDigest { name, digest, .. }) if name == "bad" && digest == "WHIRLPOOL"
        )));
        assert!(items.iter().any(|i| matches!(
            i,
            Err(RecordError::BadAttribute { name, attribute: "context", .. }) if name == "ctx"
        )));
        assert!(matches!(
            store.latest("bad").await,
            Err(StoreError::Record(_))
        ));
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn database_files_are_private() {
        let (_dir, path, store) = open_temp("t");
        assert_eq!(mode(&path), 0o600);
        store.put_new(&record("a", "1")).await.unwrap();
        assert_eq!(mode(&path), 0o600);
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        assert!(wal.exists(), "WAL mode should keep a -wal file while open");
        assert_eq!(mode(&wal) & 0o077, 0);
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// The database file and its write-ahead log (empty when there is none).
    fn file_bytes(path: &Path) -> [Vec<u8>; 2] {
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        [
            std::fs::read(path).unwrap(),
            std::fs::read(&wal).unwrap_or_default(),
        ]
    }

    #[tokio::test]
    async fn deleted_rows_leave_no_bytes_in_the_database_or_its_log() {
        let (_dir, path, store) = open_temp("t");
        let distinct = |tag: u8| -> (Vec<u8>, Vec<u8>) {
            (
                (0..61).map(|i| tag ^ i).collect(),
                (0..80).map(|i| tag.wrapping_mul(3) ^ i).collect(),
            )
        };
        let mut records = Vec::new();
        for (i, tag) in [0x5a_u8, 0xa5, 0x3c].into_iter().enumerate() {
            let mut r = record("n", &format!("{i}"));
            (r.wrapped_key, r.ciphertext) = distinct(tag);
            store.put_new(&r).await.unwrap();
            records.push(r);
        }
        let seen = |r: &Record| {
            file_bytes(&path)
                .iter()
                .any(|bytes| contains(bytes, &r.wrapped_key) || contains(bytes, &r.ciphertext))
        };
        assert!(records.iter().all(seen), "the scan must see live rows");
        // The store stays open, so no closing checkpoint can clean up behind the delete.
        assert!(store.delete("n", "0").await.unwrap());
        assert!(store.delete("n", "1").await.unwrap());
        assert!(!seen(&records[0]), "deleted row 0 is still in the files");
        assert!(!seen(&records[1]), "deleted row 1 is still in the files");
        assert!(seen(&records[2]), "the remaining row must still be there");
        assert_eq!(store.latest("n").await.unwrap(), Some(records[2].clone()));
    }

    #[tokio::test]
    async fn every_connection_has_secure_delete_on() {
        let (_dir, path, first) = open_temp("t");
        let second = SqliteStore::open(&path, "t").unwrap();
        for store in [first, second] {
            let on: i64 = store
                .call(|conn, _| {
                    conn.query_row("PRAGMA secure_delete", [], |row| row.get(0))
                        .map_err(|e| StoreError::Other(e.to_string()))
                })
                .await
                .unwrap();
            assert_eq!(on, 1);
        }
    }

    #[cfg(unix)]
    #[test]
    fn untrusted_database_files_are_refused_before_sqlite_opens_them() {
        use std::os::unix::fs::PermissionsExt;
        let refused = |path: &Path, needle: &str| match SqliteStore::open(path, "t") {
            Err(StoreError::Other(msg)) => {
                assert!(msg.contains(needle), "{msg}");
                assert!(!msg.contains('\n'), "one line: {msg}");
            }
            other => panic!("expected a refusal containing {needle:?}, got {other:?}"),
        };
        let chmod = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        };
        let (dir, path, store) = open_temp("t");
        drop(store);
        let shown = path.display().to_string();

        for mode in [0o666, 0o620, 0o602] {
            chmod(&path, mode);
            refused(
                &path,
                &format!("the database file {shown} has permissions {mode:04o}"),
            );
        }
        chmod(&path, 0o644);
        SqliteStore::open(&path, "t").unwrap();
        chmod(&path, 0o600);

        // The side files, when present, are checked too.
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{shown}{suffix}"));
            std::fs::write(&side, b"").unwrap();
            chmod(&side, 0o622);
            refused(&path, &format!("chmod 600 {}", side.display()));
            std::fs::remove_file(&side).unwrap();
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), &side).unwrap();
            refused(&path, "symbolic link");
            std::fs::remove_file(&side).unwrap();
        }

        // A link to a good database is refused, and a dangling one is not followed.
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        refused(&link, "symbolic link");
        let dangling = dir.path().join("dangling.db");
        let nowhere = dir.path().join("nowhere.db");
        std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
        refused(&dangling, "symbolic link");
        assert!(!nowhere.exists(), "a file was created through the link");

        // A FIFO is refused at once instead of blocking SQLite's first read.
        let fifo = dir.path().join("fifo.db");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        refused(&fifo, "not a regular file (it is a FIFO)");
        refused(dir.path(), "not a regular file (it is a directory)");

        SqliteStore::open(&path, "t").unwrap();
    }

    #[test]
    fn concurrent_writers_of_one_version_exactly_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.db");
        let barrier = std::sync::Barrier::new(8);
        let results: Vec<Result<(), StoreError>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8u8)
                .map(|i| {
                    let (path, barrier) = (&path, &barrier);
                    s.spawn(move || {
                        let runtime = tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                            .unwrap();
                        barrier.wait();
                        // Each thread opens its own connection, as separate processes do.
                        let store = SqliteStore::open(path, "t").unwrap();
                        let mut r = record("shared", "0000000000000000001");
                        r.ciphertext = vec![i];
                        runtime.block_on(store.put_new(&r))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let wins = results.iter().filter(|r| r.is_ok()).count();
        let conflicts = results
            .iter()
            .filter(|r| matches!(r, Err(StoreError::Conflict { .. })))
            .count();
        assert_eq!((wins, conflicts), (1, 7), "{results:?}");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let store = SqliteStore::open(&path, "t").unwrap();
        assert_eq!(runtime.block_on(store.scan()).unwrap().len(), 1);
    }

    #[test]
    fn open_needs_the_parent_directory() {
        let dir = tempfile::tempdir().unwrap();
        assert!(SqliteStore::open(&dir.path().join("no/such/dir.db"), "t").is_err());
    }

    #[test]
    fn quoting_doubles_double_quotes() {
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_identifier(""), "\"\"");
    }
}
