//! Build metadata for `credstore --version`: the git commit, the target and whether the
//! binary is statically linked (and so which network stack it carries).

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=CREDSTORE_COMMIT");
    let commit = std::env::var("CREDSTORE_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(git_commit)
        // A crate tarball (cargo install from crates.io, cargo package) has no .git.
        .unwrap_or_else(|| "unknown".to_string());
    let target = std::env::var("TARGET").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let linkage = if features.split(',').any(|f| f == "crt-static") {
        "static"
    } else {
        "dynamic"
    };
    let network = if std::env::var_os("CARGO_FEATURE_STATIC").is_some() {
        "rustls + ring; names from /etc/hosts and /etc/resolv.conf (hickory)"
    } else if std::env::var_os("CARGO_FEATURE_SYSTEM_NET").is_some() {
        "rustls + aws-lc-rs; names from the system resolver"
    } else {
        "none (no AWS backend)"
    };
    // One variable per fact (a cargo instruction is one line); args.rs assembles them.
    println!("cargo:rustc-env=CREDSTORE_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=CREDSTORE_BUILD_TARGET={target}");
    println!("cargo:rustc-env=CREDSTORE_BUILD_LINKAGE={linkage}");
    println!("cargo:rustc-env=CREDSTORE_BUILD_NETWORK={network}");
}

/// The commit checked out, when building from a git work tree; rebuilt when HEAD moves.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // HEAD, the branch it points to and packed-refs: a new commit changes one of them.
    // (A path that does not exist would make cargo rerun this script on every build.)
    let watch = |path: &Path| {
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    };
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        watch(&Path::new(&dir).join("HEAD"));
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
        let common = Path::new(&common);
        watch(&common.join("packed-refs"));
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch(&common.join(branch));
        }
    }
    Some(commit)
}
