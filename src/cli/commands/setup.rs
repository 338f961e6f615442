//! `setup`: create the table (idempotent) and print the IAM policies readers and writers need.

use crate::cli::args::SetupArgs;
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::model::record::HmacEncoding;
use credstore::store::{SetupOptions, SetupOutcome};

/// Runs `setup`.
pub async fn setup(config: &Config, args: &SetupArgs) -> Result<(), Failure> {
    let provisioned = match args.provisioned.as_deref() {
        Some([r, w]) if *r > 0 && *w > 0 => Some((*r, *w)),
        Some(_) => {
            return Err(Failure::Usage(
                "--provisioned takes two positive numbers: READ WRITE".into(),
            ));
        }
        None => None,
    };
    let mut tags = Vec::new();
    for t in &args.tags {
        let (k, v) = t
            .split_once('=')
            .ok_or_else(|| Failure::Usage(format!("tag {t:?} is not of the form KEY=VALUE")))?;
        tags.push((k.to_string(), v.to_string()));
    }
    if tags.is_empty() {
        // credstash tags its table Name=credstash; keep that for tooling that looks for it.
        tags.push(("Name".to_string(), "credstash".to_string()));
    }
    let client = config.client(true, HmacEncoding::default()).await?;
    let mut options = SetupOptions::default();
    options.provisioned = provisioned;
    options.tags = tags;
    let outcome = client.setup(&options).await?;
    let table = config.table()?;
    match outcome {
        SetupOutcome::Created => diag!("Table {table:?} has been created."),
        SetupOutcome::AlreadyExists => diag!("Table {table:?} already exists."),
    }
    if config.local.is_none() {
        let policies = credstore::policy::iam_policies(&table, &config.settings.key_id);
        let mut text = serde_json::to_string_pretty(&policies).unwrap_or_default();
        text.push('\n');
        write_out(text.as_bytes())?;
    }
    Ok(())
}
