//! The data model: secret names, versions, encryption contexts, the stored record and
//! the secret bytes, each with its rules. Pure and synchronous: no I/O, no AWS types.

pub(crate) mod context;
pub(crate) mod digest;
pub(crate) mod env_name;
pub mod generate;
pub(crate) mod metadata;
pub(crate) mod name;
pub mod record;
pub(crate) mod secret;
pub mod time;
pub(crate) mod version;
pub(crate) mod wrap;
