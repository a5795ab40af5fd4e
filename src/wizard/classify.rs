//! Cognito's refusals sorted by cause: the error code, the operation and, for the codes that
//! cover several causes (NotAuthorizedException, InvalidParameterException), the message.
//! The runtime (`tasks.rs`) uses it; the wizard's pure parts see only the typed `Refusal`.

use crate::cognito::{ServiceError, ServiceErrorKind};
use crate::wizard::reasons::Refusal;

/// The auth flows Cognito names in its "flow not enabled" messages, longest first.
const FLOWS: [&str; 5] = [
    "USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "USER_AUTH",
];

/// The operations that carry an access token (the others sign in or use a session).
fn with_access_token(operation: &str) -> bool {
    matches!(
        operation,
        "GetUser" | "SetUserMFAPreference" | "AssociateSoftwareToken" | "VerifySoftwareToken"
    )
}

/// "USER_PASSWORD_AUTH flow not enabled for this client", "Auth flow not enabled for this
/// client", "Initiate Auth method not supported.": the app client does not allow the flow.
fn flow_not_enabled(message: &str) -> Option<Refusal> {
    let lower = message.to_lowercase();
    let refused = lower.contains("flow not enabled")
        || lower.contains("not enabled for this client")
        || lower.contains("auth method not supported")
        || lower.contains("flow is not enabled")
        // A service that does not know the flow at all (moto: "Value 'USER_AUTH' at 'authFlow'
        // failed to satisfy constraint").
        || lower.contains("at 'authflow' failed to satisfy constraint");
    refused.then(|| Refusal::FlowNotEnabled {
        flow: FLOWS
            .iter()
            .find(|f| message.contains(*f))
            .map_or_else(String::new, |f| (*f).to_owned()),
    })
}

/// NotAuthorizedException's causes, told apart by Cognito's messages.
fn not_authorized(operation: &str, message: &str) -> Option<Refusal> {
    let lower = message.to_lowercase();
    if let Some(flow) = flow_not_enabled(message) {
        return Some(flow);
    }
    if lower.contains("disabled") {
        return Some(Refusal::UserDisabled);
    }
    if lower.contains("attempts exceeded") {
        return Some(Refusal::TooManyFailedAttempts);
    }
    if lower.contains("session") || lower.contains("refresh token") {
        // Sessions and refresh tokens have their own paths (a new sign-in, the password).
        return None;
    }
    if lower.contains("access token") || with_access_token(operation) {
        return Some(Refusal::TokenExpired);
    }
    if lower.contains("password") || operation == "InitiateAuth" {
        return Some(Refusal::WrongPassword);
    }
    Some(Refusal::Other)
}

/// The cause of a service error; `None` for those the wizard handles on their own (a wrong
/// code, throttling, an expired session, Cognito's internal errors).
pub fn refusal(error: &ServiceError) -> Option<Refusal> {
    use ServiceErrorKind as K;
    let message = error.message.as_str();
    Some(match error.kind {
        K::CodeMismatch
        | K::EnableSoftwareTokenMfa
        | K::TooManyRequests
        | K::InternalError
        | K::UnknownOperation
        | K::Serialization => return None,
        K::NotAuthorized => return not_authorized(error.operation, message),
        K::InvalidParameter | K::UnsupportedOperation => {
            if let Some(flow) = flow_not_enabled(message) {
                flow
            } else if error.operation == "SetUserMFAPreference"
                && message.to_lowercase().contains("verif")
            {
                Refusal::NotVerified
            } else {
                Refusal::Other
            }
        }
        K::UserNotFound => Refusal::UserNotFound,
        K::UserNotConfirmed => Refusal::UserNotConfirmed,
        K::PasswordResetRequired => Refusal::PasswordResetRequired,
        K::SoftwareTokenMfaNotFound => Refusal::TotpDisabledInPool,
        K::ExpiredCode => Refusal::ExpiredCode,
        K::TooManyFailedAttempts => Refusal::TooManyFailedAttempts,
        K::LimitExceeded => Refusal::LimitExceeded,
        K::InvalidPassword | K::PasswordHistoryPolicyViolation => Refusal::InvalidPassword,
        K::InvalidUserPoolConfiguration => Refusal::InvalidUserPoolConfiguration,
        K::ResourceNotFound => Refusal::ResourceNotFound,
        K::Forbidden => Refusal::Forbidden,
        K::InvalidLambdaResponse | K::UnexpectedLambda | K::UserLambdaValidation => Refusal::Lambda,
        K::InvalidSmsRoleAccessPolicy
        | K::InvalidSmsRoleTrustRelationship
        | K::InvalidEmailRoleAccessPolicy => Refusal::CannotDeliver,
        K::AliasExists | K::ConcurrentModification | K::MfaMethodNotFound | K::Other => {
            Refusal::Other
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(operation: &'static str, code: &str, message: &str) -> ServiceError {
        ServiceError {
            operation,
            kind: ServiceErrorKind::from_code(code),
            code: code.into(),
            message: message.into(),
            status: 400,
            request_id: None,
        }
    }

    #[test]
    fn not_authorized_is_split_by_cause() {
        let na = "NotAuthorizedException";
        let cases = [
            (
                "InitiateAuth",
                na,
                "Incorrect username or password.",
                Some(Refusal::WrongPassword),
            ),
            (
                "InitiateAuth",
                na,
                "User is disabled.",
                Some(Refusal::UserDisabled),
            ),
            (
                "InitiateAuth",
                na,
                "Password attempts exceeded",
                Some(Refusal::TooManyFailedAttempts),
            ),
            (
                "GetUser",
                na,
                "Access Token has expired",
                Some(Refusal::TokenExpired),
            ),
            (
                "AssociateSoftwareToken",
                na,
                "Access Token has been revoked",
                Some(Refusal::TokenExpired),
            ),
            (
                "VerifySoftwareToken",
                na,
                "Invalid session for the user, session is expired.",
                None,
            ),
            ("InitiateAuth", na, "Invalid Refresh Token", None),
            (
                "InitiateAuth",
                "InvalidParameterException",
                "USER_PASSWORD_AUTH flow not enabled for this client",
                Some(Refusal::FlowNotEnabled {
                    flow: "USER_PASSWORD_AUTH".into(),
                }),
            ),
            (
                "InitiateAuth",
                na,
                "USER_SRP_AUTH is not enabled for this client. Auth flow is not enabled",
                Some(Refusal::FlowNotEnabled {
                    flow: "USER_SRP_AUTH".into(),
                }),
            ),
            (
                "SetUserMFAPreference",
                "InvalidParameterException",
                "User has not verified software token mfa",
                Some(Refusal::NotVerified),
            ),
            (
                "AssociateSoftwareToken",
                "SoftwareTokenMFANotFoundException",
                "",
                Some(Refusal::TotpDisabledInPool),
            ),
            (
                "InitiateAuth",
                "TooManyFailedAttemptsException",
                "",
                Some(Refusal::TooManyFailedAttempts),
            ),
            (
                "InitiateAuth",
                "ResourceNotFoundException",
                "",
                Some(Refusal::ResourceNotFound),
            ),
            ("VerifySoftwareToken", "CodeMismatchException", "", None),
        ];
        for (operation, code, message, expected) in cases {
            assert_eq!(
                refusal(&error(operation, code, message)),
                expected,
                "{code}: {message}"
            );
        }
    }
}
