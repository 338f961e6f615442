//! `setup`: create the table (idempotent) and print the IAM policies readers and writers need.

use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;
use credstore::printable::escape;
use credstore::{Access, Backend, TableInfo};
use credstore::{SetupOptions, SetupOutcome};

/// Arguments of `setup`.
#[derive(Debug, Args)]
pub(crate) struct SetupArgs {
    /// Provisioned capacity instead of on-demand billing.
    #[arg(long, num_args = 2, value_names = ["READ", "WRITE"])]
    pub provisioned: Option<Vec<i64>>,
    /// Tags for the table.
    #[arg(long, num_args = 1.., value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
    /// Create the table without point-in-time recovery (on by default: any second of
    /// the last 35 days can be restored).
    #[arg(long)]
    pub no_point_in_time_recovery: bool,
    /// Create the table without deletion protection (on by default: DeleteTable fails
    /// until it is turned off).
    #[arg(long)]
    pub no_deletion_protection: bool,
}

/// Runs `setup`.
pub(super) async fn setup(config: &Config, args: &SetupArgs) -> Result<(), Failure> {
    let options = setup_options(args)?;
    let client = config.writer().await?;
    let outcome = client.setup(&options).await?;
    let table = config.table()?;
    let home = client
        .keyring()
        .home_region()
        .unwrap_or_default()
        .to_string();
    if config.is_local() {
        report(&table, &home, &outcome);
        return Ok(());
    }
    // An existing table must be credstash's, and setup tags only the tables it creates.
    let backend = config.backend();
    let existing = match outcome {
        SetupOutcome::AlreadyExists => backend.describe_table(&table).await?,
        _ => None,
    };
    if let Some(info) = &existing {
        if !info.credstash_schema {
            return Err(Failure::Other(format!(
                "table {:?} exists with the key schema {}, not name (HASH, S) + version \
                 (RANGE, S): it is not a credstash table; choose another -t",
                escape(&table),
                escape(&info.schema)
            )));
        }
    }
    report(&table, &home, &outcome);
    if let SetupOutcome::AlreadyExists = outcome {
        if let Some(info) = &existing {
            report_protection_of(backend, &table, &home, info).await?;
        }
        if !args.tags.is_empty() {
            diag!(
                "warning: the table existed, so --tags were not applied; tag it with `aws \
                 dynamodb tag-resource`"
            );
        }
    }
    // Each replica region gets the table too: `sync` copies into it, and `-r REGION`
    // reads from it when the home region is down.
    let replicas = &config.settings.replica_regions;
    for region in replicas.iter().filter(|r| **r != home) {
        let backend = backend.in_region(region);
        let replica = backend
            .client(&table, Access::Write, config.settings.clone())
            .await?;
        let outcome = replica.setup(&options).await?;
        report(&table, region, &outcome);
        if let SetupOutcome::AlreadyExists = outcome {
            report_protection(&backend, &table, region).await?;
        }
    }
    // The key, in every region: missing keys or aliases are said now, not at the first put.
    let placement = super::policy::resolve_placement(config, &client).await;
    let key = &config.settings.key_id;
    let policies = credstore::policy::iam_policies(&table, key, &placement);
    let mut text = serde_json::to_string_pretty(&policies).unwrap_or_default();
    text.push('\n');
    write_out(text.as_bytes())?;
    Ok(())
}

/// The table to create, from the arguments: capacity, tags (credstash's `Name=credstash`
/// when none), protection.
fn setup_options(args: &SetupArgs) -> Result<SetupOptions, Failure> {
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
    let mut options = SetupOptions::default();
    options.provisioned = provisioned;
    options.tags = tags;
    options.no_point_in_time_recovery = args.no_point_in_time_recovery;
    options.no_deletion_protection = args.no_deletion_protection;
    Ok(options)
}

/// An existing table is left as it is: what protection is off is said, with the fix.
async fn report_protection(backend: &Backend, table: &str, region: &str) -> Result<(), Failure> {
    let Some(info) = backend.describe_table(table).await? else {
        return Ok(());
    };
    report_protection_of(backend, table, region, &info).await
}

/// [`report_protection`] of a table already described as `info`.
async fn report_protection_of(
    backend: &Backend,
    table: &str,
    region: &str,
    info: &TableInfo,
) -> Result<(), Failure> {
    if let Some(p) = backend.table_protection(table, info).await? {
        for advice in p.advice(table, region) {
            diag!("warning: table {:?} in {region}: {advice}", escape(table));
        }
    }
    Ok(())
}

fn report(table: &str, region: &str, outcome: &SetupOutcome) {
    let place = if region.is_empty() {
        String::new()
    } else {
        format!(" in {region}")
    };
    match outcome {
        SetupOutcome::Created => diag!("Table {table:?}{place} has been created."),
        SetupOutcome::AlreadyExists => diag!("Table {table:?}{place} already exists."),
    }
}
