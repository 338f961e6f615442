//! Building a [`Client`] for a backend: DynamoDB + AWS KMS configured the AWS way,
//! or the embedded SQLite file + local master key.

use crate::client::{Client, Settings};
use crate::error::Error;
use crate::kms::KeyError;
use crate::kms::aws::AwsKms;
use crate::kms::local::LocalKeyService;
use crate::record::HmacEncoding;
use crate::store::dynamo::DynamoStore;
use crate::store::sqlite::SqliteStore;
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Longest wait between two attempts of one AWS call.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Region used when none is configured anywhere, as credstash does.
pub const FALLBACK_REGION: &str = "us-east-1";

/// How to reach AWS. Unset fields follow the SDK's usual chain (env, profile, SSO,
/// web identity, instance role); `AWS_ENDPOINT_URL` and friends are honoured.
#[derive(Clone, Debug)]
pub struct AwsOptions {
    /// Region of the table (and of KMS unless `kms_region` is set).
    pub region: Option<String>,
    /// Region of the KMS key, when it differs.
    pub kms_region: Option<String>,
    /// Named profile from the shared config files.
    pub profile: Option<String>,
    /// Role to assume before any call.
    pub role_arn: Option<String>,
    /// Endpoint override for both services (local emulators).
    pub endpoint_url: Option<String>,
    /// Attempts per call under the SDK's standard retry (throttling, 5xx, network).
    pub max_attempts: u32,
    /// How the `hmac` attribute is written.
    pub hmac_encoding: HmacEncoding,
    /// Parallel scan segments for bulk reads.
    pub scan_segments: u32,
}

/// Attempts per AWS call by default (the CLI's `--max-attempts`).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;

impl Default for AwsOptions {
    fn default() -> Self {
        AwsOptions {
            region: None,
            kms_region: None,
            profile: None,
            role_arn: None,
            endpoint_url: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            hmac_encoding: HmacEncoding::default(),
            scan_segments: 1,
        }
    }
}

/// A client over DynamoDB `table` and AWS KMS. Builds the SDK clients once; no call
/// is made until the first operation.
pub async fn aws_client(options: &AwsOptions, table: &str, settings: Settings) -> Client {
    let region = RegionProviderChain::first_try(options.region.clone().map(Region::new))
        .or_default_provider()
        .or_else(Region::new(FALLBACK_REGION));
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        // Standard mode: jittered exponential backoff. Adaptive mode's client-side rate
        // limiter stalled a CLI for ~20 s per throttled attempt in our fault tests.
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(options.max_attempts.max(1))
                .with_max_backoff(MAX_BACKOFF),
        );
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &options.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let mut config = loader.load().await;
    if let Some(arn) = &options.role_arn {
        let provider = aws_config::sts::AssumeRoleProvider::builder(arn)
            .session_name("credstore")
            .configure(&config)
            .build()
            .await;
        config = config
            .into_builder()
            .credentials_provider(aws_sdk_dynamodb::config::SharedCredentialsProvider::new(
                provider,
            ))
            .build();
    }
    let dynamo = aws_sdk_dynamodb::Client::new(&config);
    let mut kms_config = aws_sdk_kms::config::Builder::from(&config);
    if let Some(r) = &options.kms_region {
        kms_config = kms_config.region(Region::new(r.clone()));
    }
    let kms = aws_sdk_kms::Client::from_conf(kms_config.build());
    let store = DynamoStore::new(dynamo, table)
        .with_hmac_encoding(options.hmac_encoding)
        .with_scan_segments(options.scan_segments);
    Client::new(Arc::new(store), Arc::new(AwsKms::new(kms)), settings)
}

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
    let store = SqliteStore::open(path, table)?;
    Ok(Client::new(Arc::new(store), Arc::new(keys), settings))
}

/// Where the master key of the local store at `db` lives: beside it, `db` + `.key`.
pub fn master_key_path(db: &Path) -> PathBuf {
    let mut os = db.as_os_str().to_owned();
    os.push(".key");
    PathBuf::from(os)
}
