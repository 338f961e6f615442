//! `render`: templates filled with secrets, each filter's output read back exactly by a
//! real reader (JSON: serde_json and Python's json; YAML: serde_yaml_ng; sh: `sh -c
//! 'printf %s ...'`; base64), fail-closed on a missing secret or a syntax error (nothing
//! written), the output file's mode and the same path checks as `decrypt -o`.

use crate::harness::{Backend, Cmd, TestEnv, is_ci, no_panic, put_bytes};
use base64::Engine as _;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Values that break naive quoting: quotes, newlines, `$`, backticks, backslashes,
/// unicode (including YAML 1.1 line breaks and a BOM), control characters.
const VALUES: &[&str] = &[
    "it's \"quoted\"",
    "line one\nline two\r\nthree\n",
    "$HOME ${PATH} $(id) `id` \\$ \\\\",
    "héllo wörld 日本語 😀 \u{2028}\u{2029}\u{85}\u{feff}",
    "tab\there\u{1}\u{7f} '' \\' \"",
    "  leading and trailing  ",
    "yes",
    "~",
    "",
    "-- --- #",
];

fn put_values(env: &TestEnv) {
    for (i, v) in VALUES.iter().enumerate() {
        put_bytes(env, &format!("app/v{i}"), v.as_bytes());
    }
}

fn write(env: &TestEnv, name: &str, text: &str) {
    std::fs::write(env.dir.path().join(name), text).unwrap();
}

fn render(env: &TestEnv, template: &str) -> Vec<u8> {
    write(env, "t.tmpl", template);
    env.cmd()
        .args(["render", "t.tmpl"])
        .run()
        .success()
        .stdout
        .clone()
}

fn filters_round_trip_through_real_readers(backend: Backend) {
    let env = TestEnv::new(backend);
    put_values(&env);
    let n = VALUES.len();

    // JSON: an object of json-filtered values, read by serde_json and by Python's json.
    let entries: Vec<String> = (0..n)
        .map(|i| format!("\"v{i}\": {{{{ secret \"app/v{i}\" | json }}}}"))
        .collect();
    let json = render(&env, &format!("{{\n{}\n}}\n", entries.join(",\n")));
    let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
    for (i, v) in VALUES.iter().enumerate() {
        assert_eq!(parsed[format!("v{i}")].as_str(), Some(*v), "json v{i}");
    }
    std::fs::write(env.dir.path().join("out.json"), &json).unwrap();
    for (i, v) in VALUES.iter().enumerate() {
        let py = Cmd::program("python3", &env)
            .args([
                "-c",
                "import json,sys; sys.stdout.buffer.write(json.load(open('out.json', encoding='utf-8'))[sys.argv[1]].encode('utf-8'))",
                &format!("v{i}"),
            ])
            .run();
        py.success();
        assert_eq!(py.stdout, v.as_bytes(), "python json v{i}");
    }

    // YAML: a mapping of yaml-filtered values, in block and flow context.
    let lines: Vec<String> = (0..n)
        .map(|i| format!("v{i}: {{{{ secret \"app/v{i}\" | yaml }}}}"))
        .collect();
    let yaml = render(
        &env,
        &format!(
            "# generated\n{}\nflow: [{{{{ secret \"app/v0\" | yaml }}}}, {{{{ secret \"app/v2\" | yaml }}}}]\n",
            lines.join("\n")
        ),
    );
    let parsed: serde_yaml_ng::Value = serde_yaml_ng::from_slice(&yaml).unwrap();
    for (i, v) in VALUES.iter().enumerate() {
        assert_eq!(
            parsed[format!("v{i}").as_str()].as_str(),
            Some(*v),
            "yaml v{i}"
        );
    }
    assert_eq!(parsed["flow"][1].as_str(), Some(VALUES[2]));

    // sh: one shell word each, printed by printf in a real shell.
    for (i, v) in VALUES.iter().enumerate() {
        let script = render(
            &env,
            &format!("printf %s {{{{ secret \"app/v{i}\" | shell }}}}"),
        );
        let sh = Cmd::program("sh", &env)
            .arg("-c")
            .arg(String::from_utf8(script).unwrap())
            .run();
        sh.success();
        assert_eq!(sh.stdout, v.as_bytes(), "sh v{i}");
    }

    // Raw and base64 (a binary value too).
    put_bytes(&env, "bin", b"\x00\xff\xfe raw\n");
    let out = render(
        &env,
        "raw=[{{ secret \"app/v2\" }}] b64={{ secret \"bin\" | base64 }} {{ \"{{\" }}literal}}",
    );
    let text = String::from_utf8(out).unwrap();
    let expected_prefix = format!("raw=[{}] b64=", VALUES[2]);
    assert!(text.starts_with(&expected_prefix), "{text:?}");
    let b64 = text[expected_prefix.len()..].split(' ').next().unwrap();
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap(),
        b"\x00\xff\xfe raw\n"
    );
    assert!(text.ends_with(" {{literal}}"), "{text:?}");
}

/// A version and a context in the tag select exactly that version / are given to KMS.
fn versions_and_context(backend: Backend) {
    let env = TestEnv::new(backend);
    put_bytes(&env, "db", b"first");
    put_bytes(&env, "db", b"second");
    env.cmd()
        .args(["put", "ctx", "bound-to-context", "team=blue"])
        .run()
        .success();
    let out = render(
        &env,
        "{{ secret \"db\" version=\"1\" }} {{ secret \"db\" }} {{ secret \"ctx\" context=\"team=blue\" }}",
    );
    assert_eq!(out, b"first second bound-to-context");
    // The wrong context is refused by the key service (exit 5), nothing printed.
    write(
        &env,
        "bad.tmpl",
        "x{{ secret \"ctx\" context=\"team=red\" }}",
    );
    let out = env.cmd().args(["render", "bad.tmpl"]).run();
    no_panic(&out).code(5).stdout_empty();
}

/// A missing secret (or version) fails the whole render with exit 3, naming it, and the
/// output file is neither created nor replaced; no temporary file is left.
fn missing_secret_writes_nothing(backend: Backend) {
    let env = TestEnv::new(backend);
    put_bytes(&env, "present", b"here");
    let dir = env.dir.path();
    write(
        &env,
        "t.tmpl",
        "a={{ secret \"present\" }}\nb={{ secret \"absent\" }}\n",
    );
    let out = env.cmd().args(["render", "t.tmpl", "-o", "new.conf"]).run();
    no_panic(&out)
        .code(3)
        .error_line()
        .stderr_contains("absent");
    assert!(!dir.join("new.conf").exists());
    std::fs::write(dir.join("old.conf"), b"previous").unwrap();
    let out = env.cmd().args(["render", "t.tmpl", "-o", "old.conf"]).run();
    no_panic(&out).code(3);
    assert_eq!(std::fs::read(dir.join("old.conf")).unwrap(), b"previous");
    write(&env, "v.tmpl", "{{ secret \"present\" version=\"9\" }}");
    let out = env.cmd().args(["render", "v.tmpl"]).run();
    no_panic(&out).code(3).stdout_empty();
    no_leftovers(dir);
}

on_both_backends!(
    filters_round_trip_through_real_readers,
    versions_and_context,
    missing_secret_writes_nothing
);

/// A syntax error names the file, line and column, exits 2, reads nothing and writes nothing.
#[test]
fn syntax_error_has_line_and_column() {
    let env = TestEnv::new(Backend::Local);
    write(&env, "t.tmpl", "ok\nport: {{ secret \"db\" | upper }}\n");
    let out = env.cmd().args(["render", "t.tmpl", "-o", "out"]).run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains("t.tmpl")
        .stderr_contains("line 2, column 24")
        .stderr_contains("unknown filter");
    assert!(!env.dir.path().join("out").exists());
    // Unclosed tag: the position of its `{{`.
    write(&env, "u.tmpl", "a\nb\n  {{ secret \"db\"\n");
    let out = env.cmd().args(["render", "u.tmpl"]).run();
    no_panic(&out).code(2).stderr_contains("line 3, column 3");
    // A filter that cannot write the value: exit 1, the secret named, nothing written.
    put_bytes(&env, "bin", b"\xff\xfe");
    write(&env, "j.tmpl", "{{ secret \"bin\" | json }}");
    let out = env.cmd().args(["render", "j.tmpl", "-o", "j.out"]).run();
    no_panic(&out)
        .code(1)
        .stderr_contains("`bin`")
        .stderr_contains("base64");
    assert!(!env.dir.path().join("j.out").exists());
}

/// -o creates the file with mode 0600 whatever the umask, or --mode's bits; a file that
/// existed is replaced (by rename) with the new mode.
#[test]
fn output_mode() {
    let env = TestEnv::new(Backend::Local);
    put_bytes(&env, "s", b"value");
    write(&env, "t.tmpl", "{{ secret \"s\" }}");
    let dir = env.dir.path();
    let mode = |p: &str| std::fs::metadata(dir.join(p)).unwrap().permissions().mode() & 0o7777;
    env.cmd()
        .args(["render", "t.tmpl", "-o", "a.conf"])
        .run()
        .success()
        .stdout_empty();
    assert_eq!(std::fs::read(dir.join("a.conf")).unwrap(), b"value");
    assert_eq!(mode("a.conf"), 0o600);
    std::fs::write(dir.join("b.conf"), b"old").unwrap();
    std::fs::set_permissions(dir.join("b.conf"), std::fs::Permissions::from_mode(0o666)).unwrap();
    env.cmd()
        .args(["render", "t.tmpl", "-o", "b.conf", "--mode", "0440"])
        .run()
        .success();
    assert_eq!(std::fs::read(dir.join("b.conf")).unwrap(), b"value");
    assert_eq!(mode("b.conf"), 0o440);
    let out = env
        .cmd()
        .args(["render", "t.tmpl", "-o", "c.conf", "--mode", "4755"])
        .run();
    no_panic(&out).code(2);
    assert!(!dir.join("c.conf").exists());
    no_leftovers(dir);
}

/// The uid that plays "another user" (nobody).
const OTHER_UID: u32 = 65534;

/// The same refusals as `decrypt -o`: another user's symlink or FIFO in a shared directory.
#[test]
fn refuses_another_users_symlink_and_fifo() {
    if !rustix::process::geteuid().is_root() {
        assert!(
            !is_ci(),
            "needs root to play another user; CI=true runs as root"
        );
        eprintln!("skipped: not root, so no file of another user can be made here");
        return;
    }
    let env = TestEnv::new(Backend::Local);
    put_bytes(&env, "s", b"the plaintext");
    write(&env, "t.tmpl", "{{ secret \"s\" }}");
    let dir = env.dir.path();
    let shared = dir.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let mine = dir.join("mine");
    std::fs::write(&mine, b"keep me").unwrap();
    let link = shared.join("planted-link");
    std::os::unix::fs::symlink(&mine, &link).unwrap();
    std::os::unix::fs::lchown(&link, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    let out = env.cmd().args(["render", "t.tmpl", "-o"]).arg(&link).run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains("symbolic link");
    assert_eq!(std::fs::read(&mine).unwrap(), b"keep me");

    let fifo = shared.join("planted-fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::lchown(&fifo, Some(OTHER_UID), Some(OTHER_UID)).unwrap();
    let out = env
        .cmd()
        .args(["render", "t.tmpl", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .run();
    no_panic(&out).code(2).stderr_contains("uid 65534");
    no_leftovers(&shared);
    no_leftovers(dir);
}

/// No temporary output was left in `dir`.
fn no_leftovers(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".credstore-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
