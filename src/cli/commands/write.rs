//! `put` and `putall`: read values from their one source and store new versions.

use crate::cli::args::{DigestArg, PutArgs, PutallArgs, WriteOptions};
use crate::cli::commands::lifecycle::{new_metadata, now};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use credstore::Digest;
use credstore::EncryptionContext;
use credstore::HmacEncoding;
use credstore::SecretBytes;
use credstore::client::PutRequest;
use futures::stream::StreamExt;
use std::io::{self, Read};
use std::path::Path;
use zeroize::Zeroizing;

/// Runs `put`.
pub(super) async fn put(config: &Config, args: &PutArgs) -> Result<(), Failure> {
    // With --prompt, --from-file or --generate there is no VALUE: a first `k=v` is context.
    let (value_arg, context_args) = if args.prompt || args.from_file.is_some() || args.generate {
        let all = args.value.iter().chain(&args.context).cloned().collect();
        (None, all)
    } else {
        (args.value.as_deref(), args.context.clone())
    };
    let mut value = if args.generate {
        if let Some(stray) = context_args.iter().find(|a| !a.contains('=')) {
            return Err(Failure::Usage(format!(
                "secret {:?}: --generate makes the value; {stray:?} is not key=value context: remove it",
                args.name
            )));
        }
        crate::cli::commands::lifecycle::generated(
            &args.name,
            args.length,
            args.charset.as_deref(),
        )?
    } else {
        read_value(
            &args.name,
            value_arg,
            args.from_file.as_deref(),
            args.prompt,
        )?
    };
    if args.trim {
        value = trim_newline(value);
    }
    let context = user_context(&context_args)?;
    let mut request = put_request(&args.name, value, context, &args.write);
    request.version = args.version.clone();
    // Checked before the store is opened (the embedded one would be created).
    request.meta = new_metadata(
        &format!("secret {:?}", args.name),
        &args.write.meta,
        now(config),
    )?;
    let client = config.client(true, hmac_encoding(&args.write)).await?;
    let version = if args.if_absent {
        match client.put_if_absent(&request).await? {
            Some(version) => version,
            None => {
                diag!(
                    "{} already exists; nothing was written (--if-absent)",
                    args.name
                );
                return Ok(());
            }
        }
    } else {
        client.put(&request).await?
    };
    diag!("{} version {version} has been stored", args.name);
    if args.print {
        crate::cli::commands::lifecycle::print_value(&request.value)?;
    }
    Ok(())
}

/// Runs `putall`.
pub(super) async fn putall(config: &Config, args: &PutallArgs) -> Result<(), Failure> {
    let raw = Zeroizing::new(read_source(&args.secrets, "putall")?);
    let entries = credstore::PutRequest::parse_putall(&raw)?;
    let context = user_context(&args.context)?;
    let meta = new_metadata("putall", &args.write.meta, now(config))?;
    let client = config.client(true, hmac_encoding(&args.write)).await?;
    // Entries are independent: write them concurrently, report in input order.
    let requests: Vec<PutRequest> = entries
        .into_iter()
        .map(|(name, value)| {
            let mut request = put_request(&name, value, context.clone(), &args.write);
            request.version = args.version.clone();
            request.meta = meta.clone();
            request
        })
        .collect();
    let mut results = std::pin::pin!(client.put_all(&requests));
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
        let ask = |question: String| {
            rpassword::prompt_password(question)
                .map(Zeroizing::new)
                .map_err(|e| {
                    Failure::Usage(format!(
                        "secret {name:?}: cannot read the value from the terminal: {e}"
                    ))
                })
        };
        let text = ask(format!("{name}: "))?;
        if text.is_empty() {
            return Err(Failure::Usage(format!(
                "secret {name:?}: the value is empty; nothing was stored (store an empty \
                 value with `put {name} ''` if you mean it)"
            )));
        }
        // Typed unseen, so typed twice: a typo would otherwise be stored unnoticed.
        if *ask(format!("{name} (again): "))? != *text {
            return Err(Failure::Usage(format!(
                "secret {name:?}: the two values differ; nothing was stored"
            )));
        }
        return Ok(SecretBytes::new(text.as_bytes().to_vec()));
    }
    let arg = arg.unwrap_or_default();
    read_source(arg, name).map(SecretBytes::new)
}

/// The value without one trailing `\n` or `\r\n` (`--trim`).
fn trim_newline(value: SecretBytes) -> SecretBytes {
    let bytes = value.expose();
    let keep = bytes
        .strip_suffix(b"\r\n")
        .or_else(|| bytes.strip_suffix(b"\n"))
        .unwrap_or(bytes);
    SecretBytes::new(keep.to_vec())
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
