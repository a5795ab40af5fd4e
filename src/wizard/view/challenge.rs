//! The sign-in's questions: a new password, a code (from the current app, by text message or
//! e-mail), or an MFA method to choose.

use super::Theme;
use super::chrome::{header, spinner};
use crate::auth::flow::{CodeKind, Prompt};
use crate::wizard::challenge::ChallengeForm;
use crate::wizard::state::Wizard;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// What to call an MFA method Cognito names.
pub fn method_label(name: &str) -> String {
    match name {
        "SOFTWARE_TOKEN_MFA" => "Authenticator app".into(),
        "SMS_MFA" => "Text message (SMS)".into(),
        "EMAIL_OTP" => "E-mail".into(),
        other => other.to_owned(),
    }
}

/// The explanation above a challenge's fields.
pub fn intro(prompt: &Prompt) -> Vec<String> {
    match prompt {
        Prompt::NewPassword { .. } => {
            vec!["Your account has a temporary password. Choose a new one to go on.".into()]
        }
        Prompt::Code {
            kind: CodeKind::SoftwareToken,
            ..
        } => vec![
            "This account already has an authenticator app. To sign in, type the code that \
             app shows now."
                .into(),
        ],
        Prompt::Code {
            kind: CodeKind::Sms,
            destination,
        } => vec![match destination {
            Some(to) => format!("Cognito sent a code by text message to {to}."),
            None => "Cognito sent a code by text message.".into(),
        }],
        Prompt::Code {
            kind: CodeKind::Email,
            destination,
        } => vec![match destination {
            Some(to) => format!("Cognito sent a code by e-mail to {to}."),
            None => "Cognito sent a code by e-mail.".into(),
        }],
        Prompt::SelectMfaType { .. } => {
            vec!["How do you want to confirm this sign-in?".into()]
        }
    }
}

/// The warning a user replacing an authenticator must read before going on.
pub const REPLACING: &str = "Once you verify the new entry, the old entry in your app stops \
     working: delete it then.";

fn field_line(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![
        Span::raw(format!("{label:<16}")),
        Span::styled(format!("{value:<32}"), style),
    ])
}

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    w: &Wizard,
    form: &ChallengeForm,
    theme: Theme,
) {
    let mut lines = header(w, theme);
    lines.push(Line::from(""));
    for text in intro(&form.prompt) {
        lines.push(Line::from(text));
    }
    let style = |focus| {
        if form.focus == focus && !form.busy {
            theme.focused()
        } else {
            theme.field()
        }
    };
    match &form.prompt {
        Prompt::NewPassword { .. } => {
            lines.push(Line::from(""));
            let dots = |n: usize| "•".repeat(n);
            lines.push(field_line(
                "New password",
                dots(form.new_password.len()),
                style(0),
            ));
            lines.push(Line::from(""));
            lines.push(field_line("Again", dots(form.again.len()), style(1)));
            for (i, (name, field)) in form.attributes.iter().enumerate() {
                lines.push(Line::from(""));
                lines.push(field_line(name, field.value.clone(), style(i + 2)));
            }
        }
        Prompt::Code { kind, .. } => {
            if *kind == CodeKind::SoftwareToken {
                lines.push(Line::styled(REPLACING, theme.warning()));
            }
            lines.push(Line::from(""));
            lines.push(field_line("Code", form.code.value.clone(), style(0)));
        }
        Prompt::SelectMfaType { choices } => {
            lines.push(Line::from(""));
            for (i, choice) in choices.iter().enumerate() {
                let marker = if form.focus == i { "›" } else { " " };
                let text = format!("{marker} {}. {}", i + 1, method_label(choice));
                lines.push(if form.focus == i {
                    Line::styled(text, theme.focused())
                } else {
                    Line::from(text)
                });
            }
        }
    }
    lines.push(Line::from(""));
    if form.busy {
        lines.push(Line::from(format!(
            "{} Sending your answer…",
            spinner(w.frame)
        )));
    } else if let Some(error) = &form.error {
        for line in error.lines() {
            lines.push(Line::styled(line.to_owned(), theme.error()));
        }
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        area,
    );
}
