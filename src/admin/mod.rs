//! The administrator's side of Cognito: AWS credentials from the SDK's default chain, SigV4
//! from the `aws-sigv4` crate, and the admin operations' wire types. No UI: the `admin`
//! commands build on this.

pub mod client;
pub mod credentials;
pub mod error;
pub mod sign;
pub mod time;
pub mod wire;

pub use client::AdminClient;
pub use error::AdminError;
