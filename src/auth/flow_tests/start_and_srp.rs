//! Starting a sign-in (SRP, password, refresh token) and answering PASSWORD_VERIFIER.

use super::*;

#[test]
fn srp_start_sends_srp_a_and_needs_the_pool_id() {
    let (_, request) = start(AuthFlow::UserSrp, None);
    let request = initiate(request);
    assert_eq!(request.auth_flow, "USER_SRP_AUTH");
    assert_eq!(value(&request.auth_parameters, "USERNAME"), "alice");
    assert!(value(&request.auth_parameters, "SRP_A").len() > 500);
    assert!(!request.auth_parameters.contains_key("PASSWORD"));
    assert!(!request.auth_parameters.contains_key("SECRET_HASH"));
    let missing = SignIn::start(client(None), "alice", password(), AuthFlow::UserSrp, None);
    assert_eq!(missing.err(), Some(FlowError::PoolIdRequired));
    let bad = SignIn::start(
        client(None),
        "alice",
        password(),
        AuthFlow::UserSrp,
        Some("nounderscore"),
    );
    assert_eq!(bad.err(), Some(FlowError::Srp(SrpError::InvalidPoolId)));
}

#[test]
fn password_and_refresh_starts() {
    let (_, request) = start(AuthFlow::UserPassword, Some("s3cret"));
    let request = initiate(request);
    assert_eq!(request.auth_flow, "USER_PASSWORD_AUTH");
    assert_eq!(
        value(&request.auth_parameters, "PASSWORD"),
        "Corr3ct-Horse!"
    );
    assert_eq!(
        value(&request.auth_parameters, "SECRET_HASH"),
        hash("alice")
    );
    let token = Credential::RefreshToken(Sensitive::new("refresh-me"));
    let (_, request) = SignIn::start(
        client(Some("s3cret")),
        "alice",
        token.clone(),
        AuthFlow::RefreshToken,
        None,
    )
    .unwrap();
    let request = initiate(request);
    assert_eq!(request.auth_flow, "REFRESH_TOKEN_AUTH");
    assert_eq!(
        value(&request.auth_parameters, "REFRESH_TOKEN"),
        "refresh-me"
    );
    assert_eq!(
        value(&request.auth_parameters, "SECRET_HASH"),
        hash("alice")
    );
    assert_eq!(
        SignIn::start(client(None), "a", token, AuthFlow::UserSrp, Some(POOL)).err(),
        Some(FlowError::PasswordRequired("USER_SRP_AUTH"))
    );
    assert_eq!(
        SignIn::start(client(None), "a", password(), AuthFlow::RefreshToken, None).err(),
        Some(FlowError::RefreshTokenRequired)
    );
}

#[test]
fn password_verifier_is_answered_with_a_proof_the_server_accepts() {
    let (mut flow, request) = start(AuthFlow::UserSrp, Some("s3cret"));
    let srp_a = value(&initiate(request).auth_parameters, "SRP_A").to_owned();
    let internal = "2f1c-uuid";
    let verifier =
        PasswordVerifier::new(POOL, internal, &Sensitive::new("Corr3ct-Horse!")).unwrap();
    let server = ServerSession::start(&verifier);
    let block = b"opaque block".to_vec();
    let block64 = STANDARD.encode(&block);
    let srp_b = server.srp_b();
    let salt = server.salt_hex();
    let step = flow
        .on_response_at(
            &AuthResponse {
                session: None,
                ..challenge(
                    "PASSWORD_VERIFIER",
                    &[
                        ("SRP_B", &srp_b),
                        ("SALT", &salt),
                        ("SECRET_BLOCK", &block64),
                        ("USER_ID_FOR_SRP", internal),
                        ("USERNAME", internal),
                    ],
                )
            },
            datetime!(2024-03-05 09:07:03 UTC),
        )
        .unwrap();
    let Step::Send(request) = step else {
        panic!("expected a request, got {step:?}")
    };
    let request = respond(request);
    assert_eq!(request.challenge_name, "PASSWORD_VERIFIER");
    let answers = &request.challenge_responses;
    assert_eq!(value(answers, "USERNAME"), internal);
    assert_eq!(value(answers, "TIMESTAMP"), "Tue Mar 5 09:07:03 UTC 2024");
    assert_eq!(value(answers, "SECRET_HASH"), hash(internal));
    assert_eq!(value(answers, "PASSWORD_CLAIM_SECRET_BLOCK"), block64);
    server
        .verify(
            &srp_a,
            &block,
            value(answers, "TIMESTAMP"),
            value(answers, "PASSWORD_CLAIM_SIGNATURE"),
        )
        .unwrap();
    assert_eq!(flow.username(), internal);
}

#[test]
fn password_verifier_without_srp_or_with_bad_values_fails() {
    let (mut flow, _) = start(AuthFlow::UserPassword, None);
    assert_eq!(
        flow.on_response(&challenge("PASSWORD_VERIFIER", &[])),
        Err(FlowError::UnexpectedPasswordVerifier)
    );
    let (mut flow, _) = start(AuthFlow::UserSrp, None);
    assert_eq!(
        flow.on_response(&challenge("PASSWORD_VERIFIER", &[("SRP_B", "zz")])),
        Err(FlowError::Srp(SrpError::MissingParameter("SALT")))
    );
}

#[test]
fn debug_never_shows_the_password_or_secret() {
    let (flow, request) = start(AuthFlow::UserPassword, Some("s3cret"));
    let text = format!("{flow:?} {request:?}");
    assert!(
        !text.contains("Corr3ct") && !text.contains("s3cret"),
        "{text}"
    );
}

#[test]
fn a_secret_block_that_is_not_base64_is_signed_as_text_and_sent_back_unchanged() {
    let (mut flow, _) = start(AuthFlow::UserSrp, None);
    let uuid = "0b5c3f6e-3d4a-4c55-9a0e-4b8f0f1c2d3e";
    let step = flow
        .on_response(&challenge(
            "PASSWORD_VERIFIER",
            &[
                ("SRP_B", "1f2e3d"),
                ("SALT", "abcdef"),
                ("SECRET_BLOCK", uuid),
                ("USER_ID_FOR_SRP", "alice"),
                ("USERNAME", "alice"),
            ],
        ))
        .unwrap();
    let Step::Send(request) = step else {
        panic!("{step:?}")
    };
    let request = respond(request);
    assert_eq!(
        value(&request.challenge_responses, "PASSWORD_CLAIM_SECRET_BLOCK"),
        uuid
    );
    assert_eq!(request.session.unwrap().expose(), SESSION);
}
