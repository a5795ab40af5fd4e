//! The enrollment wizard's own flags (global options such as --region are `GlobalArgs`).

use super::presentation::PresentationArgs;
use super::sign_in::SignInOptions;
use crate::secret::Sensitive;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Clone, Default)]
pub struct EnrollArgs {
    /// The user's access token (or file://path). Default: $COGNITO_MFA_ACCESS_TOKEN.
    #[arg(
        long,
        env = "COGNITO_MFA_ACCESS_TOKEN",
        hide_env = true,
        value_name = "TOKEN"
    )]
    pub access_token: Option<Sensitive>,
    /// An MFA_SETUP session from the user's own sign-in (or file://path); needs --client-id and
    /// --username.
    #[arg(long, value_name = "SESSION")]
    pub session: Option<Sensitive>,
    /// The app client id: with --username (and no token or session) the wizard signs in.
    /// Default: $COGNITO_MFA_CLIENT_ID.
    #[arg(
        long,
        env = "COGNITO_MFA_CLIENT_ID",
        hide_env = true,
        value_name = "ID"
    )]
    pub client_id: Option<String>,
    /// The user to sign in as (or whose MFA_SETUP session --session is). Default:
    /// $COGNITO_MFA_USERNAME.
    #[arg(
        long,
        env = "COGNITO_MFA_USERNAME",
        hide_env = true,
        value_name = "NAME"
    )]
    pub username: Option<String>,
    #[command(flatten)]
    pub sign_in: SignInOptions,
    /// The name the authenticator app lists the entry under. Default: $COGNITO_MFA_ISSUER, else
    /// "Amazon Cognito".
    #[arg(long, env = "COGNITO_MFA_ISSUER", hide_env = true, value_name = "NAME")]
    pub issuer: Option<String>,
    /// The account shown in the app (default: the user's email, else the user name).
    #[arg(long, value_name = "NAME")]
    pub account_name: Option<String>,
    /// The device name suggested on the code step (default: "Authenticator app").
    #[arg(long, value_name = "NAME")]
    pub device_name: Option<String>,
    /// How long the enrollment session lasts, for the countdown: 180, 180s or 3m (default 3m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration_secs)]
    pub session_validity: Option<u64>,
    /// Turn authenticator-app MFA on without making it the preferred method.
    #[arg(long)]
    pub no_set_preferred: bool,
    #[command(flatten)]
    pub presentation: PresentationArgs,
    /// The wizard's config file (default: cognito-mfa/config.toml in the platform config dir).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Seconds from `180`, `180s` or `3m`.
pub fn parse_duration_secs(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = match text.strip_suffix('m') {
        Some(n) => (n, 60),
        None => (text.strip_suffix('s').unwrap_or(text), 1),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .map(|n| n * unit)
        .ok_or_else(|| {
            format!("'{text}' is not a duration: use seconds (180, 180s) or minutes (3m)")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_secs("180"), Ok(180));
        assert_eq!(parse_duration_secs("90s"), Ok(90));
        assert_eq!(parse_duration_secs("3m"), Ok(180));
        assert!(parse_duration_secs("0").is_err());
        assert!(parse_duration_secs("soon").is_err());
    }
}
