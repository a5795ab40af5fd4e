//! Sign-in: the flow over Cognito's challenges (`flow`), and its maths: Cognito's SRP-6a (`USER_SRP_AUTH` / `PASSWORD_VERIFIER`), client and server
//! side, and the SECRET_HASH of app clients with a secret. Pure functions and small types: no
//! I/O, nothing from the wire client, the UI or the commands.

pub mod challenge;
pub mod flow;
mod flow_types;
mod hmac_sha256;
pub mod secret_hash;
pub mod srp;
mod srp_error;
mod srp_group;
mod srp_messages;
pub mod srp_server;

pub use secret_hash::secret_hash;
pub use srp::{
    AuthenticationKey, PasswordVerifierChallenge, PasswordVerifierResponse, SrpClient, SrpError,
    cognito_timestamp, pool_name,
};
pub use srp_server::{PasswordVerifier, ServerSession};
