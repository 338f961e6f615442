//! `get` and `getall`: decrypt and print one secret raw, or several in an output format.

use crate::cli::args::{GetArgs, GetallArgs, K8sArgs, OutputFormat};
use crate::cli::config::{Config, user_context};
use crate::cli::exit::Failure;
use crate::cli::output::write_vars;
use credstore::Error;
use credstore::HmacEncoding;
use credstore::SecretBytes;
use credstore::client::{Secret, Selection};
use credstore::export;
use std::io::{self, Write};

/// Runs `get`.
pub(super) async fn get(config: &Config, args: &GetArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let client = config.client(false, HmacEncoding::default()).await?;
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
        let format = match args.format.unwrap_or(OutputFormat::Json) {
            OutputFormat::Json => export::Format::Json,
            OutputFormat::Yaml => export::Format::Yaml,
            OutputFormat::Csv => export::Format::Csv,
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
    let client = config.client(false, HmacEncoding::default()).await?;
    let secrets = client
        .get_many_excluding(&Selection::All, &args.exclude, &context)
        .await?;
    render(args.format, &args.k8s, &secrets)
}

/// Renders and writes secrets; the variable formats (dotenv, shell, github, docker) take
/// variable names derived from the secret names. Rendered text is wiped when dropped.
fn render(format: OutputFormat, k8s: &K8sArgs, secrets: &[Secret]) -> Result<(), Failure> {
    let format = match format {
        OutputFormat::K8sSecret => {
            let entries: Vec<(String, SecretBytes)> = secrets
                .iter()
                .map(|s| (s.name.clone(), s.value.duplicate()))
                .collect();
            return super::k8s::write(k8s, &entries);
        }
        OutputFormat::Json => export::Format::Json,
        OutputFormat::Yaml => export::Format::Yaml,
        OutputFormat::Csv => export::Format::Csv,
        OutputFormat::Dotenv => export::Format::Dotenv,
        OutputFormat::Shell => export::Format::Shell,
        OutputFormat::Github => export::Format::Github,
        OutputFormat::Docker => export::Format::Docker,
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
