//! Selections read as a pipeline: names picked from the key scan as its pages arrive are
//! fetched and decrypted while the scan goes on, so a large table's scan and the KMS
//! calls overlap instead of adding up.
//!
//! A name is picked early when its versions are complete: within one part of the scan
//! (segment) the versions of a name come one after another, so every name of a page but
//! its last is complete, and the last one is once the part's next page starts with
//! another name. The scan as a whole decides: at its end each name's latest version (and
//! whether it has a bound version) is checked against what was picked, and anything
//! picked on a wrong assumption is picked again and its first result dropped. So the
//! result never depends on the order of the scan, only the cost does.

use super::read::Siblings;
use super::{Client, Secret, several};
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use crate::model::record::{Record, RecordError, VersionKey};
use futures::channel::mpsc;
use futures::stream::{self, StreamExt};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the scan knows of one wanted name.
#[derive(Default)]
struct Seen {
    /// The greatest version string so far.
    newest: String,
    /// Whether any version is bound to the name.
    bound: bool,
    /// What was picked for it, if anything: (version, bound).
    picked: Option<(String, bool)>,
}

/// One (name, version) to fetch and decrypt, with what is known of its bound versions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Pick {
    name: String,
    version: String,
    bound: bool,
}

/// The scan side of the pipeline: the state of every wanted name, the parts' last
/// names, and the picks sent.
struct Picker<'w, W> {
    wanted: &'w W,
    seen: BTreeMap<String, Seen>,
    /// Per part: the name its last page ended with (maybe incomplete).
    open: HashMap<usize, String>,
    bad: Vec<Error>,
    sent: &'w AtomicUsize,
}

impl<W: Fn(&str) -> bool> Picker<'_, W> {
    /// Takes one page of `part` (`more`: the part has more pages); returns the names it
    /// completes, picked.
    fn page(
        &mut self,
        part: usize,
        more: bool,
        page: Vec<Result<VersionKey, RecordError>>,
    ) -> Vec<Pick> {
        let mut names: Vec<String> = Vec::new();
        for key in page {
            let name = match &key {
                Ok(k) => k.name.clone(),
                Err(e) => e.item_name().to_string(),
            };
            if names.last() != Some(&name) {
                names.push(name);
            }
            match key {
                Ok(k) if (self.wanted)(&k.name) => {
                    let seen = self.seen.entry(k.name).or_default();
                    seen.bound |= k.bound;
                    if k.version > seen.newest {
                        seen.newest = k.version;
                    }
                }
                Ok(_) => {}
                Err(e) if (self.wanted)(e.item_name()) => self.bad.push(Error::Record(e)),
                Err(_) => {}
            }
        }
        // The part's name left open by its previous page is complete unless it goes on.
        if let Some(held) = self.open.remove(&part) {
            if !names.contains(&held) {
                names.push(held);
            }
        }
        // The last name may go on in the part's next page, if there is one.
        if more {
            if let Some(last) = names.pop() {
                self.open.insert(part, last);
            }
        }
        names.iter().filter_map(|n| self.pick(n)).collect()
    }

    /// Picks `name` at its newest version, unless already picked so (or failed).
    fn pick(&mut self, name: &str) -> Option<Pick> {
        if !self.bad.is_empty() {
            return None; // the call fails anyway: no more KMS calls
        }
        let seen = self.seen.get_mut(name)?;
        let now = (seen.newest.clone(), seen.bound);
        if seen.picked.as_ref() == Some(&now) {
            return None;
        }
        seen.picked = Some(now.clone());
        self.sent.fetch_add(1, Ordering::Relaxed);
        Some(Pick {
            name: name.to_string(),
            version: now.0,
            bound: now.1,
        })
    }

    /// At the end of the scan: every name not picked yet, or picked on an assumption the
    /// whole scan contradicts.
    fn finish(&mut self) -> Vec<Pick> {
        let names: Vec<String> = self.seen.keys().cloned().collect();
        names.iter().filter_map(|n| self.pick(n)).collect()
    }
}

impl Client {
    /// The latest version of every name starting with one of `prefixes` that `wanted`
    /// accepts, decrypted, sorted by name; any failure fails the whole call. The fetch
    /// (BatchGetItem, strongly consistent) and the decrypts (bounded concurrency) run
    /// while the key scan is still reading.
    pub(super) async fn read_selected(
        &self,
        prefixes: &[String],
        wanted: impl Fn(&str) -> bool + Sync,
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        let sent = AtomicUsize::new(0);
        let (tx, rx) = mpsc::unbounded::<Vec<Pick>>();
        let scan = async {
            let mut picker = Picker {
                wanted: &wanted,
                seen: BTreeMap::new(),
                open: HashMap::new(),
                bad: Vec::new(),
                sent: &sent,
            };
            let scanned = self
                .store
                .each_key_page(prefixes, &mut |part, more, page| {
                    let picks = picker.page(part, more, page);
                    if !picks.is_empty() {
                        let _ = tx.unbounded_send(picks);
                    }
                })
                .await;
            if scanned.is_ok() {
                let picks = picker.finish();
                if !picks.is_empty() {
                    let _ = tx.unbounded_send(picks);
                }
            }
            tx.close_channel();
            (scanned, picker.seen, picker.bad)
        };
        let limit = self.settings.concurrency.max(1);
        let mut done = 0;
        if let Some(report) = &self.progress {
            report(0, 0);
        }
        let reads = rx
            .map(|picks| self.fetch_picks(picks))
            .buffer_unordered(FETCHES_IN_FLIGHT)
            .flat_map(stream::iter)
            .map(|(pick, record)| async move {
                let result = match record {
                    Ok(Some(r)) => Some(
                        self.open_checked(&r, context, Siblings::Known(pick.bound))
                            .await,
                    ),
                    // Deleted since the scan, and no version left: not selected.
                    Ok(None) => None,
                    Err(e) => Some(Err(e)),
                };
                (pick, result)
            })
            .buffer_unordered(limit)
            .inspect(|_| {
                done += 1;
                if let Some(report) = &self.progress {
                    report(done, sent.load(Ordering::Relaxed));
                }
            })
            .collect::<Vec<_>>();
        let ((scanned, seen, bad), results) = futures::join!(scan, reads);
        tracing::debug!(
            names = seen.len(),
            picked = sent.load(Ordering::Relaxed),
            "selection: names selected, items fetched and decrypted"
        );
        scanned?;
        if !bad.is_empty() {
            return Err(several(bad));
        }
        let mut by_pick: HashMap<Pick, Option<Result<Secret>>> = results.into_iter().collect();
        let mut secrets = Vec::new();
        let mut failures = Vec::new();
        for (name, seen) in seen {
            let pick = Pick {
                name,
                version: seen.newest,
                bound: seen.bound,
            };
            match by_pick.remove(&pick).flatten() {
                Some(Ok(secret)) => secrets.push(secret),
                Some(Err(e)) => failures.push(e),
                None => {}
            }
        }
        if failures.is_empty() {
            Ok(secrets)
        } else {
            Err(several(failures))
        }
    }

    /// Fetches the picked items in batches; an item deleted since the scan is looked up
    /// again by name (its name's latest version now, if any).
    async fn fetch_picks(&self, picks: Vec<Pick>) -> Vec<(Pick, Result<Option<Record>>)> {
        let keys: Vec<(String, String)> = picks
            .iter()
            .map(|p| (p.name.clone(), p.version.clone()))
            .collect();
        let fetched = match self.store.get_records(&keys).await {
            Ok(items) => items,
            Err(e) => {
                let e = Error::from(e);
                let text = e.to_string();
                return picks
                    .into_iter()
                    .map(|p| {
                        let err = Error::from(crate::store::StoreError::Other(text.clone()))
                            .about(&p.name);
                        (p, Err(err))
                    })
                    .collect();
            }
        };
        let mut records: HashMap<(String, String), Record> = HashMap::new();
        let mut broken: HashMap<String, RecordError> = HashMap::new();
        for item in fetched {
            match item {
                Ok(r) => {
                    records.insert((r.name.clone(), r.version.clone()), r);
                }
                Err(e) => {
                    broken.insert(e.item_name().to_string(), e);
                }
            }
        }
        let mut out = Vec::with_capacity(picks.len());
        for pick in picks {
            if let Some(r) = records.remove(&(pick.name.clone(), pick.version.clone())) {
                out.push((pick, Ok(Some(r))));
            } else if let Some(e) = broken.remove(&pick.name) {
                out.push((pick, Err(Error::Record(e))));
            } else {
                let again = self
                    .store
                    .latest(&pick.name)
                    .await
                    .map_err(|e| Error::from(e).about(&pick.name));
                out.push((pick, again));
            }
        }
        out
    }
}

/// Batches of picks fetched at once (each a BatchGetItem of up to 100 keys, or several).
const FETCHES_IN_FLIGHT: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, version: &str, bound: bool) -> Result<VersionKey, RecordError> {
        Ok(VersionKey {
            name: name.into(),
            version: version.into(),
            bound,
        })
    }

    fn picker<'w>(
        wanted: &'w fn(&str) -> bool,
        sent: &'w AtomicUsize,
    ) -> Picker<'w, fn(&str) -> bool> {
        Picker {
            wanted,
            seen: BTreeMap::new(),
            open: HashMap::new(),
            bad: Vec::new(),
            sent,
        }
    }

    fn names(picks: &[Pick]) -> Vec<(&str, &str, bool)> {
        picks
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.bound))
            .collect()
    }

    #[test]
    fn a_page_completes_all_its_names_but_the_last() {
        let all: fn(&str) -> bool = |_| true;
        let sent = AtomicUsize::new(0);
        let mut p = picker(&all, &sent);
        let first = p.page(
            0,
            true,
            vec![
                key("a", "1", false),
                key("a", "2", true),
                key("b", "1", false),
            ],
        );
        assert_eq!(names(&first), [("a", "2", true)]);
        // The part's next page goes on with b, then c: b is complete now.
        let next = p.page(0, true, vec![key("b", "3", false), key("c", "1", false)]);
        assert_eq!(names(&next), [("b", "3", false)]);
        // Another part's pages do not complete this part's last name.
        assert!(p.page(1, true, vec![key("x", "1", false)]).is_empty());
        assert_eq!(names(&p.finish()), [("c", "1", false), ("x", "1", false)]);
        assert_eq!(sent.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn the_whole_scan_corrects_a_wrong_assumption() {
        let all: fn(&str) -> bool = |_| true;
        let sent = AtomicUsize::new(0);
        let mut p = picker(&all, &sent);
        let mut picks = p.page(0, true, vec![key("a", "1", false), key("b", "1", false)]);
        assert_eq!(names(&picks), [("a", "1", false)]);
        // Later versions of a (one bound) in other parts, where the order said none would
        // come: a is picked again, and the last pick of each name is the scan's verdict.
        picks.extend(p.page(1, true, vec![key("a", "2", false), key("z", "1", false)]));
        picks.extend(p.page(2, true, vec![key("a", "0", true), key("y", "1", false)]));
        picks.extend(p.finish());
        let mut last: BTreeMap<&str, (&str, bool)> = BTreeMap::new();
        for (name, version, bound) in names(&picks) {
            last.insert(name, (version, bound));
        }
        assert_eq!(last["a"], ("2", true));
        assert_eq!(last["b"], ("1", false));
        assert_eq!(last.len(), 4);
        // Nothing is picked twice with the same verdict.
        let mut unique = names(&picks);
        unique.dedup();
        assert_eq!(unique.len(), picks.len());
    }

    #[test]
    fn a_part_s_last_page_completes_every_name() {
        let all: fn(&str) -> bool = |_| true;
        let sent = AtomicUsize::new(0);
        let mut p = picker(&all, &sent);
        let picks = p.page(0, false, vec![key("a", "1", false), key("b", "2", false)]);
        assert_eq!(names(&picks), [("a", "1", false), ("b", "2", false)]);
        assert!(p.finish().is_empty());
    }

    #[test]
    fn unwanted_names_are_not_picked_and_errors_stop_picking() {
        let only_a: fn(&str) -> bool = |n| n.starts_with('a');
        let sent = AtomicUsize::new(0);
        let mut p = picker(&only_a, &sent);
        let picks = p.page(
            0,
            true,
            vec![
                key("a1", "1", false),
                key("b", "1", false),
                key("a2", "1", false),
            ],
        );
        assert_eq!(names(&picks), [("a1", "1", false)]);
        p.bad.push(Error::InvalidInput("broken".into()));
        assert!(p.finish().is_empty());
    }
}
