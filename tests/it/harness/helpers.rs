//! Small helpers shared by the suites: storing and reading through the CLI, parsing `list`,
//! credstash's version padding, a parallel map, and the no-panic check.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::command::Output;
use super::env::TestEnv;

/// Runs `f` over `items` on up to `threads` threads, keeping the order of results.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// credstash's version padding: decimal, left-padded with zeros to 19 characters.
pub(crate) fn padded(version: u64) -> String {
    format!("{version:019}")
}

/// (name, version, comment) from credstore's `list`:
/// `NAME -- version V [-- comment C] [-- created T]`, the name possibly padded like credstash's.
pub(crate) fn parse_list(out: &Output) -> Vec<(String, String, String)> {
    out.lines()
        .iter()
        .map(|l| {
            let (name, rest) = l
                .split_once(" -- version ")
                .unwrap_or_else(|| panic!("credstore list line {l:?}\n{}", out.report()));
            let mut parts = rest.split(" -- ");
            let version = parts.next().unwrap_or("").trim().to_string();
            let comment = parts
                .find_map(|p| p.strip_prefix("comment "))
                .unwrap_or("")
                .to_string();
            (name.trim_end().to_string(), version, comment)
        })
        .collect()
}

pub(crate) fn put(env: &TestEnv, name: &str, value: &str) {
    env.cmd().args(["put", name, value]).run().success();
}

pub(crate) fn get_n(env: &TestEnv, name: &str) -> Vec<u8> {
    env.cmd()
        .args(["get", "-n", name])
        .run()
        .success()
        .stdout
        .clone()
}

pub(crate) fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Stores exact bytes (via stdin, so trailing newlines and NUL survive).
pub(crate) fn put_bytes(env: &TestEnv, name: &str, value: &[u8]) {
    env.cmd()
        .args(["put", name, "-"])
        .stdin(value.to_vec())
        .run()
        .success();
}

/// Asserts what every failing command owes the user: no panic, an `error: ` line.
#[track_caller]
pub(crate) fn no_panic(out: &Output) -> &Output {
    assert!(
        !out.stderr_str().contains("panicked"),
        "the command panicked\n{}",
        out.report()
    );
    out
}

/// How many times `op` is in `ops`.
pub(crate) fn count(ops: &[String], op: &str) -> usize {
    ops.iter().filter(|o| *o == op).count()
}
