//! Secrets as environment variables: which secrets a selection names ([`select`]), the
//! variable each becomes ([`name`], with the denylist), and the environment of the
//! process `exec` starts ([`child`]).

pub mod child;
mod previous;
/// Variable names live in the data model (below errors and renderers); named here too.
pub use crate::model::env_name as name;
pub mod select;
