//! What the table holds (list, history) and removing versions (delete, prune).

use super::Client;
use crate::error::{Error, Result};
use crate::model::record::{RecordError, Summary};
use crate::store::StoreError;
use futures::stream::{self, StreamExt, TryStreamExt};

/// The result of [`Client::list`]: readable items, plus items that could not be decoded.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Listing {
    /// Items sorted by name, then version.
    pub items: Vec<Summary>,
    /// Items that are not valid records (reported, not fatal for a listing).
    pub unreadable: Vec<RecordError>,
}

impl Client {
    /// Every item's name, version, comment and time, sorted by name then version.
    pub async fn list(&self) -> Result<Listing> {
        let mut listing = Listing::default();
        for item in self.store.scan_summaries().await? {
            match item {
                Ok(summary) => listing.items.push(summary),
                Err(e) => listing.unreadable.push(e),
            }
        }
        listing
            .items
            .sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        Ok(listing)
    }

    /// The versions of `name`, ascending; NotFound when it has none.
    pub async fn history(&self, name: &str) -> Result<Vec<Summary>> {
        let records = self
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
        Ok(records.iter().map(Summary::from).collect())
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
