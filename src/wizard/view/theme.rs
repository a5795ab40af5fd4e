//! Colours, or none: `NO_COLOR` turns text colours off (the QR keeps its black and white).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    /// `--color`: on or off when forced, else as [`Theme::from_env`].
    pub fn choose(forced: Option<bool>) -> Self {
        match forced {
            Some(color) => Self { color },
            None => Self::from_env(),
        }
    }

    pub fn plain() -> Self {
        Self { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn success(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// A focused input field.
    pub fn focused(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn field(self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forced_choice_beats_no_color() {
        assert!(Theme::choose(Some(true)).color);
        assert!(!Theme::choose(Some(false)).color);
        assert_eq!(Theme::choose(None), Theme::from_env());
    }
}
