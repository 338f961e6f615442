//! An explicit profile (`-p NAME`) decides the identity: its credentials win over the
//! access keys in the environment, its region applies unless `--region` or the region
//! variables say otherwise (botocore's order), role assumption (`--arn`) starts from it,
//! and a profile that does not exist is a usage error before any call. Each request is
//! checked at a recording proxy by the SigV4 credential scope it was signed with.

use crate::harness;
use crate::harness::fault_proxy::{Action, Credential, FaultProxy};
use crate::harness::{Backend, Cmd, Endpoints, TestEnv};
use std::path::PathBuf;

/// The key id of profile `dev` in the shared credentials file.
const PROFILE_KEY: &str = "AKIADEVPROFILE000001";
/// The key id exported in the environment.
const ENV_KEY: &str = "AKIAENVIRONMENT00001";
/// The key id of the `default` profile.
const DEFAULT_KEY: &str = "AKIADEFAULTPROFILE01";
/// The region of profile `dev` (not the harness's region, nor the fallback).
const PROFILE_REGION: &str = "eu-west-2";

/// Writes a config and a credentials file with profiles `dev` (region eu-west-2) and
/// `default`, and returns their paths.
fn profile_files(env: &TestEnv) -> (PathBuf, PathBuf) {
    let config = env.dir.path().join("aws-config");
    let credentials = env.dir.path().join("aws-credentials");
    std::fs::write(
        &config,
        format!("[default]\nregion = us-west-1\n\n[profile dev]\nregion = {PROFILE_REGION}\n"),
    )
    .unwrap();
    std::fs::write(
        &credentials,
        format!(
            "[default]\naws_access_key_id = {DEFAULT_KEY}\naws_secret_access_key = default-secret\n\n\
             [dev]\naws_access_key_id = {PROFILE_KEY}\naws_secret_access_key = dev-secret\n"
        ),
    )
    .unwrap();
    (config, credentials)
}

/// A command through `proxy` against `env`'s table with key `key_id`, the profile files in
/// place, and the wrong keys exported; no region variable unless the test sets one.
fn via(env: &TestEnv, proxy: &FaultProxy, key_id: &str) -> Cmd {
    let (config, credentials) = profile_files(env);
    env.cmd_via(Endpoints::at(proxy.endpoint()).key(key_id))
        .env("AWS_CONFIG_FILE", config)
        .env("AWS_SHARED_CREDENTIALS_FILE", credentials)
        .env("AWS_ACCESS_KEY_ID", ENV_KEY)
        .env("AWS_SECRET_ACCESS_KEY", "env-secret")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .env_remove("AWS_PROFILE")
}

/// The credential scope of every request the proxy saw (a request without one fails).
fn signers(proxy: &FaultProxy) -> Vec<Credential> {
    let seen = proxy.seen();
    assert!(!seen.is_empty(), "the command made no request");
    seen.iter()
        .map(|(r, _)| {
            r.credential()
                .unwrap_or_else(|| panic!("request {} ({}) is not SigV4-signed", r.index, r.target))
        })
        .collect()
}

#[track_caller]
fn assert_all_signed_by(proxy: &FaultProxy, key: &str, region: &str) {
    for c in signers(proxy) {
        assert_eq!(
            (c.access_key_id.as_str(), c.region.as_str()),
            (key, region),
            "a {} request was signed with the wrong key or region",
            c.service
        );
    }
}

/// A KMS key created in `region` of the emulator (keys are per region).
fn create_key_in(region: &str) -> String {
    let client = harness::kms_in(region);
    harness::rt().block_on(async {
        client
            .create_key()
            .send()
            .await
            .expect("CreateKey")
            .key_metadata()
            .expect("key metadata")
            .key_id()
            .to_string()
    })
}

/// A table and a KMS key in the profile's region, with one secret stored there.
fn seeded_in_profile_region() -> (TestEnv, String) {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = create_key_in(PROFILE_REGION);
    for args in [
        vec!["setup"],
        vec!["put", "-k", key.as_str(), "db.password", "in-eu-west-2"],
    ] {
        env.cmd()
            .args(["-r", PROFILE_REGION])
            .args(args)
            .run()
            .success();
    }
    (env, key)
}

#[test]
fn explicit_profile_signs_with_its_keys_in_its_region() {
    let (env, key) = seeded_in_profile_region();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy, &key)
        .args(["-p", "dev", "put", "db.password", "second"])
        .run()
        .success();
    via(&env, &proxy, &key)
        .args(["-p", "dev", "get", "-n", "db.password"])
        .run()
        .success()
        .stdout_eq("second");
    let services: Vec<String> = signers(&proxy).into_iter().map(|c| c.service).collect();
    assert!(
        services.iter().any(|s| s == "dynamodb") && services.iter().any(|s| s == "kms"),
        "both services were called: {services:?}"
    );
    assert_all_signed_by(&proxy, PROFILE_KEY, PROFILE_REGION);
}

#[test]
fn region_flag_overrides_the_profile_region() {
    // The harness's table and key live in its region, not the profile's.
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "api.token", "t0k"]).run().success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy, env.key_id.as_deref().unwrap())
        .args(["-p", "dev", "-r", harness::REGION, "get", "-n", "api.token"])
        .run()
        .success()
        .stdout_eq("t0k");
    assert_all_signed_by(&proxy, PROFILE_KEY, harness::REGION);
}

#[test]
fn region_variable_overrides_the_profile_region_as_in_botocore() {
    // botocore resolves the region as: explicit argument, AWS_DEFAULT_REGION, the
    // profile's `region`; the credentials still come from the profile.
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "api.token", "t0k"]).run().success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy, env.key_id.as_deref().unwrap())
        .env("AWS_DEFAULT_REGION", harness::REGION)
        .args(["-p", "dev", "get", "-n", "api.token"])
        .run()
        .success()
        .stdout_eq("t0k");
    assert_all_signed_by(&proxy, PROFILE_KEY, harness::REGION);
}

#[test]
fn unknown_profile_is_a_usage_error_before_any_call() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "api.token", "t0k"]).run().success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    let out = via(&env, &proxy, env.key_id.as_deref().unwrap())
        .args(["-p", "nosuchprofile", "get", "-n", "api.token"])
        .run();
    out.code(2).error_line().stdout_empty();
    let err = out.stderr_str();
    assert_eq!(err.lines().count(), 1, "one line\n{}", out.report());
    assert!(
        err.contains("\"nosuchprofile\""),
        "names the profile\n{err}"
    );
    assert!(
        err.contains("aws-config") && err.contains("aws-credentials"),
        "names the files that were read\n{err}"
    );
    assert!(
        proxy.seen().is_empty(),
        "nothing was called: {:?}",
        proxy.seen()
    );

    // Without the variables, the default locations are named.
    let out = via(&env, &proxy, env.key_id.as_deref().unwrap())
        .env_remove("AWS_CONFIG_FILE")
        .env_remove("AWS_SHARED_CREDENTIALS_FILE")
        .args(["-p", "dev", "get", "-n", "api.token"])
        .run();
    out.code(2)
        .error_line()
        .stderr_contains("\"dev\"")
        .stderr_contains("~/.aws/config")
        .stderr_contains("~/.aws/credentials");
    assert!(
        proxy.seen().is_empty(),
        "nothing was called: {:?}",
        proxy.seen()
    );
}

#[test]
fn role_assumption_starts_from_the_profile() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "api.token", "t0k"]).run().success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy, env.key_id.as_deref().unwrap())
        .args([
            "-p",
            "dev",
            "-r",
            harness::REGION,
            "--arn",
            "arn:aws:iam::123456789012:role/credstore-reader",
            "get",
            "-n",
            "api.token",
        ])
        .run()
        .success()
        .stdout_eq("t0k");
    let signers = signers(&proxy);
    let sts: Vec<&Credential> = signers.iter().filter(|c| c.service == "sts").collect();
    assert_eq!(sts.len(), 1, "one AssumeRole: {signers:?}");
    assert_eq!(
        sts[0].access_key_id, PROFILE_KEY,
        "AssumeRole is signed by the profile"
    );
    for c in signers.iter().filter(|c| c.service != "sts") {
        assert!(
            ![PROFILE_KEY, ENV_KEY, DEFAULT_KEY].contains(&c.access_key_id.as_str()),
            "{} is called with the role's credentials, not {}",
            c.service,
            c.access_key_id
        );
    }
}

#[test]
fn without_a_profile_the_environment_keys_are_used() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "api.token", "t0k"]).run().success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy, env.key_id.as_deref().unwrap())
        .env("AWS_REGION", harness::REGION)
        .args(["get", "-n", "api.token"])
        .run()
        .success()
        .stdout_eq("t0k");
    assert_all_signed_by(&proxy, ENV_KEY, harness::REGION);
}
