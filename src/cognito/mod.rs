//! The Cognito user-pool client: wire types, errors, the HTTP client with timeouts and retries.
//! No terminal, no UI: everything above builds on this.

pub mod wire;
