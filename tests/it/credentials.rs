//! No credentials anywhere: the command fails fast (one bounded instance-metadata probe,
//! none when it is disabled), exits 1 and names the sources it tried (issue 28).

use crate::harness::{Backend, TestEnv};
use std::io::Read;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What the fake instance metadata service does with a connection.
#[derive(Clone, Copy)]
enum Imds {
    /// Closes it at once (a host with nothing behind the address answers like this).
    Close,
    /// Keeps it open and never answers.
    Hang,
}

/// A fake IMDS on loopback: its URL and the count of connections it accepted.
fn fake_imds(mode: Imds) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake IMDS");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            match mode {
                Imds::Close => drop(stream),
                Imds::Hang => kept.push(stream),
            }
        }
        // Unreachable in practice; keeps the hanging streams alive until then.
        for mut s in kept {
            let _ = s.read(&mut [0u8; 1]);
        }
    });
    (url, count)
}

/// Runs `get` without any credentials, instance metadata at `imds`, or disabled.
fn get_without_credentials(
    env: &TestEnv,
    imds: &str,
    disabled: bool,
) -> (crate::harness::Output, Duration) {
    let cmd = env
        .cmd()
        .args(["get", "anything"])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds)
        .env(
            "AWS_EC2_METADATA_DISABLED",
            if disabled { "true" } else { "false" },
        )
        .timeout(Duration::from_secs(30));
    let start = Instant::now();
    let out = cmd.run();
    (out, start.elapsed())
}

const NAMES_THE_SOURCES: &str = "no AWS credentials found; tried the environment \
     (AWS_ACCESS_KEY_ID), the profile files (~/.aws/credentials, ~/.aws/config), web identity \
     (AWS_WEB_IDENTITY_TOKEN_FILE), the container endpoint (AWS_CONTAINER_CREDENTIALS_*_URI) \
     and EC2 instance metadata; set one up, or use --local";

#[test]
fn no_credentials_probes_instance_metadata_once_and_names_the_sources() {
    let env = TestEnv::new(Backend::Dynamo);
    let (url, count) = fake_imds(Imds::Close);
    let (out, elapsed) = get_without_credentials(&env, &url, false);
    out.code(1).stderr_contains(NAMES_THE_SOURCES);
    // One attempt (the SDK's default is four, with backoff between them).
    assert_eq!(count.load(Ordering::SeqCst), 1, "{}", out.report());
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

#[test]
fn an_instance_metadata_service_that_never_answers_costs_one_read_timeout() {
    let env = TestEnv::new(Backend::Dynamo);
    let (url, count) = fake_imds(Imds::Hang);
    let (out, elapsed) = get_without_credentials(&env, &url, false);
    out.code(1).stderr_contains(NAMES_THE_SOURCES);
    // One connection, given up after the 1 s read timeout (before: two, 2 s and more).
    assert_eq!(count.load(Ordering::SeqCst), 1, "{}", out.report());
    assert!(elapsed < Duration::from_secs(4), "took {elapsed:?}");
}

#[test]
fn disabled_instance_metadata_is_not_probed_and_the_error_is_immediate() {
    let env = TestEnv::new(Backend::Dynamo);
    let (url, count) = fake_imds(Imds::Close);
    let (out, elapsed) = get_without_credentials(&env, &url, true);
    out.code(1).stderr_contains(NAMES_THE_SOURCES);
    assert_eq!(count.load(Ordering::SeqCst), 0, "{}", out.report());
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}
