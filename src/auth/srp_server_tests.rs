use super::*;
use crate::auth::srp::{PasswordVerifierChallenge, SrpClient, cognito_timestamp};
use time::macros::datetime;

const POOL: &str = "us-east-1_Example";

fn password() -> Sensitive {
    Sensitive::new("Correct horse 1!")
}

fn block() -> Vec<u8> {
    b"opaque secret block".to_vec()
}

/// The client's answer to a challenge from `session`, signed as `user_id_for_srp` in `pool_id`
/// with `password`.
fn answer_as(
    session: &ServerSession,
    client: &SrpClient,
    pool_id: &str,
    user_id_for_srp: &str,
    password: &Sensitive,
) -> (String, String) {
    let challenge = PasswordVerifierChallenge {
        srp_b: session.srp_b(),
        salt: session.salt_hex(),
        secret_block: Sensitive::new(STANDARD.encode(block())),
        user_id_for_srp: user_id_for_srp.to_owned(),
        username: "alice".to_owned(),
    };
    let response = client
        .respond(
            &challenge,
            pool_id,
            password,
            datetime!(2024-03-05 09:07:03 UTC),
        )
        .unwrap();
    (
        response.timestamp,
        response.password_claim_signature.expose().to_owned(),
    )
}

fn answer(session: &ServerSession, client: &SrpClient, password: &Sensitive) -> (String, String) {
    answer_as(session, client, POOL, session.user_id_for_srp(), password)
}

#[test]
fn the_right_password_verifies_and_a_wrong_one_does_not() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::start(&verifier);
    let client = SrpClient::generate();
    let (timestamp, signature) = answer(&session, &client, &password());
    assert_eq!(
        timestamp,
        cognito_timestamp(datetime!(2024-03-05 09:07:03 UTC))
    );
    assert_eq!(
        session.verify(&client.srp_a(), &block(), &timestamp, &signature),
        Ok(())
    );

    let (_, wrong) = answer(&session, &client, &Sensitive::new("Correct horse 1?"));
    assert_eq!(
        session.verify(&client.srp_a(), &block(), &timestamp, &wrong),
        Err(SrpError::SignatureMismatch)
    );
}

#[test]
fn the_signature_covers_timestamp_block_and_a() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::start(&verifier);
    let client = SrpClient::generate();
    let (timestamp, signature) = answer(&session, &client, &password());
    let a = client.srp_a();
    let other_time = "Tue Mar 5 09:07:04 UTC 2024";
    assert_eq!(
        session.verify(&a, &block(), other_time, &signature),
        Err(SrpError::SignatureMismatch)
    );
    assert_eq!(
        session.verify(&a, b"another block", &timestamp, &signature),
        Err(SrpError::SignatureMismatch)
    );
    let other_a = SrpClient::generate().srp_a();
    assert_eq!(
        session.verify(&other_a, &block(), &timestamp, &signature),
        Err(SrpError::SignatureMismatch)
    );
}

#[test]
fn a_proof_for_another_user_or_pool_does_not_match() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::start(&verifier);
    let client = SrpClient::generate();
    for (pool, user) in [(POOL, "uuid-2"), ("us-east-1_Other", "uuid-1")] {
        let (timestamp, signature) = answer_as(&session, &client, pool, user, &password());
        assert_eq!(
            session.verify(&client.srp_a(), &block(), &timestamp, &signature),
            Err(SrpError::SignatureMismatch),
            "{pool} {user}"
        );
    }
}

#[test]
fn a_that_is_zero_modulo_n_is_refused() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::start(&verifier);
    let n = to_hex(&GROUP.n);
    let two_n = to_hex(&(&GROUP.n * 2u32));
    for a in ["0", "00", n.as_str(), two_n.as_str()] {
        assert_eq!(
            session.verify(a, &block(), "t", "AAAA"),
            Err(SrpError::InvalidClientValue),
            "{a}"
        );
    }
}

#[test]
fn malformed_inputs_are_refused() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::start(&verifier);
    assert_eq!(
        session.verify("zz", &block(), "t", "AAAA"),
        Err(SrpError::NotHex("SRP_A"))
    );
    assert_eq!(
        session.verify("1234", &block(), "t", "not base64!"),
        Err(SrpError::NotBase64("PASSWORD_CLAIM_SIGNATURE"))
    );
    assert_eq!(
        session.verify("1234", &block(), "t", ""),
        Err(SrpError::SignatureMismatch)
    );
    assert_eq!(
        PasswordVerifier::new("no-underscore", "u", &password()).err(),
        Some(SrpError::InvalidPoolId)
    );
    assert_eq!(
        ServerSession::with_private_value(&verifier, &[0]).err(),
        Some(SrpError::ZeroPrivateValue)
    );
}

#[test]
fn salt_and_values_are_sent_as_unpadded_hex() {
    let verifier =
        PasswordVerifier::with_salt(POOL, "u", &password(), &[0x00, 0x0a, 0xbc]).unwrap();
    assert_eq!(verifier.salt_hex(), "abc");
    let session = ServerSession::with_private_value(&verifier, &[1]).unwrap();
    // B = k·v + g mod N.
    let expected = (&GROUP.k * &verifier.verifier + 2u32) % &GROUP.n;
    assert_eq!(session.srp_b(), to_hex(&expected));
    assert!(!session.srp_b().starts_with('0'));
}

#[test]
fn debug_never_shows_secrets() {
    let verifier = PasswordVerifier::new(POOL, "uuid-1", &password()).unwrap();
    let session = ServerSession::with_private_value(&verifier, &[0x42; 16]).unwrap();
    let shown = format!("{verifier:?} {session:?}");
    assert!(!shown.contains(&verifier.verifier_hex()[..16]), "{shown}");
    assert!(!shown.contains(&verifier.salt_hex()), "{shown}");
    assert!(!shown.contains("4242"), "{shown}");
    assert!(shown.contains("uuid-1"));
}
