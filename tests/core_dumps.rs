//! Core dumps are off in a process that reads secrets, from before the first secret is read.
#![cfg(target_os = "linux")]

mod support;

use rustix::process::{Resource, geteuid, getrlimit};
use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::time::Instant;
use support::deadline::{HANG, wait_within};

/// The "Max core file size" line of a process's limits.
fn core_limit(pid: u32) -> Option<String> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn sign_in_waiting_for_its_password_has_core_dumps_off() {
    if getrlimit(Resource::Core).maximum == Some(0) {
        eprintln!("the hard core limit is already 0 here: nothing this test could see change");
        return;
    }
    // Core dumps on (soft limit = hard limit) for the child, then the binary, which waits for
    // the password on a pipe this test holds open.
    let mut child = Command::new("sh")
        .args([
            "-c",
            "ulimit -S -c \"$(ulimit -H -c)\" && exec \"$0\" \"$@\"",
            env!("CARGO_BIN_EXE_cognito-mfa"),
            "sign-in",
            "--client-id",
            "client",
            "--username",
            "jane",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--password-stdin",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let started = Instant::now();
    let mut last = None;
    while started.elapsed() < HANG {
        last = core_limit(pid);
        if last.as_deref() == Some("Max core file size 0 0 bytes") {
            break;
        }
        std::thread::yield_now();
    }
    let status_owner = std::fs::metadata(format!("/proc/{pid}/status")).map(|m| m.uid());
    drop(child.stdin.take());
    let o = wait_within(child, "sign-in");
    assert_eq!(
        last.as_deref(),
        Some("Max core file size 0 0 bytes"),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    if !geteuid().is_root() {
        // A process that is not dumpable has its /proc files owned by root.
        assert_eq!(status_owner.unwrap(), 0);
    }
    assert_eq!(o.status.code(), Some(252), "an empty password is refused");
}
