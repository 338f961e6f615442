//! Operator conveniences: dry runs of deletes, credstash-compatible writes by default,
//! and the CI output formats (GitHub Actions, docker --env-file) read back by their
//! readers' rules.

use crate::harness::{Backend, Endpoints, TestEnv};

on_both_backends!(
    delete_and_prune_dry_runs_delete_nothing,
    legacy_variable_makes_legacy_the_default,
    github_format_appends_blocks_and_prints_masks,
    docker_format_is_literal_or_refused,
    listings_as_json,
    credstash_flags_are_accepted_or_refused_with_a_reason,
    prefix_without_a_separator_strips_it,
    all_versions_of_one_secret,
);

fn all_versions_of_one_secret(b: Backend) {
    let env = TestEnv::new(b);
    for value in ["first", "second", "third"] {
        put(&env, "rotated", value);
    }
    let out = env.cmd().args(["get", "rotated", "--all-versions"]).run();
    let got = out.success().json_map();
    let expected: std::collections::BTreeMap<String, String> = [
        ("0000000000000000001", "first"),
        ("0000000000000000002", "second"),
        ("0000000000000000003", "third"),
    ]
    .into_iter()
    .map(|(v, x)| (v.to_string(), x.to_string()))
    .collect();
    assert_eq!(got, expected);
    env.cmd()
        .args(["get", "rotated", "--all-versions", "-f", "dotenv"])
        .run()
        .code(2);
    env.cmd()
        .args(["get", "missing", "--all-versions"])
        .run()
        .code(3);
}

fn put(env: &TestEnv, name: &str, value: &str) {
    env.cmd().args(["put", name, value]).run().success();
}

fn delete_and_prune_dry_runs_delete_nothing(b: Backend) {
    let env = TestEnv::new(b);
    for v in ["a", "b", "c"] {
        put(&env, "db", v);
    }
    let out = env.cmd().args(["delete", "db", "--dry-run"]).run();
    out.success();
    assert_eq!(out.lines().len(), 3, "{}", out.report());
    out.stdout_contains("Would delete db -- version 0000000000000000001");
    let out = env
        .cmd()
        .args(["prune", "db", "--keep", "2", "--dry-run"])
        .run();
    out.success()
        .stdout_contains("Would delete db -- version 0000000000000000001");
    assert_eq!(out.lines().len(), 1);
    out.stderr_contains("would delete 1 version, keep 2");
    let history = env.cmd().args(["history", "db"]).run();
    history.success();
    assert_eq!(history.lines().len(), 3, "nothing was deleted");
    env.cmd()
        .args(["delete", "nope", "--dry-run"])
        .run()
        .code(3);
    // --keep 0 says what to do instead.
    env.cmd()
        .args(["prune", "db", "--keep", "0"])
        .run()
        .code(2)
        .stderr_contains("use delete");
    // Not on a terminal: no question, as credstash.
    env.cmd().args(["delete", "db"]).run().success();
    env.cmd().args(["get", "db"]).run().code(3);
}

fn legacy_variable_makes_legacy_the_default(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "old", "v"])
        .env("CREDSTORE_LEGACY", "1")
        .run()
        .success();
    env.cmd()
        .args(["put", "new", "v"])
        .env("CREDSTORE_LEGACY", "0")
        .run()
        .success();
    // Strict mode refuses exactly the unbound one.
    env.cmd().args(["--strict", "get", "old"]).run().code(5);
    env.cmd().args(["--strict", "get", "new"]).run().success();
}

fn github_format_appends_blocks_and_prints_masks(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app/token", "line one\nCREDSTORE_EOF_0\nEVIL=1");
    put(&env, "app/user", "svc");
    let github_env = env.dir.path().join("github_env");
    std::fs::write(&github_env, "EXISTING=1\n").unwrap();
    let out = env
        .cmd()
        .args(["env", "--prefix", "app/", "-f", "github"])
        .env("GITHUB_ENV", &github_env)
        .run();
    out.success();
    // Masks on stdout, one per line of each value; values never on stdout otherwise.
    assert_eq!(
        out.stdout_str(),
        "::add-mask::line one\n::add-mask::CREDSTORE_EOF_0\n::add-mask::EVIL=1\n::add-mask::svc\n"
    );
    let file = std::fs::read_to_string(&github_env).unwrap();
    assert!(file.starts_with("EXISTING=1\n"), "appended: {file}");
    assert!(
        file.contains(
            "TOKEN<<CREDSTORE_EOF_1\nline one\nCREDSTORE_EOF_0\nEVIL=1\nCREDSTORE_EOF_1\n"
        ),
        "{file}"
    );
    assert!(file.contains("USER<<CREDSTORE_EOF_1\nsvc\nCREDSTORE_EOF_1\n"));
    // Outside Actions there is no file to append to.
    env.cmd()
        .args(["getall", "-f", "github"])
        .env_remove("GITHUB_ENV")
        .run()
        .code(2)
        .stderr_contains("GITHUB_ENV")
        .stdout_empty();
}

fn docker_format_is_literal_or_refused(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "db.url", "postgres://u:p@h/db?x='y' $HOME");
    let out = env.cmd().args(["getall", "-f", "docker"]).run();
    out.success()
        .stdout_eq("DB_URL=postgres://u:p@h/db?x='y' $HOME\n");
    env.cmd()
        .args(["put", "cert", "--", "-----BEGIN\nX\n-----END"])
        .run()
        .success();
    let out = env.cmd().args(["getall", "-f", "docker"]).run();
    out.code(2).stdout_empty().stderr_contains("CERT");
}

fn listings_as_json(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "db", "one", "-c", "first"])
        .run()
        .success();
    put(&env, "db", "two");
    env.cmd()
        .args(["put", "old", "v", "--legacy", "k=v"])
        .run()
        .success();
    let list = env.cmd().args(["list", "-f", "json"]).run();
    list.success().no_leak("one");
    let items = list.json();
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["name"], "db");
    assert_eq!(items[0]["version"], "0000000000000000001");
    assert_eq!(items[0]["comment"], "first");
    assert!(items[0]["created"].as_str().unwrap_or("").ends_with('Z'));
    assert!(items[1]["comment"].is_null());
    // The stored context, and whether it binds the item, as history shows them.
    assert_eq!(items[1]["bound"], true);
    assert_eq!(
        items[1]["context"]["credstore:version"],
        "0000000000000000002"
    );
    assert_eq!(items[2]["bound"], false);
    assert_eq!(items[2]["context"]["k"], "v");
    let keys = env.cmd().args(["keys", "-f", "json"]).run();
    keys.success();
    assert_eq!(keys.json(), serde_json::json!(["db", "old"]));
    let history = env.cmd().args(["history", "db", "-f", "json"]).run();
    history.success().no_leak("two");
    let h = history.json();
    assert_eq!(h[1]["version"], "0000000000000000002");
    assert_eq!(h[1]["bound"], true);
    assert_eq!(h[1]["context"]["credstore:name"], "db");
    let old = env.cmd().args(["history", "old", "-f", "json"]).run();
    old.success();
    assert_eq!(old.json()[0]["bound"], false);
    assert_eq!(old.json()[0]["context"]["k"], "v");
    // Text: history shows the fields in list's order.
    let text = env.cmd().args(["history", "db"]).run();
    text.success();
    let first = &text.lines()[0];
    let (comment, created) = (first.find("-- comment"), first.find("-- created"));
    assert!(comment.is_some() && comment < created, "{first}");
}

#[test]
fn missing_table_names_the_region_it_looked_in() {
    let env = TestEnv::bare(Backend::Dynamo);
    let out = env.cmd().args(["-r", "eu-west-3", "get", "db"]).run();
    out.code(1)
        .error_line()
        .stderr_contains("does not exist in region eu-west-3")
        .stderr_contains("-r");
}

fn credstash_flags_are_accepted_or_refused_with_a_reason(b: Backend) {
    let env = TestEnv::new(b);
    // put -P is --prompt: without a terminal it says it cannot read one.
    env.cmd()
        .args(["put", "x", "-P"])
        .run()
        .code(2)
        .stderr_contains("terminal");
    // putall -v writes every entry at that version; -a is the default.
    env.cmd()
        .args(["putall", r#"{"a": "1", "b": "2"}"#, "-v", "5"])
        .run()
        .success();
    env.cmd()
        .args(["get", "a", "-v", "5"])
        .run()
        .success()
        .stdout_eq("1\n");
    env.cmd()
        .args(["putall", r#"{"a": "3"}"#, "-a"])
        .run()
        .success();
    // getall -v is refused with why and what to do.
    env.cmd()
        .args(["getall", "-v", "1"])
        .run()
        .code(2)
        .stdout_empty()
        .stderr_contains("get NAME -v VERSION");
    // --log-level / --log-file are accepted with a note; no file is written.
    let log = env.dir.path().join("credstash.log");
    env.cmd()
        .args(["--log-level", "DEBUG", "--log-file"])
        .arg(&log)
        .args(["get", "b"])
        .run()
        .success()
        .stdout_eq("2\n")
        .stderr_contains("writes no log file");
    assert!(!log.exists());
}

fn prefix_without_a_separator_strips_it(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app1/db.url", "u");
    let out = env
        .cmd()
        .args(["env", "--prefix", "app1", "-f", "json"])
        .run();
    out.success();
    assert_eq!(out.json(), serde_json::json!({"DB_URL": "u"}));
}

/// A missing key alias is named as such, not as a context problem.
#[test]
fn a_missing_key_alias_says_so() {
    let env = TestEnv::new(Backend::Dynamo);
    let out = env
        .cmd_via(Endpoints::emulator().key("alias/credstore-no-such-alias"))
        .args(["put", "x", "alias-test-value"])
        .run();
    out.code(5).error_line().no_leak("alias-test-value");
    let stderr = out.stderr_str();
    assert!(stderr.contains("does not exist in this region"), "{stderr}");
    assert!(!stderr.contains("encryption context"), "{stderr}");
}

/// `exec --all` with a context none of the secrets were written with: one line naming
/// the secrets, not one line per secret.
#[test]
fn one_context_mismatch_over_many_secrets_is_one_line() {
    let env = TestEnv::new(Backend::Dynamo);
    for i in 0..7 {
        env.cmd()
            .args(["put", &format!("app.s{i}"), "mismatch-value", "env=prod"])
            .run()
            .success();
    }
    let out = env
        .cmd()
        .args(["exec", "--all", "env=dev", "--", "true"])
        .run();
    out.code(5).error_line().no_leak("mismatch-value");
    let stderr = out.stderr_str();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("7 secrets"), "{stderr}");
    assert!(stderr.contains("context key \"env\""), "{stderr}");
}

/// setup on an existing table: one of another schema is refused; tags it cannot apply are said.
#[test]
fn setup_checks_an_existing_table() {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    };
    let env = TestEnv::bare(Backend::Dynamo);
    crate::harness::rt().block_on(async {
        crate::harness::dynamo()
            .create_table()
            .table_name(&env.table)
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("id")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("id")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .unwrap(),
            )
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await
            .expect("CreateTable");
    });
    let out = env.cmd().arg("setup").run();
    out.code(1)
        .error_line()
        .stderr_contains("not a credstash table")
        .stderr_contains("id (HASH, S)");
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args(["setup", "--tags", "team=x"])
        .run()
        .success()
        .stderr_contains("--tags were not applied");
}
