//! Concurrent writers on both backends: automatic versions are distinct and gap-free, and an
//! explicit version is won by exactly one writer.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::raw::item_keys;
use crate::harness::{self, Backend, Cmd, Output, TestEnv, no_panic, padded};

/// Runs commands of `env`; on DynamoDB through a proxy that lets one conditional write
/// reach moto at a time (moto's conditional writes are not atomic; DynamoDB's are).
struct Racers<'a> {
    env: &'a TestEnv,
    proxy: Option<FaultProxy>,
}

impl<'a> Racers<'a> {
    fn new(env: &'a TestEnv) -> Self {
        let proxy = (env.backend == Backend::Dynamo).then(|| {
            FaultProxy::start(harness::endpoint(), |r| {
                if r.is_dynamo("PutItem") {
                    Action::PassOneAtATime
                } else {
                    Action::Pass
                }
            })
        });
        Racers { env, proxy }
    }

    fn cmd(&self) -> Cmd {
        match &self.proxy {
            None => self.env.cmd(),
            Some(proxy) => harness::via(self.env, proxy),
        }
    }
}

on_both_backends!(
    concurrent_autoversion_puts_get_distinct_versions,
    fifty_concurrent_autoversion_puts,
    ten_concurrent_explicit_version_puts,
);

fn concurrent_autoversion_puts_get_distinct_versions(b: Backend) {
    let env = TestEnv::new(b);
    let racers = Racers::new(&env);
    let values = ["racer-a", "racer-b", "racer-c"];
    let outs = harness::par_map(&values, values.len(), |v| {
        racers.cmd().args(["put", "race", v]).run()
    });
    for out in &outs {
        out.success();
    }
    let mut got: Vec<String> = (1..=values.len())
        .map(|v| {
            let out = env
                .cmd()
                .args(["get", "-n", "race", "-v", &v.to_string()])
                .run();
            out.success();
            out.stdout_str()
        })
        .collect();
    got.sort();
    assert_eq!(got, values, "each concurrent put got its own version");
    env.cmd()
        .args(["get", "race", "-v", &(values.len() + 1).to_string()])
        .run()
        .code(3);
}

fn fifty_concurrent_autoversion_puts(b: Backend) {
    let env = TestEnv::new(b);
    let racers = Racers::new(&env);
    let values: Vec<String> = (0..50).map(|i| format!("racer-{i:02}")).collect();
    let outs = harness::par_map(&values, values.len(), |v| {
        racers
            .cmd()
            .args(["put", "race", v])
            .timeout(Duration::from_secs(180))
            .run()
    });
    let failed: Vec<String> = outs
        .iter()
        .filter(|o| !o.status.success())
        .map(Output::report)
        .collect();
    assert!(
        failed.is_empty(),
        "{} of 50 concurrent puts failed (lost writes):\n{}",
        failed.len(),
        failed.join("\n")
    );
    // Each process's stderr names its version; together they are exactly 1..50.
    let mut by_version: BTreeMap<String, &str> = BTreeMap::new();
    for (out, value) in outs.iter().zip(&values) {
        no_panic(out);
        let line = out.stderr_str();
        let version = line
            .strip_prefix("race version ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no version in stderr\n{}", out.report()))
            .to_string();
        assert!(
            by_version.insert(version.clone(), value).is_none(),
            "version {version} reported twice"
        );
    }
    let expected: Vec<String> = (1..=50).map(padded).collect();
    assert_eq!(by_version.keys().cloned().collect::<Vec<_>>(), expected);
    assert_eq!(
        item_keys(&env),
        expected
            .iter()
            .map(|v| ("race".to_string(), v.clone()))
            .collect::<Vec<_>>(),
        "the table holds exactly versions 1..50"
    );
    // Every version holds the value of the process that reported it.
    let pairs: Vec<(String, &str)> = by_version.into_iter().collect();
    harness::par_map(&pairs, 4, |(version, value)| {
        env.cmd()
            .args(["get", "-n", "race", "-v", version])
            .run()
            .success()
            .stdout_eq(value);
    });
}

fn ten_concurrent_explicit_version_puts(b: Backend) {
    let env = TestEnv::new(b);
    let racers = Racers::new(&env);
    let values: Vec<String> = (0..10).map(|i| format!("seven-{i}")).collect();
    let outs = harness::par_map(&values, values.len(), |v| {
        racers.cmd().args(["put", "seven", v, "-v", "7"]).run()
    });
    let winners: Vec<&String> = outs
        .iter()
        .zip(&values)
        .filter(|(o, _)| o.status.success())
        .map(|(_, v)| v)
        .collect();
    assert_eq!(winners.len(), 1, "exactly one -v 7 put succeeds");
    for (out, value) in outs.iter().zip(&values) {
        if out.status.success() {
            continue;
        }
        no_panic(out.code(6).error_line().stderr_contains("seven")).no_leak(value);
        assert_eq!(
            out.stderr_str().lines().count(),
            1,
            "one clean error line\n{}",
            out.report()
        );
    }
    env.cmd()
        .args(["get", "-n", "seven", "-v", "7"])
        .run()
        .success()
        .stdout_eq(winners[0]);
    assert_eq!(item_keys(&env), vec![("seven".to_string(), padded(7))]);
}
