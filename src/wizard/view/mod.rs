//! Pure views: the wizard's state → a frame. One function per step, plus the parts every screen
//! shares (header, hint bar, help and quit overlays). Nothing here changes state; every word
//! comes from `crate::text`.

mod challenge;
mod chrome;
mod code;
mod page;
mod qr_widget;
mod scan;
mod sign_in;
mod status;
mod theme;

pub use qr_widget::{QR_DARK, QR_LIGHT, QrWidget, is_qr_cell, modules_of};
pub use scan::QrSlot;
pub use theme::Theme;

use crate::wizard::state::{Overlay, Step, Wizard};
use ratatui::Frame;
use ratatui::layout::Rect;

/// The text the scan view draws where the `otpauth://` link goes; the runtime turns it into an
/// OSC 8 hyperlink (views only draw cells).
pub const LINK_TEXT: &str = "otpauth link";

/// Smallest terminal the wizard draws in; below it a message asks for a larger window.
pub const MIN_COLS: u16 = 40;
pub const MIN_ROWS: u16 = 12;

/// Where the QR code is on a screen of `area`, for the runtime to draw it as an image.
pub fn qr_slot(w: &Wizard, area: Rect) -> Option<QrSlot> {
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        return None;
    }
    scan::qr_slot(w, chrome::split_hint_bar(area).0)
}

/// Draws the whole screen for the current state.
pub fn render(frame: &mut Frame, w: &Wizard, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        chrome::too_small(frame, area, MIN_COLS, MIN_ROWS, None, theme);
        return;
    }
    let (body, hints) = chrome::split_hint_bar(area);
    chrome::hint_bar(frame, hints, &chrome::hints(w), theme);
    match &w.step {
        Step::SignIn(form) => sign_in::render(frame, body, w, form, theme),
        Step::Challenge(form) => challenge::render(frame, body, w, form, theme),
        Step::Scan(e) if w.session_over(e) => status::session_over(frame, body, w, theme),
        Step::Code(f) if w.session_over(&f.enrollment) => {
            status::session_over(frame, body, w, theme)
        }
        Step::Scan(enrollment) => scan::render(frame, body, w, enrollment, theme),
        Step::Code(form) => code::render(frame, body, w, form, theme),
        Step::Preparing(_) | Step::Finishing(_) | Step::Failed(_) | Step::Done(_) => {
            status::render(frame, body, w, theme)
        }
    }
    match w.overlay {
        Overlay::None => {}
        Overlay::Help => chrome::help(frame, area, w, theme),
        Overlay::ConfirmQuit => chrome::confirm_quit(frame, area, theme, w),
    }
}
