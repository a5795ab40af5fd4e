//! Steps that only report: preparing, finishing, done, failed.

use super::Theme;
use super::chrome::{header, spinner};
use crate::text::{enroll as words, problems, sign_in};
use crate::wizard::state::{Step, Wizard};
use crate::wizard::steps::Summary;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let mut lines = header(w, theme);
    lines.push(Line::from(""));
    let waiting = |what: &str| match w.throttled_for() {
        Some(seconds) => Line::from(words::throttled(seconds)),
        None => Line::from(format!("{} {what}", spinner(w.frame))),
    };
    match &w.step {
        Step::Preparing(p) => {
            if let Some(notice) = p.notice {
                lines.push(Line::styled(words::notice(notice), theme.warning()));
                lines.push(Line::from(""));
            }
            lines.push(waiting(words::ASKING_FOR_SECRET));
        }
        Step::Finishing(f) => {
            lines.push(Line::styled(words::CODE_ACCEPTED, theme.success()));
            lines.push(Line::from(words::device_line(&f.device)));
            lines.push(Line::from(""));
            lines.push(waiting(words::TURNING_ON));
        }
        Step::Done(summary) => {
            done(&mut lines, summary, theme);
            if let Some(note) = &w.keychain_note {
                lines.push(Line::from(""));
                lines.push(Line::styled(sign_in::keychain_note(note), theme.dim()));
            }
        }
        Step::Failed(failed) => {
            for line in problems::problem(&failed.problem).lines() {
                lines.push(Line::styled(line.to_owned(), theme.error()));
            }
            lines.push(Line::from(""));
            lines.push(if failed.retry.is_some() {
                Line::from(vec![
                    Span::styled("r", theme.key()),
                    Span::raw(words::TRY_AGAIN),
                    Span::styled("q", theme.key()),
                    Span::raw(words::QUIT),
                ])
            } else {
                Line::from(vec![Span::styled("q", theme.key()), Span::raw(words::QUIT)])
            });
        }
        Step::SignIn(_) | Step::Challenge(_) | Step::Scan(_) | Step::Code(_) => {}
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}

/// The scan or code step once the session has run out: no QR code, no key, what to do.
pub(super) fn session_over(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let mut lines = header(w, theme);
    lines.push(Line::from(""));
    lines.push(Line::styled(words::SESSION_OVER, theme.warning()));
    lines.push(Line::from(""));
    lines.push(Line::from(words::SESSION_OVER_NEXT));
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}

fn done(lines: &mut Vec<Line<'static>>, s: &Summary, theme: Theme) {
    lines.push(Line::styled(words::enrolled(s.result), theme.success()));
    lines.push(Line::from(""));
    lines.push(Line::from(words::done_user(&s.user)));
    lines.push(Line::from(words::done_entry(&s.issuer, &s.account)));
    lines.push(Line::from(words::done_device(&s.device)));
    if !s.mfa_methods.is_empty() {
        lines.push(Line::from(words::done_mfa(
            &s.mfa_methods,
            s.preferred_mfa.as_deref(),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(words::DELETE_OLD_ENTRY, theme.warning()));
    lines.push(Line::from(""));
    lines.push(Line::from(words::next_sign_in(s.result)));
}
