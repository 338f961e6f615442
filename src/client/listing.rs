//! What the table holds (list, history) and removing versions (delete, prune).

use super::Client;
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use crate::model::metadata::Metadata;
use crate::model::record::{Record, RecordError, Summary};
use crate::store::StoreError;
use futures::stream::{self, StreamExt, TryStreamExt};

/// The result of [`Client::list`]: every readable item's name, version, comment and
/// time, sorted by name then version, plus the items that could not be decoded.
///
/// Held compactly (one text buffer and a small fixed-size row per item, about 40 bytes
/// plus the text), so listing a 100k-item table costs a few megabytes.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Listing {
    text: String,
    rows: Vec<Row>,
    /// Contexts and regions of a detailed listing, by [`Row::detail`].
    details: Vec<Detail>,
    /// Items that are not valid records (reported, not fatal for a listing).
    pub unreadable: Vec<RecordError>,
}

/// One item of a [`Listing`]: where its texts are in the buffer.
#[derive(Clone, Copy, Debug)]
struct Row {
    start: usize,
    name: u32,
    version: u32,
    comment: Option<u32>,
    created_at: Option<i64>,
    /// Index in [`Listing::details`], when the item has a context or wraps.
    detail: Option<u32>,
}

/// What a detailed listing keeps of an item besides its texts.
#[derive(Debug)]
struct Detail {
    context: Option<EncryptionContext>,
    regions: Vec<String>,
    meta: Metadata,
}

/// One item of a [`Listing`], borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry<'a> {
    /// The name.
    pub name: &'a str,
    /// The version.
    pub version: &'a str,
    /// The comment, if any.
    pub comment: Option<&'a str>,
    /// Unix seconds at write time, if recorded.
    pub created_at: Option<i64>,
    /// The stored encryption context (detailed listings only).
    pub context: Option<&'a EncryptionContext>,
    /// The regions holding a wrap of the data key (detailed listings only).
    pub regions: &'a [String],
    /// Who wrote it, its expiry, its tags (not authenticated), when it has any.
    pub meta: Option<&'a Metadata>,
}

impl<'a> Entry<'a> {
    /// An entry with a name and version only.
    pub fn new(name: &'a str, version: &'a str) -> Self {
        Entry {
            name,
            version,
            comment: None,
            created_at: None,
            context: None,
            regions: &[],
            meta: None,
        }
    }
}

impl Listing {
    /// The number of readable items.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no item was readable.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The readable items, sorted by name then version.
    pub fn iter(&self) -> impl Iterator<Item = Entry<'_>> {
        self.rows.iter().map(|row| self.entry(row))
    }

    fn entry(&self, row: &Row) -> Entry<'_> {
        let text = |from: usize, len: u32| self.text.get(from..from + len as usize).unwrap_or("");
        let name_end = row.start + row.name as usize;
        let version_end = name_end + row.version as usize;
        let detail = row.detail.and_then(|i| self.details.get(i as usize));
        Entry {
            name: text(row.start, row.name),
            version: text(name_end, row.version),
            comment: row.comment.map(|len| text(version_end, len)),
            created_at: row.created_at,
            context: detail.and_then(|d| d.context.as_ref()),
            regions: detail.map_or(&[], |d| d.regions.as_slice()),
            meta: detail.map(|d| &d.meta),
        }
    }

    fn push(&mut self, summary: Summary) {
        let len = |s: &str| u32::try_from(s.len()).unwrap_or(u32::MAX);
        // Texts longer than 4 GiB cannot come from DynamoDB (400 KB items) or SQLite rows
        // we wrote; they would be cut, never misplaced.
        let mut row = Row {
            start: self.text.len(),
            name: len(&summary.name),
            version: len(&summary.version),
            comment: summary.comment.as_deref().map(len),
            created_at: summary.created_at,
            detail: None,
        };
        if summary.context.is_some()
            || !summary.regions.is_empty()
            || summary.meta != Metadata::default()
        {
            row.detail = u32::try_from(self.details.len()).ok();
            self.details.push(Detail {
                context: summary.context.clone(),
                regions: summary.regions.clone(),
                meta: summary.meta.clone(),
            });
        }
        self.text.push_str(&summary.name);
        self.text.push_str(&summary.version);
        if let Some(c) = &summary.comment {
            self.text.push_str(c);
        }
        self.rows.push(row);
    }

    fn sort(&mut self) {
        let mut rows = std::mem::take(&mut self.rows);
        // (name, version) is the table's key, so no two items compare equal: an unstable
        // sort gives the one order, without a stable sort's scratch buffer.
        rows.sort_unstable_by(|a, b| {
            let (a, b) = (self.entry(a), self.entry(b));
            (a.name, a.version).cmp(&(b.name, b.version))
        });
        self.rows = rows;
    }
}

impl Client {
    /// Every item's name, version, comment and time, sorted by name then version.
    pub async fn list(&self) -> Result<Listing> {
        self.listing(false).await
    }

    /// [`Client::list`], with each item's stored context and the regions of its wraps.
    pub async fn list_detailed(&self) -> Result<Listing> {
        self.listing(true).await
    }

    async fn listing(&self, detailed: bool) -> Result<Listing> {
        let mut listing = Listing::default();
        let mut unreadable = Vec::new();
        self.store
            .each_summary(detailed, &mut |item| match item {
                Ok(summary) => listing.push(summary),
                Err(e) => unreadable.push(e),
            })
            .await?;
        listing.unreadable = unreadable;
        listing.sort();
        Ok(listing)
    }

    /// The versions of `name`, ascending; NotFound when it has none.
    pub async fn history(&self, name: &str) -> Result<Vec<Summary>> {
        let records = self.records_of(name).await?;
        Ok(records.iter().map(Summary::from).collect())
    }

    /// Every record of `name`, ascending by version; NotFound when it has none.
    pub(super) async fn records_of(&self, name: &str) -> Result<Vec<Record>> {
        let mut records = self
            .store
            .records_of(name)
            .await
            .map_err(|e| Error::from(e).about(name))?;
        if records.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: None,
            });
        }
        records.sort_by(|a, b| a.version.cmp(&b.version));
        Ok(records)
    }

    /// Every record of the table, sorted by name then version; an item that is not a
    /// valid record fails the call (naming every such item).
    pub(super) async fn all_records(&self) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        let mut bad = Vec::new();
        for item in self.store.scan().await? {
            match item {
                Ok(r) => records.push(r),
                Err(e) => bad.push(Error::Record(e)),
            }
        }
        if !bad.is_empty() {
            return Err(super::several(bad));
        }
        records.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        Ok(records)
    }

    /// Deletes one version (padded like `get -v`) or every version of `name`;
    /// returns the versions deleted. NotFound when nothing matched.
    pub async fn delete(&self, name: &str, version: Option<&str>) -> Result<Vec<String>> {
        self.delete_inner(name, version)
            .await
            .map_err(|e| e.about(name))
    }

    async fn delete_inner(&self, name: &str, version: Option<&str>) -> Result<Vec<String>> {
        let targets = self.delete_plan(name, version).await?;
        let deleted = self.delete_versions(name, targets).await?;
        if deleted.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: version.map(str::to_string),
            });
        }
        Ok(deleted)
    }

    /// The versions [`Client::delete`] would delete (for a dry run); NotFound when none.
    pub async fn delete_plan(&self, name: &str, version: Option<&str>) -> Result<Vec<String>> {
        let targets = match version {
            Some(v) => self
                .find_version(name, v)
                .await?
                .map(|r| vec![r.version])
                .unwrap_or_default(),
            None => self
                .store
                .versions(name)
                .await
                .map_err(|e| Error::from(e).about(name))?,
        };
        if targets.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: version.map(str::to_string),
            });
        }
        Ok(targets)
    }

    /// Deletes every version of `name` but the `keep` latest (by credstash's order,
    /// the greatest version strings); returns the versions deleted. `keep` must be at
    /// least 1 (deleting everything is [`Client::delete`]'s job).
    pub async fn prune(&self, name: &str, keep: usize) -> Result<Vec<String>> {
        let old = self.prune_plan(name, keep).await?;
        self.delete_versions(name, old)
            .await
            .map_err(|e| e.about(name))
    }

    /// The versions [`Client::prune`] would delete (for a dry run).
    pub async fn prune_plan(&self, name: &str, keep: usize) -> Result<Vec<String>> {
        if keep == 0 {
            return Err(Error::InvalidInput(format!(
                "secret {name:?}: prune keeps at least one version; use delete to remove all"
            )));
        }
        let mut versions = self
            .store
            .versions(name)
            .await
            .map_err(|e| Error::from(e).about(name))?;
        if versions.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: None,
            });
        }
        versions.sort();
        let old = versions.len().saturating_sub(keep);
        versions.truncate(old);
        Ok(versions)
    }

    /// Deletes these versions of `name` concurrently; returns those that existed.
    async fn delete_versions(&self, name: &str, versions: Vec<String>) -> Result<Vec<String>> {
        let limit = self.settings.concurrency.max(1);
        let deleted: Vec<Option<String>> = stream::iter(versions)
            .map(|v| async move {
                let existed = self.store.delete(name, &v).await?;
                Ok::<_, StoreError>(existed.then_some(v))
            })
            .buffered(limit)
            .try_collect()
            .await?;
        Ok(deleted.into_iter().flatten().collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn summary(name: &str, version: &str, comment: Option<&str>) -> Summary {
        Summary {
            name: name.into(),
            version: version.into(),
            comment: comment.map(str::to_string),
            created_at: Some(7),
            context: None,
            regions: Vec::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn listing_keeps_every_field_and_sorts_by_name_then_version() {
        let mut listing = Listing::default();
        listing.push(summary("b", "2", None));
        listing.push(summary("a", "10", Some("x\u{e9}")));
        listing.push(summary("b", "1", Some("")));
        listing.push(summary("", "0", None));
        listing.sort();
        let got: Vec<_> = listing
            .iter()
            .map(|e| (e.name, e.version, e.comment, e.created_at))
            .collect();
        assert_eq!(
            got,
            [
                ("", "0", None, Some(7)),
                ("a", "10", Some("x\u{e9}"), Some(7)),
                ("b", "1", Some(""), Some(7)),
                ("b", "2", None, Some(7)),
            ]
        );
        assert_eq!(listing.len(), 4);
    }
}
