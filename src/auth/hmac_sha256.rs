//! HMAC-SHA256 that cannot fail: the key is brought to the hash's block size first, exactly as
//! RFC 2104 does (hashed when longer than a block, zero-padded otherwise), so the fixed-size
//! constructor applies and no impossible error has to be handled.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const BLOCK_SIZE: usize = 64;

/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut block = Zeroizing::new([0u8; BLOCK_SIZE]);
    if key.len() > BLOCK_SIZE {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&(*block).into());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Whether `tag` is the HMAC-SHA256 of `parts` under `key`, compared in constant time.
pub(crate) fn hmac_sha256_matches(key: &[u8], parts: &[&[u8]], tag: &[u8]) -> bool {
    let expected = hmac_sha256(key, parts);
    expected.len() == tag.len()
        && expected
            .iter()
            .zip(tag)
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn matches_the_hmac_crate_for_short_block_sized_and_long_keys() {
        for key_len in [0, 1, 31, 64, 65, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 ^ 0x5a).collect();
            assert_eq!(
                hmac_sha256(&key, &[b"ab", b"", b"cd"]),
                reference(&key, b"abcd"),
                "key length {key_len}"
            );
        }
    }

    #[test]
    fn rfc4231_case_2() {
        let tag = hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn comparison_rejects_other_tags_and_lengths() {
        let tag = hmac_sha256(b"k", &[b"m"]);
        assert!(hmac_sha256_matches(b"k", &[b"m"], &tag));
        let mut flipped = tag;
        flipped[31] ^= 1;
        assert!(!hmac_sha256_matches(b"k", &[b"m"], &flipped));
        assert!(!hmac_sha256_matches(b"k", &[b"m"], &tag[..31]));
        assert!(!hmac_sha256_matches(b"k", &[b"m"], &[]));
    }
}
