//! The backend a process runs against, chosen once ([`Backend`]): DynamoDB + AWS KMS
//! configured the AWS way (the `aws` feature), or the embedded SQLite file + local master
//! key; every client and keyring is built from it.

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
pub use aws::AwsOptions;
#[cfg(feature = "aws")]
pub(crate) use aws::{FALLBACK_REGION, sdk_config, secrets_manager_client, ssm_client, sts_client};
#[cfg(feature = "aws")]
pub use aws::{Protection, TableInfo};
#[cfg(feature = "aws")]
pub(crate) use aws::{aws_client, aws_keyring};

use crate::client::{Client, Settings, Writer};
use crate::error::Error;
use crate::kms::KeyError;
use crate::kms::keyring::Keyring;
use crate::kms::local::LocalKeyService;
use crate::model::record::HmacEncoding;
use crate::store::StoreError;
use crate::store::sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the embedded store refuses a binary hmac (one line, for the CLI's usage error).
const BINARY_HMAC_IS_DYNAMODB_ONLY: &str = "--hmac-binary applies to DynamoDB tables only: \
     the local store keeps the hmac as text (drop --hmac-binary or --local)";

/// The backend of a process, chosen once from its configuration: every client and keyring
/// it uses (each table, each region, the other side of a copy) is built from this value.
#[derive(Clone, Debug)]
pub struct Backend {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// The hmac encoding writes use is the options' own.
    #[cfg(feature = "aws")]
    Aws(AwsOptions),
    Local {
        path: PathBuf,
        /// What writes were asked to store the hmac as (refused unless text).
        hmac: HmacEncoding,
    },
}

/// What a client or keyring is opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Reading: the embedded store and its master key must exist.
    Read,
    /// Writing: a missing embedded store and master key (mode 0600) are created.
    Write,
}

impl Backend {
    /// DynamoDB + AWS KMS as `options` say (region, profile, endpoint, retries).
    #[cfg(feature = "aws")]
    pub fn aws(options: AwsOptions) -> Backend {
        Backend {
            kind: Kind::Aws(options),
        }
    }

    /// The embedded backend: SQLite file `path`, its master key in `path` + `.key`.
    pub fn local(path: impl Into<PathBuf>) -> Backend {
        Backend {
            kind: Kind::Local {
                path: path.into(),
                hmac: HmacEncoding::default(),
            },
        }
    }

    /// The same backend, writing the `hmac` attribute as `hmac` (the embedded store keeps
    /// it as text and refuses [`HmacEncoding::Binary`] when a client is opened).
    pub fn writing_hmac_as(mut self, hmac: HmacEncoding) -> Backend {
        match &mut self.kind {
            #[cfg(feature = "aws")]
            Kind::Aws(options) => options.hmac_encoding = hmac,
            Kind::Local { hmac: local, .. } => *local = hmac,
        }
        self
    }

    /// The embedded backend's file; None for AWS.
    pub fn local_path(&self) -> Option<&Path> {
        match &self.kind {
            Kind::Local { path, .. } => Some(path),
            #[cfg(feature = "aws")]
            Kind::Aws(_) => None,
        }
    }

    /// How AWS is reached; None for the embedded backend.
    #[cfg(feature = "aws")]
    pub fn aws_options(&self) -> Option<&AwsOptions> {
        match &self.kind {
            Kind::Aws(options) => Some(options),
            Kind::Local { .. } => None,
        }
    }

    /// The same backend in `region` (its DynamoDB and its KMS): a replica region's table.
    /// The embedded backend has no regions and stays as it is.
    #[cfg(feature = "aws")]
    pub fn in_region(&self, region: &str) -> Backend {
        let mut other = self.clone();
        if let Kind::Aws(options) = &mut other.kind {
            options.region = Some(region.to_string());
            options.kms_region = None;
        }
        other
    }

    /// A client of `table`. The embedded store is opened off the async thread (opening
    /// checks files and may wait for SQLite's lock).
    pub async fn client(
        &self,
        table: &str,
        access: Access,
        settings: Settings,
    ) -> Result<Client, Error> {
        match &self.kind {
            #[cfg(feature = "aws")]
            Kind::Aws(options) => aws_client(options, table, settings).await,
            Kind::Local { path, hmac } => {
                let (path, table, hmac) = (path.clone(), table.to_string(), *hmac);
                let create = access == Access::Write;
                tokio::task::spawn_blocking(move || {
                    local_client(&path, &table, create, settings, hmac)
                })
                .await
                .map_err(|e| {
                    Error::Store(StoreError::Other(format!(
                        "opening the local store failed: {e}"
                    )))
                })?
            }
        }
    }

    /// The keyring alone, for work that uses no table (`encrypt`, `decrypt`): no
    /// database is opened, for the embedded backend only the master key.
    pub async fn keyring(&self, access: Access, settings: &Settings) -> Result<Keyring, Error> {
        match &self.kind {
            #[cfg(feature = "aws")]
            Kind::Aws(options) => aws_keyring(options, settings).await,
            Kind::Local { path, .. } => {
                let (path, settings) = (path.clone(), settings.clone());
                let create = access == Access::Write;
                tokio::task::spawn_blocking(move || local_keyring(&path, create, &settings))
                    .await
                    .map_err(|e| {
                        Error::InvalidInput(format!("opening the master key failed: {e}"))
                    })?
            }
        }
    }

    /// What DynamoDB says of `table` (DescribeTable); None when it does not exist, or for
    /// the embedded backend.
    #[cfg(feature = "aws")]
    pub async fn describe_table(&self, table: &str) -> Result<Option<TableInfo>, Error> {
        match &self.kind {
            Kind::Aws(options) => aws::describe_table(options, table).await,
            Kind::Local { .. } => Ok(None),
        }
    }

    /// Whether `table`, described as `info` ([`Backend::describe_table`]), can be
    /// restored and is safe from a stray DeleteTable; None for the embedded backend.
    #[cfg(feature = "aws")]
    pub async fn table_protection(
        &self,
        table: &str,
        info: &TableInfo,
    ) -> Result<Option<Protection>, Error> {
        match &self.kind {
            Kind::Aws(options) => Ok(Some(aws::table_protection(options, table, info).await?)),
            Kind::Local { .. } => Ok(None),
        }
    }

    /// Where the master key of the embedded store at `db` lives: beside it, `db` + `.key`.
    pub fn master_key_path(db: &Path) -> PathBuf {
        master_key_path(db)
    }
}

/// A client over the embedded backend: SQLite file `path` (table `table` inside it) and
/// the master key in `path` + `.key`. With `create`, a new store's key is created (mode
/// 0600); a missing key beside an existing database is always an error, never replaced.
/// The database file itself is created on first use. `hmac`: what the caller was asked
/// to write the `hmac` attribute as. The SQLite store keeps the hmac as text, so [`HmacEncoding::Binary`] is
/// refused with [`Error::InvalidInput`] (exit 2) before any file is touched, instead
/// of being silently ignored.
pub(crate) fn local_client(
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
pub(crate) fn local_keyring(
    path: &Path,
    create: bool,
    settings: &Settings,
) -> Result<Keyring, Error> {
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
fn master_key_path(db: &Path) -> PathBuf {
    let mut os = db.as_os_str().to_owned();
    os.push(".key");
    PathBuf::from(os)
}

/// The local user, the `created_by` of versions the embedded backend writes: `$USER`
/// (else `$LOGNAME`), else the name /etc/passwd gives the process's uid, else `uid N`.
pub(crate) fn local_user() -> String {
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
