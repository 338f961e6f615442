//! Moving secrets between credstore and other stores (`import`, `export --to-ssm`): where
//! values come from (a dotenv file, SSM Parameter Store, Secrets Manager), the name rule,
//! and the import plan, which skips values equal to the latest version.
//!
//! The name rule, one for every source: the credstore name is `--prefix` (empty by default)
//! followed by the source's name relative to what was asked for: a dotenv variable's name
//! as is; an SSM parameter's name after the path and its `/` (`/app/prod` + `/app/prod/db/pass`
//! is `db/pass`); a Secrets Manager secret's whole name. `export --to-ssm PATH` is the
//! reverse: the secret's name without `--prefix`, after `PATH/`.

use std::collections::{BTreeMap, HashSet};

use futures::stream::StreamExt;

use crate::client::{Client, PutRequest};
use crate::error::Error;
use crate::model::context::EncryptionContext;
use crate::model::secret::SecretBytes;

pub(crate) mod dotenv;
#[cfg(feature = "aws")]
mod secrets_manager;
#[cfg(feature = "aws")]
mod ssm;

#[cfg(feature = "aws")]
pub use secrets_manager::SecretsManager;
#[cfg(feature = "aws")]
pub use ssm::Ssm;

/// Why an import or export could not run. Messages name secrets or lines, never values.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransferError {
    /// The input (a file, a name, a path) is not what the command reads.
    #[error("{0}")]
    Input(String),
    /// The other store answered with an error, or could not be reached.
    #[error("{0}")]
    Service(String),
    /// The table or key service failed.
    #[error(transparent)]
    Store(#[from] Error),
}

/// One value from another store, under its credstore name.
#[derive(Debug)]
#[non_exhaustive]
pub struct Incoming {
    /// The credstore name (the name rule applied).
    pub name: String,
    /// Where it came from (a parameter or secret name, a variable), for messages.
    pub source: String,
    /// The value.
    pub value: SecretBytes,
}

impl Incoming {
    /// `value` from `source`, stored as `name`.
    pub fn new(name: String, source: String, value: SecretBytes) -> Self {
        Incoming {
            name,
            source,
            value,
        }
    }

    /// The variables of a dotenv file (exactly what credstore's dotenv output writes), each
    /// stored as `prefix` + its name.
    pub fn from_dotenv(text: &[u8], prefix: &str) -> Result<Vec<Incoming>, TransferError> {
        Ok(dotenv::parse(text)?
            .into_iter()
            .map(|(var, value)| {
                Incoming::new(format!("{prefix}{var}"), format!("variable {var}"), value)
            })
            .collect())
    }
}

/// What an import does with one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// No version yet: the value becomes the first.
    New,
    /// The latest version holds another value: the value becomes the next.
    Changed,
    /// The latest version holds this value already: nothing is written.
    Unchanged,
}

/// One value of an import plan.
#[derive(Debug)]
#[non_exhaustive]
pub struct Planned {
    /// The value and its names.
    pub incoming: Incoming,
    /// What the import does with it.
    pub action: Action,
}

/// Compares every incoming value with the latest version of its name, in one bulk read:
/// a name not yet in the table is [`Action::New`], an equal value (compared in constant
/// time) [`Action::Unchanged`]. Two values for one name, or a name credstore refuses, fail
/// the plan before anything is read.
pub async fn plan(
    client: &Client,
    incoming: Vec<Incoming>,
    context: &EncryptionContext,
) -> Result<Vec<Planned>, TransferError> {
    let mut names = HashSet::new();
    for item in &incoming {
        if let Err(e) = crate::model::name::validate(&item.name) {
            return Err(TransferError::Input(format!(
                "{} cannot be imported as {:?}: {e}",
                item.source, item.name
            )));
        }
        if !names.insert(item.name.as_str()) {
            return Err(TransferError::Input(format!(
                "two values would be imported as {:?} (the second from {}); import them with \
                 different --prefix values",
                item.name, item.source
            )));
        }
    }
    let prefix = common_prefix(names.iter().copied());
    let latest = client
        .latest_where(&[prefix], |name| names.contains(name))
        .await?;
    let records: Vec<_> = latest.records.into_values().collect();
    let current: BTreeMap<String, SecretBytes> = client
        .open_all(records, context)
        .await?
        .into_iter()
        .map(|s| (s.name, s.value))
        .collect();
    Ok(incoming
        .into_iter()
        .map(|incoming| {
            let action = match current.get(&incoming.name) {
                None => Action::New,
                Some(value) if value.ct_eq(&incoming.value) => Action::Unchanged,
                Some(_) => Action::Changed,
            };
            Planned { incoming, action }
        })
        .collect())
}

/// Writes every value of `plan` that is not [`Action::Unchanged`] as the next version of
/// its name, bound to the name (the default of [`PutRequest`]), concurrently; yields each
/// name with the version written or the failure.
pub async fn apply(
    client: &Client,
    plan: &[Planned],
    context: &EncryptionContext,
) -> Vec<(String, Result<String, Error>)> {
    let requests: Vec<PutRequest> = plan
        .iter()
        .filter(|p| p.action != Action::Unchanged)
        .map(|p| {
            let mut request =
                PutRequest::new(p.incoming.name.clone(), p.incoming.value.duplicate());
            request.context = context.clone();
            request
        })
        .collect();
    client
        .put_all(&requests)
        .map(|(request, result)| (request.name.clone(), result))
        .collect()
        .await
}

/// The longest prefix all `names` share (a key scan reads only those).
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut prefix = first;
    for name in names {
        let shared = prefix
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(prefix.len().min(name.len()), |((i, _), _)| i);
        prefix = &prefix[..shared.min(prefix.len())];
    }
    // A cut inside a character would not be a prefix of the names' UTF-8.
    while !first.is_char_boundary(prefix.len()) {
        prefix = &prefix[..prefix.len() - 1];
    }
    prefix.to_string()
}

/// Runs `f` on each of `items` with at most `limit` in flight, keeping their order.
#[cfg(feature = "aws")]
async fn bounded<T, F, Fut, R>(items: Vec<T>, limit: usize, f: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = R>,
{
    futures::stream::iter(items)
        .map(f)
        .buffered(limit.max(1))
        .collect()
        .await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn common_prefixes() {
        assert_eq!(
            common_prefix(["app/a", "app/b", "app/"].into_iter()),
            "app/"
        );
        assert_eq!(common_prefix(["x"].into_iter()), "x");
        assert_eq!(common_prefix(std::iter::empty()), "");
        assert_eq!(common_prefix(["éa", "éb"].into_iter()), "é");
        assert_eq!(common_prefix(["a", "b"].into_iter()), "");
    }
}
