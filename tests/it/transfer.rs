//! `import` (dotenv, SSM Parameter Store, Secrets Manager) and `export --to-ssm`: round
//! trips through moto's SSM and Secrets Manager and through our own dotenv writer,
//! idempotence, dry runs, refusals that write nothing, and no value on any output.

use crate::harness::{self, Backend, Cmd, Endpoints, REGION, TestEnv, no_panic, put_bytes};

/// Awkward values: quotes, newlines, `$`, backticks, backslashes, unicode.
const VALUES: &[(&str, &str)] = &[
    ("DB_PASS", "it's \"quoted\" VAL-1a2b"),
    ("MULTI", "line one\nline two VAL-3c4d\n"),
    ("DOLLAR", "$HOME `id` ${X VAL-5e6f"),
    ("BACKSLASH", "ends in \\ VAL-7a8b\\"),
    ("UNICODE", "ünïcödé ✓ VAL-9c0d"),
];

/// `env`'s own table, with the emulator as the endpoint of SSM and Secrets Manager too
/// (the embedded backend otherwise has no endpoint).
fn cmd(env: &TestEnv) -> Cmd {
    env.cmd_via(Endpoints::emulator())
}

/// [`TestEnv::cmd_on_table`] with the emulator as every service's endpoint.
fn in_table_aws(env: &TestEnv, table: &str) -> Cmd {
    env.cmd_via(Endpoints::emulator().table(table))
}

fn no_value(out: &harness::Output) {
    for (_, v) in VALUES {
        out.no_leak(v.as_bytes());
    }
}

fn ssm() -> aws_sdk_ssm::Client {
    use aws_sdk_ssm::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_ssm::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(harness::endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_ssm::Client::from_conf(conf)
}

fn secrets_manager() -> aws_sdk_secretsmanager::Client {
    use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_secretsmanager::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(harness::endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_secretsmanager::Client::from_conf(conf)
}

/// Every parameter under `path`: name -> (type, decrypted value).
fn parameters(path: &str) -> Vec<(String, String, String)> {
    harness::rt().block_on(async {
        let mut out = Vec::new();
        let mut token = None;
        loop {
            let page = ssm()
                .get_parameters_by_path()
                .path(path)
                .recursive(true)
                .with_decryption(true)
                .set_next_token(token)
                .send()
                .await
                .unwrap();
            for p in page.parameters() {
                out.push((
                    p.name().unwrap().to_string(),
                    p.r#type().unwrap().as_str().to_string(),
                    p.value().unwrap().to_string(),
                ));
            }
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
        out.sort();
        out
    })
}

fn get(cmd: Cmd, name: &str) -> Vec<u8> {
    cmd.args(["get", "-n", name]).run().success().stdout.clone()
}

fn dotenv_round_trip(backend: Backend) {
    let env = TestEnv::new(backend);
    for (name, value) in VALUES {
        put_bytes(&env, name, value.as_bytes());
    }
    let out = env.cmd().args(["env", "--all", "-f", "dotenv"]).run();
    out.success();
    let file = env.dir.path().join("app.env");
    std::fs::write(&file, &out.stdout).unwrap();

    let other = format!("{}-imported", env.table);
    env.cmd_on_table(&other).arg("setup").run().success();
    // A dry run stores nothing and prints names only.
    let out = env
        .cmd_on_table(&other)
        .args(["import", "--dry-run", "--dotenv"])
        .arg(&file)
        .run();
    out.success()
        .stderr_contains("would store (new): DB_PASS from variable DB_PASS")
        .stderr_contains("5 values to store, 0 unchanged");
    no_value(&out);
    env.cmd_on_table(&other)
        .args(["keys"])
        .run()
        .success()
        .stdout_empty();

    let out = env
        .cmd_on_table(&other)
        .args(["import", "--dotenv"])
        .arg(&file)
        .run();
    out.success()
        .stderr_contains("5 values stored, 0 unchanged");
    no_value(&out);
    for (name, value) in VALUES {
        assert_eq!(
            get(env.cmd_on_table(&other), name),
            value.as_bytes(),
            "{name}"
        );
    }
    // Same names, versions and values on both sides.
    env.cmd()
        .args(["diff", "--to-table", &other])
        .run()
        .success();

    // Idempotent: a second import stores nothing; a changed value is one new version.
    let out = env
        .cmd_on_table(&other)
        .args(["import", "--dotenv"])
        .arg(&file)
        .run();
    out.success()
        .stderr_contains("0 values stored, 5 unchanged");
    let changed = String::from_utf8(out_of_env(&env))
        .unwrap()
        .replace("VAL-1a2b", "VAL-new");
    std::fs::write(&file, changed).unwrap();
    env.cmd_on_table(&other)
        .args(["import", "--prefix", "", "--dotenv"])
        .arg(&file)
        .run()
        .success()
        .stderr_contains("DB_PASS version 0000000000000000002 has been stored")
        .stderr_contains("1 value stored, 4 unchanged");

    // Anything outside the writer's subset: refused with the line, nothing stored.
    std::fs::write(&file, "NEW_ONE='x'\n# a comment\nOTHER='y'\n").unwrap();
    let out = env
        .cmd_on_table(&other)
        .args(["import", "--dotenv"])
        .arg(&file)
        .run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains("line 2 is blank or a comment");
    let keys = env.cmd_on_table(&other).args(["keys"]).run();
    assert!(!keys.stdout_str().contains("NEW_ONE"), "{}", keys.report());
}

fn out_of_env(env: &TestEnv) -> Vec<u8> {
    env.cmd()
        .args(["env", "--all", "-f", "dotenv"])
        .run()
        .success()
        .stdout
        .clone()
}

fn ssm_round_trip(backend: Backend) {
    let env = TestEnv::new(backend);
    for (name, value) in VALUES {
        put_bytes(&env, &format!("app/{name}"), value.as_bytes());
    }
    put_bytes(&env, "other/outside", b"outside VAL-1a2b");
    let path = format!("/rt/{}", env.table);

    let out = cmd(&env)
        .args(["export", "--to-ssm", &path, "--prefix", "app/", "--dry-run"])
        .run();
    out.success()
        .stderr_contains(&format!("would write {path}/DB_PASS from app/DB_PASS"));
    no_value(&out);
    assert!(parameters(&path).is_empty(), "a dry run wrote");

    let mut export = cmd(&env).args(["export", "--to-ssm", &path, "--prefix", "app/"]);
    if let Some(key) = &env.key_id {
        export = export.args(["--ssm-key", key]);
    }
    let out = export.run();
    out.success()
        .stderr_contains("5 parameters written, 0 unchanged");
    no_value(&out);
    let params = parameters(&path);
    let mut expected: Vec<(String, String, String)> = VALUES
        .iter()
        .map(|(n, v)| (format!("{path}/{n}"), "SecureString".into(), v.to_string()))
        .collect();
    expected.sort();
    assert_eq!(params, expected);

    // Idempotent export.
    cmd(&env)
        .args([
            "export",
            "--to-ssm",
            &format!("{path}/"),
            "--prefix",
            "app/",
        ])
        .run()
        .success()
        .stderr_contains("0 parameters written, 5 unchanged");

    // Back into another table, under another prefix: the same values.
    let other = format!("{}-from-ssm", env.table);
    env.cmd_on_table(&other).arg("setup").run().success();
    let import =
        || in_table_aws(&env, &other).args(["import", "--ssm", &path, "--prefix", "imported/"]);
    let out = import().run();
    out.success()
        .stderr_contains("5 values stored, 0 unchanged");
    no_value(&out);
    for (name, value) in VALUES {
        assert_eq!(
            get(env.cmd_on_table(&other), &format!("imported/{name}")),
            value.as_bytes()
        );
    }
    // A parameter changed in SSM is one new version; the rest are skipped.
    harness::rt().block_on(async {
        ssm()
            .put_parameter()
            .name(format!("{path}/UNICODE"))
            .value("changed in ssm")
            .r#type(aws_sdk_ssm::types::ParameterType::SecureString)
            .overwrite(true)
            .send()
            .await
            .unwrap();
    });
    import()
        .run()
        .success()
        .stderr_contains("imported/UNICODE version 0000000000000000002 has been stored")
        .stderr_contains("1 value stored, 4 unchanged");
    assert_eq!(
        get(env.cmd_on_table(&other), "imported/UNICODE"),
        b"changed in ssm"
    );

    // A name SSM cannot hold, or an empty value: refused before anything is written.
    put_bytes(&env, "bad/has space", b"x");
    put_bytes(&env, "bad/ok", b"x");
    let out = cmd(&env)
        .args(["export", "--to-ssm", &path, "--prefix", "bad/"])
        .run();
    no_panic(&out)
        .code(2)
        .stderr_contains("\"bad/has space\" cannot be an SSM parameter");
    assert!(!parameters(&path).iter().any(|p| p.0.ends_with("/ok")));
    let out = cmd(&env).args(["import", "--ssm", "relative"]).run();
    no_panic(&out).code(2).error_line();
}

on_both_backends!(dotenv_round_trip, ssm_round_trip);

/// Secrets Manager: a prefix (`*`) and exact names, text and binary values, idempotent.
#[test]
fn secrets_manager_import() {
    let env = TestEnv::new(Backend::Dynamo);
    let base = format!("sm-{}", env.table);
    let client = secrets_manager();
    harness::rt().block_on(async {
        for (name, value) in VALUES {
            client
                .create_secret()
                .name(format!("{base}/{name}"))
                .secret_string(*value)
                .send()
                .await
                .unwrap();
        }
        client
            .create_secret()
            .name(format!("{base}-bin"))
            .secret_binary(aws_sdk_secretsmanager::primitives::Blob::new(vec![
                0u8, 0xff, b'\n', 7,
            ]))
            .send()
            .await
            .unwrap();
        // Starts with the prefix in another case: the service's filter would match it.
        client
            .create_secret()
            .name(format!("{}/X", base.to_uppercase()))
            .secret_string("upper VAL-1a2b")
            .send()
            .await
            .unwrap();
    });
    let prefix = format!("{base}/*");
    let bin = format!("{base}-bin");
    let out = env
        .cmd()
        .args([
            "import",
            "--secrets-manager",
            &prefix,
            "--secrets-manager",
            &bin,
        ])
        .run();
    out.success()
        .stderr_contains("6 values stored, 0 unchanged");
    no_value(&out);
    for (name, value) in VALUES {
        assert_eq!(get(env.cmd(), &format!("{base}/{name}")), value.as_bytes());
    }
    assert_eq!(get(env.cmd(), &bin), [0u8, 0xff, b'\n', 7]);
    let keys = env.cmd().arg("keys").run();
    assert!(
        !keys.stdout_str().contains(&base.to_uppercase()),
        "{}",
        keys.report()
    );

    // Again: nothing new. Then one value changes upstream.
    env.cmd()
        .args(["import", "--secrets-manager", &prefix])
        .run()
        .success()
        .stderr_contains("0 values stored, 5 unchanged");
    harness::rt().block_on(async {
        client
            .put_secret_value()
            .secret_id(format!("{base}/DB_PASS"))
            .secret_string("rotated")
            .send()
            .await
            .unwrap();
    });
    env.cmd()
        .args(["import", "--secrets-manager", &prefix, "--dry-run"])
        .run()
        .success()
        .stderr_contains(&format!("would store (changed): {base}/DB_PASS"))
        .stderr_contains("1 value to store, 4 unchanged");
    env.cmd()
        .args(["import", "--secrets-manager", &prefix])
        .run()
        .success()
        .stderr_contains("1 value stored, 4 unchanged");
    assert_eq!(get(env.cmd(), &format!("{base}/DB_PASS")), b"rotated");

    // A prefix that selects nothing, or a missing name: an error, nothing stored.
    let out = env
        .cmd()
        .args(["import", "--secrets-manager", "no-such-prefix/*"])
        .run();
    no_panic(&out).code(2).error_line();
    let out = env
        .cmd()
        .args(["import", "--secrets-manager", "no-such-secret"])
        .run();
    no_panic(&out).failure().error_line();
    // One source at a time.
    let out = env
        .cmd()
        .args(["import", "--ssm", "/x", "--secrets-manager", "y"])
        .run();
    no_panic(&out).code(2);
}
