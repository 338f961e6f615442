//! Comparing the secrets of two clients (tables, regions, backends): names and versions
//! on one side only, and for names on both sides whether the latest values are equal,
//! compared in memory in constant time and never returned.

use super::named::NamedRead;
use super::{Client, several};
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use std::collections::{BTreeMap, BTreeSet};

/// What [`Client::diff_with`] found. Holds names and versions only, never a value.
#[derive(Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diff {
    /// Names only on this side, with their versions.
    pub only_here: Vec<(String, Vec<String>)>,
    /// Names only on the other side, with their versions.
    pub only_there: Vec<(String, Vec<String>)>,
    /// Versions of names on both sides that only this side has: (name, version).
    pub versions_only_here: Vec<(String, String)>,
    /// Versions of names on both sides that only the other side has.
    pub versions_only_there: Vec<(String, String)>,
    /// Names on both sides whose latest values differ: (name, latest version here,
    /// latest version there).
    pub changed: Vec<(String, String, String)>,
    /// Names on both sides whose latest values are equal.
    pub equal: Vec<String>,
}

impl Diff {
    /// True when both sides hold the same names, versions and latest values.
    pub fn is_same(&self) -> bool {
        self.only_here.is_empty()
            && self.only_there.is_empty()
            && self.versions_only_here.is_empty()
            && self.versions_only_there.is_empty()
            && self.changed.is_empty()
    }
}

impl Client {
    /// Compares the secrets whose names start with `prefix` here and in `other`. The
    /// latest version of each name on both sides is decrypted on both (with `context`
    /// for items that do not store theirs); any read failure fails the call.
    pub async fn diff_with(
        &self,
        other: &Client,
        prefix: &str,
        context: &EncryptionContext,
    ) -> Result<Diff> {
        let here = versions(self, prefix).await?;
        let there = versions(other, prefix).await?;
        let mut diff = Diff::default();
        let mut both = Vec::new();
        for (name, mine) in &here {
            match there.get(name) {
                None => diff
                    .only_here
                    .push((name.clone(), mine.iter().cloned().collect())),
                Some(theirs) => {
                    for v in mine.difference(theirs) {
                        diff.versions_only_here.push((name.clone(), v.clone()));
                    }
                    for v in theirs.difference(mine) {
                        diff.versions_only_there.push((name.clone(), v.clone()));
                    }
                    both.push(name.clone());
                }
            }
        }
        for (name, theirs) in &there {
            if !here.contains_key(name) {
                diff.only_there
                    .push((name.clone(), theirs.iter().cloned().collect()));
            }
        }
        // The latest version of each side (greatest version string, as credstash).
        let latest = |side: &BTreeMap<String, BTreeSet<String>>, name: &str| {
            side.get(name)
                .and_then(|v| v.iter().next_back().cloned())
                .unwrap_or_default()
        };
        let reads_of = |side: &BTreeMap<String, BTreeSet<String>>| -> Vec<NamedRead> {
            both.iter()
                .map(|n| NamedRead::new(n.clone(), Some(latest(side, n)), context.clone()))
                .collect()
        };
        let (reads_here, reads_there) = (reads_of(&here), reads_of(&there));
        let (mine, theirs) =
            futures::join!(self.get_named(&reads_here), other.get_named(&reads_there));
        let (mine, theirs) = match (mine, theirs) {
            (Ok(m), Ok(t)) => (m, t),
            (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
            (Err(a), Err(b)) => return Err(several(vec![a, b])),
        };
        for (a, b) in mine.iter().zip(&theirs) {
            if a.value.ct_eq(&b.value) {
                diff.equal.push(a.name.clone());
            } else {
                diff.changed
                    .push((a.name.clone(), a.version.clone(), b.version.clone()));
            }
        }
        Ok(diff)
    }
}

/// Every version of every name starting with `prefix`; an unreadable item of such a name
/// is an error (a diff that skipped it could call two sides equal).
async fn versions(client: &Client, prefix: &str) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut listing = client.list().await?;
    let bad: Vec<Error> = std::mem::take(&mut listing.unreadable)
        .into_iter()
        .filter(|e| e.item_name().starts_with(prefix))
        .map(Error::Record)
        .collect();
    if !bad.is_empty() {
        return Err(several(bad));
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in listing.iter().filter(|e| e.name.starts_with(prefix)) {
        out.entry(entry.name.to_string())
            .or_default()
            .insert(entry.version.to_string());
    }
    Ok(out)
}
