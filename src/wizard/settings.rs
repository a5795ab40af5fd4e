//! What stays fixed for the whole run: the flags and config file's settings, and whom to sign
//! in and how.

use crate::auth::flow::{AppClient, AuthFlow};
use crate::secret::Sensitive;

/// The longest device name accepted, in characters.
pub const DEVICE_NAME_MAX: usize = 32;
pub const USERNAME_MAX: usize = 128;
pub const DEFAULT_ISSUER: &str = "Amazon Cognito";
pub const DEFAULT_DEVICE_NAME: &str = "Authenticator app";

/// How the scan step shows the QR code (`--qr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QrMode {
    /// An image where the terminal answers that it can show one, else text cells; plain mode
    /// shows no QR.
    #[default]
    Auto,
    /// An image where the terminal can show one, asked even inside tmux or screen (which need
    /// passthrough); else text cells.
    Image,
    /// Text cells, also in plain mode.
    Cells,
    /// No QR at all: the key and the link only.
    None,
}

/// What the flags and the config file decided; fixed for the whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub issuer: String,
    pub account_name: Option<String>,
    pub default_device_name: String,
    pub helpdesk: bool,
    pub set_preferred: bool,
    /// How long an enrollment session lives (`--session-validity`), in seconds.
    pub session_validity_secs: u64,
    /// Shown on the sign-in step in demo mode.
    pub password_hint: Option<String>,
    /// Demo mode: the code step shows the code an app would show now, for the presenter.
    pub demo: bool,
    pub qr: QrMode,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            issuer: DEFAULT_ISSUER.into(),
            account_name: None,
            default_device_name: DEFAULT_DEVICE_NAME.into(),
            helpdesk: false,
            set_preferred: true,
            session_validity_secs: 180,
            password_hint: None,
            demo: false,
            qr: QrMode::Auto,
        }
    }
}

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
            (Some(AuthFlow::UserAuth), _) => AuthFlow::UserAuth,
            (Some(AuthFlow::UserPassword), _) | (Some(AuthFlow::RefreshToken) | None, None) => {
                AuthFlow::UserPassword
            }
            _ => AuthFlow::UserSrp,
        }
    }

    /// The app client the sign-in talks to.
    pub fn app_client(&self) -> AppClient {
        AppClient {
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
        }
    }
}
