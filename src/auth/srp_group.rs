//! The group Cognito's SRP-6a works in (the 3072-bit prime of RFC 5054 / RFC 3526, generator
//! 2, the multiplier k) and the byte encodings its hashes use.

use std::sync::LazyLock;

use num_bigint::BigUint;
use rand::Rng;
use sha2::{Digest, Sha256};

/// The 3072-bit safe prime, as amazon-cognito-identity-js and pycognito spell it.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// How many random bytes a private value (`a`, `b`) is drawn from, as the Cognito SDKs do.
pub(crate) const PRIVATE_VALUE_BYTES: usize = 128;

/// The group: N, g = 2, and k = H(pad(N) | pad(g)).
pub(crate) struct Group {
    pub n: BigUint,
    pub g: BigUint,
    pub k: BigUint,
}

pub(crate) static GROUP: LazyLock<Group> = LazyLock::new(|| {
    let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap_or_default();
    let g = BigUint::from(2u32);
    let k = hash_to_int(&[&pad(&n), &pad(&g)]);
    Group { n, g, k }
});

/// The big-endian bytes of `value` as the Cognito SDKs hash it (their `padHex`): the shortest
/// encoding, with a leading zero byte when the high bit is set so that the value reads as
/// positive. Zero is one zero byte.
pub(crate) fn pad(value: &BigUint) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    match bytes.first() {
        Some(first) if first & 0x80 != 0 => {
            let mut padded = Vec::with_capacity(bytes.len() + 1);
            padded.push(0);
            padded.extend_from_slice(&bytes);
            padded
        }
        _ => bytes,
    }
}

/// SHA-256 of the concatenation of `parts`.
pub(crate) fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// SHA-256 of the concatenation of `parts`, read as a big-endian number.
pub(crate) fn hash_to_int(parts: &[&[u8]]) -> BigUint {
    BigUint::from_bytes_be(&hash(parts))
}

/// A number sent as hex (SRP_A, SRP_B, SALT): any case, no prefix, at least one digit.
pub(crate) fn parse_hex(text: &str) -> Option<BigUint> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    BigUint::parse_bytes(text.as_bytes(), 16)
}

/// A number as the Cognito SDKs send it: lower-case hex, no padding.
pub(crate) fn to_hex(value: &BigUint) -> String {
    value.to_str_radix(16)
}

/// A big number that is overwritten with zeros when dropped (best effort: the temporaries
/// num-bigint makes inside its own arithmetic are not reached). It has no `Debug`.
pub(crate) struct SecretInt(BigUint);

impl SecretInt {
    pub fn new(value: BigUint) -> Self {
        Self(value)
    }

    pub fn get(&self) -> &BigUint {
        &self.0
    }
}

impl SecretInt {
    /// `assign_from_slice` clears the digit vector and refills it in place: the old digits are
    /// overwritten before the (zero) value is normalised to an empty vector.
    fn wipe(&mut self) {
        let digits = usize::try_from(self.0.bits().div_ceil(32)).unwrap_or(0);
        self.0.assign_from_slice(&vec![0u32; digits]);
    }
}

impl Drop for SecretInt {
    fn drop(&mut self) {
        self.wipe();
    }
}

/// A private value from `bytes` (big-endian) reduced modulo N; `None` when that is zero.
pub(crate) fn private_value(bytes: &[u8]) -> Option<SecretInt> {
    let value = SecretInt::new(BigUint::from_bytes_be(bytes) % &GROUP.n);
    (value.get() != &BigUint::ZERO).then_some(value)
}

/// A fresh random private value: 128 random bytes modulo N, never zero.
pub(crate) fn random_private_value() -> SecretInt {
    let mut bytes = zeroize::Zeroizing::new([0u8; PRIVATE_VALUE_BYTES]);
    loop {
        rand::rng().fill_bytes(&mut *bytes);
        if let Some(value) = private_value(&*bytes) {
            return value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_is_the_3072_bit_prime_with_generator_2() {
        assert_eq!(GROUP.n.bits(), 3072);
        assert_eq!(GROUP.g, BigUint::from(2u32));
        // RFC 3526 group 15 ends in 64 one-bits, as it begins.
        assert_eq!(GROUP.n.iter_u64_digits().next(), Some(u64::MAX));
    }

    #[test]
    fn k_hashes_n_with_a_leading_zero_byte_and_g_as_one_byte() {
        let mut n_bytes = vec![0u8];
        n_bytes.extend(GROUP.n.to_bytes_be());
        assert_eq!(GROUP.k, hash_to_int(&[&n_bytes, &[2]]));
        assert_eq!(
            to_hex(&GROUP.k),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
    }

    #[test]
    fn pad_adds_a_zero_byte_only_when_the_high_bit_is_set() {
        assert_eq!(pad(&BigUint::ZERO), vec![0]);
        assert_eq!(pad(&BigUint::from(0x7fu32)), vec![0x7f]);
        assert_eq!(pad(&BigUint::from(0x80u32)), vec![0, 0x80]);
        assert_eq!(pad(&BigUint::from(0xabcu32)), vec![0x0a, 0xbc]);
        assert_eq!(pad(&BigUint::from(0x8abcu32)), vec![0, 0x8a, 0xbc]);
        assert_eq!(pad(&BigUint::from(0x0100u32)), vec![1, 0]);
    }

    #[test]
    fn hex_parsing_is_strict_about_characters_and_lenient_about_case() {
        assert_eq!(parse_hex("0aBc"), Some(BigUint::from(0xabcu32)));
        assert_eq!(parse_hex(""), None);
        assert_eq!(parse_hex("0x12"), None);
        assert_eq!(parse_hex("+12"), None);
        assert_eq!(parse_hex("12 "), None);
        assert_eq!(to_hex(&BigUint::from(0x0abcu32)), "abc");
    }

    #[test]
    fn private_values_are_reduced_and_never_zero() {
        assert!(private_value(&[]).is_none());
        assert!(private_value(&[0, 0]).is_none());
        assert!(private_value(&GROUP.n.to_bytes_be()).is_none());
        let n_plus_5 = (&GROUP.n + 5u32).to_bytes_be();
        assert_eq!(
            private_value(&n_plus_5).map(|v| v.get().clone()),
            Some(BigUint::from(5u32))
        );
        let a = random_private_value();
        let b = random_private_value();
        assert!(a.get() < &GROUP.n && a.get() != b.get());
    }

    #[test]
    fn wiping_a_secret_int_leaves_zero() {
        let mut secret = SecretInt::new(BigUint::from(u128::MAX));
        secret.wipe();
        assert_eq!(secret.get(), &BigUint::ZERO);
    }
}
