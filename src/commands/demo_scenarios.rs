//! `cognito-mfa demo --scenario NAME`: the embedded pool changed into one of the pools users
//! meet, and how the wizard starts against it. `--scenario help` lists them.

use crate::auth::flow::AuthFlow as SignInFlow;
use crate::emulator::{AuthFlow, EmulatorConfig, MfaConfiguration, UserStatus};

/// How the wizard starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    /// The sign-in form, with this flow tried first (`None`: SRP, as the demo does).
    SignIn(Option<SignInFlow>),
    /// An access token Cognito refuses (expired or revoked), with the app client to sign in to.
    RefusedToken,
}

pub struct Scenario {
    pub name: &'static str,
    pub about: &'static str,
    pub pool: fn(&mut EmulatorConfig),
    pub begin: Begin,
    /// The user signing in, when not the demo user.
    pub username: Option<&'static str>,
    /// The enrollment session's length as the wizard counts it, when shorter than Cognito's.
    pub session_secs: Option<u64>,
}

fn unchanged(_: &mut EmulatorConfig) {}

fn no_authenticator_apps(c: &mut EmulatorConfig) {
    c.pool.mfa_configuration = MfaConfiguration::Optional;
    c.pool.software_token_mfa = false;
}

fn mfa_off(c: &mut EmulatorConfig) {
    c.pool.mfa_configuration = MfaConfiguration::Off;
}

fn mfa_optional(c: &mut EmulatorConfig) {
    c.pool.mfa_configuration = MfaConfiguration::Optional;
}

fn flows(c: &mut EmulatorConfig, allowed: &[AuthFlow]) {
    for client in &mut c.clients {
        client.auth_flows = allowed.to_vec();
    }
}

fn srp_only(c: &mut EmulatorConfig) {
    flows(c, &[AuthFlow::UserSrp, AuthFlow::RefreshToken]);
}

fn password_only(c: &mut EmulatorConfig) {
    flows(c, &[AuthFlow::UserPassword, AuthFlow::RefreshToken]);
}

fn first_user(c: &mut EmulatorConfig, change: impl FnOnce(&mut crate::emulator::UserConfig)) {
    if let Some(user) = c.users.first_mut() {
        change(user);
    }
}

fn user_auth_only(c: &mut EmulatorConfig) {
    flows(c, &[AuthFlow::UserAuth, AuthFlow::RefreshToken]);
}

fn unconfirmed(c: &mut EmulatorConfig) {
    first_user(c, |u| u.status = UserStatus::Unconfirmed);
}

fn reset_required(c: &mut EmulatorConfig) {
    first_user(c, |u| u.status = UserStatus::ResetRequired);
}

fn disabled(c: &mut EmulatorConfig) {
    first_user(c, |u| u.enabled = false);
}

fn reveals_users(c: &mut EmulatorConfig) {
    for client in &mut c.clients {
        client.prevent_user_existence_errors = false;
    }
}

fn throttled(c: &mut EmulatorConfig) {
    c.pool.requests_per_second = Some(1);
}

const fn scenario(
    name: &'static str,
    about: &'static str,
    pool: fn(&mut EmulatorConfig),
) -> Scenario {
    Scenario {
        name,
        about,
        pool,
        begin: Begin::SignIn(None),
        username: None,
        session_secs: None,
    }
}

pub const SCENARIOS: &[Scenario] = &[
    scenario(
        "default",
        "MFA required: sign in, MFA_SETUP, scan, code",
        unchanged,
    ),
    scenario(
        "no-authenticator-apps",
        "MFA optional, authenticator apps turned off in the pool",
        no_authenticator_apps,
    ),
    scenario(
        "mfa-off",
        "MFA OFF: enrollment works, sign-in will not ask",
        mfa_off,
    ),
    scenario(
        "mfa-optional",
        "MFA optional: enrollment with the access token",
        mfa_optional,
    ),
    Scenario {
        begin: Begin::SignIn(Some(SignInFlow::UserPassword)),
        ..scenario(
            "srp-only",
            "the app client allows SRP only; the password flow is tried first",
            srp_only,
        )
    },
    scenario(
        "password-only",
        "the app client allows USER_PASSWORD_AUTH only; SRP is tried first",
        password_only,
    ),
    Scenario {
        begin: Begin::SignIn(Some(SignInFlow::UserAuth)),
        ..scenario(
            "user-auth",
            "choice-based sign-in (USER_AUTH) only, the password over SRP as the first factor",
            user_auth_only,
        )
    },
    scenario(
        "unconfirmed",
        "the user never confirmed the account",
        unconfirmed,
    ),
    scenario(
        "reset-required",
        "an administrator reset the user's password",
        reset_required,
    ),
    scenario("disabled", "the user is disabled", disabled),
    Scenario {
        username: Some("nobody"),
        ..scenario(
            "unknown-user",
            "no such user, and the client reveals it (UserNotFoundException)",
            reveals_users,
        )
    },
    scenario(
        "throttled",
        "one request per second, then TooManyRequestsException",
        throttled,
    ),
    Scenario {
        begin: Begin::RefusedToken,
        ..scenario(
            "expired-token",
            "started with an access token Cognito refuses; sign in instead",
            mfa_optional,
        )
    },
    Scenario {
        session_secs: Some(8),
        ..scenario(
            "short-session",
            "the enrollment session counted as 8 seconds, to see it run out",
            unchanged,
        )
    },
];

pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name == name)
}

/// `--scenario help`: each name and what it shows.
pub fn help() -> String {
    let mut lines = vec!["Scenarios for cognito-mfa demo --scenario NAME:".to_owned()];
    lines.extend(
        SCENARIOS
            .iter()
            .map(|s| format!("  {:<22}{}", s.name, s.about)),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_makes_a_valid_pool_and_is_listed() {
        let listed = help();
        for s in SCENARIOS {
            let mut config = EmulatorConfig::embedded().unwrap();
            (s.pool)(&mut config);
            config.validate().unwrap();
            assert!(listed.contains(s.name), "{}", s.name);
            assert_eq!(find(s.name).map(|f| f.name), Some(s.name));
        }
        assert!(find("nope").is_none());
    }
}
