//! The command-line options of `sign-in` and `forget`.

use clap::{Args, ValueEnum};

use crate::auth::flow::AuthFlow;
use crate::secret::Sensitive;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthFlowArg {
    /// SRP: the password never leaves this machine (needs --user-pool-id).
    UserSrpAuth,
    /// The password is sent to Cognito over TLS.
    UserPasswordAuth,
    /// The refresh token kept by an earlier run with `--remember`.
    RefreshTokenAuth,
    /// Choice-based sign-in: the password as the first factor (over SRP with --user-pool-id).
    UserAuth,
}

impl AuthFlowArg {
    /// The sign-in flow this value names.
    pub fn flow(self) -> AuthFlow {
        match self {
            Self::UserSrpAuth => AuthFlow::UserSrp,
            Self::UserPasswordAuth => AuthFlow::UserPassword,
            Self::RefreshTokenAuth => AuthFlow::RefreshToken,
            Self::UserAuth => AuthFlow::UserAuth,
        }
    }
}

/// How to sign in: the options `sign-in` and the wizard share.
#[derive(Args, Clone, Debug, Default)]
pub struct SignInOptions {
    /// The user pool id, e.g. us-east-1_AbCdEf123: USER_SRP_AUTH needs it (the wizard signs in
    /// with USER_PASSWORD_AUTH without one).
    #[arg(long, value_name = "ID")]
    pub user_pool_id: Option<String>,
    /// The app client's secret, if it has one (or file://path). Default:
    /// $COGNITO_MFA_CLIENT_SECRET.
    #[arg(
        long,
        value_name = "SECRET",
        env = "COGNITO_MFA_CLIENT_SECRET",
        hide_env = true
    )]
    pub client_secret: Option<Sensitive>,
    /// The sign-in flow (default: a sign-in remembered with --remember, else USER_SRP_AUTH).
    #[arg(long, value_enum, value_name = "FLOW")]
    pub auth_flow: Option<AuthFlowArg>,
    /// Keep the refresh token (and the client secret) in the OS keychain, so the next sign-in
    /// of this client and user needs no password (never in helpdesk mode). `cognito-mfa
    /// forget` removes it.
    #[arg(long)]
    pub remember: bool,
}

#[derive(Args, Clone, Debug)]
pub struct SignInArgs {
    /// The app client id.
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// The user name (or e-mail address or phone number, if the pool allows them).
    #[arg(long, value_name = "NAME")]
    pub username: String,
    #[command(flatten)]
    pub options: SignInOptions,
    /// Read the password from the first line of standard input instead of asking.
    #[arg(long)]
    pub password_stdin: bool,
    /// Finish an MFA_SETUP sign-in: the Session that verify-software-token returned (or
    /// file://path). Sends RespondToAuthChallenge MFA_SETUP and prints the tokens.
    #[arg(long, value_name = "SESSION", conflicts_with_all = ["password_stdin", "auth_flow"])]
    pub mfa_setup_session: Option<Sensitive>,
}

#[derive(Args, Clone, Debug)]
pub struct ForgetArgs {
    /// The app client id of the sign-in to forget (with --username).
    #[arg(long, value_name = "ID", requires = "username")]
    pub client_id: Option<String>,
    /// The user of the sign-in to forget (with --client-id).
    #[arg(long, value_name = "NAME", requires = "client_id")]
    pub username: Option<String>,
}
