//! The signals that end the wizard early: SIGINT, SIGTERM, SIGHUP (the terminal closed) and
//! SIGQUIT. The wizard returns normally on each, so every guard (alternate screen, raw mode,
//! echo) puts the terminal back, and the process exits with 128 + the signal's number.
//! In full screen a Ctrl-C typed on the keyboard arrives as a key instead (the terminal is raw);
//! `kill -INT` from elsewhere still arrives here. A terminal that hangs up ends the wizard with
//! the code of SIGHUP even when the signal cannot be handled (`hangup`).

use std::io;

#[cfg(unix)]
use tokio::signal::unix::{Signal, SignalKind, signal};

/// The signal a terminal's hang-up sends.
pub const SIGHUP: i32 = 1;

pub struct StopSignals {
    #[cfg(unix)]
    watched: Vec<(i32, Signal)>,
}

impl StopSignals {
    #[cfg(unix)]
    pub fn new() -> io::Result<Self> {
        let kinds = [
            (2, SignalKind::interrupt()),
            (15, SignalKind::terminate()),
            (SIGHUP, SignalKind::hangup()),
            (3, SignalKind::quit()),
        ];
        let mut watched = Vec::new();
        for (number, kind) in kinds {
            watched.push((number, signal(kind)?));
        }
        Ok(Self { watched })
    }

    #[cfg(not(unix))]
    pub fn new() -> io::Result<Self> {
        Ok(Self {})
    }

    /// Resolves with the signal's number when one of them arrives.
    #[cfg(unix)]
    pub async fn recv(&mut self) -> i32 {
        let waits = self.watched.iter_mut().map(|(number, signal)| {
            let number = *number;
            Box::pin(async move {
                signal.recv().await;
                number
            })
        });
        futures_util::future::select_all(waits).await.0
    }

    #[cfg(not(unix))]
    pub async fn recv(&mut self) -> i32 {
        let _ = tokio::signal::ctrl_c().await;
        2
    }
}
