//! What every connection of a running emulator shares: the pool behind its lock, the clock, the
//! limits, the SRP proof threads, and the count of open connections.

use super::clock::Clock;
use super::pool::PoolState;
use super::proofs::Proofs;
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// How long a client may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From waiting for a request to its last header: a client that sends nothing, or its
    /// headers too slowly, is dropped.
    pub header_read: Duration,
    /// From the headers read to the answer: a body that stalls is cut here.
    pub request: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(10),
        }
    }
}

pub struct Shared {
    pub state: Mutex<PoolState>,
    pub clock: std::sync::Arc<dyn Clock>,
    pub log: bool,
    pub limits: Limits,
    pub proofs: Proofs,
    /// Open connections, as it changes.
    pub open: watch::Sender<usize>,
    /// The most connections open at once since none was last open.
    pub peak_open: AtomicUsize,
}

impl Shared {
    /// The state, even if a handler panicked while holding it (the panic answered 500).
    pub fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
