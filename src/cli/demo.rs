//! `cognito-mfa demo`'s flags.

use super::presentation::PresentationArgs;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Clone, Default)]
pub struct DemoArgs {
    /// The emulator's pool (TOML); default: the embedded demo pool.
    #[arg(long, value_name = "FILE")]
    pub pool: Option<PathBuf>,
    /// The user to enroll (default: demo).
    #[arg(long)]
    pub username: Option<String>,
    /// One of the pools users meet (`--scenario help` lists them).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    #[command(flatten)]
    pub presentation: PresentationArgs,
}
