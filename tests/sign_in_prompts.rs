//! The sign-in command in-process, with a scripted terminal and a mock keychain, against the
//! embedded emulator: prompts answered (and answered again after a refusal), and the keychain
//! remembering, refreshing and forgetting.

mod emulator_common;

use cognito_mfa::cli::{AuthFlowArg, ForgetArgs, GlobalArgs, SignInArgs, SignInOptions};
use cognito_mfa::cognito::wire::{
    AssociateSoftwareTokenRequest, AuthResponse, VerifySoftwareTokenRequest,
};
use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
use cognito_mfa::commands::sign_in::{self, Asker};
use cognito_mfa::emulator::{Clock, MfaConfiguration};
use cognito_mfa::failure::Failure;
use cognito_mfa::keychain::Keychain;
use cognito_mfa::secret::Sensitive;
use emulator_common::{
    CLIENT_ID, CLIENT_SECRET, NEWCOMER, NEWCOMER_PASSWORD, PASSWORD, SECRET_CLIENT_ID,
    TestEmulator, USERNAME, code, start, test_config, wrong_code,
};
use std::collections::VecDeque;

const POOL_ID: &str = "us-east-1_TestPool1";

/// A terminal that answers from a script and keeps what it was asked and told.
#[derive(Default)]
struct Script {
    interactive: bool,
    answers: VecDeque<String>,
    asked: Vec<String>,
    notes: Vec<String>,
}

impl Script {
    fn terminal(answers: &[&str]) -> Self {
        Self {
            interactive: true,
            answers: answers.iter().map(|a| a.to_string()).collect(),
            ..Self::default()
        }
    }
    fn next(&mut self, label: &str) -> Result<String, Failure> {
        self.asked.push(label.to_string());
        self.answers
            .pop_front()
            .ok_or_else(|| Failure::Other(format!("unexpected prompt {label}")))
    }
}

impl Asker for Script {
    fn interactive(&self) -> bool {
        self.interactive
    }
    fn secret(&mut self, label: &str) -> Result<Sensitive, Failure> {
        self.next(label).map(Sensitive::new)
    }
    fn line(&mut self, label: &str) -> Result<String, Failure> {
        self.next(label)
    }
    fn stdin_password(&mut self) -> Result<Sensitive, Failure> {
        self.next("stdin").map(Sensitive::new)
    }
    fn note(&mut self, text: &str) {
        self.notes.push(text.to_string());
    }
}

fn global(emu: &TestEmulator) -> GlobalArgs {
    GlobalArgs {
        endpoint_url: Some(emu.peer.endpoint.clone()),
        region: Some("us-east-1".into()),
        ..GlobalArgs::default()
    }
}

fn args(client_id: &str, user: &str) -> SignInArgs {
    SignInArgs {
        client_id: client_id.into(),
        username: user.into(),
        options: SignInOptions {
            user_pool_id: Some(POOL_ID.into()),
            ..SignInOptions::default()
        },
        password_stdin: false,
        mfa_setup_session: None,
    }
}

fn mock_keychain() -> Keychain {
    Keychain::with_store(keyring_core::mock::Store::new().unwrap())
}

fn printed(text: &str) -> AuthResponse {
    serde_json::from_str(text).unwrap()
}

/// Enrolls `user` in TOTP through MFA_SETUP; gives the secret.
async fn enroll(emu: &TestEmulator, user: &str, password: &str) -> Sensitive {
    let mut script = Script::terminal(&[password]);
    let out = sign_in::run(
        &global(emu),
        &args(CLIENT_ID, user),
        &mut script,
        &mock_keychain(),
    )
    .await
    .unwrap();
    let setup = printed(&out);
    assert_eq!(setup.challenge_name.as_deref(), Some("MFA_SETUP"));
    let client = CognitoClient::new(ClientSettings::new(
        Endpoint::parse(&emu.peer.endpoint).unwrap(),
    ))
    .unwrap();
    let associated = client
        .call(&AssociateSoftwareTokenRequest {
            access_token: None,
            session: setup.session,
        })
        .await
        .unwrap();
    let verified = client
        .call(&VerifySoftwareTokenRequest {
            access_token: None,
            session: associated.session,
            user_code: code(&associated.secret_code, emu.clock.now()),
            friendly_device_name: None,
        })
        .await
        .unwrap();
    let mut finish = args(CLIENT_ID, user);
    finish.mfa_setup_session = verified.session;
    let out = sign_in::run(
        &global(emu),
        &finish,
        &mut Script::default(),
        &mock_keychain(),
    )
    .await
    .unwrap();
    assert!(printed(&out).authentication_result.is_some());
    associated.secret_code
}

#[tokio::test]
async fn the_password_is_asked_without_echo_on_a_terminal() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let mut script = Script::terminal(&[PASSWORD]);
    let out = sign_in::run(
        &global(&emu),
        &args(CLIENT_ID, USERNAME),
        &mut script,
        &mock_keychain(),
    )
    .await
    .unwrap();
    assert_eq!(printed(&out).challenge_name.as_deref(), Some("MFA_SETUP"));
    assert_eq!(script.asked, vec![format!("Password for {USERNAME}: ")]);
}

#[tokio::test]
async fn new_password_required_is_asked_twice_and_again_after_the_policy_refuses_it() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let mut script = Script::terminal(&[
        NEWCOMER_PASSWORD,
        "short",
        "short",
        "N3w-Passw0rd!",
        "typo",
        "N3w-Passw0rd!",
        "N3w-Passw0rd!",
    ]);
    let out = sign_in::run(
        &global(&emu),
        &args(CLIENT_ID, NEWCOMER),
        &mut script,
        &mock_keychain(),
    )
    .await
    .unwrap();
    assert_eq!(printed(&out).challenge_name.as_deref(), Some("MFA_SETUP"));
    assert!(
        script.notes.iter().any(|n| n.contains("password policy")),
        "{:?}",
        script.notes
    );
    assert!(
        script.notes.iter().any(|n| n.contains("differ")),
        "{:?}",
        script.notes
    );
    assert!(script.answers.is_empty());
}

#[tokio::test]
async fn software_token_mfa_asks_for_the_code_and_again_after_a_wrong_one() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let secret = enroll(&emu, USERNAME, PASSWORD).await;
    emu.clock.advance(60);
    let now = emu.clock.now();
    let wrong = wrong_code(&secret, now);
    let right = code(&secret, now);
    let mut script = Script::terminal(&[PASSWORD, wrong.expose(), right.expose()]);
    let out = sign_in::run(
        &global(&emu),
        &args(CLIENT_ID, USERNAME),
        &mut script,
        &mock_keychain(),
    )
    .await
    .unwrap();
    assert!(printed(&out).authentication_result.is_some(), "{out}");
    assert_eq!(
        script
            .asked
            .iter()
            .filter(|a| a.contains("Code from your current app"))
            .count(),
        2
    );
    assert!(
        script.notes.iter().any(|n| n.contains("clock")),
        "{:?}",
        script.notes
    );
}

#[tokio::test]
async fn remember_then_refresh_without_a_password_then_forget() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let keychain = mock_keychain();
    let mut first = args(SECRET_CLIENT_ID, USERNAME);
    first.options.remember = true;
    first.options.client_secret = Some(CLIENT_SECRET.into());
    let mut script = Script::terminal(&[PASSWORD]);
    let out = sign_in::run(&global(&emu), &first, &mut script, &keychain)
        .await
        .unwrap();
    assert!(printed(&out).authentication_result.is_some());
    let stored = keychain.load(SECRET_CLIENT_ID, USERNAME).unwrap().unwrap();
    assert_eq!(stored.client_secret.unwrap().expose(), CLIENT_SECRET);

    // No password, no secret on the command line: both come from the keychain.
    let mut script = Script::terminal(&[]);
    let out = sign_in::run(
        &global(&emu),
        &args(SECRET_CLIENT_ID, USERNAME),
        &mut script,
        &keychain,
    )
    .await
    .unwrap();
    let tokens = printed(&out).authentication_result.unwrap();
    assert!(tokens.access_token.is_some());
    assert!(script.asked.is_empty(), "{:?}", script.asked);

    let forget = ForgetArgs {
        client_id: Some(SECRET_CLIENT_ID.into()),
        username: Some(USERNAME.into()),
    };
    assert!(
        sign_in::forget(&forget, &keychain)
            .unwrap()
            .starts_with("Forgot")
    );
    assert!(keychain.load(SECRET_CLIENT_ID, USERNAME).unwrap().is_none());
    let mut refresh = args(SECRET_CLIENT_ID, USERNAME);
    refresh.options.auth_flow = Some(AuthFlowArg::RefreshTokenAuth);
    let err = sign_in::run(
        &global(&emu),
        &refresh,
        &mut Script::terminal(&[]),
        &keychain,
    )
    .await
    .unwrap_err();
    assert_eq!(err.exit_code(), 252);
}

#[tokio::test]
async fn nothing_is_stored_without_remember() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let keychain = mock_keychain();
    let mut script = Script::terminal(&[PASSWORD]);
    sign_in::run(
        &global(&emu),
        &args(CLIENT_ID, USERNAME),
        &mut script,
        &keychain,
    )
    .await
    .unwrap();
    assert!(keychain.load(CLIENT_ID, USERNAME).unwrap().is_none());
}

#[tokio::test]
async fn an_unavailable_keychain_is_reported_and_the_sign_in_goes_on() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let keychain = Keychain::unavailable("no Secret Service and no keyutils");
    let mut a = args(CLIENT_ID, USERNAME);
    a.options.remember = true;
    let mut script = Script::terminal(&[PASSWORD]);
    let out = sign_in::run(&global(&emu), &a, &mut script, &keychain)
        .await
        .unwrap();
    assert!(printed(&out).authentication_result.is_some());
    assert!(
        script
            .notes
            .iter()
            .any(|n| n.contains("Not remembered") && n.contains("no keychain")),
        "{:?}",
        script.notes
    );
}

#[tokio::test]
async fn a_revoked_remembered_sign_in_falls_back_to_the_password() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let keychain = mock_keychain();
    keychain
        .save(
            CLIENT_ID,
            USERNAME,
            &cognito_mfa::keychain::Remembered {
                refresh_token: Sensitive::new("revoked-refresh-token"),
                client_secret: None,
                cognito_username: None,
            },
        )
        .unwrap();
    let mut script = Script::terminal(&[PASSWORD]);
    let out = sign_in::run(
        &global(&emu),
        &args(CLIENT_ID, USERNAME),
        &mut script,
        &keychain,
    )
    .await
    .unwrap();
    assert!(printed(&out).authentication_result.is_some());
    assert!(script.notes.iter().any(|n| n.contains("no longer valid")));
    assert_eq!(script.asked, vec![format!("Password for {USERNAME}: ")]);
}
