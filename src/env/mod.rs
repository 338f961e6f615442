//! Secrets as environment variables: which secrets a selection names ([`select`]), the
//! variable each becomes ([`name`], with the denylist), and the environment of the
//! process `exec` starts ([`child`]).

pub mod child;
pub mod name;
pub mod select;
