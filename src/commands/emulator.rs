//! `cognito-mfa emulator [--port N] [--config FILE] [--generate-users N]`: serve the emulator
//! until Ctrl-C or SIGTERM.

use crate::emulator::{Emulator, EmulatorConfig, EmulatorError, GeneratedUsers};
use std::io::Write;
use std::path::PathBuf;

/// Prints the start-up report as the first line on stdout, logs requests to stderr, and serves
/// until Ctrl-C or SIGTERM. Port `None` or 0: any free port (the report names it).
/// `generate_users` replaces the config's `[generated_users]` with that many default users.
pub async fn run(
    port: Option<u16>,
    config: Option<PathBuf>,
    generate_users: Option<usize>,
) -> Result<(), EmulatorError> {
    let mut config = match &config {
        Some(path) => EmulatorConfig::from_file(path)?,
        None => EmulatorConfig::embedded()?,
    };
    if let Some(count) = generate_users {
        config.generated_users = Some(GeneratedUsers::new(count));
    }
    let running = Emulator::new(config)
        .port(port.unwrap_or(0))
        .log_requests(true)
        .start()
        .await?;
    {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{}", running.report().to_json_line());
        let _ = stdout.flush();
    }
    eprintln!(
        "cognito-mfa emulator: serving {} (Ctrl-C to stop)",
        running.endpoint()
    );
    let stopped = wait_for_stop_signal().await;
    eprintln!("cognito-mfa emulator: stopping");
    running.shutdown().await;
    stopped
}

#[cfg(unix)]
async fn wait_for_stop_signal() -> Result<(), EmulatorError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).map_err(EmulatorError::Signal)?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.map_err(EmulatorError::Signal),
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_stop_signal() -> Result<(), EmulatorError> {
    tokio::signal::ctrl_c().await.map_err(EmulatorError::Signal)
}
