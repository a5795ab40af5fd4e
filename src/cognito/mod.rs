//! The Cognito user-pool client: wire types, errors, the HTTP client with timeouts and retries.
//! No terminal, no UI: everything above builds on this.

pub mod client;
pub mod endpoint;
pub mod error;
pub mod retry;
pub mod secret_code;
pub mod wire;

pub use client::{ClientSettings, CognitoClient};
pub use endpoint::Endpoint;
pub use error::{ApiError, ServiceError, ServiceErrorKind};
pub use retry::{RetryMode, RetryPolicy};
