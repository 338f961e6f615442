//! Trust boundaries: what someone who can write the table (or pass arguments, or close a
//! pipe) must not be able to do. Each case runs on both backends where it applies and failed
//! before the fix that it covers (findings of the adversarial review, issue #10).

use std::path::Path;

use crate::harness;
use crate::harness::raw::{Raw, Rest, scan_raw, write_raw};
use crate::harness::{Backend, Cmd, Endpoints, TestEnv, padded};

on_both_backends!(
    exec_refuses_denied_variables_from_derived_names,
    exec_map_may_set_a_denied_variable_explicitly,
    exports_refuse_denied_variables,
    allowlist_mode_fills_only_listed_variables,
    path_secret_never_chooses_the_program,
    downgrade_to_an_unbound_item_is_refused,
    unbound_reads_warn_once_and_follow_the_policy,
    names_and_comments_with_control_characters_are_refused,
    table_text_reaches_the_terminal_escaped,
    closed_stderr_never_panics,
    put_value_is_never_echoed_in_a_usage_error,
);

mod dynamo_only {
    use super::*;

    #[test]
    fn data_key_under_another_kms_key_is_refused() {
        data_key_under_another_kms_key_is_refused_case();
    }

    #[test]
    fn pinned_alias_is_resolved() {
        pinned_alias_is_resolved_case();
    }
}

pub(super) fn put(env: &TestEnv, name: &str, value: &str) {
    env.cmd().args(["put", name, value]).run().success();
}

/// Runs `sh -c 'touch ran'` (through exec with `args`) and says whether it ran.
pub(super) fn exec_ran(env: &TestEnv, args: &[&str]) -> (harness::Output, bool) {
    let marker = env.dir.path().join("ran");
    let _ = std::fs::remove_file(&marker);
    let out = env
        .cmd()
        .arg("exec")
        .args(args)
        .args(["--", "sh", "-c", "touch ran"])
        .run();
    let ran = marker.exists();
    (out, ran)
}

fn exec_refuses_denied_variables_from_derived_names(b: Backend) {
    let env = TestEnv::new(b);
    // BASH_ENV is expanded (command substitution included) by every non-interactive bash.
    put(&env, "app1/bash.env", "$(touch pwned)");
    put(&env, "app1/db.password", "pw");
    put(&env, "ld_preload", "/tmp/evil.so");
    for args in [
        &["--prefix", "app1/"][..],
        &["ld_*"][..],
        &["--all"][..],
        &["ld_preload"][..],
        &["--keep-case", "ld_preload"][..],
    ] {
        let (out, ran) = exec_ran(&env, args);
        out.code(2).error_line();
        assert!(!ran, "nothing may be launched: {}", out.report());
        let err = out.stderr_str();
        assert!(
            (err.contains("app1/bash.env") && err.contains("BASH_ENV"))
                || (err.contains("ld_preload") && err.to_uppercase().contains("LD_PRELOAD")),
            "the error names the secret and the variable: {err}"
        );
        assert!(err.contains("--map"), "says how to do it on purpose: {err}");
    }
    assert!(!env.dir.path().join("pwned").exists());
}

fn exec_map_may_set_a_denied_variable_explicitly(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app1/bash.env", "/etc/profile.d/app.sh");
    let out = env
        .cmd()
        .args(["exec", "--map", "BASH_ENV=app1/bash.env", "--"])
        .args(["sh", "-c", "printf '%s' \"$BASH_ENV\""])
        .run();
    out.success().stdout_eq("/etc/profile.d/app.sh");
}

fn exports_refuse_denied_variables(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "bash.env", "$(touch pwned)");
    put(&env, "ok", "1");
    for args in [
        &["getall", "-f", "shell"][..],
        &["getall", "-f", "dotenv"][..],
        &["get", "*", "-f", "shell"][..],
        &["env", "--all"][..],
        &["env", "-f", "dotenv", "*"][..],
    ] {
        let out = env.cmd().args(args).run();
        out.code(2).error_line().stdout_empty();
        assert!(
            out.stderr_str().contains("BASH_ENV"),
            "{args:?}: {}",
            out.report()
        );
    }
    // Formats that do not make variables are not affected.
    let out = env.cmd().args(["getall", "-f", "json"]).run();
    out.success();
    assert_eq!(out.json_map()["bash.env"], "$(touch pwned)");
}

fn allowlist_mode_fills_only_listed_variables(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app1/ok", "1");
    put(&env, "app1/other", "2");
    let (out, ran) = exec_ran(&env, &["--prefix", "app1/", "--allow", "OK"]);
    out.code(2)
        .stderr_contains("OTHER")
        .stderr_contains("app1/other");
    assert!(!ran);
    let (out, ran) = exec_ran(&env, &["--prefix", "app1/", "--allow", "OK,OTHER"]);
    out.success();
    assert!(ran);
    // An explicit --map is always allowed.
    let (out, ran) = exec_ran(
        &env,
        &[
            "--prefix",
            "app1/",
            "--allow",
            "OK",
            "--map",
            "X=app1/other",
        ],
    );
    out.code(2); // app1/other is still selected by the prefix as OTHER
    assert!(!ran);
    let (out, ran) = exec_ran(&env, &["--allow", "OK", "--map", "X=app1/other"]);
    out.success();
    assert!(ran);
}

fn path_secret_never_chooses_the_program(b: Backend) {
    let env = TestEnv::new(b);
    let fakebin = env.dir.path().join("fakebin");
    std::fs::create_dir(&fakebin).unwrap();
    let fake = fakebin.join("true");
    std::fs::write(&fake, "#!/bin/sh\ntouch hijacked\n").unwrap();
    make_executable(&fake);
    put(&env, "app/path", fakebin.to_str().unwrap());
    let hijacked = env.dir.path().join("hijacked");

    // Derived from a name, PATH is denied like the loader variables.
    let out = env
        .cmd()
        .args(["exec", "--pristine", "--prefix", "app/", "--", "true"])
        .run();
    out.code(2).stderr_contains("PATH");
    assert!(!hijacked.exists());

    // Set on purpose, it reaches the program, but the program is found with our PATH.
    let out = env
        .cmd()
        .args(["exec", "--pristine", "--map", "PATH=app/path", "--", "true"])
        .run();
    out.success();
    assert!(!hijacked.exists(), "the secret's PATH chose the binary");
    let out = env
        .cmd()
        .args(["exec", "--map", "PATH=app/path", "--", "sh", "-c"])
        .arg("printf '%s' \"$PATH\"")
        .run();
    out.success().stdout_eq(fakebin.to_str().unwrap());
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Copies the item of `from` (unbound) over `to` as its newest version, as anyone who can
/// write the table can.
pub(super) fn copy_item_over(env: &TestEnv, from: &str, to: &str, version: u64) {
    let mut raw: Raw = scan_raw(env)
        .into_iter()
        .find(|r| r.name == from)
        .expect("the source item");
    raw.name = to.to_string();
    raw.version = padded(version);
    write_raw(env, &raw);
}

fn downgrade_to_an_unbound_item_is_refused(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "db", "right-value");
    env.cmd()
        .args(["put", "other", "wrong-value", "--legacy"])
        .run()
        .success();
    copy_item_over(&env, "other", "db", 2);

    let out = env.cmd().args(["get", "db"]).run();
    out.code(5)
        .error_line()
        .stderr_contains("downgrade")
        .stderr_contains("\"db\"")
        .no_leak("wrong-value");
    let out = env.cmd().args(["getall"]).run();
    out.code(5)
        .stderr_contains("downgrade")
        .no_leak("wrong-value");
    let (out, ran) = exec_ran(&env, &["db"]);
    out.code(5).stderr_contains("downgrade");
    assert!(!ran);
    let (out, ran) = exec_ran(&env, &["--all"]);
    out.code(5);
    assert!(!ran);
    // The older bound version stays readable, and the policy can let it through.
    env.cmd()
        .args(["get", "db", "-v", "1"])
        .run()
        .success()
        .stdout_eq("right-value\n");
    env.cmd()
        .args(["--unbound", "allow", "get", "db"])
        .run()
        .success()
        .stdout_eq("wrong-value\n");
    // An unbound history older than the first bound version (a credstash table whose
    // secret was then re-put with credstore) stays readable.
    env.cmd()
        .args(["put", "hist", "old", "--legacy"])
        .run()
        .success();
    put(&env, "hist", "new");
    env.cmd()
        .args(["get", "hist", "-v", "1"])
        .run()
        .success()
        .stdout_eq("old\n");
    env.cmd()
        .args(["get", "hist"])
        .run()
        .success()
        .stdout_eq("new\n");
}

fn unbound_reads_warn_once_and_follow_the_policy(b: Backend) {
    let env = TestEnv::new(b);
    for name in ["legacy1", "legacy2"] {
        env.cmd()
            .args(["put", name, "v", "--legacy"])
            .run()
            .success();
    }
    put(&env, "bound", "b");
    let out = env.cmd().args(["get", "legacy1"]).run();
    out.success().stdout_eq("v\n");
    assert_eq!(
        out.stderr_str().matches("warning:").count(),
        1,
        "{}",
        out.report()
    );
    out.stderr_contains("1 item was read that is not bound")
        .stderr_contains("--strict");
    let out = env.cmd().args(["getall"]).run();
    out.success();
    assert_eq!(out.stderr_str().matches("warning:").count(), 1);
    out.stderr_contains("2 items were read");
    let out = env.cmd().args(["get", "bound"]).run();
    out.success();
    assert!(!out.stderr_str().contains("warning"), "{}", out.report());
    let out = env.cmd().args(["--unbound", "allow", "getall"]).run();
    out.success();
    assert!(!out.stderr_str().contains("warning"), "{}", out.report());
    env.cmd()
        .args(["--unbound", "refuse", "get", "legacy1"])
        .run()
        .code(5);
    env.cmd()
        .args(["get", "legacy1"])
        .env("CREDSTORE_UNBOUND", "refuse")
        .run()
        .code(5);
}

fn names_and_comments_with_control_characters_are_refused(b: Backend) {
    let env = TestEnv::new(b);
    for name in [
        "a\u{1b}]0;title\u{7}",
        "evil\u{202e}txt",
        "zero\u{200b}width",
    ] {
        let out = env.cmd().args(["put", name, "v"]).run();
        out.code(2).error_line();
        assert!(!out.stderr.contains(&0x1b), "{}", out.report());
    }
    for comment in ["fake\nline", "\u{1b}[2J", "rtl\u{202e}"] {
        let out = env.cmd().args(["put", "ok", "v", "-c", comment]).run();
        out.code(2).error_line().stderr_contains("comment");
    }
    env.cmd().args(["list"]).run().success().stdout_empty();
}

fn table_text_reaches_the_terminal_escaped(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "plain", "v", "--legacy", "-c", "fine"])
        .run()
        .success();
    let evil_name = "evil\u{1b}]0;pwned\u{7}\r\nroot -- version 1";
    let mut raw = scan_raw(&env).pop().expect("the item");
    raw.name = evil_name.to_string();
    raw.version = format!("{}\u{1b}[31m", padded(1));
    let comment = "c\u{1b}[2J\u{202e}";
    match &mut raw.rest {
        Rest::Dynamo(item, _) => {
            item.insert(
                "comment".into(),
                aws_sdk_dynamodb::types::AttributeValue::S(comment.into()),
            );
        }
        Rest::Local(_, c, _) => *c = rusqlite::types::Value::Text(comment.into()),
    }
    write_raw(&env, &raw);

    let raw_bytes = [0x1b_u8, 0x07, b'\r'];
    let clean = |out: &harness::Output| {
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.iter().any(|b| raw_bytes.contains(b)),
                "raw control bytes reached the terminal: {}",
                out.report()
            );
        }
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains('\u{202e}'),
            "{}",
            out.report()
        );
    };
    let out = env.cmd().args(["list"]).run();
    out.success().stdout_contains("evil\\u{001b}]0;pwned");
    clean(&out);
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "no forged line: {lines:?}");
    let out = env.cmd().args(["keys"]).run();
    out.success();
    clean(&out);
    assert_eq!(out.lines().len(), 2);
    let out = env.cmd().args(["history", evil_name]).run();
    out.success().stdout_contains("\\u{001b}[31m");
    clean(&out);
    // An error about the item names it escaped too (its version is not padded-numeric,
    // so `get` reads it as the latest; the copy is unbound, so it decrypts; damage it).
    let mut broken = raw.clone();
    broken.hmac = "00".repeat(32);
    write_raw(&env, &broken);
    let out = env.cmd().args(["get", evil_name]).run();
    out.code(4).error_line();
    clean(&out);
}

fn closed_stderr_never_panics(b: Backend) {
    let env = TestEnv::new(b);
    // stderr is a pipe whose reader is gone: every write to it fails with EPIPE.
    let closed = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_credstore"))
            .args(env.global_args())
            .args(args)
            .env_clear()
            .envs(env.base_env())
            .current_dir(env.dir.path())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close our (the only) read end at once: the command's first diagnostic meets EPIPE.
        drop(child.stderr.take());
        child.wait().unwrap().code()
    };
    assert_eq!(closed(&["put", "x", "v"]), Some(0), "stored, so success");
    let history = env.cmd().args(["history", "x"]).run();
    history.success();
    assert_eq!(history.lines().len(), 1, "exactly one version stored");
    assert_eq!(closed(&["get", "missing"]), Some(3));
    assert_eq!(closed(&["put", "x", "v", "-v", "1"]), Some(6));
    assert_eq!(closed(&["get", "x"]), Some(0));
}

fn put_value_is_never_echoed_in_a_usage_error(b: Backend) {
    let env = TestEnv::new(b);
    for args in [
        &["put", "db.password", "--Sup3r"][..],
        &["put", "db.password", "-Sup3rSecret"][..],
        &["put", "db.password", "v", "--Sup3r"][..],
        &["putall", "--Sup3r"][..],
    ] {
        let out = env.cmd().args(args).run();
        out.code(2).no_leak("Sup3r");
        assert!(out.stderr_str().contains("error"), "{}", out.report());
    }
    // Other commands keep clap's message, which names the bad flag.
    env.cmd()
        .args(["get", "db.password", "--bogus-flag"])
        .run()
        .code(2)
        .stderr_contains("--bogus-flag");
    // And the documented way to store such a value works.
    env.cmd()
        .args(["put", "db.password", "--", "--Sup3r"])
        .run()
        .success();
    env.cmd()
        .args(["get", "db.password"])
        .run()
        .success()
        .stdout_eq("--Sup3r\n");
}

/// Global options for the test's table and endpoint, with `key` instead of the test's key.
fn with_key(env: &TestEnv, key: &str) -> Cmd {
    env.cmd_via(Endpoints::own().key(key))
}

fn data_key_under_another_kms_key_is_refused_case() {
    let env = TestEnv::new(Backend::Dynamo);
    let mine = env.key_id.clone().unwrap();
    let theirs = harness::create_kms_key();
    // A writer wraps under a key of their own, with a correct name binding.
    with_key(&env, &theirs)
        .args(["put", "db", "forged"])
        .run()
        .success();
    // With one expected key, KMS itself is told which key to use and refuses the other.
    let out = env.cmd().args(["--strict", "get", "db"]).run();
    out.code(5).error_line().no_leak("forged");
    // With several, the key KMS reports is checked, and the error names both.
    let other = harness::create_kms_key();
    let out = env
        .cmd()
        .args(["get", "db", "--read-key", &mine, "--read-key", &other])
        .run();
    out.code(5).error_line().no_leak("forged");
    out.stderr_contains(&mine)
        .stderr_contains(&other)
        .stderr_contains(&theirs);
    // During a rotation both keys are accepted when listed.
    env.cmd()
        .args(["get", "db", "--read-key", &mine, "--read-key", &theirs])
        .run()
        .success()
        .stdout_eq("forged\n");
    env.cmd()
        .args(["get", "db"])
        .env("CREDSTORE_READ_KEYS", format!("{mine},{theirs}"))
        .run()
        .success();
    env.cmd()
        .args(["get", "db", "--read-key", &mine])
        .run()
        .code(5);
    // Bulk reads are pinned too.
    env.cmd().args(["getall"]).run().code(5).no_leak("forged");
}

fn pinned_alias_is_resolved_case() {
    let env = TestEnv::new(Backend::Dynamo);
    let mine = env.key_id.clone().unwrap();
    let theirs = harness::create_kms_key();
    let alias = format!("alias/credstore-pin-{}", &mine[..8]);
    harness::rt().block_on(async {
        harness::kms()
            .create_alias()
            .alias_name(&alias)
            .target_key_id(&mine)
            .send()
            .await
            .expect("CreateAlias");
    });
    put(&env, "good", "g");
    with_key(&env, &theirs)
        .args(["put", "bad", "b"])
        .run()
        .success();
    with_key(&env, &alias)
        .args(["get", "good"])
        .run()
        .success()
        .stdout_eq("g\n");
    with_key(&env, &alias).args(["get", "bad"]).run().code(5);
    // Resolved to its key ARN, the alias is compared with the key KMS reports.
    let other = harness::create_kms_key();
    with_key(&env, &alias)
        .args(["get", "good", "--read-key", &alias, "--read-key", &other])
        .run()
        .success()
        .stdout_eq("g\n");
    with_key(&env, &alias)
        .args(["get", "bad", "--read-key", &alias, "--read-key", &other])
        .run()
        .code(5)
        .stderr_contains(&alias)
        .stderr_contains(&theirs);
}
