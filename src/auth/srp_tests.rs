use super::*;
use std::collections::BTreeMap;
use time::macros::datetime;

fn challenge(srp_b: &str) -> PasswordVerifierChallenge {
    PasswordVerifierChallenge {
        srp_b: srp_b.to_owned(),
        salt: "a1b2c3".to_owned(),
        secret_block: Sensitive::new("c2VjcmV0LWJsb2Nr"),
        user_id_for_srp: "user-id".to_owned(),
        username: "alice".to_owned(),
    }
}

fn password() -> Sensitive {
    Sensitive::new("Correct horse 1!")
}

#[test]
fn pool_name_is_the_part_after_the_underscore() {
    assert_eq!(pool_name("us-east-1_AbC123"), Ok("AbC123"));
    assert_eq!(pool_name("eu-west-2_x"), Ok("x"));
    for bad in ["", "us-east-1", "_AbC", "us-east-1_", "a_b_c"] {
        assert_eq!(pool_name(bad), Err(SrpError::InvalidPoolId), "{bad:?}");
    }
}

#[test]
fn timestamp_does_not_pad_the_day_but_pads_the_clock() {
    assert_eq!(
        cognito_timestamp(datetime!(2024-03-05 09:07:03 UTC)),
        "Tue Mar 5 09:07:03 UTC 2024"
    );
    assert_eq!(
        cognito_timestamp(datetime!(2023-12-31 23:59:59 UTC)),
        "Sun Dec 31 23:59:59 UTC 2023"
    );
    assert_eq!(
        cognito_timestamp(datetime!(2025-01-01 00:00:00 UTC)),
        "Wed Jan 1 00:00:00 UTC 2025"
    );
}

#[test]
fn timestamp_is_in_utc_whatever_the_offset() {
    assert_eq!(
        cognito_timestamp(datetime!(2024-03-05 01:30:00 +02:00)),
        "Mon Mar 4 23:30:00 UTC 2024"
    );
}

#[test]
fn srp_a_is_unpadded_lower_case_hex() {
    let client = SrpClient::with_private_value(&[1]).unwrap();
    assert_eq!(client.srp_a(), "2");
    let client = SrpClient::with_private_value(&[12]).unwrap();
    assert_eq!(client.srp_a(), "1000");
    let random = SrpClient::generate().srp_a();
    assert!(
        random
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert!(!random.starts_with('0'));
}

#[test]
fn a_zero_private_value_is_refused() {
    let n = GROUP.n.to_bytes_be();
    assert_eq!(
        SrpClient::with_private_value(&n).err(),
        Some(SrpError::ZeroPrivateValue)
    );
    assert_eq!(
        SrpClient::with_private_value(&[0]).err(),
        Some(SrpError::ZeroPrivateValue)
    );
}

#[test]
fn b_that_is_zero_modulo_n_is_refused() {
    let client = SrpClient::generate();
    let n = to_hex(&GROUP.n);
    let two_n = to_hex(&(&GROUP.n * 2u32));
    for b in [
        "0",
        "000",
        n.as_str(),
        n.to_uppercase().as_str(),
        two_n.as_str(),
    ] {
        let result = client.respond(
            &challenge(b),
            "us-east-1_P",
            &password(),
            OffsetDateTime::UNIX_EPOCH,
        );
        assert_eq!(result.err(), Some(SrpError::InvalidServerValue));
    }
}

#[test]
fn a_zero_scrambler_is_refused() {
    assert_eq!(
        nonzero_scrambler(BigUint::ZERO),
        Err(SrpError::ZeroScrambler)
    );
    assert_eq!(
        nonzero_scrambler(BigUint::from(1u32)),
        Ok(BigUint::from(1u32))
    );
}

#[test]
fn malformed_challenges_are_named() {
    let client = SrpClient::generate();
    let at = OffsetDateTime::UNIX_EPOCH;
    let respond =
        |c: &PasswordVerifierChallenge, pool: &str| client.respond(c, pool, &password(), at).err();
    assert_eq!(
        respond(&challenge("xyz"), "us-east-1_P"),
        Some(SrpError::NotHex("SRP_B"))
    );
    let mut bad_salt = challenge("1234");
    bad_salt.salt = "0x12".to_owned();
    assert_eq!(
        respond(&bad_salt, "us-east-1_P"),
        Some(SrpError::NotHex("SALT"))
    );
    let mut bad_block = challenge("1234");
    bad_block.secret_block = Sensitive::new("not base64!");
    assert_eq!(
        respond(&bad_block, "us-east-1_P"),
        Some(SrpError::NotBase64("SECRET_BLOCK"))
    );
    assert_eq!(
        respond(&challenge("1234"), "nopool"),
        Some(SrpError::InvalidPoolId)
    );
}

#[test]
fn challenge_parameters_are_read_by_name() {
    let mut parameters: BTreeMap<String, String> = [
        ("SRP_B", "abc"),
        ("SALT", "12"),
        ("SECRET_BLOCK", "c2Vj"),
        ("USER_ID_FOR_SRP", "uuid-1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let read = PasswordVerifierChallenge::from_parameters(&parameters, "alice").unwrap();
    assert_eq!(read.username, "alice");
    assert_eq!((read.srp_b.as_str(), read.salt.as_str()), ("abc", "12"));
    assert_eq!(read.secret_block.expose(), "c2Vj");
    parameters.insert("USERNAME".to_owned(), "uuid-1".to_owned());
    let read = PasswordVerifierChallenge::from_parameters(&parameters, "alice").unwrap();
    assert_eq!(read.username, "uuid-1");
    parameters.remove("SALT");
    assert_eq!(
        PasswordVerifierChallenge::from_parameters(&parameters, "alice").err(),
        Some(SrpError::MissingParameter("SALT"))
    );
}

#[test]
fn response_is_keyed_as_cognito_expects() {
    let client = SrpClient::generate();
    let response = client
        .respond(
            &challenge("1234"),
            "us-east-1_P",
            &password(),
            datetime!(2024-03-05 09:07:03 UTC),
        )
        .unwrap();
    let map = response.into_challenge_responses();
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "TIMESTAMP",
            "USERNAME"
        ]
    );
    assert_eq!(map["USERNAME"].expose(), "alice");
    assert_eq!(map["TIMESTAMP"].expose(), "Tue Mar 5 09:07:03 UTC 2024");
    assert_eq!(
        map["PASSWORD_CLAIM_SECRET_BLOCK"].expose(),
        "c2VjcmV0LWJsb2Nr"
    );
    assert_eq!(map["PASSWORD_CLAIM_SIGNATURE"].len(), 44);
}

#[test]
fn debug_never_shows_secrets() {
    let client = SrpClient::with_private_value(&[7; 32]).unwrap();
    let c = challenge("1234");
    let key = client
        .authentication_key(&c, "us-east-1_P", &password())
        .unwrap();
    let response = client
        .respond(&c, "us-east-1_P", &password(), OffsetDateTime::UNIX_EPOCH)
        .unwrap();
    let shown = format!("{client:?} {key:?} {c:?} {response:?}");
    assert!(!shown.contains("0707"), "{shown}");
    assert!(!shown.contains("c2VjcmV0LWJsb2Nr"), "{shown}");
    assert!(
        !shown.contains(response.password_claim_signature.expose()),
        "{shown}"
    );
    let key_hex: String = key.expose().iter().map(|b| format!("{b:02x}")).collect();
    assert!(!shown.contains(&key_hex[..8]), "{shown}");
    assert!(shown.contains("alice"));
}
