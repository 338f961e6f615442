//! `--with-previous`: the version of a secret just before the one read (the greatest
//! stored version string below it, the order `latest` uses), looked up per name.

use crate::client::Client;
use crate::error::{Error, Result};
use futures::stream::{self, StreamExt};

/// For each (name, version read), the version just before it, if any; one query per name,
/// a few at a time.
pub(crate) async fn versions_before(
    client: &Client,
    read: &[(&str, &str)],
) -> Result<Vec<Option<String>>> {
    let limit = client.settings().concurrency.clamp(1, 16);
    let found: Vec<Result<Option<String>>> = stream::iter(read)
        .map(|(name, version)| async move {
            let versions = client
                .store()
                .versions(name)
                .await
                .map_err(|e| Error::from(e).about(name))?;
            Ok(before(&versions, version))
        })
        .buffered(limit)
        .collect()
        .await;
    found.into_iter().collect()
}

/// The greatest of `versions` below `version`.
fn before(versions: &[String], version: &str) -> Option<String> {
    versions
        .iter()
        .filter(|v| v.as_str() < version)
        .max()
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_greatest_version_below() {
        let v: Vec<String> = ["0001", "0002", "0004"].map(String::from).to_vec();
        assert_eq!(before(&v, "0004").as_deref(), Some("0002"));
        assert_eq!(before(&v, "0002").as_deref(), Some("0001"));
        assert_eq!(before(&v, "0001"), None);
        assert_eq!(before(&[], "0001"), None);
    }
}
