//! The wizard's refusals against moto (a Cognito emulator written by others): the real
//! client, `tasks::perform` and `classify`, and `update`, as the runtime runs them. Which of
//! the emulator's scenarios moto cannot be, and why, is in tests/peers/README.md.

mod support;

use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
use cognito_mfa::keychain::Keychain;
use cognito_mfa::wizard::reasons::{Refusal, SignInNotice, SignInProblem};
use cognito_mfa::wizard::state::{Settings, SignInTarget, Step, Wizard};
use cognito_mfa::wizard::tasks::{Services, perform};
use cognito_mfa::wizard::{Cmd, Key, Start, init, press, update};
use serde_json::json;
use support::moto::{Moto, SeededPool, admin};

fn services(pool: &SeededPool) -> Services {
    let endpoint = Endpoint::parse(&pool.endpoint).unwrap();
    Services {
        client: CognitoClient::new(ClientSettings::new(endpoint)).unwrap(),
        keychain: Keychain::unavailable("not in these tests"),
        demo: None,
    }
}

/// Runs the API commands and feeds their answers back until none is left.
fn settle(w: &mut Wizard, services: &Services, mut cmds: Vec<Cmd>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    while let Some(cmd) = cmds.pop() {
        if !cmd.is_api_call() {
            continue;
        }
        if let Some(msg) = runtime.block_on(perform(services, cmd)) {
            cmds.extend(update(w, msg).cmds);
        }
    }
}

fn target(pool: &SeededPool, username: &str) -> SignInTarget {
    let mut target = SignInTarget::new(pool.client_id.clone(), username);
    target.auth_flow = Some(cognito_mfa::auth::flow::AuthFlow::UserPassword);
    target
}

/// Signs in on the form with `password`; the step it ends on.
fn sign_in(pool: &SeededPool, target: SignInTarget, password: &str) -> Wizard {
    let services = services(pool);
    let (mut w, cmds) = init(
        Settings::default(),
        Start::SignIn {
            target,
            remembered: None,
            notice: None,
        },
    );
    settle(&mut w, &services, cmds);
    for c in password.chars() {
        press(&mut w, Key::Char(c));
    }
    let cmds = press(&mut w, Key::Enter).cmds;
    settle(&mut w, &services, cmds);
    w
}

fn refused_with(w: &Wizard) -> Refusal {
    match &w.step {
        Step::SignIn(form) => match &form.error {
            Some(SignInProblem::Denied(d)) => d.refusal.clone(),
            other => panic!("no refusal on the form: {other:?}"),
        },
        other => panic!("not on the sign-in form: {other:?}"),
    }
}

#[test]
fn sign_in_refusals_against_moto() {
    let moto = Moto::start();
    let pool = moto.seed("OPTIONAL", false);
    let w = sign_in(&pool, target(&pool, &pool.username), "wrong-Passw0rd!");
    assert_eq!(refused_with(&w), Refusal::WrongPassword);
    // moto reveals unknown users (as a client with PreventUserExistenceErrors off).
    let w = sign_in(&pool, target(&pool, "nobody"), "x");
    assert_eq!(refused_with(&w), Refusal::UserNotFound);
    let mut wrong_client = target(&pool, &pool.username);
    wrong_client.client_id = "no-such-client".into();
    let w = sign_in(&pool, wrong_client, &pool.password);
    assert_eq!(refused_with(&w), Refusal::ResourceNotFound);

    admin(
        &pool.endpoint,
        "AdminDisableUser",
        json!({"UserPoolId": pool.pool_id, "Username": pool.username}),
    );
    let w = sign_in(&pool, target(&pool, &pool.username), &pool.password);
    assert_eq!(refused_with(&w), Refusal::UserDisabled);

    admin(
        &pool.endpoint,
        "SignUp",
        json!({"ClientId": pool.client_id, "Username": "fresh", "Password": pool.password}),
    );
    let w = sign_in(&pool, target(&pool, "fresh"), &pool.password);
    assert_eq!(refused_with(&w), Refusal::UserNotConfirmed);
}

#[test]
fn a_refused_access_token_leads_to_a_sign_in_against_moto() {
    let moto = Moto::start();
    let pool = moto.seed("OPTIONAL", false);
    let services = services(&pool);
    let (mut w, cmds) = init(
        Settings::default(),
        Start::AccessTokenOrSignIn {
            token: "not-a-token-moto-issued".into(),
            target: target(&pool, &pool.username),
        },
    );
    settle(&mut w, &services, cmds);
    let Step::SignIn(form) = &w.step else {
        panic!("{:?}", w.step);
    };
    assert_eq!(form.notice, Some(SignInNotice::TokenExpired));
    for c in pool.password.chars() {
        press(&mut w, Key::Char(c));
    }
    let cmds = press(&mut w, Key::Enter).cmds;
    settle(&mut w, &services, cmds);
    assert!(matches!(w.step, Step::Scan(_)), "{:?}", w.step);
}

#[test]
fn user_auth_that_moto_does_not_know_falls_back_to_srp() {
    let moto = Moto::start();
    let pool = moto.seed("ON", false);
    let mut target = target(&pool, &pool.username);
    target.auth_flow = Some(cognito_mfa::auth::flow::AuthFlow::UserAuth);
    target.user_pool_id = Some(pool.pool_id.clone());
    let w = sign_in(&pool, target, &pool.password);
    // moto sends MFA_SETUP after SRP's PASSWORD_VERIFIER: the QR code is next.
    assert!(matches!(w.step, Step::Scan(_)), "{:?}", w.step);
}
