//! Service errors as Cognito sends them: a type name, a message and an HTTP status.

/// One error answer. Messages never hold request values (tokens, codes, passwords).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub code: &'static str,
    pub message: String,
    pub status: u16,
}

impl Fault {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            status: 400,
        }
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn not_authorized(message: impl Into<String>) -> Self {
        Self::new("NotAuthorizedException", message)
    }

    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new("InvalidParameterException", message)
    }

    pub fn serialization(message: impl Into<String>) -> Self {
        Self::new("SerializationException", message)
    }

    pub fn code_mismatch() -> Self {
        Self::new("CodeMismatchException", "Invalid code received for user")
    }

    pub fn enable_mfa_mismatch() -> Self {
        Self::new(
            "EnableSoftwareTokenMFAException",
            "Code mismatch and fail enable Software Token MFA",
        )
    }

    pub fn wrong_credentials() -> Self {
        Self::not_authorized("Incorrect username or password.")
    }

    pub fn invalid_session() -> Self {
        Self::not_authorized("Invalid session for the user.")
    }

    pub fn expired_session() -> Self {
        Self::not_authorized("Invalid session for the user, session is expired.")
    }

    pub fn used_session() -> Self {
        Self::not_authorized("Invalid session for the user, session can only be used once.")
    }

    pub fn invalid_access_token() -> Self {
        Self::not_authorized("Invalid Access Token")
    }

    pub fn expired_access_token() -> Self {
        Self::not_authorized("Access Token has expired")
    }

    /// The message of a missing required member, as AWS's request validation words it.
    pub fn missing_member(member: &str) -> Self {
        let mut chars = member.chars();
        let camel: String = chars
            .next()
            .map(|c| c.to_ascii_lowercase())
            .into_iter()
            .chain(chars)
            .collect();
        Self::invalid_parameter(format!(
            "1 validation error detected: Value null at '{camel}' failed to satisfy constraint: Member must not be null"
        ))
    }

    pub fn internal() -> Self {
        Self::new("InternalErrorException", "Internal error").with_status(500)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_member_uses_the_camel_case_name() {
        let f = Fault::missing_member("AccessToken");
        assert_eq!(f.code, "InvalidParameterException");
        assert!(f.message.contains("'accessToken'"), "{}", f.message);
    }
}
