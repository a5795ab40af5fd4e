//! The signals that end the wizard early. Full screen: SIGTERM (Ctrl-C arrives as a key, the
//! terminal being raw). Line prompts: SIGTERM and Ctrl-C. Either way the wizard returns
//! normally, so every guard (alternate screen, echo) puts the terminal back.

use std::io;

#[cfg(unix)]
use tokio::signal::unix::{Signal, SignalKind, signal};

pub struct StopSignals {
    #[cfg(unix)]
    terminate: Signal,
    #[cfg(unix)]
    interrupt: Option<Signal>,
}

impl StopSignals {
    /// SIGTERM only.
    pub fn terminate() -> io::Result<Self> {
        Self::new(false)
    }

    /// SIGTERM and Ctrl-C (SIGINT).
    pub fn terminate_or_interrupt() -> io::Result<Self> {
        Self::new(true)
    }

    #[cfg(unix)]
    fn new(interrupt: bool) -> io::Result<Self> {
        Ok(Self {
            terminate: signal(SignalKind::terminate())?,
            interrupt: if interrupt {
                Some(signal(SignalKind::interrupt())?)
            } else {
                None
            },
        })
    }

    #[cfg(not(unix))]
    fn new(_interrupt: bool) -> io::Result<Self> {
        Ok(Self {})
    }

    /// Resolves when one of the signals arrives.
    #[cfg(unix)]
    pub async fn recv(&mut self) {
        match &mut self.interrupt {
            Some(interrupt) => {
                tokio::select! {
                    _ = self.terminate.recv() => {}
                    _ = interrupt.recv() => {}
                }
            }
            None => {
                self.terminate.recv().await;
            }
        }
    }

    #[cfg(not(unix))]
    pub async fn recv(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
