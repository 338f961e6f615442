//! `render`: a template filled with secrets (src/template.rs), every secret read in one
//! bulk read before anything is written, the output through [`crate::cli::out_file`]
//! (the same path checks as `decrypt -o`, atomic, mode 0600 by default).

use crate::cli::config::{Config, user_context};
use crate::cli::exit::Failure;
use crate::cli::out_file::Sink;
use clap::Args;
use credstore::NamedRead;
use credstore::printable::escape;
use credstore::template::Template;
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// Arguments of `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The template file (`-` is stdin): literal text with `{{ secret "NAME" }}` tags
    /// (options version="V" and context="KEY=VALUE"; filters | json, | yaml, | shell,
    /// | base64); `{{ "{{" }}` writes `{{`.
    #[arg(value_name = "TEMPLATE")]
    pub template: PathBuf,
    /// Write this file instead of stdout (`-` is stdout); it appears only once complete
    /// (written to a temporary file beside it, then renamed), with --mode. A device or
    /// FIFO is written in place.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Permission bits of the file -o creates, in octal (whatever the umask).
    #[arg(long, default_value = "0600", value_name = "OCTAL", value_parser = parse_mode)]
    pub mode: u32,
}

/// `--mode`: octal permission bits, at most 0777.
fn parse_mode(text: &str) -> Result<u32, String> {
    let digits = text.strip_prefix("0o").unwrap_or(text);
    match u32::from_str_radix(digits, 8) {
        Ok(mode) if mode <= 0o777 && !digits.is_empty() => Ok(mode),
        _ => Err(format!(
            "{text:?} is not a file mode: give octal permission bits from 0000 to 0777, like 0600"
        )),
    }
}

/// The largest template read: a config file, not a data set.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Runs `render`.
pub(super) async fn render(config: &Config, args: &RenderArgs) -> Result<(), Failure> {
    let (shown, text) = read_template(&args.template)?;
    let template = Template::parse(&text).map_err(|e| Failure::Usage(format!("{shown}: {e}")))?;
    let mut reads = Vec::with_capacity(template.references().len());
    for reference in template.references() {
        let pairs: Vec<String> = reference
            .context
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let context = user_context(&pairs).map_err(|e| match e {
            Failure::Usage(m) => Failure::Usage(format!(
                "{shown}: the context of `{}`: {m}",
                escape(&reference.name)
            )),
            other => other,
        })?;
        reads.push(NamedRead::new(
            reference.name.clone(),
            reference.version.clone(),
            context,
        ));
    }
    // The output path is checked (and its temporary file made) before any secret is read.
    let mut sink = Sink::create(args.output.as_deref(), "-o", args.mode).await?;
    let secrets = if reads.is_empty() {
        Vec::new()
    } else {
        let client = config.reader().await?;
        client.get_named(&reads).await?
    };
    // get_named keeps the order of `reads`, which is the order of the references.
    let rendered = template
        .render(|i| secrets.get(i).map(|s| s.value.expose()))
        .map_err(|e| Failure::Other(format!("{shown}: {e}")))?;
    let written = async {
        let out = sink.writer();
        out.write_all(&rendered).await?;
        out.flush().await
    }
    .await;
    match written {
        Ok(()) => sink.commit().await,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::BrokenPipe),
        // Dropping the sink removes its temporary file.
        Err(e) => Err(Failure::Other(format!(
            "cannot write the output: {e}; nothing was written to it"
        ))),
    }
}

/// The template's text (UTF-8, at most [`MAX_TEMPLATE_BYTES`]) and its name for messages.
fn read_template(path: &Path) -> Result<(String, String), Failure> {
    let (shown, reader): (String, Box<dyn Read>) = if path == Path::new("-") {
        ("stdin".into(), Box::new(std::io::stdin()))
    } else {
        let shown = escape(&path.display().to_string()).to_string();
        let file = std::fs::File::open(path).map_err(|e| {
            Failure::Usage(format!(
                "cannot open the template {shown}: {e}; check the path"
            ))
        })?;
        (shown, Box::new(file))
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Usage(format!("cannot read the template {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(Failure::Usage(format!(
            "the template {shown} is over {} KiB; a template is a config file",
            MAX_TEMPLATE_BYTES / 1024
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Usage(format!(
            "the template {shown} is not UTF-8 text (byte {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((shown, text))
}

#[cfg(test)]
mod tests {
    use super::parse_mode;

    #[test]
    fn modes_are_octal_and_at_most_0777() {
        assert_eq!(parse_mode("0600"), Ok(0o600));
        assert_eq!(parse_mode("640"), Ok(0o640));
        assert_eq!(parse_mode("0o400"), Ok(0o400));
        for bad in ["", "0800", "1777", "rw", "-1", "0o"] {
            assert!(parse_mode(bad).is_err(), "{bad:?}");
        }
    }
}
