//! `doctor`'s checks of the AWS backend: who the caller is, which region and endpoint a
//! command uses, the table, and the key (a data key made and opened, nothing stored),
//! in the home region and in each replica region. Each check is one line; none reads
//! or prints a secret, a plaintext key or a wrapped key.

use crate::backend::{Access, Backend, TableInfo, sdk_config, sts_client};
use crate::client::{Client, Settings};
use crate::model::context::EncryptionContext;
use crate::model::wrap::KeyWrap;
use std::collections::BTreeMap;

/// One check: what was checked, whether it passed, and what was found or what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Check {
    /// What was checked (`identity`, `region`, `table`, `key`...).
    pub what: String,
    /// True when it passed.
    pub ok: bool,
    /// What was found, or why it failed and what to do.
    pub detail: String,
}

impl Check {
    /// A check's result.
    pub fn new(what: impl Into<String>, ok: bool, detail: impl Into<String>) -> Check {
        Check {
            what: what.into(),
            ok,
            detail: detail.into(),
        }
    }

    fn ok(what: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            what: what.into(),
            ok: true,
            detail: detail.into(),
        }
    }

    fn fail(what: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            what: what.into(),
            ok: false,
            detail: detail.into(),
        }
    }
}

/// Where the settings came from, as the caller (the CLI) knows it.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Sources {
    /// Where the region came from (`--region`, `AWS_REGION`, `profile NAME`...).
    pub region: String,
    /// Where the endpoint came from, when it is not AWS's own.
    pub endpoint: Option<String>,
}

impl Sources {
    /// Sources described by the caller.
    pub fn new(region: impl Into<String>, endpoint: Option<String>) -> Sources {
        Sources {
            region: region.into(),
            endpoint,
        }
    }
}

/// The AWS regions known when this was written (commercial, GovCloud, China, EU
/// sovereign, ISO).
const KNOWN_REGIONS: [&str; 42] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eusc-de-east-1",
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
];

/// The region line: any well-formed name passes the SDK, so a typo (`us-east-9`) would
/// fail later as an unreachable endpoint. An emulator accepts any region: no check there.
fn region_check(region: &str, sources: &Sources) -> Check {
    if sources.endpoint.is_none() && !KNOWN_REGIONS.contains(&region) {
        Check::fail(
            "region",
            format!(
                "{region} (from {}) is not an AWS region this credstore knows; check the name \
                 (for a region AWS opened since, the identity check tells)",
                sources.region
            ),
        )
    } else {
        Check::ok("region", format!("{region} (from {})", sources.region))
    }
}

/// Runs every check against DynamoDB table `table` and the key of `settings`, through
/// `backend` (the AWS backend: the embedded one has its checks in the CLI).
pub async fn aws_checks(
    backend: &Backend,
    table: &str,
    settings: &Settings,
    sources: &Sources,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let Some(options) = backend.aws_options() else {
        checks.push(Check::fail(
            "backend",
            "the embedded backend (--local) has no AWS to check",
        ));
        return checks;
    };
    let config = match sdk_config(options).await {
        Ok(config) => config,
        Err(e) => {
            checks.push(Check::fail("config", e.to_string()));
            return checks;
        }
    };
    let region = config
        .region()
        .map_or_else(|| "(none)".to_string(), ToString::to_string);
    checks.push(region_check(&region, sources));
    checks.push(Check::ok(
        "endpoint",
        match &sources.endpoint {
            Some(from) => format!("{from} (not AWS: a local emulator or a proxy)"),
            None => "AWS's own endpoints for the region".to_string(),
        },
    ));
    let sts = sts_client(&config);
    checks.push(match sts.get_caller_identity().send().await {
        Ok(out) => Check::ok(
            "identity",
            format!(
                "{} (account {})",
                out.arn().unwrap_or("an unnamed caller"),
                out.account().unwrap_or("unknown")
            ),
        ),
        Err(e) => {
            let text = crate::sdk_error::describe("STS", &e);
            let hint = match crate::sdk_error::cause(&e) {
                // On the way: the message says what to check already.
                crate::cause::Cause::Unreachable | crate::cause::Cause::Timeout => "",
                _ => "; check the credentials (environment, -p profile, SSO login, instance role)",
            };
            Check::fail("identity", format!("{}{hint}", text.trim_end_matches('.')))
        }
    });

    let mut regions = vec![(region.clone(), backend.clone())];
    for replica in &settings.replica_regions {
        if *replica != region {
            regions.push((replica.clone(), backend.in_region(replica)));
        }
    }
    for (i, (region, backend)) in regions.iter().enumerate() {
        let label = |what: &str| {
            if i == 0 {
                what.to_string()
            } else {
                format!("{what} {region}")
            }
        };
        let (check, info) = table_check(&label("table"), backend, table, region).await;
        let passed = check.ok;
        checks.push(check);
        if let (true, Some(info)) = (passed, info) {
            checks
                .push(protection_check(&label("protection"), backend, table, region, &info).await);
        }
    }
    checks.extend(key_checks(backend, table, settings, &region).await);
    checks
}

/// The table's check, and its description when it exists (for the protection check).
async fn table_check(
    what: &str,
    backend: &Backend,
    table: &str,
    region: &str,
) -> (Check, Option<TableInfo>) {
    match backend.describe_table(table).await {
        Ok(None) => (
            Check::fail(
                what,
                format!(
                    "no table {table:?} in {region}: run `credstore setup` (or check -t and -r)"
                ),
            ),
            None,
        ),
        Ok(Some(info)) => (table_verdict(what, table, &info), Some(info)),
        Err(e) => (Check::fail(what, format!("{e}")), None),
    }
}

fn table_verdict(what: &str, table: &str, info: &TableInfo) -> Check {
    let detail = format!(
        "{table:?}: {}, {}, {} items (approximate)",
        info.status, info.billing, info.items
    );
    if info.credstash_schema {
        Check::ok(what, detail)
    } else {
        Check::fail(
            what,
            format!(
                "{detail}; its key schema is {}, not name (HASH, S) + version (RANGE, S): \
                 not a credstash table, use another -t",
                info.schema
            ),
        )
    }
}

/// Passes either way (an unprotected table works); says what is off and how to turn it on.
async fn protection_check(
    what: &str,
    backend: &Backend,
    table: &str,
    region: &str,
    info: &TableInfo,
) -> Check {
    match backend.table_protection(table, info).await {
        Ok(Some(p)) => {
            let advice = p.advice(table, region);
            if advice.is_empty() {
                Check::ok(what, "point-in-time recovery on, deletion protection on")
            } else {
                Check::ok(what, format!("warning: {}", advice.join("; ")))
            }
        }
        Ok(None) => Check::fail(what, "the embedded backend has no table protection"),
        Err(e) => Check::fail(what, format!("{e}")),
    }
}

/// The key: resolved in each region, and a data key made and opened under a context
/// of its own, nothing stored.
async fn key_checks(
    backend: &Backend,
    table: &str,
    settings: &Settings,
    region: &str,
) -> Vec<Check> {
    let client = match backend.client(table, Access::Read, settings.clone()).await {
        Ok(client) => client,
        Err(e) => return vec![Check::fail("key", e.to_string())],
    };
    match resolved_keys(&client, settings, region).await {
        Ok(resolved) => round_trips(&client, settings, region, &resolved).await,
        Err(failed) => failed,
    }
}

/// The key's ARN in each region, or a failed check for each region where it does not
/// resolve (with what to do).
async fn resolved_keys(
    client: &Client,
    settings: &Settings,
    region: &str,
) -> Result<BTreeMap<String, String>, Vec<Check>> {
    let mut checks = Vec::new();
    let key = &settings.key_id;
    let mut resolved = BTreeMap::new();
    for (r, arn) in client
        .keyring()
        .resolve_key(key, &settings.replica_regions)
        .await
    {
        let what = if r == region {
            "key".to_string()
        } else {
            format!("key {r}")
        };
        match arn {
            Ok(arn) => {
                resolved.insert(r.clone(), arn);
            }
            Err(e) => {
                let hint = match &e {
                    crate::kms::KeyError::Refused(refusal)
                        if refusal.kind == crate::kms::RefusalKind::NotFound =>
                    {
                        format!("; create the key (or the alias) in {r}, or name another with -k")
                    }
                    crate::kms::KeyError::Refused(_) => format!("; {}", e.hint()),
                    _ => String::new(),
                };
                // AWS messages end with a period; the hint follows after a `;`.
                let text = e.to_string();
                let text = text.trim_end_matches('.');
                checks.push(Check::fail(what, format!("{key}: {text}{hint}")));
            }
        }
    }
    if checks.is_empty() {
        Ok(resolved)
    } else {
        Err(checks)
    }
}

/// A data key made under the key and opened from each region's wrap alone, nothing
/// stored: one check per region.
async fn round_trips(
    client: &Client,
    settings: &Settings,
    region: &str,
    resolved: &BTreeMap<String, String>,
) -> Vec<Check> {
    let key = &settings.key_id;
    let mut checks = Vec::new();
    let context = EncryptionContext::from_map(BTreeMap::from([(
        "credstore:doctor".to_string(),
        "round trip".to_string(),
    )]));
    let (made, wraps) = match client
        .keyring()
        .new_data_key(key, &context, &settings.replica_regions)
        .await
    {
        Ok(made) => made,
        Err(e) => {
            return vec![Check::fail(
                "key",
                format!("{key}: cannot make a data key ({e}); writers need kms:GenerateDataKey"),
            )];
        }
    };
    for wrap in &wraps {
        let what = if wrap.region == region || wrap.region.is_empty() {
            "key".to_string()
        } else {
            format!("key {}", wrap.region)
        };
        // Each wrap alone: a working home region must not hide a broken replica (a
        // multi-Region replica's wrap opens the home blob in its own region).
        let one = vec![KeyWrap {
            blob: if wrap.blob.is_empty() {
                wraps[0].blob.clone()
            } else {
                wrap.blob.clone()
            },
            ..wrap.clone()
        }];
        let arn = resolved
            .get(&wrap.region)
            .cloned()
            .unwrap_or_else(|| wrap.key.clone());
        checks.push(match client.keyring().open_data_key(&one, &context).await {
            Ok(opened) if opened.as_bytes() == made.as_bytes() => Check::ok(
                what,
                format!("{key} is {arn}: a data key made and opened (nothing stored)"),
            ),
            Ok(_) => Check::fail(what, format!("{key}: the data key opened differs")),
            Err(e) => Check::fail(
                what,
                format!("{key}: cannot open a data key ({e}); readers need kms:Decrypt"),
            ),
        });
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_region_fails_unless_an_emulator_answers() {
        for region in KNOWN_REGIONS {
            assert!(crate::model::wrap::is_region_name(region), "{region}");
        }
        let aws = Sources::new("--region", None);
        assert!(region_check("eu-west-1", &aws).ok);
        let typo = region_check("us-east-9", &aws);
        assert!(
            !typo.ok && typo.detail.contains("check the name"),
            "{typo:?}"
        );
        let emulator = Sources::new("--region", Some("--endpoint-url".into()));
        assert!(region_check("us-east-9", &emulator).ok);
    }
}
