//! The command line: clap arguments, the configuration they resolve to, one module per
//! command, output, diagnostics, exit codes, temporary files and exec. Only the binary
//! uses this; the library never sees clap.

pub(crate) mod args;
pub(crate) mod cleanup;
pub(crate) mod commands;
pub(crate) mod config;
pub(crate) mod deadline;
pub(crate) mod diag;
pub(crate) mod exec;
pub(crate) mod exit;
pub(crate) mod manual;
pub(crate) mod out_file;
pub(crate) mod output;
pub(crate) mod trace;
