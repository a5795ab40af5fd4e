//! Cognito's SRP-6a, the client side: `SRP_A` for `InitiateAuth USER_SRP_AUTH`, then the
//! answer to the `PASSWORD_VERIFIER` challenge. The steps shared with the server side (u, x,
//! the HKDF key, the signed message) live here too.
//!
//! The encodings follow amazon-cognito-identity-js and pycognito: numbers are hashed in their
//! `padHex` form (see `srp_group::pad`), `SRP_A` is sent as unpadded lower-case hex, and the
//! salt is read as a number before it is padded (as the JavaScript and Java SDKs do; pycognito
//! pads the text as received, which agrees for every salt Cognito sends, since those carry no
//! redundant leading zero byte).

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use num_bigint::BigUint;
use sha2::Sha256;
use time::{OffsetDateTime, UtcOffset};
use zeroize::Zeroizing;

use super::hmac_sha256::hmac_sha256;
pub use super::srp_error::SrpError;
use super::srp_group::{
    GROUP, SecretInt, hash, hash_to_int, pad, parse_hex, private_value, random_private_value,
    to_hex,
};
pub use super::srp_messages::{PasswordVerifierChallenge, PasswordVerifierResponse};
use crate::secret::Sensitive;

/// The HKDF `info` of Cognito's key derivation.
const DERIVED_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// The pool's name as SRP uses it: the part of the pool id after `_`.
pub fn pool_name(pool_id: &str) -> Result<&str, SrpError> {
    match pool_id.split_once('_') {
        Some((region, name)) if !region.is_empty() && !name.is_empty() && !name.contains('_') => {
            Ok(name)
        }
        _ => Err(SrpError::InvalidPoolId),
    }
}

/// The TIMESTAMP Cognito wants, `EEE MMM d HH:mm:ss UTC yyyy` in English and in UTC, with the
/// day of the month not zero-padded: `Tue Mar 5 09:07:03 UTC 2024`.
pub fn cognito_timestamp(at: OffsetDateTime) -> String {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let at = at.to_offset(UtcOffset::UTC);
    let weekday = WEEKDAYS[usize::from(at.weekday().number_days_from_monday())];
    let month = MONTHS[usize::from(u8::from(at.month()) - 1)];
    format!(
        "{weekday} {month} {} {:02}:{:02}:{:02} UTC {}",
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.year()
    )
}

/// u = H(pad(A) | pad(B)); zero is refused by both sides.
pub(crate) fn scrambler(big_a: &BigUint, big_b: &BigUint) -> Result<BigUint, SrpError> {
    nonzero_scrambler(hash_to_int(&[&pad(big_a), &pad(big_b)]))
}

fn nonzero_scrambler(u: BigUint) -> Result<BigUint, SrpError> {
    if u == BigUint::ZERO {
        return Err(SrpError::ZeroScrambler);
    }
    Ok(u)
}

/// x = H(pad(salt) | H(poolName | userIdForSrp | ":" | password)).
pub(crate) fn private_key(
    pool_name: &str,
    user_id_for_srp: &str,
    password: &Sensitive,
    salt: &BigUint,
) -> SecretInt {
    let identity = Zeroizing::new(hash(&[
        pool_name.as_bytes(),
        user_id_for_srp.as_bytes(),
        b":",
        password.expose().as_bytes(),
    ]));
    SecretInt::new(hash_to_int(&[&pad(salt), &identity[..]]))
}

/// The 16-byte key both sides derive from the shared secret S: HKDF-SHA256 (RFC 5869) with
/// salt pad(u) and info "Caldera Derived Key".
pub(crate) fn derive_key(
    shared_secret: &BigUint,
    u: &BigUint,
) -> Result<AuthenticationKey, SrpError> {
    let ikm = Zeroizing::new(pad(shared_secret));
    let mut key = Zeroizing::new([0u8; 16]);
    // Expansion fails only for outputs over 255 blocks; 16 bytes is one.
    Hkdf::<Sha256>::new(Some(&pad(u)), &ikm)
        .expand(DERIVED_KEY_INFO, &mut key[..])
        .map_err(|_| SrpError::KeyDerivation)?;
    Ok(AuthenticationKey(key))
}

/// The parts of the message PASSWORD_CLAIM_SIGNATURE signs, in order.
pub(crate) fn signed_message<'a>(
    pool_name: &'a str,
    user_id_for_srp: &'a str,
    secret_block: &'a [u8],
    timestamp: &'a str,
) -> [&'a [u8]; 4] {
    [
        pool_name.as_bytes(),
        user_id_for_srp.as_bytes(),
        secret_block,
        timestamp.as_bytes(),
    ]
}

/// The HKDF output both sides sign with. Zeroed on drop; `Debug` never shows it.
pub struct AuthenticationKey(Zeroizing<[u8; 16]>);

impl AuthenticationKey {
    /// The key bytes, for test vectors and the signature.
    pub fn expose(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Debug for AuthenticationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthenticationKey([redacted])")
    }
}

/// One SRP sign-in attempt: the private value a and A = g^a mod N.
pub struct SrpClient {
    a: SecretInt,
    big_a: BigUint,
}

impl SrpClient {
    /// A client with a fresh random private value.
    pub fn generate() -> Self {
        Self::from_private(random_private_value())
    }

    /// A client with a chosen private value (big-endian bytes, reduced modulo N): for tests.
    pub fn with_private_value(a: &[u8]) -> Result<Self, SrpError> {
        private_value(a)
            .map(Self::from_private)
            .ok_or(SrpError::ZeroPrivateValue)
    }

    fn from_private(a: SecretInt) -> Self {
        // a is in [1, N), and g generates a subgroup of the prime field, so A is never zero.
        let big_a = GROUP.g.modpow(a.get(), &GROUP.n);
        Self { a, big_a }
    }

    /// SRP_A for InitiateAuth: lower-case hex, unpadded.
    pub fn srp_a(&self) -> String {
        to_hex(&self.big_a)
    }

    /// The key the server will also derive when the password is right.
    pub fn authentication_key(
        &self,
        challenge: &PasswordVerifierChallenge,
        pool_id: &str,
        password: &Sensitive,
    ) -> Result<AuthenticationKey, SrpError> {
        let pool_name = pool_name(pool_id)?;
        let big_b = parse_hex(&challenge.srp_b).ok_or(SrpError::NotHex("SRP_B"))?;
        let salt = parse_hex(&challenge.salt).ok_or(SrpError::NotHex("SALT"))?;
        let big_b = big_b % &GROUP.n;
        if big_b == BigUint::ZERO {
            return Err(SrpError::InvalidServerValue);
        }
        let u = scrambler(&self.big_a, &big_b)?;
        let x = private_key(pool_name, &challenge.user_id_for_srp, password, &salt);
        // S = (B - k·g^x)^(a + u·x) mod N, the base kept in [0, N).
        let k_gx = (&GROUP.k * GROUP.g.modpow(x.get(), &GROUP.n)) % &GROUP.n;
        let base = SecretInt::new((&big_b + &GROUP.n - k_gx) % &GROUP.n);
        let exponent = SecretInt::new(self.a.get() + &u * x.get());
        let shared = SecretInt::new(base.get().modpow(exponent.get(), &GROUP.n));
        derive_key(shared.get(), &u)
    }

    /// The answer to PASSWORD_VERIFIER, signed at `now`.
    pub fn respond(
        &self,
        challenge: &PasswordVerifierChallenge,
        pool_id: &str,
        password: &Sensitive,
        now: OffsetDateTime,
    ) -> Result<PasswordVerifierResponse, SrpError> {
        let secret_block = STANDARD
            .decode(challenge.secret_block.expose())
            .map_err(|_| SrpError::NotBase64("SECRET_BLOCK"))?;
        let key = self.authentication_key(challenge, pool_id, password)?;
        let timestamp = cognito_timestamp(now);
        let pool_name = pool_name(pool_id)?;
        let signature = hmac_sha256(
            key.expose(),
            &signed_message(
                pool_name,
                &challenge.user_id_for_srp,
                &secret_block,
                &timestamp,
            ),
        );
        Ok(PasswordVerifierResponse {
            username: challenge.username.clone(),
            password_claim_secret_block: challenge.secret_block.clone(),
            password_claim_signature: Sensitive::new(STANDARD.encode(signature)),
            timestamp,
        })
    }
}

impl fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SrpClient { a: [redacted], .. }")
    }
}

#[cfg(test)]
#[path = "srp_tests.rs"]
mod tests;
