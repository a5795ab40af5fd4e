//! The one check of an AssociateSoftwareToken answer beyond its shape: the SecretCode.

/// The longest SecretCode accepted; Cognito's are 32 characters (moto's 12).
pub const MAX_SECRET_CODE_LEN: usize = 1024;

/// A SecretCode must be base32, as an authenticator app takes it: the letters A–Z in any case
/// and the digits 2–7, padding (`=`) optional and only at the end, not empty, at most
/// [`MAX_SECRET_CODE_LEN`] characters. Anything else is not Cognito's answer, and must not
/// reach a QR code or the terminal.
pub fn check(secret: &str) -> Result<(), String> {
    let body = secret.trim_end_matches('=');
    if body.is_empty() {
        return Err("an empty SecretCode".into());
    }
    if secret.len() > MAX_SECRET_CODE_LEN {
        return Err(format!(
            "a SecretCode of {} characters, more than {MAX_SECRET_CODE_LEN}",
            secret.chars().count()
        ));
    }
    if !body
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || (b'2'..=b'7').contains(&b))
    {
        return Err(
            "a SecretCode that is not base32 (only the letters A-Z and the digits 2-7)".into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::wire::{
        AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse, Operation,
    };

    #[test]
    fn secret_codes_must_be_base32() {
        for good in [
            "JBSWY3DPEHPK3PXP",
            "asdfasdfasdf",
            "jbswy3dp====",
            &"A".repeat(1024),
        ] {
            assert!(check(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "====",
            "JBSW Y3DP",
            "JBSWY3DP1",
            "JBSW=Y3DP",
            "\u{1b}[2J",
            "ÄBC",
            &"A".repeat(1025),
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
        let answer = AssociateSoftwareTokenResponse {
            secret_code: "not base32!".into(),
            session: None,
        };
        assert!(AssociateSoftwareTokenRequest::check_response(&answer).is_err());
    }
}
