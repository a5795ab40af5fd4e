//! Cognito's SRP-6a, the server side, for the emulator: the salt and verifier stored for a
//! user, the session that sends `SRP_B`, and the check of `PASSWORD_CLAIM_SIGNATURE`.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use num_bigint::BigUint;
use rand::Rng;

use super::hmac_sha256::hmac_sha256_matches;
use super::srp::{SrpError, derive_key, pool_name, private_key, scrambler, signed_message};
use super::srp_group::{GROUP, SecretInt, parse_hex, private_value, random_private_value, to_hex};
use crate::secret::Sensitive;

/// How many random bytes a new salt has.
const SALT_BYTES: usize = 16;

/// What a user pool stores instead of the password: the salt and v = g^x mod N, for one
/// pool name and one USER_ID_FOR_SRP (x depends on both).
#[derive(Clone)]
pub struct PasswordVerifier {
    pool_name: String,
    user_id_for_srp: String,
    salt: BigUint,
    verifier: BigUint,
}

impl PasswordVerifier {
    /// A verifier with a fresh random salt.
    pub fn new(
        pool_id: &str,
        user_id_for_srp: &str,
        password: &Sensitive,
    ) -> Result<Self, SrpError> {
        let mut salt = [0u8; SALT_BYTES];
        rand::rng().fill_bytes(&mut salt);
        Self::with_salt(pool_id, user_id_for_srp, password, &salt)
    }

    /// A verifier with a chosen salt (big-endian bytes): for tests.
    pub fn with_salt(
        pool_id: &str,
        user_id_for_srp: &str,
        password: &Sensitive,
        salt: &[u8],
    ) -> Result<Self, SrpError> {
        let pool_name = pool_name(pool_id)?.to_owned();
        let salt = BigUint::from_bytes_be(salt);
        let x = private_key(&pool_name, user_id_for_srp, password, &salt);
        let verifier = GROUP.g.modpow(x.get(), &GROUP.n);
        Ok(Self {
            pool_name,
            user_id_for_srp: user_id_for_srp.to_owned(),
            salt,
            verifier,
        })
    }

    /// SALT as Cognito sends it: lower-case hex of the number, unpadded.
    pub fn salt_hex(&self) -> String {
        to_hex(&self.salt)
    }

    /// v as lower-case hex, unpadded.
    pub fn verifier_hex(&self) -> String {
        to_hex(&self.verifier)
    }

    pub fn user_id_for_srp(&self) -> &str {
        &self.user_id_for_srp
    }
}

impl fmt::Debug for PasswordVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordVerifier")
            .field("pool_name", &self.pool_name)
            .field("user_id_for_srp", &self.user_id_for_srp)
            .finish_non_exhaustive()
    }
}

/// One PASSWORD_VERIFIER challenge on the server: b and B = (k·v + g^b) mod N.
pub struct ServerSession {
    verifier: PasswordVerifier,
    b: SecretInt,
    big_b: BigUint,
}

impl ServerSession {
    /// A session with a fresh random private value.
    pub fn start(verifier: &PasswordVerifier) -> Self {
        loop {
            if let Some(session) = Self::from_private(verifier, random_private_value()) {
                return session;
            }
        }
    }

    /// A session with a chosen private value (big-endian bytes, reduced modulo N): for tests.
    pub fn with_private_value(verifier: &PasswordVerifier, b: &[u8]) -> Result<Self, SrpError> {
        let b = private_value(b).ok_or(SrpError::ZeroPrivateValue)?;
        Self::from_private(verifier, b).ok_or(SrpError::InvalidServerValue)
    }

    fn from_private(verifier: &PasswordVerifier, b: SecretInt) -> Option<Self> {
        let big_b = (&GROUP.k * &verifier.verifier + GROUP.g.modpow(b.get(), &GROUP.n)) % &GROUP.n;
        (big_b != BigUint::ZERO).then(|| Self {
            verifier: verifier.clone(),
            b,
            big_b,
        })
    }

    /// SRP_B for the challenge: lower-case hex, unpadded.
    pub fn srp_b(&self) -> String {
        to_hex(&self.big_b)
    }

    /// SALT for the challenge.
    pub fn salt_hex(&self) -> String {
        self.verifier.salt_hex()
    }

    /// USER_ID_FOR_SRP for the challenge.
    pub fn user_id_for_srp(&self) -> &str {
        self.verifier.user_id_for_srp()
    }

    /// Checks PASSWORD_CLAIM_SIGNATURE: Ok when the client knew the password. `srp_a` is the
    /// SRP_A of InitiateAuth, `secret_block` the bytes the server sent (base64) as SECRET_BLOCK,
    /// `timestamp` and `signature` the client's TIMESTAMP and PASSWORD_CLAIM_SIGNATURE. Whether
    /// the timestamp is recent and the secret block is the one issued is the caller's check.
    pub fn verify(
        &self,
        srp_a: &str,
        secret_block: &[u8],
        timestamp: &str,
        signature: &str,
    ) -> Result<(), SrpError> {
        let big_a = parse_hex(srp_a).ok_or(SrpError::NotHex("SRP_A"))? % &GROUP.n;
        if big_a == BigUint::ZERO {
            return Err(SrpError::InvalidClientValue);
        }
        let signature = STANDARD
            .decode(signature)
            .map_err(|_| SrpError::NotBase64("PASSWORD_CLAIM_SIGNATURE"))?;
        let u = scrambler(&big_a, &self.big_b)?;
        // S = (A · v^u)^b mod N.
        let base = (&big_a * self.verifier.verifier.modpow(&u, &GROUP.n)) % &GROUP.n;
        let shared = SecretInt::new(base.modpow(self.b.get(), &GROUP.n));
        let key = derive_key(shared.get(), &u)?;
        let message = signed_message(
            &self.verifier.pool_name,
            &self.verifier.user_id_for_srp,
            secret_block,
            timestamp,
        );
        if hmac_sha256_matches(key.expose(), &message, &signature) {
            Ok(())
        } else {
            Err(SrpError::SignatureMismatch)
        }
    }
}

impl fmt::Debug for ServerSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSession")
            .field("verifier", &self.verifier)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[path = "srp_server_tests.rs"]
mod tests;
