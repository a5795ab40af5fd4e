//! The JSON 1.1 protocol as Cognito speaks it: error shape and headers on every answer,
//! unknown operations, malformed bodies, wrong content types, oversized bodies.

mod emulator_common;

use cognito_mfa::emulator::{MAX_BODY_BYTES, MfaConfiguration};
use emulator_common::*;

const JSON: &str = "application/x-amz-json-1.1";
const GET_USER: &str = "AWSCognitoIdentityProviderService.GetUser";
const INITIATE: &str = "AWSCognitoIdentityProviderService.InitiateAuth";

fn assert_error(answer: &RawAnswer, status: u16, error_type: &str) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.error_type(), error_type, "{answer:?}");
    assert_eq!(answer.header_type.as_deref(), Some(error_type));
    assert!(answer.body["message"].is_string(), "{answer:?}");
    assert!(answer.request_id.as_ref().is_some_and(|id| id.len() == 36));
    assert_eq!(answer.content_type.as_deref(), Some(JSON));
}

#[tokio::test]
async fn unknown_operations() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    for target in [
        Some("AWSCognitoIdentityProviderService.AdminDeleteUser"),
        Some("AWSCognitoIdentityProviderService."),
        Some("SomeOtherService.GetUser"),
        Some("getuser"),
        None,
    ] {
        let answer = raw(e, target, Some(JSON), "{}").await;
        assert_error(&answer, 400, "UnknownOperationException");
    }
    let get = read(http().get(e.as_str()).send().await.unwrap()).await;
    assert_error(&get, 400, "UnknownOperationException");
}

#[tokio::test]
async fn malformed_bodies_are_serialization_errors() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    for body in [
        &b"{"[..],
        b"not json",
        b"[]",
        b"\"AccessToken\"",
        b"null",
        b"{\"AccessToken\": 12}",
        b"{\"AccessToken\": \"a\"} trailing",
        b"\xff\xfe\x00",
    ] {
        let answer = raw(e, Some(GET_USER), Some(JSON), body.to_vec()).await;
        assert_error(&answer, 400, "SerializationException");
    }
}

#[tokio::test]
async fn serialization_messages_never_echo_values() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let answer = raw(
        &emu.peer.endpoint,
        Some("AWSCognitoIdentityProviderService.VerifySoftwareToken"),
        Some(JSON),
        r#"{"UserCode": {"x": "Sup3r-S3cret-V4lue"}}"#,
    )
    .await;
    assert_error(&answer, 400, "SerializationException");
    assert!(!answer.body.to_string().contains("Sup3r"));
}

#[tokio::test]
async fn missing_members_are_invalid_parameters() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    let empty = raw(e, Some(GET_USER), Some(JSON), "").await;
    assert_error(&empty, 400, "InvalidParameterException");
    let answer = raw(
        e,
        Some(INITIATE),
        Some(JSON),
        r#"{"AuthFlow": "USER_PASSWORD_AUTH"}"#,
    )
    .await;
    assert_error(&answer, 400, "InvalidParameterException");
    assert!(
        answer.body["message"]
            .as_str()
            .unwrap()
            .contains("'clientId'")
    );
}

#[tokio::test]
async fn wrong_content_type_is_a_serialization_error() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    for content_type in [Some("application/json"), Some("text/plain"), None] {
        let answer = raw(e, Some(GET_USER), content_type, r#"{"AccessToken": "x"}"#).await;
        assert_error(&answer, 400, "SerializationException");
    }
    // Parameters and case do not matter.
    let answer = raw(
        e,
        Some(GET_USER),
        Some("Application/X-Amz-Json-1.1; charset=utf-8"),
        r#"{"AccessToken": "x"}"#,
    )
    .await;
    assert_error(&answer, 400, "NotAuthorizedException");
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    let padding = "x".repeat(MAX_BODY_BYTES);
    let body = format!(r#"{{"AccessToken": "{padding}"}}"#);
    let answer = raw(e, Some(GET_USER), Some(JSON), body.clone()).await;
    assert_error(&answer, 413, "SerializationException");

    // Without a Content-Length (chunked), the limit holds while reading.
    let reply = chunked_request(emu.running.addr(), body.as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply:.200}");
    assert!(
        reply
            .to_ascii_lowercase()
            .contains("x-amzn-errortype: serializationexception")
    );

    // Just under the limit is read and answered on its merits.
    let fits = format!(
        r#"{{"AccessToken": "{}"}}"#,
        "x".repeat(MAX_BODY_BYTES - 100)
    );
    let answer = raw(e, Some(GET_USER), Some(JSON), fits).await;
    assert_error(&answer, 400, "NotAuthorizedException");
}

#[tokio::test]
async fn successes_carry_a_request_id_too() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let body = serde_json::json!({
        "AuthFlow": "USER_PASSWORD_AUTH",
        "ClientId": CLIENT_ID,
        "AuthParameters": {"USERNAME": USERNAME, "PASSWORD": PASSWORD}
    });
    let answer = raw(
        &emu.peer.endpoint,
        Some(INITIATE),
        Some(JSON),
        body.to_string(),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header_type, None);
    assert!(answer.request_id.is_some());
    assert_eq!(answer.content_type.as_deref(), Some(JSON));
    assert_eq!(answer.body["ChallengeName"], "MFA_SETUP");
    assert_eq!(
        answer.body["ChallengeParameters"]["MFAS_CAN_SETUP"],
        "[\"SOFTWARE_TOKEN_MFA\"]"
    );
}

#[tokio::test]
async fn hostile_inputs_never_stop_the_server() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let e = &emu.peer.endpoint;
    let operations = [
        "AssociateSoftwareToken",
        "VerifySoftwareToken",
        "InitiateAuth",
        "RespondToAuthChallenge",
        "GetUser",
        "SetUserMFAPreference",
    ];
    let bodies = [
        "{}".to_string(),
        r#"{"AccessToken": "", "Session": ""}"#.into(),
        r#"{"Session": "x", "UserCode": "123456"}"#.into(),
        r#"{"AccessToken": "a.b.c", "UserCode": "١٢٣٤٥٦"}"#.into(),
        format!(r#"{{"ClientId": "{CLIENT_ID}", "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {{}}}}"#),
        format!(r#"{{"ClientId": "{CLIENT_ID}", "AuthFlow": "CUSTOM_AUTH"}}"#),
        format!(r#"{{"ClientId": "{CLIENT_ID}", "ChallengeName": "MFA_SETUP", "Session": "s", "ChallengeResponses": {{"USERNAME": "alice"}}}}"#),
        format!(r#"{{"ClientId": "{CLIENT_ID}", "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {{}}}}"#),
        r#"{"ClientId": "nope", "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "\u0000"}}"#.into(),
        r#"{"SoftwareTokenMfaSettings": {"Enabled": "yes"}, "AccessToken": "x"}"#.into(),
        "[".repeat(10_000),
        "{\"a\":".repeat(5_000),
    ];
    for op in operations {
        for body in &bodies {
            let target = format!("AWSCognitoIdentityProviderService.{op}");
            let answer = raw(e, Some(&target), Some(JSON), body.clone()).await;
            assert!(
                answer.status == 400 || answer.status == 413,
                "{op} {body:.80}: {answer:?}"
            );
            assert!(answer.header_type.is_some());
        }
    }
    // Still serving.
    let answer = raw(e, Some(GET_USER), Some(JSON), r#"{"AccessToken": "x"}"#).await;
    assert_error(&answer, 400, "NotAuthorizedException");
}

/// Sends `body` chunked over a raw connection and returns the whole reply.
async fn chunked_request(addr: std::net::SocketAddr, body: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Target: {GET_USER}\r\nContent-Type: {JSON}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for chunk in body.chunks(4096) {
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        // The server may answer and close before the whole body is sent.
        if stream.write_all(&framed).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply).await;
    String::from_utf8_lossy(&reply).into_owned()
}
