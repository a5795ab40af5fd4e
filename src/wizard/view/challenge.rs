//! The sign-in's questions: a new password, a code (from the current app, by text message or
//! e-mail), or an MFA method to choose.

use super::Theme;
use super::chrome::{header, spinner};
use super::page::Page;
use crate::auth::flow::{CodeKind, Prompt};
use crate::text::sign_in as words;
use crate::wizard::forms::{ChallengeField, ChallengeForm};
use crate::wizard::state::Wizard;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

const LABEL: usize = 16;
const WIDTH: usize = 32;

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    w: &Wizard,
    form: &ChallengeForm,
    theme: Theme,
) {
    let mut page = Page::new(header(w, theme));
    page.blank();
    page.push(Line::from(words::intro(&form.prompt)));
    match &form.prompt {
        Prompt::NewPassword { .. } | Prompt::Code { .. } => {
            if let Prompt::Code {
                kind: CodeKind::SoftwareToken,
                ..
            } = &form.prompt
            {
                page.push(Line::styled(words::REPLACING, theme.warning()));
            }
            for (id, field) in form.form.fields() {
                page.blank();
                let label = match id {
                    ChallengeField::NewPassword => words::NEW_PASSWORD,
                    ChallengeField::Again => words::NEW_PASSWORD_AGAIN,
                    ChallengeField::Attribute(i) => {
                        form.attributes.get(*i).map_or("", String::as_str)
                    }
                    ChallengeField::Code => words::CODE,
                };
                let focused = form.form.is_focused(*id) && !form.busy;
                page.field(label, LABEL, field, WIDTH, focused, theme);
            }
        }
        Prompt::SelectMfaType { choices } => {
            page.blank();
            for (i, line) in words::method_lines(choices).into_iter().enumerate() {
                let chosen = form.choice == i;
                let line = format!("{}{}", if chosen { "›" } else { " " }, &line[1..]);
                page.push(if chosen {
                    Line::styled(line, theme.focused())
                } else {
                    Line::from(line)
                });
            }
        }
    }
    page.blank();
    page.busy_or_error(
        form.busy
            .then(|| format!("{} {}", spinner(w.frame), words::SENDING_ANSWER)),
        form.error.as_ref().map(words::challenge_problem),
        theme,
    );
    page.draw(frame, area);
}
