//! What a command can end with, and the exit code each kind gives (those of AWS CLI v2, so
//! scripts can tell them apart).

use crate::cognito::ApiError;

pub const EXIT_OK: i32 = 0;
pub const EXIT_USAGE: i32 = 252;
pub const EXIT_CONFIG: i32 = 253;
pub const EXIT_SERVICE: i32 = 254;
pub const EXIT_OTHER: i32 = 255;
pub const EXIT_INTERRUPTED: i32 = 130;
/// `admin`: no usable AWS credentials (none found, expired, refused by Cognito).
pub const EXIT_CREDENTIALS: i32 = 251;
/// `admin`: the credentials work, but IAM does not allow the action.
pub const EXIT_ACCESS_DENIED: i32 = 250;
/// `admin watch`: the time limit passed before the user enrolled (as timeout(1) exits).
pub const EXIT_GAVE_UP: i32 = 124;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A bad command line or parameter value: nothing was sent.
    #[error("{0}")]
    Usage(String),
    /// Bad configuration: region, endpoint, profile, CA bundle.
    #[error("{0}")]
    Config(String),
    /// The service or the network failed.
    #[error("{0}")]
    Api(#[from] ApiError),
    /// Anything else, with what to do about it.
    #[error("{0}")]
    Other(String),
    #[error("Interrupted.")]
    Interrupted,
    /// The user left before the end; the text says what state that leaves.
    #[error("{0}")]
    Cancelled(String),
    /// `admin`: credentials missing, expired or refused.
    #[error("{0}")]
    Credentials(String),
    /// `admin`: an IAM permission is missing.
    #[error("{0}")]
    AccessDenied(String),
    /// `admin watch` reached its time limit.
    #[error("{0}")]
    GaveUp(String),
    /// A signal (its number) ended the command; the text says what state that leaves.
    #[error("{1}")]
    Signalled(i32, String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Usage(_) => EXIT_USAGE,
            Self::Config(_) => EXIT_CONFIG,
            Self::Api(ApiError::Service(_)) => EXIT_SERVICE,
            // Which CAs to trust is configuration (--ca-bundle, AWS_CA_BUNDLE).
            Self::Api(ApiError::Certificate { .. }) => EXIT_CONFIG,
            Self::Api(_) | Self::Other(_) => EXIT_OTHER,
            Self::Interrupted | Self::Cancelled(_) => EXIT_INTERRUPTED,
            Self::Credentials(_) => EXIT_CREDENTIALS,
            Self::AccessDenied(_) => EXIT_ACCESS_DENIED,
            Self::GaveUp(_) => EXIT_GAVE_UP,
            Self::Signalled(signal, _) => 128 + signal,
        }
    }
}

impl From<crate::admin::AdminError> for Failure {
    fn from(e: crate::admin::AdminError) -> Self {
        use crate::admin::AdminError;
        match e {
            AdminError::Credentials(text) => Self::Credentials(text),
            e @ AdminError::AccessDenied { .. } => Self::AccessDenied(e.to_string()),
            AdminError::Api(e) => Self::Api(e),
        }
    }
}

impl From<crate::config::ConfigError> for Failure {
    fn from(e: crate::config::ConfigError) -> Self {
        Self::Config(e.to_string())
    }
}

impl From<crate::cognito::client::ClientBuildError> for Failure {
    fn from(e: crate::cognito::client::ClientBuildError) -> Self {
        Self::Config(e.to_string())
    }
}
