//! The QR code's size on the scan step (`+`/`-`), and the terminal it is drawn on.

use crate::wizard::msg::{Cmd, Screen};
use crate::wizard::qr_layout::{MAX_SCALE, body_of, max_scale};
use crate::wizard::state::{Step, Wizard};

pub(super) fn on_screen(w: &mut Wizard, screen: Screen) -> Vec<Cmd> {
    w.screen = Some(screen);
    Vec::new()
}

/// The largest scale that fits the terminal now (every scale, while its size is unknown).
fn largest(w: &Wizard) -> Option<usize> {
    let Step::Scan(e) = &w.step else {
        return None;
    };
    Some(match w.screen {
        Some(screen) => {
            let (cols, rows) = body_of(screen.cols, screen.rows);
            max_scale(e, cols, rows).unwrap_or(1)
        }
        None => MAX_SCALE,
    })
}

/// One step larger than the scale on screen, up to the largest that fits.
pub(super) fn larger(w: &mut Wizard) -> Vec<Cmd> {
    if let Some(largest) = largest(w) {
        w.qr_scale = (w.qr_scale.min(largest) + 1).min(largest);
    }
    Vec::new()
}

/// One step smaller than the scale on screen, down to 1.
pub(super) fn smaller(w: &mut Wizard) -> Vec<Cmd> {
    if let Some(largest) = largest(w) {
        w.qr_scale = w.qr_scale.min(largest).saturating_sub(1).max(1);
    }
    Vec::new()
}
