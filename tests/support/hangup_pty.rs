//! The real binary in a pseudo-terminal that the test can hang up, as a dropped SSH connection
//! does. The test holds the only descriptor of the master side (portable-pty's reader keeps a
//! copy of its own open, which would keep the terminal alive), so dropping it hangs the
//! terminal up. The program leads a session of its own, with the terminal as its controlling
//! terminal (the kernel sends it SIGHUP on the hang-up, as to a login shell) or without one (no
//! signal: only the terminal itself tells). Waits are on screen contents, with a deadline only
//! for failing.

#![allow(dead_code)]

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use std::num::NonZeroU16;
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long a screen may take to appear before the test fails (not a synchronisation sleep).
const DEADLINE: Duration = Duration::from_secs(30);

pub struct HangUpPty {
    /// The only descriptor of the master side; `None` once hung up.
    master: Option<OwnedFd>,
    parser: vt100::Parser,
    child: Child,
}

impl HangUpPty {
    /// `cognito-mfa ARGS` in a new `cols`×`rows` terminal, its controlling terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_in_session(args, cols, rows, true)
    }

    /// `cognito-mfa ARGS` in a new `cols`×`rows` terminal that is not its controlling terminal:
    /// the kernel sends no SIGHUP when it hangs up.
    pub fn spawn_without_sighup(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_in_session(args, cols, rows, false)
    }

    fn spawn_in_session(args: &[&str], cols: u16, rows: u16, controlling: bool) -> Self {
        let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
        let master = openpt(flags).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let size = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&master, size).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let flags = OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC;
        let terminal =
            std::fs::File::from(rustix::fs::open(name.as_c_str(), flags, Mode::empty()).unwrap());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(terminal.try_clone().unwrap()))
            .stdout(Stdio::from(terminal.try_clone().unwrap()))
            .stderr(Stdio::from(terminal));
        // SAFETY: between fork and exec the closure makes system calls only; it allocates
        // nothing.
        unsafe {
            cmd.pre_exec(move || {
                rustix::process::setsid()?;
                if controlling {
                    let stdin = std::os::fd::BorrowedFd::borrow_raw(0);
                    rustix::process::ioctl_tiocsctty(stdin)?;
                }
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        // The terminal's side stays open only in the program.
        drop(cmd);
        let rows = NonZeroU16::new(rows).unwrap();
        let cols = NonZeroU16::new(cols).unwrap();
        Self {
            master: Some(master),
            parser: vt100::Parser::new(rows, cols, 0),
            child,
        }
    }

    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads the program's output until the screen shows `text`; panics at the deadline.
    pub fn wait_for_text(&mut self, text: &str) {
        let end = Instant::now() + DEADLINE;
        let master = self.master.as_ref().unwrap();
        let mut buf = [0u8; 8192];
        while !self.parser.screen().contents().contains(text) {
            let left = end.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {text:?}; screen:\n{}",
                self.parser.screen().contents()
            );
            let mut fds = [PollFd::new(master, PollFlags::IN)];
            let timeout = Timespec::try_from(left).unwrap();
            if poll(&mut fds, Some(&timeout)).unwrap() == 0 {
                continue;
            }
            match rustix::io::read(master, &mut buf) {
                Ok(n) if n > 0 => self.parser.process(&buf[..n]),
                // EIO: the program closed the terminal.
                _ => panic!(
                    "the program left before showing {text:?}; screen:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Types `text`.
    pub fn send(&mut self, text: &str) {
        let master = self.master.as_ref().unwrap();
        let mut bytes = text.as_bytes();
        while !bytes.is_empty() {
            let n = rustix::io::write(master, bytes).unwrap();
            bytes = &bytes[n..];
        }
    }

    /// Hangs the terminal up: closes the last descriptor of its master side.
    pub fn hang_up(&mut self) {
        drop(self.master.take());
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `within` for the program to end; `None` if it is still running.
    pub fn wait_for_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let end = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The program's threads with their CPU use, as `ps` shows them (for a failure message).
    pub fn threads(&self) -> String {
        let out = Command::new("ps")
            .args(["-L", "-o", "pid,lwp,pcpu,stat,wchan:20,comm", "-p"])
            .arg(self.pid().to_string())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The processes `ps` lists that the program left: itself, its children, or anything still
    /// in the session it led.
    pub fn leftovers(&self) -> Vec<String> {
        let out = Command::new("ps")
            .args(["-e", "-o", "pid=,ppid=,sid=,stat=,pcpu=,args="])
            .output()
            .unwrap();
        assert!(out.status.success(), "ps failed");
        let pid = self.pid().to_string();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|line| line.split_whitespace().take(3).any(|id| id == pid))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for HangUpPty {
    /// A program that did not end (the test failed) is killed, so no spinning process stays.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
