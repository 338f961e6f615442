//! `delete` and `prune`: remove versions of one secret.

use crate::cli::args::{DeleteArgs, PruneArgs};
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::model::record::HmacEncoding;
use credstore::printable::escape;

/// Runs `delete`.
pub async fn delete(config: &Config, args: &DeleteArgs) -> Result<(), Failure> {
    let client = config.client(false, HmacEncoding::default()).await?;
    let deleted = client.delete(&args.name, args.version.as_deref()).await?;
    let mut text = String::new();
    for v in deleted {
        text.push_str(&format!(
            "Deleting {} -- version {}\n",
            escape(&args.name),
            escape(&v)
        ));
    }
    write_out(text.as_bytes())
}

/// Runs `prune`.
pub async fn prune(config: &Config, args: &PruneArgs) -> Result<(), Failure> {
    let client = config.client(false, HmacEncoding::default()).await?;
    let keep = usize::try_from(args.keep).unwrap_or(usize::MAX);
    let deleted = client.prune(&args.name, keep).await?;
    let mut text = String::new();
    for v in &deleted {
        text.push_str(&format!(
            "Deleting {} -- version {}\n",
            escape(&args.name),
            escape(v)
        ));
    }
    write_out(text.as_bytes())?;
    diag!(
        "{}: deleted {} old versions, kept {keep}",
        args.name,
        deleted.len()
    );
    Ok(())
}
