//! credstore: versioned secrets in DynamoDB + KMS (or a local SQLite file),
//! byte-compatible with credstash.

pub mod context;
pub mod crypto;
pub mod envname;
pub mod export;
pub mod kms;
pub mod name;
pub mod record;
pub mod secret;
pub mod store;
pub mod version;
pub mod client;
pub mod error;
pub mod backend;
