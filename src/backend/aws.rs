//! The AWS backend's client: DynamoDB + AWS KMS, configured the AWS way (the `aws`
//! feature).

use super::app_name::{APP_NAME, AppNameInUserAgent};
use crate::client::{Client, Settings, Writer};
use crate::error::Error;
use crate::kms::KeyService;
use crate::kms::aws::{AwsKms, ThrottlingIsNotRetried};
use crate::kms::keyring::Keyring;
use crate::kms::limiter::KmsLimiter;
use crate::kms::wraps::Regions;
use crate::model::record::HmacEncoding;
use crate::store::dynamo::DynamoStore;
pub use crate::store::dynamo::TableInfo;
use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_sdk_kms::config::timeout::TimeoutConfig;
use aws_types::app_name::AppName;
use aws_types::os_shim_internal::{Env, Fs};
use std::sync::Arc;
use std::time::Duration;

/// Longest wait between two attempts of one AWS call.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Region used when none is configured anywhere, as credstash does.
pub(crate) const FALLBACK_REGION: &str = "us-east-1";

/// How to reach AWS. Unset fields follow the SDK's usual chain (env, profile, SSO,
/// web identity, instance role); `AWS_ENDPOINT_URL` and friends are honoured.
#[derive(Clone, Debug)]
#[non_exhaustive]
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
    /// Longest a KMS call may take, retries included, before it counts as an outage
    /// (and a read fails over to another region's wrap).
    pub kms_timeout: Duration,
}

/// How long a KMS call may take by default, retries included (`--kms-timeout`). KMS
/// answers in tens of milliseconds; waiting longer only delays a failover.
pub(super) const DEFAULT_KMS_TIMEOUT: Duration = Duration::from_secs(3);

/// How long one DynamoDB call may take, retries included: a table that accepts
/// connections and never answers fails the command instead of hanging it (the AWS CLI
/// waits 60 s for a read). Scans and batches are paged, so no healthy call comes near it.
pub(super) const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(60);

impl AwsOptions {
    /// Attempts per AWS call by default (the CLI's `--max-attempts`).
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
}

impl Default for AwsOptions {
    fn default() -> Self {
        AwsOptions {
            region: None,
            kms_region: None,
            profile: None,
            role_arn: None,
            endpoint_url: None,
            max_attempts: AwsOptions::DEFAULT_MAX_ATTEMPTS,
            hmac_encoding: HmacEncoding::default(),
            scan_segments: 1,
            kms_timeout: DEFAULT_KMS_TIMEOUT,
        }
    }
}

/// The AWS SDK configuration of `options`: region, credentials (the profile's alone
/// when one is named), endpoint, retries, and the role to assume. What every client of
/// a command shares; `doctor` reports on it.
pub(crate) async fn sdk_config(options: &AwsOptions) -> Result<aws_config::SdkConfig, Error> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        // `app/credstore` in every request's user agent: CloudTrail records it, so an
        // audit tells credstore's calls from other users of the key.
        .app_name(AppName::new(APP_NAME).map_err(|e| Error::InvalidInput(e.to_string()))?)
        // Standard mode: jittered exponential backoff. Adaptive mode's client-side rate
        // limiter stalled a CLI for ~20 s per throttled attempt in our fault tests.
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(options.max_attempts.max(1))
                .with_max_backoff(MAX_BACKOFF),
        );
    if let Some(profile) = &options.profile {
        require_profile(profile).await?;
        // Region, as botocore resolves it for a session with an explicit profile: the
        // explicit region, then the environment (botocore reads AWS_DEFAULT_REGION; we
        // also read AWS_REGION first, as the AWS SDKs and our no-profile path do), then
        // that profile's `region` (following `source_profile`). Neither another profile
        // (AWS_PROFILE, default) nor instance metadata is consulted; credstash's
        // us-east-1 is the last resort.
        let region = RegionProviderChain::first_try(options.region.clone().map(Region::new))
            .or_else(EnvironmentVariableRegionProvider::new())
            .or_else(
                ProfileFileRegionProvider::builder()
                    .profile_name(profile)
                    .build(),
            )
            .region()
            .await
            .unwrap_or_else(|| Region::new(FALLBACK_REGION));
        // Credentials from the profile only: static keys, SSO, credential_process or a
        // role assumed from `source_profile`; never the environment's keys.
        let provider_config = ProviderConfig::without_region().with_region(Some(region.clone()));
        #[cfg(feature = "static")]
        let provider_config = super::static_net::with_http_client(provider_config);
        let credentials = ProfileFileCredentialsProvider::builder()
            .configure(&provider_config)
            .profile_name(profile)
            .build();
        loader = loader
            .region(region)
            .credentials_provider(credentials)
            // The profile's other settings (endpoint, retries, FIPS...) apply as well.
            .profile_name(profile);
    } else {
        // The SDK's default chains, with the instance-metadata probe bounded (a command
        // without credentials outside EC2 fails within a second).
        let region = super::metadata::region(options.region.clone(), FALLBACK_REGION).await;
        loader = loader
            .region(region.clone())
            .credentials_provider(super::metadata::credentials(region).await);
    }
    if let Some(url) = &options.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    #[cfg(feature = "static")]
    {
        loader = loader.http_client(super::static_net::http_client());
    }
    let mut config = loader.load().await;
    // The region becomes the host of every endpoint: whatever set it (a flag, the
    // environment, a profile), it must be a region name before any request is signed.
    if let Some(region) = config.region() {
        check_region(region.as_ref(), "the configured region")?;
    }
    if let Some(arn) = &options.role_arn {
        // Assumed with the credentials resolved above (the profile's, when one is given).
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
    Ok(config)
}

/// A client over DynamoDB `table` and AWS KMS. Builds the SDK clients once; no call
/// is made until the first operation.
///
/// With an explicit `profile`, that profile alone supplies the credentials (the access
/// keys in the environment are ignored, as botocore does for an explicit profile name)
/// and, unless `region` or a region variable is set, the region; a profile defined in
/// neither shared file is [`Error::InvalidInput`].
pub(crate) async fn aws_client(
    options: &AwsOptions,
    table: &str,
    settings: Settings,
) -> Result<Client, Error> {
    let config = sdk_config(options).await?;
    tracing::debug!(
        region = config.region().map(|r| r.to_string()),
        kms_region = options.kms_region.as_deref(),
        endpoint = options
            .endpoint_url
            .as_deref()
            .map(|url| crate::redact::redact_url(url).into_owned()),
        profile = options.profile.as_deref(),
        role = options.role_arn.as_deref(),
        credentials = credentials_source(options),
        table,
        max_attempts = options.max_attempts,
        kms_timeout = ?options.kms_timeout,
        "AWS configuration"
    );
    let dynamo = dynamo_client(&config);
    let keyring = keyring_of(&config, options, &settings)?;
    let store = DynamoStore::new(dynamo, table)
        .with_hmac_encoding(options.hmac_encoding)
        .with_scan_segments(options.scan_segments);
    // Who writes, asked of STS on the first write only (reads never ask).
    let sts_config = config.clone();
    let writer = Writer::lookup(Arc::new(move || {
        let config = sts_config.clone();
        Box::pin(async move { caller_arn(&config).await })
    }));
    Ok(Client::new(Arc::new(store), keyring, settings).with_writer(writer))
}

/// A client of an AWS service (STS, DynamoDB, SSM, Secrets Manager) as every command's:
/// the app name in the user agent, the call log, the per-call deadline. A macro because
/// each service's config builder is its own type.
macro_rules! client_as_every_command {
    ($service:ident, $config:expr) => {{
        let config: &aws_config::SdkConfig = $config;
        let region = config
            .region()
            .map_or_else(|| FALLBACK_REGION.to_string(), |r| r.to_string());
        $service::Client::from_conf(
            $service::config::Builder::from(config)
                .interceptor(AppNameInUserAgent)
                .interceptor(super::call_log::CallLog::new(region))
                .timeout_config(
                    TimeoutConfig::builder()
                        .operation_timeout(DEFAULT_CALL_TIMEOUT)
                        .build(),
                )
                .build(),
        )
    }};
}

/// An STS client as every command's.
pub(crate) fn sts_client(config: &aws_config::SdkConfig) -> aws_sdk_sts::Client {
    client_as_every_command!(aws_sdk_sts, config)
}

/// An SSM client as every command's (`import --ssm`, `export --to-ssm`).
pub(crate) fn ssm_client(config: &aws_config::SdkConfig) -> aws_sdk_ssm::Client {
    client_as_every_command!(aws_sdk_ssm, config)
}

/// A Secrets Manager client as every command's (`import --secrets-manager`).
pub(crate) fn secrets_manager_client(
    config: &aws_config::SdkConfig,
) -> aws_sdk_secretsmanager::Client {
    client_as_every_command!(aws_sdk_secretsmanager, config)
}

/// A DynamoDB client as every command's.
fn dynamo_client(config: &aws_config::SdkConfig) -> aws_sdk_dynamodb::Client {
    client_as_every_command!(aws_sdk_dynamodb, config)
}

/// What DynamoDB says of `table` (DescribeTable); None when it does not exist.
pub(crate) async fn describe_table(
    options: &AwsOptions,
    table: &str,
) -> Result<Option<TableInfo>, Error> {
    let config = sdk_config(options).await?;
    let store = DynamoStore::new(dynamo_client(&config), table);
    Ok(store.describe().await?)
}

/// Whether a table can be restored (point-in-time recovery) and is safe from a stray
/// DeleteTable (deletion protection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Protection {
    /// Point-in-time recovery is on.
    pub point_in_time_recovery: bool,
    /// Deletion protection is on.
    pub deletion_protection: bool,
}

impl Protection {
    /// What is off, each with the command that turns it on; empty when both are on.
    pub fn advice(&self, table: &str, region: &str) -> Vec<String> {
        let mut advice = Vec::new();
        if !self.point_in_time_recovery {
            advice.push(format!(
                "point-in-time recovery is off: `aws dynamodb update-continuous-backups \
                 --region {region} --table-name {table} --point-in-time-recovery-specification \
                 PointInTimeRecoveryEnabled=true`"
            ));
        }
        if !self.deletion_protection {
            advice.push(format!(
                "deletion protection is off: `aws dynamodb update-table --region {region} \
                 --table-name {table} --deletion-protection-enabled`"
            ));
        }
        advice
    }
}

/// The protection of `table` (DescribeTable, DescribeContinuousBackups); None when the
/// table does not exist.
pub(crate) async fn table_protection(
    options: &AwsOptions,
    table: &str,
    info: &TableInfo,
) -> Result<Protection, Error> {
    let config = sdk_config(options).await?;
    let store = DynamoStore::new(dynamo_client(&config), table);
    Ok(Protection {
        point_in_time_recovery: store.point_in_time_recovery().await?,
        deletion_protection: info.deletion_protection,
    })
}

/// The keyring of the AWS backend alone (no table): `encrypt` and `decrypt`.
pub(crate) async fn aws_keyring(
    options: &AwsOptions,
    settings: &Settings,
) -> Result<Keyring, Error> {
    let config = sdk_config(options).await?;
    keyring_of(&config, options, settings)
}

/// A KMS client, pace and pinning per region (quotas are per region, and a pinned alias
/// names a different key ARN in each), the home one first.
fn keyring_of(
    config: &aws_config::SdkConfig,
    options: &AwsOptions,
    settings: &Settings,
) -> Result<Keyring, Error> {
    // Throttled KMS requests are retried by the limiter below, at one pace for all.
    let kms_config = aws_sdk_kms::config::Builder::from(config)
        .retry_classifier(ThrottlingIsNotRetried)
        .interceptor(AppNameInUserAgent)
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(options.kms_timeout)
                .build(),
        );
    let home = options
        .kms_region
        .clone()
        .or_else(|| config.region().map(|r| r.to_string()))
        .unwrap_or_else(|| FALLBACK_REGION.to_string());
    check_region(&home, "the KMS region")?;
    let (pinned, concurrency, attempts) = (
        settings.read_keys.clone(),
        settings.concurrency,
        options.max_attempts.max(1),
    );
    let kms_in = move |region: &str| -> Arc<dyn KeyService> {
        let kms = aws_sdk_kms::Client::from_conf(
            kms_config
                .clone()
                .region(Region::new(region.to_string()))
                .interceptor(super::call_log::CallLog::new(region))
                .build(),
        );
        Arc::new(
            AwsKms::new(kms)
                .in_region(region)
                .with_pinned_keys(pinned.clone())
                .with_limiter(KmsLimiter::new(concurrency), attempts),
        )
    };
    let keys = kms_in(&home);
    let regions = Regions::new(&home, keys.clone(), Arc::new(kms_in));
    Ok(Keyring::with_regions(keys, Arc::new(regions))
        .generating(&settings.key_id, &settings.replica_regions))
}

/// Where the credentials come from, as the SDK's chain will find them (described, not
/// resolved: resolving could prompt an SSO login or call a metadata service).
fn credentials_source(options: &AwsOptions) -> String {
    let set = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    let source = if let Some(profile) = &options.profile {
        format!("profile {profile:?} (-p; the environment's keys are ignored)")
    } else if set("AWS_ACCESS_KEY_ID") {
        "environment (AWS_ACCESS_KEY_ID)".to_string()
    } else if let Ok(profile) = std::env::var("AWS_PROFILE") {
        format!("profile {profile:?} (AWS_PROFILE)")
    } else if set("AWS_WEB_IDENTITY_TOKEN_FILE") {
        "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)".to_string()
    } else if set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        || set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
    {
        "container credentials (ECS)".to_string()
    } else {
        "the default profile, else SSO, else the instance role".to_string()
    };
    match &options.role_arn {
        Some(arn) => format!("{source}, then role {arn} (--arn)"),
        None => source,
    }
}

/// Refuses a region that is not an AWS region name (`eu-west-1`): the SDK would make
/// an endpoint host of it.
fn check_region(region: &str, what: &str) -> Result<(), Error> {
    if crate::model::wrap::is_region_name(region) {
        return Ok(());
    }
    Err(Error::InvalidInput(format!(
        "{what} \"{}\" is not an AWS region name (like eu-west-1); set --region, AWS_REGION \
         or the profile's region to one",
        crate::printable::escape(region)
    )))
}

/// Checks that `profile` is defined in the shared config or credentials file, as
/// botocore does for an explicit profile name: a misspelt profile must not fall back to
/// another identity.
async fn require_profile(profile: &str) -> Result<(), Error> {
    let env = Env::real();
    let profiles = aws_config::profile::load(
        &Fs::real(),
        &env,
        &EnvConfigFiles::default(),
        Some(profile.to_string().into()),
    )
    .await
    .map_err(|e| {
        // The parser's message spans lines ("error parsing FILE on line N:\n  why").
        let detail = std::error::Error::source(&e).map_or_else(String::new, |s| {
            let text = s.to_string();
            format!(
                ": {}",
                text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
            )
        });
        Error::InvalidInput(format!("cannot read the AWS profile files: {e}{detail}"))
    })?;
    if profiles.get_profile(profile).is_some() {
        return Ok(());
    }
    let file = |var: &str, default: &str| match env.get(var) {
        Ok(path) if !path.is_empty() => format!("{path} ({var})"),
        _ => default.to_string(),
    };
    Err(Error::InvalidInput(format!(
        "AWS profile {profile:?} is not defined in {} or {}; define it there or name another \
         profile with -p",
        file("AWS_CONFIG_FILE", "~/.aws/config"),
        file("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"),
    )))
}

/// The caller's ARN (STS `GetCallerIdentity`, which needs no IAM permission): the
/// `created_by` of the versions a client writes. An error is one line saying why.
async fn caller_arn(config: &aws_config::SdkConfig) -> Result<String, String> {
    let sts = sts_client(config);
    match sts.get_caller_identity().send().await {
        Ok(out) => out
            .arn()
            .map(str::to_string)
            .ok_or_else(|| "STS named no caller ARN".to_string()),
        Err(e) => Err(crate::sdk_error::describe("STS", &e)),
    }
}
