//! KMS encryption contexts: user `key=value` pairs and credstore's name-bound reserved keys.
//!
//! Rules: FORMAT.md "Name-bound encryption context" and "Stored context".

use std::collections::BTreeMap;

/// Prefix of the keys credstore reserves for itself.
pub(crate) const RESERVED_PREFIX: &str = "credstore:";
/// Reserved key holding the secret's name.
pub(crate) const NAME_KEY: &str = "credstore:name";
/// Reserved key holding the secret's padded version.
pub(crate) const VERSION_KEY: &str = "credstore:version";

/// An encryption context: string keys to string values, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EncryptionContext(BTreeMap<String, String>);

/// Why a context was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextError {
    /// Not of the form `key=value` with a non-empty key. Only the argument's position
    /// is kept: a mistyped argument may be part of a secret (an unquoted value).
    #[error(
        "context argument {position} is not of the form key=value (a value with spaces must be quoted as one argument)"
    )]
    Syntax {
        /// 1-based position among the context arguments.
        position: usize,
    },
    /// The user passed a key starting with `credstore:`.
    #[error(
        "context key {0:?} is reserved: keys starting with \"credstore:\" are set by credstore itself"
    )]
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
        let mut map = BTreeMap::new();
        for (index, pair) in pairs.iter().enumerate() {
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) if !k.is_empty() => (k, v),
                _ => {
                    return Err(ContextError::Syntax {
                        position: index + 1,
                    });
                }
            };
            if key.starts_with(RESERVED_PREFIX) {
                return Err(ContextError::Reserved(key.to_owned()));
            }
            match map.get(key) {
                Some(previous) if previous != value => {
                    return Err(ContextError::Duplicate(key.to_owned()));
                }
                _ => {
                    map.insert(key.to_owned(), value.to_owned());
                }
            }
        }
        Ok(EncryptionContext(map))
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
    ///
    /// Either key counts: an item carrying only one of them is still read as
    /// bound (both are recomputed), so KMS decides, never the stored data.
    pub fn is_bound(&self) -> bool {
        self.0.contains_key(NAME_KEY) || self.0.contains_key(VERSION_KEY)
    }

    /// `self` without the reserved name-binding keys.
    pub fn without_reserved(&self) -> Self {
        let mut map = self.0.clone();
        map.remove(NAME_KEY);
        map.remove(VERSION_KEY);
        EncryptionContext(map)
    }

    /// `self` plus `credstore:name = name` and `credstore:version = version` (write side).
    pub fn bound_to(&self, name: &str, version: &str) -> Self {
        let mut bound = self.clone();
        bound.insert(NAME_KEY, name);
        bound.insert(VERSION_KEY, version);
        bound
    }

    /// The context to send to the key service on read, from the item's stored context
    /// (if any), the user's context, and the item's own key: stored minus reserved keys,
    /// merged with the user's (a disagreeing value is [`ContextError::Disagrees`]), plus
    /// the reserved keys recomputed from `name`/`version` if and only if the stored
    /// context had either of them.
    ///
    /// Only the two binding keys are dropped from the stored context and
    /// recomputed; any other stored entry (including a `credstore:` key from a
    /// later release) is sent as stored, since KMS authenticates it anyway. A
    /// user context holding a reserved key is refused with [`ContextError::Reserved`].
    pub fn for_read(
        stored: Option<&EncryptionContext>,
        user: &EncryptionContext,
        name: &str,
        version: &str,
    ) -> Result<Self, ContextError> {
        let mut out = BTreeMap::new();
        let mut bound = false;
        if let Some(stored) = stored {
            bound = stored.is_bound();
            for (k, v) in &stored.0 {
                if k != NAME_KEY && k != VERSION_KEY {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        for (k, v) in &user.0 {
            if k.starts_with(RESERVED_PREFIX) {
                return Err(ContextError::Reserved(k.clone()));
            }
            match out.get(k) {
                Some(stored_value) if stored_value != v => {
                    return Err(ContextError::Disagrees { key: k.clone() });
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if bound {
            // Recomputed from the item's own key, never taken from stored data.
            out.insert(NAME_KEY.to_owned(), name.to_owned());
            out.insert(VERSION_KEY.to_owned(), version.to_owned());
        }
        Ok(EncryptionContext(out))
    }

    /// A canonical, unambiguous byte encoding (for AES-GCM associated data):
    /// for each entry in key order, u32 big-endian length + key bytes, then the same for the value.
    ///
    /// A key or value over 4 GiB (impossible for a KMS context, whose whole
    /// size is capped far lower) would have its length saturate at `u32::MAX`.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        fn put(out: &mut Vec<u8>, s: &str) {
            let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        let mut out = Vec::new();
        for (k, v) in &self.0 {
            put(&mut out, k);
            put(&mut out, v);
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn ctx(list: &[(&str, &str)]) -> EncryptionContext {
        EncryptionContext::from_map(
            list.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn parse_user_splits_at_first_equals() {
        let c = EncryptionContext::parse_user(&args(&["app=web", "x=a=b", "empty=", "app=web"]))
            .unwrap();
        assert_eq!(c, ctx(&[("app", "web"), ("x", "a=b"), ("empty", "")]));
        assert!(EncryptionContext::parse_user(&[]).unwrap().is_empty());
    }

    #[test]
    fn parse_user_refusals() {
        assert_eq!(
            EncryptionContext::parse_user(&args(&["novalue"])),
            Err(ContextError::Syntax { position: 1 })
        );
        assert_eq!(
            EncryptionContext::parse_user(&args(&["a=b", "=v"])),
            Err(ContextError::Syntax { position: 2 })
        );
        assert_eq!(
            EncryptionContext::parse_user(&args(&["credstore:name=x"])),
            Err(ContextError::Reserved("credstore:name".to_owned()))
        );
        assert_eq!(
            EncryptionContext::parse_user(&args(&["credstore:other=x"])),
            Err(ContextError::Reserved("credstore:other".to_owned()))
        );
        assert_eq!(
            EncryptionContext::parse_user(&args(&["a=1", "a=2"])),
            Err(ContextError::Duplicate("a".to_owned()))
        );
    }

    #[test]
    fn bound_to_and_is_bound() {
        let user = ctx(&[("app", "web")]);
        assert!(!user.is_bound());
        let bound = user.bound_to("db.password", "0000000000000000003");
        assert!(bound.is_bound());
        assert_eq!(
            bound,
            ctx(&[
                ("app", "web"),
                (NAME_KEY, "db.password"),
                (VERSION_KEY, "0000000000000000003"),
            ])
        );
        assert!(ctx(&[(VERSION_KEY, "1")]).is_bound());
        assert!(ctx(&[(NAME_KEY, "n")]).is_bound());
        assert!(!ctx(&[("credstore:other", "1")]).is_bound());
    }

    #[test]
    fn for_read_without_stored_context_is_the_user_context() {
        let user = ctx(&[("app", "web")]);
        let got = EncryptionContext::for_read(None, &user, "n", "v").unwrap();
        assert_eq!(got, user);
    }

    #[test]
    fn for_read_recomputes_reserved_keys_from_the_item() {
        // The stored context claims another name: it must be ignored.
        let stored = ctx(&[("app", "web"), (NAME_KEY, "other"), (VERSION_KEY, "9")]);
        let got = EncryptionContext::for_read(
            Some(&stored),
            &EncryptionContext::new(),
            "db.password",
            "0000000000000000003",
        )
        .unwrap();
        assert_eq!(
            got,
            ctx(&[
                ("app", "web"),
                (NAME_KEY, "db.password"),
                (VERSION_KEY, "0000000000000000003"),
            ])
        );
        // Only one reserved key stored: both are still recomputed.
        let got = EncryptionContext::for_read(
            Some(&ctx(&[(VERSION_KEY, "x")])),
            &EncryptionContext::new(),
            "n",
            "v",
        )
        .unwrap();
        assert_eq!(got, ctx(&[(NAME_KEY, "n"), (VERSION_KEY, "v")]));
    }

    #[test]
    fn for_read_unbound_stored_context_adds_no_reserved_keys() {
        let stored = ctx(&[("app", "web")]);
        let user = ctx(&[("env", "prod")]);
        let got = EncryptionContext::for_read(Some(&stored), &user, "n", "v").unwrap();
        assert_eq!(got, ctx(&[("app", "web"), ("env", "prod")]));
        assert!(!got.is_bound());
    }

    #[test]
    fn for_read_merges_and_checks_user_values() {
        let stored = ctx(&[("app", "web"), (NAME_KEY, "n"), (VERSION_KEY, "v")]);
        let same = ctx(&[("app", "web")]);
        assert!(EncryptionContext::for_read(Some(&stored), &same, "n", "v").is_ok());
        let differ = ctx(&[("app", "api")]);
        assert_eq!(
            EncryptionContext::for_read(Some(&stored), &differ, "n", "v"),
            Err(ContextError::Disagrees {
                key: "app".to_owned()
            })
        );
        let reserved = ctx(&[(NAME_KEY, "n")]);
        assert_eq!(
            EncryptionContext::for_read(Some(&stored), &reserved, "n", "v"),
            Err(ContextError::Reserved(NAME_KEY.to_owned()))
        );
        // Other stored entries pass through untouched.
        let future = ctx(&[("credstore:future", "1"), (NAME_KEY, "x")]);
        let got = EncryptionContext::for_read(Some(&future), &EncryptionContext::new(), "n", "v")
            .unwrap();
        assert_eq!(
            got,
            ctx(&[
                ("credstore:future", "1"),
                (NAME_KEY, "n"),
                (VERSION_KEY, "v")
            ])
        );
    }

    #[test]
    fn canonical_bytes_layout() {
        assert!(EncryptionContext::new().canonical_bytes().is_empty());
        let c = ctx(&[("b", ""), ("a", "xy")]);
        assert_eq!(
            c.canonical_bytes(),
            b"\0\0\0\x01a\0\0\0\x02xy\0\0\0\x01b\0\0\0\0".to_vec()
        );
        // Unambiguous where naive concatenation is not.
        assert_ne!(
            ctx(&[("ab", "c")]).canonical_bytes(),
            ctx(&[("a", "bc")]).canonical_bytes()
        );
    }

    proptest! {
        #[test]
        fn parse_user_never_panics(
            pairs in proptest::collection::vec(
                prop_oneof!["\\PC{0,12}", "(credstore:)?[ab=]{0,4}"],
                0..6,
            )
        ) {
            if let Ok(c) = EncryptionContext::parse_user(&pairs) {
                prop_assert!(c.as_map().keys().all(|k| !k.is_empty() && !k.starts_with(RESERVED_PREFIX)));
                prop_assert!(c.as_map().len() <= pairs.len());
            }
        }

        #[test]
        fn parse_user_round_trips(map in proptest::collection::btree_map("[^=]{1,10}", "\\PC{0,10}", 0..6)) {
            prop_assume!(map.keys().all(|k| !k.starts_with(RESERVED_PREFIX)));
            let pairs: Vec<String> = map.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let parsed = EncryptionContext::parse_user(&pairs).unwrap();
            prop_assert_eq!(parsed.as_map(), &map);
        }
    }
}
