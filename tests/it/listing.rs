//! Bulk reads on both backends: `getall` in every format, glob `get`, `list`, `keys` and a
//! secret's history.

use std::collections::BTreeMap;

use crate::harness::{self, Backend, TestEnv, map, padded, put};

on_both_backends!(
    getall_json_is_the_latest_of_each,
    getall_other_formats_carry_the_values,
    glob_get_renders_matching_names,
    list_keys_and_history,
);

fn getall_json_is_the_latest_of_each(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "a", "1");
    put(&env, "b", "old");
    put(&env, "b", "b2");
    put(&env, "c", "");
    put(&env, "q", "has \"quotes\" and \\ backslash");
    let out = env.cmd().arg("getall").run();
    out.success();
    let expected = map(&[
        ("a", "1"),
        ("b", "b2"),
        ("c", ""),
        ("q", "has \"quotes\" and \\ backslash"),
    ]);
    assert_eq!(out.json_map(), expected, "getall json\n{}", out.report());
    // credstash's exact layout: json.dumps(sort_keys=True, indent=4) then print().
    out.stdout_eq(
        "{\n    \"a\": \"1\",\n    \"b\": \"b2\",\n    \"c\": \"\",\n    \
         \"q\": \"has \\\"quotes\\\" and \\\\ backslash\"\n}\n",
    );
    env.cmd()
        .args(["getall", "-f", "json"])
        .run()
        .success()
        .stdout_eq(&out.stdout);
    // A parallel segmented scan sees the same table.
    env.cmd()
        .args(["getall", "--scan-segments", "4", "--concurrency", "2"])
        .run()
        .success()
        .stdout_eq(&out.stdout);
}

fn getall_other_formats_carry_the_values(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "api_key", "k-123");
    put(&env, "db_pass", "p-456");
    for format in ["yaml", "csv", "dotenv", "shell"] {
        let out = env.cmd().args(["getall", "-f", format]).run();
        out.success()
            .stdout_contains("k-123")
            .stdout_contains("p-456");
    }
    env.cmd().args(["getall", "-f", "xml"]).run().code(2);
}

fn glob_get_renders_matching_names(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app.one", "1");
    put(&env, "app.two", "2");
    put(&env, "app.two", "2b");
    put(&env, "other", "3");
    let out = env.cmd().args(["get", "app.*"]).run();
    out.success();
    assert_eq!(
        out.json_map(),
        map(&[("app.one", "1"), ("app.two", "2b")]),
        "glob get json\n{}",
        out.report()
    );
    let none = env.cmd().args(["get", "zzz*"]).run();
    // No match is either an empty object or "not found"; never a crash.
    match none.exit_code() {
        Some(0) => assert_eq!(none.json_map(), BTreeMap::new(), "{}", none.report()),
        Some(3) => {}
        _ => panic!("glob with no match\n{}", none.report()),
    }
}

fn list_keys_and_history(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "beta", "x", "-c", "my comment"])
        .run()
        .success();
    put(&env, "beta", "y");
    put(&env, "alpha", "z");
    let list = env.cmd().arg("list").run();
    list.success();
    let t = |n: &str, v: u64, c: &str| (n.to_string(), padded(v), c.to_string());
    assert_eq!(
        harness::parse_list(&list),
        vec![
            t("alpha", 1, ""),
            t("beta", 1, "my comment"),
            t("beta", 2, "")
        ],
        "list: (name, version, comment), sorted by name then version\n{}",
        list.report()
    );
    assert!(
        list.lines().iter().all(|l| l.contains(" -- created ")),
        "every item written by credstore has a creation time\n{}",
        list.report()
    );
    let latest = env.cmd().args(["list", "--latest"]).run();
    latest.success();
    assert_eq!(
        harness::parse_list(&latest),
        vec![t("alpha", 1, ""), t("beta", 2, "")],
        "list --latest\n{}",
        latest.report()
    );

    env.cmd()
        .arg("keys")
        .run()
        .success()
        .stdout_eq("alpha\nbeta\n");

    let history = env.cmd().args(["history", "beta"]).run();
    history.success();
    let h = history.lines();
    assert_eq!(h.len(), 2, "history lines\n{}", history.report());
    // list's line: the name first.
    let line = |v| format!("beta -- version {}", padded(v));
    assert!(h[0].starts_with(&line(1)), "{}", history.report());
    assert!(h[0].contains("my comment"), "{}", history.report());
    assert!(h[1].starts_with(&line(2)), "{}", history.report());
    history.no_leak("\ny\n");
}
