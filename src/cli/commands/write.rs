//! `put` and `putall`: read values from their one source and store new versions.

use crate::cli::args::shared::MetadataArgs;
use crate::cli::commands::lifecycle::{new_metadata, now};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use clap::{Args, ValueEnum};
use credstore::Digest;
use credstore::EncryptionContext;
use credstore::HmacEncoding;
use credstore::PutRequest;
use credstore::SecretBytes;
use futures::stream::StreamExt;
use std::io::{self, Read};
use std::path::Path;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Arguments of `put`.
#[derive(Debug, Args)]
pub(crate) struct PutArgs {
    /// Name of the secret.
    pub name: String,
    /// The value; `-` reads stdin, `@PATH` reads a file.
    pub value: Option<String>,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Write exactly this version (padded to 19 characters like credstash).
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Autoversion (the default; accepted for credstash compatibility).
    #[arg(short = 'a', long, conflicts_with = "version")]
    pub autoversion: bool,
    /// Read the value from this file.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["prompt"])]
    pub from_file: Option<PathBuf>,
    /// Prompt for the value without echo (twice, to confirm; an empty value is refused).
    #[arg(short = 'P', long)]
    pub prompt: bool,
    /// Generate the value: random characters from the operating system's CSPRNG, never
    /// printed (unless --print) nor logged; arguments after NAME are then CONTEXT.
    #[arg(long, conflicts_with_all = ["prompt", "from_file"])]
    pub generate: bool,
    /// Length of a generated value, in characters (1 to 4096) [default: 32].
    #[arg(long, value_name = "N", requires = "generate")]
    pub length: Option<usize>,
    /// Characters of a generated value: alnum, hex, base64, urlsafe, printable (visible
    /// ASCII), or the characters given [default: alnum].
    #[arg(long, value_name = "CHARSET", requires = "generate")]
    pub charset: Option<String>,
    /// Print the generated value on stdout once it is stored.
    #[arg(long, requires = "generate")]
    pub print: bool,
    /// Create only: when the secret has a version, write nothing and exit 0 (said on
    /// stderr). Safe against concurrent writers: exactly one creates version 1.
    #[arg(long, conflicts_with = "version")]
    pub if_absent: bool,
    /// Remove one trailing newline (`\n` or `\r\n`) from the value, as `echo pw | put
    /// NAME -` adds one.
    #[arg(long)]
    pub trim: bool,
    /// Write options.
    #[command(flatten)]
    pub write: WriteOptions,
}

/// Arguments of `putall`.
#[derive(Debug, Args)]
pub(crate) struct PutallArgs {
    /// JSON object of name -> value; `-` reads stdin, `@PATH` reads a file.
    pub secrets: String,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Write every entry at exactly this version (padded like credstash).
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Autoversion (the default; accepted for credstash compatibility).
    #[arg(short = 'a', long, conflicts_with = "version")]
    pub autoversion: bool,
    /// Write options.
    #[command(flatten)]
    pub write: WriteOptions,
}

/// Options of writing commands.
#[derive(Debug, Args)]
pub(crate) struct WriteOptions {
    /// Comment stored in clear beside the secret.
    #[arg(short = 'c', long)]
    pub comment: Option<String>,
    /// HMAC digest.
    #[arg(
        short = 'd',
        long,
        value_enum,
        ignore_case = true,
        default_value = "SHA256"
    )]
    pub digest: DigestArg,
    /// Write an item without the name-bound context, readable by plain credstash
    /// (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash;
    /// the variable is on unless empty, 0, false, no or off).
    #[arg(
        long,
        env = "CREDSTORE_LEGACY",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub legacy: bool,
    /// Store the hmac attribute as binary (Python 3 credstash's form) instead of a string.
    #[arg(long)]
    pub hmac_binary: bool,
    /// Expiry and tags.
    #[command(flatten)]
    pub meta: MetadataArgs,
}

/// HMAC digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum DigestArg {
    /// SHA-1 (legacy; SHA1 is accepted too).
    #[value(alias = "SHA1")]
    Sha,
    /// SHA-224.
    Sha224,
    /// SHA-256 (default).
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// MD5 (legacy).
    Md5,
}

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
    let client = config
        .writer_storing_hmac(hmac_encoding(&args.write))
        .await?;
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
    let client = config
        .writer_storing_hmac(hmac_encoding(&args.write))
        .await?;
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
