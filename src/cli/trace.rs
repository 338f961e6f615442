//! `--debug` and `RUST_LOG`: what a command does, on stderr: the AWS configuration it
//! uses, where credentials come from, and one line per AWS call (`backend::call_log`). Never a value or key: no event carries one, and
//! TRACE (where the AWS SDK logs request and response bodies: wrapped and plaintext data
//! keys) is never enabled, whatever `RUST_LOG` says. URLs are shown without their
//! userinfo (an endpoint's password), in our events and the SDK's alike.

use crate::cli::diag::diag;
use tracing::Level;
use tracing_subscriber::filter::{LevelFilter, Targets, filter_fn};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::prelude::*;

/// Installs the stderr logger when `--debug` is given or `RUST_LOG` is set.
pub(crate) fn init(debug: bool) {
    let spec = std::env::var("RUST_LOG")
        .ok()
        .filter(|s| !s.trim().is_empty());
    let targets = match spec {
        Some(spec) => match spec.parse::<Targets>() {
            Ok(targets) => targets,
            Err(e) => {
                diag!("warning: RUST_LOG={spec:?} is not understood ({e}); using --debug's levels");
                debug_targets()
            }
        },
        None if debug => debug_targets(),
        None => return,
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(|| Redacting(Vec::new()))
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_filter(targets)
        .with_filter(filter_fn(|meta| *meta.level() != Level::TRACE));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}

/// `--debug`: credstore's own events at DEBUG (the configuration, one line per AWS
/// call); the SDK's internals only when RUST_LOG names them.
fn debug_targets() -> Targets {
    Targets::new().with_target("credstore", LevelFilter::DEBUG)
}

/// The writer of one event: it collects the formatted line and writes it to stderr with
/// every URL's userinfo hidden (the SDK's own events print endpoints as configured).
struct Redacting(Vec<u8>);

impl std::io::Write for Redacting {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(&self.0);
        let shown = credstore::redact::redact_urls_in(&text);
        let result = std::io::stderr().lock().write_all(shown.as_bytes());
        self.0.clear();
        result
    }
}

impl Drop for Redacting {
    fn drop(&mut self) {
        if !self.0.is_empty() {
            let _ = std::io::Write::flush(self);
        }
    }
}
