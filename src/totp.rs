//! TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), the `otpauth://` URI, and parsing
//! of what users type. Pure functions, used by the wizard, the emulator and the tests.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub const DIGITS: usize = 6;
pub const STEP_SECONDS: u64 = 30;
/// Below this many bits a key is weak (RFC 4226 asks for 128); such keys are shown with a warning.
pub const RECOMMENDED_SECRET_BITS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the secret is empty")]
    EmptySecret,
    #[error("the secret is not base32: it may hold only the letters A–Z and the digits 2–7")]
    NotBase32,
}

/// The secret as authenticator apps want it: upper case, no padding, no spaces or dashes.
pub fn normalize_secret(secret: &str) -> String {
    secret
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '='))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Decodes a base32 secret, lenient as authenticator apps are: any case, no padding needed,
/// trailing bits ignored (moto's 12-character secret has some set).
pub fn decode_secret(secret: &str) -> Result<Vec<u8>, TotpError> {
    let normalized = normalize_secret(secret);
    if normalized.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    let mut out = Vec::with_capacity(normalized.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in normalized.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return Err(TotpError::NotBase32),
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// How many bits of key a base32 secret carries.
pub fn secret_bits(secret: &str) -> usize {
    normalize_secret(secret).len() * 5
}

/// The time step (counter) for a Unix time.
pub fn step_at(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// Seconds until the code shown at `unix_seconds` changes.
pub fn seconds_left(unix_seconds: u64) -> u64 {
    STEP_SECONDS - unix_seconds % STEP_SECONDS
}

/// The HOTP value for one counter, as 6 digits with leading zeros.
pub fn code_for_step(key: &[u8], step: u64) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", binary % 1_000_000)
}

/// The code an authenticator app shows at `unix_seconds`.
pub fn code_at(key: &[u8], unix_seconds: u64) -> String {
    code_for_step(key, step_at(unix_seconds))
}

/// The step whose code matches, looking `window` steps either side of now (Cognito: 1).
pub fn matching_step(key: &[u8], code: &str, unix_seconds: u64, window: u64) -> Option<u64> {
    let now = step_at(unix_seconds);
    (now.saturating_sub(window)..=now + window).find(|&step| {
        let expected = code_for_step(key, step);
        constant_time_eq(expected.as_bytes(), code.as_bytes())
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The current Unix time in seconds.
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("type the 6 digits your app shows")]
    Empty,
    #[error("the code has only digits (spaces or one dash between the groups are fine)")]
    NotDigits,
    #[error("the code has 6 digits; this has {0}")]
    WrongLength(usize),
}

/// Reads a code as users type it: `123456`, `123 456` or `123-456`.
pub fn parse_user_code(input: &str) -> Result<String, CodeError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(CodeError::Empty);
    }
    let separators = trimmed.chars().filter(|c| matches!(c, ' ' | '-')).count();
    let digits: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(CodeError::NotDigits);
    }
    if digits.len() != DIGITS {
        return Err(CodeError::WrongLength(digits.len()));
    }
    let grouped = separators == 0
        || (separators == 1 && matches!(trimmed.as_bytes().get(3), Some(b' ' | b'-')));
    if !grouped {
        return Err(CodeError::NotDigits);
    }
    Ok(digits)
}

/// Percent-encodes everything but RFC 3986's unreserved characters (so a space is `%20` and a
/// `:` inside an issuer or account name cannot be mistaken for the label separator).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `otpauth://totp/{issuer}:{account}?secret={SECRET}&issuer={issuer}`; algorithm, digits and
/// period are left at their defaults, which every authenticator app assumes.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}",
        percent_encode(account),
        normalize_secret(secret)
    )
}

/// `otpauth://totp/{account}?secret={SECRET}&issuer={issuer}`: the label without the optional
/// issuer prefix (Google's Key Uri Format), for a smaller QR code. Apps name the entry from
/// the `issuer` parameter.
pub fn otpauth_uri_short(issuer: &str, account: &str, secret: &str) -> String {
    format!(
        "otpauth://totp/{}?secret={}&issuer={}",
        percent_encode(account),
        normalize_secret(secret),
        percent_encode(issuer)
    )
}

/// The secret in groups of four, for typing by hand.
pub fn group_secret(secret: &str) -> String {
    let normalized = normalize_secret(secret);
    let chars: Vec<char> = normalized.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B, SHA-1 key "12345678901234567890", truncated to 6 digits.
    #[test]
    fn rfc6238_vectors() {
        let key = b"12345678901234567890";
        for (t, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(code_at(key, t), expected, "t={t}");
        }
    }

    #[test]
    fn base32_decodes_rfc4648_and_short_secrets() {
        assert_eq!(decode_secret("MZXW6YTBOI======").unwrap(), b"foobar");
        assert_eq!(decode_secret("mzxw 6ytb oi").unwrap(), b"foobar");
        // moto's constant secret: 60 bits, non-zero trailing bits.
        assert_eq!(decode_secret("asdfasdfasdf").unwrap().len(), 7);
        assert_eq!(decode_secret("ABC1"), Err(TotpError::NotBase32));
        assert_eq!(decode_secret(" "), Err(TotpError::EmptySecret));
        assert_eq!(secret_bits("asdfasdfasdf"), 60);
    }

    #[test]
    fn matching_step_accepts_one_step_either_side_only() {
        let key = b"12345678901234567890";
        let now = 1_000_000_000;
        let step = step_at(now);
        assert_eq!(
            matching_step(key, &code_for_step(key, step - 1), now, 1),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(key, &code_for_step(key, step + 1), now, 1),
            Some(step + 1)
        );
        assert_eq!(
            matching_step(key, &code_for_step(key, step + 2), now, 1),
            None
        );
        assert_eq!(matching_step(key, "12345", now, 1), None);
    }

    #[test]
    fn user_codes_as_people_type_them() {
        assert_eq!(parse_user_code("123456").unwrap(), "123456");
        assert_eq!(parse_user_code(" 123 456 ").unwrap(), "123456");
        assert_eq!(parse_user_code("123-456").unwrap(), "123456");
        assert_eq!(parse_user_code(""), Err(CodeError::Empty));
        assert_eq!(parse_user_code("12345"), Err(CodeError::WrongLength(5)));
        assert_eq!(parse_user_code("12a456"), Err(CodeError::NotDigits));
        assert_eq!(parse_user_code("12-34-56"), Err(CodeError::NotDigits));
        assert_eq!(parse_user_code("1234 56"), Err(CodeError::NotDigits));
    }

    #[test]
    fn otpauth_uri_encodes_label_parts() {
        assert_eq!(
            otpauth_uri("Acme Corp", "jane:doe@example.com", "jbsw y3dp ehpk 3pxp"),
            "otpauth://totp/Acme%20Corp:jane%3Adoe%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp"
        );
    }

    #[test]
    fn the_short_uri_drops_only_the_label_prefix() {
        assert_eq!(
            otpauth_uri_short("Acme Corp", "jane@example.com", "jbsw y3dp"),
            "otpauth://totp/jane%40example.com?secret=JBSWY3DP&issuer=Acme%20Corp"
        );
    }

    #[test]
    fn secrets_group_in_fours() {
        assert_eq!(group_secret("abcdefghij"), "ABCD EFGH IJ");
        assert_eq!(seconds_left(60), 30);
        assert_eq!(seconds_left(89), 1);
    }
}
