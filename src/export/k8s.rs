//! The Kubernetes Secret renderer (`-f k8s-secret`): a `v1` Secret manifest in YAML with
//! every value base64-encoded under `data`, so any bytes arrive exactly.

use super::push_yaml_string;
use crate::model::secret::SecretBytes;
use base64::Engine as _;
use std::collections::HashSet;

/// A Kubernetes Secret manifest (`-f k8s-secret`): its `metadata.name` and, when given,
/// `metadata.namespace` (else kubectl's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct K8sSecret<'a> {
    /// `metadata.name`: an RFC 1123 DNS subdomain.
    pub name: &'a str,
    /// `metadata.namespace`: an RFC 1123 DNS label.
    pub namespace: Option<&'a str>,
}

impl K8sSecret<'_> {
    /// Checks a Secret's name (`metadata.name`): an RFC 1123 DNS subdomain.
    pub fn check_name(name: &str) -> Result<(), K8sError> {
        let ok = !name.is_empty()
            && name.len() <= 253
            && name.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if ok {
            Ok(())
        } else {
            Err(K8sError::InvalidName {
                given: name.to_string(),
            })
        }
    }

    /// Checks a namespace: an RFC 1123 DNS label.
    pub fn check_namespace(namespace: &str) -> Result<(), K8sError> {
        let ok = !namespace.is_empty()
            && namespace.len() <= 63
            && namespace
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !namespace.starts_with('-')
            && !namespace.ends_with('-');
        if ok {
            Ok(())
        } else {
            Err(K8sError::InvalidNamespace {
                given: namespace.to_string(),
            })
        }
    }

    /// The `v1` Secret of type `Opaque` with each `(key, value)` under `data` in base64,
    /// in the order given.
    ///
    /// ```
    /// use credstore::export::K8sSecret;
    /// let secret = K8sSecret { name: "app", namespace: Some("prod") };
    /// let yaml = secret.render(&[("DB_PASS".into(), "s3cr3t".into())]).unwrap();
    /// assert!(String::from_utf8(yaml).unwrap().contains("\"DB_PASS\": \"czNjcjN0\"\n"));
    /// ```
    pub fn render(&self, entries: &[(String, SecretBytes)]) -> Result<Vec<u8>, K8sError> {
        let (name, namespace) = (self.name, self.namespace);
        K8sSecret::check_name(name)?;
        if let Some(ns) = namespace {
            K8sSecret::check_namespace(ns)?;
        }
        let mut seen = HashSet::with_capacity(entries.len());
        for (key, _) in entries {
            if !is_valid_key(key) {
                return Err(K8sError::InvalidKey { key: key.clone() });
            }
            if !seen.insert(key.as_str()) {
                return Err(K8sError::DuplicateKey { key: key.clone() });
            }
        }
        let mut out = String::from("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ");
        push_yaml_string(&mut out, name);
        out.push('\n');
        if let Some(ns) = namespace {
            out.push_str("  namespace: ");
            push_yaml_string(&mut out, ns);
            out.push('\n');
        }
        out.push_str("type: Opaque\n");
        if entries.is_empty() {
            out.push_str("data: {}\n");
            return Ok(out.into_bytes());
        }
        out.push_str("data:\n");
        for (key, value) in entries {
            out.push_str("  ");
            push_yaml_string(&mut out, key);
            out.push_str(": \"");
            base64::engine::general_purpose::STANDARD.encode_string(value.expose(), &mut out);
            out.push_str("\"\n");
        }
        Ok(out.into_bytes())
    }
}

/// Why a manifest could not be made. Messages name the key, never a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum K8sError {
    /// `metadata.name` is not a DNS subdomain name.
    #[error(
        "{given:?} is not a Kubernetes object name: lowercase letters, digits, `-` and `.`, \
         starting and ending with a letter or digit, at most 253 characters"
    )]
    InvalidName {
        /// The name given.
        given: String,
    },
    /// `metadata.namespace` is not a DNS label.
    #[error(
        "{given:?} is not a Kubernetes namespace: lowercase letters, digits and `-`, \
         starting and ending with a letter or digit, at most 63 characters"
    )]
    InvalidNamespace {
        /// The namespace given.
        given: String,
    },
    /// A key Kubernetes does not accept in a Secret's `data`.
    #[error(
        "`{key}` cannot be a key of a Kubernetes Secret (letters, digits, `-`, `_` and `.` \
         only, at most 253 characters); use `env` with --prefix or --map VAR=NAME, whose \
         variable names are valid keys"
    )]
    InvalidKey {
        /// The key.
        key: String,
    },
    /// Two entries with one key.
    #[error("`{key}` appears twice; a Secret has one value per key")]
    DuplicateKey {
        /// The key.
        key: String,
    },
}

/// True for a key Kubernetes accepts in a Secret's `data` (`[-._a-zA-Z0-9]+`, at most
/// 253 characters, not `.` or `..`).
fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 253
        && key != "."
        && key != ".."
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_namespaces_and_keys() {
        assert!(K8sSecret::check_name("app.config-1").is_ok());
        for bad in ["", "App", "-a", "a-", "a..b", "a_b", &"a".repeat(254)] {
            assert!(K8sSecret::check_name(bad).is_err(), "{bad:?}");
        }
        assert!(K8sSecret::check_namespace("prod-1").is_ok());
        for bad in ["", "a.b", "Prod", "-x", &"a".repeat(64)] {
            assert!(K8sSecret::check_namespace(bad).is_err(), "{bad:?}");
        }
        assert!(is_valid_key("DB_PASS") && is_valid_key("tls.crt") && is_valid_key("a-b"));
        for bad in ["", ".", "..", "a/b", "a b", "é"] {
            assert!(!is_valid_key(bad), "{bad:?}");
        }
    }

    #[test]
    fn refuses_bad_and_duplicate_keys() {
        let one = |k: &str| (k.to_string(), SecretBytes::from("v"));
        assert_eq!(
            K8sSecret {
                name: "s",
                namespace: None
            }
            .render(&[one("app/db")]),
            Err(K8sError::InvalidKey {
                key: "app/db".into()
            })
        );
        assert_eq!(
            K8sSecret {
                name: "s",
                namespace: None
            }
            .render(&[one("A"), one("A")]),
            Err(K8sError::DuplicateKey { key: "A".into() })
        );
    }

    #[test]
    fn empty_manifest_without_namespace() {
        assert_eq!(
            K8sSecret {
                name: "s",
                namespace: None
            }
            .render(&[])
            .unwrap_or_default(),
            b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"s\"\ntype: Opaque\ndata: {}\n"
        );
    }
}
