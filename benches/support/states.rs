//! Wizard states for the benches, reached through `init` and `update` as a user would reach
//! them: one of each step, with a 52-character secret and a 40-character issuer plus account.

#![allow(dead_code)]

use cognito_mfa::secret::Sensitive;
use cognito_mfa::wizard::msg::{Association, Completed, UserInfo, Verified};
use cognito_mfa::wizard::state::{Settings, SignInTarget, Wizard};
use cognito_mfa::wizard::{Key, Msg, Start, WizError, init, press, update};

pub const T0: u64 = 1_700_000_000;
/// 52 characters, as a long real secret.
pub const LONG_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPABCD";
pub const ISSUER: &str = "Example-Corporation";
pub const ACCOUNT: &str = "jane.doe1@example.com";

pub fn settings() -> Settings {
    Settings {
        issuer: ISSUER.into(),
        account_name: Some(ACCOUNT.into()),
        ..Settings::default()
    }
}

pub fn keys(w: &mut Wizard, text: &str) {
    for c in text.chars() {
        press(w, Key::Char(c));
    }
}

pub fn sign_in() -> Wizard {
    let settings = Settings {
        password_hint: Some("Demo-Passw0rd!".into()),
        demo: true,
        ..settings()
    };
    let start = Start::SignIn {
        target: SignInTarget::new("c", "jane"),
        remembered: None,
        notice: None,
    };
    let mut w = init(settings, start).0;
    keys(&mut w, "secret");
    w
}

pub fn preparing() -> Wizard {
    init(settings(), Start::AccessToken(Sensitive::new("t"))).0
}

/// The scan step in the session flow (a countdown is on screen).
pub fn scan() -> Wizard {
    let mut w = preparing();
    let user = UserInfo {
        username: "jane".into(),
        ..UserInfo::default()
    };
    update(&mut w, Msg::UserLoaded(Ok(user)));
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: LONG_SECRET.into(),
            session: Some(Sensitive::new("session")),
            at: T0,
        })),
    );
    update(&mut w, Msg::Tick(T0 + 35));
    w
}

pub fn code() -> Wizard {
    let mut w = scan();
    press(&mut w, Key::Enter);
    keys(&mut w, "123 4");
    w
}

pub fn finishing() -> Wizard {
    let mut w = code();
    keys(&mut w, "56");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: T0,
        })),
    );
    w
}

pub fn done() -> Wizard {
    let mut w = finishing();
    let user = UserInfo {
        username: "jane".into(),
        mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
        preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
        ..UserInfo::default()
    };
    update(
        &mut w,
        Msg::Completed(Ok(Completed {
            user: Some(user),
            at: T0,
        })),
    );
    w
}

pub fn failed() -> Wizard {
    let mut w = finishing();
    let err = WizError::Network("No answer from Cognito.".into());
    update(&mut w, Msg::Completed(Err(err)));
    w
}

/// Every step, named.
pub fn all_steps() -> Vec<(&'static str, Wizard)> {
    vec![
        ("sign_in", sign_in()),
        ("preparing", preparing()),
        ("scan", scan()),
        ("code", code()),
        ("finishing", finishing()),
        ("done", done()),
        ("failed", failed()),
    ]
}
