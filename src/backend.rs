//! Building a [`Client`] for a backend: DynamoDB + AWS KMS configured the AWS way
//! (the `aws` feature), or the embedded SQLite file + local master key.

#[cfg(feature = "aws")]
pub(crate) mod app_name;
#[cfg(feature = "aws")]
mod aws;
#[cfg(feature = "aws")]
pub(crate) mod call_log;
#[cfg(feature = "aws")]
mod metadata;
#[cfg(feature = "static")]
mod static_net;

#[cfg(all(feature = "aws", not(any(feature = "system-net", feature = "static"))))]
compile_error!("the `aws` feature needs a network stack: enable `system-net` or `static`");

#[cfg(feature = "aws")]
pub use aws::{AwsOptions, aws_client, aws_keyring};
#[cfg(feature = "aws")]
pub(crate) use aws::{FALLBACK_REGION, sdk_config};

use crate::client::{Client, Settings, Writer};
use crate::error::Error;
use crate::kms::KeyError;
use crate::kms::keyring::Keyring;
use crate::kms::local::LocalKeyService;
use crate::model::record::HmacEncoding;
use crate::store::sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the embedded store refuses a binary hmac (one line, for the CLI's usage error).
const BINARY_HMAC_IS_DYNAMODB_ONLY: &str = "--hmac-binary applies to DynamoDB tables only: \
     the local store keeps the hmac as text (drop --hmac-binary or --local)";

/// A client over the embedded backend: SQLite file `path` (table `table` inside it)
/// and the master key in `path` + `.key`. With `create`, a new store's key is created
/// (mode 0600); a missing key beside an existing database is always an error, never
/// replaced. The database file itself is created on first use.
pub fn local_client(
    path: &Path,
    table: &str,
    create: bool,
    settings: Settings,
) -> Result<Client, Error> {
    local_client_with_hmac(path, table, create, settings, HmacEncoding::default())
}

/// [`local_client`], for a caller that was asked to write the `hmac` attribute as
/// `hmac`. The SQLite store keeps the hmac as text, so [`HmacEncoding::Binary`] is
/// refused with [`Error::InvalidInput`] (exit 2) before any file is touched, instead
/// of being silently ignored.
pub fn local_client_with_hmac(
    path: &Path,
    table: &str,
    create: bool,
    settings: Settings,
    hmac: HmacEncoding,
) -> Result<Client, Error> {
    if hmac == HmacEncoding::Binary {
        return Err(Error::InvalidInput(
            BINARY_HMAC_IS_DYNAMODB_ONLY.to_string(),
        ));
    }
    let keyring = local_keyring(path, create, &settings)?;
    let store = SqliteStore::open(path, table)?;
    Ok(Client::new(Arc::new(store), keyring, settings).with_writer(Writer::known(local_user())))
}

/// The keyring of the embedded backend whose store is `path`: the master key in `path` +
/// `.key` (created, mode 0600, with `create`), one region. The store itself is not
/// opened (`encrypt --local` opens no database).
pub fn local_keyring(path: &Path, create: bool, settings: &Settings) -> Result<Keyring, Error> {
    let key_path = master_key_path(path);
    // The key is always created before the database, so a database without its key
    // means the key was lost or moved: a new key would silently split the store.
    // The key path is looked at without following a link: a link there (even a dangling
    // one) is refused as a link by the key service, not reported as a missing key.
    if path.exists() && std::fs::symlink_metadata(&key_path).is_err() {
        return Err(Error::Key(KeyError::MasterKey(format!(
            "the local store {} exists but its master key {} is missing; restore the key file \
             (nothing in the store decrypts without it)",
            path.display(),
            key_path.display()
        ))));
    }
    let keys = if create {
        LocalKeyService::open_or_create(&key_path)
    } else {
        LocalKeyService::open(&key_path)
    }
    .map_err(Error::Key)?;
    Ok(Keyring::single(Arc::new(keys)).generating(&settings.key_id, &settings.replica_regions))
}

/// Where the master key of the local store at `db` lives: beside it, `db` + `.key`.
pub fn master_key_path(db: &Path) -> PathBuf {
    let mut os = db.as_os_str().to_owned();
    os.push(".key");
    PathBuf::from(os)
}

/// The local user, the `created_by` of versions the embedded backend writes: `$USER`
/// (else `$LOGNAME`), else the name /etc/passwd gives the process's uid, else `uid N`.
pub fn local_user() -> String {
    if let Some(user) = ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
    {
        return user;
    }
    #[cfg(unix)]
    {
        let uid = rustix::process::getuid().as_raw();
        let named = std::fs::read_to_string("/etc/passwd")
            .ok()
            .and_then(|passwd| {
                passwd.lines().find_map(|line| {
                    let mut fields = line.split(':');
                    let name = fields.next()?;
                    let id = fields.nth(1)?;
                    (id == uid.to_string() && !name.is_empty()).then(|| name.to_string())
                })
            });
        named.unwrap_or_else(|| format!("uid {uid}"))
    }
    #[cfg(not(unix))]
    String::from("unknown")
}
