//! How the wizard shows itself and reports: the flags `enroll` and `demo` share.

use crate::wizard::QrMode;
use clap::{Args, ValueEnum};
use serde::Deserialize;

/// `--qr` (and `qr` in the config file).
#[derive(ValueEnum, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QrArg {
    /// An image where the terminal can show one (kitty, iTerm2, sixel), else text cells; none
    /// in plain mode.
    Auto,
    /// An image where the terminal answers it can show one, asked even inside tmux/screen.
    Image,
    /// Text cells, also in plain mode.
    Cells,
    /// No QR code: the key and the link only.
    None,
}

impl QrArg {
    pub fn mode(self) -> QrMode {
        match self {
            QrArg::Auto => QrMode::Auto,
            QrArg::Image => QrMode::Image,
            QrArg::Cells => QrMode::Cells,
            QrArg::None => QrMode::None,
        }
    }
}

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
    /// How the QR code is shown: auto (an image where the terminal can show one, else text
    /// cells), image, cells or none. Plain mode prints one only with `cells`.
    #[arg(long, value_enum, value_name = "HOW")]
    pub qr: Option<QrArg>,
}
