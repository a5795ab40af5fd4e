//! The emulator's administrator side: every way a SigV4 signature is refused, with Cognito's
//! error type, message and status; what is accepted; user-side operations staying unsigned; and
//! the start-up report of `cognito-mfa emulator` naming the key.

mod emulator_common;
mod support;

use cognito_mfa::emulator::MfaConfiguration;
use cognito_mfa::secret::Sensitive;
use emulator_common::signed::{POOL_ID, Signer, Tamper, admin, signed_raw};
use emulator_common::*;
use serde_json::json;
use std::process::Stdio;

const MISMATCH: &str = "The request signature we calculated does not match the signature you \
                        provided. Check your AWS Secret Access Key and signing method. Consult \
                        the service documentation for details.";

fn get_alice() -> serde_json::Value {
    json!({"UserPoolId": POOL_ID, "Username": USERNAME})
}

/// AdminGetUser for alice, signed by `signer` and spoiled by `tamper`: the error it gets.
async fn refused(emu: &TestEmulator, signer: &Signer, tamper: Tamper) -> (u16, String, String) {
    let answer = signed_raw(
        emu.peer.endpoint.as_str(),
        "AdminGetUser",
        &get_alice(),
        signer,
        tamper,
    )
    .await;
    assert_ne!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header_type.as_deref(), Some(answer.error_type()));
    (
        answer.status,
        answer.error_type().to_string(),
        answer.body["message"].as_str().unwrap_or("").to_string(),
    )
}

#[tokio::test]
async fn a_correct_signature_is_accepted() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let user = admin(&emu.peer.endpoint, "AdminGetUser", get_alice()).await;
    assert_eq!(user["Username"], USERNAME);
}

#[tokio::test]
async fn no_signature_is_a_missing_authentication_token() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let (status, kind, message) = refused(&emu, &Signer::default(), Tamper::Unsigned).await;
    assert_eq!(
        (status, kind.as_str(), message.as_str()),
        (
            400,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token"
        )
    );
}

#[tokio::test]
async fn an_unknown_access_key_is_unrecognized() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let signer = Signer {
        access_key_id: "AKIAOTHERKEY00000001".into(),
        ..Signer::default()
    };
    let (status, kind, message) = refused(&emu, &signer, Tamper::Nothing).await;
    assert_eq!(
        (status, kind.as_str(), message.as_str()),
        (
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid."
        )
    );
}

#[tokio::test]
async fn a_wrong_secret_tampered_body_or_tampered_target_is_an_invalid_signature() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let wrong_secret = Signer {
        secret_access_key: "not/the/emulator/secret/0000000000000000".into(),
        ..Signer::default()
    };
    let other_user = json!({"UserPoolId": POOL_ID, "Username": NEWCOMER});
    for (signer, tamper) in [
        (wrong_secret, Tamper::Nothing),
        (Signer::default(), Tamper::Body(other_user)),
        (
            Signer::default(),
            Tamper::Target("AdminUserGlobalSignOut".into()),
        ),
    ] {
        let (status, kind, message) = refused(&emu, &signer, tamper.clone()).await;
        assert_eq!(
            (status, kind.as_str(), message.as_str()),
            (400, "InvalidSignatureException", MISMATCH),
            "{tamper:?}"
        );
    }
}

#[tokio::test]
async fn a_date_more_than_five_minutes_away_is_expired_or_not_yet_current() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    // START is 2023-11-14T22:13:15Z.
    let old = Signer {
        time: START - 301,
        ..Signer::default()
    };
    let (status, kind, message) = refused(&emu, &old, Tamper::Nothing).await;
    assert_eq!((status, kind.as_str()), (400, "InvalidSignatureException"));
    assert_eq!(
        message,
        "Signature expired: 20231114T220814Z is now earlier than 20231114T220815Z \
         (20231114T221315Z - 5 min.)"
    );
    let future = Signer {
        time: START + 301,
        ..Signer::default()
    };
    let (_, kind, message) = refused(&emu, &future, Tamper::Nothing).await;
    assert_eq!(kind, "InvalidSignatureException");
    assert_eq!(
        message,
        "Signature not yet current: 20231114T221816Z is still later than 20231114T221815Z \
         (20231114T221315Z + 5 min.)"
    );
    // A request signed now becomes too old once the emulator's clock moves past 5 minutes.
    let signed_now = Signer::default();
    let (endpoint, body) = (emu.peer.endpoint.as_str(), get_alice());
    let fresh = signed_raw(
        endpoint,
        "AdminGetUser",
        &body,
        &signed_now,
        Tamper::Nothing,
    );
    assert_eq!(fresh.await.status, 200);
    emu.clock.advance(300);
    let at_edge = signed_raw(
        endpoint,
        "AdminGetUser",
        &body,
        &signed_now,
        Tamper::Nothing,
    );
    assert_eq!(
        at_edge.await.status,
        200,
        "exactly 5 minutes is still in time"
    );
    emu.clock.advance(1);
    let (_, _, message) = refused(&emu, &signed_now, Tamper::Nothing).await;
    assert!(message.starts_with("Signature expired: "), "{message}");
}

#[tokio::test]
async fn a_scope_for_another_region_or_service_is_an_invalid_signature() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let region = Signer {
        region: "eu-west-1".into(),
        ..Signer::default()
    };
    let (status, kind, message) = refused(&emu, &region, Tamper::Nothing).await;
    assert_eq!(
        (status, kind.as_str(), message.as_str()),
        (
            400,
            "InvalidSignatureException",
            "Credential should be scoped to a valid region, not 'eu-west-1'. "
        )
    );
    let service = Signer {
        service: "cognito-identity".into(),
        ..Signer::default()
    };
    let (_, kind, message) = refused(&emu, &service, Tamper::Nothing).await;
    assert_eq!(
        (kind.as_str(), message.as_str()),
        (
            "InvalidSignatureException",
            "Credential should be scoped to correct service: 'cognito-idp'. "
        )
    );
}

#[tokio::test]
async fn a_configured_session_token_must_be_sent_and_match() {
    let mut config = test_config(MfaConfiguration::On);
    config.admin.session_token = Some(Sensitive::new("emulator-session-token-0001"));
    let emu = start(config).await;
    let with_token = Signer {
        session_token: Some("emulator-session-token-0001".into()),
        ..Signer::default()
    };
    let answer = signed_raw(
        &emu.peer.endpoint,
        "AdminGetUser",
        &get_alice(),
        &with_token,
        Tamper::Nothing,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let wrong_token = Signer {
        session_token: Some("emulator-session-token-0002".into()),
        ..Signer::default()
    };
    for (signer, tamper) in [
        (Signer::default(), Tamper::Nothing),
        (wrong_token, Tamper::Nothing),
        (
            with_token.clone(),
            Tamper::SessionToken("emulator-session-token-9999".into()),
        ),
    ] {
        let (status, kind, _) = refused(&emu, &signer, tamper).await;
        assert_eq!(
            (status, kind.as_str()),
            (400, "UnrecognizedClientException")
        );
    }
}

#[tokio::test]
async fn a_session_token_the_emulator_does_not_know_is_unrecognized() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let signer = Signer {
        session_token: Some("a-token-nobody-issued".into()),
        ..Signer::default()
    };
    let (_, kind, _) = refused(&emu, &signer, Tamper::Nothing).await;
    assert_eq!(kind, "UnrecognizedClientException");
}

#[tokio::test]
async fn a_malformed_authorization_header_is_an_incomplete_signature() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let answer = http()
        .post(&emu.peer.endpoint)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", "AWSCognitoIdentityProviderService.AdminGetUser")
        .header("x-amz-date", "20231114T221315Z")
        .header("authorization", "AWS4-HMAC-SHA256 Credential=AKIAEMULATOR00000001/20231114/us-east-1/cognito-idp/aws4_request")
        .body(get_alice().to_string())
        .send()
        .await
        .unwrap();
    let answer = read(answer).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.error_type(), "IncompleteSignatureException");
    assert_eq!(
        answer.body["message"],
        "Authorization header requires 'Signature' parameter. Authorization header requires \
         'SignedHeaders' parameter."
    );
}

#[tokio::test]
async fn user_side_operations_stay_unsigned_and_ignore_a_signature() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let signed_in = scenarios::password_sign_in(&emu.peer).await;
    let token = scenarios::access_token(&signed_in);
    let body = json!({"AccessToken": token.expose()});
    let wrong = Signer {
        secret_access_key: "wrong".into(),
        ..Signer::default()
    };
    let answer = signed_raw(
        &emu.peer.endpoint,
        "GetUser",
        &body,
        &wrong,
        Tamper::Nothing,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["Username"], USERNAME);
}

#[test]
fn the_start_up_report_names_the_admin_key_and_the_generated_users() {
    let (mut child, report) =
        support::emulator_process::start_emulator(&["--generate-users", "2500"], Stdio::null());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        report["admin"],
        json!({
            "accessKeyId": "AKIAEMULATOR00000001",
            "secretAccessKey": "emulator/demo/secret/key/0000000000000000",
            "region": "us-east-1"
        })
    );
    assert_eq!(
        report["generated_users"],
        json!({
            "count": 2500,
            "first": "user000001",
            "last": "user002500",
            "password": "Gen-Passw0rd!",
            "with_authenticator_every": 3
        })
    );
    assert_eq!(report["users"].as_array().unwrap().len(), 2, "{report}");
}

#[test]
fn the_config_sets_the_key_and_a_session_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.toml");
    let pool = format!(
        "{}\n[admin]\naccess_key_id = \"AKIATESTKEY000000001\"\nsecret_access_key = \"s3cr3t\"\n\
         session_token = \"tok\"\n[generated_users]\ncount = 3\nprefix = \"agent\"\n",
        // The embedded pool without its own [admin] section.
        cognito_mfa::emulator::config::EMBEDDED_CONFIG
            .split("\n[admin]")
            .next()
            .unwrap()
    );
    std::fs::write(&path, pool).unwrap();
    let (mut child, report) = support::emulator_process::start_emulator(
        &["--config", path.to_str().unwrap()],
        Stdio::null(),
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(report["admin"]["accessKeyId"], "AKIATESTKEY000000001");
    assert_eq!(report["admin"]["secretAccessKey"], "s3cr3t");
    assert_eq!(report["admin"]["sessionToken"], "tok");
    assert_eq!(report["generated_users"]["first"], "agent000001");
}
