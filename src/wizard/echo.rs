//! Typing without echo on a terminal, for passwords at line prompts. Echo comes back when the
//! guard drops, on every path out of the prompt.
//!
//! Unix: the terminal's ECHO flag (termios). Windows: the console's ENABLE_ECHO_INPUT mode, set
//! the way crossterm sets raw mode but keeping line input, so the line is still edited and
//! ended with Enter. Elsewhere echo cannot be turned off and `active()` says so.

use std::io::IsTerminal;

pub struct EchoOff(Option<platform::Saved>);

impl EchoOff {
    /// Turns echo off on stdin when it is a terminal; a no-op for pipes.
    pub fn on_stdin() -> Self {
        if !std::io::stdin().is_terminal() {
            return Self(None);
        }
        Self(platform::echo_off())
    }

    /// Whether echo was turned off (the user's Enter was not echoed either).
    pub fn active(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.0 {
            platform::restore(saved);
        }
    }
}

#[cfg(unix)]
mod platform {
    use rustix::termios::{LocalModes, OptionalActions, Termios, tcgetattr, tcsetattr};

    pub type Saved = Termios;

    pub fn echo_off() -> Option<Saved> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut quiet = saved.clone();
        quiet.local_modes.remove(LocalModes::ECHO);
        tcsetattr(&stdin, OptionalActions::Now, &quiet).ok()?;
        Some(saved)
    }

    pub fn restore(saved: &Saved) {
        let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, saved);
    }
}

#[cfg(windows)]
mod platform {
    use crossterm_winapi::{ConsoleMode, Handle};

    /// `ENABLE_ECHO_INPUT` of the Windows console API.
    const ECHO_INPUT: u32 = 0x0004;

    pub type Saved = u32;

    fn console() -> Option<ConsoleMode> {
        Handle::current_in_handle().ok().map(ConsoleMode::from)
    }

    pub fn echo_off() -> Option<Saved> {
        let console = console()?;
        let saved = console.mode().ok()?;
        console.set_mode(saved & !ECHO_INPUT).ok()?;
        Some(saved)
    }

    pub fn restore(saved: &Saved) {
        if let Some(console) = console() {
            let _ = console.set_mode(*saved);
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod platform {
    pub type Saved = ();

    pub fn echo_off() -> Option<Saved> {
        None
    }

    pub fn restore(_: &Saved) {}
}
