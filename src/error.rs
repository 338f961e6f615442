//! The library's error type: what failed, for which secret, and what to do about it.

pub(crate) use crate::cause::{Cause, ErrorKind};
use crate::envelope::EnvelopeError;
use crate::export::ExportError;
use crate::kms::KeyError;
use crate::model::context::ContextError;
use crate::model::env_name::EnvNameError;
use crate::model::name::NameError;
use crate::model::record::RecordError;
use crate::model::version::VersionError;
use crate::store::StoreError;

/// An error of a credstore operation. Messages name the secret and version and say
/// what to do next; they never contain plaintext or key material.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input is invalid (value too large, bad comment, profile...).
    #[error("{0}")]
    InvalidInput(String),
    /// A secret's name breaks the rules of `crate::model::name`.
    #[error("secret {name:?}: {source}")]
    Name {
        /// The refused name.
        name: String,
        /// Which rule.
        source: NameError,
    },
    /// A version string breaks the rules of `crate::model::version`.
    #[error("secret {name:?} version {version:?}: {source}")]
    Version {
        /// The secret's name.
        name: String,
        /// The refused version.
        version: String,
        /// Which rule.
        source: VersionError,
    },
    /// The encryption context cannot be used for this item.
    #[error("secret {name:?} version {version}: {source}")]
    Context {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
        /// What is wrong with the context.
        source: ContextError,
    },
    /// A secret cannot become an environment variable (invalid, denied, colliding).
    #[error(transparent)]
    EnvName(#[from] EnvNameError),
    /// Secrets cannot be rendered in the output format asked for.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// No item matched.
    #[error("{}", not_found_message(.name, .version.as_deref()))]
    NotFound {
        /// The secret's name (or pattern).
        name: String,
        /// The version asked for, if any.
        version: Option<String>,
    },
    /// A pattern, prefix or `--all` selected no secret.
    #[error("{what} selects no secret; check it, the table (-t) and the region")]
    NothingSelected {
        /// The selector, e.g. `pattern "db.*"`.
        what: String,
    },
    /// The HMAC did not verify, or the stored HMAC is malformed.
    #[error(
        "secret {name:?} version {version}: {detail}; the stored item was altered or corrupted: restore it or put a new version"
    )]
    Integrity {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
        /// What failed.
        detail: String,
    },
    /// A stored item is not a readable record.
    #[error("{0}; fix or delete that item")]
    Record(#[from] RecordError),
    /// The key service refused to unwrap or generate the data key.
    #[error(
        "secret {name:?} version {version}: {source}; {}", source.hint()
    )]
    KeyRefused {
        /// The secret's name.
        name: String,
        /// The item's version ("" when generating).
        version: String,
        /// The key service's refusal.
        source: KeyError,
    },
    /// The user's context disagrees with the context stored on the item.
    #[error(
        "secret {name:?} version {version}: context key {key:?} was stored with a different value; pass the value it was written with, or omit it"
    )]
    ContextMismatch {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
        /// The disagreeing key.
        key: String,
    },
    /// Strict mode refused an item without the name-bound context.
    #[error(
        "secret {name:?} version {version} is not bound to its name (written by credstash or with --legacy) and strict mode is on; bind it with `credstore bind {name}` or drop --strict"
    )]
    Unbound {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
    },
    /// The version read is past its `--expires` time and expired versions are refused
    /// (`--strict`). The expiry is metadata, not authenticated: hygiene, not security.
    #[error(
        "secret {name:?} version {version} expired at {expired}; store a new value with `credstore put {name} ...` or drop --strict to read it with a warning",
        expired = crate::model::time::format_rfc3339(*expires_at)
    )]
    Expired {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
        /// When it expired (unix seconds).
        expires_at: i64,
    },
    /// Under the default unbound policy, an unbound item of a name that also has a bound
    /// version: someone who can write the table may have replaced the bound secret.
    #[error(
        "secret {name:?} version {version} is not bound to its name, but other versions of it are: refused as a possible downgrade (an item copied over it from elsewhere); delete that version if you did not write it, or read it with --unbound allow"
    )]
    Downgrade {
        /// The secret's name.
        name: String,
        /// The unbound item's version.
        version: String,
    },
    /// `bind` met an unbound version that sorts after a bound version of its name: what
    /// reads refuse as a possible downgrade, which binding would make readable.
    #[error(
        "secret {name:?} version {version} is not bound to its name, but an earlier version of it is: refused as a possible downgrade (an item copied over it from elsewhere), since binding it would make it readable; delete that version if you did not write it, or bind it anyway with --allow-downgrade"
    )]
    BindDowngrade {
        /// The secret's name.
        name: String,
        /// The unbound item's version.
        version: String,
    },
    /// The data key is wrapped under a KMS key other than the expected one(s).
    #[error(
        "secret {name:?} version {version}: its data key is wrapped under KMS key {actual}, not under the expected {}; someone who can write the table may have substituted it: put it again, or add that key with --read-key if you trust it",
        .expected.join(", ")
    )]
    WrongKey {
        /// The secret's name.
        name: String,
        /// The item's version.
        version: String,
        /// The keys reads accept.
        expected: Vec<String>,
        /// The key KMS says the data key was wrapped under.
        actual: String,
    },
    /// The version exists already.
    #[error(
        "secret {name:?} version {version} already exists; omit -v to write the next version, or pick another"
    )]
    Conflict {
        /// The secret's name.
        name: String,
        /// The version.
        version: String,
    },
    /// The item kept changing while bind or rekey re-encrypted its data key (a
    /// concurrent put, bind, rekey or delete); nothing of this run was written to it.
    #[error(
        "secret {name:?} version {version} changed while its data key was being re-encrypted (a concurrent write); nothing was overwritten: run the command again"
    )]
    Changed {
        /// The secret's name.
        name: String,
        /// The version.
        version: String,
    },
    /// The record store failed.
    #[error("{0}")]
    Store(#[source] StoreError),
    /// The key service failed (not a refusal).
    #[error("{0}")]
    Key(#[source] KeyError),
    /// Autoversion's next version would sort below an existing version string, so
    /// it would not be what `get` (credstash's "latest": the greatest string) returns.
    #[error(
        "secret {name:?}: the next version {version} would not be the latest, because the existing version {above:?} sorts after it; delete that version, or write one explicitly with -v"
    )]
    NotLatest {
        /// The secret's name.
        name: String,
        /// The version autoversion would write.
        version: String,
        /// The existing version that sorts after it.
        above: String,
    },
    /// The store or key service failed while working on one secret.
    #[error("secret {name:?}: {source}")]
    Backend {
        /// The secret's name.
        name: String,
        /// The store or key-service failure.
        source: Box<Error>,
    },
    /// An envelope (`encrypt` / `decrypt`) could not be made or opened.
    #[error("{input}: {source}")]
    Envelope {
        /// The input, as the user named it (a path, or stdin).
        input: String,
        /// What failed.
        source: EnvelopeError,
    },
    /// Several secrets failed (bulk reads and writes); nothing partial is returned.
    #[error("{} secrets failed: {}", .0.len(), join_messages(.0))]
    Several(Vec<Error>),
}

fn not_found_message(name: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!(
            "secret {name:?} version {v} not found; `credstore history {name}` lists its versions"
        ),
        None => format!("secret {name:?} not found; `credstore keys` lists the stored names"),
    }
}

fn join_messages(errors: &[Error]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" | ")
}

impl Error {
    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput(_)
            | Error::Name { .. }
            | Error::Version { .. }
            | Error::Context { .. }
            | Error::EnvName(_)
            | Error::Export(_) => ErrorKind::Usage,
            Error::NotFound { .. } | Error::NothingSelected { .. } => ErrorKind::NotFound,
            Error::Integrity { .. } | Error::Record(_) => ErrorKind::Integrity,
            Error::KeyRefused { .. }
            | Error::ContextMismatch { .. }
            | Error::Unbound { .. }
            | Error::Downgrade { .. }
            | Error::BindDowngrade { .. }
            | Error::WrongKey { .. } => ErrorKind::KeyRefused,
            Error::Expired { .. } => ErrorKind::Expired,
            Error::Conflict { .. } | Error::NotLatest { .. } | Error::Changed { .. } => {
                ErrorKind::Conflict
            }
            Error::Store(StoreError::Record(_)) => ErrorKind::Integrity,
            Error::Store(StoreError::Conflict { .. }) => ErrorKind::Conflict,
            Error::Store(_) => ErrorKind::Other,
            Error::Key(KeyError::Refused(_) | KeyError::WrongKey { .. }) => ErrorKind::KeyRefused,
            Error::Key(KeyError::Unsupported(_)) => ErrorKind::Usage,
            Error::Key(_) => ErrorKind::Other,
            Error::Backend { source, .. } => source.kind(),
            Error::Envelope { source, .. } => source.kind(),
            // The most serious failure decides, whatever the order they came in.
            Error::Several(errors) => errors
                .iter()
                .map(Error::kind)
                .max_by_key(|k| k.severity())
                .unwrap_or(ErrorKind::Other),
        }
    }

    /// True when the failure is throttling by DynamoDB or KMS that outlasted the
    /// retries: waiting (or asking for fewer requests at once) may help.
    pub fn is_throttled(&self) -> bool {
        self.any_cause(|c| c == Cause::Throttled)
    }

    /// True when the failure is transient (throttling, network, timeout, a 5xx answer):
    /// the same call may succeed later, unlike a refusal or bad input.
    pub fn is_retryable(&self) -> bool {
        self.any_cause(Cause::is_transient)
    }

    fn any_cause(&self, wanted: impl Fn(Cause) -> bool + Copy) -> bool {
        match self {
            Error::Store(e) => e.cause().is_some_and(wanted),
            Error::Key(e) => e.cause().is_some_and(wanted),
            Error::Backend { source, .. } => source.any_cause(wanted),
            Error::Envelope {
                source: EnvelopeError::Key(e),
                ..
            } => e.cause().is_some_and(wanted),
            Error::Several(errors) => errors.iter().any(|e| e.any_cause(wanted)),
            _ => false,
        }
    }

    /// Names the secret in a store or key-service failure (other errors name it already).
    pub fn about(self, name: &str) -> Error {
        match self {
            Error::Store(_) | Error::Key(_) => Error::Backend {
                name: name.to_string(),
                source: Box::new(self),
            },
            other => other,
        }
    }
}

impl EnvelopeError {
    /// This error as the library's, naming the input (`"stdin"`, a path...).
    pub fn about(self, input: &str) -> Error {
        Error::Envelope {
            input: input.to_string(),
            source: self,
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { name, version } => Error::Conflict { name, version },
            StoreError::Record(r) => Error::Record(r),
            other => Error::Store(other),
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn store(cause: Cause) -> Error {
        Error::Store(StoreError::Service {
            cause,
            message: "x".into(),
            source: None,
        })
        .about("db.password")
    }

    #[test]
    fn throttling_and_transient_failures_are_typed() {
        let throttled = store(Cause::Throttled);
        assert!(throttled.is_throttled() && throttled.is_retryable());
        assert_eq!(throttled.kind(), ErrorKind::Other);
        let gone = store(Cause::Unreachable);
        assert!(!gone.is_throttled() && gone.is_retryable());
        assert!(!store(Cause::Credentials).is_retryable());
        let refused = Error::Key(KeyError::Refused(crate::kms::Refusal::new(
            crate::kms::RefusalKind::AccessDenied,
            "KMS AccessDeniedException",
        )));
        assert!(!refused.is_retryable() && refused.kind() == ErrorKind::KeyRefused);
        let several = Error::Several(vec![refused, store(Cause::Throttled)]);
        assert!(several.is_throttled());
        assert_eq!(
            several.kind(),
            ErrorKind::KeyRefused,
            "the worst kind decides"
        );
    }

    #[test]
    fn module_errors_keep_their_source_and_message() {
        use std::error::Error as _;
        let e = Error::Name {
            name: "a\nb".into(),
            source: NameError::Empty,
        };
        assert_eq!(e.kind(), ErrorKind::Usage);
        assert!(e.source().is_some());
        assert_eq!(e.to_string(), "secret \"a\\nb\": the secret name is empty");
        let v = Error::Version {
            name: "n".into(),
            version: "".into(),
            source: VersionError::Empty,
        };
        assert_eq!(
            v.to_string(),
            "secret \"n\" version \"\": the version is empty"
        );
    }
}
