//! `-o` in a shared directory (issue 21, finding 5): a FIFO or symlink planted by another
//! user never receives the plaintext, a link's target owned by another user is never
//! replaced, and a FIFO nobody reads ends at the deadline instead of hanging.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use crate::harness::{Backend, TestEnv, is_ci, no_panic};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

/// The uid that plays "another user" (nobody).
const OTHER_UID: u32 = 65534;

const PLAINTEXT: &[u8] = b"plaintext for the owner only";

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Gives `path` itself (not a link's target) to `uid`.
fn chown_nofollow(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
}

/// True when this process can give files away (root), which the "another user" cases need.
/// Under CI the tests run as root, so they never skip there.
fn can_chown(case: &str) -> bool {
    if rustix::process::geteuid().is_root() {
        return true;
    }
    assert!(
        !is_ci(),
        "{case} needs root to play another user, and CI=true runs as root: not skipped"
    );
    eprintln!("skipped {case}: not root, so no file of another user can be made here");
    false
}

/// An envelope of PLAINTEXT in `sealed`, and a mode-1777 directory `shared` (like /tmp).
fn setup() -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new(Backend::Local);
    let dir = env.dir.path();
    let sealed = env
        .cmd()
        .arg("encrypt")
        .stdin(PLAINTEXT.to_vec())
        .run()
        .success()
        .stdout
        .clone();
    std::fs::write(dir.join("sealed"), sealed).unwrap();
    let shared = dir.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    (env, shared)
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

/// Another user's FIFO in a shared directory is refused at once (exit 2, naming the path),
/// without waiting for a reader; another user's symlink is refused and its target kept;
/// our own link to another user's file is refused and that file kept.
#[test]
fn decrypt_refuses_another_users_fifo_and_symlinks() {
    if !can_chown("decrypt_refuses_another_users_fifo_and_symlinks") {
        return;
    }
    let (env, shared) = setup();
    let sealed = env.dir.path().join("sealed");

    let fifo = shared.join("planted-fifo");
    mkfifo(&fifo);
    chown_nofollow(&fifo, OTHER_UID);
    // A blocking open would wait here forever: nobody reads this FIFO.
    let out = env
        .cmd()
        .arg("decrypt")
        .arg("-i")
        .arg(&sealed)
        .arg("-o")
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains(&fifo.display().to_string())
        .stderr_contains("uid 65534")
        .stderr_contains("choose another path");

    // Another user's link to a file of ours: the file must not be replaced.
    let mine = env.dir.path().join("mine");
    std::fs::write(&mine, b"keep me").unwrap();
    let link = shared.join("planted-link");
    std::os::unix::fs::symlink(&mine, &link).unwrap();
    chown_nofollow(&link, OTHER_UID);
    let out = env
        .cmd()
        .arg("decrypt")
        .arg("-i")
        .arg(&sealed)
        .arg("-o")
        .arg(&link)
        .run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains(&link.display().to_string())
        .stderr_contains("symbolic link");
    assert_eq!(std::fs::read(&mine).unwrap(), b"keep me");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());

    // A link of ours to another user's file (or FIFO): refused, the file untouched.
    let theirs = shared.join("theirs");
    std::fs::write(&theirs, b"their file").unwrap();
    chown_nofollow(&theirs, OTHER_UID);
    let our_link = env.dir.path().join("our-link");
    std::os::unix::fs::symlink(&theirs, &our_link).unwrap();
    let out = env
        .cmd()
        .args(["decrypt", "-i", "sealed", "-o", "our-link"])
        .run();
    no_panic(&out)
        .code(2)
        .error_line()
        .stderr_contains("our-link")
        .stderr_contains("uid 65534");
    assert_eq!(std::fs::read(&theirs).unwrap(), b"their file");
    let fifo_link = env.dir.path().join("fifo-link");
    std::os::unix::fs::symlink(&fifo, &fifo_link).unwrap();
    let out = env
        .cmd()
        .args(["decrypt", "-i", "sealed", "-o", "fifo-link"])
        .timeout(Duration::from_secs(20))
        .run();
    no_panic(&out).code(2).stderr_contains("uid 65534");

    // Another user's plain file there: refused too (it is theirs to read).
    let out = env
        .cmd()
        .arg("decrypt")
        .arg("-i")
        .arg(&sealed)
        .arg("-o")
        .arg(&theirs)
        .run();
    no_panic(&out).code(2).stderr_contains("uid 65534");
    assert_eq!(std::fs::read(&theirs).unwrap(), b"their file");
    no_leftovers(&shared);
    no_leftovers(env.dir.path());
}

/// Our own FIFO that nobody reads: `--timeout` ends the command (exit 1, naming the FIFO)
/// instead of a hang; with a reader, the plaintext arrives whole. Needs no second user.
#[test]
fn decrypt_to_a_fifo_without_reader_ends_at_the_deadline() {
    let (env, shared) = setup();
    let fifo = shared.join("fifo");
    mkfifo(&fifo);
    let started = Instant::now();
    let out = env
        .cmd()
        .args(["--timeout", "2s", "decrypt", "-i", "sealed", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .run();
    no_panic(&out)
        .code(1)
        .error_line()
        .stderr_contains("timed out");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // A reader that opens the FIFO before or after credstore starts: both get everything.
    for reader_first in [true, false] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                if !reader_first {
                    std::thread::sleep(Duration::from_millis(300));
                }
                std::fs::read(fifo).unwrap()
            })
        };
        if reader_first {
            std::thread::sleep(Duration::from_millis(100));
        }
        let out = env
            .cmd()
            .args(["--timeout", "20s", "decrypt", "-i", "sealed", "-o"])
            .arg(&fifo)
            .timeout(Duration::from_secs(30))
            .run();
        no_panic(&out).success();
        assert_eq!(
            reader.join().unwrap(),
            PLAINTEXT,
            "reader first: {reader_first}"
        );
    }
    no_leftovers(&shared);
}
