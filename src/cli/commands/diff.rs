//! `diff`: the secrets of this table compared with another table, region or backend
//! (named as `copy` names its target). Prints names and versions only, never a value;
//! exit 1 when the two sides differ.

use crate::cli::args::DiffArgs;
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::{count, write_out};
use credstore::HmacEncoding;
use credstore::backend;
use credstore::printable::escape;

/// Runs `diff`.
pub(super) async fn diff(config: &Config, args: &DiffArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table.clone());
    let other_place = args.to_local.is_some() || args.to_aws || args.to_region.is_some();
    if !other_place && target_table == source_table {
        return Err(Failure::Usage(
            "diff needs the other side: --to-table, --to-region, --to-local FILE or --to-aws"
                .into(),
        ));
    }
    let source = config.client(false, HmacEncoding::default()).await?;
    let target = match (&args.to_local, args.to_aws || args.to_region.is_some()) {
        (Some(path), _) => {
            let (path, table, settings) =
                (path.clone(), target_table.clone(), config.settings.clone());
            // A diff creates nothing: the store must exist.
            tokio::task::spawn_blocking(move || {
                backend::local_client(&path, &table, false, settings)
            })
            .await
            .map_err(|e| Failure::Other(format!("opening the local store failed: {e}")))??
        }
        (None, true) => {
            let mut options = config.aws_options(HmacEncoding::default());
            if let Some(region) = &args.to_region {
                options.region = Some(region.clone());
                options.kms_region = None;
            }
            backend::aws_client(&options, &target_table, config.settings.clone()).await?
        }
        (None, false) => {
            config
                .client_for(&target_table, false, HmacEncoding::default())
                .await?
        }
    };
    let diff = source.diff_with(&target, &args.prefix, &context).await?;
    let mut text = String::new();
    let versions = |v: &[String]| {
        v.iter()
            .map(|v| escape(v).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (name, v) in &diff.only_here {
        text.push_str(&format!(
            "only in source: {} -- versions {}\n",
            escape(name),
            versions(v)
        ));
    }
    for (name, v) in &diff.only_there {
        text.push_str(&format!(
            "only in target: {} -- versions {}\n",
            escape(name),
            versions(v)
        ));
    }
    for (name, v) in &diff.versions_only_here {
        text.push_str(&format!(
            "version only in source: {} -- version {}\n",
            escape(name),
            escape(v)
        ));
    }
    for (name, v) in &diff.versions_only_there {
        text.push_str(&format!(
            "version only in target: {} -- version {}\n",
            escape(name),
            escape(v)
        ));
    }
    for (name, here, there) in &diff.changed {
        text.push_str(&format!(
            "value differs: {} -- latest version {} in source, {} in target\n",
            escape(name),
            escape(here),
            escape(there)
        ));
    }
    write_out(text.as_bytes())?;
    diag!(
        "{} on both sides: {} equal, {} differ; {} only in source, {} only in target",
        count(diff.equal.len() + diff.changed.len(), "name"),
        diff.equal.len(),
        diff.changed.len(),
        diff.only_here.len(),
        diff.only_there.len()
    );
    if diff.is_same() {
        Ok(())
    } else {
        Err(Failure::Reported(1))
    }
}
