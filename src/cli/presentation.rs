//! How the wizard shows itself and reports: the flags `enroll` and `demo` share.

use clap::Args;

#[derive(Args, Clone, Debug, Default)]
pub struct PresentationArgs {
    /// Helpdesk mode: the QR and secret stay hidden until `r`, and a summary is always printed.
    #[arg(long)]
    pub helpdesk: bool,
    /// Line prompts instead of the full-screen wizard (automatic when stdin or stdout is not a
    /// terminal).
    #[arg(long)]
    pub plain: bool,
    /// Print the closing summary as JSON.
    #[arg(long)]
    pub json: bool,
}
