//! The terminal hanging up (an SSH connection drops, a terminal window closes) ends the wizard
//! as SIGHUP does: exit code 129 (128 + SIGHUP, as `stop` gives it), or the enrolled wizard's
//! own code once the enrollment is done.
//!
//! The full screen cannot count on the signal. Once the terminal is gone, crossterm's Unix
//! event reader keeps reading its end of file and never returns. When it does that on the
//! runtime's only thread, the task waiting for SIGHUP never runs; on crossterm's own thread, the
//! runtime waits for keys that cannot come, and for a SIGHUP the kernel sends only to the leader
//! of the terminal's session. Either way the process spins. A watchdog thread, started with
//! the full screen's event loop, looks at the terminal once a second and ends the process
//! itself. Plain mode reads stdin on a thread of its own and sees the end of file; it asks
//! whether that was the terminal going away or the user's Ctrl-D.

use crate::failure::{EXIT_OK, EXIT_OTHER};
use crate::wizard::state::{Outcome, Wizard};
use crate::wizard::stop::SIGHUP;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// The exit code of a wizard whose terminal hung up: 128 + SIGHUP, as after the signal.
pub const EXIT_HUNG_UP: i32 = 128 + SIGHUP;

/// How often the watchdog looks at the terminal.
#[cfg(unix)]
const EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether `fd` is a terminal that has hung up. After a hang-up the open descriptors of the
/// terminal stay, but reads return end of file and requests fail: `tcgetattr` fails with EIO on
/// Linux (ENXIO, which other systems give for a terminal that is gone, counts too), where a
/// terminal that is still there answers and a file or a pipe fails with ENOTTY.
#[cfg(unix)]
pub fn hung_up(fd: impl std::os::fd::AsFd) -> bool {
    use rustix::io::Errno;
    matches!(rustix::termios::tcgetattr(fd), Err(Errno::IO | Errno::NXIO))
}

/// Whether stdin, the terminal the full screen reads keys from, has hung up.
#[cfg(unix)]
pub fn terminal_hung_up() -> bool {
    hung_up(std::io::stdin())
}

/// Whether stdin or stderr, plain mode's terminal, has hung up.
#[cfg(unix)]
pub fn plain_terminal_hung_up() -> bool {
    hung_up(std::io::stdin()) || hung_up(std::io::stderr())
}

#[cfg(not(unix))]
pub fn terminal_hung_up() -> bool {
    false
}

#[cfg(not(unix))]
pub fn plain_terminal_hung_up() -> bool {
    false
}

/// What the process exits with when the terminal hangs up now: what it exits with after SIGHUP
/// (`Wizard::outcome_on_signal`, and the code `commands::enroll` gives each outcome). 129, or
/// once enrolled 0 (255 when Cognito lists no authenticator).
pub fn exit_code(w: &Wizard) -> i32 {
    match w.outcome_on_signal(SIGHUP) {
        Outcome::Enrolled(summary) if summary.result.enrolled() => EXIT_OK,
        Outcome::Enrolled(_) => EXIT_OTHER,
        _ => EXIT_HUNG_UP,
    }
}

/// How the full screen's loop ended, counting a hang-up: a loop that the terminal's hang-up
/// ended before its signal came (a draw failed, the input ended) ends as on SIGHUP.
pub fn as_signal(ended: io::Result<Option<i32>>) -> io::Result<Option<i32>> {
    if terminal_hung_up() {
        Ok(Some(SIGHUP))
    } else {
        ended
    }
}

/// Drops ratatui's terminal, or forgets it if the terminal hung up: its `Drop` shows the cursor
/// again and writes a message when that fails, which panics when stderr hung up too.
pub fn drop_terminal<T>(terminal: T) {
    if terminal_hung_up() {
        std::mem::forget(terminal);
    }
}

/// Ends the process if the terminal the full screen reads keys from (stdin) hangs up while it
/// lives, with the code of the wizard it last followed ([`EXIT_HUNG_UP`] until then); stops,
/// and its thread ends, when dropped.
///
/// It ends the process where it stands: the terminal cannot be put back (it is gone), and no
/// summary can be shown. The secrets' destructors do not run, so their memory is not wiped
/// first; it goes back to the kernel, which clears pages before it reuses them, and core dumps
/// are off for the whole run (`crate::core_dumps`), so none of it is written anywhere.
pub struct Watchdog {
    code: Arc<AtomicI32>,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts watching. Without a thread (none could be started) the wizard runs unwatched.
    #[cfg(unix)]
    pub fn start() -> Self {
        let code = Arc::new(AtomicI32::new(EXIT_HUNG_UP));
        let (stop, stopped) = mpsc::channel::<()>();
        let exit_code = Arc::clone(&code);
        let thread = std::thread::Builder::new()
            .name("hang-up watchdog".into())
            .spawn(move || watch(&stopped, &exit_code))
            .ok();
        Self {
            code,
            stop: Some(stop),
            thread,
        }
    }

    /// Off Unix crossterm reads the console, which has no hang-up to watch for.
    #[cfg(not(unix))]
    pub fn start() -> Self {
        Self {
            code: Arc::new(AtomicI32::new(EXIT_HUNG_UP)),
            stop: None,
            thread: None,
        }
    }

    /// Exits, if the terminal hangs up from now on, as the wizard `w` would ([`exit_code`]).
    pub fn follow(&self, w: &Wizard) {
        self.code.store(exit_code(w), Ordering::Relaxed);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        // Closing the channel wakes the thread at once.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Looks at stdin once a second until `stopped` closes; ends the process if it hung up.
#[cfg(unix)]
fn watch(stopped: &mpsc::Receiver<()>, code: &AtomicI32) {
    loop {
        match stopped.recv_timeout(EVERY) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        if terminal_hung_up() {
            std::process::exit(code.load(Ordering::Relaxed));
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_is_hung_up_once_its_master_is_closed() {
        use rustix::fs::{Mode, OFlags};
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let flags = OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC;
        let terminal = rustix::fs::open(name.as_c_str(), flags, Mode::empty()).unwrap();
        assert!(!hung_up(&terminal));
        drop(master);
        assert!(hung_up(&terminal));
    }

    #[test]
    fn a_pipe_is_no_hung_up_terminal() {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(writer);
        assert!(!hung_up(&reader));
    }

    #[test]
    fn a_hang_up_exits_129_until_the_enrollment_is_done() {
        use crate::wizard::reasons::EnrollResult;
        use crate::wizard::settings::Settings;
        use crate::wizard::state::Step;
        use crate::wizard::steps::{Preparing, Summary};
        let preparing = Step::Preparing(Preparing { notice: None });
        assert_eq!(exit_code(&Wizard::new(Settings::default(), preparing)), 129);
        let done = |result| {
            let summary = Summary {
                user: "alice".into(),
                account: String::new(),
                issuer: String::new(),
                device: String::new(),
                time: 0,
                result,
                mfa_methods: Vec::new(),
                preferred_mfa: None,
                qr_shown: true,
                code_accepted: true,
            };
            exit_code(&Wizard::new(Settings::default(), Step::Done(summary)))
        };
        assert_eq!(done(EnrollResult::OnAndPreferred), 0);
        assert_eq!(done(EnrollResult::NotListed), 255);
    }

    #[test]
    fn dropping_the_watchdog_ends_its_thread() {
        let started = std::time::Instant::now();
        drop(Watchdog::start());
        assert!(started.elapsed() < EVERY);
    }
}
