//! The other table of `copy` and `diff`, named the same way for both: another table,
//! the embedded backend in a file, DynamoDB + KMS, or another region.

use super::parse_region;
use clap::Args;
use std::path::PathBuf;

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
