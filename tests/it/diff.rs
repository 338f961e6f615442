//! `diff`: two tables (or backends) compared by names, versions and latest values, with
//! no value on any output; exit 0 when equal, 1 when they differ.

use crate::harness::{self, Backend, Cmd, TestEnv, no_panic, put_bytes};

fn put_in(cmd: Cmd, name: &str, value: &str) {
    cmd.args(["put", name, value]).run().success();
}

/// Every value written in these tests: none may appear on stdout or stderr.
const VALUES: &[&str] = &[
    "VAL-same-7f3a",
    "VAL-changed-src-91c2",
    "VAL-changed-dst-44d0",
    "VAL-only-src-0b1e",
    "VAL-only-dst-c9aa",
    "VAL-v1-5e5e",
    "VAL-v2-6f6f",
    "VAL-outside-prefix-d00d",
];

fn assert_no_value(out: &harness::Output) {
    for v in VALUES {
        assert!(
            !out.stdout_str().contains(v) && !out.stderr_str().contains(v),
            "a value reached the output: {v}\n{}",
            out.report()
        );
    }
}

fn equal_changed_missing_extra(backend: Backend) {
    let env = TestEnv::new(backend);
    let other = format!("{}-other", env.table);
    env.cmd_on_table(&other).arg("setup").run().success();
    let (src, dst) = (|| env.cmd(), || env.cmd_on_table(&other));

    // Equal tables (same names, versions and values) first: exit 0, nothing on stdout.
    put_in(src(), "app/same", VALUES[0]);
    put_in(dst(), "app/same", VALUES[0]);
    let out = src().args(["diff", "--to-table", &other]).run();
    out.success()
        .stdout_empty()
        .stderr_contains("1 equal, 0 differ");
    assert_no_value(&out);

    put_in(src(), "app/changed", VALUES[1]);
    put_in(dst(), "app/changed", VALUES[2]);
    put_in(src(), "app/only-src", VALUES[3]);
    put_in(dst(), "app/only-dst", VALUES[4]);
    // Same latest value, but the target lacks version 1.
    put_in(src(), "app/versions", VALUES[5]);
    put_in(src(), "app/versions", VALUES[6]);
    dst()
        .args(["put", "-v", "2", "app/versions", VALUES[6]])
        .run()
        .success();
    put_in(src(), "other/outside", VALUES[7]);

    let out = src()
        .args(["diff", "--prefix", "app/", "--to-table", &other])
        .run();
    no_panic(&out).code(1);
    assert_no_value(&out);
    let v = |n: u32| format!("{n:019}");
    let mut expected = vec![
        format!("only in source: app/only-src -- versions {}", v(1)),
        format!("only in target: app/only-dst -- versions {}", v(1)),
        format!("version only in source: app/versions -- version {}", v(1)),
        format!(
            "value differs: app/changed -- latest version {} in source, {} in target",
            v(1),
            v(1)
        ),
    ];
    expected.sort();
    let mut got = out.lines();
    got.sort();
    assert_eq!(got, expected, "{}", out.report());
    out.stderr_contains(
        "3 names on both sides: 2 equal, 1 differ; 1 only in source, 1 only in target",
    );

    // Without --prefix, the name outside it counts too.
    let out = src().args(["diff", "--to-table", &other]).run();
    no_panic(&out)
        .code(1)
        .stdout_contains("only in source: other/outside");
    assert_no_value(&out);

    // A diff needs another side.
    let out = src().args(["diff"]).run();
    no_panic(&out).code(2).error_line();
}

on_both_backends!(equal_changed_missing_extra);

/// Across backends: a DynamoDB table compared with an embedded store made by `copy`.
#[test]
fn across_backends_after_copy_then_a_change() {
    let env = TestEnv::new(Backend::Dynamo);
    put_bytes(&env, "db/password", VALUES[0].as_bytes());
    put_bytes(&env, "db/user", VALUES[5].as_bytes());
    let local = env.dir.path().join("copy.db");
    env.cmd()
        .arg("copy")
        .arg("--to-local")
        .arg(&local)
        .run()
        .success();
    let out = env.cmd().arg("diff").arg("--to-local").arg(&local).run();
    out.success().stdout_empty();
    assert_no_value(&out);
    put_bytes(&env, "db/user", VALUES[6].as_bytes());
    let out = env.cmd().arg("diff").arg("--to-local").arg(&local).run();
    no_panic(&out)
        .code(1)
        .stdout_contains("version only in source: db/user -- version 0000000000000000002")
        .stdout_contains("value differs: db/user");
    assert_no_value(&out);
}
