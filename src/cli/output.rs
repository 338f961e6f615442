//! What goes to the terminal besides errors: command output, the progress bar of bulk
//! reads, and the one warning per command about unbound items.

use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bulk reads of fewer secrets finish too fast for a progress bar to help.
const PROGRESS_MIN_SECRETS: usize = 100;

/// Unbound items read by this command (reported once, at the end).
static UNBOUND_READS: AtomicUsize = AtomicUsize::new(0);

/// Writes command output to stdout (a closed pipe is [`Failure::BrokenPipe`]).
pub(crate) fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Writes rendered variables: to stdout, or for GitHub Actions appended to the file
/// named by `$GITHUB_ENV` with `::add-mask::` lines for the log on stdout.
pub(crate) fn write_vars(
    format: credstore::export::Format,
    pairs: &[(String, credstore::SecretBytes)],
) -> Result<(), Failure> {
    let text = zeroize::Zeroizing::new(
        credstore::export::render(format, pairs)
            .map_err(|e| Failure::Lib(credstore::Error::Export(e)))?,
    );
    if format != credstore::export::Format::Github {
        return write_out(&text);
    }
    let Some(path) = std::env::var_os("GITHUB_ENV").filter(|p| !p.is_empty()) else {
        return Err(Failure::Usage(
            "-f github appends to the file named by GITHUB_ENV, which GitHub Actions sets in \
             every step; it is not set here (use -f dotenv or -f shell outside Actions)"
                .into(),
        ));
    };
    // Masks first: the runner hides the values before anything could print them.
    write_out(credstore::export::github_masks(pairs).as_bytes())?;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map_err(|e| {
            Failure::Other(format!(
                "cannot open GITHUB_ENV ({}): {e}",
                path.to_string_lossy()
            ))
        })?;
    file.write_all(&text)
        .map_err(|e| Failure::Other(format!("cannot write GITHUB_ENV: {e}")))
}

/// Counts one unbound item read.
pub(crate) fn count_unbound() {
    UNBOUND_READS.fetch_add(1, Ordering::Relaxed);
}

/// One warning per command when unbound items were read under the default policy.
pub(crate) fn warn_unbound() {
    let n = UNBOUND_READS.load(Ordering::Relaxed);
    if n == 0 {
        return;
    }
    let items = if n == 1 { "item was" } else { "items were" };
    diag!(
        "warning: {n} {items} read that {} not bound to {} name (written by credstash or with \
         --legacy): anyone who can write the table could swap {} unnoticed. Bind them with \
         `credstore bind`, refuse them with --strict, or silence this with --unbound allow",
        if n == 1 { "is" } else { "are" },
        if n == 1 { "its" } else { "their" },
        if n == 1 { "it" } else { "them" },
    );
}

/// Names whose first bound version this command wrote over unbound (credstash) ones.
static FIRST_BOUND: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Records a name whose first bound version was just written (warned about at the end).
pub(crate) fn note_first_bound(name: &str) {
    if let Ok(mut names) = FIRST_BOUND.lock() {
        names.push(name.to_string());
    }
}

/// One warning per command when a put bound a name credstash wrote: plain credstash
/// readers of the table lose it (`credstash get` fails, `credstash getall` hangs).
pub(crate) fn warn_first_bound() {
    let names = match FIRST_BOUND.lock() {
        Ok(names) => names.clone(),
        Err(_) => return,
    };
    let Some(first) = names.first() else {
        return;
    };
    let which = if names.len() == 1 {
        format!("{first:?} now has a version")
    } else {
        format!("{} secrets ({first:?}...) now have a version", names.len())
    };
    diag!(
        "warning: {which} bound to its name after versions credstash wrote: plain credstash \
         cannot read it without `credstore:name=NAME credstore:version=VERSION` context \
         (`credstash get` fails, `credstash getall` hangs). While credstash still reads this \
         table, write with --legacy or CREDSTORE_LEGACY=1; once every reader runs credstore, \
         `credstore bind --all` (README: \"Migrating from credstash\")"
    );
}

/// A bulk read's progress callback: (secrets decrypted, secrets to decrypt).
pub(crate) type ProgressFn = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// A progress bar on stderr for bulk reads of many secrets, only when stderr is a terminal.
pub(crate) fn progress_reporter() -> Option<ProgressFn> {
    let bar = progress_bar()?;
    Some(Arc::new(move |done, total| {
        if total < PROGRESS_MIN_SECRETS {
            return;
        }
        if bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done == total {
            bar.finish_and_clear();
        }
    }))
}

/// A progress bar on stderr for bulk operations, only when stderr is a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} secrets {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// `n` and a noun, in the plural unless `n` is one (`1 item`, `2 items`).
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
