//! `cognito-mfa emulator` as a process, and its start-up report (the first line on stdout).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Starts `cognito-mfa emulator ARGS…` on any free port; its stderr (one line per request)
/// goes where `stderr` says. It ends with the test process at the latest, even when a `static`
/// holds it.
pub fn start_emulator(args: &[&str], stderr: Stdio) -> (Child, serde_json::Value) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    command
        .args(["emulator", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(stderr);
    let mut child = super::owned_child::spawn_owned(command).unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, serde_json::from_str(&line).unwrap())
}
