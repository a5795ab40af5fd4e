//! Typing without echo on a terminal, for passwords at line prompts. Echo comes back when the
//! guard drops, on every path out of the prompt.

use rustix::termios::{LocalModes, OptionalActions, Termios, tcgetattr, tcsetattr};
use std::io::IsTerminal;

pub struct EchoOff(Option<Termios>);

impl EchoOff {
    /// Turns echo off on stdin when it is a terminal; a no-op for pipes.
    pub fn on_stdin() -> Self {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Self(None);
        }
        let Ok(saved) = tcgetattr(&stdin) else {
            return Self(None);
        };
        let mut quiet = saved.clone();
        quiet.local_modes.remove(LocalModes::ECHO);
        match tcsetattr(&stdin, OptionalActions::Now, &quiet) {
            Ok(()) => Self(Some(saved)),
            Err(_) => Self(None),
        }
    }

    /// Whether echo was turned off (the user's Enter was not echoed either).
    pub fn active(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.0 {
            let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, saved);
        }
    }
}
