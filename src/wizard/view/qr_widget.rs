//! Draws a QR as half-block cells: dark modules black, light modules and the quiet zone white,
//! both set explicitly so the code scans on any terminal theme, with or without `NO_COLOR`.

use crate::qr::Qr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// Black and white from the 256-colour cube: themes restyle the 16 ANSI colours, not these.
pub const QR_DARK: Color = Color::Indexed(16);
pub const QR_LIGHT: Color = Color::Indexed(231);

pub struct QrWidget<'a> {
    pub qr: &'a Qr,
    pub quiet: usize,
}

impl Widget for QrWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let style = Style::new().fg(QR_DARK).bg(QR_LIGHT);
        for (dy, row) in self.qr.half_block_rows(self.quiet).iter().enumerate() {
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
                    target.set_char(cell.symbol()).set_style(style);
                }
            }
        }
    }
}
