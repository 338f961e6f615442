//! `credstore policy`: each role's policy allows every request its commands send (recorded
//! through the proxy on their way to moto, which evaluates no IAM) and denies the same
//! requests for names outside its prefix; `setup` protects the table and `doctor` says so;
//! the golden policies pass the parliament linter.

mod eval;

use crate::harness::fault_proxy::{Action, FaultProxy, Request};
use crate::harness::{self, Backend, Cmd, Endpoints, Output, TestEnv, put, via};
use eval::{ACCOUNT, Authz, allows, authorizations};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The prefix of the role under test, and a name outside it of the same length.
const INSIDE: &str = "app1/";
const OUTSIDE: &str = "zzz9/";

/// Commands run through a recording proxy, each with the requests it sent.
struct Recorder<'a> {
    env: &'a TestEnv,
    proxy: FaultProxy,
    /// Global options replacing the test's key (`-k alias/... --replica-region R`).
    key_args: Vec<String>,
    /// (command line, its requests), in order.
    runs: Vec<(String, Vec<Request>)>,
}

impl<'a> Recorder<'a> {
    fn new(env: &'a TestEnv) -> Recorder<'a> {
        Recorder {
            env,
            proxy: FaultProxy::start(harness::endpoint(), |_| Action::Pass),
            key_args: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// A recorder whose commands use these global options for the key instead.
    fn with_key_args(env: &'a TestEnv, key_args: &[&str]) -> Recorder<'a> {
        let mut r = Recorder::new(env);
        r.key_args = key_args.iter().map(|a| a.to_string()).collect();
        r
    }

    /// Runs `args` through the proxy; returns its output, records its requests.
    fn run_any(&mut self, args: &[&str]) -> Output {
        let before = self.proxy.seen().len();
        let cmd = if self.key_args.is_empty() {
            via(self.env, &self.proxy)
        } else {
            self.env
                .cmd_via(Endpoints::at(self.proxy.endpoint()).no_key())
                .args(self.key_args.iter())
        };
        let out = cmd.args(args.iter().copied()).run();
        let requests = self.proxy.seen()[before..]
            .iter()
            .map(|(r, _)| r.clone())
            .collect();
        self.runs.push((args.join(" "), requests));
        out
    }

    /// Runs `args`, which must succeed in moto.
    fn run(&mut self, args: &[&str]) {
        self.run_any(args).success();
    }

    /// The requests of the commands recorded so far, then forgets them.
    fn take(&mut self) -> Vec<(String, Vec<Request>)> {
        std::mem::take(&mut self.runs)
    }
}

/// `credstore` with `key` as its KMS key (the harness's own commands name the test's key).
fn with_key(env: &TestEnv, key: &str) -> Cmd {
    env.cmd_via(Endpoints::emulator().key(key))
}

/// The policy `credstore policy ARGS` prints for `key`.
fn policy(env: &TestEnv, key: &str, args: &[&str]) -> Value {
    with_key(env, key)
        .arg("policy")
        .args(args.iter().copied())
        .run()
        .success()
        .json()
}

/// A recorded request as if it named secrets outside the prefix.
fn renamed(request: &Request) -> Request {
    let mut r = request.clone();
    r.body = r.body.replace(INSIDE, OUTSIDE);
    r
}

/// What the checks found for one command.
#[derive(Default)]
struct Verdict {
    /// Requests the policies did not allow (each described).
    refused: Vec<String>,
    /// Authorizations that named secrets and were denied once renamed outside the prefix.
    denied_outside: usize,
    /// Renamed authorizations (other than a Scan) that were still allowed.
    allowed_outside: Vec<String>,
}

fn allowed_by_any(policies: &[Value], authz: &Authz) -> bool {
    policies.iter().any(|p| allows(p, authz, &BTreeMap::new()))
}

/// Checks each request of a command against `policies` (several: attached together);
/// with `prefixed`, checks the renamed requests too.
fn verdict(policies: &[Value], requests: &[Request], key: &str, prefixed: bool) -> Verdict {
    let mut v = Verdict::default();
    for request in requests {
        for authz in authorizations(request, key) {
            if !allowed_by_any(policies, &authz) {
                v.refused.push(format!("{authz:?}"));
            }
        }
        if !prefixed {
            continue;
        }
        let original = authorizations(request, key);
        for (before, after) in original.iter().zip(authorizations(&renamed(request), key)) {
            // A Scan names no partition key: it cannot be tied to a prefix (documented).
            if after == *before || after.action == "dynamodb:Scan" {
                continue;
            }
            if allowed_by_any(policies, &after) {
                v.allowed_outside.push(format!("{after:?}"));
            } else {
                v.denied_outside += 1;
            }
        }
    }
    v
}

/// Every recorded command is allowed by `policies`; with `prefixed`, every one that names
/// a secret (all but those in `names_nothing`) is denied for a name outside the prefix.
fn assert_covered(
    role: &str,
    policies: &[Value],
    runs: &[(String, Vec<Request>)],
    key: &str,
    prefixed: bool,
    names_nothing: &[&str],
) {
    let mut problems = Vec::new();
    for (command, requests) in runs {
        assert!(!requests.is_empty(), "{role}: `{command}` sent no request");
        let v = verdict(policies, requests, key, prefixed);
        for r in &v.refused {
            problems.push(format!("{role}: `{command}` needs {r}"));
        }
        for r in &v.allowed_outside {
            problems.push(format!(
                "{role}: `{command}` outside the prefix still allowed: {r}"
            ));
        }
        if prefixed && !names_nothing.contains(&command.as_str()) && v.denied_outside == 0 {
            problems.push(format!(
                "{role}: `{command}` renamed outside the prefix was not denied"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\npolicy: {}",
        problems.join("\n"),
        serde_json::to_string_pretty(policies).unwrap()
    );
}

/// Some authorization of `requests` is denied by `policies`.
fn some_denied(policies: &[Value], requests: &[Request], key: &str) -> bool {
    requests
        .iter()
        .flat_map(|r| authorizations(r, key))
        .any(|a| !allowed_by_any(policies, &a))
}

fn key_of(env: &TestEnv) -> String {
    env.key_id.clone().expect("a Dynamo key")
}

#[test]
fn a_prefix_reader_runs_its_commands_and_reaches_nothing_outside() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = key_of(&env);
    put(&env, "app1/db", "one");
    put(&env, "app1/db", "two");
    put(&env, "app1/api", "three");
    let reader = policy(&env, &key, &["--reader", "--prefix", INSIDE]);
    let mut rec = Recorder::new(&env);
    rec.run(&["get", "app1/db"]);
    rec.run(&["get", "-v", "1", "app1/db"]);
    rec.run(&["get", "app1/*"]);
    rec.run(&["getall"]);
    rec.run(&["env", "--prefix", INSIDE]);
    rec.run(&["exec", "--prefix", INSIDE, "--", "true"]);
    rec.run(&["list"]);
    rec.run(&["list", "-f", "json"]);
    rec.run(&["keys"]);
    rec.run(&["history", "app1/db"]);
    let names_nothing = ["list", "list -f json", "keys"];
    assert_covered(
        "reader",
        std::slice::from_ref(&reader),
        &rec.take(),
        &key,
        true,
        &names_nothing,
    );

    // Another service's secret in the same table: the selections filtered on the server
    // never touch it, a direct read of it is denied.
    put(&env, "zzz9/other", "not yours");
    rec.run(&["env", "--prefix", INSIDE]);
    rec.run(&["exec", "--prefix", INSIDE, "--", "true"]);
    rec.run(&["get", "app1/*"]);
    assert_covered(
        "reader",
        std::slice::from_ref(&reader),
        &rec.take(),
        &key,
        true,
        &[],
    );
    rec.run(&["get", "zzz9/other"]);
    let runs = rec.take();
    assert!(
        some_denied(std::slice::from_ref(&reader), &runs[0].1, &key),
        "{reader}"
    );

    // A reader writes nothing.
    rec.run(&["put", "app1/db", "three"]);
    let runs = rec.take();
    assert!(some_denied(&[reader], &runs[0].1, &key));
}

#[test]
fn a_prefix_writer_writes_only_under_its_prefix() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = key_of(&env);
    let writer = policy(&env, &key, &["--writer", "--prefix", INSIDE]);
    let mut rec = Recorder::new(&env);
    rec.run(&["put", "app1/db", "one"]);
    rec.run(&["put", "-a", "app1/db", "two"]);
    rec.run(&["put", "-v", "7", "app1/db", "seven", "-c", "a comment"]);
    rec.run(&["putall", r#"{"app1/a": "1", "app1/b": "2"}"#]);
    rec.run(&["get", "app1/db"]);
    rec.run(&["getall"]);
    rec.run(&["env", "--prefix", INSIDE]);
    rec.run(&["history", "app1/db"]);
    assert_covered(
        "writer",
        std::slice::from_ref(&writer),
        &rec.take(),
        &key,
        true,
        &[],
    );

    // Outside the prefix: neither the item nor its data key.
    rec.run(&["put", "zzz9/other", "not yours"]);
    let runs = rec.take();
    let refused: Vec<String> = runs[0]
        .1
        .iter()
        .flat_map(|r| authorizations(r, &key))
        .filter(|a| !allowed_by_any(std::slice::from_ref(&writer), a))
        .map(|a| a.action)
        .collect();
    assert!(
        refused.contains(&"kms:GenerateDataKey".to_string())
            && refused.contains(&"dynamodb:PutItem".to_string()),
        "{refused:?}"
    );
    // Deleting is the admin's.
    rec.run(&["delete", "-y", "app1/a"]);
    let runs = rec.take();
    assert!(some_denied(&[writer], &runs[0].1, &key));
}

#[test]
fn a_prefix_writer_wraps_in_replica_regions_only_under_its_prefix() {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let env = TestEnv::new(Backend::Dynamo);
    let alias = format!(
        "alias/credstore-policy-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    let replica = "eu-west-1";
    for region in [harness::REGION, replica] {
        let arn = crate::regions::key_with_alias(region, &alias);
        eval::register_alias(region, &alias, &arn);
    }
    let key_args = ["-k", alias.as_str(), "--replica-region", replica];
    let writer = with_key(&env, &alias)
        .args([
            "--replica-region",
            replica,
            "policy",
            "--writer",
            "--prefix",
            INSIDE,
        ])
        .run()
        .success()
        .json();
    // Both regions' keys resolved, no placeholder.
    assert!(!writer.to_string().contains("KEY_ID"), "{writer}");
    let mut rec = Recorder::with_key_args(&env, &key_args);
    rec.run(&["put", "app1/db", "one"]);
    rec.run(&["get", "app1/db"]);
    let runs = rec.take();
    let encrypts = runs[0].1.iter().filter(|r| r.is_kms("Encrypt")).count();
    assert!(encrypts >= 1, "no replica wrap was recorded");
    assert_covered(
        "writer --replica-region",
        &[writer],
        &runs,
        &alias,
        true,
        &[],
    );
}

#[test]
fn the_table_wide_admin_sets_up_binds_rekeys_syncs_and_deletes() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = key_of(&env);
    let new_key = harness::create_kms_key();
    let mut rec = Recorder::new(&env);
    rec.run(&["setup"]);
    rec.run(&["put", "app1/db", "one"]);
    rec.run(&["put", "app1/db", "two"]);
    rec.run(&["put", "app1/api", "three"]);
    rec.run(&["put", "--legacy", "app1/old", "credstash's"]);
    rec.run(&["bind", "app1/old"]);
    rec.run(&["rekey", "--to-key", &new_key, "app1/db"]);
    rec.run(&["--read-key", &new_key, "get", "app1/db"]);
    rec.run(&["sync", "--to-region", "eu-west-1"]);
    rec.run(&["delete", "-y", "app1/api"]);
    rec.run(&["prune", "--keep", "1", "app1/db"]);
    rec.run(&["doctor"]);
    rec.run(&["setup"]);
    let runs = rec.take();
    // Rotating keys: the admin holds the policy of the old key and of the new one.
    let admin = policy(&env, &key, &["--admin", "--replica-region", "eu-west-1"]);
    let admin_new = policy(&env, &new_key, &["--admin"]);
    assert_covered(
        "admin",
        &[admin.clone(), admin_new],
        &runs,
        &key,
        false,
        &[],
    );
    // The old key's policy alone does not reach the new key.
    let rekey = &runs.iter().find(|(c, _)| c.starts_with("rekey")).unwrap().1;
    assert!(some_denied(std::slice::from_ref(&admin), rekey, &key));
    assert!(admin.to_string().contains("cloudtrail:LookupEvents"));
}

#[test]
fn a_prefix_admin_manages_its_prefix_and_cannot_rewrap() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = key_of(&env);
    put(&env, "app1/db", "one");
    put(&env, "app1/db", "two");
    env.cmd()
        .args(["put", "--legacy", "app1/old", "credstash's"])
        .run()
        .success();
    let admin = policy(
        &env,
        &key,
        &[
            "--admin",
            "--prefix",
            INSIDE,
            "--replica-region",
            "eu-west-1",
        ],
    );
    let mut rec = Recorder::new(&env);
    rec.run(&["setup"]);
    rec.run(&["put", "app1/api", "three"]);
    rec.run(&["get", "app1/db"]);
    rec.run(&["history", "app1/db"]);
    rec.run(&["delete", "-y", "app1/api"]);
    rec.run(&["prune", "--keep", "1", "app1/db"]);
    rec.run(&["sync", "--to-region", "eu-west-1"]);
    rec.run(&["doctor"]);
    let names_nothing = ["setup", "doctor"];
    assert_covered(
        "admin --prefix",
        std::slice::from_ref(&admin),
        &rec.take(),
        &key,
        true,
        &names_nothing,
    );

    // ReEncrypt's context condition cannot tie its source to the prefix: a prefix admin
    // gets no ReEncrypt (the table-wide admin binds and rekeys).
    rec.run(&["bind", "app1/old"]);
    rec.run(&["rekey", "--to-key", &key, "app1/db"]);
    for (command, requests) in rec.take() {
        let rewraps: Vec<Authz> = requests
            .iter()
            .flat_map(|r| authorizations(r, &key))
            .filter(|a| a.action.starts_with("kms:ReEncrypt"))
            .collect();
        assert!(!rewraps.is_empty(), "`{command}` sent no ReEncrypt");
        for a in rewraps {
            assert!(!allowed_by_any(std::slice::from_ref(&admin), &a), "{a:?}");
        }
    }
}

#[test]
fn an_abac_policy_follows_the_principal_tag() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = key_of(&env);
    let reader = policy(&env, &key, &["--reader", "--principal-tag", "team"]);
    let mut rec = Recorder::new(&env);
    rec.run(&["put", "app1/db", "one"]);
    rec.run(&["get", "app1/db"]);
    let runs = rec.take();
    let tagged =
        |team: &str| BTreeMap::from([("aws:PrincipalTag/team".to_string(), team.to_string())]);
    let get: Vec<Authz> = runs[1]
        .1
        .iter()
        .flat_map(|r| authorizations(r, &key))
        .collect();
    assert!(get.iter().all(|a| allows(&reader, a, &tagged("app1"))));
    assert!(get.iter().any(|a| !allows(&reader, a, &tagged("app2"))));
}

#[test]
fn policy_refuses_what_it_cannot_express() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = key_of(&env);
    let usage = |args: &[&str]| {
        with_key(&env, &key)
            .arg("policy")
            .args(args.iter().copied())
            .run()
            .code(2)
            .error_line();
    };
    usage(&["--prefix", "a*b"]);
    usage(&["--prefix", "*"]);
    usage(&["--principal", "arn:aws:iam::1:role/r"]);
    usage(&["--reader", "--writer"]);
    usage(&["--prefix", "a/", "--principal-tag", "team"]);
    let local = TestEnv::bare(Backend::Local);
    local.cmd().arg("policy").run().code(2).error_line();
    // An unresolvable key still prints a policy, with placeholders, and says why.
    let out = with_key(&env, "alias/none-such").arg("policy").run();
    out.success().stderr_contains("warning: KMS key");
    assert!(out.stdout_str().contains("key/KEY_ID"), "{}", out.report());
    assert!(out.stdout_str().contains(ACCOUNT) || out.stdout_str().contains("ACCOUNT_ID"));
}

/// (point-in-time recovery, deletion protection) of `table`, as moto reports them.
fn protection(table: &str) -> (bool, bool) {
    harness::rt().block_on(async {
        let dynamo = harness::dynamo();
        let backups = dynamo
            .describe_continuous_backups()
            .table_name(table)
            .send()
            .await
            .expect("DescribeContinuousBackups");
        let pitr = backups
            .continuous_backups_description()
            .and_then(|d| d.point_in_time_recovery_description())
            .and_then(|p| p.point_in_time_recovery_status())
            .map(|s| s.as_str() == "ENABLED")
            .unwrap_or(false);
        let described = dynamo
            .describe_table()
            .table_name(table)
            .send()
            .await
            .expect("DescribeTable");
        let deletion = described
            .table()
            .and_then(|t| t.deletion_protection_enabled())
            .unwrap_or(false);
        (pitr, deletion)
    })
}

#[test]
fn setup_protects_the_table_and_doctor_says_so() {
    let env = TestEnv::new(Backend::Dynamo);
    assert_eq!(protection(&env.table), (true, true));
    env.cmd()
        .arg("doctor")
        .run()
        .success()
        .stdout_contains("point-in-time recovery on, deletion protection on");
    // setup on the existing, protected table warns of nothing.
    let again = env.cmd().arg("setup").run();
    again.success();
    assert!(
        !again.stderr_str().contains(" is off"),
        "{}",
        again.report()
    );

    let bare = TestEnv::bare(Backend::Dynamo);
    bare.cmd()
        .args([
            "setup",
            "--no-point-in-time-recovery",
            "--no-deletion-protection",
        ])
        .run()
        .success();
    assert_eq!(protection(&bare.table), (false, false));
    bare.cmd()
        .arg("setup")
        .run()
        .success()
        .stderr_contains("point-in-time recovery is off: `aws dynamodb update-continuous-backups")
        .stderr_contains("deletion protection is off: `aws dynamodb update-table");
    // Unprotected still works: doctor passes and says what is off.
    bare.cmd()
        .arg("doctor")
        .run()
        .success()
        .stdout_contains("protection")
        .stdout_contains("point-in-time recovery is off");

    let local = TestEnv::new(Backend::Local);
    local
        .cmd()
        .arg("doctor")
        .run()
        .success()
        .stdout_contains("n/a: point-in-time recovery and deletion protection are DynamoDB's");
}

/// parliament: CREDSTORE_TEST_PARLIAMENT, else the virtualenv scripts/test makes.
fn parliament_bin() -> Option<PathBuf> {
    let found = harness::find_tool(
        "CREDSTORE_TEST_PARLIAMENT",
        ".venv-parliament/bin/parliament",
    );
    assert!(
        found.is_some() || !harness::is_ci(),
        "parliament not found (CI=true): scripts/test creates .venv-parliament, or set \
         CREDSTORE_TEST_PARLIAMENT=/path/to/parliament"
    );
    found
}

#[test]
fn parliament_finds_nothing_wrong_in_the_golden_policies() {
    let Some(parliament) = parliament_bin() else {
        eprintln!(
            "SKIPPED parliament_finds_nothing_wrong_in_the_golden_policies: parliament not \
             found; run scripts/test or set CREDSTORE_TEST_PARLIAMENT"
        );
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/policy");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden/policy")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "golden policies missing in {}",
        dir.display()
    );
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let out = std::process::Command::new(&parliament)
            .args(["--json", "--string", &text])
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run parliament");
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let stdout = String::from_utf8_lossy(&out.stdout);
        for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
            let finding: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{name}: parliament printed {line:?} ({e})"));
            // A key policy's resource is the key itself: `*` is the only form there.
            if name.contains("key-policy") && finding["issue"] == "RESOURCE_STAR" {
                continue;
            }
            problems.push(format!("{name}: {line}"));
        }
        if stdout.trim().is_empty() && !out.status.success() {
            problems.push(format!(
                "{name}: parliament failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
