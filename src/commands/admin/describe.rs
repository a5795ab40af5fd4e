//! A user's MFA in words for a helpdesk agent: the methods, and what the next sign-in will do
//! given the pool's MFA setting. Pure: the commands print what these return.

use crate::admin::wire::{AdminGetUserResponse, GetUserPoolMfaConfigResponse, SOFTWARE_TOKEN_MFA};
use crate::safe_text::one_line;

/// What the user's next sign-in asks for, as Cognito decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextSignIn {
    /// The account is disabled: no sign-in at all.
    Disabled,
    /// A new password first (FORCE_CHANGE_PASSWORD, RESET_REQUIRED, UNCONFIRMED…).
    NotConfirmed(String),
    /// A code from this method (the preferred one, or the only one).
    Code(String),
    /// The user chooses among several methods (SELECT_MFA_TYPE).
    ChooseMethod,
    /// MFA is required and the user has none: they set up an authenticator app (MFA_SETUP).
    SetUpApp,
    /// MFA is required, the user has none and the pool allows no authenticator app.
    SetUpOther,
    /// No code asked.
    NoCode,
}

pub fn next_sign_in(
    user: &AdminGetUserResponse,
    pool: &GetUserPoolMfaConfigResponse,
) -> NextSignIn {
    if user.enabled == Some(false) {
        return NextSignIn::Disabled;
    }
    if let Some(status) = user.user_status.as_deref()
        && !matches!(status, "CONFIRMED" | "EXTERNAL_PROVIDER")
    {
        return NextSignIn::NotConfirmed(status.to_string());
    }
    let pool_mfa = pool.mfa_configuration.as_deref().unwrap_or("OFF");
    if pool_mfa == "OFF" {
        return NextSignIn::NoCode;
    }
    let methods = user.methods();
    if let Some(p) = user.preferred() {
        return NextSignIn::Code(p.to_string());
    }
    match methods {
        [one] => NextSignIn::Code(one.clone()),
        [] if pool_mfa == "ON" => {
            if pool
                .software_token_mfa_configuration
                .is_some_and(|c| c.enabled)
            {
                NextSignIn::SetUpApp
            } else {
                NextSignIn::SetUpOther
            }
        }
        [] => NextSignIn::NoCode,
        _ => NextSignIn::ChooseMethod,
    }
}

pub fn method_name(method: &str) -> String {
    match method {
        SOFTWARE_TOKEN_MFA => "authenticator app (SOFTWARE_TOKEN_MFA)".into(),
        "SMS_MFA" => "text message (SMS_MFA)".into(),
        "EMAIL_OTP" => "e-mail code (EMAIL_OTP)".into(),
        other => one_line(other).into_owned(),
    }
}

pub fn next_sign_in_text(next: &NextSignIn) -> String {
    match next {
        NextSignIn::Disabled => "cannot sign in: the account is disabled".into(),
        NextSignIn::NotConfirmed(status) => format!(
            "must finish their account first (status {}) before any MFA step",
            one_line(status)
        ),
        NextSignIn::Code(method) => format!("asks for a code from the {}", method_name(method)),
        NextSignIn::ChooseMethod => "asks the user to choose an MFA method, then for its code".into(),
        NextSignIn::SetUpApp => "asks the user to set up an authenticator app (MFA_SETUP)".into(),
        NextSignIn::SetUpOther => "asks for MFA the user has not set up; the pool allows no authenticator app, so the pool's administrator must help".into(),
        NextSignIn::NoCode => "asks for no MFA code".into(),
    }
}

/// The readable summary `admin status` prints, and `reset-mfa` before and after.
pub fn summary(user: &AdminGetUserResponse, pool: &GetUserPoolMfaConfigResponse) -> String {
    let safe = |s: &str| one_line(s).into_owned();
    let verified = |attr: &str, flag: &str| match user.attribute(attr) {
        None => "none".to_string(),
        Some(v) => {
            let state = if user.attribute(flag) == Some("true") {
                "verified"
            } else {
                "not verified"
            };
            format!("{} ({state})", safe(v))
        }
    };
    let methods = if user.methods().is_empty() {
        "none".to_string()
    } else {
        user.methods()
            .iter()
            .map(|m| method_name(m))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let when = |n: &Option<serde_json::Number>| {
        n.as_ref()
            .and_then(serde_json::Number::as_f64)
            .and_then(crate::admin::time::epoch_to_utc)
            .unwrap_or_else(|| "unknown".into())
    };
    let pool_mfa = pool.mfa_configuration.as_deref().unwrap_or("OFF");
    let apps = if pool
        .software_token_mfa_configuration
        .is_some_and(|c| c.enabled)
    {
        "authenticator apps allowed"
    } else {
        "authenticator apps not allowed"
    };
    let rows = [
        ("User", safe(&user.username)),
        (
            "Status",
            safe(user.user_status.as_deref().unwrap_or("unknown")),
        ),
        (
            "Enabled",
            if user.enabled == Some(false) {
                "no"
            } else {
                "yes"
            }
            .to_string(),
        ),
        ("E-mail", verified("email", "email_verified")),
        ("Phone", verified("phone_number", "phone_number_verified")),
        ("MFA methods", methods),
        (
            "Preferred",
            user.preferred()
                .map(method_name)
                .unwrap_or_else(|| "none".into()),
        ),
        ("Created", when(&user.user_create_date)),
        ("Last modified", when(&user.user_last_modified_date)),
        ("Pool MFA", format!("{} ({apps})", safe(pool_mfa))),
        ("Next sign-in", next_sign_in_text(&next_sign_in(user, pool))),
    ];
    rows.iter().map(|(k, v)| format!("{k:<14}{v}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::wire::EnabledOnly;
    use serde_json::json;

    fn user(v: serde_json::Value) -> AdminGetUserResponse {
        serde_json::from_value(v).unwrap()
    }

    fn pool(mfa: &str, apps: bool) -> GetUserPoolMfaConfigResponse {
        GetUserPoolMfaConfigResponse {
            software_token_mfa_configuration: Some(EnabledOnly { enabled: apps }),
            mfa_configuration: Some(mfa.into()),
        }
    }

    #[test]
    fn next_sign_in_follows_the_pools_mfa_setting() {
        let enrolled = user(
            json!({"Username": "a", "UserStatus": "CONFIRMED", "Enabled": true,
            "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"], "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA"}),
        );
        let bare = user(json!({"Username": "a", "UserStatus": "CONFIRMED", "Enabled": true}));
        assert_eq!(
            next_sign_in(&enrolled, &pool("ON", true)),
            NextSignIn::Code(SOFTWARE_TOKEN_MFA.into())
        );
        assert_eq!(next_sign_in(&bare, &pool("ON", true)), NextSignIn::SetUpApp);
        assert_eq!(
            next_sign_in(&bare, &pool("ON", false)),
            NextSignIn::SetUpOther
        );
        assert_eq!(
            next_sign_in(&bare, &pool("OPTIONAL", true)),
            NextSignIn::NoCode
        );
        assert_eq!(
            next_sign_in(&enrolled, &pool("OFF", true)),
            NextSignIn::NoCode
        );
        let two = user(json!({"Username": "a", "UserStatus": "CONFIRMED",
            "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]}));
        assert_eq!(
            next_sign_in(&two, &pool("OPTIONAL", true)),
            NextSignIn::ChooseMethod
        );
        let off = user(json!({"Username": "a", "UserStatus": "CONFIRMED", "Enabled": false}));
        assert_eq!(next_sign_in(&off, &pool("ON", true)), NextSignIn::Disabled);
    }

    #[test]
    fn summary_escapes_what_the_pool_holds() {
        let u = user(
            json!({"Username": "evil\u{1b}[2J", "UserStatus": "CONFIRMED", "Enabled": true,
            "UserAttributes": [{"Name": "email", "Value": "a@b.c"}, {"Name": "email_verified", "Value": "true"}],
            "UserCreateDate": 1700000000.5}),
        );
        let text = summary(&u, &pool("ON", true));
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("User          evil\\u{1b}[2J\n"), "{text}");
        assert!(text.contains("E-mail        a@b.c (verified)\n"), "{text}");
        assert!(text.contains("Phone         none\n"), "{text}");
        assert!(
            text.contains("Created       2023-11-14T22:13:20Z\n"),
            "{text}"
        );
        assert!(
            text.contains("Next sign-in  asks the user to set up an authenticator app"),
            "{text}"
        );
    }
}
