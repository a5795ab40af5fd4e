//! Checks shared by the operations: required parameters, SECRET_HASH, the password policy,
//! TOTP codes.

use super::config::ClientConfig;
use super::fault::Fault;
use super::pool::SoftwareToken;
use crate::auth::secret_hash;
use crate::cognito::wire::SecretParams;
use crate::secret::Sensitive;

/// An auth parameter or challenge response the request must carry.
pub fn required<'a>(params: &'a SecretParams, name: &str) -> Result<&'a Sensitive, Fault> {
    params
        .get(name)
        .ok_or_else(|| Fault::invalid_parameter(format!("Missing required parameter {name}")))
}

/// For a client with a secret: SECRET_HASH must be present and match one of the names the user
/// goes by (the username, or for refresh the `sub`).
pub fn check_secret_hash(
    client: &ClientConfig,
    names: &[&str],
    given: Option<&Sensitive>,
) -> Result<(), Fault> {
    let Some(secret) = &client.secret else {
        return Ok(());
    };
    let Some(given) = given else {
        return Err(Fault::not_authorized(format!(
            "Client {} is configured for secret but secret was not received",
            client.id
        )));
    };
    let matches = names.iter().any(|name| {
        let expected = secret_hash(secret, name, &client.id);
        constant_time_eq(expected.expose().as_bytes(), given.expose().as_bytes())
    });
    if matches {
        Ok(())
    } else {
        Err(Fault::not_authorized(format!(
            "Unable to verify secret hash for client {}",
            client.id
        )))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Cognito's default policy: 8 characters or more, with upper and lower case, digits, symbols.
pub fn check_password_policy(password: &str) -> Result<(), Fault> {
    let fail = |what: &str| {
        Err(Fault::new(
            "InvalidPasswordException",
            format!("Password does not conform to policy: {what}"),
        ))
    };
    if password.chars().count() < 8 {
        return fail("Password not long enough");
    }
    if !password.chars().any(|c| c.is_uppercase()) {
        return fail("Password must have uppercase characters");
    }
    if !password.chars().any(|c| c.is_lowercase()) {
        return fail("Password must have lowercase characters");
    }
    if !password.chars().any(|c| c.is_ascii_digit()) {
        return fail("Password must have numeric characters");
    }
    if !password
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        return fail("Password must have symbol characters");
    }
    Ok(())
}

/// `UserCode` as the API model constrains it: exactly 6 characters, digits only.
pub fn validate_user_code(code: &str) -> Result<(), Fault> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Fault::invalid_parameter(
            "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: [0-9]+",
        ));
    }
    Ok(())
}

/// The time step a code matches (one step either side of now), unless that step or a later one
/// was already accepted for this token (RFC 6238 §5.2: a code is accepted once).
pub fn accept_code(token: &SoftwareToken, code: &str, now: u64) -> Option<u64> {
    let step = crate::totp::matching_step(&token.key, code, now, 1)?;
    match token.last_accepted_step {
        Some(last) if step <= last => None,
        _ => Some(step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::config::AuthFlow;
    use std::time::Duration;
    use zeroize::Zeroizing;

    fn client(secret: Option<&str>) -> ClientConfig {
        ClientConfig {
            id: "client1".into(),
            name: "c".into(),
            secret: secret.map(Sensitive::from),
            auth_flows: vec![AuthFlow::UserPassword],
            session_validity: Duration::from_secs(180),
            prevent_user_existence_errors: true,
        }
    }

    #[test]
    fn secret_hash_required_only_with_a_secret() {
        assert!(check_secret_hash(&client(None), &["alice"], None).is_ok());
        let with = client(Some("s3cr3t"));
        let missing = check_secret_hash(&with, &["alice"], None).unwrap_err();
        assert!(missing.message.contains("secret was not received"));
        let wrong = check_secret_hash(&with, &["alice"], Some(&"AAAA".into())).unwrap_err();
        assert_eq!(
            wrong.message,
            "Unable to verify secret hash for client client1"
        );
        let right = secret_hash(&"s3cr3t".into(), "alice", "client1");
        assert!(check_secret_hash(&with, &["bob", "alice"], Some(&right)).is_ok());
    }

    #[test]
    fn password_policy() {
        assert!(check_password_policy("Short1!").is_err());
        assert!(check_password_policy("alllower1!").is_err());
        assert!(check_password_policy("NoDigits!!").is_err());
        assert!(check_password_policy("NoSymbol12").is_err());
        assert!(check_password_policy("Good-Passw0rd").is_ok());
    }

    #[test]
    fn user_code_shape() {
        assert!(validate_user_code("012345").is_ok());
        for bad in ["", "12345", "1234567", "12345a", "١٢٣٤٥٦"] {
            assert!(validate_user_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_are_accepted_once_within_one_step() {
        let mut token = SoftwareToken {
            key: Zeroizing::new(b"12345678901234567890".to_vec()),
            friendly_device_name: None,
            last_accepted_step: None,
        };
        let now = 1_000_000_000;
        let step = crate::totp::step_at(now);
        let code = crate::totp::code_for_step(&token.key, step + 1);
        assert_eq!(accept_code(&token, &code, now), Some(step + 1));
        let far = crate::totp::code_for_step(&token.key, step + 2);
        assert_eq!(accept_code(&token, &far, now), None);
        token.last_accepted_step = Some(step + 1);
        assert_eq!(accept_code(&token, &code, now), None);
    }
}
