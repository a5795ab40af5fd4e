//! Steps that only report: preparing, finishing, done, failed.

use super::Theme;
use super::chrome::{header, spinner};
use crate::wizard::state::{Step, Summary, Wizard};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let mut lines = header(w, theme);
    lines.push(Line::from(""));
    let waiting = |what: &str| match &w.throttle {
        Some(t) if t.seconds_left > 0 => Line::from(format!(
            "Cognito asked us to slow down; trying again in {} s.",
            t.seconds_left
        )),
        _ => Line::from(format!("{} {what}", spinner(w.frame))),
    };
    match &w.step {
        Step::Preparing(p) => {
            if let Some(notice) = &p.notice {
                lines.push(Line::styled(notice.clone(), theme.warning()));
                lines.push(Line::from(""));
            }
            lines.push(waiting("Asking Cognito for a new secret…"));
        }
        Step::Finishing(f) => {
            lines.push(Line::styled("✓ Code accepted.", theme.success()));
            lines.push(Line::from(format!("Device: {}", f.device)));
            lines.push(Line::from(""));
            lines.push(waiting("Turning on MFA…"));
        }
        Step::Done(summary) => {
            done(&mut lines, summary, theme);
            if let Some(note) = &w.keychain_note {
                lines.push(Line::from(""));
                lines.push(Line::styled(note.clone(), theme.dim()));
            }
        }
        Step::Failed(failed) => {
            for line in failed.message.lines() {
                lines.push(Line::styled(line.to_owned(), theme.error()));
            }
            lines.push(Line::from(""));
            lines.push(if failed.retry.is_some() {
                Line::from(vec![
                    Span::styled("r", theme.key()),
                    Span::raw(" try again   "),
                    Span::styled("q", theme.key()),
                    Span::raw(" quit"),
                ])
            } else {
                Line::from(vec![Span::styled("q", theme.key()), Span::raw(" quit")])
            });
        }
        Step::SignIn(_) | Step::Challenge(_) | Step::Scan(_) | Step::Code(_) => {}
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}

fn done(lines: &mut Vec<Line<'static>>, s: &Summary, theme: Theme) {
    lines.push(Line::styled(
        format!("✓ Enrolled: {}", s.result),
        theme.success(),
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(format!("User         {}", s.user)));
    lines.push(Line::from(format!(
        "App entry    {} ({})",
        s.issuer, s.account
    )));
    lines.push(Line::from(format!("Device name  {}", s.device)));
    if !s.mfa_methods.is_empty() {
        lines.push(Line::from(format!(
            "Cognito now reports MFA: {}{}",
            s.mfa_methods.join(", "),
            s.preferred_mfa
                .as_deref()
                .map(|p| format!(" (preferred: {p})"))
                .unwrap_or_default()
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "If your app already had an entry for this account, delete the old one: it no longer works.",
        theme.warning(),
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(
        "From now on, signing in asks for the code from your app.",
    ));
}
