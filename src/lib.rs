//! credstore: versioned secrets in DynamoDB + KMS (or a local SQLite file),
//! byte-compatible with credstash.
//!
//! Data flows one way: a request -> [`client::Client`] -> [`crypto`] + a
//! [`kms::KeyService`] + a [`store::SecretStore`] -> a result. [`backend`] builds a
//! client for AWS (DynamoDB + KMS) or for the embedded backend (SQLite + a local
//! master key); the client does not know which it has. The AWS backend is the `aws`
//! feature (on by default); without it the library builds no AWS SDK.
//!
//! The everyday API is at the root: [`Client`], [`PutRequest`], [`Settings`],
//! [`EncryptionContext`], [`SecretBytes`], [`Error`] and [`ErrorKind`] (one kind per
//! exit code of the CLI), and the two ways to build a client, [`aws_client`] and
//! [`local_client`]. `examples/embedded.rs` runs on the embedded backend, no AWS needed.
//!
//! ```no_run
//! use credstore::{aws_client, AwsOptions, EncryptionContext, PutRequest, Settings};
//!
//! # async fn demo() -> Result<(), credstore::Error> {
//! let client = aws_client(&AwsOptions::default(), "credential-store", Settings::default()).await?;
//! let version = client.put(&PutRequest::new("db.password", "s3cr3t".into())).await?;
//! let secret = client.get("db.password", Some(&version), &EncryptionContext::new()).await?;
//! assert_eq!(secret.value.expose(), b"s3cr3t");
//! # Ok(()) }
//! ```

pub mod audit;
pub mod backend;
pub mod client;
pub mod crypto;
#[cfg(feature = "aws")]
pub mod doctor;
pub mod env;
pub mod envelope;
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

#[cfg(feature = "aws")]
pub use backend::{AwsOptions, aws_client};
pub use backend::{local_client, master_key_path};
pub use client::{Client, PutRequest, Secret, Settings, UnboundPolicy};
pub use error::{Cause, Error, ErrorKind, Result};
pub use model::context::EncryptionContext;
pub use model::secret::SecretBytes;
