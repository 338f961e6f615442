//! Diagnostics on stderr: one line each, escaped for the terminal, and never a panic
//! when stderr is closed (a wrapper that closes it must still see our exit code).

use std::fmt;
use std::io::Write;

/// Writes one diagnostic line. Control and format characters (which may come from the
/// table, e.g. a name in an error) are escaped; a failed write is ignored.
pub(crate) fn line(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let safe = credstore::printable::escape(&text);
    let _ = writeln!(std::io::stderr().lock(), "{safe}");
}

/// `diag!("warning: {x}")`: like `eprintln!`, through [`line`].
macro_rules! diag {
    ($($arg:tt)*) => {
        $crate::cli::diag::line(format_args!($($arg)*))
    };
}
pub(crate) use diag;
