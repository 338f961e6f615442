//! `encrypt` and `decrypt`: envelopes of files and streams, and KMS + Fernet messages.
//! The output goes through [`crate::cli::out_file`]: a file appears only once complete,
//! and an output path of another user (a FIFO or link planted in a shared directory) is
//! refused.

use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, code_of};
use crate::cli::out_file::{Sink, duplicate};
use clap::{Args, ValueEnum};
use credstore::Access;
use credstore::envelope::{self, EnvelopeError, FernetMessage};
use std::io::{self, IsTerminal};
use std::path::Path;
use std::path::PathBuf;
use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zeroize::Zeroizing;

/// Formats of `encrypt` and `decrypt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EnvelopeFormat {
    /// credstore's streaming format (ENVELOPE.md): any size, in bounded memory.
    Envelope,
    /// The KMS + Fernet JSON message {"encrypted_data_key", "encrypted_message"}, for small
    /// messages (up to 4 MiB) exchanged with Python's cryptography.fernet.
    Fernet,
}

/// Input, output and format of `encrypt` and `decrypt`.
#[derive(Debug, Args)]
pub(crate) struct EnvelopeIo {
    /// Read this file instead of stdin (`-` is stdin).
    #[arg(short = 'i', long = "in", value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Write this file instead of stdout (`-` is stdout); it appears, mode 0600, only once
    /// complete (written to a temporary file beside it, then renamed). A device or FIFO
    /// is written in place.
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The format.
    #[arg(long, value_enum, default_value = "envelope")]
    pub format: EnvelopeFormat,
}

/// Arguments of `encrypt`.
#[derive(Debug, Args)]
pub(crate) struct EncryptArgs {
    /// Encryption context, key=value pairs (KMS binds the data key to it; the envelope's
    /// header carries it, a Fernet message does not).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Input, output, format.
    #[command(flatten)]
    pub io: EnvelopeIo,
}

/// Arguments of `decrypt`.
#[derive(Debug, Args)]
pub(crate) struct DecryptArgs {
    /// Encryption context, key=value pairs. Given, it must equal the header's exactly;
    /// omitted, the header's is used. A Fernet message needs the sender's context here.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Input, output, format.
    #[command(flatten)]
    pub io: EnvelopeIo,
}

/// Runs `encrypt`.
pub(super) async fn encrypt(config: &Config, args: &EncryptArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    // Ciphertext on a terminal is garbage that can rewrite it; refuse, as age does.
    let to_stdout = args
        .io
        .output
        .as_deref()
        .is_none_or(|p| p == Path::new("-"));
    if to_stdout && args.io.format == EnvelopeFormat::Envelope && io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "encrypt writes binary data, and stdout is a terminal: redirect it (> FILE) or \
             give -o FILE"
                .into(),
        ));
    }
    let (name, mut input) = open_input(&args.io).await?;
    let keyring = config.keyring(Access::Write).await?;
    let mut sink = Sink::create(args.io.output.as_deref(), "-o", 0o600).await?;
    let result = match args.io.format {
        EnvelopeFormat::Envelope => {
            envelope::encrypt_stream(&keyring, &context, &mut input, sink.writer())
                .await
                .map(drop)
        }
        EnvelopeFormat::Fernet => {
            async {
                let plaintext = read_limited(&mut input, FernetMessage::MAX_PLAINTEXT_LEN).await?;
                let message = envelope::encrypt_message(&keyring, &context, &plaintext).await?;
                let mut json = message.to_json();
                json.push('\n');
                write_all(sink.writer(), json.as_bytes()).await
            }
            .await
        }
    };
    finish(sink, result, &name).await
}

/// Runs `decrypt`.
pub(super) async fn decrypt(config: &Config, args: &DecryptArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let (name, mut input) = open_input(&args.io).await?;
    let keyring = config.keyring(Access::Read).await?;
    let mut sink = Sink::create(args.io.output.as_deref(), "-o", 0o600).await?;
    let result = match args.io.format {
        EnvelopeFormat::Envelope => {
            let expected = (!args.context.is_empty()).then_some(&context);
            envelope::decrypt_stream(&keyring, expected, &mut input, sink.writer())
                .await
                .map(drop)
        }
        EnvelopeFormat::Fernet => {
            async {
                // The JSON carries the token in base64: about 4/3 of the plaintext.
                let text = read_limited(&mut input, FernetMessage::MAX_PLAINTEXT_LEN * 2).await?;
                let message = FernetMessage::from_json(&text).map_err(EnvelopeError::Fernet)?;
                let plaintext = envelope::decrypt_message(&keyring, &context, &message).await?;
                write_all(sink.writer(), plaintext.expose()).await
            }
            .await
        }
    };
    finish(sink, result, &name).await
}

/// The input (a file, or a duplicate of stdin) and its name for messages.
async fn open_input(io: &EnvelopeIo) -> Result<(String, File), Failure> {
    match io.input.as_deref().filter(|p| *p != Path::new("-")) {
        None => Ok(("stdin".to_string(), duplicate(std::io::stdin().as_fd())?)),
        Some(path) => File::open(path)
            .await
            .map(|f| (path.display().to_string(), f))
            .map_err(|e| {
                Failure::Usage(format!(
                    "cannot open the input {}: {e}; check the -i path",
                    path.display()
                ))
            }),
    }
}

use std::os::fd::AsFd;

/// Reads the whole input, refusing more than `limit` bytes (the Fernet form is for small
/// messages). The bytes are wiped when dropped.
async fn read_limited(input: &mut File, limit: usize) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
    let mut bytes = Zeroizing::new(Vec::new());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input
        .take(cap)
        .read_to_end(&mut bytes)
        .await
        .map_err(EnvelopeError::Read)?;
    if bytes.len() > limit {
        return Err(EnvelopeError::InvalidInput(format!(
            "the input is over {} MiB: the Fernet format is for small messages; use the \
             default format (without --format fernet) for large inputs",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

async fn write_all(out: &mut File, bytes: &[u8]) -> Result<(), EnvelopeError> {
    out.write_all(bytes).await.map_err(EnvelopeError::Write)?;
    out.flush().await.map_err(EnvelopeError::Write)
}

/// On success, makes the output appear ([`Sink::commit`]); on failure, removes the
/// temporary file and reports the error once, naming the input.
async fn finish(sink: Sink, result: Result<(), EnvelopeError>, input: &str) -> Result<(), Failure> {
    let e = match result {
        Ok(()) => return sink.commit().await,
        Err(e) => e,
    };
    if let EnvelopeError::Write(io) = &e {
        if io.kind() == io::ErrorKind::BrokenPipe {
            return Err(Failure::BrokenPipe);
        }
    }
    // Chunks are written once verified: a failure after the first leaves some.
    let partial = matches!(
        e,
        EnvelopeError::Chunk { index: 1.. } | EnvelopeError::Truncated { chunks: 1.. }
    );
    let error = e.about(input);
    diag!("error: {error}");
    match sink {
        Sink::File { temp, target, file } => {
            drop(file);
            drop(temp);
            diag!("note: {} was not written", target.display());
        }
        Sink::Stdout(_) if partial => {
            diag!(
                "note: stdout received only chunks verified before the failure, not the whole plaintext: discard it"
            );
        }
        Sink::Device { target, .. } if partial => {
            diag!(
                "note: {} received only chunks verified before the failure, not the whole plaintext: discard it",
                target.display()
            );
        }
        Sink::Stdout(_) | Sink::Device { .. } => {}
    }
    Err(Failure::Reported(code_of(&error)))
}
