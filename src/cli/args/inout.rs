//! Arguments of the commands that move secrets in and out of other shapes: `render`
//! (templates), `import` and `export` (other stores), `diff` (comparing with another table, region or backend) and the
//! Kubernetes Secret output of `get`, `getall` and `env`.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The template file (`-` is stdin): literal text with `{{ secret "NAME" }}` tags
    /// (options version="V" and context="KEY=VALUE"; filters | json, | yaml, | shell,
    /// | base64); `{{ "{{" }}` writes `{{`.
    #[arg(value_name = "TEMPLATE")]
    pub template: PathBuf,
    /// Write this file instead of stdout (`-` is stdout); it appears only once complete
    /// (written to a temporary file beside it, then renamed), with --mode. A device or
    /// FIFO is written in place.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Permission bits of the file -o creates, in octal (whatever the umask).
    #[arg(long, default_value = "0600", value_name = "OCTAL", value_parser = parse_mode)]
    pub mode: u32,
}

/// `--mode`: octal permission bits, at most 0777.
fn parse_mode(text: &str) -> Result<u32, String> {
    let digits = text.strip_prefix("0o").unwrap_or(text);
    match u32::from_str_radix(digits, 8) {
        Ok(mode) if mode <= 0o777 && !digits.is_empty() => Ok(mode),
        _ => Err(format!(
            "{text:?} is not a file mode: give octal permission bits from 0000 to 0777, like 0600"
        )),
    }
}

/// The Secret object of `-f k8s-secret`.
#[derive(Debug, Args)]
pub(crate) struct K8sArgs {
    /// With -f k8s-secret: the Secret's metadata.name (required with that format).
    #[arg(long, value_name = "NAME", value_parser = parse_k8s_name)]
    pub k8s_name: Option<String>,
    /// With -f k8s-secret: the Secret's metadata.namespace [default: none, kubectl's].
    #[arg(long, value_name = "NAMESPACE", value_parser = parse_k8s_namespace)]
    pub k8s_namespace: Option<String>,
}

fn parse_k8s_name(text: &str) -> Result<String, String> {
    credstore::export::K8sSecret::check_name(text)
        .map(|()| text.to_string())
        .map_err(|e| e.to_string())
}

fn parse_k8s_namespace(text: &str) -> Result<String, String> {
    credstore::export::K8sSecret::check_namespace(text)
        .map(|()| text.to_string())
        .map_err(|e| e.to_string())
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Only the secrets whose names start with PREFIX.
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub prefix: String,
    /// The other side.
    #[command(flatten)]
    pub target: super::TargetArgs,
    /// Encryption context of items that do not store theirs (credstash items), key=value.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
}

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

#[cfg(test)]
mod tests {
    use super::parse_mode;

    #[test]
    fn modes_are_octal_and_at_most_0777() {
        assert_eq!(parse_mode("0600"), Ok(0o600));
        assert_eq!(parse_mode("640"), Ok(0o640));
        assert_eq!(parse_mode("0o400"), Ok(0o400));
        for bad in ["", "0800", "1777", "rw", "-1", "0o"] {
            assert!(parse_mode(bad).is_err(), "{bad:?}");
        }
    }
}
