//! Errors of the Cognito client: the service's typed errors, each with a message that says what
//! happened and what to do, and the transport's own failures.

use crate::safe_text::one_line;
use std::fmt;
use std::time::Duration;

macro_rules! service_errors {
    ($($variant:ident = $code:literal => $hint:literal,)*) => {
        /// Every error the API reference documents for the six operations this client calls.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ServiceErrorKind {
            $($variant,)*
            /// A code not in the list (a newer service, or another peer).
            Other,
        }

        impl ServiceErrorKind {
            pub fn from_code(code: &str) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    _ => Self::Other,
                }
            }

            /// What the user should do about it.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Self::$variant => $hint,)*
                    Self::Other => "Check the message above; if it persists, contact the administrator of the user pool.",
                }
            }
        }
    };
}

service_errors! {
    AliasExists = "AliasExistsException" => "Another account already uses this e-mail address or phone number; sign in with that account or use another value.",
    CodeMismatch = "CodeMismatchException" => "The code was wrong or stale. Check that your phone sets its clock automatically, wait for a fresh code in your authenticator app, and type it.",
    ConcurrentModification = "ConcurrentModificationException" => "The user was being changed by another request at the same time; try again.",
    EnableSoftwareTokenMfa = "EnableSoftwareTokenMFAException" => "The code was wrong or stale. Check that your phone sets its clock automatically, wait for a fresh code in your authenticator app, and type it.",
    ExpiredCode = "ExpiredCodeException" => "The code has expired; request a new one and try again.",
    Forbidden = "ForbiddenException" => "AWS WAF blocked the request for this user pool; ask its administrator to check the web ACL.",
    InternalError = "InternalErrorException" => "Cognito had an internal error; try again in a moment.",
    InvalidEmailRoleAccessPolicy = "InvalidEmailRoleAccessPolicyException" => "The user pool cannot send e-mail; ask its administrator to check the SES configuration.",
    InvalidLambdaResponse = "InvalidLambdaResponseException" => "A Lambda trigger of the user pool answered wrongly; ask the pool's administrator to check it.",
    InvalidParameter = "InvalidParameterException" => "Cognito refused a parameter; check the values given (for example the app client may not allow this auth flow, or MFA can only be preferred once the token is verified).",
    InvalidPassword = "InvalidPasswordException" => "The new password does not meet the pool's password policy; choose a longer or more varied one.",
    InvalidSmsRoleAccessPolicy = "InvalidSmsRoleAccessPolicyException" => "The user pool cannot send SMS; ask its administrator to check the SMS role.",
    InvalidSmsRoleTrustRelationship = "InvalidSmsRoleTrustRelationshipException" => "The user pool cannot send SMS; ask its administrator to check the SMS role's trust relationship.",
    InvalidUserPoolConfiguration = "InvalidUserPoolConfigurationException" => "The user pool is not set up for this (for example TOTP MFA is not enabled); ask its administrator.",
    LimitExceeded = "LimitExceededException" => "A Cognito limit was reached; wait a few minutes and try again.",
    MfaMethodNotFound = "MFAMethodNotFoundException" => "The user has no MFA method of that kind; enroll one first.",
    NotAuthorized = "NotAuthorizedException" => "The access token or session is invalid, expired or already used, or the credentials are wrong; sign in again and retry.",
    PasswordHistoryPolicyViolation = "PasswordHistoryPolicyViolationException" => "That password was used recently; choose a new one.",
    PasswordResetRequired = "PasswordResetRequiredException" => "The user must reset the password first; use the app's 'forgot password' flow.",
    ResourceNotFound = "ResourceNotFoundException" => "The user pool or app client was not found; check the region, endpoint and client id.",
    SoftwareTokenMfaNotFound = "SoftwareTokenMFANotFoundException" => "The user pool does not allow authenticator apps (software token MFA is off); ask its administrator to turn it on.",
    TooManyFailedAttempts = "TooManyFailedAttemptsException" => "Too many failed attempts; wait a few minutes before trying again.",
    TooManyRequests = "TooManyRequestsException" => "Cognito is throttling requests; wait a little and try again.",
    UnexpectedLambda = "UnexpectedLambdaException" => "A Lambda trigger of the user pool failed; ask the pool's administrator to check it.",
    UnsupportedOperation = "UnsupportedOperationException" => "The user pool does not support this operation or auth flow; ask its administrator which flows the app client allows.",
    UserLambdaValidation = "UserLambdaValidationException" => "A Lambda trigger of the user pool refused the request; ask the pool's administrator.",
    UserNotConfirmed = "UserNotConfirmedException" => "The user has not confirmed the account yet; confirm it first.",
    UserNotFound = "UserNotFoundException" => "No such user in the pool; check the user name.",
    UnknownOperation = "UnknownOperationException" => "The endpoint does not know this operation; check that --endpoint-url points at Cognito user pools.",
    Serialization = "SerializationException" => "The endpoint could not read the request; check that --endpoint-url points at Cognito user pools.",
}

impl ServiceErrorKind {
    /// A wrong or stale TOTP code at enrollment.
    pub fn is_wrong_code(self) -> bool {
        matches!(self, Self::CodeMismatch | Self::EnableSoftwareTokenMfa)
    }
}

/// An error answer from the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub operation: &'static str,
    pub kind: ServiceErrorKind,
    /// The error type as sent, without any `namespace#` prefix.
    pub code: String,
    pub message: String,
    pub status: u16,
    pub request_id: Option<String>,
}

/// The code and message come from the server: control characters in them are shown escaped.
impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "An error occurred ({}) when calling the {} operation: {}\n{}",
            one_line(&self.code),
            self.operation,
            if self.message.is_empty() {
                "(no message)".into()
            } else {
                one_line(&self.message)
            },
            self.kind.hint()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Service(ServiceError),
    #[error(
        "Cognito did not answer the {operation} call within {} s. Check the network, or allow more time with --cli-read-timeout.",
        after.as_secs_f32()
    )]
    Timeout {
        operation: &'static str,
        after: Duration,
    },
    #[error(
        "Could not connect to {endpoint} within {} s. Check the network, the region and --endpoint-url (and HTTPS_PROXY / NO_PROXY if a proxy is needed), or allow more time with --cli-connect-timeout.",
        after.as_secs_f32()
    )]
    ConnectTimeout { endpoint: String, after: Duration },
    #[error(
        "Could not connect to {endpoint}: {detail}. Check the network, the region and --endpoint-url (and HTTPS_PROXY / NO_PROXY if a proxy is needed)."
    )]
    Connect { endpoint: String, detail: String },
    /// The server's certificate was refused: not retried, since trying again changes nothing.
    #[error(
        "The certificate of {endpoint} is not trusted: {detail}. If the endpoint is right and uses a private CA (a proxy, a local emulator), give that CA's PEM file with --ca-bundle or AWS_CA_BUNDLE; otherwise check --endpoint-url."
    )]
    Certificate { endpoint: String, detail: String },
    /// A 3xx answer: redirects are never followed, so nothing goes anywhere but the endpoint.
    #[error(
        "The endpoint answered the {operation} call with HTTP {status}, a redirect to {location}, which is not followed: Cognito never redirects. Check --endpoint-url."
    )]
    Redirect {
        operation: &'static str,
        status: u16,
        /// The host of the `Location` header, made safe to print ("no location" without one).
        location: String,
    },
    #[error(
        "The endpoint answered the {operation} call with HTTP {status} and a body that is not a Cognito answer ({detail}). Check --endpoint-url; if it is right, try again later."
    )]
    BadResponse {
        operation: &'static str,
        status: u16,
        detail: String,
    },
    /// The request could not be signed (the credentials were refused before sending).
    #[error("The {operation} call could not be signed: {detail}")]
    Signing {
        operation: &'static str,
        detail: String,
    },
    #[error("The {operation} call failed: {detail}. Check the network and try again.")]
    Transport {
        operation: &'static str,
        detail: String,
    },
}

impl ApiError {
    pub fn service(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error code, e.g. `CodeMismatchException`.
    pub fn service_code(&self) -> Option<&str> {
        self.service().map(|e| e.code.as_str())
    }

    pub fn kind(&self) -> Option<ServiceErrorKind> {
        self.service().map(|e| e.kind)
    }

    /// The network, not the service, failed: worth offering a retry.
    pub fn is_network(&self) -> bool {
        matches!(
            self,
            Self::Timeout { .. }
                | Self::ConnectTimeout { .. }
                | Self::Connect { .. }
                | Self::Transport { .. }
        )
    }

    /// Retried by the client as the AWS SDKs' standard mode does: throttling, 5xx, connection failures.
    /// Throttled by the service (`TooManyRequestsException` and its kind): a cheaper retry
    /// for the retry quota.
    pub fn is_throttling(&self) -> bool {
        matches!(self, Self::Service(e) if e.kind == ServiceErrorKind::TooManyRequests)
    }

    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Service(e) => e.kind == ServiceErrorKind::TooManyRequests || e.status >= 500,
            Self::BadResponse { status, .. } => *status >= 500,
            Self::Connect { .. } => true,
            Self::Timeout { .. }
            | Self::ConnectTimeout { .. }
            | Self::Transport { .. }
            | Self::Certificate { .. }
            | Self::Signing { .. }
            | Self::Redirect { .. } => false,
        }
    }
}

/// The error code from the body's `__type`, else from the `x-amzn-ErrorType` header: the part
/// after any `namespace#`, cut at any `:`.
pub fn error_code(body_type: Option<&str>, header: Option<&str>) -> Option<String> {
    let clean = |raw: &str| {
        let after_hash = raw.rsplit('#').next().unwrap_or(raw);
        let code = after_hash.split(':').next().unwrap_or(after_hash).trim();
        (!code.is_empty()).then(|| code.to_string())
    };
    body_type.and_then(clean).or_else(|| header.and_then(clean))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_from_body_strips_namespace() {
        assert_eq!(
            error_code(Some("com.amazonaws.cognito#CodeMismatchException"), None).as_deref(),
            Some("CodeMismatchException")
        );
    }

    #[test]
    fn code_falls_back_to_header_cut_at_colon() {
        assert_eq!(
            error_code(
                None,
                Some("NotAuthorizedException:http://internal.amazon.com/")
            )
            .as_deref(),
            Some("NotAuthorizedException")
        );
        assert_eq!(
            error_code(Some(""), Some("TooManyRequestsException:")).as_deref(),
            Some("TooManyRequestsException")
        );
        assert_eq!(error_code(None, None), None);
    }

    #[test]
    fn every_kind_round_trips_and_has_a_hint() {
        for code in [
            "CodeMismatchException",
            "EnableSoftwareTokenMFAException",
            "NotAuthorizedException",
            "SoftwareTokenMFANotFoundException",
            "MFAMethodNotFoundException",
        ] {
            let kind = ServiceErrorKind::from_code(code);
            assert_ne!(kind, ServiceErrorKind::Other, "{code}");
            assert!(!kind.hint().is_empty());
        }
        assert_eq!(
            ServiceErrorKind::from_code("Whatever"),
            ServiceErrorKind::Other
        );
    }

    #[test]
    fn wrong_code_message_tells_what_to_do() {
        let e = ServiceError {
            operation: "VerifySoftwareToken",
            kind: ServiceErrorKind::EnableSoftwareTokenMfa,
            code: "EnableSoftwareTokenMFAException".into(),
            message: "Code mismatch and fail enable Software Token MFA".into(),
            status: 400,
            request_id: None,
        };
        let text = e.to_string();
        assert!(text.starts_with("An error occurred (EnableSoftwareTokenMFAException) when calling the VerifySoftwareToken operation: Code mismatch"));
        assert!(text.contains("clock automatically") && text.contains("fresh code"));
        assert!(ServiceErrorKind::CodeMismatch.is_wrong_code());
    }

    #[test]
    fn control_characters_from_the_server_are_shown_escaped() {
        let e = ServiceError {
            operation: "AssociateSoftwareToken",
            kind: ServiceErrorKind::Other,
            code: "Bad\u{1b}]0;pwned\u{7}".into(),
            message: "line\u{1b}[2J\u{9b}31m\nfake prompt".into(),
            status: 400,
            request_id: None,
        };
        let text = e.to_string();
        assert!(
            text.contains("(Bad\\u{1b}]0;pwned\\u{7})")
                && text.contains("line\\u{1b}[2J\\u{9b}31m\\u{a}fake prompt"),
            "{text}"
        );
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{text}");
    }

    #[test]
    fn retry_policy_classification() {
        let svc = |code: &str, status| {
            ApiError::Service(ServiceError {
                operation: "GetUser",
                kind: ServiceErrorKind::from_code(code),
                code: code.into(),
                message: String::new(),
                status,
                request_id: None,
            })
        };
        assert!(svc("TooManyRequestsException", 400).is_retryable());
        assert!(svc("InternalErrorException", 500).is_retryable());
        assert!(!svc("NotAuthorizedException", 400).is_retryable());
        assert!(
            ApiError::Connect {
                endpoint: "x".into(),
                detail: "refused".into()
            }
            .is_retryable()
        );
        assert!(
            !ApiError::Timeout {
                operation: "GetUser",
                after: Duration::from_secs(1)
            }
            .is_retryable()
        );
    }
}
