//! The embedded emulator on its own thread and runtime (real time), so tests can run the
//! command as a process against it with blocking calls. Stopped when dropped.

use cognito_mfa::emulator::{Emulator, EmulatorConfig};
use std::sync::mpsc;
use std::thread::JoinHandle;
use tokio::sync::oneshot;

pub struct EmulatorThread {
    pub endpoint: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl EmulatorThread {
    pub fn start(config: EmulatorConfig) -> Self {
        let (ready_tx, ready_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let running = Emulator::new(config).start().await.unwrap();
                ready_tx.send(running.endpoint().to_string()).unwrap();
                let _ = stop_rx.await;
                running.shutdown().await;
            });
        });
        let endpoint = ready_rx.recv().unwrap();
        Self {
            endpoint,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }
}

impl Drop for EmulatorThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
