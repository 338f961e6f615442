//! The second adversarial review (issue 21): an envelope's wrap region must not choose the
//! KMS host, bind must not launder a downgrade, the denylist covers every family of
//! command-bearing variables, and a server that never answers fails a read within the
//! default deadline. Each case failed on the main branch before its fix. The replica-wrap
//! and sync cases live with the other regional tests (`regions`).

use std::io::ErrorKind;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use super::boundaries::{copy_item_over, exec_ran, put};
use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::{self, Backend, Endpoints, TestEnv, no_panic};
use credstore::internals::envelope_format as format;
use sha2::{Digest as _, Sha256};

on_both_backends!(
    bind_refuses_to_launder_a_downgrade,
    derived_names_never_set_command_bearing_variables,
    allowlist_entries_may_name_a_variable_prefix,
);

/// `envelope` with its home wrap's region replaced by `region` and the header checksum
/// recomputed, as the author of a file can.
fn with_wrap_region(envelope: &[u8], region: &str) -> Vec<u8> {
    let header = format::parse(envelope).unwrap();
    let old = header.wraps[0].region.as_bytes();
    let prefix_len = header.len - header.hash.len() - header.commitment.len();
    let prefix = &envelope[..prefix_len];
    let mut needle = vec![u8::try_from(old.len()).unwrap()];
    needle.extend_from_slice(old);
    let at = prefix
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
        .expect("the region in the header");
    let mut forged = prefix[..at].to_vec();
    forged.push(u8::try_from(region.len()).unwrap());
    forged.extend_from_slice(region.as_bytes());
    forged.extend_from_slice(&prefix[at + needle.len()..]);
    let hash = Sha256::digest(&forged);
    forged.extend_from_slice(&hash);
    forged.extend_from_slice(&header.commitment);
    forged.extend_from_slice(&envelope[header.len..]);
    forged
}

/// Finding 1: a wrap region such as `x@HOST:PORT/` became part of the KMS endpoint, so the
/// signed Decrypt went to the file author's host. The region is refused (exit 4) before any
/// request: a listener standing in for that host sees no connection.
#[test]
fn an_envelope_s_wrap_region_never_chooses_the_kms_host() {
    let env = TestEnv::bare(Backend::Dynamo);
    let sealed = env
        .cmd()
        .args(["encrypt", "app=web"])
        .stdin(b"the real file".to_vec())
        .run()
        .success()
        .stdout
        .clone();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    for region in [
        format!("x@127.0.0.1:{port}/"),
        format!("127.0.0.1:{port}/"),
        "evil.example/".to_string(),
        "us-east-1.evil.example".to_string(),
    ] {
        let forged = with_wrap_region(&sealed, &region);
        // No endpoint override: the region alone would choose the host, as against AWS.
        let out = env
            .cmd_via(Endpoints::by_region())
            .args(["decrypt", "app=web"])
            .stdin(forged)
            .timeout(Duration::from_secs(30))
            .run();
        no_panic(&out)
            .code(4)
            .error_line()
            .stderr_contains("region")
            .stdout_empty();
        match listener.accept() {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            other => panic!("{region}: the file's host was contacted: {other:?}"),
        }
    }
    // The envelope itself still opens.
    env.cmd()
        .args(["decrypt", "app=web"])
        .stdin(sealed)
        .run()
        .success()
        .stdout_eq("the real file");
}

/// Finding 1, arguments and configuration: a region that is not a region name is refused
/// (exit 2) before anything is signed, from a flag or from the environment.
#[test]
fn a_configured_region_must_be_a_region_name() {
    let env = TestEnv::bare(Backend::Dynamo);
    for args in [
        &["-r", "x@127.0.0.1:9/", "get", "a"][..],
        &["--kms-region", "evil.example/", "get", "a"][..],
    ] {
        let out = env.cmd().args(args).run();
        no_panic(&out).code(2);
    }
    let out = env
        .cmd()
        .args(["get", "a"])
        .env("AWS_REGION", "x@127.0.0.1:9/")
        .env("AWS_DEFAULT_REGION", "x@127.0.0.1:9/")
        .run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains("not an AWS region name");
}

/// Finding 2: reads refuse an unbound version that sorts after a bound one (a possible
/// downgrade); `bind --all` bound exactly that version without a word, after which `get`
/// and `--strict get` returned the other secret's value. bind applies the read rule (exit
/// 5, and its dry run says so); `--allow-downgrade` is the explicit opt-in.
fn bind_refuses_to_launder_a_downgrade(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "db", "right-value");
    env.cmd()
        .args(["put", "other", "wrong-value", "--legacy"])
        .run()
        .success();
    copy_item_over(&env, "other", "db", 2);

    let out = env.cmd().args(["bind", "--all", "--dry-run"]).run();
    no_panic(&out)
        .code(5)
        .stderr_contains("downgrade")
        .stderr_contains("\"db\"")
        .no_leak("wrong-value");
    let out = env.cmd().args(["bind", "--all"]).run();
    no_panic(&out)
        .code(5)
        .stderr_contains("--allow-downgrade")
        .no_leak("wrong-value");
    // The other unbound secret was bound; the downgrade was not.
    out.stderr_contains("bound 1");
    for strict in [&[][..], &["--strict"][..]] {
        let out = env.cmd().args(strict).args(["get", "db"]).run();
        no_panic(&out).code(5).no_leak("wrong-value");
    }
    env.cmd()
        .args(["bind", "db"])
        .run()
        .code(5)
        .stderr_contains("downgrade");
    // On purpose, for a version its writer knows.
    env.cmd()
        .args(["bind", "db", "--allow-downgrade"])
        .run()
        .success();
    env.cmd()
        .args(["--strict", "get", "db"])
        .run()
        .success()
        .stdout_eq("wrong-value\n");
}

/// Finding 3: secrets under a prefix named for git, make, less, ssh, Go, Cargo, proxy,
/// endpoint, TLS and config-file variables ran their payloads (`git status`, `make`,
/// `less`) or were exported silently. Each family is refused; nothing is launched.
fn derived_names_never_set_command_bearing_variables(b: Backend) {
    let env = TestEnv::new(b);
    let families = [
        "git_config_parameters",
        "git_config_count",
        "git_config_key_0",
        "git_external_diff",
        "git_askpass",
        "ssh_askpass",
        "makeflags",
        "lessopen",
        "goflags",
        "rustc_wrapper",
        "home",
        "aws_endpoint_url",
        "aws_endpoint_url_kms",
        "https_proxy",
        "http_proxy",
        "all_proxy",
        "node_tls_reject_unauthorized",
    ];
    for name in families {
        let secret = format!("evil/{name}");
        put(&env, &secret, "sh -c 'touch pwned'");
        let (out, ran) = exec_ran(&env, &["--prefix", "evil/"]);
        no_panic(&out).code(2).error_line();
        assert!(!ran, "{name}: nothing may be launched");
        let var = name.to_uppercase();
        assert!(
            out.stderr_str().contains(&var) && out.stderr_str().contains(&secret),
            "{name}: names the variable and the secret: {}",
            out.report()
        );
        let out = env.cmd().args(["env", "--prefix", "evil/"]).run();
        no_panic(&out).code(2).stdout_empty();
        env.cmd().args(["delete", "-y", &secret]).run().success();
    }
    assert!(!env.dir.path().join("pwned").exists());
}

/// The allowlist the README recommends for production entrypoints is easy to write: a
/// trailing `*` allows a variable prefix, and CREDSTORE_ALLOW sets it for an image.
fn allowlist_entries_may_name_a_variable_prefix(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "svc/app_token", "1");
    put(&env, "svc/app_db", "2");
    let (out, ran) = exec_ran(&env, &["--prefix", "svc/", "--allow", "APP_*"]);
    out.success();
    assert!(ran);
    put(&env, "svc/other", "3");
    let (out, ran) = exec_ran(&env, &["--prefix", "svc/", "--allow", "APP_*"]);
    no_panic(&out).code(2).stderr_contains("OTHER");
    assert!(!ran);
    let marker = env.dir.path().join("ran");
    let out = env
        .cmd()
        .args(["exec", "--prefix", "svc/", "--", "sh", "-c", "touch ran"])
        .env("CREDSTORE_ALLOW", "APP_*")
        .run();
    no_panic(&out).code(2).stderr_contains("--allow");
    assert!(!marker.exists());
}

/// The inherent case: a DynamoDB that accepts connections and never answers hung `get`
/// for good. Reads now end at the default deadline (60 s, exit 1, saying so), and a
/// command without an overall deadline (put) ends when its DynamoDB call times out.
#[test]
fn a_silent_table_fails_reads_at_the_default_deadline() {
    let env = TestEnv::new(Backend::Dynamo);
    let proxy = FaultProxy::start(harness::endpoint(), |r| {
        if r.target.starts_with("DynamoDB") {
            Action::Hang
        } else {
            Action::Pass
        }
    });
    let run = |args: &[&str]| {
        let started = Instant::now();
        let out = harness::via(&env, &proxy)
            .args(args)
            .timeout(Duration::from_secs(150))
            .run();
        (out, started.elapsed())
    };
    let results = harness::par_map(&[&["get", "a"][..], &["put", "a", "v"][..]], 2, |args| {
        run(args)
    });
    let (get, took) = &results[0];
    no_panic(get)
        .code(1)
        .error_line()
        .stderr_contains("timed out after 60s");
    assert!(*took < Duration::from_secs(90), "get ended after {took:?}");
    let (put, took) = &results[1];
    no_panic(put).failure().error_line();
    assert!(*took < Duration::from_secs(130), "put ended after {took:?}");
}
