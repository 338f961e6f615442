//! Tampered items on both backends: each damage to a stored item (key, ciphertext, tag, name,
//! version, context, strict mode, bulk reads, exec) is refused with its documented exit code
//! (4: integrity, 5: refused by the key service), the error names the item, and no plaintext
//! leaks. Plus the DynamoDB-only shapes the raw matrix cannot express.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::harness::raw::{Raw, restore, scan_raw};
use crate::harness::{self, Backend, TestEnv, no_panic, padded};

on_both_backends!(tamper_matrix,);

const A: &str = "tamper/alpha";

const B: &str = "tamper/bravo";

const L: &str = "tamper/legacy";

const PA: &str = "alpha-plaintext-7f3c9e two AES blocks long, at least";

const PB: &str = "bravo-plaintext-51d0aa two AES blocks long, at least";

const PL: &str = "legacy-plaintext-c2b84e two AES blocks long, at least";

/// A damage done to the stored items before one command runs.
type Mutation = Box<dyn Fn(&mut Vec<Raw>)>;

/// One tamper case: damage, the command that must refuse, and its documented exit code.
struct Case {
    label: &'static str,
    mutate: Mutation,
    args: Vec<String>,
    env: Vec<(&'static str, &'static str)>,
    code: i32,
    /// The item the error must name.
    names: &'static str,
    /// Reads that must still succeed, with this exact output, while the damage is in place:
    /// the refusal is about the damaged item only.
    still_reads: Vec<(Vec<&'static str>, &'static str)>,
}

fn case(
    label: &'static str,
    code: i32,
    names: &'static str,
    args: &[&str],
    mutate: impl Fn(&mut Vec<Raw>) + 'static,
) -> Case {
    Case {
        label,
        mutate: Box::new(mutate),
        args: args.iter().map(|s| s.to_string()).collect(),
        env: Vec::new(),
        code,
        still_reads: Vec::new(),
        names,
    }
}

fn item<'a>(items: &'a mut [Raw], name: &str) -> &'a mut Raw {
    items
        .iter_mut()
        .find(|r| r.name == name && r.version == padded(1))
        .unwrap_or_else(|| panic!("no item {name} v1"))
}

fn flip(bytes: &mut [u8], at: usize) {
    let i = at.min(bytes.len() - 1);
    bytes[i] ^= 0x5a;
}

/// Swaps the selected fields of A and B.
fn swap(items: &mut [Raw], key: bool, contents: bool, hmac: bool) {
    let a = item(items, A).clone();
    let b = item(items, B).clone();
    let (mut na, mut nb) = (a.clone(), b.clone());
    if key {
        na.key = b.key.clone();
        nb.key = a.key.clone();
    }
    if contents {
        na.contents = b.contents.clone();
        nb.contents = a.contents.clone();
    }
    if hmac {
        na.hmac = b.hmac.clone();
        nb.hmac = a.hmac.clone();
    }
    *item(items, A) = na;
    *item(items, B) = nb;
}

fn ctx_of<'a>(items: &'a mut [Raw], name: &str) -> &'a mut BTreeMap<String, String> {
    item(items, name)
        .context
        .as_mut()
        .expect("a default put stores its context")
}

/// The cases. Codes follow README.md "Exit codes": damage the HMAC catches (contents,
/// hmac, a ciphertext paired with another item's tag) is an integrity failure (4); damage
/// that changes what the data key is bound to (key bytes, name, version, context, strict
/// mode) is a refusal by the key service (5).
fn tamper_cases(b: Backend) -> Vec<Case> {
    let mut cases = vec![
        // The wrapped data key: KMS (or the local master key) refuses it.
        case("key: first byte flipped", 5, A, &["get", A], |i| {
            flip(&mut item(i, A).key, 0)
        }),
        case("key: middle byte flipped", 5, A, &["get", A], |i| {
            let k = &mut item(i, A).key;
            let mid = k.len() / 2;
            flip(k, mid)
        }),
        case("key: last byte flipped", 5, A, &["get", A], |i| {
            flip(&mut item(i, A).key, usize::MAX)
        }),
        case("key: truncated by one byte", 5, A, &["get", A], |i| {
            item(i, A).key.pop();
        }),
        case("key: truncated to half", 5, A, &["get", A], |i| {
            let k = &mut item(i, A).key;
            k.truncate(k.len() / 2)
        }),
        case("key: emptied", 5, A, &["get", A], |i| {
            item(i, A).key.clear()
        }),
        // The ciphertext: the HMAC catches it.
        case("contents: first byte flipped", 4, A, &["get", A], |i| {
            flip(&mut item(i, A).contents, 0)
        }),
        case("contents: last byte flipped", 4, A, &["get", A], |i| {
            flip(&mut item(i, A).contents, usize::MAX)
        }),
        case("contents: truncated by one byte", 4, A, &["get", A], |i| {
            item(i, A).contents.pop();
        }),
        case("contents: emptied", 4, A, &["get", A], |i| {
            item(i, A).contents.clear()
        }),
        case("contents: one byte appended", 4, A, &["get", A], |i| {
            item(i, A).contents.push(0)
        }),
        // The tag itself.
        case("hmac: one hex digit changed", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            let first = if h.starts_with('0') { "1" } else { "0" };
            h.replace_range(0..1, first);
        }),
        case("hmac: truncated by one byte", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            h.truncate(h.len() - 2)
        }),
        case("hmac: emptied", 4, A, &["get", A], |i| {
            item(i, A).hmac.clear()
        }),
        case("hmac: not hex", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            *h = "zz".repeat(h.len() / 2)
        }),
        case("hmac: one hex digit appended", 4, A, &["get", A], |i| {
            item(i, A).hmac.push('0')
        }),
        // Fields swapped between two items.
        case("swap key: read A", 5, A, &["get", A], |i| {
            swap(i, true, false, false)
        }),
        case("swap key: read B", 5, B, &["get", B], |i| {
            swap(i, true, false, false)
        }),
        case("swap contents", 4, A, &["get", A], |i| {
            swap(i, false, true, false)
        }),
        case("swap hmac", 4, A, &["get", A], |i| {
            swap(i, false, false, true)
        }),
        case("swap contents and hmac", 4, A, &["get", A], |i| {
            swap(i, false, true, true)
        }),
        case("swap key, contents and hmac", 5, A, &["get", A], |i| {
            swap(i, true, true, true)
        }),
        // The whole item moved.
        case(
            "move: under another name",
            5,
            "tamper/moved",
            &["get", "tamper/moved"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = "tamper/moved".into();
                i.push(moved);
            },
        ),
        case(
            "move: under another name, stored context dropped",
            5,
            "tamper/moved",
            &["get", "tamper/moved", "env=prod"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = "tamper/moved".into();
                moved.context = None;
                i.push(moved);
            },
        ),
        case(
            "move: over another secret",
            5,
            B,
            &["get", B, "env=prod"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = B.into();
                *item(i, B) = moved;
            },
        ),
        case(
            "move: to another version (latest)",
            5,
            A,
            &["get", A],
            |i| {
                let mut moved = item(i, A).clone();
                moved.version = padded(2);
                i.push(moved);
            },
        ),
        case(
            "move: to another version (-v 2)",
            5,
            A,
            &["get", A, "-v", "2"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.version = padded(2);
                i.push(moved);
            },
        ),
        // The user's context.
        case(
            "user context: wrong value",
            5,
            A,
            &["get", A, "env=dev"],
            |_| {},
        ),
        case(
            "user context: extra key",
            5,
            A,
            &["get", A, "env=prod", "extra=1"],
            |_| {},
        ),
        // A legacy item whose context is not stored (as credstash writes them): the user
        // must supply it. (A `--legacy` put of credstore stores it, so it is filled in.)
        case(
            "user context: missing (credstash-style item)",
            5,
            L,
            &["get", L],
            |i| item(i, L).context = None,
        ),
        case(
            "user context: wrong value (legacy item)",
            5,
            L,
            &["get", L, "env=dev"],
            |_| {},
        ),
        case(
            "user context: extra key (legacy item)",
            5,
            L,
            &["get", L, "env=prod", "extra=1"],
            |_| {},
        ),
        // The stored context.
        case("stored context: value changed", 5, A, &["get", A], |i| {
            ctx_of(i, A).insert("env".into(), "dev".into());
        }),
        case(
            "stored context: value changed, right user value",
            5,
            A,
            &["get", A, "env=prod"],
            |i| {
                ctx_of(i, A).insert("env".into(), "dev".into());
            },
        ),
        case("stored context: user key deleted", 5, A, &["get", A], |i| {
            ctx_of(i, A).remove("env");
        }),
        case("stored context: key added", 5, A, &["get", A], |i| {
            ctx_of(i, A).insert("added".into(), "x".into());
        }),
        case(
            "stored context: attribute deleted",
            5,
            A,
            &["get", A],
            |i| item(i, A).context = None,
        ),
        case(
            "stored context: attribute deleted, user context given",
            5,
            A,
            &["get", A, "env=prod"],
            |i| item(i, A).context = None,
        ),
        // Strict mode.
        case(
            "strict flag: legacy item",
            5,
            L,
            &["--strict", "get", L, "env=prod"],
            |_| {},
        ),
        case(
            "strict: bound item whose stored context was deleted",
            5,
            A,
            &["--strict", "get", A, "env=prod"],
            |i| item(i, A).context = None,
        ),
        // Bulk reads fail as a whole, naming the damaged item.
        case("getall: one contents damaged", 4, A, &["getall"], |i| {
            flip(&mut item(i, A).contents, 0)
        }),
        case(
            "glob get: one hmac damaged",
            4,
            A,
            &["get", "tamper/*"],
            |i| {
                let h = &mut item(i, A).hmac;
                let first = if h.starts_with('0') { "1" } else { "0" };
                h.replace_range(0..1, first);
            },
        ),
        case(
            "env: one key damaged",
            5,
            A,
            &["env", "tamper/alpha", "tamper/bravo"],
            |i| flip(&mut item(i, A).key, 0),
        ),
        case(
            "exec: one key damaged, nothing launched",
            5,
            A,
            &[
                "exec",
                "tamper/alpha",
                "--",
                "sh",
                "-c",
                "echo launched; touch launched",
            ],
            |i| flip(&mut item(i, A).key, 0),
        ),
    ];
    let mut strict_env = case(
        "strict env var: legacy item",
        5,
        L,
        &["get", L, "env=prod"],
        |_| {},
    );
    strict_env.env.push(("CREDSTORE_STRICT", "1"));
    cases.push(strict_env);
    // The whole item, stored context included, under another name, read with the right
    // user context: still bound to the original name.
    cases.push(case(
        "move: under another name, right user context",
        5,
        "tamper/moved",
        &["get", "tamper/moved", "env=prod"],
        |i| {
            let mut moved = item(i, A).clone();
            moved.name = "tamper/moved".into();
            i.push(moved);
        },
    ));
    // A copy moved to another version leaves the original readable at its own version.
    for c in &mut cases {
        if c.label == "move: to another version (latest)" {
            c.still_reads.push((vec!["get", "-n", A, "-v", "1"], PA));
        }
    }
    let _ = b;
    cases
}

fn tamper_matrix(b: Backend) {
    let env = TestEnv::new(b);
    for (name, value, extra) in [(A, PA, None), (B, PB, None), (L, PL, Some("--legacy"))] {
        env.cmd()
            .args(["put", name, value, "env=prod"])
            .args(extra)
            .run()
            .success();
    }
    let pristine = scan_raw(&env);
    assert_eq!(pristine.len(), 3, "three items stored: {pristine:?}");
    let readable = |why: &str| {
        for (name, value) in [(A, PA), (B, PB), (L, PL)] {
            let out = env.cmd().args(["get", "-n", name, "env=prod"]).run();
            assert_eq!(out.stdout, value.as_bytes(), "{why}\n{}", out.report());
        }
    };
    readable("before tampering, every item reads back");
    let cases = tamper_cases(b);
    let mut checked = 0;
    for c in &cases {
        let mut items = pristine.clone();
        (c.mutate)(&mut items);
        restore(&env, &items);
        let mut cmd = env.cmd().args(&c.args);
        for (k, v) in &c.env {
            cmd = cmd.env(k, v);
        }
        let out = cmd.run();
        let context = format!("tamper case {:?} ({b:?})", c.label);
        assert_eq!(
            out.exit_code(),
            Some(c.code),
            "{context}: expected exit {}\n{}",
            c.code,
            out.report()
        );
        assert!(
            out.stderr.starts_with(b"error: "),
            "{context}: stderr must start with `error: `\n{}",
            out.report()
        );
        assert!(
            out.stderr_str().contains(c.names),
            "{context}: stderr must name {:?}\n{}",
            c.names,
            out.report()
        );
        assert!(
            out.stdout.is_empty(),
            "{context}: no output\n{}",
            out.report()
        );
        no_panic(&out);
        for p in [PA, PB, PL] {
            out.no_leak(p);
            out.no_leak(&p[..24]);
        }
        assert!(
            !env.dir.path().join("launched").exists(),
            "{context}: exec launched its command"
        );
        for (args, value) in &c.still_reads {
            let out = env.cmd().args(args.iter().copied()).run();
            assert_eq!(
                out.exit_code(),
                Some(0),
                "{context}: {args:?} must still read\n{}",
                out.report()
            );
            assert_eq!(
                out.stdout,
                value.as_bytes(),
                "{context}: {args:?} reads the original\n{}",
                out.report()
            );
        }
        checked += 1;
    }
    restore(&env, &pristine);
    readable("after restoring, every item reads back (the harness's edits are exact)");
    assert_eq!(checked, 46, "the matrix runs every case");
}

/// The item of `name` v1, after a put of `value`.
fn stored(env: &TestEnv, name: &str, value: &str, ctx: &[&str]) -> harness::Item {
    env.cmd()
        .args(["put", name, value])
        .args(ctx.iter().copied())
        .run()
        .success();
    harness::get_item(&env.table, name, &padded(1)).expect("item just written")
}

#[test]
fn tamper_unknown_format_is_a_clear_error() {
    let env = TestEnv::new(Backend::Dynamo);
    let mut item = stored(&env, "weird", "whatever-plain", &[]);
    // A credsmash-style item (B-typed contents) is not this format: an error, not a panic.
    item.insert(
        "contents".into(),
        AttributeValue::B(Blob::new(b"\x00\x01".to_vec())),
    );
    harness::put_item(&env.table, item);
    let out = env.cmd().args(["get", "weird"]).run();
    out.code(4).error_line().stderr_contains("weird");
    assert!(
        !out.stderr_str().contains("panicked"),
        "a malformed item must not panic\n{}",
        out.report()
    );
}
