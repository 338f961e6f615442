//! credstore: versioned secrets in DynamoDB + KMS (or a local SQLite file),
//! byte-compatible with credstash.
//!
//! Data flows one way: a request -> [`client::Client`] -> [`crypto`] + a
//! [`kms::KeyService`] + a [`store::SecretStore`] -> a result. [`backend`] builds a
//! client for AWS (DynamoDB + KMS) or for the embedded backend (SQLite + a local
//! master key); the client does not know which it has. The AWS backend is the `aws`
//! feature (on by default); without it the library builds no AWS SDK.
//!
//! ```no_run
//! use credstore::backend::{aws_client, AwsOptions};
//! use credstore::client::{PutRequest, Settings};
//! use credstore::model::context::EncryptionContext;
//!
//! # async fn demo() -> Result<(), credstore::error::Error> {
//! let client = aws_client(&AwsOptions::default(), "credential-store", Settings::default()).await?;
//! let version = client.put(&PutRequest::new("db.password", "s3cr3t".into())).await?;
//! let secret = client.get("db.password", Some(&version), &EncryptionContext::new()).await?;
//! assert_eq!(secret.value.expose(), b"s3cr3t");
//! # Ok(()) }
//! ```

pub mod backend;
pub mod client;
pub mod crypto;
pub mod env;
pub mod error;
pub mod export;
pub mod kms;
pub mod model;
pub mod pattern;
pub mod policy;
pub mod printable;
mod private_file;
#[cfg(feature = "aws")]
mod sdk_error;
pub mod store;
