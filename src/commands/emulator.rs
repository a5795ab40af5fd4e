//! `cognito-mfa emulator [--port N] [--config FILE] [--generate-users N] [--tls [--ca-out FILE]]`: serve the emulator
//! until Ctrl-C or SIGTERM.

use crate::cli::EmulatorArgs;
use crate::emulator::{Emulator, EmulatorConfig, EmulatorError, GeneratedUsers};
use crate::failure::Failure;
use std::io::Write;
use std::path::Path;

/// Prints the start-up report as the first line on stdout, logs requests to stderr, and serves
/// until Ctrl-C or SIGTERM. Port `None` or 0: any free port (the report names it). With
/// `--ca-out` the CA certificate is on disk before the report is printed. `--generate-users N`
/// replaces the config's `[generated_users]` with that many default users.
pub async fn run(args: &EmulatorArgs) -> Result<(), Failure> {
    let mut config = match &args.config {
        Some(path) => EmulatorConfig::from_file(path),
        None => EmulatorConfig::embedded(),
    }
    .map_err(|e| Failure::Config(e.to_string()))?;
    if let Some(count) = args.generate_users {
        config.generated_users = Some(GeneratedUsers::new(count));
    }
    let running = Emulator::new(config)
        .port(args.port.unwrap_or(0))
        .tls(args.tls)
        .log_requests(true)
        .start()
        .await
        .map_err(failure)?;
    if let (Some(path), Some(pem)) = (&args.ca_out, &running.report().ca_certificate) {
        write_ca(path, pem)?;
    }
    // Before the report: whoever reads it may send SIGTERM at once, and must not find the
    // default action (death by signal) still in place.
    let stop = StopSignals::install().map_err(failure)?;
    {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", running.report().to_json_line());
        let _ = stdout.flush();
    }
    eprintln!(
        "cognito-mfa emulator: serving {} (Ctrl-C to stop)",
        running.endpoint()
    );
    let stopped = stop.wait().await;
    eprintln!("cognito-mfa emulator: stopping");
    running.shutdown().await;
    stopped.map_err(failure)
}

fn failure(e: EmulatorError) -> Failure {
    match e {
        EmulatorError::Config(e) => Failure::Config(e.to_string()),
        e @ EmulatorError::Bind { .. } => {
            Failure::Other(format!("{e}. Choose another --port, or stop what uses it."))
        }
        e @ EmulatorError::Tls(_) => Failure::Other(format!(
            "{e}. This is a fault of cognito-mfa; run without --tls, and report it."
        )),
        e @ EmulatorError::Signal(_) => Failure::Other(format!(
            "{e}. The emulator cannot be stopped cleanly here; run it where signals can be handled."
        )),
    }
}

/// The CA certificate (public: no key) for `--ca-bundle`.
fn write_ca(path: &Path, pem: &str) -> Result<(), Failure> {
    std::fs::write(path, pem).map_err(|e| {
        Failure::Config(format!(
            "Cannot write the CA certificate to {}: {e}. Choose a writable --ca-out path.",
            crate::safe_text::one_line(&path.display().to_string())
        ))
    })
}

/// Ctrl-C and SIGTERM, listened for from `install` on.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    #[cfg(unix)]
    fn install() -> Result<Self, EmulatorError> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).map_err(EmulatorError::Signal)?,
            terminate: signal(SignalKind::terminate()).map_err(EmulatorError::Signal)?,
        })
    }

    #[cfg(unix)]
    async fn wait(mut self) -> Result<(), EmulatorError> {
        tokio::select! {
            _ = self.interrupt.recv() => Ok(()),
            _ = self.terminate.recv() => Ok(()),
        }
    }

    #[cfg(not(unix))]
    fn install() -> Result<Self, EmulatorError> {
        Ok(Self {})
    }

    #[cfg(not(unix))]
    async fn wait(self) -> Result<(), EmulatorError> {
        tokio::signal::ctrl_c().await.map_err(EmulatorError::Signal)
    }
}
