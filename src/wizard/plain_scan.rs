//! Plain mode's scan step: the grouped key and the `otpauth://` URI; a QR code in text cells
//! only when asked for (`--qr cells`), else a line telling a sighted user how to get one. Pure,
//! so the lines can be checked without a terminal.

use crate::qr::MIN_QUIET_ZONE;
use crate::text::enroll as words;
use crate::totp::group_secret;
use crate::wizard::settings::QrMode;
use crate::wizard::state::Wizard;
use crate::wizard::steps::Enrollment;

/// 256-colour black and white, as the full screen draws the QR.
const DARK: u8 = 16;
const LIGHT: u8 = 231;

/// One line of plain mode's scan step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlainLine {
    /// Words and values (shown through `safe_text`).
    Text(String),
    /// A row of the QR code: the program's own colour sequences, written as they are.
    Qr(String),
}

/// What plain mode shows on the scan step.
pub fn scan_lines(w: &Wizard, e: &Enrollment) -> Vec<PlainLine> {
    let text = |line: &str| PlainLine::Text(line.to_owned());
    let cells = w.settings.qr == QrMode::Cells;
    let mut out = Vec::new();
    if let Some(notice) = e.notice {
        out.push(text(words::notice(notice)));
    }
    if cells {
        out.push(text(words::PLAIN_SCAN_INTRO));
        let qr = e.qr.ansi_lines(MIN_QUIET_ZONE, DARK, LIGHT);
        out.extend(qr.into_iter().map(PlainLine::Qr));
    } else {
        out.push(text(words::PLAIN_TYPE_INTRO));
    }
    out.push(text(&words::plain_entry(&w.settings.issuer, &e.account)));
    out.push(text(&words::plain_key(&group_secret(e.secret.expose()))));
    out.push(text(&words::plain_link(e.uri.expose())));
    if !cells && w.settings.qr != QrMode::None {
        out.push(text(words::PLAIN_QR_HOW));
    }
    if e.weak_secret() {
        out.push(text(words::WEAK_SECRET_PLAIN));
    }
    if let Some(left) = w.session_left(e) {
        out.push(text(&words::plain_session_left(left)));
    }
    out
}
