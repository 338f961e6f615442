//! credstore: versioned secrets in DynamoDB + KMS (or a local SQLite file),
//! byte-compatible with credstash.
//!
//! Data flows one way: a request -> [`client::Client`] -> the cipher suite + a
//! [`Keyring`] (key services per region) + a store -> a result. A [`Backend`], chosen
//! once, builds every client and keyring: AWS (DynamoDB + KMS) or the embedded backend
//! (SQLite + a local master key); the client does not know which it has. The AWS backend is the `aws`
//! feature (on by default); without it the library builds no AWS SDK.
//!
//! The everyday API is at the root: [`Client`], [`PutRequest`], [`Settings`],
//! [`EncryptionContext`], [`SecretBytes`], [`Error`] and [`ErrorKind`] (one kind per
//! exit code of the CLI), and [`Backend`] ([`Backend::aws`] or [`Backend::local`]) to
//! build a client. `examples/embedded.rs` runs on the embedded backend, no AWS needed.
//!
//! ```no_run
//! use credstore::{Access, AwsOptions, Backend, EncryptionContext, PutRequest, Settings};
//!
//! # async fn demo() -> Result<(), credstore::Error> {
//! let backend = Backend::aws(AwsOptions::default());
//! let client = backend.client("credential-store", Access::Write, Settings::default()).await?;
//! let version = client.put(&PutRequest::new("db.password", "s3cr3t".into())).await?;
//! let secret = client.get("db.password", Some(&version), &EncryptionContext::new()).await?;
//! assert_eq!(secret.value.expose(), b"s3cr3t");
//! # Ok(()) }
//! ```

// The library's API: each public module is a facade of what a user needs; everything
// else is `pub(crate)` (`unreachable_pub` keeps it so).
pub mod env;
pub mod envelope;
pub mod export;

// The binary's application layer: the engines of its commands (audit, doctor, policy,
// render, import and export) and its output safety (terminal escaping, URL redaction,
// output files). Public for the credstore binary, the fuzz targets and the tests, but
// hidden from the documentation and outside the semver promise: library users build on
// the API above, and these change with the CLI.
#[doc(hidden)]
pub mod audit;
#[cfg(feature = "aws")]
#[doc(hidden)]
pub mod doctor;
#[doc(hidden)]
pub mod policy;
#[doc(hidden)]
pub mod printable;
#[doc(hidden)]
pub mod private_file;
#[doc(hidden)]
pub mod redact;
#[doc(hidden)]
pub mod template;
#[doc(hidden)]
pub mod transfer;

// Internal layers; what users need of them is re-exported below.
mod backend;
mod cause;
mod client;
mod crypto;
mod error;
mod kms;
mod model;
mod pattern;
#[cfg(feature = "aws")]
mod sdk_error;
mod store;
#[cfg(all(test, feature = "aws"))]
mod test_moto;

pub use backend::{Access, Backend};
#[cfg(feature = "aws")]
pub use backend::{AwsOptions, Protection, TableInfo};
pub use cause::{Cause, ErrorKind};
pub use client::{
    Client, CopySource, CopySummary, Diff, Entry, Latest, Listing, NamedRead, PutRequest,
    RewrapOptions, RewrapOutcome, RewrapSummary, RollbackRequest, RolledBack, Secret, Selection,
    Settings, StaleQuery, StaleReason, StaleReport, StaleSecret, Summary, SyncSummary, Targets,
    UnboundPolicy, Writer,
};
pub use crypto::Digest;
pub use envelope::EnvelopeError;
pub use error::{Error, Result};
pub use kms::keyring::Keyring;
pub use kms::{KeyError, Refusal, RefusalKind};
pub use model::context::{ContextError, EncryptionContext};
pub use model::env_name::EnvNameError;
/// Generated values (`put --generate`): charsets and the OS CSPRNG.
pub use model::generate;
pub use model::metadata::Metadata;
pub use model::name::NameError;
pub use model::record::{HmacEncoding, RecordError};
pub use model::secret::SecretBytes;
/// Times as the CLI reads and writes them: RFC 3339 UTC, spans, points in time (the
/// application layer, as the hidden modules above).
#[doc(hidden)]
pub use model::time;
pub use model::version::VersionError;
pub use model::wrap::{KeyWrap, is_region_name};
pub use store::{SetupOptions, SetupOutcome, StoreError};

/// Internals for the fuzz targets, the benchmarks and the integration tests (formats and
/// primitives they check byte by byte). Not a stable API: nothing here is for users.
#[doc(hidden)]
pub mod internals {
    /// CloudTrail event parsing (the `cloudtrail_event` fuzz target).
    pub mod audit_event {
        pub use crate::audit::event::{Outer, ParseError, Parsed, parse};
    }
    pub use crate::crypto::{DataKey, Sealed, open, seal};
    /// The dotenv reader of `import --dotenv` (the `dotenv_import` fuzz target).
    pub mod dotenv_import {
        pub use crate::transfer::dotenv::parse;
    }
    pub use crate::envelope::format as envelope_format;
    pub use crate::envelope::stream as envelope_stream;
    pub use crate::kms::local::LocalKeyService;
    pub use crate::model::record;
}
