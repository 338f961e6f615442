//! What a credstash or chamber user trips over in the first hour (issue 23): formats that
//! apply to one name, warnings when a write cuts credstash readers off, prune's question,
//! `--debug`'s call lines, answers that are not AWS's, whole-segment prefixes, --exclude.

use crate::harness::{Backend, Cmd, Endpoints, TestEnv};
use std::io::{Read, Write};

on_both_backends!(
    get_with_a_format_applies_it_to_one_name,
    bound_put_over_credstash_versions_warns_once,
    legacy_put_after_a_bound_version_is_refused,
    put_version_must_be_an_integer,
    prune_without_keep_asks_on_a_terminal,
    prefix_matches_whole_path_segments,
    exclude_leaves_denied_names_out_of_bulk_exports,
    list_and_keys_take_a_pattern_and_find_searches_names,
    listings_keep_one_json_schema_and_history_names_the_secret,
    put_trim_and_prompt_confirm,
    put_errors_show_option_values_never_the_value,
);

fn put(env: &TestEnv, args: &[&str]) {
    env.cmd().arg("put").args(args).run().success();
}

fn get_with_a_format_applies_it_to_one_name(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["app/token", "tok-3e8a\nline2"]);
    let github_env = env.dir.path().join("github_env");
    let out = env
        .cmd()
        .args(["get", "app/token", "-f", "github"])
        .env("GITHUB_ENV", &github_env)
        .run();
    out.success()
        .stdout_eq("::add-mask::tok-3e8a\n::add-mask::line2\n");
    let file = std::fs::read_to_string(&github_env).unwrap();
    assert!(file.starts_with("APP_TOKEN<<CREDSTORE_EOF_"), "{file}");
    assert!(file.contains("\ntok-3e8a\nline2\n"), "{file}");
    // Outside Actions: a usage error, and the value is never printed.
    env.cmd()
        .args(["get", "app/token", "-f", "github"])
        .env_remove("GITHUB_ENV")
        .run()
        .code(2)
        .stdout_empty()
        .no_leak("tok-3e8a");
    env.cmd()
        .args(["get", "app/token", "-f", "dotenv"])
        .run()
        .success()
        .stdout_eq("APP_TOKEN='tok-3e8a\nline2'\n");
    // docker cannot carry a newline: refused, not printed raw.
    env.cmd()
        .args(["get", "app/token", "-f", "docker"])
        .run()
        .code(2)
        .stdout_empty();
    env.cmd()
        .args(["get", "app/token", "-f", "json"])
        .run()
        .success()
        .stdout_eq("{\n    \"app/token\": \"tok-3e8a\\nline2\"\n}\n");
    // Without -f, one name still prints raw.
    env.cmd()
        .args(["get", "app/token"])
        .run()
        .success()
        .stdout_eq("tok-3e8a\nline2\n");
}

fn bound_put_over_credstash_versions_warns_once(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["shared.a", "1", "--legacy"]);
    put(&env, &["shared.b", "1", "--legacy"]);
    let out = env
        .cmd()
        .args([
            "putall",
            r#"{"shared.a": "2", "shared.b": "2", "fresh": "x"}"#,
        ])
        .run();
    out.success();
    let err = out.stderr_str();
    assert_eq!(err.matches("warning:").count(), 1, "{}", out.report());
    for needle in ["2 secrets", "--legacy", "CREDSTORE_LEGACY=1", "bind --all"] {
        out.stderr_contains(needle);
    }
    // Only the first bound write over credstash's versions warns.
    let again = env.cmd().args(["put", "shared.a", "3"]).run();
    again.success();
    assert!(
        !again.stderr_str().contains("warning"),
        "{}",
        again.report()
    );
    // --legacy keeps credstash reading: no warning.
    put(&env, &["legacy.only", "1", "--legacy"]);
    let out = env
        .cmd()
        .args(["put", "legacy.only", "2"])
        .env("CREDSTORE_LEGACY", "1")
        .run();
    out.success();
    assert!(!out.stderr_str().contains("warning"), "{}", out.report());
}

fn legacy_put_after_a_bound_version_is_refused(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["db", "bound"]);
    env.cmd()
        .args(["put", "db", "unbound-3e8a", "--legacy"])
        .run()
        .code(2)
        .error_line()
        .stderr_contains("without --legacy")
        .no_leak("unbound-3e8a");
    env.cmd()
        .args(["put", "db", "unbound", "-v", "5"])
        .env("CREDSTORE_LEGACY", "1")
        .run()
        .code(2);
    // Nothing was written: the bound version is still the latest and reads fine.
    let history = env.cmd().args(["history", "db"]).run();
    history.success();
    assert_eq!(history.lines().len(), 1, "{}", history.report());
    env.cmd()
        .args(["get", "db"])
        .run()
        .success()
        .stdout_eq("bound\n");
}

fn put_version_must_be_an_integer(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "x", "v", "-v", "abc"])
        .run()
        .code(2)
        .error_line()
        .stderr_contains("abc");
    env.cmd().args(["get", "x"]).run().code(3);
    // Autoversion still works on the name.
    put(&env, &["x", "v"]);
    env.cmd().args(["get", "x", "-v", "1"]).run().success();
}

/// `credstore ARGS` run on a pseudo-terminal (util-linux `script`), answering `answer`.
fn on_terminal(env: &TestEnv, args: &[&str], answer: &str) -> crate::harness::Output {
    let quote = |a: &str| format!("'{}'", a.replace('\'', r"'\''"));
    let mut line = vec![quote(env!("CARGO_BIN_EXE_credstore"))];
    for a in env.global_args() {
        line.push(quote(&a.to_string_lossy()));
    }
    line.extend(args.iter().map(|a| quote(a)));
    Cmd::program("script", env)
        .args(["-qec", &line.join(" "), "/dev/null"])
        .stdin(answer.as_bytes().to_vec())
        .run()
}

fn prune_without_keep_asks_on_a_terminal(b: Backend) {
    let env = TestEnv::new(b);
    for v in ["1", "2", "3"] {
        put(&env, &["p", v]);
    }
    let out = on_terminal(&env, &["prune", "p"], "n\n");
    out.code(1)
        .stdout_contains("delete 2 versions of p")
        .stdout_contains("nothing was deleted");
    let history = env.cmd().args(["history", "p"]).run();
    assert_eq!(history.lines().len(), 3, "{}", history.report());
    // --keep is an answer: no question.
    let out = on_terminal(&env, &["prune", "p", "--keep", "2"], "");
    out.success();
    assert!(!out.stdout_str().contains("[y/N]"), "{}", out.report());
    let out = on_terminal(&env, &["prune", "p"], "y\n");
    out.success().stdout_contains("deleted 1 version, kept 1");
    let history = env.cmd().args(["history", "p"]).run();
    assert_eq!(history.lines().len(), 1, "{}", history.report());
}

fn prefix_matches_whole_path_segments(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["billing/prod/db_password", "a"]);
    put(&env, &["billing/production-legacy/db_password", "b"]);
    let out = env
        .cmd()
        .args(["env", "--prefix", "billing/prod", "-f", "json"])
        .run();
    out.success();
    assert_eq!(
        out.json_map(),
        crate::harness::map(&[("DB_PASSWORD", "a")]),
        "{}",
        out.report()
    );
    // With the separator: the same.
    let out = env
        .cmd()
        .args(["env", "--prefix", "billing/prod/", "-f", "json"])
        .run();
    assert_eq!(out.success().json_map().len(), 1);
}

fn exclude_leaves_denied_names_out_of_bulk_exports(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["path", "/evil"]);
    put(&env, &["db.url", "postgres://x"]);
    // The hint fits the command: getall has no --map.
    env.cmd()
        .args(["getall", "-f", "shell"])
        .run()
        .code(2)
        .stderr_contains("--exclude 'path'");
    env.cmd()
        .args(["getall", "-f", "shell", "--exclude", "path"])
        .run()
        .success()
        .stdout_eq("export DB_URL='postgres://x'\n");
    env.cmd()
        .args(["getall", "--exclude", "p*", "--exclude", "nothing"])
        .run()
        .success()
        .stdout_eq("{\n    \"db.url\": \"postgres://x\"\n}\n");
    env.cmd()
        .args(["env", "--all", "--exclude", "path"])
        .run()
        .success()
        .stdout_eq("export DB_URL='postgres://x'\n");
    env.cmd()
        .args([
            "exec",
            "--all",
            "--exclude",
            "pa*",
            "--",
            "sh",
            "-c",
            "echo $DB_URL",
        ])
        .run()
        .success()
        .stdout_eq("postgres://x\n");
}

#[test]
fn debug_prints_one_line_per_aws_call() {
    let env = TestEnv::new(Backend::Dynamo);
    put(&env, &["dbg", "debug-secret-3e8a"]);
    let out = env.cmd().args(["--debug", "get", "dbg"]).run();
    out.success().stdout_eq("debug-secret-3e8a\n");
    let err = out.stderr_str();
    assert!(!err.contains("debug-secret-3e8a"), "{}", out.report());
    let calls: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("credstore::aws"))
        .collect();
    assert!(
        calls
            .iter()
            .any(|l| l.contains("DynamoDB Query") || l.contains("DynamoDB GetItem")),
        "{}",
        out.report()
    );
    let decrypt = calls
        .iter()
        .find(|l| l.contains("KMS Decrypt"))
        .unwrap_or_else(|| panic!("no KMS Decrypt line\n{}", out.report()));
    for field in [
        "region=us-east-1",
        "endpoint=http://127.0.0.1:",
        "attempts=1",
        "status=200",
        " ms",
    ] {
        assert!(decrypt.contains(field), "{field} missing in {decrypt}");
    }
    assert!(err.contains("credentials="), "{}", out.report());
    // The SDK's internals stay out unless RUST_LOG asks for them.
    assert!(!err.contains("aws_smithy_runtime"), "{}", out.report());
    assert!(err.lines().count() <= 8, "{}", out.report());
    let out = env
        .cmd()
        .args(["get", "dbg"])
        .env("RUST_LOG", "credstore=debug")
        .run();
    out.success().stderr_contains("KMS Decrypt");
}

/// A web server that answers every request with an HTML 404 page, as a proxy does.
fn html_404_server() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            let body = "<html><body><h1>404 Not Found</h1></body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    addr
}

#[test]
fn non_aws_answer_names_status_endpoint_and_cause() {
    let env = TestEnv::new(Backend::Dynamo);
    let addr = html_404_server();
    let endpoint = format!("http://{addr}");
    let out = env
        .cmd_via(Endpoints::at(&endpoint))
        .args(["get", "anything"])
        .run();
    out.code(1).error_line();
    for needle in [
        endpoint.as_str(),
        "HTTP 404",
        "text/html",
        "not a DynamoDB answer",
        "wrong endpoint",
    ] {
        out.stderr_contains(needle);
    }
    assert!(
        !out.stderr_str().contains("unhandled error"),
        "{}",
        out.report()
    );
}

fn list_and_keys_take_a_pattern_and_find_searches_names(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["app1/db.password", "1"]);
    put(&env, &["app1/db.password", "2"]);
    put(&env, &["app1/api.token", "t"]);
    put(&env, &["app2/DB.PASSWORD", "x"]);
    let out = env.cmd().args(["keys", "app1/*"]).run();
    out.success()
        .stdout_eq("app1/api.token\napp1/db.password\n");
    let out = env.cmd().args(["list", "app1/db*"]).run();
    let listed = crate::harness::parse_list(out.success());
    assert_eq!(listed.len(), 2, "{}", out.report());
    assert!(listed.iter().all(|(n, _, _)| n == "app1/db.password"));
    let out = env.cmd().args(["list", "app1/db*", "--latest"]).run();
    assert_eq!(crate::harness::parse_list(out.success()).len(), 1);
    // find: a text anywhere in the name, in any case.
    env.cmd()
        .args(["find", "password"])
        .run()
        .success()
        .stdout_eq("app1/db.password\napp2/DB.PASSWORD\n");
    let out = env.cmd().args(["find", "DB*word", "-f", "json"]).run();
    assert_eq!(
        out.success().json(),
        serde_json::json!(["app1/db.password", "app2/DB.PASSWORD"])
    );
    env.cmd()
        .args(["find", "nothing"])
        .run()
        .success()
        .stdout_empty();
}

fn listings_keep_one_json_schema_and_history_names_the_secret(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, &["bound", "v", "-c", "note"]);
    put(&env, &["plain", "v", "--legacy"]);
    let list = env.cmd().args(["list", "-f", "json"]).run();
    let items = list.success().json();
    let keys = |item: &serde_json::Value| {
        let mut k: Vec<String> = item.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(keys(&items[0]), keys(&items[1]), "one schema: {items:?}");
    assert_eq!(items[1]["bound"], false);
    assert_eq!(items[1]["context"], serde_json::json!({}));
    assert_eq!(items[1]["regions"], serde_json::json!([]));
    let history = env.cmd().args(["history", "plain", "-f", "json"]).run();
    assert_eq!(keys(&history.success().json()[0]), keys(&items[0]));
    // Text: the same line as list's.
    let text = env.cmd().args(["history", "bound"]).run();
    let listed = crate::harness::parse_list(text.success());
    assert_eq!(
        listed,
        vec![(
            "bound".to_string(),
            "0000000000000000001".to_string(),
            "note".to_string()
        )]
    );
}

fn put_trim_and_prompt_confirm(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "t", "-", "--trim"])
        .stdin(b"pw\n".to_vec())
        .run()
        .success();
    env.cmd()
        .args(["get", "t", "-n"])
        .run()
        .success()
        .stdout_eq("pw");
    env.cmd()
        .args(["put", "crlf", "-", "--trim"])
        .stdin(b"pw\n\r\n".to_vec())
        .run()
        .success();
    env.cmd()
        .args(["get", "crlf", "-n"])
        .run()
        .success()
        .stdout_eq("pw\n");
    // Without --trim the bytes are kept, newline included.
    env.cmd()
        .args(["put", "raw", "-"])
        .stdin(b"pw\n".to_vec())
        .run()
        .success();
    env.cmd()
        .args(["get", "raw", "-n"])
        .run()
        .success()
        .stdout_eq("pw\n");
    // --prompt asks twice and refuses an empty value or two different ones.
    on_terminal(&env, &["put", "p", "--prompt"], "\n").code(2);
    on_terminal(&env, &["put", "p", "--prompt"], "one\ntwo\n")
        .code(2)
        .stdout_contains("differ");
    env.cmd().args(["get", "p"]).run().code(3);
    on_terminal(&env, &["put", "p", "--prompt"], "same\nsame\n").success();
    env.cmd()
        .args(["get", "p", "-n"])
        .run()
        .success()
        .stdout_eq("same");
}

fn put_errors_show_option_values_never_the_value(b: Backend) {
    let env = TestEnv::new(b);
    // The digest is ours to show; the value is not.
    env.cmd()
        .args(["put", "x", "s3cr3t-3e8a", "-d", "SHA2"])
        .run()
        .code(2)
        .stderr_contains("'SHA2'")
        .no_leak("s3cr3t-3e8a");
    // SHA1 is another name of SHA.
    put(&env, &["x", "v", "-d", "SHA1"]);
    // A value starting with `-`: no part of it in the error, and how to pass it.
    let out = env.cmd().args(["put", "y", "-Xs3cr3t"]).run();
    out.code(2).stderr_contains("-- VALUE");
    assert!(!out.stderr_str().contains("-X"), "{}", out.report());
}

#[test]
fn encrypt_refuses_a_terminal_and_dotenv_names_the_variable() {
    let env = TestEnv::new(Backend::Local);
    let out = on_terminal(&env, &["encrypt"], "");
    out.code(2).stdout_contains("terminal");
    put(&env, &["cr", "a\rb"]);
    env.cmd()
        .args(["getall", "-f", "dotenv"])
        .run()
        .code(2)
        .stderr_contains("variable `CR`");
}

#[test]
fn an_unknown_command_suggests_the_closest_one() {
    let env = TestEnv::new(Backend::Local);
    for (typo, meant) in [("gte", "`get`"), ("lsit", "`list`"), ("pruen", "`prune`")] {
        let out = env.cmd().args([typo, "x"]).run();
        out.code(2).error_line().stderr_contains(meant);
        assert_eq!(out.stderr_str().lines().count(), 1, "{}", out.report());
    }
    env.cmd()
        .arg("frobnicate")
        .run()
        .code(2)
        .stderr_contains("credstore --help");
    // A file that is not an envelope: said once, with what to do.
    let out = env.cmd().arg("decrypt").stdin(b"garbage".to_vec()).run();
    out.code(4).stderr_contains("credstore encrypt");
    assert!(!out.stderr_str().contains("intact"), "{}", out.report());
}

#[test]
fn bind_dry_run_says_what_it_cannot_know() {
    let env = TestEnv::new(Backend::Local);
    put(&env, &["old", "v", "--legacy"]);
    let out = env.cmd().args(["bind", "--all", "--dry-run"]).run();
    out.success()
        .stdout_contains("would bind old")
        .stderr_contains("would bind 1, skipped 0, failed 0")
        .stderr_contains("no KMS call");
    // A real run has nothing to caution about.
    let out = env.cmd().args(["bind", "--all"]).run();
    out.success();
    assert!(
        !out.stderr_str().contains("no KMS call"),
        "{}",
        out.report()
    );
}
