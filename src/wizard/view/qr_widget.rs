//! Draws a QR as text cells (see `crate::qr`): a cell of one colour is a space on that
//! background, a mixed cell is `▀` with both colours set. Dark modules are black and light ones
//! white, both explicit, so the code scans on any terminal theme, with or without `NO_COLOR`,
//! and with any font: no glyph has to fill its cell.

use crate::qr::{Qr, UPPER_HALF};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// Black and white from the 256-colour cube: themes restyle the 16 ANSI colours, not these.
pub const QR_DARK: Color = Color::Indexed(16);
pub const QR_LIGHT: Color = Color::Indexed(231);

fn colour(dark: bool) -> Color {
    if dark { QR_DARK } else { QR_LIGHT }
}

pub struct QrWidget<'a> {
    pub qr: &'a Qr,
    pub quiet: usize,
    /// Columns per module (and half-rows per module).
    pub scale: usize,
}

impl Widget for QrWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (dy, row) in self.qr.cell_rows(self.quiet, self.scale).iter().enumerate() {
            let Ok(dy) = u16::try_from(dy) else { break };
            if dy >= area.height {
                break;
            }
            for (dx, cell) in row.iter().enumerate() {
                let Ok(dx) = u16::try_from(dx) else { break };
                if dx >= area.width {
                    break;
                }
                if let Some(target) = buf.cell_mut((area.x + dx, area.y + dy)) {
                    target.reset();
                    if cell.is_solid() {
                        target
                            .set_char(' ')
                            .set_style(Style::new().bg(colour(cell.upper_dark)));
                    } else {
                        target.set_char(UPPER_HALF).set_style(
                            Style::new()
                                .fg(colour(cell.upper_dark))
                                .bg(colour(cell.lower_dark)),
                        );
                    }
                }
            }
        }
    }
}

/// An area of the QR's light colour: where the runtime draws the QR as an image.
pub struct QrBlank;

impl Widget for QrBlank {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(target) = buf.cell_mut((x, y)) {
                    target.reset();
                    target.set_char(' ').set_style(Style::new().bg(QR_LIGHT));
                }
            }
        }
    }
}

/// Whether a buffer cell is part of a drawn QR (either colour as its background).
pub fn is_qr_cell(bg: Color) -> bool {
    bg == QR_DARK || bg == QR_LIGHT
}

/// The two modules of a drawn QR cell (upper, lower), read back from its symbol and colours.
pub fn modules_of(symbol: &str, fg: Color, bg: Color) -> Option<(bool, bool)> {
    if !is_qr_cell(bg) {
        return None;
    }
    let lower = bg == QR_DARK;
    match symbol {
        " " => Some((lower, lower)),
        s if s.starts_with(UPPER_HALF) => Some((fg == QR_DARK, lower)),
        _ => None,
    }
}
