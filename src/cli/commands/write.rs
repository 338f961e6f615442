//! `put` and `putall`: read values from their one source and store new versions.

use crate::cli::args::{DigestArg, PutArgs, PutallArgs, WriteOptions};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use credstore::client::PutRequest;
use credstore::crypto::Digest;
use credstore::model::context::EncryptionContext;
use credstore::model::record::HmacEncoding;
use credstore::model::secret::SecretBytes;
use futures::stream::{self, StreamExt};
use std::io::{self, Read};
use std::path::Path;
use zeroize::Zeroizing;

/// Runs `put`.
pub async fn put(config: &Config, args: &PutArgs) -> Result<(), Failure> {
    // With --prompt or --from-file there is no VALUE: a first `k=v` is context.
    let (value_arg, context_args) = if args.prompt || args.from_file.is_some() {
        let all = args.value.iter().chain(&args.context).cloned().collect();
        (None, all)
    } else {
        (args.value.as_deref(), args.context.clone())
    };
    let value = read_value(
        &args.name,
        value_arg,
        args.from_file.as_deref(),
        args.prompt,
    )?;
    let context = user_context(&context_args)?;
    let mut request = put_request(&args.name, value, context, &args.write);
    request.version = args.version.clone();
    let client = config.client(true, hmac_encoding(&args.write)).await?;
    let version = client.put(&request).await?;
    diag!("{} version {version} has been stored", args.name);
    Ok(())
}

/// Runs `putall`.
pub async fn putall(config: &Config, args: &PutallArgs) -> Result<(), Failure> {
    let raw = Zeroizing::new(read_source(&args.secrets, "putall")?);
    let entries = parse_putall(&raw)?;
    let context = user_context(&args.context)?;
    let client = config.client(true, hmac_encoding(&args.write)).await?;
    // Entries are independent: write them concurrently, report in input order.
    let requests: Vec<PutRequest> = entries
        .into_iter()
        .map(|(name, value)| put_request(&name, value, context.clone(), &args.write))
        .collect();
    let client = &client;
    let mut results = stream::iter(&requests)
        .map(|request| async move { (request, client.put(request).await) })
        .buffered(config.settings.concurrency);
    let mut failed = 0usize;
    while let Some((request, result)) = results.next().await {
        match result {
            Ok(version) => diag!("{} version {version} has been stored", request.name),
            Err(e) => {
                failed += 1;
                diag!("error: {e}");
            }
        }
    }
    if failed > 0 {
        diag!("error: {failed} of the secrets were not stored; the others were");
        return Err(Failure::Reported(crate::exit::OTHER));
    }
    Ok(())
}

fn hmac_encoding(w: &WriteOptions) -> HmacEncoding {
    if w.hmac_binary {
        HmacEncoding::Binary
    } else {
        HmacEncoding::String
    }
}

fn digest(d: DigestArg) -> Digest {
    match d {
        DigestArg::Sha => Digest::Sha1,
        DigestArg::Sha224 => Digest::Sha224,
        DigestArg::Sha256 => Digest::Sha256,
        DigestArg::Sha384 => Digest::Sha384,
        DigestArg::Sha512 => Digest::Sha512,
        DigestArg::Md5 => Digest::Md5,
    }
}

fn put_request(
    name: &str,
    value: SecretBytes,
    context: EncryptionContext,
    w: &WriteOptions,
) -> PutRequest {
    let mut request = PutRequest::new(name, value);
    request.context = context;
    request.comment = w.comment.clone();
    request.digest = digest(w.digest);
    request.legacy = w.legacy;
    request
}

/// The secret's value from exactly one source: argument, `-`, `@file`, --from-file or --prompt.
fn read_value(
    name: &str,
    arg: Option<&str>,
    file: Option<&Path>,
    prompt: bool,
) -> Result<SecretBytes, Failure> {
    let sources = usize::from(arg.is_some()) + usize::from(file.is_some()) + usize::from(prompt);
    if sources != 1 {
        return Err(Failure::Usage(format!(
            "secret {name:?}: give the value exactly one way: VALUE, - (stdin), @FILE, --from-file FILE or --prompt"
        )));
    }
    if let Some(path) = file {
        return read_file(path).map(SecretBytes::new);
    }
    if prompt {
        let text = rpassword::prompt_password(format!("{name}: ")).map_err(|e| {
            Failure::Usage(format!(
                "secret {name:?}: cannot read the value from the terminal: {e}"
            ))
        })?;
        return Ok(SecretBytes::new(text.into_bytes()));
    }
    let arg = arg.unwrap_or_default();
    read_source(arg, name).map(SecretBytes::new)
}

/// `-` = stdin, `@path` = file, anything else = the bytes of the argument itself.
fn read_source(arg: &str, what: &str) -> Result<Vec<u8>, Failure> {
    if arg == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf).map_err(|e| {
            Failure::Usage(format!("{what:?}: cannot read the value from stdin: {e}"))
        })?;
        Ok(buf)
    } else if let Some(path) = arg.strip_prefix('@') {
        read_file(Path::new(path))
    } else {
        Ok(arg.as_bytes().to_vec())
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| Failure::Usage(format!("cannot read file {}: {e}", path.display())))
}

/// A JSON object of string values, in the order written; a name given twice is an
/// error (JSON parsers silently keep the last). Error messages never quote values.
fn parse_putall(raw: &[u8]) -> Result<Vec<(String, SecretBytes)>, Failure> {
    let value: serde_json::Value = serde_json::from_slice(raw).map_err(|e| {
        Failure::Usage(format!(
            "putall: the input is not valid JSON ({e}); expected an object {{\"name\": \"value\"}}"
        ))
    })?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(Failure::Usage(
            "putall: expected a JSON object {\"name\": \"value\", ...}".into(),
        ));
    };
    // A second pass reads only the keys: their order, and any repeated one.
    let KeyOrder(names) = serde_json::from_slice(raw)
        .map_err(|e| Failure::Usage(format!("putall: {e}; nothing was stored")))?;
    let mut entries = Vec::with_capacity(names.len());
    for name in names {
        match map.remove(&name) {
            Some(serde_json::Value::String(s)) => {
                entries.push((name, SecretBytes::new(s.into_bytes())));
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "putall: the value of {name:?} is not a string; nothing was stored"
                )));
            }
        }
    }
    Ok(entries)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn putall_parsing() {
        let entries = parse_putall(br#"{"b": "1", "a": ""}"#).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].0, "b", "input order is kept");
        assert_eq!(entries[0].1.expose(), b"1");
        let Err(Failure::Usage(twice)) = parse_putall(br#"{"a": "x", "a": "y"}"#) else {
            panic!("a repeated name is refused");
        };
        assert!(
            twice.contains("given twice") && !twice.contains('y'),
            "{twice}"
        );
        let Err(Failure::Usage(string)) = parse_putall(br#""top secret""#) else {
            panic!("a bare string is refused");
        };
        assert!(!string.contains("top secret"), "{string}");
        assert!(parse_putall(b"[1]").is_err());
        assert!(parse_putall(br#"{"a": 1}"#).is_err());
        assert!(parse_putall(b"{").is_err());
    }
}
