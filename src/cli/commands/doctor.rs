//! `doctor`: which account, region, endpoint, table and key a command uses, each checked,
//! one line per check; exit 1 when any fails. Never a secret or key material.

use crate::cli::config::Config;
use crate::cli::exit::{Failure, OTHER};
use crate::cli::output::write_out;
use credstore::EncryptionContext;
use credstore::doctor::{Check, Sources};
use credstore::printable::escape;
use credstore::redact::redact_url;
use std::collections::BTreeMap;

/// Runs `doctor`.
pub(super) async fn doctor(config: &Config) -> Result<(), Failure> {
    let table = config.table()?;
    let checks = match config.backend().local_path() {
        Some(path) => local_checks(config, path, &table).await,
        None => {
            let sources = Sources::new(region_source(config), endpoint_source(config));
            credstore::doctor::aws_checks(config.backend(), &table, &config.settings, &sources)
                .await
        }
    };
    let width = checks.iter().map(|c| c.what.len()).max().unwrap_or(0);
    let mut text = String::new();
    for check in &checks {
        text.push_str(&format!(
            "{:<4}  {:width$}  {}\n",
            if check.ok { "ok" } else { "FAIL" },
            escape(&check.what),
            escape(&check.detail)
        ));
    }
    write_out(text.as_bytes())?;
    if checks.iter().all(|c| c.ok) {
        Ok(())
    } else {
        Err(Failure::Reported(OTHER))
    }
}

/// Where the region comes from, in the SDK's order.
fn region_source(config: &Config) -> String {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if config.region_flag().is_some() {
        return "--region".into();
    }
    for var in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if env(var).is_some() {
            return var.into();
        }
    }
    match config
        .profile()
        .map(str::to_string)
        .or_else(|| env("AWS_PROFILE"))
    {
        Some(p) => format!("profile {p:?}, else us-east-1"),
        None => "the default profile or instance metadata, else us-east-1".into(),
    }
}

/// Where a custom endpoint comes from, if any (its userinfo hidden: it may hold a password).
fn endpoint_source(config: &Config) -> Option<String> {
    if let Some(url) = config.endpoint_flag() {
        return Some(format!("--endpoint-url {}", redact_url(url)));
    }
    [
        "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_ENDPOINT_URL_KMS",
        "AWS_ENDPOINT_URL",
    ]
    .iter()
    .find_map(|var| {
        std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|url| format!("{var}={}", redact_url(&url)))
    })
}

/// The embedded backend: the files open (ownership and modes checked), the table read,
/// and a data key made and opened with the master key, nothing stored.
async fn local_checks(config: &Config, path: &std::path::Path, table: &str) -> Vec<Check> {
    let client = match config.reader().await {
        Ok(client) => client,
        Err(Failure::Lib(e)) => return vec![fail("store", e.to_string())],
        Err(_) => return vec![fail("store", "cannot open the embedded store".into())],
    };
    let mut checks = vec![ok(
        "store",
        format!(
            "{} (master key {})",
            path.display(),
            credstore::Backend::master_key_path(path).display()
        ),
    )];
    checks.push(match client.list().await {
        Ok(listing) => ok(
            "table",
            format!(
                "{table:?}: {}",
                crate::cli::output::count(listing.len(), "item")
            ),
        ),
        Err(e) => fail("table", e.to_string()),
    });
    checks.push(ok(
        "protection",
        "n/a: point-in-time recovery and deletion protection are DynamoDB's; back up the \
         store file and its key file"
            .into(),
    ));
    let context = EncryptionContext::from_map(BTreeMap::from([(
        "credstore:doctor".to_string(),
        "round trip".to_string(),
    )]));
    let key = &config.settings.key_id;
    checks.push(
        match client.keyring().new_data_key(key, &context, &[]).await {
            Ok((made, wraps)) => match client.keyring().open_data_key(&wraps, &context).await {
                Ok(opened) if opened.as_bytes() == made.as_bytes() => ok(
                    "key",
                    "the master key makes and opens a data key (nothing stored)".into(),
                ),
                Ok(_) => fail("key", "the data key opened differs".into()),
                Err(e) => fail("key", e.to_string()),
            },
            Err(e) => fail("key", e.to_string()),
        },
    );
    checks
}

fn ok(what: &str, detail: String) -> Check {
    Check::new(what, true, detail)
}

fn fail(what: &str, detail: String) -> Check {
    Check::new(what, false, detail)
}
