//! `copy` between backends: a local -> DynamoDB -> local round trip keeps every version and
//! value, and a dry run writes nothing.

use std::path::Path;

use crate::harness::{self, Backend, Cmd, Endpoints, TestEnv, put, put_bytes};

/// What a store holds, as the CLI shows it: `list` output, every (name, version, value)
/// read with `get -n -v`, and `getall` output.
type Snapshot = (String, Vec<(String, String, Vec<u8>)>, Vec<u8>);

/// Takes a [`Snapshot`] through commands made by `cmd`.
fn snapshot(cmd: impl Fn() -> Cmd) -> Snapshot {
    let list = cmd().arg("list").run();
    list.success();
    let mut values = Vec::new();
    for line in list.lines() {
        let (name, rest) = line.split_once(" -- version ").expect("list line format");
        let version = rest.split(" -- ").next().unwrap().to_string();
        let name = name.trim_end().to_string();
        let got = cmd().args(["get", "-n", "-v", &version, &name]).run();
        got.success();
        values.push((name, version, got.stdout.clone()));
    }
    let getall = cmd().arg("getall").run();
    getall.success();
    (list.stdout_str(), values, getall.stdout.clone())
}

fn list_tables() -> Vec<String> {
    harness::rt().block_on(async {
        harness::dynamo()
            .list_tables()
            .send()
            .await
            .expect("ListTables")
            .table_names
            .unwrap_or_default()
    })
}

#[test]
fn copy_local_to_aws_to_local_round_trip() {
    let src = TestEnv::new(Backend::Local);
    let key = harness::create_kms_key();
    let endpoint = harness::endpoint();
    put(&src, "plain", "v1");
    src.cmd()
        .args(["put", "plain", "v2", "-c", "second version"])
        .run()
        .success();
    src.cmd()
        .args(["put", "ctx", "ctx-value", "env=prod", "-c", "with context"])
        .run()
        .success();
    src.cmd()
        .args(["put", "pinned", "pinned-value", "-v", "42"])
        .run()
        .success();
    put_bytes(&src, "bytes", "multi\nline 'quoted' ✓\n".as_bytes());
    put(&src, "empty", "");
    let before = snapshot(|| src.cmd());
    assert_eq!(before.1.len(), 6, "six items stored: {:?}", before.0);

    let aws_table = format!("{}-copy", src.table);
    let aws = |table: &str| src.cmd_via(Endpoints::emulator().key(&key).table(table));

    // --dry-run writes nothing: no table in the emulator, no local file.
    let dry_table = format!("{}-dry", src.table);
    let out = src
        .cmd()
        .args(["copy", "--to-aws", "--to-table", &dry_table, "--dry-run"])
        .args(["--endpoint-url", endpoint, "-k", &key])
        .run();
    out.success().stdout_contains("would copy plain -- version");
    assert!(
        !list_tables().contains(&dry_table),
        "--dry-run created table {dry_table}\n{}",
        out.report()
    );
    // local -> moto
    let out = src
        .cmd()
        .args(["copy", "--to-aws", "--to-table", &aws_table])
        .args(["--endpoint-url", endpoint, "-k", &key])
        .run();
    out.success()
        .stdout_contains("copied ctx -- version 0000000000000000001")
        .no_leak("ctx-value");
    assert_eq!(
        out.lines()
            .iter()
            .filter(|l| l.starts_with("copied "))
            .count(),
        6,
        "{}",
        out.report()
    );
    let on_aws = snapshot(|| aws(&aws_table));
    assert_eq!(on_aws, before, "moto copy differs from the source");

    // A second copy skips what is there.
    let again = src
        .cmd()
        .args(["copy", "--to-aws", "--to-table", &aws_table])
        .args(["--endpoint-url", endpoint, "-k", &key])
        .run();
    again.success();
    assert_eq!(
        again
            .lines()
            .iter()
            .filter(|l| l.starts_with("skipped "))
            .count(),
        6,
        "{}",
        again.report()
    );

    // moto -> local (another file, same table name)
    let back_file = src.dir.path().join("back.db");
    aws(&aws_table)
        .args(["copy", "--to-local"])
        .arg(&back_file)
        .run()
        .success();
    let back = snapshot(|| {
        Cmd::program(env!("CARGO_BIN_EXE_credstore"), &src)
            .arg("--local")
            .arg(&back_file)
            .args(["-t", &aws_table])
    });
    assert_eq!(back, before, "the round trip changed something");

    // The copied items keep their binding: the stored context is still enforced.
    Cmd::program(env!("CARGO_BIN_EXE_credstore"), &src)
        .arg("--local")
        .arg(&back_file)
        .args(["-t", &aws_table, "get", "ctx", "env=dev"])
        .run()
        .code(5)
        .no_leak("ctx-value");
}

/// `copy --dry-run --to-local FILE` must not create FILE (nor its master key).
#[test]
fn copy_dry_run_to_local_writes_no_file() {
    let src = TestEnv::new(Backend::Local);
    put(&src, "plain", "v1");
    let dry_file = src.dir.path().join("dry.db");
    src.cmd()
        .args(["copy", "--to-local"])
        .arg(&dry_file)
        .arg("--dry-run")
        .run()
        .success()
        .stdout_eq("would copy plain -- version 0000000000000000001\n");
    assert!(
        !dry_file.exists(),
        "--dry-run created {}",
        dry_file.display()
    );
    assert!(!Path::new(&format!("{}.key", dry_file.display())).exists());
}

/// `copy --dry-run` compares with the target: what it holds is reported as skipped.
#[test]
fn copy_dry_run_checks_the_target() {
    let src = TestEnv::new(Backend::Dynamo);
    put(&src, "a", "1");
    put(&src, "b", "2");
    let target = format!("{}-target", src.table);
    src.cmd()
        .args(["copy", "--to-table", &target])
        .run()
        .success();
    put(&src, "c", "3");
    let out = src
        .cmd()
        .args(["copy", "--to-table", &target, "--dry-run"])
        .run();
    out.success()
        .stdout_contains("would copy c -- version 0000000000000000001")
        .stdout_contains("skipped a -- version 0000000000000000001 (already in the target)")
        .stderr_contains("would copy 1 item, skipped 2 already present");
    // Still nothing written.
    src.cmd_on_table(&target).args(["get", "c"]).run().code(3);
}

/// A source that cannot be read creates no target: no table, no local files.
#[test]
fn a_failing_source_creates_no_target() {
    let src = TestEnv::bare(Backend::Dynamo); // no table
    let target = format!("{}-target", src.table);
    let file = src.dir.path().join("new.db");
    for to in [
        vec!["--to-table".to_string(), target.clone()],
        vec!["--to-local".to_string(), file.display().to_string()],
    ] {
        let out = src.cmd().arg("copy").args(&to).run();
        out.failure().error_line();
        assert!(!list_tables().contains(&target), "{to:?} created the table");
        assert!(!file.exists(), "{to:?} created {}", file.display());
        assert!(!Path::new(&format!("{}.key", file.display())).exists());
    }
    // A source item that fails to decrypt: the same.
    let src = TestEnv::new(Backend::Dynamo);
    put(&src, "x", "x-value");
    let out = src
        .cmd()
        .args(["copy", "--to-local"])
        .arg(&file)
        .arg("unexpected=context-for-credstash-items")
        .run();
    out.success(); // a credstore item opens with its stored context: copied
    assert!(file.exists());
}

/// `--skip-refused` copies what decrypts and reports what the key service refused.
#[test]
fn skip_refused_copies_a_table_of_mixed_contexts() {
    let src = TestEnv::new(Backend::Dynamo);
    // credstash items under two contexts: only one context can be given to copy.
    crate::interop::cs_put(&src, "team.a", "a-value", &["team=a"], &[]).success();
    crate::interop::cs_put(&src, "team.b", "b-value", &["team=b"], &[]).success();
    let target = format!("{}-target", src.table);
    let out = src
        .cmd()
        .args([
            "--unbound",
            "allow",
            "copy",
            "--to-table",
            &target,
            "team=a",
        ])
        .run();
    out.code(5).no_leak("b-value");
    assert!(
        !list_tables().contains(&target),
        "a failed copy created the target"
    );
    let out = src
        .cmd()
        .args([
            "--unbound",
            "allow",
            "copy",
            "--to-table",
            &target,
            "team=a",
            "--skip-refused",
        ])
        .run();
    out.success()
        .stdout_contains("copied team.a -- version")
        .stderr_contains("left out 1 refused (--skip-refused)")
        .stderr_contains("team.b")
        .no_leak("b-value");
    src.cmd_on_table(&target)
        .args(["--unbound", "allow", "get", "team.a", "team=a"])
        .run()
        .success()
        .stdout_eq("a-value\n");
}
