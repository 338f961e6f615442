//! Reads a key's KMS events from CloudTrail `LookupEvents` (management events, 90 days),
//! in the home region and each replica region: the key's ARN in each region is resolved
//! with KMS `DescribeKey`, and is the one lookup attribute of every request (CloudTrail
//! takes one); names and patterns are filtered here. Requests are paced by the adaptive
//! limiter of KMS ([`KmsLimiter`]): CloudTrail allows 2 requests/s per account and
//! region, and a throttled request waits for the pace instead of failing.

use super::{Outer, Report};
use crate::backend::app_name::AppNameInUserAgent;
use crate::backend::{AwsOptions, FALLBACK_REGION};
use crate::error::Cause;
use crate::kms::limiter::{KmsLimiter, Outcome};
use aws_sdk_cloudtrail::config::interceptors::{
    BeforeTransmitInterceptorContextMut, InterceptorContext,
};
use aws_sdk_cloudtrail::config::retry::{ClassifyRetry, RetryAction};
use aws_sdk_cloudtrail::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_cloudtrail::error::{BoxError, ProvideErrorMetadata};
use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError;
use aws_sdk_cloudtrail::primitives::DateTime;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use aws_types::region::Region;

/// Events per page, CloudTrail's most.
pub(super) const PAGE_SIZE: i32 = 50;

/// LookupEvents requests per second CloudTrail allows per account and region.
pub(super) const QUOTA: f64 = 2.0;

/// The share of the quota paced at: requests leave 5% further apart than the quota
/// needs, so that one delayed on its way (scheduling, network) does not arrive less than
/// 1/quota before the next and be throttled.
const PACE: f64 = 0.95;

/// Throttled attempts of one page with no progress before the audit gives up: at the
/// limiter's lowest pace (1 request/s) over a minute of refusals, a quota that refuses
/// everything rather than one that is busy.
const THROTTLED_ATTEMPTS: u32 = 60;

/// Why an audit could not read the events.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// KMS refused to describe the key (unknown key or alias, access denied): exit 5.
    #[error("{0}")]
    KeyRefused(String),
    /// A call failed (CloudTrail or KMS refused or could not be reached).
    #[error("{0}")]
    Failed(String),
}

/// What to look up.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// The KMS key of the table (key id, ARN, alias name or alias ARN).
    pub key: String,
    /// Replica regions besides the home region.
    pub replica_regions: Vec<String>,
    /// Start, seconds since the epoch.
    pub since: i64,
    /// End, seconds since the epoch.
    pub until: i64,
    /// Names or `*` patterns (none: every secret).
    pub patterns: Vec<String>,
}

/// The key's ARN in one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RegionKey {
    /// The region.
    pub(crate) region: String,
    /// The key's ARN there.
    pub(crate) arn: String,
}

/// The regions an audit reads and the table key's ARN in each: what [`audit`] and
/// [`Lookup::athena_sql`] ask about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    regions: Vec<String>,
    keys: Vec<RegionKey>,
}

impl Keys {
    /// The home region, then each replica region once.
    pub fn regions(&self) -> &[String] {
        &self.regions
    }
}

/// The lookup's regions (the home region: `kms_region`, else the SDK's; then each replica
/// region once) and the key's ARN in each (KMS `DescribeKey`).
pub async fn keys(options: &AwsOptions, lookup: &Lookup) -> Result<Keys, AuditError> {
    let config = sdk(options).await?;
    let regions = regions(&config, options, &lookup.replica_regions);
    let keys = key_arns(&config, &lookup.key, &regions).await?;
    Ok(Keys { regions, keys })
}

impl Lookup {
    /// The same question as an Athena (Trino) query over a CloudTrail table, for history
    /// beyond LookupEvents' 90 days.
    pub fn athena_sql(&self, keys: &Keys) -> String {
        let arns: Vec<String> = keys.keys.iter().map(|k| k.arn.clone()).collect();
        super::athena_sql(&super::SqlQuery {
            key_arns: &arns,
            regions: &keys.regions,
            since: self.since,
            until: self.until,
            patterns: &self.patterns,
        })
    }
}

/// The home region (`kms_region`, else the SDK's region), then each replica region once.
fn regions(
    config: &aws_config::SdkConfig,
    options: &AwsOptions,
    replicas: &[String],
) -> Vec<String> {
    let home = options
        .kms_region
        .clone()
        .or_else(|| config.region().map(ToString::to_string))
        .unwrap_or_else(|| FALLBACK_REGION.to_string());
    let mut all = vec![home];
    for r in replicas {
        if !all.contains(r) {
            all.push(r.clone());
        }
    }
    all
}

async fn sdk(options: &AwsOptions) -> Result<aws_config::SdkConfig, AuditError> {
    crate::backend::sdk_config(options)
        .await
        .map_err(|e| AuditError::Failed(e.to_string()))
}

/// The key's ARN in each of `regions` (KMS `DescribeKey`; an alias resolves to the key
/// it names in that region).
async fn key_arns(
    config: &aws_config::SdkConfig,
    key: &str,
    regions: &[String],
) -> Result<Vec<RegionKey>, AuditError> {
    let mut out = Vec::new();
    for region in regions {
        let kms = aws_sdk_kms::Client::from_conf(
            aws_sdk_kms::config::Builder::from(config)
                .region(Region::new(region.clone()))
                .interceptor(AppNameInUserAgent)
                .interceptor(crate::backend::call_log::CallLog::new(region.clone()))
                .build(),
        );
        let answer = kms.describe_key().key_id(key).send().await.map_err(|e| {
            let text = crate::sdk_error::describe(&format!("KMS in {region}"), &e);
            match e.code() {
                Some("NotFoundException" | "AccessDeniedException") => AuditError::KeyRefused(
                    format!("cannot describe KMS key {key:?} in {region}: {text}; check -k, --kms-region and --replica-region, and kms:DescribeKey"),
                ),
                _ => AuditError::Failed(format!("cannot describe KMS key {key:?}: {text}")),
            }
        })?;
        let arn = answer.key_metadata().and_then(|m| m.arn()).ok_or_else(|| {
            AuditError::Failed(format!("KMS in {region} described {key:?} without an ARN"))
        })?;
        out.push(RegionKey {
            region: region.clone(),
            arn: arn.to_string(),
        });
    }
    Ok(out)
}

/// Every event CloudTrail holds on the key in each region between `since` and `until`,
/// read page by page, kept as rows when they name a secret `patterns` select.
pub async fn audit(
    options: &AwsOptions,
    lookup: &Lookup,
    keys: &Keys,
) -> Result<Report, AuditError> {
    let config = sdk(options).await?;
    // The SDK lets an endpoint given in code (--endpoint-url) win over the
    // service-specific variable; for CloudTrail the variable wins here, so DynamoDB and
    // KMS can go to an emulator (--endpoint-url) and CloudTrail elsewhere.
    let endpoint = std::env::var("AWS_ENDPOINT_URL_CLOUDTRAIL")
        .ok()
        .filter(|url| !url.trim().is_empty());
    let mut report = Report::default();
    let mut region_starts = Vec::new();
    for key in &keys.keys {
        region_starts.push(report.rows.len());
        let mut builder = aws_sdk_cloudtrail::config::Builder::from(&config)
            .region(Region::new(key.region.clone()))
            .retry_classifier(ThrottlingIsNotRetried)
            .interceptor(AppNameInUserAgent)
            .interceptor(FullTargetPrefix)
            .interceptor(crate::backend::call_log::CallLog::new(key.region.clone()));
        if let Some(url) = &endpoint {
            builder = builder.endpoint_url(url);
        }
        let client = aws_sdk_cloudtrail::Client::from_conf(builder.build());
        // Quotas are per account and region: one pace per region. Pages follow one
        // another (each needs the last one's token), so one request is in flight.
        let limiter = KmsLimiter::with_max_rate(1, QUOTA * PACE);
        let mut token: Option<String> = None;
        loop {
            let attribute = LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::ResourceName)
                .attribute_value(&key.arn)
                .build()
                .map_err(|e| AuditError::Failed(e.to_string()))?;
            let request = client
                .lookup_events()
                .lookup_attributes(attribute)
                .start_time(DateTime::from_secs(lookup.since))
                .end_time(DateTime::from_secs(lookup.until))
                .max_results(PAGE_SIZE)
                .set_next_token(token.clone());
            let page = limiter
                .run(
                    THROTTLED_ATTEMPTS,
                    || request.clone().send(),
                    |answer| match answer {
                        Err(e) if crate::sdk_error::cause(e) == Cause::Throttled => {
                            Outcome::Throttled
                        }
                        _ => Outcome::Answered,
                    },
                )
                .await
                .map_err(|e| {
                    let text =
                        crate::sdk_error::describe(&format!("CloudTrail in {}", key.region), &e);
                    AuditError::Failed(match e.code() {
                        Some(code) if code.starts_with("AccessDenied") => format!(
                            "{text}; audit needs cloudtrail:LookupEvents in every region it reads"
                        ),
                        _ => text,
                    })
                })?;
            for event in page.events() {
                let outer = Outer {
                    event_id: event.event_id().map(str::to_string),
                    event_time: event.event_time().map(DateTime::secs),
                    username: event.username().map(str::to_string),
                    region: Some(key.region.clone()),
                };
                report.add(
                    event.cloud_trail_event().unwrap_or(""),
                    &outer,
                    &lookup.patterns,
                );
            }
            token = page
                .next_token()
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            if token.is_none() {
                break;
            }
        }
    }
    report.oldest_first(&region_starts);
    Ok(report)
}

/// A retry classifier for the CloudTrail client: throttled answers are retried by the
/// limiter at its pace, not by the SDK's per-request backoff.
#[derive(Debug, Default)]
struct ThrottlingIsNotRetried;

impl ClassifyRetry for ThrottlingIsNotRetried {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(Err(err)) = ctx.output_or_error() else {
            return RetryAction::NoActionIndicated;
        };
        let throttled = err
            .as_operation_error()
            .and_then(|e| e.downcast_ref::<LookupEventsError>())
            .and_then(ProvideErrorMetadata::code)
            .is_some_and(crate::sdk_error::is_throttling);
        if throttled {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "CloudTrail throttling is retried by the limiter"
    }
}

/// The `X-Amz-Target` prefix of CloudTrail's JSON protocol as the service model (and
/// botocore, the AWS CLI) spells it; the Rust SDK sends the short form
/// `CloudTrail_20131101.Operation`. CloudTrail takes both; the full one is what every
/// other client sends and what CloudTrail's own documentation shows.
const TARGET_PREFIX: &str = "com.amazonaws.cloudtrail.v20131101.";

/// Sends the full `X-Amz-Target` (before signing: the header is signed).
#[derive(Debug, Default)]
struct FullTargetPrefix;

impl Intercept for FullTargetPrefix {
    fn name(&self) -> &'static str {
        "FullTargetPrefix"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let headers = context.request_mut().headers_mut();
        let full = match headers.get("x-amz-target") {
            Some(t) if t.starts_with("CloudTrail_20131101.") => format!("{TARGET_PREFIX}{t}"),
            _ => return Ok(()),
        };
        headers.insert("x-amz-target", full);
        Ok(())
    }
}
