//! The real binary in a pseudo-terminal, its screen kept by a VT100 parser. Waits are on screen
//! contents: every read is followed by a look at the screen, with a deadline only for failing.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long a screen may take to appear before the test fails (not a synchronisation sleep).
const DEADLINE: Duration = Duration::from_secs(30);

pub struct Pty {
    pub parser: vt100::Parser,
    output: Receiver<(Instant, Vec<u8>)>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    closed: bool,
    /// Just before the program was started.
    pub spawned_at: Instant,
    /// When the output last processed by `wait_for` arrived (for the benchmarks).
    pub last_output_at: Instant,
}

impl Pty {
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_cognito-mfa"), args, env, cols, rows)
    }

    /// Any program (e.g. cognito-mfa under `/usr/bin/time`) in the pseudo-terminal.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let spawned_at = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let rows = NonZeroU16::new(rows).unwrap();
        let cols = NonZeroU16::new(cols).unwrap();
        Self {
            parser: vt100::Parser::new(rows, cols, 0),
            output,
            writer,
            child,
            _master: pair.master,
            closed: false,
            spawned_at,
            last_output_at: spawned_at,
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn text(&self) -> String {
        self.screen().contents()
    }

    /// Reads output until `done(screen)` holds; panics with the screen at the deadline.
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let end = Instant::now() + DEADLINE;
        while !done(self.parser.screen()) {
            let left = end.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((at, bytes)) => {
                    self.parser.process(&bytes);
                    self.last_output_at = at;
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; screen:\n{}", self.text())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.closed = true;
                    assert!(
                        done(self.parser.screen()),
                        "exited before {what}; screen:\n{}",
                        self.text()
                    );
                    return;
                }
            }
        }
    }

    pub fn wait_for_text(&mut self, text: &str) {
        let wanted = text.to_owned();
        self.wait_for(text, move |s| s.contents().contains(&wanted));
    }

    /// The JSON summary printed after the terminal was restored: the first line that starts
    /// with `{`.
    pub fn json_summary(&self) -> serde_json::Value {
        let text = self.text();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with('{'))
            .unwrap_or_else(|| panic!("no JSON summary on the screen:\n{text}"));
        serde_json::from_str(line.trim()).unwrap()
    }

    /// Waits for the demo's sign-in form and signs in with the password it shows.
    pub fn sign_in_with_the_demo_password(&mut self) {
        self.wait_for_text("demo password: ");
        let password = self
            .text()
            .lines()
            .find_map(|l| l.split("demo password: ").nth(1))
            .map(|p| p.trim().to_owned())
            .unwrap();
        self.send(&format!("{password}\r"));
    }

    /// Sends a signal (`TERM`, `INT`, …) to the program, as kill(1) does.
    pub fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Whether the terminal echoes what is typed: a program that turned echo off must turn it
    /// back on before it exits, however it exits.
    pub fn echo_on(&self) -> bool {
        use rustix::termios::{LocalModes, tcgetattr};
        let fd = self._master.as_raw_fd().unwrap();
        // SAFETY: the master end stays open as long as `self`.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        tcgetattr(fd)
            .unwrap()
            .local_modes
            .contains(LocalModes::ECHO)
    }

    /// Whether the terminal is cooked again: echo on and line editing (ICANON) on.
    pub fn cooked(&self) -> bool {
        use rustix::termios::{LocalModes, tcgetattr};
        let fd = self._master.as_raw_fd().unwrap();
        // SAFETY: the master end stays open as long as `self`.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let modes = tcgetattr(fd).unwrap().local_modes;
        modes.contains(LocalModes::ECHO) && modes.contains(LocalModes::ICANON)
    }

    /// Waits until the program has turned echo off (a prompt may print before it does).
    pub fn wait_for_echo_off(&self) {
        let end = Instant::now() + DEADLINE;
        while self.echo_on() {
            assert!(
                Instant::now() < end,
                "echo never went off; screen:\n{}",
                self.text()
            );
            std::thread::yield_now();
        }
    }

    /// Reads until the program closes the terminal.
    pub fn wait_for_exit(&mut self) {
        let end = Instant::now() + DEADLINE;
        while !self.closed {
            let left = end.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((_, bytes)) => self.parser.process(&bytes),
                Err(RecvTimeoutError::Timeout) => panic!("did not exit; screen:\n{}", self.text()),
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
            }
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the parser's screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// A test that ends early (a failed assertion) leaves no program running behind it.
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The QR on screen (cells with the QR's black or white background), rebuilt as modules from
/// the cells' colours (a space shows its background; `▀` its foreground above its background)
/// and decoded by rqrr.
pub fn decode_qr(screen: &vt100::Screen) -> Option<String> {
    let (rows, cols) = screen.size();
    let (black, white) = (vt100::Color::Idx(16), vt100::Color::Idx(231));
    let mut cells = Vec::new();
    for y in 0..rows.get() {
        for x in 0..cols.get() {
            if screen
                .cell(y, x)
                .is_some_and(|c| c.bgcolor() == white || c.bgcolor() == black)
            {
                cells.push((x, y));
            }
        }
    }
    let x0 = cells.iter().map(|c| c.0).min()?;
    let y0 = cells.iter().map(|c| c.1).min()?;
    let x1 = cells.iter().map(|c| c.0).max()?;
    let y1 = cells.iter().map(|c| c.1).max()?;
    let width = usize::from(x1 - x0 + 1);
    let height = usize::from(y1 - y0 + 1) * 2;
    let dark = |mx: usize, my: usize| {
        let Some(cell) = screen.cell(y0 + (my / 2) as u16, x0 + mx as u16) else {
            return false;
        };
        let lower = cell.bgcolor() == black;
        match cell.contents() {
            "▀" if my.is_multiple_of(2) => cell.fgcolor() == black,
            "▀" | "" | " " => lower,
            _ => false,
        }
    };
    const SCALE: usize = 4;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width * SCALE, height * SCALE, |x, y| {
            if dark(x / SCALE, y / SCALE) { 0 } else { 255 }
        });
    let grids = img.detect_grids();
    grids.first()?.decode().ok().map(|(_, text)| text)
}

/// The `secret` parameter of an otpauth URI.
pub fn secret_of(uri: &str) -> String {
    uri.split(['?', '&'])
        .find_map(|p| p.strip_prefix("secret="))
        .unwrap_or_default()
        .to_owned()
}
