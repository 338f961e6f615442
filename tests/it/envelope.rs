//! `encrypt` / `decrypt` (issue 15): round trips at chunk boundaries, every kind of damage
//! to an envelope (truncation at each chunk boundary, flipped bytes, reordered chunks,
//! appended data, a forged context), exit codes, output files that appear only complete,
//! and the KMS + Fernet recipe against the real Python `cryptography` package.

use std::path::{Path, PathBuf};

use crate::harness::{Backend, Output, TestEnv, no_panic, par_map};
use credstore::internals::envelope_format as format;
use credstore::internals::envelope_stream::{CHUNK_LEN, SEALED_CHUNK_LEN, TAG_LEN};

/// Deterministic bytes of any length (byte i is a mix of i), so a failed comparison is
/// reproducible.
fn data(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0])
        .collect()
}

fn encrypt(env: &TestEnv, plaintext: &[u8], context: &[&str]) -> Vec<u8> {
    env.cmd()
        .arg("encrypt")
        .args(context.iter().copied())
        .stdin(plaintext.to_vec())
        .run()
        .success()
        .stdout
        .clone()
}

fn decrypt(env: &TestEnv, envelope: &[u8], context: &[&str]) -> Output {
    let out = env
        .cmd()
        .arg("decrypt")
        .args(context.iter().copied())
        .stdin(envelope.to_vec())
        .run();
    no_panic(&out);
    out
}

fn header_len(envelope: &[u8]) -> usize {
    format::parse(envelope).expect("a header").len
}

/// Files of `dir` whose name contains `.credstore-` (temporary outputs left behind).
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".credstore-"))
        .collect()
}

/// Each length round-trips through stdin/stdout, and the envelope is exactly the header
/// plus one tag per chunk (the last chunk is empty only for the empty input).
fn round_trips_at_chunk_boundaries(backend: Backend) {
    let env = TestEnv::new(backend);
    let lengths = [
        0,
        1,
        CHUNK_LEN - 1,
        CHUNK_LEN,
        CHUNK_LEN + 1,
        2 * CHUNK_LEN - 1,
        2 * CHUNK_LEN,
        2 * CHUNK_LEN + 1,
        3 * CHUNK_LEN,
    ];
    par_map(&lengths, 3, |&len| {
        let plaintext = data(len);
        let sealed = encrypt(&env, &plaintext, &["purpose=test"]);
        let chunks = len.div_ceil(CHUNK_LEN).max(1);
        assert_eq!(
            sealed.len(),
            header_len(&sealed) + len + chunks * TAG_LEN,
            "length of {len}"
        );
        decrypt(&env, &sealed, &["purpose=test"])
            .success()
            .stdout_eq(&plaintext);
        decrypt(&env, &sealed, &[]).success().stdout_eq(&plaintext);
    });
}

/// -i and -o: the output file appears complete, private, and the same path may be read and
/// replaced.
fn files_in_and_out(backend: Backend) {
    let env = TestEnv::new(backend);
    let dir = env.dir.path();
    let plaintext = data(CHUNK_LEN * 2 + 7);
    std::fs::write(dir.join("plain"), &plaintext).unwrap();
    env.cmd()
        .args(["encrypt", "-i", "plain", "-o", "sealed", "team=a"])
        .run()
        .success()
        .stdout_empty();
    env.cmd()
        .args(["decrypt", "--in", "sealed", "--out", "back", "team=a"])
        .run()
        .success();
    assert_eq!(std::fs::read(dir.join("back")).unwrap(), plaintext);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("back"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the plaintext output is private");
    }
    // In place: -i and -o the same file.
    env.cmd()
        .args(["decrypt", "-i", "sealed", "-o", "sealed"])
        .run()
        .success();
    assert_eq!(std::fs::read(dir.join("sealed")).unwrap(), plaintext);
    // `-` means the standard streams.
    env.cmd()
        .args(["encrypt", "-i", "-", "-o", "-"])
        .stdin(b"dash".to_vec())
        .run()
        .success();
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

/// `-o` naming something other than a regular file: a FIFO (like /dev/null or a tty) is
/// written in place, never replaced by a rename; a link to a file still points at the
/// (new) file; a directory is refused (exit 2).
#[cfg(unix)]
#[test]
fn outputs_that_are_not_regular_files() {
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::new(Backend::Local);
    let dir = env.dir.path();
    let sealed = encrypt(&env, b"through a fifo", &[]);
    std::fs::write(dir.join("sealed"), &sealed).unwrap();
    let fifo = dir.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    env.cmd()
        .args(["decrypt", "-i", "sealed", "-o", "fifo"])
        .run()
        .success();
    assert_eq!(reader.join().unwrap(), b"through a fifo");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    std::fs::write(dir.join("real"), b"old").unwrap();
    std::os::unix::fs::symlink("real", dir.join("link")).unwrap();
    env.cmd()
        .args(["decrypt", "-i", "sealed", "-o", "link"])
        .run()
        .success();
    assert!(
        std::fs::symlink_metadata(dir.join("link"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(dir.join("real")).unwrap(), b"through a fifo");

    env.cmd()
        .args(["decrypt", "-i", "sealed", "-o", "."])
        .run()
        .code(2)
        .stderr_contains("directory");
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

/// Cut at every chunk boundary (and inside chunks and the header): exit 4, and with -o
/// neither the output nor a temporary file is left; an existing output is untouched.
fn truncation_at_every_chunk_boundary(backend: Backend) {
    let env = TestEnv::new(backend);
    let dir = env.dir.path();
    let plaintext = data(3 * CHUNK_LEN + 10);
    let sealed = encrypt(&env, &plaintext, &[]);
    let header = header_len(&sealed);
    let mut cuts = vec![0, 1, header - 1];
    for k in 0..=3 {
        let boundary = header + k * SEALED_CHUNK_LEN;
        cuts.extend([boundary, boundary + 1, boundary + TAG_LEN]);
    }
    cuts.push(sealed.len() - 1);
    cuts.retain(|&c| c < sealed.len());
    std::fs::write(dir.join("keep"), b"previous").unwrap();
    par_map(&cuts, 3, |&cut| {
        let input = dir.join(format!("cut-{cut}"));
        std::fs::write(&input, &sealed[..cut]).unwrap();
        let out = env
            .cmd()
            .args(["decrypt", "-o", "keep", "-i"])
            .arg(&input)
            .run();
        no_panic(&out)
            .code(4)
            .error_line()
            .stderr_contains("keep was not written");
        // On stdout, the verified chunks before the cut are written, and the exit says no.
        let out = decrypt(&env, &sealed[..cut], &[]);
        out.code(4);
        assert_eq!(
            out.stdout.len() % CHUNK_LEN,
            0,
            "whole verified chunks only, cut {cut}"
        );
        assert!(out.stdout.len() <= cut, "cut {cut}");
        assert_eq!(&out.stdout[..], &plaintext[..out.stdout.len()], "cut {cut}");
    });
    assert_eq!(std::fs::read(dir.join("keep")).unwrap(), b"previous");
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
    // The whole envelope still opens.
    decrypt(&env, &sealed, &[]).success().stdout_eq(&plaintext);
}

/// Every header byte and bytes across the body, flipped one at a time: exit 4 (the header
/// checksum, the key commitment or a chunk's tag refuses it), never a panic, never output
/// of a chunk that did not verify.
fn flipped_bytes_in_header_and_body(backend: Backend) {
    let env = TestEnv::new(backend);
    let plaintext = data(CHUNK_LEN + 100);
    let sealed = encrypt(&env, &plaintext, &["k=v"]);
    let header = header_len(&sealed);
    let mut positions: Vec<usize> = (0..header).collect();
    positions.extend([
        header,
        header + 1000,
        header + CHUNK_LEN,
        header + SEALED_CHUNK_LEN - 1,
        header + SEALED_CHUNK_LEN,
        sealed.len() - 1,
    ]);
    par_map(&positions, 3, |&at| {
        let mut bad = sealed.clone();
        bad[at] ^= 0x04;
        let out = decrypt(&env, &bad, &[]);
        out.code(4).error_line();
        assert!(
            plaintext.starts_with(&out.stdout),
            "flip at {at} released unverified bytes"
        );
    });
}

/// Chunks swapped, a chunk dropped from the middle, data appended, or a second envelope
/// concatenated: exit 4.
fn reordered_dropped_and_appended_chunks(backend: Backend) {
    let env = TestEnv::new(backend);
    let plaintext = data(3 * CHUNK_LEN + 5);
    let sealed = encrypt(&env, &plaintext, &[]);
    let h = header_len(&sealed);
    let chunk = |i: usize| {
        &sealed[h + i * SEALED_CHUNK_LEN..(h + (i + 1) * SEALED_CHUNK_LEN).min(sealed.len())]
    };
    let build = |order: &[usize]| {
        let mut out = sealed[..h].to_vec();
        for &i in order {
            out.extend_from_slice(chunk(i));
        }
        out
    };
    let mut cases = vec![
        ("chunks 0 and 1 swapped", build(&[1, 0, 2, 3])),
        ("chunks 1 and 2 swapped", build(&[0, 2, 1, 3])),
        ("chunk 1 dropped", build(&[0, 2, 3])),
        ("chunk 2 repeated", build(&[0, 1, 2, 2, 3])),
        ("last chunk repeated", build(&[0, 1, 2, 3, 3])),
    ];
    let mut appended = sealed.clone();
    appended.push(0);
    cases.push(("one byte appended", appended));
    let mut twice = sealed.clone();
    twice.extend_from_slice(&sealed);
    cases.push(("the envelope twice", twice));
    let other = encrypt(&env, &plaintext, &[]);
    let mut spliced = sealed[..h + SEALED_CHUNK_LEN].to_vec();
    spliced.extend_from_slice(&other[header_len(&other) + SEALED_CHUNK_LEN..]);
    cases.push(("chunks of another envelope", spliced));
    par_map(&cases, 3, |(what, bad)| {
        let out = decrypt(&env, bad, &[]);
        assert_eq!(out.exit_code(), Some(4), "{what}\n{}", out.report());
        assert!(plaintext.starts_with(&out.stdout), "{what}");
    });
}

/// The context: given, it must equal the header's (else exit 5 before any key service call,
/// naming the header's keys); omitted, the header's is used. A header whose context was
/// changed (checksum recomputed) is refused by the key service: exit 5.
fn context_must_match(backend: Backend) {
    let env = TestEnv::new(backend);
    let sealed = encrypt(&env, b"payload", &["app=web", "env=prod"]);
    decrypt(&env, &sealed, &["env=prod", "app=web"])
        .success()
        .stdout_eq(b"payload");
    decrypt(&env, &sealed, &[]).success().stdout_eq(b"payload");
    for wrong in [
        &["app=web"][..],
        &["app=web", "env=dev"],
        &["app=web", "env=prod", "x=y"],
    ] {
        decrypt(&env, &sealed, wrong)
            .code(5)
            .error_line()
            .stderr_contains("app, env")
            .no_leak("prod");
    }
    let plain = encrypt(&env, b"payload", &[]);
    decrypt(&env, &plain, &["app=web"])
        .code(5)
        .stderr_contains("none");
    // Forge the header's context (a valid header, checksum and all): KMS (or the local
    // master key) refuses the data key under the other context.
    let header = format::parse(&sealed).unwrap();
    let mut forged_context = header.context.clone();
    forged_context.insert("env", "dev");
    let mut forged = format::encode_prefix(&forged_context, &header.wraps).unwrap();
    let hash = format::header_hash(&forged);
    forged.extend_from_slice(&hash);
    forged.extend_from_slice(&header.commitment);
    forged.extend_from_slice(&sealed[header.len..]);
    decrypt(&env, &forged, &[]).code(5).error_line();
    decrypt(&env, &forged, &["app=web", "env=dev"]).code(5);
}

/// Bad input is exit 2 (no such input file, a malformed context argument, a Fernet input
/// over the limit); input that is not an envelope is exit 4.
fn bad_input(backend: Backend) {
    let env = TestEnv::new(backend);
    env.cmd()
        .args(["encrypt", "-i", "no-such-file"])
        .run()
        .code(2)
        .error_line()
        .stderr_contains("no-such-file");
    env.cmd()
        .args(["encrypt", "novalue"])
        .stdin(b"x".to_vec())
        .run()
        .code(2);
    env.cmd()
        .args(["encrypt", "--format", "fernet"])
        .stdin(vec![0u8; 4 * 1024 * 1024 + 1])
        .run()
        .code(2)
        .stderr_contains("--format fernet");
    for junk in [&b""[..], b"hello", b"CREDSENV\x01", b"CREDSENV\x09rest"] {
        decrypt(&env, junk, &[])
            .code(4)
            .error_line()
            .stderr_contains("stdin");
    }
    env.cmd()
        .args(["decrypt", "--format", "fernet"])
        .stdin(b"{not json".to_vec())
        .run()
        .code(4);
}

/// The Fernet form round-trips on both backends, with and without a context, and refuses a
/// wrong context (5) and an altered token (4).
fn fernet_round_trip(backend: Backend) {
    let env = TestEnv::new(backend);
    for (context, message) in [(&[][..], &b""[..]), (&["app=web"][..], b"hello fernet\n")] {
        let out = env
            .cmd()
            .args(["encrypt", "--format", "fernet"])
            .args(context.iter().copied())
            .stdin(message.to_vec())
            .run();
        out.success();
        let json = out.json();
        assert!(json["encrypted_data_key"].is_string() && json["encrypted_message"].is_string());
        env.cmd()
            .args(["decrypt", "--format", "fernet"])
            .args(context.iter().copied())
            .stdin(out.stdout.clone())
            .run()
            .success()
            .stdout_eq(message);
    }
    let sealed = env
        .cmd()
        .args(["encrypt", "--format", "fernet", "app=web"])
        .stdin(b"x".to_vec())
        .run()
        .success()
        .stdout
        .clone();
    env.cmd()
        .args(["decrypt", "--format", "fernet", "app=api"])
        .stdin(sealed.clone())
        .run()
        .code(5);
    let mut json: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
    let token = json["encrypted_message"].as_str().unwrap().to_string();
    let flipped = format!(
        "{}{}",
        &token[..20],
        if &token[20..21] == "A" { "B" } else { "A" }
    ) + &token[21..];
    json["encrypted_message"] = flipped.into();
    env.cmd()
        .args(["decrypt", "--format", "fernet", "app=web"])
        .stdin(json.to_string().into_bytes())
        .run()
        .code(4);
}

on_both_backends!(
    round_trips_at_chunk_boundaries,
    files_in_and_out,
    truncation_at_every_chunk_boundary,
    flipped_bytes_in_header_and_body,
    reordered_dropped_and_appended_chunks,
    context_must_match,
    bad_input,
    fernet_round_trip,
);

// ---------------------------------------------------------------------------------------
// The Fernet recipe against Python's cryptography + boto3 (on moto's KMS)
// ---------------------------------------------------------------------------------------

/// The Python of the credstash virtualenv (it has cryptography and boto3). Never skipped:
/// missing, the test fails (under CI=true as everywhere).
fn python() -> PathBuf {
    let bin = match std::env::var_os("CREDSTORE_TEST_CREDSTASH") {
        Some(credstash) => PathBuf::from(credstash)
            .parent()
            .map(|dir| dir.join("python"))
            .unwrap_or_default(),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-credstash/bin/python"),
    };
    assert!(
        bin.is_file(),
        "python with cryptography not found at {}{}: run scripts/test (it creates \
         .venv-credstash), or set CREDSTORE_TEST_CREDSTASH to the credstash of a virtualenv \
         whose python has cryptography and boto3. The interop tests never skip.",
        bin.display(),
        if crate::harness::is_ci() {
            " (CI=true)"
        } else {
            ""
        }
    );
    bin
}

/// The recipe, as a Python user writes it: `sender` encrypts argv[2] (the standard base64
/// alphabet for the wrapped key and token when argv[3] is "standard"); `receiver` decrypts
/// the JSON on stdin. argv[1] is the key id; the context is in CONTEXT_JSON.
const RECIPE: &str = r#"
import base64, json, os, sys
import boto3
from cryptography.fernet import Fernet

kms = boto3.client("kms", region_name=os.environ["AWS_REGION"])
context = json.loads(os.environ.get("CONTEXT_JSON", "{}"))
extra = {"EncryptionContext": context} if context else {}
if sys.argv[1] == "sender":
    key = kms.generate_data_key(KeyId=sys.argv[2], NumberOfBytes=32, **extra)
    token = Fernet(base64.urlsafe_b64encode(key["Plaintext"])).encrypt(sys.stdin.buffer.read())
    blob = base64.urlsafe_b64encode(key["CiphertextBlob"]).decode()
    token = token.decode()
    if sys.argv[3] == "standard":
        blob = base64.b64encode(key["CiphertextBlob"]).decode()
        token = token.replace("-", "+").replace("_", "/")
    print(json.dumps({"encrypted_data_key": blob, "encrypted_message": token}))
else:
    message = json.loads(sys.stdin.read())
    blob = base64.urlsafe_b64decode(message["encrypted_data_key"])
    key = kms.decrypt(CiphertextBlob=blob, **extra)["Plaintext"]
    sys.stdout.buffer.write(Fernet(base64.urlsafe_b64encode(key)).decrypt(message["encrypted_message"]))
"#;

fn recipe(env: &TestEnv, args: &[&str], context: &str, stdin: &[u8]) -> Output {
    let script = env.dir.path().join("recipe.py");
    std::fs::write(&script, RECIPE).unwrap();
    let out = crate::harness::Cmd::program(python(), env)
        .arg(&script)
        .args(args.iter().copied())
        .env("CONTEXT_JSON", context)
        .stdin(stdin.to_vec())
        .run();
    out.success();
    out
}

/// Python (cryptography 50, boto3) sends, credstore receives, and the other way round,
/// with and without a context; Python's wrapped key and token in the standard base64
/// alphabet (`+`, `/`) are read too.
#[test]
fn fernet_interop_with_python_cryptography() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let message = b"interop \xff\x00 message\n".to_vec();
    for (context_json, context_args) in [("{}", &[][..]), (r#"{"app": "web"}"#, &["app=web"][..])] {
        for alphabet in ["urlsafe", "standard"] {
            let sent = recipe(&env, &["sender", &key, alphabet], context_json, &message);
            env.cmd()
                .args(["decrypt", "--format", "fernet"])
                .args(context_args.iter().copied())
                .stdin(sent.stdout.clone())
                .run()
                .success()
                .stdout_eq(&message);
        }
        let ours = env
            .cmd()
            .args(["encrypt", "--format", "fernet"])
            .args(context_args.iter().copied())
            .stdin(message.clone())
            .run()
            .success()
            .stdout
            .clone();
        recipe(&env, &["receiver"], context_json, &ours).stdout_eq(&message);
    }
}

/// The known-answer vectors of ENVELOPE.md, recomputed by Python's cryptography (HKDF,
/// AES-GCM) from the layout alone: the spec is enough to implement the format.
#[test]
fn envelope_vectors_match_python_cryptography() {
    let env = TestEnv::bare(Backend::Local);
    let script = env.dir.path().join("vectors.py");
    std::fs::write(&script, VECTORS).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    crate::harness::Cmd::program(python(), &env)
        .arg(&script)
        .arg(root)
        .run()
        .success()
        .stdout_eq(b"ok\n");
}

const VECTORS: &str = r#"
import hashlib, struct, sys
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

root = sys.argv[1] + "/src/envelope/vectors/"
prefix = bytes.fromhex(open(root + "header-prefix.hex").read().strip())
data_key = bytes(range(64))
header_hash = hashlib.sha256(prefix).digest()
mac = hmac.HMAC(header_hash, hashes.SHA256()); mac.update(data_key); prk = mac.finalize()
key = HKDFExpand(hashes.SHA256(), 32, b"credstore envelope v1 payload key").derive(prk)
commitment = HKDFExpand(hashes.SHA256(), 32, b"credstore envelope v1 commitment").derive(prk)
aead = AESGCM(key)
nonce = lambda i, last: b"\0\0\0" + struct.pack(">Q", i) + bytes([last])
empty = header_hash + commitment + aead.encrypt(nonce(0, 1), b"", None)
assert empty.hex() == open(root + "empty.hex").read().strip()
hello = aead.encrypt(nonce(0, 1), b"hello, envelope\n", None)
assert hello.hex() == open(root + "hello.hex").read().strip()
plain = bytes(i % 251 for i in range(2 * 65536 + 5))
out = prefix + header_hash + commitment
for i in range(3):
    out += aead.encrypt(nonce(i, int(i == 2)), plain[i * 65536:(i + 1) * 65536], None)
assert hashlib.sha256(out).hexdigest() == open(root + "pattern-131077.sha256").read().strip()
print("ok")
"#;

// ---------------------------------------------------------------------------------------
// Multi-Region: the header's wraps are the secrets' wraps, and so is the failover
// ---------------------------------------------------------------------------------------

mod regions {
    use super::*;
    use crate::harness::fault_proxy::{Action, FaultProxy};
    use crate::harness::{self, Cmd, Endpoints};
    use crate::regions::{access_denied, failing_kms_of, key_with_alias, kms_calls};
    use std::time::Duration;

    const HOME: &str = harness::REGION;
    const REPLICA: &str = "eu-west-1";

    fn cmd(env: &TestEnv, alias: &str, endpoint: &str) -> Cmd {
        env.cmd_via(Endpoints::at(endpoint).key(alias).tables(&[]))
            .timeout(Duration::from_secs(30))
    }

    fn failing_home(fault: fn() -> Action) -> FaultProxy {
        failing_kms_of(HOME, fault)
    }

    fn decrypts_in(proxy: &FaultProxy, region: &str) -> usize {
        kms_calls(proxy, "Decrypt", region)
    }

    /// `encrypt --replica-region` writes a home wrap and a replica wrap (region, key ARN,
    /// blob) in the header; `decrypt` fails over to the replica when the home region's KMS
    /// answers 500, and not when it refuses (exit 5, the replica never asked).
    #[test]
    fn envelope_wraps_fail_over_like_secrets() {
        let env = TestEnv::bare(Backend::Dynamo);
        let alias = format!("alias/credstore-envelope-{}", std::process::id());
        let arns = [
            key_with_alias(HOME, &alias),
            key_with_alias(REPLICA, &alias),
        ];
        let plaintext = data(CHUNK_LEN + 3);
        let sealed = cmd(&env, &alias, harness::endpoint())
            .args(["--replica-region", REPLICA, "encrypt", "app=web"])
            .stdin(plaintext.clone())
            .run()
            .success()
            .stdout
            .clone();
        let header = format::parse(&sealed).unwrap();
        let shape: Vec<(&str, &str, bool)> = header
            .wraps
            .iter()
            .map(|w| (w.region.as_str(), w.key.as_str(), w.blob.is_empty()))
            .collect();
        assert_eq!(
            shape,
            [
                (HOME, arns[0].as_str(), false),
                (REPLICA, arns[1].as_str(), false)
            ]
        );

        let proxy = failing_home(Action::internal_error);
        let out = cmd(&env, &alias, &proxy.endpoint())
            .arg("decrypt")
            .stdin(sealed.clone())
            .run();
        no_panic(&out).success().stdout_eq(&plaintext);
        assert!(decrypts_in(&proxy, HOME) >= 1, "home first");
        assert_eq!(decrypts_in(&proxy, REPLICA), 1);

        let proxy = failing_home(access_denied);
        let out = cmd(&env, &alias, &proxy.endpoint())
            .arg("decrypt")
            .stdin(sealed)
            .run();
        no_panic(&out).code(5).error_line();
        assert_eq!(decrypts_in(&proxy, REPLICA), 0, "a refusal is final");
    }
}

/// Memory stays bounded whatever the size: encrypting and decrypting 48 MiB (files in and
/// out, the embedded backend) each peak under 64 MiB of RSS (about 19 MiB in a debug
/// build). The peak is read from /proc (VmHWM) while the command runs. scripts/bench-envelope
/// measures 300 MiB with a release build.
#[cfg(target_os = "linux")]
#[test]
fn streaming_memory_is_bounded() {
    use std::process::{Command, Stdio};
    let env = TestEnv::new(Backend::Local);
    let dir = env.dir.path();
    let big = 48 * 1024 * 1024;
    let mut file = Vec::with_capacity(big);
    while file.len() < big {
        file.extend_from_slice(&data(CHUNK_LEN + 11));
    }
    file.truncate(big);
    std::fs::write(dir.join("big"), &file).unwrap();
    drop(file);
    let peak_kib = |args: &[&str]| -> u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_credstore"))
            .args(env.global_args())
            .args(args)
            .current_dir(dir)
            .env_clear()
            .envs(env.base_env())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak = 0u64;
        loop {
            if let Ok(text) = std::fs::read_to_string(&status_file) {
                if let Some(kib) = text
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                {
                    peak = peak.max(kib);
                }
            }
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "credstore {args:?} failed");
                return peak;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    };
    let encrypt = peak_kib(&["encrypt", "-i", "big", "-o", "big.cse"]);
    let decrypt = peak_kib(&["decrypt", "-i", "big.cse", "-o", "big.out"]);
    eprintln!("peak RSS for 48 MiB: encrypt {encrypt} KiB, decrypt {decrypt} KiB");
    for (what, kib) in [("encrypt", encrypt), ("decrypt", decrypt)] {
        assert!(kib > 0, "{what}: no reading of VmHWM");
        assert!(kib < 64 * 1024, "{what} of 48 MiB peaked at {kib} KiB");
    }
    assert_eq!(
        std::fs::metadata(dir.join("big.out")).unwrap().len(),
        big as u64
    );
    assert!(std::fs::read(dir.join("big.out")).unwrap() == std::fs::read(dir.join("big")).unwrap());
}

/// A signal (SIGTERM, SIGINT, SIGHUP) or the deadline during `decrypt -o`: the command
/// ends, and neither the output nor its hidden temporary file (verified plaintext so far)
/// is left on disk (issue 21, finding 7).
#[cfg(unix)]
#[test]
fn interrupted_decrypt_leaves_no_plaintext_on_disk() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let env = TestEnv::new(Backend::Local);
    let dir = env.dir.path();
    let big = 64 * 1024 * 1024;
    let mut file = Vec::with_capacity(big);
    while file.len() < big {
        file.extend_from_slice(&data(CHUNK_LEN + 11));
    }
    file.truncate(big);
    std::fs::write(dir.join("big"), &file).unwrap();
    drop(file);
    env.cmd()
        .args(["encrypt", "-i", "big", "-o", "big.cse"])
        .run()
        .success();
    std::fs::remove_file(dir.join("big")).unwrap();
    for (signal, name) in [(15, "SIGTERM"), (2, "SIGINT"), (1, "SIGHUP")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_credstore"))
            .args(env.global_args())
            .args(["decrypt", "-i", "big.cse", "-o", "out"])
            .current_dir(dir)
            .env_clear()
            .envs(env.base_env())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait for the temporary file to hold some plaintext, then signal.
        let started = Instant::now();
        loop {
            let growing = leftovers(dir)
                .iter()
                .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
            if growing {
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "{name}: decrypt ended before its temporary file was seen"
            );
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{name}: no temporary file"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let ended = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                ended.elapsed() < Duration::from_secs(10),
                "{name}: decrypt still running"
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(
            status.code() == Some(128 + signal) || status.signal() == Some(signal),
            "{name}: {status:?} {stderr}"
        );
        assert!(
            leftovers(dir).is_empty(),
            "{name}: left {:?}",
            leftovers(dir)
        );
        assert!(!dir.join("out").exists(), "{name}: out was written");
    }

    // The deadline strikes mid-way (half the envelope sent, the input left open): exit 1,
    // nothing left.
    let sealed = std::fs::read(dir.join("big.cse")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_credstore"))
        .args(env.global_args())
        .args(["--timeout", "3s", "decrypt", "-o", "out"])
        .current_dir(dir)
        .env_clear()
        .envs(env.base_env())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut input, &sealed[..sealed.len() / 2]).unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the deadline did not end decrypt"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    drop(input);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("timed out"), "{stderr}");
    assert!(
        leftovers(dir).is_empty(),
        "deadline: left {:?}",
        leftovers(dir)
    );
    assert!(!dir.join("out").exists());

    // A truncated envelope: exit 4, nothing left (a chunk was written before the cut).
    std::fs::write(dir.join("cut.cse"), &sealed[..sealed.len() / 2]).unwrap();
    let out = env
        .cmd()
        .args(["decrypt", "-i", "cut.cse", "-o", "out"])
        .run();
    no_panic(&out)
        .code(4)
        .stderr_contains("out was not written");
    assert!(
        leftovers(dir).is_empty(),
        "truncated: left {:?}",
        leftovers(dir)
    );
    assert!(!dir.join("out").exists());
}

/// `encrypt --local` and `decrypt --local` use the master key alone (issue 22): no
/// database is created, and a store file that is not a database at all is never opened.
#[test]
fn local_envelopes_open_no_database() {
    // No setup: setup makes the database.
    let env = TestEnv::bare(Backend::Local);
    let db = env.store_path();
    let key = credstore::Backend::master_key_path(&db);
    // A fresh place: encrypt makes the master key, never the database.
    let sealed = encrypt(&env, b"payload", &["team=a"]);
    assert!(key.exists(), "the master key was made");
    assert!(!db.exists(), "encrypt created the database");
    decrypt(&env, &sealed, &["team=a"])
        .success()
        .stdout_eq("payload");
    assert!(!db.exists(), "decrypt created the database");
    // A store file that SQLite cannot read: opening it would fail, so neither opens it.
    std::fs::write(&db, b"not a sqlite database").unwrap();
    let again = encrypt(&env, b"more", &[]);
    decrypt(&env, &again, &[]).success().stdout_eq("more");
    assert_eq!(std::fs::read(&db).unwrap(), b"not a sqlite database");
}
