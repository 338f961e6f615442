//! `policy`: print one role's least-privilege IAM policy, with the table, key and account
//! ARNs resolved as `setup` resolves them.

use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;
use credstore::Client;
use credstore::policy::{KeyPolicy, Placement, Role, Scope, role_policy};
use credstore::printable::escape;

/// Arguments of `policy`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("role").multiple(false))]
pub(crate) struct PolicyArgs {
    /// Only the secrets whose names start with PREFIX (repeat it), e.g. `app1/`; without
    /// it, the whole table. Unbound (credstash) items stay closed to a prefix role.
    #[arg(long = "prefix", value_name = "PREFIX")]
    pub prefixes: Vec<String>,
    /// ABAC: only the secrets under `${aws:PrincipalTag/TAG}/`, one policy for every role
    /// tagged with its own prefix.
    #[arg(long, value_name = "TAG", conflicts_with = "prefixes")]
    pub principal_tag: Option<String>,
    /// What get, getall, env, exec, list, keys and history need (the default).
    #[arg(long, group = "role")]
    pub reader: bool,
    /// The reader's rights, plus put and putall.
    #[arg(long, group = "role")]
    pub writer: bool,
    /// The writer's rights, plus setup, delete, prune, sync, doctor and audit; bind and
    /// rekey without --prefix only.
    #[arg(long, group = "role")]
    pub admin: bool,
    /// The KMS statements as a key policy's, with a Principal.
    #[arg(long)]
    pub key_policy: bool,
    /// The principal of --key-policy [default: a placeholder role ARN, or the account
    /// with --principal-tag].
    #[arg(long, value_name = "ARN", requires = "key_policy")]
    pub principal: Option<String>,
}

/// Runs `policy`.
pub(super) async fn policy(config: &Config, args: &PolicyArgs) -> Result<(), Failure> {
    if config.is_local() {
        return Err(Failure::Usage(
            "policy is for DynamoDB + KMS: the embedded backend (--local) has no IAM".into(),
        ));
    }
    let scope = match &args.principal_tag {
        Some(tag) => Scope::principal_tag(tag),
        None => Scope::prefixes(&args.prefixes),
    }
    .map_err(|e| Failure::Usage(e.to_string()))?;
    let role = if args.writer {
        Role::Writer
    } else if args.admin {
        Role::Admin
    } else {
        Role::Reader
    };
    let key_policy = if args.key_policy {
        KeyPolicy::For(args.principal.clone())
    } else {
        KeyPolicy::No
    };
    let table = config.table()?;
    let client = config.reader().await?;
    let placement = resolve_placement(config, &client).await;
    let key = &config.settings.key_id;
    let doc = role_policy(&table, key, &placement, role, &scope, &key_policy);
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Failure::Other(format!("cannot print the policy: {e}")))?;
    text.push('\n');
    write_out(text.as_bytes())?;
    if scope != Scope::Table {
        diag!(
            "note: the KMS condition on credstore:name is the boundary; a Scan still shows \
             every name, comment and ciphertext of the table. Unbound (credstash) items stay \
             closed to this role: bind them first with `credstore bind NAME` (a table-wide \
             admin)."
        );
        if role == Role::Admin {
            diag!("note: bind and rekey need the table-wide admin policy (no --prefix)");
        }
    }
    if args.key_policy {
        diag!(
            "note: merge these statements into the key's policy; keep its administrators' \
             statement (a key policy that names no administrator locks the key)"
        );
    }
    Ok(())
}

/// The regions of the table and key (the home region, then `--replica-region`s), each
/// with the key's ARN when KMS resolves it (a warning and a placeholder otherwise).
pub(super) async fn resolve_placement(config: &Config, client: &Client) -> Placement {
    let mut placement = Placement::default();
    let key = &config.settings.key_id;
    for (region, arn) in client
        .keyring()
        .resolve_key(key, &config.settings.replica_regions)
        .await
    {
        let arn = match arn {
            Ok(arn) => Some(arn),
            Err(e) => {
                diag!(
                    "warning: KMS key {} in {region}: {e}; create the key (or alias) there \
                     before writing",
                    escape(key)
                );
                None
            }
        };
        if placement.account.is_none() {
            placement.account = arn
                .as_deref()
                .and_then(|a| a.split(':').nth(4))
                .filter(|a| !a.is_empty())
                .map(str::to_string);
        }
        placement.regions.push((region, arn));
    }
    placement
}
