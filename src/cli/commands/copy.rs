//! `copy` (every version of every secret, re-sealed, to another table or backend) and
//! `sync` (every item as it is, to a table in another region).

use crate::cli::args::{CopyArgs, SyncArgs};
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

/// Runs `sync`: every item as it is to a table in another region.
pub async fn sync(config: &Config, args: &SyncArgs) -> Result<(), Failure> {
    if config.local.is_some() {
        return Err(Failure::Usage(
            "sync copies items between regions; the embedded backend (--local) has none: use copy"
                .into(),
        ));
    }
    let source = config.client(false, HmacEncoding::default()).await?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table);
    let mut options = config.aws_options(HmacEncoding::default());
    options.region = Some(args.to_region.clone());
    options.kms_region = None;
    let target = backend::aws_client(&options, &target_table, config.settings.clone()).await?;
    if !args.dry_run {
        target.setup(&SetupOptions::default()).await?;
    }
    let summary = source
        .sync_to(&target, &args.to_region, args.dry_run)
        .await?;
    let verb = if args.dry_run { "would copy" } else { "copied" };
    let line = |verb: &str, (name, version): &(String, String), why: &str| {
        format!(
            "{verb} {} -- version {}{why}\n",
            escape(name),
            escape(version)
        )
    };
    let mut text = String::new();
    for id in &summary.copied {
        text.push_str(&line(verb, id, ""));
    }
    for id in &summary.conflicts {
        text.push_str(&line(
            "conflict",
            id,
            " (the target holds another item at this version; left as it is)",
        ));
    }
    write_out(text.as_bytes())?;
    if !summary.without_wrap.is_empty() {
        diag!(
            "warning: {} of the items have no wrap in {}: reads there need the home region's KMS \
             (write them with --replica-region {}, or rekey to a multi-Region key)",
            summary.without_wrap.len(),
            args.to_region,
            args.to_region
        );
    }
    diag!(
        "{} {} items to {} in {}, {} already there, {} in conflict",
        verb,
        summary.copied.len(),
        escape(&target_table),
        args.to_region,
        summary.present.len(),
        summary.conflicts.len()
    );
    if summary.conflicts.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported(crate::cli::exit::CONFLICT))
    }
}
