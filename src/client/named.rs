//! Reading secrets named exactly (a name and a version, latest when none), each with its
//! own encryption context, through the bulk-read decrypt stage: bounded concurrency, every
//! failure collected, nothing partial (`render`'s templates, `diff`'s values).

use super::read::{Read, all_or_failures};
use super::{Client, Secret};
use crate::error::Result;
use crate::model::context::EncryptionContext;

/// One secret to read by name.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct NamedRead {
    /// The secret's name.
    pub name: String,
    /// The version (padded like credstash); the latest when `None`.
    pub version: Option<String>,
    /// The user's encryption context for it.
    pub context: EncryptionContext,
}

impl NamedRead {
    /// A read of `name` at `version` (latest when `None`) under `context`.
    pub fn new(
        name: impl Into<String>,
        version: Option<String>,
        context: EncryptionContext,
    ) -> Self {
        NamedRead {
            name: name.into(),
            version,
            context,
        }
    }
}

impl Client {
    /// Reads and decrypts every secret of `reads` in one bulk read, in the order given.
    /// Any failure (a missing name is [`crate::Error::NotFound`]) fails the whole call,
    /// with every failure named: no partial results.
    pub async fn get_named(&self, reads: &[NamedRead]) -> Result<Vec<Secret>> {
        let reads = reads
            .iter()
            .map(|r| {
                let read = Read::Named {
                    name: &r.name,
                    version: r.version.as_deref(),
                };
                (read, &r.context)
            })
            .collect();
        all_or_failures(self.read_many(reads).await)
    }
}
