//! The SDK's default region and credential chains with a bounded instance-metadata
//! probe: outside EC2, the default IMDS client (1 s connect timeout, 4 attempts) makes a
//! command without credentials hang for seconds before it can say so.
//!
//! Bounds, as botocore's (one attempt) but with a shorter connect: connecting to the
//! link-local IMDS address takes well under a millisecond on EC2, so 250 ms only ever
//! expires where there is no instance metadata. `AWS_METADATA_SERVICE_TIMEOUT` (seconds)
//! and `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (botocore's variables) raise them;
//! `AWS_EC2_METADATA_DISABLED=true` skips the probe altogether (the SDK's own switch).

use aws_config::Region;
use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::imds;
use aws_config::imds::region::ImdsRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::provider_config::ProviderConfig;
use std::time::Duration;

/// How long connecting to the instance metadata service may take.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(250);
/// How long one metadata answer may take once connected (botocore's timeout).
const READ_TIMEOUT: Duration = Duration::from_secs(1);
/// Attempts per metadata request (botocore's default).
const ATTEMPTS: u32 = 1;

/// What the chains' providers share: the static build's HTTPS client (its default client
/// is not compiled in, and a provider built without one panics on its first call).
fn provider_config() -> ProviderConfig {
    let config = ProviderConfig::without_region();
    #[cfg(feature = "static")]
    let config = super::static_net::with_http_client(config);
    config
}

/// The IMDS client of both chains: bounded as above, unless the environment says
/// otherwise.
fn imds_client() -> imds::Client {
    let seconds = std::env::var("AWS_METADATA_SERVICE_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
        .map(Duration::from_secs_f64);
    let attempts = std::env::var("AWS_METADATA_SERVICE_NUM_ATTEMPTS")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|n| (1..=10).contains(n))
        .unwrap_or(ATTEMPTS);
    imds::Client::builder()
        .configure(&provider_config())
        .connect_timeout(seconds.unwrap_or(CONNECT_TIMEOUT))
        .read_timeout(seconds.unwrap_or(READ_TIMEOUT))
        .max_attempts(attempts)
        .build()
}

/// The region: `explicit`, else the SDK's default chain (environment, profile, instance
/// metadata: the SDK's order) with the bounded probe, else `fallback`.
pub(super) async fn region(explicit: Option<String>, fallback: &str) -> Option<Region> {
    RegionProviderChain::first_try(explicit.map(Region::new))
        .or_else(EnvironmentVariableRegionProvider::new())
        .or_else(
            ProfileFileRegionProvider::builder()
                .configure(&provider_config())
                .build(),
        )
        .or_else(
            ImdsRegionProvider::builder()
                .imds_client(imds_client())
                .build(),
        )
        .or_else(Region::new(fallback.to_string()))
        .region()
        .await
}

/// The SDK's default credential chain (environment, profile, web identity, container
/// endpoint, instance metadata) with the bounded probe.
pub(super) async fn credentials(region: Option<Region>) -> DefaultCredentialsChain {
    let mut builder = DefaultCredentialsChain::builder()
        .configure(provider_config())
        .imds_client(imds_client());
    builder.set_region(region);
    builder.build().await
}
