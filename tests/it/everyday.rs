//! What a credstash or chamber user trips over in the first hour (issue 23): formats that
//! apply to one name, warnings when a write cuts credstash readers off, prune's question,
//! `--debug`'s call lines, answers that are not AWS's, whole-segment prefixes, --exclude.

use crate::harness::{Backend, Cmd, TestEnv};
use std::io::{Read, Write};

on_both_backends!(
    get_with_a_format_applies_it_to_one_name,
    bound_put_over_credstash_versions_warns_once,
    legacy_put_after_a_bound_version_is_refused,
    put_version_must_be_an_integer,
    prune_without_keep_asks_on_a_terminal,
    prefix_matches_whole_path_segments,
    exclude_leaves_denied_names_out_of_bulk_exports,
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
    let key = env.key_id.clone().unwrap();
    let out = Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(["--endpoint-url", &endpoint, "-t", &env.table, "-k", &key])
        .args(["get", "anything"])
        .env("AWS_ENDPOINT_URL", &endpoint)
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
