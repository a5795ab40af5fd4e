//! The code step: the 6-digit code and a device name.

use super::Theme;
use super::chrome::{clock, header, spinner};
use crate::wizard::state::{CodeFocus, CodeForm, Wizard};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, form: &CodeForm, theme: Theme) {
    let e = &form.enrollment;
    let mut lines = header(w, theme);
    lines.extend([
        Line::from(""),
        Line::from(format!(
            "Type the 6-digit code your app shows for {} ({}).",
            w.settings.issuer, e.account
        )),
        Line::from(""),
    ]);
    let style = |focus| {
        if form.focus == focus && !form.busy {
            theme.focused()
        } else {
            theme.field()
        }
    };
    lines.push(Line::from(vec![
        Span::raw("Code         "),
        Span::styled(format!("{:<7}", form.code.value), style(CodeFocus::Code)),
        Span::styled("  e.g. 123 456", theme.dim()),
    ]));
    lines.push(Line::from(""));
    let device = if form.device.value.is_empty() && form.focus != CodeFocus::Device {
        format!("{:<32}", w.settings.default_device_name)
    } else {
        format!("{:<32}", form.device.value)
    };
    lines.push(Line::from(vec![
        Span::raw("Device name  "),
        Span::styled(device, style(CodeFocus::Device)),
    ]));
    lines.push(Line::styled(
        "             A name for this app, shown when you manage MFA.",
        theme.dim(),
    ));
    lines.push(Line::from(""));
    if form.busy {
        let line = match &w.throttle {
            Some(t) if t.seconds_left > 0 => format!(
                "Cognito asked us to slow down; trying again in {} s.",
                t.seconds_left
            ),
            _ => format!("{} Checking the code…", spinner(w.frame)),
        };
        lines.push(Line::from(line));
    } else if let Some(error) = &form.error {
        lines.push(Line::styled(error.clone(), theme.error()));
    }
    if let Some(demo) = &form.demo_code {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "Demo: an app would show {} now ({} s left).",
                demo.code.expose(),
                demo.seconds_left
            ),
            theme.dim(),
        ));
    }
    if let Some(left) = w.session_left(e) {
        lines.push(Line::from(""));
        lines.push(match left {
            0 => Line::styled("The session has probably run out.", theme.warning()),
            left => Line::from(format!("Session ends in {}", clock(left))),
        });
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}
