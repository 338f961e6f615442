//! `get` and `getall`: decrypt and print one secret raw, or several in an output format.

use crate::cli::args::shared::{K8sArgs, OutputFormat, export_format};
use crate::cli::config::{Config, user_context};
use crate::cli::exit::Failure;
use crate::cli::output::write_vars;
use clap::Args;
use credstore::Error;
use credstore::SecretBytes;
use credstore::export;
use credstore::{Secret, Selection};
use std::io::{self, Write};

/// Arguments of `get`.
#[derive(Debug, Args)]
pub(crate) struct GetArgs {
    /// Name of the secret, or a pattern with `*`.
    pub name: String,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Read this version instead of the latest.
    #[arg(short = 'v', long, conflicts_with = "all_versions")]
    pub version: Option<String>,
    /// Every version of the secret, as an object of version -> value (json, yaml or csv).
    #[arg(long)]
    pub all_versions: bool,
    /// No trailing newline.
    #[arg(short = 'n', long = "noline")]
    pub no_newline: bool,
    /// Output format [default: json for a pattern or --all-versions]. Without it, one
    /// secret prints raw; with it, one secret prints in that format as for a pattern.
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<OutputFormat>,
    /// The Secret of -f k8s-secret.
    #[command(flatten)]
    pub k8s: K8sArgs,
}

/// Arguments of `getall`.
#[derive(Debug, Args)]
pub(crate) struct GetallArgs {
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// credstash's `getall -v`; refused here (one version number rarely means the same
    /// thing across secrets): read one secret's version with `get NAME -v VERSION`.
    #[arg(short = 'v', long, value_name = "VERSION", hide = true)]
    pub version: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "json")]
    pub format: OutputFormat,
    /// The Secret of -f k8s-secret.
    #[command(flatten)]
    pub k8s: K8sArgs,
    /// Leave out the secrets whose names match PATTERN (`*` for any run of characters);
    /// repeat it for several.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
}

/// Runs `get`.
pub(super) async fn get(config: &Config, args: &GetArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let client = config.reader().await?;
    if args.name.contains('*') {
        if args.version.is_some() {
            return Err(Failure::Usage(
                "-v cannot be used with a pattern; name one secret".into(),
            ));
        }
        if args.all_versions {
            return Err(Failure::Usage(
                "--all-versions reads one secret; name it without `*`".into(),
            ));
        }
        let selection = Selection::Wildcard(args.name.clone());
        let secrets = client.get_many(&selection, &context).await?;
        return render(
            args.format.unwrap_or(OutputFormat::Json),
            &args.k8s,
            &secrets,
        );
    }
    if args.all_versions {
        let format = match export_format(args.format.unwrap_or(OutputFormat::Json)) {
            Some(f @ (export::Format::Json | export::Format::Yaml | export::Format::Csv)) => f,
            _ => {
                return Err(Failure::Usage(
                    "--all-versions prints json, yaml or csv (versions are not variable names)"
                        .into(),
                ));
            }
        };
        let versions = client.get_versions(&args.name, &context).await?;
        let pairs: Vec<(String, SecretBytes)> =
            versions.into_iter().map(|s| (s.version, s.value)).collect();
        return write_vars(format, &pairs);
    }
    // The KMS connection opens while the item is read (issue 28).
    client.keyring().warm_up(1);
    let secret = client
        .get(&args.name, args.version.as_deref(), &context)
        .await?;
    // A format asked for applies to one secret too: `-f github` must mask and go to
    // $GITHUB_ENV, never print the raw value into a CI log.
    if let Some(format) = args.format {
        return render(format, &args.k8s, std::slice::from_ref(&secret));
    }
    let mut out = io::stdout().lock();
    out.write_all(secret.value.expose())?;
    if !args.no_newline {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Runs `getall`.
pub(super) async fn getall(config: &Config, args: &GetallArgs) -> Result<(), Failure> {
    if args.version.is_some() {
        return Err(Failure::Usage(
            "getall -v is not supported: a version number means a different write for every \
             secret; read one secret's version with `credstore get NAME -v VERSION`"
                .into(),
        ));
    }
    let context = user_context(&args.context)?;
    let client = config.reader().await?;
    let secrets = client
        .get_many_excluding(&Selection::All, &args.exclude, &context)
        .await?;
    render(args.format, &args.k8s, &secrets)
}

/// Renders and writes secrets; the variable formats (dotenv, shell, github, docker) take
/// variable names derived from the secret names. Rendered text is wiped when dropped.
fn render(format: OutputFormat, k8s: &K8sArgs, secrets: &[Secret]) -> Result<(), Failure> {
    let Some(format) = export_format(format) else {
        // k8s-secret
        let entries: Vec<(String, SecretBytes)> = secrets
            .iter()
            .map(|s| (s.name.clone(), s.value.duplicate()))
            .collect();
        return super::k8s::write(k8s, &entries);
    };
    let pairs: Vec<(String, SecretBytes)> = match format {
        export::Format::Dotenv
        | export::Format::Shell
        | export::Format::Github
        | export::Format::Docker => credstore::env::to_env_vars(
            secrets
                .iter()
                .map(|s| (s.name.as_str(), s.value.duplicate())),
            false,
        )
        .map_err(|e| Failure::Lib(Error::EnvName(e)))?,
        _ => secrets
            .iter()
            .map(|s| (s.name.clone(), s.value.duplicate()))
            .collect(),
    };
    write_vars(format, &pairs)
}
