//! What a sign-in (`flow::SignIn`) takes and gives: the flow, the app client, the credential,
//! the requests to send, the next step, and the ways it fails.

use super::challenge::Prompt;
use super::srp::SrpError;
use crate::cognito::wire::{
    AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest,
};
use crate::secret::Sensitive;

/// The InitiateAuth flows the sign-in supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFlow {
    /// SRP: the password never leaves the machine (the Amplify default).
    UserSrp,
    /// The password is sent, over TLS, to Cognito.
    UserPassword,
    /// A refresh token from an earlier sign-in.
    RefreshToken,
    /// Choice-based sign-in: the password (over SRP when the pool id is known) as the first
    /// factor, answering SELECT_CHALLENGE when Cognito asks which.
    UserAuth,
}

impl AuthFlow {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserSrp => "USER_SRP_AUTH",
            Self::UserPassword => "USER_PASSWORD_AUTH",
            Self::RefreshToken => "REFRESH_TOKEN_AUTH",
            Self::UserAuth => "USER_AUTH",
        }
    }
}

/// The app client: its id, and its secret when it has one.
#[derive(Debug, Clone)]
pub struct AppClient {
    pub client_id: String,
    pub client_secret: Option<Sensitive>,
}

/// What the user signs in with.
#[derive(Debug, Clone)]
pub enum Credential {
    Password(Sensitive),
    RefreshToken(Sensitive),
}

/// A request to send: both operations answer with an `AuthResponse`.
#[derive(Debug, Clone, PartialEq)]
pub enum SignInRequest {
    Initiate(InitiateAuthRequest),
    Respond(RespondToAuthChallengeRequest),
}

/// Where MFA_SETUP left the sign-in: enroll the user on `session` (AssociateSoftwareToken,
/// VerifySoftwareToken), then `SignIn::finish_mfa_setup` with the session verify returned.
#[derive(Debug, Clone, PartialEq)]
pub struct MfaSetup {
    pub session: Sensitive,
    /// The user as Cognito names them (the internal username).
    pub username: String,
    /// The methods the user may set up (MFAS_CAN_SETUP), e.g. SOFTWARE_TOKEN_MFA.
    pub mfas_can_setup: Vec<String>,
}

impl MfaSetup {
    pub fn allows_totp(&self) -> bool {
        self.mfas_can_setup
            .iter()
            .any(|m| m == "SOFTWARE_TOKEN_MFA")
    }
}

/// What comes next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Send(SignInRequest),
    Prompt(Prompt),
    MfaSetup(MfaSetup),
    Tokens(AuthenticationResult),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    #[error(
        "USER_SRP_AUTH needs the user pool id (--user-pool-id, for example us-east-1_AbCdEf123)"
    )]
    PoolIdRequired,
    #[error("{0} needs a password")]
    PasswordRequired(&'static str),
    #[error("REFRESH_TOKEN_AUTH needs a refresh token, not a password")]
    RefreshTokenRequired,
    #[error(transparent)]
    Srp(#[from] SrpError),
    #[error(
        "Cognito asked for the {0} challenge, which cognito-mfa does not support (no device SRP, custom or passwordless challenges); ask the pool's administrator for an app client with USER_SRP_AUTH or USER_PASSWORD_AUTH"
    )]
    Unsupported(String),
    #[error("Cognito asked for the {0} challenge without a session")]
    MissingSession(String),
    #[error("Cognito answered with neither a challenge nor tokens")]
    EmptyResponse,
    #[error("Cognito asked for PASSWORD_VERIFIER, but this sign-in did not use USER_SRP_AUTH")]
    UnexpectedPasswordVerifier,
    #[error("there is no question waiting for that answer")]
    NoPendingPrompt,
    #[error("'{0}' is not one of the MFA methods offered")]
    InvalidChoice(String),
    #[error("the sign-in has not reached MFA_SETUP")]
    NotAtMfaSetup,
}
