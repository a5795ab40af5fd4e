//! The sign-in's part of the wizard's state: whom to sign in and how, and the sign-in form.

use crate::auth::flow::AuthFlow;
use crate::secret::Sensitive;
use crate::wizard::field::{SecretField, TextField};
use crate::wizard::flow_cell::FlowCell;

/// The app client and user to sign in with (the sign-in step, or RespondToAuthChallenge).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInTarget {
    pub client_id: String,
    pub username: String,
    /// The app client's secret: SECRET_HASH goes on every sign-in call.
    pub client_secret: Option<Sensitive>,
    pub user_pool_id: Option<String>,
    /// `--auth-flow`; else USER_SRP_AUTH when the pool id is known, USER_PASSWORD_AUTH if not.
    pub auth_flow: Option<AuthFlow>,
    /// `--remember`: keep the refresh token (and client secret) in the keychain.
    pub remember: bool,
    /// The sign-in that reached MFA_SETUP: it ends with RespondToAuthChallenge MFA_SETUP.
    pub flow: Option<FlowCell>,
}

impl SignInTarget {
    pub fn new(client_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }

    /// The flow a password sign-in uses.
    pub fn password_flow(&self) -> AuthFlow {
        match (self.auth_flow, &self.user_pool_id) {
            (Some(AuthFlow::UserPassword), _) | (Some(AuthFlow::RefreshToken) | None, None) => {
                AuthFlow::UserPassword
            }
            _ => AuthFlow::UserSrp,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInFocus {
    Username,
    Password,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInForm {
    pub username: TextField,
    pub password: SecretField,
    pub focus: SignInFocus,
    pub error: Option<String>,
    pub notice: Option<String>,
    pub busy: bool,
    /// The sign-in under way while `busy`.
    pub flow: Option<FlowCell>,
    /// Signing in with a refresh token from the keychain (no password typed).
    pub refreshing: bool,
}
