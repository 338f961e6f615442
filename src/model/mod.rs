//! The data model: secret names, versions, encryption contexts, the stored record and
//! the secret bytes, each with its rules. Pure and synchronous: no I/O, no AWS types.

pub mod context;
pub mod digest;
pub mod env_name;
pub mod generate;
pub mod metadata;
pub mod name;
pub mod record;
pub mod secret;
pub mod version;
pub mod wrap;
