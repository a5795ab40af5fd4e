//! The scan step: the QR code on the left, instructions, the secret and the countdown beside it.
//! Where the code goes and how large it is comes from `wizard::qr_layout`; the runtime puts an
//! image in the same place when the terminal can show one.

use super::chrome::{countdown, header, too_small, wrap_groups};
use super::qr_widget::QrBlank;
use super::{QrWidget, Theme};
use crate::text::enroll as words;
use crate::totp::group_secret;
use crate::wizard::qr_layout::{Fit, TEXT_MAX_COLS, fit, min_body};
use crate::wizard::settings::QrMode;
use crate::wizard::state::Wizard;
use crate::wizard::steps::Enrollment;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The QR's place in the body, and the text column's.
struct Placed {
    fit: Fit,
    qr: Rect,
    text: Rect,
}

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Lays the QR out in `area` (the body), centred with a text column of at most
/// `TEXT_MAX_COLS` beside it; `None` when it does not fit.
fn place(w: &Wizard, e: &Enrollment, area: Rect) -> Option<Placed> {
    let fit = fit(
        e,
        usize::from(area.width),
        usize::from(area.height),
        w.qr_scale,
    )?;
    let (side, rows) = (u16_of(fit.cols), u16_of(fit.rows));
    let text_width = area
        .width
        .saturating_sub(side + 1)
        .min(u16_of(TEXT_MAX_COLS));
    let margin = area.width.saturating_sub(side + 1 + text_width) / 2;
    let qr = Rect {
        x: area.x + margin,
        y: area.y + area.height.saturating_sub(rows) / 2,
        width: side,
        height: rows,
    };
    let text = Rect {
        x: qr.right() + 1,
        y: qr.y,
        width: text_width,
        height: area.bottom().saturating_sub(qr.y),
    };
    Some(Placed { fit, qr, text })
}

/// Where the runtime draws the QR as an image: the code's area, its layout and its URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSlot {
    pub area: Rect,
    pub fit: Fit,
}

/// The QR's area on the scan step when it is on screen (revealed, no overlay over it, not
/// turned off), for the runtime to put an image there.
pub fn qr_slot(w: &Wizard, body: Rect) -> Option<QrSlot> {
    let crate::wizard::state::Step::Scan(e) = &w.step else {
        return None;
    };
    let shown = e.revealed
        && w.overlay == crate::wizard::state::Overlay::None
        && w.settings.qr != QrMode::None;
    let placed = place(w, e, body).filter(|_| shown)?;
    Some(QrSlot {
        area: placed.qr,
        fit: placed.fit,
    })
}

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, e: &Enrollment, theme: Theme) {
    let secret = group_secret(e.secret.expose());
    if w.settings.qr == QrMode::None {
        let width = area.width.min(u16_of(TEXT_MAX_COLS + 20));
        let text = Rect {
            x: area.x + (area.width - width) / 2,
            width,
            ..area
        };
        let mut lines = instructions(w, e, &secret, usize::from(width), theme);
        lines
            .lines
            .insert(1, Line::styled(words::QR_OFF, theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
        return;
    }
    let Some(placed) = place(w, e, area) else {
        let (need_cols, need_rows) = min_body(e);
        let shown = e.revealed.then_some(secret.as_str());
        too_small(
            frame,
            area,
            u16_of(need_cols),
            u16_of(need_rows + 1),
            shown,
            theme,
        );
        return;
    };
    let fit = placed.fit;
    let images = w.screen.is_some_and(|s| s.images);
    if !e.revealed {
        let hidden = Paragraph::new(words::HIDDEN_QR)
            .wrap(Wrap { trim: true })
            .block(Block::bordered());
        frame.render_widget(hidden, placed.qr);
    } else if images {
        frame.render_widget(QrBlank, placed.qr);
    } else {
        let qr = QrWidget {
            qr: e.qr_of(fit.encoding),
            quiet: fit.quiet,
            scale: fit.scale,
        };
        frame.render_widget(qr, placed.qr);
    }
    let text = instructions(w, e, &secret, usize::from(placed.text.width), theme);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), placed.text);
}

fn instructions(
    w: &Wizard,
    e: &Enrollment,
    secret: &str,
    width: usize,
    theme: Theme,
) -> Text<'static> {
    let mut lines = header(w, theme);
    lines.extend([
        Line::from(""),
        Line::from(words::SCAN_STEPS[0]),
        Line::from(words::SCAN_STEPS[1]),
        Line::from(words::SCAN_STEPS[2]),
        Line::styled(format!("   {}", w.settings.issuer), theme.title()),
        Line::styled(format!("   {}", e.account), theme.title()),
        Line::from(vec![
            Span::raw(words::SCAN_ENTER[0]),
            Span::styled(words::SCAN_ENTER[1], theme.key()),
            Span::raw(words::SCAN_ENTER[2]),
        ]),
        Line::from(""),
        Line::from(words::CANT_SCAN),
    ]);
    if e.revealed {
        for line in wrap_groups(secret, width) {
            lines.push(Line::styled(line, theme.title()));
        }
        lines.push(Line::from(vec![
            Span::styled("c", theme.key()),
            Span::raw(words::COPIES_IT),
            Span::styled(super::LINK_TEXT, theme.field()),
        ]));
    } else {
        lines.push(Line::styled(words::HIDDEN_KEY, theme.dim()));
    }
    if e.weak_secret() {
        lines.push(Line::styled(words::WEAK_SECRET, theme.warning()));
    }
    if let Some(left) = w.session_left(e) {
        lines.push(Line::from(""));
        lines.push(countdown(left, theme));
    }
    if let Some(notice) = e.notice {
        lines.push(Line::from(""));
        lines.push(Line::styled(words::notice(notice), theme.warning()));
    }
    // Last: the first to give way when the column is short.
    lines.push(Line::from(""));
    lines.push(Line::styled(words::NO_APP_YET, theme.dim()));
    Text::from(lines)
}
