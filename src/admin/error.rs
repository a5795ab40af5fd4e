//! What an administrator's call can end with: credentials that are missing or refused, an IAM
//! permission that is missing, or the service's own answer.

use crate::cognito::ApiError;
use crate::safe_text::one_line;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// No usable AWS credentials (none found, expired, SSO sign-in expired, a
    /// `credential_process` that failed, or keys Cognito does not recognise).
    #[error("{0}")]
    Credentials(String),
    /// The credentials work but IAM does not allow the action.
    #[error(
        "Your AWS identity is not allowed to call cognito-idp:{action} on this user pool ({message}). Ask your AWS administrator to allow it (README, \"For the helpdesk\", has a minimal policy for each command)."
    )]
    AccessDenied {
        action: &'static str,
        message: String,
    },
    #[error("{0}")]
    Api(ApiError),
}

impl AdminError {
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// Sorts the service's refusals of a signed call: signature and key errors are credential
/// problems, AccessDenied names the IAM action, everything else stays the service's answer.
pub fn classify(e: ApiError) -> AdminError {
    let Some(service) = e.service() else {
        if let ApiError::Signing { detail, .. } = &e {
            return AdminError::Credentials(format!(
                "The request could not be signed with these AWS credentials: {detail}"
            ));
        }
        return AdminError::Api(e);
    };
    let message = one_line(&service.message).into_owned();
    match service.code.as_str() {
        "AccessDeniedException" | "AccessDenied" => AdminError::AccessDenied {
            action: service.operation,
            message,
        },
        "UnrecognizedClientException" | "InvalidClientTokenId" => AdminError::Credentials(format!(
            "Cognito does not recognise these AWS credentials ({message}): the access key is wrong, deleted, or from another account or partition, or a session token is missing. Check the profile or environment, or ask your AWS administrator for working keys."
        )),
        "InvalidSignatureException" | "SignatureDoesNotMatch" => AdminError::Credentials(format!(
            "Cognito refused the signature ({message}): the secret access key does not match the access key id, or this machine's clock is wrong. Check the credentials and the clock."
        )),
        "ExpiredTokenException" | "ExpiredToken" => AdminError::Credentials(format!(
            "The AWS credentials have expired ({message}). Refresh them (for SSO: aws sso login) and try again."
        )),
        "MissingAuthenticationTokenException" | "IncompleteSignatureException" => {
            AdminError::Credentials(format!(
                "Cognito says the request was not signed properly ({message}). Check --endpoint-url and the credentials."
            ))
        }
        _ => AdminError::Api(e),
    }
}
