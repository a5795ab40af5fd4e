//! A screen of text lines with labelled fields: every form step draws its fields through this,
//! and the focused field puts the terminal cursor where typing goes.

use super::Theme;
use crate::wizard::form::Field;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// Lines to draw, and where the cursor goes (a line index and a column in it).
#[derive(Default)]
pub(super) struct Page {
    pub lines: Vec<Line<'static>>,
    cursor: Option<(usize, u16)>,
}

impl Page {
    pub fn new(lines: Vec<Line<'static>>) -> Self {
        Self {
            lines,
            cursor: None,
        }
    }

    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::from(""));
    }

    /// A labelled field: the label padded to `label_width`, the value (or `placeholder` while
    /// empty and unfocused) padded to `width`, styled as focused or not. A focused field takes
    /// the cursor.
    pub fn field(
        &mut self,
        label: &str,
        label_width: usize,
        field: &Field,
        width: usize,
        focused: bool,
        theme: Theme,
    ) {
        self.field_with(label, label_width, field, None, width, focused, theme);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn field_with(
        &mut self,
        label: &str,
        label_width: usize,
        field: &Field,
        placeholder: Option<&str>,
        width: usize,
        focused: bool,
        theme: Theme,
    ) {
        let shown = match placeholder {
            Some(text) if field.is_empty() && !focused => text.to_owned(),
            _ => field.shown(),
        };
        let style = if focused {
            theme.focused()
        } else {
            theme.field()
        };
        let label = format!("{label:<label_width$}");
        if focused {
            let column = label.chars().count() + field.cursor();
            self.cursor = Some((self.lines.len(), u16::try_from(column).unwrap_or(u16::MAX)));
        }
        self.lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(format!("{shown:<width$}"), style),
        ]));
    }

    /// The line under a form: what it waits for (a spinner is on it already), else what is
    /// wrong with it, one line per line of the message.
    pub fn busy_or_error(&mut self, waiting: Option<String>, error: Option<String>, theme: Theme) {
        if let Some(waiting) = waiting {
            self.lines.push(Line::from(waiting));
        } else if let Some(error) = error {
            for line in error.lines() {
                self.lines
                    .push(Line::styled(line.to_owned(), theme.error()));
            }
        }
    }

    /// Draws the lines, wrapped, and sets the cursor when a field has the focus and is in view.
    pub fn draw(self, frame: &mut Frame, area: Rect) {
        let cursor = self.cursor.and_then(|(line, column)| {
            let above = Paragraph::new(Text::from(self.lines[..line].to_vec()))
                .wrap(Wrap { trim: false })
                .line_count(area.width);
            let y = area.y + u16::try_from(above).ok()?;
            let x = area.x + column;
            (y < area.bottom() && x < area.right()).then_some(Position { x, y })
        });
        frame.render_widget(
            Paragraph::new(Text::from(self.lines)).wrap(Wrap { trim: false }),
            area,
        );
        if let Some(position) = cursor {
            frame.set_cursor_position(position);
        }
    }
}
