//! Secrets as environment variables: which secrets a selection names
//! ([`resolve_tables`]), the variable each becomes ([`to_env_vars`], with the denylist),
//! and the environment of the process `exec` starts ([`child_env`]).

mod child;
mod previous;
/// How a secret's name becomes a variable name (the rules live in the data model, below
/// errors and renderers).
pub use crate::model::env_name::{EnvNameError, to_env_vars};
mod select;

pub use child::{ChildEnv, ChildNote, ChildOptions, child_env};
pub use select::{EnvRequest, EnvVar, Merged, Override, Source, resolve_tables};
