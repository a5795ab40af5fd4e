//! Building the HTTP client: the settings the config resolves, the TLS provider and roots (or
//! the CA bundle), timeouts, the proxy rule and the refusal of redirects.

use crate::capped_read::{DOCUMENT_CAP, read_capped};
use crate::cognito::endpoint::Endpoint;
use crate::cognito::retry::RetryPolicy;
use crate::safe_text::one_line;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ClientSettings {
    pub endpoint: Endpoint,
    /// `None`: wait forever (the AWS CLI's `--cli-connect-timeout 0`).
    pub connect_timeout: Option<Duration>,
    /// The longest wait for one whole request; `None`: forever.
    pub request_timeout: Option<Duration>,
    pub ca_bundle: Option<PathBuf>,
    /// Print each request and answer, redacted, on stderr.
    pub debug: bool,
    /// TLS certificates are checked (false only for `--no-verify-ssl`).
    pub verify_tls: bool,
    pub retry: RetryPolicy,
}

impl ClientSettings {
    pub fn new(endpoint: Endpoint) -> Self {
        Self {
            endpoint,
            connect_timeout: Some(Duration::from_secs(5)),
            request_timeout: Some(Duration::from_secs(30)),
            ca_bundle: None,
            debug: false,
            verify_tls: true,
            retry: RetryPolicy::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientBuildError {
    #[error("Cannot read the CA bundle {path}: {detail}. Check --ca-bundle or AWS_CA_BUNDLE.")]
    CaBundle { path: PathBuf, detail: String },
    #[error("Cannot set up the HTTP client: {0}")]
    Http(String),
}

/// Makes ring the process's TLS provider (reqwest is built without one). Idempotent: the first
/// call wins and later calls change nothing.
pub fn install_tls_provider() {
    // An error only says a provider is already installed, which is the state wanted.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The warning the AWS CLI prints (urllib3's `InsecureRequestWarning`) when certificates are
/// not checked: on stderr, once per run however many clients are built.
fn warn_unverified(host: &str) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        eprintln!(
            "cognito-mfa: warning: InsecureRequestWarning: Unverified HTTPS request is being made to host '{}'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings",
            one_line(host)
        );
    });
}

pub const USER_AGENT: &str = concat!("cognito-mfa/", env!("CARGO_PKG_VERSION"));

/// The reqwest client for `settings`.
pub(super) fn http_client(settings: &ClientSettings) -> Result<reqwest::Client, ClientBuildError> {
    install_tls_provider();
    // Redirects are never followed: a 3xx is an error, and nothing (the access token
    // included) is sent anywhere but the endpoint.
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(8);
    if settings.endpoint.is_plain_http() {
        // Loopback never goes through a proxy; HTTPS honours HTTPS_PROXY / NO_PROXY as the
        // AWS CLI does.
        builder = builder.no_proxy();
    }
    if let Some(t) = settings.connect_timeout {
        builder = builder.connect_timeout(t);
    }
    if let Some(t) = settings.request_timeout {
        builder = builder.timeout(t);
    }
    if let Some(path) = &settings.ca_bundle {
        let pem = read_capped(path, DOCUMENT_CAP).map_err(|e| ClientBuildError::CaBundle {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            ClientBuildError::CaBundle {
                path: path.clone(),
                detail: e.to_string(),
            }
        })?;
        if certs.is_empty() {
            return Err(ClientBuildError::CaBundle {
                path: path.clone(),
                detail: "it holds no PEM certificate".into(),
            });
        }
        builder = builder.tls_certs_only(certs);
    } else if settings.endpoint.is_plain_http() {
        // Loopback HTTP needs no TLS: skip loading the system's root certificates.
        builder = builder.tls_certs_only(Vec::new());
    }
    if !settings.verify_tls && !settings.endpoint.is_plain_http() {
        builder = builder.tls_danger_accept_invalid_certs(true);
        warn_unverified(settings.endpoint.url().host_str().unwrap_or_default());
    }
    builder
        .build()
        .map_err(|e| ClientBuildError::Http(e.to_string()))
}
