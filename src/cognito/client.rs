//! The HTTP client: one generic call for every operation, with timeouts, bounded bodies and the
//! retry mode the config resolves (`retry.rs`).

use super::endpoint::Endpoint;
use super::error::{ApiError, ServiceError, ServiceErrorKind, error_code};
use super::wire::{ErrorBody, Operation, redact};
use crate::safe_text::{json_safe, one_line};
use std::sync::Arc;

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

pub use super::retry::{RetryMode, RetryPolicy, RetryQuota};
pub use build::{ClientBuildError, ClientSettings, USER_AGENT, install_tls_provider};
pub use response::MAX_RESPONSE_BYTES;

mod build;
mod response;

use response::{
    BodyError, certificate_refusal, describe_bad_body, read_bounded, redirect_host, root_cause,
};

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

impl CognitoClient {
    pub fn new(settings: ClientSettings) -> Result<Self, ClientBuildError> {
        let http = build::http_client(&settings)?;
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
