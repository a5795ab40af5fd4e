//! How SRP fails: bad input from either side, or a proof that does not match.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SrpError {
    #[error("the user pool id must look like <region>_<name>, for example us-east-1_AbCdEf123")]
    InvalidPoolId,
    #[error("the sign-in challenge has no {0}")]
    MissingParameter(&'static str),
    #[error("the {0} of the sign-in challenge is not hexadecimal")]
    NotHex(&'static str),
    #[error("the {0} of the sign-in challenge is not base64")]
    NotBase64(&'static str),
    #[error("the server's SRP value B is invalid (zero modulo N)")]
    InvalidServerValue,
    #[error("the client's SRP value A is invalid (zero modulo N)")]
    InvalidClientValue,
    #[error("the SRP scrambling value u is zero")]
    ZeroScrambler,
    #[error("the private SRP value is zero modulo N")]
    ZeroPrivateValue,
    #[error("the password claim signature does not match")]
    SignatureMismatch,
    #[error("the SRP key derivation failed")]
    KeyDerivation,
}
