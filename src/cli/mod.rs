//! The command line: clap arguments, the configuration they resolve to, one module per
//! command, output, diagnostics, exit codes, temporary files and exec. Only the binary
//! uses this; the library never sees clap.

pub mod args;
pub mod cleanup;
pub mod commands;
pub mod config;
pub mod deadline;
pub mod diag;
pub mod exec;
pub mod exit;
pub mod out_file;
pub mod output;
pub mod trace;
