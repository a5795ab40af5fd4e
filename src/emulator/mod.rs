//! An embedded Cognito user-pool emulator for the TOTP flows, speaking the JSON 1.1 protocol on
//! 127.0.0.1. It serves `cognito-mfa emulator`, `cognito-mfa demo` and the hermetic tests.
//!
//! ```no_run
//! # async fn run() -> Result<(), cognito_mfa::emulator::EmulatorError> {
//! use cognito_mfa::emulator::{Emulator, EmulatorConfig};
//! let running = Emulator::new(EmulatorConfig::embedded()?).start().await?;
//! println!("{}", running.report().to_json_line());
//! running.shutdown().await;
//! # Ok(()) }
//! ```

mod admin_wire;
mod after_password;
mod capped;
mod checks;
pub mod clock;
pub mod config;
mod config_admin;
mod fault;
mod generated;
mod jwt;
mod list_users;
mod ops_admin;
mod ops_auth;
mod ops_srp;
mod ops_token;
mod ops_user;
mod ops_user_auth;
mod pool;
mod proofs;
mod random;
mod routes;
mod server;
mod session;
mod shared;
mod sigv4_check;
mod trim;
mod user;
mod user_filter;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{
    AdminKeys, AuthFlow, ClientConfig, ConfigError, EmulatorConfig, GeneratedUsers,
    MfaConfiguration, PoolConfig, UserConfig, UserStatus,
};
pub use routes::MAX_BODY_BYTES;
pub use server::SHUTDOWN_GRACE;

use crate::secret::Sensitive;
use pool::PoolState;
use proofs::Proofs;
use serde::Serialize;
use shared::{Limits, Shared};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("cannot wait for Ctrl-C or SIGTERM: {0}")]
    Signal(std::io::Error),
}

/// An emulator ready to start: the pool, the port (0: any free one), the clock, logging, the
/// time limits.
pub struct Emulator {
    config: EmulatorConfig,
    port: u16,
    clock: Arc<dyn Clock>,
    log_requests: bool,
    limits: Limits,
    proofs: Proofs,
}

impl Emulator {
    pub fn new(config: EmulatorConfig) -> Self {
        Self {
            config,
            port: 0,
            clock: Arc::new(SystemClock),
            log_requests: false,
            limits: Limits::default(),
            proofs: Proofs::default(),
        }
    }

    /// How long a whole request may take once its headers are in, body included (default
    /// 10 s). A client that stalls is answered RequestTimeoutException (408) and disconnected.
    pub fn request_deadline(mut self, deadline: Duration) -> Self {
        self.limits.request = deadline;
        self
    }

    /// How long a connection may take to send a request's headers (default 10 s), idle
    /// keep-alive connections included; then it is closed.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read = timeout;
        self
    }

    /// Runs `hook` on the proof's thread before each SRP proof's maths.
    #[cfg(test)]
    pub(crate) fn before_proof(mut self, hook: impl Fn() + Send + Sync + 'static) -> Self {
        self.proofs.before = Some(Arc::new(hook));
        self
    }

    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The time source for sessions, tokens and TOTP codes (tests pass a `ManualClock`).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// One line per request on stderr: id, operation, outcome, duration. Never a value.
    pub fn log_requests(mut self, on: bool) -> Self {
        self.log_requests = on;
        self
    }

    /// Binds 127.0.0.1 and serves in a background task; the address is known on return.
    pub async fn start(self) -> Result<RunningEmulator, EmulatorError> {
        self.config.validate()?;
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(|source| EmulatorError::Bind {
                port: self.port,
                source,
            })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind {
                port: self.port,
                source,
            })?;
        let endpoint = format!("http://{addr}");
        let report = StartupReport::new(&endpoint, &self.config);
        let issuer = format!("{endpoint}/{}", self.config.pool.id);
        let shared = Arc::new(Shared {
            state: Mutex::new(PoolState::new(self.config, issuer, self.clock.now_millis())),
            clock: self.clock,
            log: self.log_requests,
            limits: self.limits,
            proofs: self.proofs,
            open: watch::Sender::new(0),
            peak_open: std::sync::atomic::AtomicUsize::new(0),
        });
        let (shutdown, receiver) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, shared.clone(), receiver));
        Ok(RunningEmulator {
            addr,
            endpoint,
            report,
            shared,
            shutdown,
            task,
        })
    }
}

/// A serving emulator. Dropping it stops the server too; `shutdown` waits until it has.
pub struct RunningEmulator {
    addr: SocketAddr,
    endpoint: String,
    report: StartupReport,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningEmulator {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn report(&self) -> &StartupReport {
        &self.report
    }

    /// The in-process demo hook. Hand it only to the demo: it is not reachable over HTTP.
    pub fn demo_codes(&self) -> DemoCodes {
        DemoCodes(self.shared.clone())
    }

    /// The number of open connections, as it changes.
    pub fn open_connections(&self) -> watch::Receiver<usize> {
        self.shared.open.subscribe()
    }

    /// Stops accepting, lets open requests finish (for up to `SHUTDOWN_GRACE`; then they are
    /// cut), and waits for the server task.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// What an authenticator app would show for a user's most recently associated secret, so a
/// demo needs no phone.
#[derive(Clone)]
pub struct DemoCodes(Arc<Shared>);

/// A code and how long it stays current.
#[derive(Debug, Clone)]
pub struct DemoCode {
    pub code: Sensitive,
    pub seconds_left: u64,
}

impl DemoCodes {
    pub fn current_code(&self, username: &str) -> Option<DemoCode> {
        let now = self.0.clock.now();
        let state = self.0.lock();
        let user = state.users.get(username)?;
        let token = user.pending_token.as_ref().or(user.token.as_ref())?;
        Some(DemoCode {
            code: Sensitive::new(crate::totp::code_at(&token.key, now)),
            seconds_left: crate::totp::seconds_left(now),
        })
    }
}

/// The first line `cognito-mfa emulator` prints: where it listens and whom it knows.
#[derive(Debug, Clone, Serialize)]
pub struct StartupReport {
    pub endpoint: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub users: Vec<DemoUser>,
    /// The credentials administrator operations must be signed with.
    pub admin: AdminReport,
    /// The users generated in bulk, when the config asks for them (never listed one by one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_users: Option<GeneratedReport>,
}

/// `"admin"` in the start-up report: demo credentials, printed on purpose.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminReport {
    pub access_key_id: String,
    pub secret_access_key: Sensitive,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<Sensitive>,
    pub region: String,
}

/// `"generated_users"` in the start-up report: how to name and sign in as them.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratedReport {
    pub count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub password: Sensitive,
    pub with_authenticator_every: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoUser {
    pub username: String,
    /// Demo data from the config: printed on purpose.
    pub password: Sensitive,
}

impl StartupReport {
    fn new(endpoint: &str, config: &EmulatorConfig) -> Self {
        Self {
            endpoint: endpoint.to_string(),
            user_pool_id: config.pool.id.clone(),
            client_id: config
                .clients
                .first()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            users: config
                .users
                .iter()
                .map(|u| DemoUser {
                    username: u.username.clone(),
                    password: u.password.clone(),
                })
                .collect(),
            admin: AdminReport {
                access_key_id: config.admin.access_key_id.clone(),
                secret_access_key: config.admin.secret_access_key.clone(),
                session_token: config.admin.session_token.clone(),
                region: config.region().to_string(),
            },
            generated_users: config.generated_users.as_ref().map(|g| GeneratedReport {
                count: g.count,
                first: (g.count > 0).then(|| g.username(1)),
                last: (g.count > 0).then(|| g.username(g.count)),
                password: g.password.clone(),
                with_authenticator_every: g.with_authenticator_every,
            }),
        }
    }

    /// One JSON object on one line.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}
