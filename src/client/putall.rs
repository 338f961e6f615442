//! `putall`: a JSON object of secrets read strictly (input order kept, a repeated name
//! refused, values never quoted in errors) and stored concurrently.

use super::{Client, PutRequest};
use crate::error::{Error, Result};
use crate::model::secret::SecretBytes;
use futures::stream::{self, Stream, StreamExt};

/// The keys of a JSON object in input order; a repeated key is an error.
struct KeyOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeyOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = KeyOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeyOrder, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "the name {key:?} is given twice"
                        )));
                    }
                    keys.push(key);
                }
                Ok(KeyOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

impl PutRequest {
    /// `putall`'s input: a JSON object of names to values.
    ///
    /// A JSON object of string values, in the order written; a name given twice is an
    /// error (JSON parsers silently keep the last). Error messages never quote values.
    pub fn parse_putall(raw: &[u8]) -> Result<Vec<(String, SecretBytes)>> {
        let value: serde_json::Value = serde_json::from_slice(raw).map_err(|e| {
            Error::InvalidInput(format!(
                "putall: the input is not valid JSON ({e}); expected an object {{\"name\": \"value\"}}"
            ))
        })?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(Error::InvalidInput(
                "putall: expected a JSON object {\"name\": \"value\", ...}".into(),
            ));
        };
        // A second pass reads only the keys: their order, and any repeated one.
        let KeyOrder(names) = serde_json::from_slice(raw)
            .map_err(|e| Error::InvalidInput(format!("putall: {e}; nothing was stored")))?;
        let mut entries = Vec::with_capacity(names.len());
        for name in names {
            match map.remove(&name) {
                Some(serde_json::Value::String(s)) => {
                    entries.push((name, SecretBytes::new(s.into_bytes())));
                }
                _ => {
                    return Err(Error::InvalidInput(format!(
                        "putall: the value of {name:?} is not a string; nothing was stored"
                    )));
                }
            }
        }
        Ok(entries)
    }
}

impl Client {
    /// Stores every request concurrently (at most [`super::Settings::concurrency`] at
    /// once), as [`Client::put`] would one by one; yields each request with its result,
    /// in input order, as they complete.
    pub fn put_all<'a>(
        &'a self,
        requests: &'a [PutRequest],
    ) -> impl Stream<Item = (&'a PutRequest, Result<String>)> + 'a {
        stream::iter(requests)
            .map(move |request| async move { (request, self.put(request).await) })
            .buffered(self.settings.concurrency.max(1))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn putall_parsing() {
        let entries = PutRequest::parse_putall(br#"{"b": "1", "a": ""}"#).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].0, "b", "input order is kept");
        assert_eq!(entries[0].1.expose(), b"1");
        let Err(Error::InvalidInput(twice)) = PutRequest::parse_putall(br#"{"a": "x", "a": "y"}"#)
        else {
            panic!("a repeated name is refused");
        };
        assert!(
            twice.contains("given twice") && !twice.contains('y'),
            "{twice}"
        );
        let Err(Error::InvalidInput(string)) = PutRequest::parse_putall(br#""top secret""#) else {
            panic!("a bare string is refused");
        };
        assert!(!string.contains("top secret"), "{string}");
        assert!(PutRequest::parse_putall(b"[1]").is_err());
        assert!(PutRequest::parse_putall(br#"{"a": 1}"#).is_err());
        assert!(PutRequest::parse_putall(b"{").is_err());
    }
}
