//! Argument groups and values shared by several commands: the other table of `copy` and
//! `diff` (another table, the embedded backend in a file, DynamoDB + KMS, or another
//! region), the output formats of bulk reads and listings with the one mapping to
//! `credstore::export::Format`, the Secret of `-f k8s-secret`, a new version's metadata,
//! region names. A leaf: it imports no other module of the binary, so every command's
//! file may use it while `args.rs` (the parser) uses the commands.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// A region name as AWS spells them (`eu-west-1`).
pub(crate) fn parse_region(text: &str) -> Result<String, String> {
    if credstore::is_region_name(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not an AWS region name (like eu-west-1)"
        ))
    }
}

/// Where the other table is.
#[derive(Debug, Args)]
pub(crate) struct TargetArgs {
    /// The other table [default: this table's name].
    #[arg(long, value_name = "TABLE")]
    pub to_table: Option<String>,
    /// The other side: the embedded backend in this SQLite file.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["to_aws", "to_region"])]
    pub to_local: Option<PathBuf>,
    /// The other side: DynamoDB + KMS (with the global AWS options), e.g. from --local.
    #[arg(long)]
    pub to_aws: bool,
    /// The other side: the table (same name unless --to-table) and KMS key in REGION.
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    pub to_region: Option<String>,
}

/// Output formats of bulk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// JSON object, as credstash prints it.
    Json,
    /// YAML mapping of double-quoted strings.
    Yaml,
    /// name,value rows, quoted as Python's csv module quotes them.
    Csv,
    /// NAME='value' lines (names mapped to variable names) that dotenv parsers read back exactly.
    Dotenv,
    /// export NAME='value' lines for a POSIX shell.
    Shell,
    /// GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and
    /// prints ::add-mask:: lines so the values are hidden in the log.
    Github,
    /// NAME=value lines for docker's --env-file (single-line values only).
    Docker,
    /// A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by
    /// secret name; needs --k8s-name.
    K8sSecret,
}

/// The export format a `-f` value names, or `None` for `k8s-secret` (a manifest, rendered
/// by `credstore::export::k8s`). The one mapping from the CLI's format enums
/// ([`OutputFormat`], [`EnvFormat`]) to `credstore::export::Format`: every other value is
/// spelled as `Format::name` spells its format, which the tests check.
pub(crate) fn export_format(value: impl ValueEnum) -> Option<credstore::export::Format> {
    value.to_possible_value()?.get_name().parse().ok()
}

/// Output formats of `list`, `keys` and `history`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListingFormat {
    /// Aligned lines, as credstash prints them (table text escaped).
    Text,
    /// A JSON array of objects (name, version, comment, created; context in history).
    Json,
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

/// Metadata of a new version: stored in clear, ignored by credstash, not authenticated.
#[derive(Debug, Args)]
pub(crate) struct MetadataArgs {
    /// When the new version expires: a lifetime (90d, 12h, 2w...) or an RFC 3339 time
    /// (2027-01-31T00:00:00Z, 2027-01-31). Reads of it afterwards warn; --strict refuses
    /// them (exit 7); `stale --expired` lists it.
    #[arg(long, value_name = "DURATION|TIME")]
    pub expires: Option<String>,
    /// A KEY=VALUE tag on the new version, shown by list and history (repeatable).
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::commands::env::EnvFormat;

    /// Every format value of `T` but `k8s` maps to the export format of the same name.
    fn check_export_formats<T: ValueEnum + PartialEq + std::fmt::Debug>(k8s: T) {
        for v in T::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_owned();
            match export_format(v.clone()) {
                Some(f) => assert_eq!(f.name(), name),
                None => assert_eq!(v, &k8s, "`{name}` maps to no export format"),
            }
        }
    }

    #[test]
    fn format_values_map_to_export_formats() {
        check_export_formats(OutputFormat::K8sSecret);
        check_export_formats(EnvFormat::K8sSecret);
        assert_eq!(export_format(OutputFormat::K8sSecret), None);
        let all: Vec<_> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| export_format(*v))
            .collect();
        assert_eq!(all, credstore::export::Format::ALL);
    }
}
