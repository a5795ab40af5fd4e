//! The sign-in step: user name and masked password.

use super::Theme;
use super::chrome::{header, spinner};
use crate::wizard::state::{SignInFocus, SignInForm, Wizard};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, form: &SignInForm, theme: Theme) {
    let mut lines = header(w, theme);
    lines.push(Line::from(""));
    if let Some(notice) = &form.notice {
        lines.push(Line::styled(notice.clone(), theme.warning()));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(
        "Sign in to the account that gets the authenticator app.",
    ));
    lines.push(Line::from(""));
    let style = |focus| {
        if form.focus == focus && !form.busy {
            theme.focused()
        } else {
            theme.field()
        }
    };
    lines.push(Line::from(vec![
        Span::raw("User name  "),
        Span::styled(
            format!("{:<32}", form.username.value),
            style(SignInFocus::Username),
        ),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::raw("Password   "),
        Span::styled(
            format!("{:<32}", "•".repeat(form.password.len())),
            style(SignInFocus::Password),
        ),
    ]));
    if let Some(hint) = &w.settings.password_hint {
        lines.push(Line::styled(
            format!("           demo password: {hint}"),
            theme.dim(),
        ));
    }
    lines.push(Line::from(""));
    if form.busy {
        lines.push(Line::from(format!("{} Signing in…", spinner(w.frame))));
    } else if let Some(error) = &form.error {
        lines.push(Line::styled(error.clone(), theme.error()));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}
