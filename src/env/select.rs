//! Selecting secrets as environment variables (`env`, `exec`): names, globs,
//! prefixes, explicit maps, or everything; one scan plus concurrent decrypts.

use crate::client::{Client, Latest, Read, Siblings, WARM_FOR_SCANS, several};
use crate::error::{Error, ErrorKind, Result};
use crate::model::context::EncryptionContext;
use crate::model::env_name::{self as envname, EnvNameError};
use crate::model::secret::SecretBytes;
use crate::pattern::{literal_prefix, wildcard_match};
use std::collections::{BTreeMap, BTreeSet};

/// One way of choosing secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A name, or a pattern with `*`; the variable is derived from the name.
    Name(String),
    /// Every name starting with the prefix; the variable is derived from the rest.
    Prefix(String),
    /// An explicit variable for one secret, optionally at one version.
    Map {
        /// The variable name.
        var: String,
        /// The secret's name.
        name: String,
        /// The version, latest when None.
        version: Option<String>,
    },
    /// Every secret of the table.
    All,
}

impl Source {
    /// Parses `VAR=NAME[:VERSION]` (the `--map` syntax).
    pub fn parse_map(spec: &str) -> std::result::Result<Source, String> {
        let (var, target) = spec
            .split_once('=')
            .ok_or_else(|| format!("--map {spec:?} is not of the form VAR=NAME[:VERSION]"))?;
        if !envname::is_valid_env_name(var) {
            return Err(format!(
                "--map {spec:?}: {var:?} is not a valid variable name (letters, digits, _)"
            ));
        }
        let (name, version) = match target.rsplit_once(':') {
            Some((n, v)) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
                (n.to_string(), Some(v.to_string()))
            }
            _ => (target.to_string(), None),
        };
        if name.is_empty() {
            return Err(format!("--map {spec:?}: the secret name is empty"));
        }
        Ok(Source::Map {
            var: var.to_string(),
            name,
            version,
        })
    }

    fn needs_scan(&self) -> bool {
        match self {
            Source::Name(n) => n.contains('*'),
            Source::Prefix(_) | Source::All => true,
            Source::Map { .. } => false,
        }
    }
}

/// What to select and how to name it.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct EnvRequest {
    /// The selectors; a secret chosen by several of them under one variable counts once.
    pub sources: Vec<Source>,
    /// Keep the case of derived variable names instead of upper-casing them.
    pub keep_case: bool,
    /// Skip secrets the key service refuses (reported in [`Merged::skipped`]).
    pub skip_inaccessible: bool,
    /// The user's encryption context.
    pub context: EncryptionContext,
    /// Allowlist mode: when set, a variable derived from a secret's name must be one of
    /// these, or start with an entry ending in `*` (explicit maps are always allowed).
    pub allow: Option<BTreeSet<String>>,
    /// Also export each selected secret's previous version (the greatest version below
    /// the one read) as `VAR_PREVIOUS`, absent when there is none: an application accepts
    /// both during a rotation.
    pub with_previous: bool,
    /// Patterns (`*` for any run of characters) of names that patterns, prefixes and
    /// `All` leave out; explicit names and maps are not affected.
    pub exclude: Vec<String>,
}

/// One resolved variable.
#[derive(Debug)]
pub struct EnvVar {
    /// The variable name.
    pub var: String,
    /// The secret it came from.
    pub secret: String,
    /// The version read.
    pub version: String,
    /// The value.
    pub value: SecretBytes,
}

/// The result of [`resolve`].
#[derive(Debug, Default)]
#[non_exhaustive]
pub(crate) struct Resolved {
    /// Variables in a stable order (sorted by variable name).
    pub vars: Vec<EnvVar>,
    /// Secrets skipped because the key service refused them (with `skip_inaccessible`).
    pub skipped: Vec<Error>,
}

/// A wanted (secret, variable) pair before decryption.
struct Want {
    var: String,
    secret: String,
    version: Option<String>,
    /// Derived from the secret's name (not an explicit map): the allowlist applies.
    derived: bool,
}

/// The variable for `secret`, derived from `name` (the secret's name, or what a prefix
/// leaves of it): never a denied variable, and only an allowed one in allowlist mode.
fn derived(secret: &str, name: &str, request: &EnvRequest) -> Result<String> {
    let var = envname::env_name(name, request.keep_case).map_err(env_error)?;
    checked(secret, var, true, request)
}

/// `var` for `secret` if the denylist (and, for a derived variable, the allowlist) lets it.
fn checked(secret: &str, var: String, derived: bool, request: &EnvRequest) -> Result<String> {
    envname::check_derived(secret, &var).map_err(env_error)?;
    if let (true, Some(allow)) = (derived, &request.allow) {
        if !envname::is_allowed(allow, &var) {
            return Err(env_error(EnvNameError::NotAllowed {
                secret: secret.to_string(),
                var,
            }));
        }
    }
    Ok(var)
}

fn env_error(e: EnvNameError) -> Error {
    Error::EnvName(e)
}

/// Resolves `request` against one table: fails closed (any unreadable selected
/// secret is an error naming it) unless `skip_inaccessible` covers a refusal.
pub(crate) async fn resolve(client: &Client, request: &EnvRequest) -> Result<Resolved> {
    warm_up(client, request);
    let latest = scan_selected(client, request).await?;
    let wants = wanted(request, &latest)?;
    // Each `VAR_PREVIOUS` passes the checks of its VAR, and collides like any variable.
    let previous_vars: Vec<String> = if request.with_previous {
        wants
            .iter()
            .map(|w| checked(&w.secret, format!("{}_PREVIOUS", w.var), w.derived, request))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    envname::assign(
        wants
            .iter()
            .map(|w| (w.secret.as_str(), w.var.clone(), ()))
            .chain(
                wants
                    .iter()
                    .zip(&previous_vars)
                    .map(|(w, var)| (w.secret.as_str(), var.clone(), ())),
            ),
    )
    .map_err(env_error)?;

    // Secrets the scan found are decrypted as found; the others (exact names, maps
    // with a version) are fetched by name first.
    let reads = wants
        .iter()
        .map(|w| {
            let read = match (&w.version, latest.records.get(&w.secret)) {
                (None, Some(record)) => Read::Scanned {
                    record,
                    siblings: Siblings::Known(latest.bound_names.contains(&w.secret)),
                },
                (version, _) => Read::Named {
                    name: &w.secret,
                    version: version.as_deref(),
                },
            };
            (read, &request.context)
        })
        .collect();
    let mut outcome = Outcome::default();
    // (index of the want, the version read) of each secret read, for --with-previous.
    let mut read: Vec<(usize, String)> = Vec::new();
    for (i, (want, result)) in wants.iter().zip(client.read_many(reads).await).enumerate() {
        if let Some(version) = outcome.take(&want.var, result, request) {
            read.push((i, version));
        }
    }
    if request.with_previous && outcome.failures.is_empty() {
        read_previous(client, request, &wants, &previous_vars, &read, &mut outcome).await?;
        outcome.resolved.vars.sort_by(|a, b| a.var.cmp(&b.var));
    }
    if outcome.failures.is_empty() {
        Ok(outcome.resolved)
    } else {
        Err(several(outcome.failures))
    }
}

/// Opens the KMS connections while the table is read (issue 28): one per named read,
/// and for a scan as many as its decrypts may run at once, up to `WARM_FOR_SCANS`.
fn warm_up(client: &Client, request: &EnvRequest) {
    let concurrency = client.settings().concurrency.max(1);
    let named = request.sources.iter().filter(|s| !s.needs_scan()).count();
    let scanning = request.sources.iter().any(Source::needs_scan);
    let warm = if scanning {
        concurrency.min(WARM_FOR_SCANS).max(named.min(concurrency))
    } else {
        named.min(concurrency)
    };
    client.keyring().warm_up(warm);
}

/// The latest version of every secret a pattern, a prefix or `--all` selects (nothing
/// when every source names a secret): the key scan reads only names starting with a
/// scanning source's prefix.
async fn scan_selected(client: &Client, request: &EnvRequest) -> Result<Latest> {
    if !request.sources.iter().any(Source::needs_scan) {
        return Ok(Latest::default());
    }
    let prefixes: Vec<String> = request
        .sources
        .iter()
        .filter(|s| s.needs_scan())
        .map(|s| match s {
            Source::Name(pattern) => literal_prefix(pattern).to_string(),
            Source::Prefix(p) => p.clone(),
            Source::Map { .. } | Source::All => String::new(),
        })
        .collect();
    client
        .latest_where(&prefixes, |name| {
            request.sources.iter().any(|s| selects(s, name)) && !excluded(request, name)
        })
        .await
}

/// Each variable the sources ask for and the secret (and version) it is read from,
/// sorted by variable, one per (variable, secret, version); a pattern or prefix that
/// selects nothing is an error.
fn wanted(request: &EnvRequest, latest: &Latest) -> Result<Vec<Want>> {
    let mut wants: Vec<Want> = Vec::new();
    for source in &request.sources {
        match source {
            Source::Name(n) if !n.contains('*') => wants.push(Want {
                var: derived(n, n, request)?,
                secret: n.clone(),
                version: None,
                derived: true,
            }),
            Source::Name(_) | Source::All => {
                let before = wants.len();
                for name in latest
                    .records
                    .keys()
                    .filter(|k| selects(source, k) && !excluded(request, k))
                {
                    wants.push(Want {
                        var: derived(name, name, request)?,
                        secret: name.clone(),
                        version: None,
                        derived: true,
                    });
                }
                selected_some(source, wants.len() > before)?;
            }
            Source::Prefix(p) => {
                let before = wants.len();
                // A secret named exactly the prefix has no variable name left: skip it.
                for name in latest
                    .records
                    .keys()
                    .filter(|k| k.len() > p.len() && in_prefix(k, p) && !excluded(request, k))
                {
                    wants.push(Want {
                        var: derived(name, after_prefix(name, p), request)?,
                        secret: name.clone(),
                        version: None,
                        derived: true,
                    });
                }
                selected_some(source, wants.len() > before)?;
            }
            Source::Map { var, name, version } => wants.push(Want {
                var: var.clone(),
                secret: name.clone(),
                version: version.clone(),
                derived: false,
            }),
        }
    }
    // Two different secrets on one variable is an error (`envname::assign`), the same
    // one asked twice is one variable.
    wants.sort_by(|a, b| a.var.cmp(&b.var));
    wants.dedup_by(|a, b| a.var == b.var && a.secret == b.secret && a.version == b.version);
    Ok(wants)
}

/// What the reads of one table came to: the variables, the refusals skipped, the failures.
#[derive(Default)]
struct Outcome {
    resolved: Resolved,
    failures: Vec<Error>,
}

impl Outcome {
    /// Keeps one read as `var` (returning the version read), or its error: skipped when
    /// `--skip-inaccessible` covers it, else a failure.
    fn take(
        &mut self,
        var: &str,
        result: Result<crate::client::Secret>,
        request: &EnvRequest,
    ) -> Option<String> {
        match result {
            Ok(secret) => {
                let version = secret.version.clone();
                self.resolved.vars.push(EnvVar {
                    var: var.to_string(),
                    secret: secret.name,
                    version: secret.version,
                    value: secret.value,
                });
                Some(version)
            }
            Err(e) if request.skip_inaccessible && e.kind() == ErrorKind::KeyRefused => {
                self.resolved.skipped.push(e);
                None
            }
            Err(e) => {
                self.failures.push(e);
                None
            }
        }
    }
}

/// `--with-previous`: the version before the one read of each secret, as its
/// `VAR_PREVIOUS`. Before the one read, not before the latest now: a put between the two
/// reads must not make VAR and VAR_PREVIOUS the same version.
async fn read_previous(
    client: &Client,
    request: &EnvRequest,
    wants: &[Want],
    previous_vars: &[String],
    read: &[(usize, String)],
    outcome: &mut Outcome,
) -> Result<()> {
    let asked: Vec<(&str, &str)> = read
        .iter()
        .map(|(i, v)| (wants[*i].secret.as_str(), v.as_str()))
        .collect();
    let before = super::previous::versions_before(client, &asked).await?;
    let found: Vec<(usize, String)> = read
        .iter()
        .zip(before)
        .filter_map(|((i, _), prev)| prev.map(|p| (*i, p)))
        .collect();
    let reads = found
        .iter()
        .map(|(i, version)| {
            let read = Read::Named {
                name: &wants[*i].secret,
                version: Some(version.as_str()),
            };
            (read, &request.context)
        })
        .collect();
    for ((i, _), result) in found.iter().zip(client.read_many(reads).await) {
        outcome.take(&previous_vars[*i], result, request);
    }
    Ok(())
}

/// One table's variable replaced by a later table's (`-t a -t b`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The variable.
    pub var: String,
    /// The earlier table, whose value is dropped.
    pub earlier: String,
    /// The later table, whose value wins.
    pub later: String,
}

/// The result of [`resolve_tables`].
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Merged {
    /// Variables sorted by name; for a variable found in several tables, the last one's.
    pub vars: Vec<EnvVar>,
    /// Secrets skipped because the key service refused them (with `skip_inaccessible`).
    pub skipped: Vec<Error>,
    /// Variables a later table took from an earlier one.
    pub overrides: Vec<Override>,
}

/// Resolves `request` in every table, in order: a variable found in several tables
/// takes the last table's value (each such case is listed in [`Merged::overrides`]).
/// Fails closed as one table's read does, in any table.
pub async fn resolve_tables(tables: &[(String, Client)], request: &EnvRequest) -> Result<Merged> {
    let mut merged = Merged::default();
    let mut by_var: BTreeMap<String, (String, EnvVar)> = BTreeMap::new();
    for (table, client) in tables {
        let resolved = resolve(client, request).await?;
        merged.skipped.extend(resolved.skipped);
        for var in resolved.vars {
            if let Some((earlier, _)) = by_var.get(&var.var) {
                merged.overrides.push(Override {
                    var: var.var.clone(),
                    earlier: earlier.clone(),
                    later: table.clone(),
                });
            }
            by_var.insert(var.var.clone(), (table.clone(), var));
        }
    }
    merged.vars = by_var.into_values().map(|(_, v)| v).collect();
    Ok(merged)
}

/// Separators people end a prefix with (`app1/`, `app1.`, `app1-`, `app1_`, `app1:`).
const SEPARATORS: [char; 5] = ['/', '.', '-', '_', ':'];

/// What is left of `name` after `prefix`, without a leading separator when the prefix
/// was given without one: `--prefix app1` maps `app1/db.url` to `DB_URL`, as
/// `--prefix app1/` does, not to `_DB_URL`.
fn after_prefix<'n>(name: &'n str, prefix: &str) -> &'n str {
    let rest = &name[prefix.len()..];
    if prefix.ends_with(SEPARATORS) {
        return rest;
    }
    match rest.strip_prefix(SEPARATORS) {
        Some(stripped) if !stripped.is_empty() => stripped,
        _ => rest,
    }
}

/// Fails closed when a pattern, prefix or `--all` selects nothing: a typo or a wrong
/// table must not launch an application without its secrets.
fn selected_some(source: &Source, found: bool) -> Result<()> {
    if found {
        return Ok(());
    }
    let what = match source {
        Source::Name(p) => format!("pattern {p:?}"),
        Source::Prefix(p) => format!("prefix {p:?}"),
        _ => "--all".to_string(),
    };
    Err(Error::NothingSelected { what })
}

/// True when `name` is under `prefix` by whole path segments: `billing/prod` selects
/// `billing/prod/db` and `billing/prod.db`, not `billing/production-legacy/db`. A prefix
/// ending in a separator (`app1/`) selects every name starting with it.
fn in_prefix(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix).is_some_and(|rest| {
        prefix.is_empty() || prefix.ends_with(SEPARATORS) || rest.starts_with(SEPARATORS)
    })
}

/// True when `--exclude` leaves `name` out.
fn excluded(request: &EnvRequest, name: &str) -> bool {
    request.exclude.iter().any(|p| wildcard_match(p, name))
}

fn selects(source: &Source, name: &str) -> bool {
    match source {
        Source::Name(n) => wildcard_match(n, name),
        Source::Prefix(p) => in_prefix(name, p),
        Source::Map { name: n, .. } => n == name,
        Source::All => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_without_a_separator_strips_it() {
        assert_eq!(after_prefix("app1/db.url", "app1"), "db.url");
        assert_eq!(after_prefix("app1/db.url", "app1/"), "db.url");
        assert_eq!(after_prefix("app1.key", "app1"), "key");
        assert_eq!(after_prefix("app10/x", "app1"), "0/x");
        assert_eq!(after_prefix("app1/", "app1"), "/");
    }

    #[test]
    fn prefix_matches_whole_segments() {
        assert!(in_prefix("billing/prod/db", "billing/prod"));
        assert!(in_prefix("billing/prod.db", "billing/prod"));
        assert!(in_prefix("billing/production/db", "billing/"));
        assert!(!in_prefix("billing/production-legacy/db", "billing/prod"));
        assert!(!in_prefix("app10/x", "app1"));
        assert!(!in_prefix("other", "billing/"));
    }

    #[test]
    fn map_syntax() {
        assert_eq!(
            Source::parse_map("DB=db.password:3"),
            Ok(Source::Map {
                var: "DB".into(),
                name: "db.password".into(),
                version: Some("3".into())
            })
        );
        assert_eq!(
            Source::parse_map("DB=urn:x"),
            Ok(Source::Map {
                var: "DB".into(),
                name: "urn:x".into(),
                version: None
            })
        );
        assert!(Source::parse_map("1DB=x").is_err());
        assert!(Source::parse_map("DB").is_err());
        assert!(Source::parse_map("DB=").is_err());
    }
}
