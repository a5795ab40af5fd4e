//! Random values: session strings, secrets, identifiers (thread RNG, a CSPRNG).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zeroize::Zeroizing;

/// `bytes` random bytes, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buffer = Zeroizing::new(vec![0u8; bytes]);
    rand::fill(&mut buffer[..]);
    URL_SAFE_NO_PAD.encode(&buffer[..])
}

/// Random key bytes (a TOTP secret's key).
pub fn random_key(bytes: usize) -> Zeroizing<Vec<u8>> {
    let mut buffer = Zeroizing::new(vec![0u8; bytes]);
    rand::fill(&mut buffer[..]);
    buffer
}

/// A version-4 UUID (user `sub`, request ids, token ids).
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    rand::fill(&mut b[..]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 15)]));
    }
    out
}

/// RFC 4648 base32, upper case, without padding: how Cognito sends `SecretCode`.
pub fn base32_upper(bytes: &[u8]) -> Zeroizing<String> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Zeroizing::new(String::with_capacity(bytes.len().div_ceil(5) * 8));
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32_upper(input.as_bytes()).as_str(), expected);
        }
    }

    #[test]
    fn base32_round_trips_through_the_totp_decoder() {
        let key = random_key(32);
        let text = base32_upper(&key);
        assert_eq!(text.len(), 52);
        assert_eq!(crate::totp::decode_secret(&text).unwrap(), key.to_vec());
    }

    #[test]
    fn uuid_has_the_v4_shape() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_eq!(
            id.match_indices('-').map(|(i, _)| i).collect::<Vec<_>>(),
            [8, 13, 18, 23]
        );
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(id, uuid_v4());
    }
}
