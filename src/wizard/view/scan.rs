//! The scan step: the QR code on the left, instructions, the secret and the countdown beside it.

use super::chrome::{countdown, header, too_small, wrap_groups};
use super::{QrWidget, Theme};
use crate::text::enroll as words;
use crate::totp::group_secret;
use crate::wizard::state::Wizard;
use crate::wizard::steps::Enrollment;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The narrowest column of text beside the QR code.
pub const TEXT_MIN_COLS: usize = 30;
const TEXT_MAX_COLS: u16 = 48;

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, e: &Enrollment, theme: Theme) {
    let text_cols = TEXT_MIN_COLS.max(usize::from(area.width) / 3);
    let qr_cols = usize::from(area.width).saturating_sub(text_cols + 1);
    let secret = group_secret(e.secret.expose());
    let Some(quiet) = e.qr.quiet_zone_for(qr_cols, usize::from(area.height)) else {
        let (need_cols, need_rows) = e.qr.min_cells();
        let need_cols = u16::try_from(need_cols + 1 + TEXT_MIN_COLS).unwrap_or(u16::MAX);
        let need_rows = u16::try_from(need_rows + 1).unwrap_or(u16::MAX);
        let shown = e.revealed.then_some(secret.as_str());
        too_small(frame, area, need_cols, need_rows, shown, theme);
        return;
    };
    let (side, rows) = e.qr.cells(quiet);
    let (side, rows) = (
        u16::try_from(side).unwrap_or(area.width),
        u16::try_from(rows).unwrap_or(area.height),
    );
    // Centre the QR and a text column of at most TEXT_MAX_COLS in the free space.
    let text_width = area.width.saturating_sub(side + 1).min(TEXT_MAX_COLS);
    let margin = area.width.saturating_sub(side + 1 + text_width) / 2;
    let qr_area = Rect {
        x: area.x + margin,
        y: area.y + area.height.saturating_sub(rows) / 2,
        width: side,
        height: rows,
    };
    if e.revealed {
        frame.render_widget(QrWidget { qr: &e.qr, quiet }, qr_area);
    } else {
        let hidden = Paragraph::new(words::HIDDEN_QR)
            .wrap(Wrap { trim: true })
            .block(Block::bordered());
        frame.render_widget(hidden, qr_area);
    }
    let text_area = Rect {
        x: qr_area.right() + 1,
        y: qr_area.y,
        width: text_width,
        height: area.bottom().saturating_sub(qr_area.y),
    };
    frame.render_widget(
        Paragraph::new(instructions(
            w,
            e,
            &secret,
            usize::from(text_area.width),
            theme,
        ))
        .wrap(Wrap { trim: false }),
        text_area,
    );
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
