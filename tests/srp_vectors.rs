//! Cognito SRP-6a and SECRET_HASH against vectors computed by pycognito (an independent
//! implementation) with fixed random values: see tests/vectors/gen_srp_vectors.py.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cognito_mfa::auth::{
    PasswordVerifier, PasswordVerifierChallenge, ServerSession, SrpClient, SrpError,
    cognito_timestamp, secret_hash,
};
use cognito_mfa::secret::Sensitive;
use num_bigint::BigUint;
use serde::Deserialize;
use time::OffsetDateTime;
use time::macros::datetime;

#[derive(Deserialize)]
struct Vectors {
    srp: Vec<SrpVector>,
    secret_hash: Vec<SecretHashVector>,
    timestamps: Vec<TimestampVector>,
}

#[derive(Deserialize)]
struct SrpVector {
    name: String,
    padding: BTreeMap<String, String>,
    pool_id: String,
    username: String,
    password: String,
    client_id: String,
    client_secret: String,
    a: String,
    b: String,
    salt: String,
    verifier: String,
    unix_time: i64,
    challenge_parameters: BTreeMap<String, String>,
    srp_a: String,
    srp_b: String,
    hkdf_key: String,
    challenge_responses: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct SecretHashVector {
    username: String,
    client_id: String,
    client_secret: String,
    secret_hash: String,
}

#[derive(Deserialize)]
struct TimestampVector {
    unix_time: i64,
    timestamp: String,
}

fn vectors() -> Vectors {
    serde_json::from_str(include_str!("vectors/srp.json")).unwrap()
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    BigUint::parse_bytes(hex.as_bytes(), 16)
        .unwrap()
        .to_bytes_be()
}

fn at(unix_time: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix_time).unwrap()
}

fn challenge(v: &SrpVector) -> PasswordVerifierChallenge {
    PasswordVerifierChallenge::from_parameters(&v.challenge_parameters, &v.username).unwrap()
}

#[test]
fn client_matches_pycognito() {
    let vectors = vectors();
    assert!(vectors.srp.len() >= 4);
    for v in &vectors.srp {
        let client = SrpClient::with_private_value(&hex_bytes(&v.a)).unwrap();
        assert_eq!(client.srp_a(), v.srp_a, "{}: SRP_A", v.name);

        let password = Sensitive::new(v.password.as_str());
        let key = client
            .authentication_key(&challenge(v), &v.pool_id, &password)
            .unwrap();
        let key_hex: String = key.expose().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(key_hex, v.hkdf_key, "{}: HKDF key", v.name);

        let mut expected = v.challenge_responses.clone();
        let expected_secret_hash = expected.remove("SECRET_HASH").unwrap();
        let response = client
            .respond(&challenge(v), &v.pool_id, &password, at(v.unix_time))
            .unwrap();
        let username = response.username.clone();
        let got: BTreeMap<String, String> = response
            .into_challenge_responses()
            .into_iter()
            .map(|(k, v)| (k, v.expose().to_owned()))
            .collect();
        assert_eq!(got, expected, "{}: challenge responses", v.name);

        let hash = secret_hash(
            &Sensitive::new(v.client_secret.as_str()),
            &username,
            &v.client_id,
        );
        assert_eq!(
            hash.expose(),
            expected_secret_hash,
            "{}: SECRET_HASH",
            v.name
        );
    }
}

#[test]
fn server_matches_the_vectors_and_accepts_pycognito_proofs() {
    for v in &vectors().srp {
        let user_id = &v.challenge_parameters["USER_ID_FOR_SRP"];
        let password = Sensitive::new(v.password.as_str());
        let verifier =
            PasswordVerifier::with_salt(&v.pool_id, user_id, &password, &hex_bytes(&v.salt))
                .unwrap();
        assert_eq!(verifier.salt_hex(), v.salt, "{}: SALT", v.name);
        assert_eq!(verifier.verifier_hex(), v.verifier, "{}: verifier", v.name);

        let session = ServerSession::with_private_value(&verifier, &hex_bytes(&v.b)).unwrap();
        assert_eq!(session.srp_b(), v.srp_b, "{}: SRP_B", v.name);
        assert_eq!(session.srp_b(), v.challenge_parameters["SRP_B"]);

        let block = STANDARD
            .decode(&v.challenge_parameters["SECRET_BLOCK"])
            .unwrap();
        let timestamp = &v.challenge_responses["TIMESTAMP"];
        let signature = &v.challenge_responses["PASSWORD_CLAIM_SIGNATURE"];
        assert_eq!(
            session.verify(&v.srp_a, &block, timestamp, signature),
            Ok(()),
            "{}: pycognito's proof",
            v.name
        );

        let wrong = Sensitive::new(format!("{}x", v.password));
        let wrong_verifier =
            PasswordVerifier::with_salt(&v.pool_id, user_id, &wrong, &hex_bytes(&v.salt)).unwrap();
        let wrong_session =
            ServerSession::with_private_value(&wrong_verifier, &hex_bytes(&v.b)).unwrap();
        assert_eq!(
            wrong_session.verify(&v.srp_a, &block, timestamp, signature),
            Err(SrpError::SignatureMismatch),
            "{}: proof against another password's verifier",
            v.name
        );
    }
}

#[test]
fn vectors_cover_every_padding_case() {
    let covered: BTreeSet<(String, String)> = vectors()
        .srp
        .iter()
        .flat_map(|v| v.padding.clone())
        .collect();
    for part in ["A", "B", "S", "salt"] {
        for form in ["odd", "high", "plain"] {
            assert!(
                covered.contains(&(part.to_owned(), form.to_owned())),
                "{part} {form}"
            );
        }
    }
    for form in ["short", "high", "plain"] {
        assert!(
            covered.contains(&("u".to_owned(), form.to_owned())),
            "u {form}"
        );
    }
}

#[test]
fn secret_hash_matches_python_hmac() {
    let vectors = vectors();
    assert!(vectors.secret_hash.len() >= 3);
    for v in &vectors.secret_hash {
        let hash = secret_hash(
            &Sensitive::new(v.client_secret.as_str()),
            &v.username,
            &v.client_id,
        );
        assert_eq!(hash.expose(), v.secret_hash, "{}", v.username);
    }
}

#[test]
fn timestamps_match_pycognito() {
    for v in &vectors().timestamps {
        assert_eq!(cognito_timestamp(at(v.unix_time)), v.timestamp);
    }
}

#[test]
fn single_digit_days_are_not_zero_padded() {
    assert_eq!(
        cognito_timestamp(datetime!(2024-03-05 09:07:03 UTC)),
        "Tue Mar 5 09:07:03 UTC 2024"
    );
    assert_eq!(
        cognito_timestamp(datetime!(2024-11-09 00:00:09 UTC)),
        "Sat Nov 9 00:00:09 UTC 2024"
    );
    assert_eq!(
        cognito_timestamp(datetime!(2024-11-10 00:00:09 UTC)),
        "Sun Nov 10 00:00:09 UTC 2024"
    );
}

#[test]
fn client_and_server_round_trip() {
    let pool_id = "eu-central-1_RoundTrip";
    let password = Sensitive::new("S3cure pass!");
    let verifier = PasswordVerifier::new(pool_id, "b1c2d3e4-user", &password).unwrap();
    let secret_block = b"emulator-chosen secret block".to_vec();

    let sign_in = |password: &Sensitive| {
        let session = ServerSession::start(&verifier);
        let client = SrpClient::generate();
        let parameters = BTreeMap::from([
            ("SRP_B".to_owned(), session.srp_b()),
            ("SALT".to_owned(), session.salt_hex()),
            ("SECRET_BLOCK".to_owned(), STANDARD.encode(&secret_block)),
            (
                "USER_ID_FOR_SRP".to_owned(),
                session.user_id_for_srp().to_owned(),
            ),
            ("USERNAME".to_owned(), session.user_id_for_srp().to_owned()),
        ]);
        let challenge = PasswordVerifierChallenge::from_parameters(&parameters, "bob").unwrap();
        let response = client
            .respond(&challenge, pool_id, password, OffsetDateTime::now_utc())
            .unwrap();
        assert_eq!(
            STANDARD
                .decode(response.password_claim_secret_block.expose())
                .unwrap(),
            secret_block
        );
        session.verify(
            &client.srp_a(),
            &secret_block,
            &response.timestamp,
            response.password_claim_signature.expose(),
        )
    };

    assert_eq!(sign_in(&password), Ok(()));
    assert_eq!(
        sign_in(&Sensitive::new("S3cure pass?")),
        Err(SrpError::SignatureMismatch)
    );
}
