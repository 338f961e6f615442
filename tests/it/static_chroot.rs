//! The static binary as a user of a `FROM scratch` image runs it: in a chroot holding only
//! the binary, a CA bundle, /etc/hosts, /etc/resolv.conf and the /dev/random and /dev/urandom
//! a container runtime provides (no libc, no NSS, no shell),
//! it reaches the emulator through a name from /etc/hosts, through an HTTPS front whose
//! certificate a private CA signed (trusted by `SSL_CERT_FILE` only), and `--local` works.
//!
//! The binary is `CREDSTORE_TEST_STATIC_BIN`, else the static debug build scripts/test makes
//! (target/<host>/debug/credstore): `RUSTFLAGS='-C target-feature=+crt-static -C
//! relocation-model=static' cargo build --no-default-features --features static --target
//! <host>`. chroot(2) needs root: the tests skip, saying so, only when not root and not
//! under CI.

use crate::harness::{Backend, Cmd, Endpoints, Output, TestEnv, endpoint, find_on_path, is_ci};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The emulator's name inside the chroot (its /etc/hosts says 127.0.0.1).
const HOST: &str = "moto.credstore.test";

/// The static binary, or None (after saying why) when these tests cannot run here.
fn static_binary() -> Option<PathBuf> {
    if !rustix::process::geteuid().is_root() {
        assert!(
            !is_ci(),
            "the static chroot tests need root (chroot(2)); CI=true runs them as root"
        );
        eprintln!("static_chroot: SKIPPED: chroot(2) needs root and this test runs as a user");
        return None;
    }
    let bin = match std::env::var_os("CREDSTORE_TEST_STATIC_BIN") {
        Some(path) => PathBuf::from(path),
        None => {
            // target/debug/credstore -> target/<host>/debug/credstore
            let target = Path::new(env!("CARGO_BIN_EXE_credstore"))
                .ancestors()
                .nth(2)
                .expect("target directory")
                .to_path_buf();
            target.join(format!(
                "{}-unknown-linux-gnu/debug/credstore",
                std::env::consts::ARCH
            ))
        }
    };
    assert!(
        bin.is_file(),
        "the static binary {} is missing: run scripts/test (it builds it), or \
         RUSTFLAGS='-C target-feature=+crt-static -C relocation-model=static' cargo build \
         --no-default-features \
         --features static --target {}-unknown-linux-gnu, or set CREDSTORE_TEST_STATIC_BIN",
        bin.display(),
        std::env::consts::ARCH
    );
    Some(bin)
}

/// A private CA and a server certificate it signed for [`HOST`].
struct Pki {
    ca_pem: String,
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
}

fn private_ca(name: &str) -> Pki {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, name);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec![HOST.to_string()])
        .unwrap()
        .signed_by(&key, &ca_cert, &ca_key)
        .unwrap();
    Pki {
        ca_pem: ca_cert.pem(),
        cert_der: leaf.der().to_vec(),
        key_der: key.serialize_der(),
    }
}

/// A TLS-terminating front for the emulator on 127.0.0.1 (its own thread and runtime,
/// for the life of the test process); returns its port.
fn https_front(pki: &Pki) -> u16 {
    use tokio_rustls::rustls;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![pki.cert_der.clone().into()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(pki.key_der.clone().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let upstream = endpoint().trim_start_matches("http://").to_string();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((client, _)) = listener.accept().await else {
                    continue;
                };
                let acceptor = acceptor.clone();
                let upstream = upstream.clone();
                tokio::spawn(async move {
                    // A client that refuses our certificate ends here: that is a test.
                    let Ok(mut tls) = acceptor.accept(client).await else {
                        return;
                    };
                    let Ok(mut moto) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut moto).await;
                });
            }
        });
    });
    port
}

/// A static `printenv NAME...` for `exec` to run (the chroot has no shell and no libc).
fn static_printenv(out: &Path) {
    let src = out.with_extension("c");
    std::fs::write(
        &src,
        "#include <stdio.h>\n#include <stdlib.h>\n\
         int main(int argc, char **argv) {\n\
           for (int i = 1; i < argc; i++) {\n\
             const char *v = getenv(argv[i]);\n\
             printf(\"%s=%s\\n\", argv[i], v ? v : \"(unset)\");\n\
           }\n\
           return 0;\n\
         }\n",
    )
    .unwrap();
    let status = std::process::Command::new("cc")
        .args(["-static", "-O", "-o"])
        .arg(out)
        .arg(&src)
        .status()
        .expect("cc (a C compiler with static glibc, which the static build needs anyway)");
    assert!(status.success(), "cc -static printenv.c failed");
    std::fs::remove_file(&src).unwrap();
}

/// The chroot: /credstore, /printenv, /etc/hosts, /etc/resolv.conf, CA bundles, /data.
struct Root {
    dir: tempfile::TempDir,
}

impl Root {
    fn new(bin: &Path, bundles: &[(&str, &str)]) -> Root {
        let dir = tempfile::Builder::new()
            .prefix("credstore-chroot-")
            .tempdir()
            .unwrap();
        let root = dir.path();
        for sub in ["etc/ssl/certs", "data", "tmp", "dev"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        std::fs::copy(bin, root.join("credstore")).unwrap();
        // /dev/random and /dev/urandom, as every container runtime gives even a `FROM
        // scratch` image: in a static executable getrandom 0.3 (hickory's query ids) finds
        // no libc getrandom through dlsym and polls /dev/random, then reads /dev/urandom.
        for (name, minor) in [("random", 8), ("urandom", 9)] {
            rustix::fs::mknodat(
                rustix::fs::CWD,
                root.join("dev").join(name),
                rustix::fs::FileType::CharacterDevice,
                rustix::fs::Mode::from_raw_mode(0o666),
                rustix::fs::makedev(1, minor),
            )
            .expect("mknod /dev/{random,urandom} in the chroot (root with CAP_MKNOD)");
        }
        static_printenv(&root.join("printenv"));
        std::fs::write(
            root.join("etc/hosts"),
            format!("127.0.0.1 localhost {HOST}\n"),
        )
        .unwrap();
        // A nameserver nobody answers on: a name missing from /etc/hosts must fail, not leak
        // to a real resolver (and the resolver must not need one for names it has).
        std::fs::write(
            root.join("etc/resolv.conf"),
            "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
        )
        .unwrap();
        for (name, pem) in bundles {
            std::fs::write(root.join("etc/ssl/certs").join(name), pem).unwrap();
        }
        // Nothing else: prove it (no libc, no loader, no NSS modules).
        assert!(!root.join("lib").exists() && !root.join("usr").exists());
        Root { dir }
    }

    /// `chroot ROOT /credstore ARGS` with the test's dummy credentials and no config file.
    fn credstore(&self, env: &TestEnv) -> Cmd {
        let chroot = find_on_path("chroot").expect("chroot(8) on PATH (coreutils)");
        Cmd::program(chroot, env)
            .arg(self.dir.path())
            .arg("/credstore")
            .env("HOME", "/data")
            .env("TMPDIR", "/tmp")
            .env("AWS_CONFIG_FILE", "/data/no-config")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/data/no-credentials")
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("PATH")
    }
}

/// credstore in `root` against `url` with the test's table and key, trying each call once.
fn remote(root: &Root, env: &TestEnv, url: &str) -> Cmd {
    Endpoints::at(url)
        .apply(root.credstore(env), env)
        .args(["--max-attempts", "1"])
}

fn emulator_port() -> u16 {
    endpoint()
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap()
}

#[track_caller]
fn assert_stdout(out: &Output, expected: &str) {
    assert_eq!(out.stdout_str(), expected, "{}", out.report());
}

#[test]
fn static_binary_has_no_dynamic_dependencies() {
    let Some(bin) = static_binary() else { return };
    let ldd = std::process::Command::new("ldd")
        .arg(&bin)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&ldd.stdout).to_string() + &String::from_utf8_lossy(&ldd.stderr);
    assert!(
        text.contains("not a dynamic executable"),
        "ldd {}: {text}",
        bin.display()
    );
    let version = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8_lossy(&version.stdout).to_string();
    assert!(version.contains("\nlinkage: static\n"), "{version}");
    assert!(version.contains("hickory"), "{version}");
}

#[test]
fn get_and_exec_through_a_name_from_etc_hosts() {
    let Some(bin) = static_binary() else { return };
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args(["put", "db.password", "s3cr3t"])
        .run()
        .success();
    let root = Root::new(&bin, &[]);
    let url = format!("http://{HOST}:{}", emulator_port());

    let out = remote(&root, &env, &url).args(["get", "db.password"]).run();
    out.success();
    assert_stdout(&out, "s3cr3t\n");

    let out = remote(&root, &env, &url)
        .args([
            "exec",
            "db.password",
            "--",
            "/printenv",
            "DB_PASSWORD",
            "HOME",
        ])
        .run();
    out.success();
    assert_stdout(&out, "DB_PASSWORD=s3cr3t\nHOME=/data\n");

    // A name that is not in /etc/hosts is not found some other way (no NSS, no libc
    // resolver, no public DNS): the command fails and says which name.
    let out = remote(
        &root,
        &env,
        &format!("http://not-in-hosts.credstore.test:{}", emulator_port()),
    )
    .args(["get", "db.password"])
    .timeout(std::time::Duration::from_secs(120))
    .run();
    out.failure();
    assert_ne!(out.exit_code(), Some(101), "a panic: {}", out.report());
    assert!(out.stdout_str().is_empty(), "{}", out.report());
}

#[test]
fn https_front_with_a_private_ca_trusted_by_ssl_cert_file() {
    let Some(bin) = static_binary() else { return };
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args(["put", "api.token", "tok-123"])
        .run()
        .success();
    let pki = private_ca("credstore test CA");
    let other = private_ca("some other CA");
    let port = https_front(&pki);
    let root = Root::new(
        &bin,
        &[
            ("private-ca.pem", &pki.ca_pem),
            ("other-ca.pem", &other.ca_pem),
        ],
    );
    let url = format!("https://{HOST}:{port}");

    let out = remote(&root, &env, &url)
        .env("SSL_CERT_FILE", "/etc/ssl/certs/private-ca.pem")
        .args(["get", "api.token"])
        .run();
    out.success();
    assert_stdout(&out, "tok-123\n");

    let out = remote(&root, &env, &url)
        .env("SSL_CERT_FILE", "/etc/ssl/certs/private-ca.pem")
        .args(["exec", "api.token", "--", "/printenv", "API_TOKEN"])
        .run();
    out.success();
    assert_stdout(&out, "API_TOKEN=tok-123\n");

    // The certificate is really verified: trusting another CA, the same call fails.
    let out = remote(&root, &env, &url)
        .env("SSL_CERT_FILE", "/etc/ssl/certs/other-ca.pem")
        .args(["get", "api.token"])
        .run();
    out.failure();
    assert_ne!(out.exit_code(), Some(101), "a panic: {}", out.report());
    assert!(!out.stdout_str().contains("tok-123"), "{}", out.report());
}

#[test]
fn local_store_works_in_the_chroot() {
    let Some(bin) = static_binary() else { return };
    let env = TestEnv::bare(Backend::Local);
    let root = Root::new(&bin, &[]);
    let local = ["--local", "/data/store.db"];
    root.credstore(&env)
        .args(local)
        .arg("setup")
        .run()
        .success();
    root.credstore(&env)
        .args(local)
        .args(["put", "svc.key", "v1"])
        .run()
        .success();
    let out = root
        .credstore(&env)
        .args(local)
        .args(["get", "svc.key"])
        .run();
    out.success();
    assert_stdout(&out, "v1\n");
    let out = root
        .credstore(&env)
        .args(local)
        .args(["exec", "svc.key", "--", "/printenv", "SVC_KEY"])
        .run();
    out.success();
    assert_stdout(&out, "SVC_KEY=v1\n");
    // The store really is the chroot's file.
    assert!(root.dir.path().join("data/store.db").is_file());
}
