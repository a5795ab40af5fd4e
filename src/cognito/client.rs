//! The HTTP client: one generic call for every operation, with timeouts, bounded bodies and the
//! retry mode the config resolves (`retry.rs`).

use super::endpoint::Endpoint;
use super::error::{ApiError, ServiceError, ServiceErrorKind, error_code};
use super::wire::{ErrorBody, Operation, redact};
use crate::capped_read::{DOCUMENT_CAP, read_capped};
use crate::safe_text::{json_safe, one_line};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Answers larger than this are refused: no Cognito answer comes near it.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
pub const USER_AGENT: &str = concat!("cognito-mfa/", env!("CARGO_PKG_VERSION"));

pub use super::retry::{RetryMode, RetryPolicy, RetryQuota};

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

/// A Cognito user-pool client. Cheap to clone: the connection pool is shared.
#[derive(Clone)]
pub struct CognitoClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    settings: ClientSettings,
    /// Standard and adaptive modes' retry quota, shared by every clone of the client.
    quota: RetryQuota,
}

impl std::fmt::Debug for CognitoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CognitoClient")
            .field("endpoint", &self.inner.settings.endpoint.as_str())
            .finish_non_exhaustive()
    }
}

/// Signs a request just before it is sent (SigV4 for the administrator's operations). Called
/// again for each retry, so every attempt carries a fresh time.
pub trait SignRequest: Send + Sync {
    /// Adds the signature's headers to `request`, whose body is `body`; the text of an error
    /// says what went wrong and what to do.
    fn sign(&self, request: &mut reqwest::Request, body: &[u8]) -> Result<(), String>;
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

impl CognitoClient {
    pub fn new(settings: ClientSettings) -> Result<Self, ClientBuildError> {
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
        let http = builder
            .build()
            .map_err(|e| ClientBuildError::Http(e.to_string()))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                settings,
                quota: RetryQuota::new(),
            }),
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.settings.endpoint
    }

    /// Calls one operation, retrying throttling, 5xx and connection failures.
    pub async fn call<O: Operation>(&self, request: &O) -> Result<O::Response, ApiError> {
        self.call_with(request, None).await
    }

    /// Calls one operation with each attempt signed by `signer`.
    pub async fn call_signed<O: Operation>(
        &self,
        request: &O,
        signer: &dyn SignRequest,
    ) -> Result<O::Response, ApiError> {
        self.call_with(request, Some(signer)).await
    }

    async fn call_with<O: Operation>(
        &self,
        request: &O,
        signer: Option<&dyn SignRequest>,
    ) -> Result<O::Response, ApiError> {
        let body = serde_json::to_vec(request).map_err(|e| ApiError::Transport {
            operation: O::NAME,
            detail: format!("cannot encode the request: {e}"),
        })?;
        if self.inner.settings.debug {
            self.log_json(&format!("request {}", O::NAME), &body);
        }
        let policy = self.inner.settings.retry;
        let quota = (policy.mode != RetryMode::Legacy).then_some(&self.inner.quota);
        let mut attempt = 0;
        let mut acquired = None;
        loop {
            attempt += 1;
            let result = self.attempt::<O>(&body, signer).await;
            match result {
                Err(e) if e.is_retryable() && attempt < policy.max_attempts => {
                    if let Some(quota) = quota {
                        acquired = quota.acquire(e.is_throttling());
                        if acquired.is_none() {
                            if self.inner.settings.debug {
                                eprintln!("DEBUG {} retry quota reached; not retrying", O::NAME);
                            }
                            return Err(e);
                        }
                    }
                    let wait = policy.backoff(attempt - 1, rand::random::<f64>());
                    if self.inner.settings.debug {
                        eprintln!(
                            "DEBUG {} attempt {attempt} failed ({}); retrying in {} ms",
                            O::NAME,
                            one_line(e.service_code().unwrap_or("network")),
                            wait.as_millis()
                        );
                    }
                    tokio::time::sleep(wait).await;
                }
                Ok(answer) => {
                    if let Some(quota) = quota {
                        quota.release(acquired);
                    }
                    return Ok(answer);
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn attempt<O: Operation>(
        &self,
        body: &[u8],
        signer: Option<&dyn SignRequest>,
    ) -> Result<O::Response, ApiError> {
        let settings = &self.inner.settings;
        let mut request = self
            .inner
            .http
            .post(settings.endpoint.url().clone())
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Target", format!("{TARGET_PREFIX}{}", O::NAME))
            .body(body.to_vec())
            .build()
            .map_err(|e| self.transport_error(O::NAME, &e))?;
        if let Some(signer) = signer {
            signer
                .sign(&mut request, body)
                .map_err(|detail| ApiError::Signing {
                    operation: O::NAME,
                    detail,
                })?;
        }
        let response = self
            .inner
            .http
            .execute(request)
            .await
            .map_err(|e| self.transport_error(O::NAME, &e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let error_header = header("x-amzn-ErrorType");
        let request_id = header("x-amzn-RequestId");
        if (300..400).contains(&status) {
            return Err(ApiError::Redirect {
                operation: O::NAME,
                status,
                location: redirect_host(
                    response
                        .headers()
                        .get("Location")
                        .map(|v| String::from_utf8_lossy(v.as_bytes()))
                        .as_deref(),
                ),
            });
        }
        let bytes = read_bounded(response).await.map_err(|e| match e {
            BodyError::TooLarge => ApiError::BadResponse {
                operation: O::NAME,
                status,
                detail: format!("larger than {} KiB", MAX_RESPONSE_BYTES / 1024),
            },
            BodyError::Read(e) => self.transport_error(O::NAME, &e),
        })?;
        if settings.debug {
            self.log_json(&format!("response {} HTTP {status}", O::NAME), &bytes);
        }
        if (200..300).contains(&status) {
            let answer = serde_json::from_slice(&bytes).map_err(|e| ApiError::BadResponse {
                operation: O::NAME,
                status,
                detail: describe_bad_body(&bytes, &e),
            })?;
            O::check_response(&answer).map_err(|detail| ApiError::BadResponse {
                operation: O::NAME,
                status,
                detail,
            })?;
            return Ok(answer);
        }
        let parsed: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
        let code = error_code(
            parsed.as_ref().map(|b| b.error_type.as_str()),
            error_header.as_deref(),
        );
        match code {
            Some(code) => Err(ApiError::Service(ServiceError {
                operation: O::NAME,
                kind: ServiceErrorKind::from_code(&code),
                code,
                message: parsed.map(|b| b.message).unwrap_or_default(),
                status,
                request_id,
            })),
            None => Err(ApiError::BadResponse {
                operation: O::NAME,
                status,
                detail: if bytes.is_empty() {
                    "empty body".into()
                } else {
                    match serde_json::from_slice::<serde_json::Value>(&bytes) {
                        Ok(_) => "JSON without an error type".into(),
                        Err(e) => describe_bad_body(&bytes, &e),
                    }
                },
            }),
        }
    }

    fn transport_error(&self, operation: &'static str, e: &reqwest::Error) -> ApiError {
        // A connect that times out is both a connect and a timeout error.
        if e.is_connect()
            && e.is_timeout()
            && let Some(after) = self.inner.settings.connect_timeout
        {
            return ApiError::ConnectTimeout {
                endpoint: self.inner.settings.endpoint.as_str().to_string(),
                after,
            };
        }
        if e.is_timeout() {
            let after = self.inner.settings.request_timeout.unwrap_or_default();
            return ApiError::Timeout { operation, after };
        }
        if let Some(refused) = certificate_refusal(e) {
            return ApiError::Certificate {
                endpoint: self.inner.settings.endpoint.as_str().to_string(),
                detail: one_line(&refused.to_string()).into_owned(),
            };
        }
        if e.is_connect() {
            return ApiError::Connect {
                endpoint: self.inner.settings.endpoint.as_str().to_string(),
                detail: root_cause(e),
            };
        }
        ApiError::Transport {
            operation,
            detail: root_cause(e),
        }
    }

    fn log_json(&self, label: &str, bytes: &[u8]) {
        let shown = match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) => redact(&v).to_string(),
            Err(_) => format!("<{} bytes, not JSON>", bytes.len()),
        };
        eprintln!("DEBUG {label}: {}", json_safe(&shown));
    }
}

enum BodyError {
    TooLarge,
    Read(reqwest::Error),
}

async fn read_bounded(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Err(BodyError::TooLarge);
    }
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if out.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

fn describe_bad_body(bytes: &[u8], e: &serde_json::Error) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_lowercase();
    if bytes.is_empty() {
        "empty body".into()
    } else if head.trim_start().starts_with('<') {
        "an HTML page".into()
    } else if e.is_eof() {
        "truncated JSON".into()
    } else if e.is_data() || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
        format!("unexpected JSON: {}", one_line(&e.to_string()))
    } else {
        "not JSON".into()
    }
}

/// rustls's refusal of the server's certificate, wherever it is in the chain of causes (an
/// `io::Error` hides the error it wraps from `source()`: it is looked into instead).
fn certificate_refusal<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(error) = next {
        if let Some(tls @ rustls::Error::InvalidCertificate(_)) =
            error.downcast_ref::<rustls::Error>()
        {
            return Some(tls);
        }
        next = match error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(wrapped) => Some(wrapped as &(dyn std::error::Error + 'static)),
            None => error.source(),
        };
    }
    None
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    one_line(&source.to_string()).into_owned()
}

/// The host a redirect points at, for the message: never followed, never looked up.
fn redirect_host(location: Option<&str>) -> String {
    let Some(location) = location else {
        return "no location".into();
    };
    let host = reqwest::Url::parse(location)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "a relative or unreadable location".into());
    one_line(&host).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bodies_are_described() {
        let err = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap_err();
        assert_eq!(
            describe_bad_body(b"<html>oops", &err(b"<html>oops")),
            "an HTML page"
        );
        assert_eq!(
            describe_bad_body(b"{\"a\":", &err(b"{\"a\":")),
            "truncated JSON"
        );
        assert_eq!(describe_bad_body(b"garbage", &err(b"garbage")), "not JSON");
    }
}
