//! USER_SRP_AUTH against the emulator: a correct SRP proof signs in, a wrong password does not,
//! and a PASSWORD_VERIFIER challenge is answered once, within the session validity.

mod emulator_common;

use cognito_mfa::auth::{PasswordVerifierChallenge, SrpClient};
use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::MfaConfiguration;
use cognito_mfa::secret::Sensitive;
use emulator_common::scenarios::params;
use emulator_common::*;

const POOL_ID: &str = "us-east-1_TestPool1";

async fn start_srp(peer: &Peer, srp: &SrpClient) -> Result<AuthResponse, ErrorAnswer> {
    let username = Sensitive::new(peer.username.as_str());
    let srp_a = Sensitive::new(srp.srp_a());
    let mut auth = params(&[("USERNAME", &username), ("SRP_A", &srp_a)]);
    if let Some(hash) = peer.secret_hash(&peer.username) {
        auth.insert("SECRET_HASH".into(), hash);
    }
    call(
        peer,
        &InitiateAuthRequest {
            auth_flow: "USER_SRP_AUTH".into(),
            auth_parameters: auth,
            client_id: peer.client_id.clone(),
        },
    )
    .await
}

/// The PASSWORD_VERIFIER answer computed with `password`.
fn proof(
    peer: &Peer,
    srp: &SrpClient,
    challenge: &AuthResponse,
    password: &str,
    now: u64,
) -> RespondToAuthChallengeRequest {
    assert_eq!(
        challenge.challenge_name.as_deref(),
        Some("PASSWORD_VERIFIER")
    );
    let parameters = challenge.challenge_parameters.as_ref().unwrap();
    let challenge = PasswordVerifierChallenge::from_parameters(parameters, &peer.username).unwrap();
    let at = time::OffsetDateTime::from_unix_timestamp(now as i64).unwrap();
    let response = srp
        .respond(&challenge, POOL_ID, &Sensitive::new(password), at)
        .unwrap();
    let mut responses = response.into_challenge_responses();
    if let Some(hash) = peer.secret_hash(&peer.username) {
        responses.insert("SECRET_HASH".into(), hash);
    }
    RespondToAuthChallengeRequest {
        client_id: peer.client_id.clone(),
        challenge_name: "PASSWORD_VERIFIER".into(),
        session: None,
        challenge_responses: responses,
    }
}

#[tokio::test]
async fn a_correct_proof_leads_to_mfa_setup() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let srp = SrpClient::generate();
    let challenge = start_srp(&emu.peer, &srp).await.unwrap();
    let parameters = challenge.challenge_parameters.as_ref().unwrap();
    assert_eq!(parameters["USERNAME"], USERNAME);
    assert_eq!(parameters["USER_ID_FOR_SRP"], USERNAME);
    let answer = proof(&emu.peer, &srp, &challenge, PASSWORD, emu.clock.now());
    let next = call(&emu.peer, &answer).await.unwrap();
    assert_eq!(next.challenge_name.as_deref(), Some("MFA_SETUP"));
    assert!(next.session.is_some());
}

#[tokio::test]
async fn a_correct_proof_with_a_client_secret_gives_tokens_without_mfa() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let peer = emu.peer.with_secret(SECRET_CLIENT_ID, CLIENT_SECRET);
    let srp = SrpClient::generate();
    let challenge = start_srp(&peer, &srp).await.unwrap();
    let answer = proof(&peer, &srp, &challenge, PASSWORD, emu.clock.now());
    let tokens = call(&peer, &answer).await.unwrap();
    assert!(tokens.authentication_result.is_some());

    let unsigned = Peer {
        client_secret: None,
        ..peer.clone()
    };
    let err = start_srp(&unsigned, &srp).await.unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
}

#[tokio::test]
async fn a_wrong_password_is_rejected() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let srp = SrpClient::generate();
    let challenge = start_srp(&emu.peer, &srp).await.unwrap();
    let answer = proof(
        &emu.peer,
        &srp,
        &challenge,
        "Wrong-Passw0rd!",
        emu.clock.now(),
    );
    let err = call(&emu.peer, &answer).await.unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    assert_eq!(err.message, "Incorrect username or password.");
}

#[tokio::test]
async fn a_challenge_is_answered_once() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let srp = SrpClient::generate();
    let challenge = start_srp(&emu.peer, &srp).await.unwrap();
    let answer = proof(&emu.peer, &srp, &challenge, PASSWORD, emu.clock.now());
    call(&emu.peer, &answer).await.unwrap();
    let again = call(&emu.peer, &answer).await.unwrap_err();
    assert_eq!(again.error_type, "NotAuthorizedException");
}

#[tokio::test]
async fn a_challenge_expires_with_the_session_validity() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let srp = SrpClient::generate();
    let challenge = start_srp(&emu.peer, &srp).await.unwrap();
    emu.clock.advance(180);
    let answer = proof(&emu.peer, &srp, &challenge, PASSWORD, emu.clock.now());
    let err = call(&emu.peer, &answer).await.unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    assert!(err.message.contains("expired"), "{}", err.message);
}

#[tokio::test]
async fn srp_follows_a_password_change() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let peer = Peer {
        username: NEWCOMER.into(),
        password: NEWCOMER_PASSWORD.into(),
        ..emu.peer.clone()
    };
    // The first SRP sign-in computes the verifier for the temporary password.
    let srp = SrpClient::generate();
    let challenge = start_srp(&peer, &srp).await.unwrap();
    let next = call(
        &peer,
        &proof(&peer, &srp, &challenge, NEWCOMER_PASSWORD, emu.clock.now()),
    )
    .await
    .unwrap();
    assert_eq!(
        next.challenge_name.as_deref(),
        Some("NEW_PASSWORD_REQUIRED")
    );
    let new_password = Sensitive::new("Brand-New-Passw0rd");
    let done = call(
        &peer,
        &emulator_common::scenarios::answer(
            &peer,
            "NEW_PASSWORD_REQUIRED",
            next.session.as_ref().unwrap(),
            &[("NEW_PASSWORD", &new_password)],
        ),
    )
    .await
    .unwrap();
    assert!(done.authentication_result.is_some());

    let srp = SrpClient::generate();
    let old = start_srp(&peer, &srp).await.unwrap();
    let err = call(
        &peer,
        &proof(&peer, &srp, &old, NEWCOMER_PASSWORD, emu.clock.now()),
    )
    .await
    .unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    let srp = SrpClient::generate();
    let new = start_srp(&peer, &srp).await.unwrap();
    let ok = call(
        &peer,
        &proof(&peer, &srp, &new, "Brand-New-Passw0rd", emu.clock.now()),
    )
    .await
    .unwrap();
    assert!(ok.authentication_result.is_some());
}

#[tokio::test]
async fn malformed_srp_input_is_refused() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let username = Sensitive::new(USERNAME);
    for srp_a in ["", "not-hex", "12 34"] {
        let srp_a = Sensitive::new(srp_a);
        let err = call(
            &emu.peer,
            &InitiateAuthRequest {
                auth_flow: "USER_SRP_AUTH".into(),
                auth_parameters: params(&[("USERNAME", &username), ("SRP_A", &srp_a)]),
                client_id: CLIENT_ID.into(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(err.error_type, "InvalidParameterException");
    }
    let made_up = Sensitive::new("AAAA");
    let err = call(
        &emu.peer,
        &RespondToAuthChallengeRequest {
            client_id: CLIENT_ID.into(),
            challenge_name: "PASSWORD_VERIFIER".into(),
            session: None,
            challenge_responses: params(&[
                ("USERNAME", &username),
                ("PASSWORD_CLAIM_SECRET_BLOCK", &made_up),
                ("PASSWORD_CLAIM_SIGNATURE", &made_up),
                ("TIMESTAMP", &made_up),
            ]),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
}
