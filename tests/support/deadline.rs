//! Running the binary with a bound on how long it may take: a run that hangs fails the test
//! instead of hanging it.

use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long any run may take before it counts as hanging.
pub const HANG: Duration = Duration::from_secs(10);

/// Runs `command` (stdout and stderr captured), feeding it `stdin` if given, and fails the
/// test if it has not ended within [`HANG`].
pub fn output_within(mut command: Command, stdin: Option<&[u8]>) -> Output {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    if stdin.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command.spawn().unwrap();
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        let _ = pipe.write_all(bytes);
    }
    wait_within(child, &format!("{command:?}"))
}

/// Waits for `child`'s output; kills it and fails the test after [`HANG`].
pub fn wait_within(child: Child, what: &str) -> Output {
    let pid = child.id();
    let (done, ended) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match ended.recv_timeout(HANG) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{what} did not end within {} s", HANG.as_secs());
        }
    }
}
