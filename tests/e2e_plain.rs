//! Plain mode end to end: with pipes instead of a terminal the wizard asks line by line on
//! stderr, and stdout carries only the summary.

use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

fn wait_for(stderr: &Receiver<String>, seen: &mut String, text: &str) {
    let end = Instant::now() + Duration::from_secs(30);
    while !seen.contains(text) {
        let left = end.saturating_duration_since(Instant::now());
        match stderr.recv_timeout(left) {
            Ok(chunk) => seen.push_str(&chunk),
            Err(e) => panic!("waiting for {text:?} ({e}); so far:\n{seen}"),
        }
    }
}

/// The binary with pipes for stdin, stdout and stderr; stderr arrives on the receiver.
fn spawn(args: &[&str]) -> (Child, ChildStdin, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0
                || tx
                    .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                    .is_err()
            {
                break;
            }
        }
    });
    (child, stdin, rx)
}

#[test]
fn demo_over_pipes_uses_line_prompts() {
    let (mut child, mut stdin, rx) = spawn(&["demo"]);
    let mut seen = String::new();
    wait_for(&rx, &mut seen, "Password: ");
    let password = seen
        .split("(demo password: ")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .unwrap()
        .to_owned();
    writeln!(stdin, "{password}").unwrap();

    wait_for(&rx, &mut seen, "Press Enter when the app shows the account");
    let key_line = seen.lines().find(|l| l.starts_with("Key:")).unwrap();
    let secret: String = key_line["Key:".len()..].split_whitespace().collect();
    assert!(seen.contains("Link:      otpauth://totp/cognito-mfa%20demo:demo?secret="));
    // No blocks unless --qr cells: a screen reader would read them out line by line.
    assert!(!seen.contains('▀') && !seen.contains('█'), "no QR blocks");
    assert!(seen.contains("--qr cells"), "says how to get a QR");
    writeln!(stdin).unwrap();

    wait_for(&rx, &mut seen, "Code from the app");
    writeln!(stdin, "12x456").unwrap();
    wait_for(
        &rx,
        &mut seen,
        "That is not a code: the code has only digits",
    );
    let code = code_at(&decode_secret(&secret).unwrap(), now_unix());
    writeln!(stdin, "{code}").unwrap();
    wait_for(&rx, &mut seen, "Device name [Authenticator app]: ");
    writeln!(stdin, "Plain phone").unwrap();
    wait_for(&rx, &mut seen, "Enrolled:");

    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(out.starts_with("Enrollment summary"), "{out}");
    assert!(out.contains("Device name:  Plain phone"), "{out}");
    assert!(!out.contains(&secret));
}

#[test]
fn a_new_password_over_pipes() {
    let (mut child, mut stdin, rx) = spawn(&["demo", "--username", "newcomer"]);
    let mut seen = String::new();
    wait_for(&rx, &mut seen, "Password: ");
    writeln!(stdin, "Temp-Passw0rd!").unwrap();
    wait_for(&rx, &mut seen, "Choose a new one to go on.");
    wait_for(&rx, &mut seen, "New password: ");
    writeln!(stdin, "Brand-New-1!").unwrap();
    wait_for(&rx, &mut seen, "New password again: ");
    writeln!(stdin, "Brand-New-2!").unwrap();
    wait_for(&rx, &mut seen, "The two passwords differ");
    // Asked again: both prompts once more after the message.
    let mut again = seen.split_off(seen.find("The two passwords differ").unwrap());
    wait_for(&rx, &mut again, "New password: ");
    writeln!(stdin, "Brand-New-1!").unwrap();
    wait_for(&rx, &mut again, "New password again: ");
    writeln!(stdin, "Brand-New-1!").unwrap();
    seen.push_str(&again);
    wait_for(&rx, &mut seen, "Press Enter when the app shows the account");
    writeln!(stdin, "q").unwrap();
    wait_for(&rx, &mut seen, "Quit now?");
    writeln!(stdin, "y").unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130), "cancelled");
    assert!(
        !seen.contains("Brand-New"),
        "passwords are not echoed: {seen}"
    );
}

#[test]
fn a_problem_is_printed_once_when_the_user_quits_instead_of_retrying() {
    // Nothing listens on port 1: GetUser cannot connect, a problem worth a retry.
    let (mut child, mut stdin, rx) = spawn(&[
        "enroll",
        "--access-token",
        "token",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        "http://127.0.0.1:1",
        "--plain",
    ]);
    let mut seen = String::new();
    wait_for(&rx, &mut seen, "Press Enter to try again, q to quit: ");
    writeln!(stdin, "q").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    while let Ok(chunk) = rx.recv_timeout(Duration::from_secs(5)) {
        seen.push_str(&chunk);
    }
    assert_eq!(status.code(), Some(255), "{seen}");
    assert_eq!(seen.matches("Could not connect").count(), 1, "{seen}");
    assert!(seen.contains("Authenticator-app MFA is not on."), "{seen}");
}
