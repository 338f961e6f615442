//! `import` (a dotenv file, SSM Parameter Store, Secrets Manager) and `export --to-ssm`:
//! everything is read and checked before the first write; names are printed, never values.

use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, OTHER};
use crate::cli::output::count;
use clap::Args;
use credstore::Secret;
use credstore::printable::escape;
use credstore::transfer::{self, Action, Incoming, SecretsManager, Ssm, TransferError};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Arguments of `import`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").required(true).multiple(false))]
pub(crate) struct ImportArgs {
    /// A dotenv file exactly as `env -f dotenv` writes it (`-` is stdin): each variable
    /// becomes the secret of that name; any other line is refused with its number.
    #[arg(long, value_name = "FILE", group = "source")]
    pub(crate) dotenv: Option<PathBuf>,
    /// Every SSM parameter under PATH, recursively (SecureStrings decrypted by SSM): each
    /// becomes the secret named by the rest of its name (`/app/db/pass` under `/app`: `db/pass`).
    #[arg(long, value_name = "PATH", group = "source")]
    pub(crate) ssm: Option<String>,
    /// Secrets Manager secrets: a name, or a prefix ending in `*` (repeat it); each becomes
    /// the secret of its whole name.
    #[arg(long, value_name = "NAME|PREFIX*", group = "source")]
    pub(crate) secrets_manager: Vec<String>,
    /// Put PREFIX before every imported name (`app/`).
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub(crate) prefix: String,
    /// Print what would be stored (names only) and store nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Encryption context of the new versions, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub(crate) context: Vec<String>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Write the latest value of each secret as the SecureString parameter PATH/NAME
    /// (replacing its value; equal values are left alone).
    #[arg(long, value_name = "PATH", required = true)]
    pub(crate) to_ssm: String,
    /// Only the secrets whose names start with PREFIX, left out of the parameter names.
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub(crate) prefix: String,
    /// The KMS key of the SecureStrings [default: SSM's, alias/aws/ssm].
    #[arg(long, value_name = "KEY")]
    pub(crate) ssm_key: Option<String>,
    /// Print which parameters would be written (names only) and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Encryption context of items that do not store theirs (credstash items), key=value.
    #[arg(value_name = "CONTEXT")]
    pub(crate) context: Vec<String>,
}

/// The largest dotenv file read.
const MAX_DOTENV_BYTES: u64 = 16 * 1024 * 1024;

fn failure(e: TransferError) -> Failure {
    match e {
        TransferError::Input(m) => Failure::Usage(m),
        TransferError::Service(m) => Failure::Other(m),
        TransferError::Store(e) => Failure::Lib(e),
        other => Failure::Other(other.to_string()),
    }
}

/// Runs `import`.
pub(super) async fn import(config: &Config, args: &ImportArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let aws = config.aws_options().clone();
    let incoming: Vec<Incoming> = if let Some(path) = &args.dotenv {
        let (shown, raw) = read_dotenv(path)?;
        Incoming::from_dotenv(&raw, &args.prefix)
            .map_err(|e| Failure::Usage(format!("{shown}: {e}")))?
    } else if let Some(path) = &args.ssm {
        let ssm = Ssm::connect(&aws).await.map_err(failure)?;
        ssm.read_path(path, &args.prefix).await.map_err(failure)?
    } else {
        let manager = SecretsManager::connect(&aws).await.map_err(failure)?;
        manager
            .read(&args.secrets_manager, &args.prefix)
            .await
            .map_err(failure)?
    };
    let client = if args.dry_run {
        config.reader().await?
    } else {
        config.writer().await?
    };
    let plan = transfer::plan(&client, incoming, &context)
        .await
        .map_err(failure)?;
    let unchanged = plan
        .iter()
        .filter(|p| p.action == Action::Unchanged)
        .count();
    if args.dry_run {
        for p in &plan {
            let what = match p.action {
                Action::New => "would store (new)",
                Action::Changed => "would store (changed)",
                Action::Unchanged => "unchanged",
            };
            diag!(
                "{what}: {} from {}",
                escape(&p.incoming.name),
                escape(&p.incoming.source)
            );
        }
        diag!(
            "dry run: {} to store, {unchanged} unchanged; nothing stored",
            count(plan.len() - unchanged, "value")
        );
        return Ok(());
    }
    let results = transfer::apply(&client, &plan, &context).await;
    let mut failed = 0usize;
    for (name, result) in &results {
        match result {
            Ok(version) => diag!("{} version {version} has been stored", escape(name)),
            Err(e) => {
                failed += 1;
                diag!("error: {e}");
            }
        }
    }
    diag!(
        "{} stored, {unchanged} unchanged (equal to the latest version)",
        count(results.len() - failed, "value")
    );
    if failed > 0 {
        diag!("error: {failed} of the values were not stored; the others were");
        return Err(Failure::Reported(OTHER));
    }
    Ok(())
}

/// The file (or stdin) and how to name it in messages.
fn read_dotenv(path: &std::path::Path) -> Result<(String, Zeroizing<Vec<u8>>), Failure> {
    let mut raw = Zeroizing::new(Vec::new());
    let shown = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_DOTENV_BYTES + 1)
            .read_to_end(&mut raw)
            .map_err(|e| Failure::Usage(format!("cannot read stdin: {e}")))?;
        "stdin".to_string()
    } else {
        let shown = escape(&path.display().to_string()).to_string();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_DOTENV_BYTES + 1).read_to_end(&mut raw))
            .map_err(|e| Failure::Usage(format!("cannot read {shown}: {e}")))?;
        shown
    };
    if raw.len() as u64 > MAX_DOTENV_BYTES {
        return Err(Failure::Usage(format!(
            "{shown} is larger than {MAX_DOTENV_BYTES} bytes; a dotenv file is not a data set"
        )));
    }
    Ok((shown, raw))
}

/// Each secret with its name after `prefix` and its parameter under `path`: every name
/// and value checked before anything is written.
fn parameters<'a>(
    secrets: &'a [Secret],
    prefix: &str,
    path: &str,
) -> Result<Vec<(&'a str, String, &'a Secret)>, Failure> {
    let mut targets = Vec::with_capacity(secrets.len());
    for secret in secrets {
        let Some(relative) = secret
            .name
            .strip_prefix(prefix)
            .filter(|rest| !rest.is_empty())
        else {
            return Err(Failure::Usage(format!(
                "secret {:?} is the --prefix itself, so it has no parameter name under {path}; \
                 use a shorter --prefix",
                secret.name
            )));
        };
        let name = Ssm::parameter_name(path, relative, &secret.name).map_err(failure)?;
        Ssm::check_value(&secret.value, &secret.name).map_err(failure)?;
        targets.push((relative, name, secret));
    }
    Ok(targets)
}

/// Runs `export`.
pub(super) async fn export(config: &Config, args: &ExportArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let path = Ssm::normalize_path(&args.to_ssm).map_err(failure)?;
    let client = config.reader().await?;
    let prefix = args.prefix.clone();
    let latest = client
        .latest_where(std::slice::from_ref(&prefix), |name| {
            name.starts_with(prefix.as_str())
        })
        .await?;
    let secrets = client
        .open_all(latest.records.into_values().collect(), &context)
        .await?;
    // Every name and value is checked before the first write.
    let targets = parameters(&secrets, &args.prefix, &path)?;
    let ssm = Ssm::connect(config.aws_options()).await.map_err(failure)?;
    let existing: BTreeMap<String, credstore::SecretBytes> = ssm
        .read_path(&path, "")
        .await
        .map_err(failure)?
        .into_iter()
        .map(|i| (i.name, i.value))
        .collect();
    let mut written = 0usize;
    let mut unchanged = 0usize;
    for (relative, name, secret) in &targets {
        let action = match existing.get(*relative) {
            None => Action::New,
            Some(value) if value.ct_eq(&secret.value) => Action::Unchanged,
            Some(_) => Action::Changed,
        };
        if action == Action::Unchanged {
            unchanged += 1;
            continue;
        }
        if args.dry_run {
            diag!(
                "would write {name} from {} version {}",
                escape(&secret.name),
                escape(&secret.version)
            );
            written += 1;
            continue;
        }
        ssm.write(name, &secret.value, args.ssm_key.as_deref(), &secret.name)
            .await
            .map_err(|e| {
                Failure::Other(format!(
                    "{e} ({written} parameters written before it, {unchanged} unchanged)"
                ))
            })?;
        diag!(
            "{name} has been written from {} version {}",
            escape(&secret.name),
            escape(&secret.version)
        );
        written += 1;
    }
    diag!(
        "{} {}, {unchanged} unchanged{}",
        count(written, "parameter"),
        if args.dry_run {
            "would be written"
        } else {
            "written"
        },
        if args.dry_run {
            "; nothing written"
        } else {
            ""
        }
    );
    Ok(())
}
