//! Access and ID tokens: compact JWTs signed with HS256 under a key the emulator draws at start.
//! Real Cognito signs with RS256; clients treat the tokens as opaque, so only the claims matter.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::Zeroizing;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("not a JWT")]
    Malformed,
    #[error("the signature does not match")]
    BadSignature,
}

/// The signing key. Never leaves the process.
pub struct JwtKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKey([redacted])")
    }
}

impl JwtKey {
    pub fn random() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::fill(&mut key[..]);
        Self(key)
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes keys of any length: this branch cannot be taken.
        <HmacSha256 as KeyInit>::new_from_slice(&self.0[..])
            .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()))
    }

    /// `header.payload.signature` for these claims.
    pub fn sign(&self, claims: &Map<String, Value>) -> String {
        let header = serde_json::json!({"kid": "cognito-mfa-emulator", "alg": "HS256"});
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(Value::Object(claims.clone()).to_string())
        );
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// The claims of a token this key signed (expiry is the caller's to check).
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::Malformed);
        };
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| JwtError::Malformed)?;
        let mut mac = self.mac();
        mac.update(header.as_bytes());
        mac.update(b".");
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature)
            .map_err(|_| JwtError::BadSignature)?;
        let header: Value = URL_SAFE_NO_PAD
            .decode(header)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(JwtError::Malformed)?;
        if header.get("alg").and_then(Value::as_str) != Some("HS256") {
            return Err(JwtError::Malformed);
        }
        let claims: Value = URL_SAFE_NO_PAD
            .decode(payload)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(JwtError::Malformed)?;
        match claims {
            Value::Object(map) => Ok(map),
            _ => Err(JwtError::Malformed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims() -> Map<String, Value> {
        match json!({"username": "alice", "exp": 10}) {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn round_trip() {
        let key = JwtKey::random();
        let token = key.sign(&claims());
        assert_eq!(token.split('.').count(), 3);
        assert_eq!(key.verify(&token).unwrap(), claims());
    }

    #[test]
    fn another_key_or_a_changed_payload_fails() {
        let key = JwtKey::random();
        let token = key.sign(&claims());
        assert_eq!(JwtKey::random().verify(&token), Err(JwtError::BadSignature));
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        parts[1] = URL_SAFE_NO_PAD.encode(r#"{"username":"mallory","exp":10}"#);
        assert_eq!(key.verify(&parts.join(".")), Err(JwtError::BadSignature));
    }

    #[test]
    fn garbage_is_malformed() {
        let key = JwtKey::random();
        for text in ["", "a.b", "a.b.c.d", "!!.??.##", "x.y.z"] {
            assert!(key.verify(text).is_err(), "{text}");
        }
    }

    #[test]
    fn debug_hides_the_key() {
        assert_eq!(format!("{:?}", JwtKey::random()), "JwtKey([redacted])");
    }
}
