//! KMS encryption contexts: user `key=value` pairs and credstore's name-bound reserved keys.
//!
//! Rules: FORMAT.md "Name-bound encryption context" and "Stored context".

use std::collections::BTreeMap;

/// Prefix of the keys credstore reserves for itself.
pub const RESERVED_PREFIX: &str = "credstore:";
/// Reserved key holding the secret's name.
pub const NAME_KEY: &str = "credstore:name";
/// Reserved key holding the secret's padded version.
pub const VERSION_KEY: &str = "credstore:version";

/// An encryption context: string keys to string values, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EncryptionContext(BTreeMap<String, String>);

/// Why a context was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextError {
    /// Not of the form `key=value` with a non-empty key.
    #[error("{0:?} is not of the form key=value")]
    Syntax(String),
    /// The user passed a key starting with `credstore:`.
    #[error("context key {0:?} is reserved: keys starting with \"credstore:\" are set by credstore itself")]
    Reserved(String),
    /// The same key given twice with different values.
    #[error("context key {0:?} is given twice with different values")]
    Duplicate(String),
    /// A user value disagrees with the context stored on the item.
    #[error("context key {key:?} was stored with a different value than the one given")]
    Disagrees {
        /// The key whose values differ.
        key: String,
    },
}

impl EncryptionContext {
    /// The empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses user arguments `key=value` (split at the first `=`; key non-empty;
    /// value may be empty or contain `=`). Rejects reserved keys and conflicting duplicates.
    pub fn parse_user(pairs: &[String]) -> Result<Self, ContextError> {
        todo!("H1")
    }

    /// Builds a context from a map without checks (stored contexts, tests).
    pub fn from_map(map: BTreeMap<String, String>) -> Self {
        EncryptionContext(map)
    }

    /// The entries, sorted by key.
    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// Adds or replaces one entry.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.0.insert(key.into(), value.into());
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when the context carries the reserved name-binding keys.
    pub fn is_bound(&self) -> bool {
        todo!("H1")
    }

    /// `self` plus `credstore:name = name` and `credstore:version = version` (write side).
    pub fn bound_to(&self, name: &str, version: &str) -> Self {
        todo!("H1")
    }

    /// The context to send to the key service on read, from the item's stored context
    /// (if any), the user's context, and the item's own key: stored minus reserved keys,
    /// merged with the user's (a disagreeing value is [`ContextError::Disagrees`]), plus
    /// the reserved keys recomputed from `name`/`version` if and only if the stored
    /// context had either of them.
    pub fn for_read(
        stored: Option<&EncryptionContext>,
        user: &EncryptionContext,
        name: &str,
        version: &str,
    ) -> Result<Self, ContextError> {
        todo!("H1")
    }

    /// A canonical, unambiguous byte encoding (for AES-GCM associated data):
    /// for each entry in key order, u32 big-endian length + key bytes, then the same for the value.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        todo!("H1")
    }
}
