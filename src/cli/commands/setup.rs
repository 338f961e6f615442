//! `setup`: create the table (idempotent) and print the IAM policies readers and writers need.

use crate::cli::args::SetupArgs;
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::record::HmacEncoding;
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
    let outcome = client.setup(&SetupOptions { provisioned, tags }).await?;
    let table = config.table()?;
    match outcome {
        SetupOutcome::Created => diag!("Table {table:?} has been created."),
        SetupOutcome::AlreadyExists => diag!("Table {table:?} already exists."),
    }
    if config.local.is_none() {
        write_out(iam_policy(&table, &config.settings.key_id).as_bytes())?;
    }
    Ok(())
}

/// The IAM policy that `setup` prints: what readers and writers of this table need.
fn iam_policy(table: &str, key: &str) -> String {
    let key_arn = if key.starts_with("arn:") {
        key.to_string()
    } else {
        "arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID".to_string()
    };
    let table_arn = format!("arn:aws:dynamodb:REGION:ACCOUNT_ID:table/{table}");
    let reader = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], "Resource": table_arn},
            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": key_arn}
        ]
    });
    let writer = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DeleteItem"], "Resource": table_arn},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey"], "Resource": key_arn}
        ]
    });
    let policies = serde_json::json!({
        "KeyNote": format!("{key} must resolve to the key ARN below"),
        "ReaderPolicy": reader,
        "WriterPolicy": writer,
        "SetupPolicy": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:TagResource"], "Resource": table_arn}
            ]
        }
    });
    let mut text = serde_json::to_string_pretty(&policies).unwrap_or_default();
    text.push('\n');
    text
}
