//! `copy`: every version of every secret to another table or backend.

use crate::cli::args::CopyArgs;
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::backend;
use credstore::model::record::HmacEncoding;
use credstore::printable::escape;
use credstore::store::SetupOptions;

/// Runs `copy`.
pub async fn copy(config: &Config, args: &CopyArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let source = config.client(false, HmacEncoding::default()).await?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table.clone());
    let target = match (&args.to_local, args.to_aws) {
        _ if args.dry_run => None,
        (Some(path), _) => Some(backend::local_client(
            path,
            &target_table,
            true,
            config.settings.clone(),
        )?),
        (None, true) => {
            let options = config.aws_options(HmacEncoding::default());
            Some(backend::aws_client(&options, &target_table, config.settings.clone()).await?)
        }
        (None, false) => {
            if target_table == source_table {
                return Err(Failure::Usage(
                    "copy needs a target: --to-table, --to-local FILE or --to-aws".into(),
                ));
            }
            Some(
                config
                    .client_for(&target_table, true, HmacEncoding::default())
                    .await?,
            )
        }
    };
    if let Some(target) = &target {
        target.setup(&SetupOptions::default()).await?;
    }
    let summary = source.copy_to(target.as_ref(), &context).await?;
    let verb = if args.dry_run { "would copy" } else { "copied" };
    let mut text = String::new();
    for (name, version) in &summary.copied {
        text.push_str(&format!(
            "{verb} {} -- version {}\n",
            escape(name),
            escape(version)
        ));
    }
    for (name, version) in &summary.skipped {
        text.push_str(&format!(
            "skipped {} -- version {} (already in the target)\n",
            escape(name),
            escape(version)
        ));
    }
    write_out(text.as_bytes())?;
    diag!(
        "{} {} items, skipped {} already present",
        verb,
        summary.copied.len(),
        summary.skipped.len()
    );
    Ok(())
}
