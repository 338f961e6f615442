//! Interoperability with the real credstash 1.17.1 (issue 3): both tools on one moto table, each
//! reading what the other wrote, across every digest, with and without a context, over values
//! of awkward lengths, version chains and hand-made legacy item shapes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::harness;
use crate::harness::{Backend, Cmd, Output, TestEnv, padded, par_map};
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;

pub(crate) const DIGESTS: [&str; 6] = ["SHA", "SHA224", "SHA256", "SHA384", "SHA512", "MD5"];

/// Parallel credstash processes: each is ~0.3 s of Python start-up, mostly CPU.
pub(crate) const CREDSTASH_THREADS: usize = 3;

fn credstash_bin() -> PathBuf {
    harness::find_tool("CREDSTORE_TEST_CREDSTASH", ".venv-credstash/bin/credstash").unwrap_or_else(
        || {
            panic!(
                "credstash 1.17.1 not found{}: run scripts/test (it creates .venv-credstash), \
                 or set CREDSTORE_TEST_CREDSTASH=/path/to/credstash. The interop tests never skip.",
                if harness::is_ci() { " (CI=true)" } else { "" }
            )
        },
    )
}

/// `credstash -t TABLE ...`, in the test's scratch cwd (credstash writes ./credstash.log).
pub(crate) fn credstash(env: &TestEnv) -> Cmd {
    Cmd::program(credstash_bin(), env).args(["-t", env.table.as_str()])
}

/// `credstash put NAME VALUE [context] -k KEY [extra]`.
pub(crate) fn cs_put(
    env: &TestEnv,
    name: &str,
    value: &str,
    ctx: &[&str],
    extra: &[&str],
) -> Output {
    credstash(env)
        .args(["put", name, value])
        .args(ctx.iter().copied())
        .args(["-k", env.key_id.as_deref().unwrap()])
        .args(extra.iter().copied())
        .run()
}

/// The values of the matrix: empty, 1 byte, one AES block, one block + 1, 1000 bytes (with
/// JSON-escaped characters), and multi-byte UTF-8.
fn values() -> Vec<(&'static str, String)> {
    let long: String = (0..1000u32)
        .map(|i| char::from(b'!' + (i * 31 % 90) as u8))
        .collect();
    vec![
        ("empty", String::new()),
        ("one", "x".into()),
        ("sixteen", "0123456789abcdef".into()),
        ("seventeen", "0123456789abcdefg".into()),
        ("long", long),
        ("unicode", "pässwörd — ünïcödé ✓ 日本語 🔑 \"q\" \\".into()),
    ]
}

/// One cell of the digest × value matrix.
struct Cell {
    name: String,
    digest: &'static str,
    value: String,
}

fn matrix(prefix: &str) -> Vec<Cell> {
    let mut cells = Vec::new();
    for digest in DIGESTS {
        for (label, value) in values() {
            cells.push(Cell {
                name: format!("{prefix}.{digest}.{label}"),
                digest,
                value,
            });
        }
    }
    cells
}

fn expected_map(cells: &[Cell]) -> BTreeMap<String, String> {
    cells
        .iter()
        .map(|c| (c.name.clone(), c.value.clone()))
        .collect()
}

/// Fails with every mismatch listed, not just the first.
#[track_caller]
fn assert_no_failures(what: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{what}: {} failure(s)\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn check(out: &Output, expected: &[u8], label: &str) -> Option<String> {
    if out.status.success() && out.stdout == expected {
        None
    } else {
        Some(format!(
            "{label}: expected stdout {}\n{}",
            harness::show(expected),
            out.report()
        ))
    }
}

/// Both tools' `getall` over one table: the same bytes, and the expected secrets.
#[track_caller]
fn assert_getall_agree(env: &TestEnv, ctx: &[&str], expected: &BTreeMap<String, String>) {
    let ours = env.cmd().arg("getall").args(ctx.iter().copied()).run();
    ours.success();
    let theirs = credstash(env).arg("getall").args(ctx.iter().copied()).run();
    theirs.success();
    assert_eq!(
        &theirs.json_map(),
        expected,
        "credstash getall does not return what was written\n{}",
        theirs.report()
    );
    assert_eq!(
        &ours.json_map(),
        expected,
        "credstore getall does not return what was written\n{}",
        ours.report()
    );
    assert!(
        ours.stdout == theirs.stdout,
        "getall output is not byte-identical to credstash's\n--- credstash ---\n{}\n--- credstore \
         ---\n{}",
        theirs.report(),
        ours.report()
    );
}

fn credstash_writes_credstore_reads(ctx: &[&str]) {
    let env = TestEnv::new(Backend::Dynamo);
    let cells = matrix("cs");
    let failures: Vec<String> = par_map(&cells, CREDSTASH_THREADS, |c| {
        let out = cs_put(&env, &c.name, &c.value, ctx, &["-d", c.digest]);
        (!out.status.success()).then(|| format!("credstash put failed\n{}", out.report()))
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstash put", failures);

    let failures: Vec<String> = par_map(&cells, 4, |c| {
        let out = env
            .cmd()
            .args(["get", c.name.as_str()])
            .args(ctx.iter().copied())
            .run();
        let mut expected = c.value.clone().into_bytes();
        expected.push(b'\n');
        check(
            &out,
            &expected,
            &format!("credstore get of credstash's {}", c.name),
        )
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstore reading credstash items", failures);

    assert_getall_agree(&env, ctx, &expected_map(&cells));

    if !ctx.is_empty() {
        // credstash stores no context: without it KMS refuses, and nothing leaks.
        let c = &cells[4];
        env.cmd()
            .args(["get", c.name.as_str()])
            .run()
            .code(5)
            .error_line()
            .no_leak(&c.value);
    }
}

#[test]
fn credstash_writes_credstore_reads_no_context() {
    credstash_writes_credstore_reads(&[]);
}

#[test]
fn credstash_writes_credstore_reads_with_context() {
    credstash_writes_credstore_reads(&["env=prod", "app=web"]);
}

fn credstore_legacy_writes_credstash_reads(ctx: &[&str]) {
    let env = TestEnv::new(Backend::Dynamo);
    let cells = matrix("legacy");
    let failures: Vec<String> = par_map(&cells, 4, |c| {
        let mut cmd = env
            .cmd()
            .args(["put", c.name.as_str(), c.value.as_str()])
            .args(ctx.iter().copied())
            .args(["--legacy", "-d", c.digest]);
        // Half the items in Python 3 credstash's binary hmac form, half as strings.
        if c.value.len() % 2 == 1 {
            cmd = cmd.arg("--hmac-binary");
        }
        let out = cmd.run();
        (!out.status.success()).then(|| format!("credstore put --legacy failed\n{}", out.report()))
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstore put --legacy", failures);
    // credstash's getall decrypts every item: one call checks the whole matrix.
    assert_getall_agree(&env, ctx, &expected_map(&cells));
    // And its single get, on one value of each digest.
    let sample: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.name.ends_with("seventeen"))
        .collect();
    let failures: Vec<String> = par_map(&sample, CREDSTASH_THREADS, |c| {
        let out = credstash(&env)
            .args(["get", c.name.as_str()])
            .args(ctx.iter().copied())
            .run();
        check(
            &out,
            format!("{}\n", c.value).as_bytes(),
            &format!("credstash get of credstore's legacy {}", c.name),
        )
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstash get of legacy items", failures);
}

#[test]
fn credstore_legacy_writes_credstash_reads_no_context() {
    credstore_legacy_writes_credstash_reads(&[]);
}

#[test]
fn credstore_legacy_writes_credstash_reads_with_context() {
    credstore_legacy_writes_credstash_reads(&["env=prod", "app=web"]);
}

fn credstore_default_writes_credstash_reads(ctx: &[&str]) {
    let env = TestEnv::new(Backend::Dynamo);
    let cells = matrix("bound");
    let failures: Vec<String> = par_map(&cells, 4, |c| {
        let out = env
            .cmd()
            .args(["put", c.name.as_str(), c.value.as_str()])
            .args(ctx.iter().copied())
            .args(["-d", c.digest])
            .run();
        (!out.status.success()).then(|| format!("credstore put failed\n{}", out.report()))
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstore put", failures);

    let failures: Vec<String> = par_map(&cells, CREDSTASH_THREADS, |c| {
        let out = credstash(&env)
            .args(["get", c.name.as_str()])
            .arg(format!("credstore:name={}", c.name))
            .arg(format!("credstore:version={}", padded(1)))
            .args(ctx.iter().copied())
            .run();
        check(
            &out,
            format!("{}\n", c.value).as_bytes(),
            &format!("credstash get (with the reserved context) of {}", c.name),
        )
    })
    .into_iter()
    .flatten()
    .collect();
    assert_no_failures("credstash reading credstore's bound items", failures);

    // Without the reserved entries credstash cannot open it: the binding is real.
    let c = &cells[4];
    let out = credstash(&env)
        .args(["get", c.name.as_str()])
        .args(ctx.iter().copied())
        .run();
    out.failure().no_leak(&c.value);
}

#[test]
fn credstore_default_writes_credstash_reads_no_context() {
    credstore_default_writes_credstash_reads(&[]);
}

#[test]
fn credstore_default_writes_credstash_reads_with_context() {
    credstore_default_writes_credstash_reads(&["env=prod"]);
}

// ---------------------------------------------------------------------------------------------
// Versions, listings, latest selection
// ---------------------------------------------------------------------------------------------

/// (name, version, comment) from credstash's `list`: `{name:<w} -- version V -- comment C`.
fn parse_credstash_list(out: &Output) -> Vec<(String, String, String)> {
    out.lines()
        .iter()
        .map(|l| {
            let (name, rest) = l
                .split_once(" -- version ")
                .unwrap_or_else(|| panic!("credstash list line {l:?}\n{}", out.report()));
            let (version, comment) = rest.split_once(" -- comment ").unwrap_or((rest, ""));
            (
                name.trim_end().to_string(),
                version.trim().to_string(),
                comment.to_string(),
            )
        })
        .collect()
}

fn cs_get(env: &TestEnv, args: &[&str]) -> Output {
    credstash(env).arg("get").args(args.iter().copied()).run()
}

fn ours_get(env: &TestEnv, args: &[&str]) -> Output {
    env.cmd().arg("get").args(args.iter().copied()).run()
}

#[test]
fn version_chains_mix_both_tools() {
    let env = TestEnv::new(Backend::Dynamo);
    let n = "chain";
    cs_put(&env, n, "v1", &[], &[]).success(); // credstash's default version "1"
    env.cmd()
        .args(["put", n, "v2", "--legacy"])
        .run()
        .success()
        .stderr_contains("has been stored");
    cs_put(&env, n, "v3", &[], &["-a"]).success();
    env.cmd()
        .args(["put", n, "v10", "-v", "10", "--legacy"])
        .run()
        .success();
    cs_put(&env, n, "v11", &[], &["-a"]).success();
    env.cmd()
        .args(["put", n, "v12", "-a"]) // default mode: name-bound
        .run()
        .success();
    cs_put(&env, n, "v7", &[], &["-v", "7"]).success();

    // Conflicts across tools.
    env.cmd()
        .args(["put", n, "x", "-v", "3"])
        .run()
        .code(6)
        .error_line();
    cs_put(&env, n, "x", &[], &["-v", "12"]).failure();

    let want: Vec<String> = [1, 2, 3, 7, 10, 11, 12].into_iter().map(padded).collect();
    let ours = env.cmd().arg("list").run();
    ours.success();
    let theirs = credstash(&env).arg("list").run();
    theirs.success();
    let ours_v: Vec<String> = harness::parse_list(&ours)
        .into_iter()
        .map(|t| t.1)
        .collect();
    let theirs_v: Vec<String> = parse_credstash_list(&theirs)
        .into_iter()
        .map(|t| t.1)
        .collect();
    assert_eq!(ours_v, want, "credstore list versions\n{}", ours.report());
    assert_eq!(
        theirs_v,
        want,
        "credstash list versions\n{}",
        theirs.report()
    );

    // Latest: the same item for both tools (v12 is bound, so credstash needs the context).
    ours_get(&env, &[n]).success().stdout_eq("v12\n");
    cs_get(
        &env,
        &[
            n,
            "credstore:name=chain",
            &format!("credstore:version={}", padded(12)),
        ],
    )
    .success()
    .stdout_eq("v12\n");
    for (v, value) in [
        ("1", "v1"),
        ("2", "v2"),
        ("3", "v3"),
        ("7", "v7"),
        ("10", "v10"),
        ("11", "v11"),
    ] {
        let expected = format!("{value}\n");
        ours_get(&env, &[n, "-v", v]).success().stdout_eq(&expected);
        cs_get(&env, &[n, "-v", v]).success().stdout_eq(&expected);
    }
    // A chain whose latest is a legacy item written after a bound one: by default that
    // is refused as a possible downgrade (it looks exactly like an item copied over the
    // secret); with --unbound allow both tools agree without any context.
    let m = "chain.legacy";
    env.cmd().args(["put", m, "m1"]).run().success();
    cs_put(&env, m, "m2", &[], &["-a"]).success();
    ours_get(&env, &[m])
        .code(5)
        .stderr_contains("downgrade")
        .no_leak("m2");
    let a = env.cmd().args(["--unbound", "allow", "get", m]).run();
    let b = cs_get(&env, &[m]);
    a.success().stdout_eq("m2\n");
    b.success().stdout_eq(&a.stdout);
}

#[test]
fn getall_list_keys_over_a_table_written_by_both() {
    let env = TestEnv::new(Backend::Dynamo);
    cs_put(&env, "a.one", "1", &[], &["-c", "from credstash"]).success();
    cs_put(&env, "a.one", "1b", &[], &["-a"]).success();
    env.cmd()
        .args(["put", "b.two", "2", "--legacy", "-c", "from credstore"])
        .run()
        .success();
    env.cmd()
        .args(["put", "a.one", "1c", "--legacy"])
        .run()
        .success();
    cs_put(&env, "c.three", "ünïcödé ✓", &[], &["-d", "SHA512"]).success();
    env.cmd()
        .args(["put", "d.four", "", "--legacy", "-d", "MD5"])
        .run()
        .success();
    let expected: BTreeMap<String, String> = [
        ("a.one", "1c"),
        ("b.two", "2"),
        ("c.three", "ünïcödé ✓"),
        ("d.four", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_getall_agree(&env, &[], &expected);

    let ours = env.cmd().arg("keys").run();
    ours.success().stdout_eq("a.one\nb.two\nc.three\nd.four\n");
    credstash(&env)
        .arg("keys")
        .run()
        .success()
        .stdout_eq(&ours.stdout);

    let ours = env.cmd().arg("list").run();
    ours.success();
    let theirs = credstash(&env).arg("list").run();
    theirs.success();
    assert_eq!(
        harness::parse_list(&ours),
        parse_credstash_list(&theirs),
        "list: (name, version, comment) differ\n--- credstash ---\n{}\n--- credstore ---\n{}",
        theirs.report(),
        ours.report()
    );

    let ours = ours_get(&env, &["a.*"]);
    let theirs = cs_get(&env, &["a.*"]);
    assert_eq!(
        ours.success().json_map(),
        theirs.success().json_map(),
        "glob get differs\n{}\n{}",
        ours.report(),
        theirs.report()
    );
}

// ---------------------------------------------------------------------------------------------
// Legacy item shapes found in old tables, forged with the SDK from items credstash wrote
// ---------------------------------------------------------------------------------------------

fn credstash_item(env: &TestEnv, name: &str, value: &str, extra: &[&str]) -> harness::Item {
    cs_put(env, name, value, &[], extra).success();
    let items: Vec<harness::Item> = harness::scan_items(&env.table)
        .into_iter()
        .filter(|i| matches!(i.get("name"), Some(AttributeValue::S(s)) if s == name))
        .collect();
    assert_eq!(items.len(), 1, "one item for {name}: {items:?}");
    items.into_iter().next().unwrap()
}

fn mime_wrap(b64: &str) -> String {
    b64.as_bytes()
        .chunks(60)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Both tools return `value` for `args`.
#[track_caller]
fn both_read(env: &TestEnv, args: &[&str], value: &str) {
    let expected = format!("{value}\n");
    cs_get(env, args).success().stdout_eq(&expected);
    ours_get(env, args).success().stdout_eq(&expected);
}

#[test]
fn legacy_item_shapes_written_directly() {
    let env = TestEnv::new(Backend::Dynamo);

    // hmac as S (pre-1.13.1 writers) instead of Python 3 credstash's B.
    let mut item = credstash_item(&env, "shape.hmac-s", "hmac as a string", &[]);
    let hex = match item.get("hmac") {
        Some(AttributeValue::B(b)) => String::from_utf8(b.as_ref().to_vec()).unwrap(),
        Some(AttributeValue::S(s)) => s.clone(),
        other => panic!("hmac attribute {other:?}"),
    };
    item.insert("hmac".into(), AttributeValue::S(hex.clone()));
    harness::put_item(&env.table, item);
    both_read(&env, &["shape.hmac-s"], "hmac as a string");

    // MIME-wrapped base64 (the Ruby port): a newline every 60 characters in key and contents.
    let long = "wrapped ".repeat(30);
    let mut item = credstash_item(&env, "shape.mime", &long, &["-d", "SHA384"]);
    for attr in ["key", "contents"] {
        let wrapped = mime_wrap(harness::attr_s(&item, attr));
        assert!(wrapped.contains('\n'), "{attr} is long enough to wrap");
        item.insert(attr.into(), AttributeValue::S(wrapped));
    }
    harness::put_item(&env.table, item);
    both_read(&env, &["shape.mime"], &long);

    // No digest attribute: SHA256 is meant.
    let mut item = credstash_item(&env, "shape.nodigest", "digest absent", &[]);
    item.remove("digest");
    harness::put_item(&env.table, item);
    both_read(&env, &["shape.nodigest"], "digest absent");

    // An unpadded version "4" beside padded ones: "latest" is the greatest string, so "4"
    // beats "0000000000000000009" for credstash, and must for credstore too.
    let n = "shape.mixed";
    for (v, value) in [("3", "three"), ("9", "nine")] {
        cs_put(&env, n, value, &[], &["-v", v]).success();
    }
    let mut four = credstash_item(&env, "tmp.four", "four", &[]);
    four.insert("name".into(), AttributeValue::S(n.into()));
    four.insert("version".into(), AttributeValue::S("4".into()));
    four.insert("hmac".into(), AttributeValue::B(Blob::new(hex_of(&four))));
    harness::put_item(&env.table, four);
    both_read(&env, &[n], "four");
    both_read(&env, &[n, "-v", "9"], "nine");
    // credstash pads "4" and misses it; credstore falls back to the exact string.
    ours_get(&env, &[n, "-v", "4"])
        .success()
        .stdout_eq("four\n");
    // Autoversion would write 10 (past the highest number, 9), but "4" sorts after it,
    // so the new version would never be the latest: refused, naming "4", nothing written.
    env.cmd()
        .args(["put", n, "ten", "--legacy"])
        .run()
        .code(6)
        .stderr_contains("\"4\"")
        .no_leak("ten");
    ours_get(&env, &[n, "-v", "10"]).code(3);
    both_read(&env, &[n], "four");
}

/// The hmac of an item as hex bytes, whichever type it is stored as.
fn hex_of(item: &harness::Item) -> Vec<u8> {
    match item.get("hmac") {
        Some(AttributeValue::B(b)) => b.as_ref().to_vec(),
        Some(AttributeValue::S(s)) => s.as_bytes().to_vec(),
        other => panic!("hmac attribute {other:?}"),
    }
}
