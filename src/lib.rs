//! cognito-mfa: enroll an Amazon Cognito user-pool user in TOTP MFA from a terminal.
//!
//! Layers, top to bottom: `commands` (entry points) → features → `cognito` (the wire client)
//! and small pure helpers. Nothing below imports upward.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod admin;
pub mod auth;
pub mod capped_read;
pub mod cli;
pub mod cognito;
pub mod commands;
pub mod config;
pub mod core_dumps;
pub mod depth;
pub mod emulator;
pub mod failure;
pub mod graphics;
pub mod keychain;
pub mod output;
pub mod qr;
pub mod safe_text;
pub mod secret;
pub mod text;
pub mod totp;
pub mod wizard;
