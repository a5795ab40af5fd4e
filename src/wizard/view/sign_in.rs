//! The sign-in step: user name and masked password.

use super::Theme;
use super::chrome::{header, spinner};
use super::page::Page;
use crate::text::sign_in as words;
use crate::wizard::forms::{SignInField, SignInForm};
use crate::wizard::state::Wizard;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

const LABEL: usize = 11;
const WIDTH: usize = 32;

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, form: &SignInForm, theme: Theme) {
    let mut page = Page::new(header(w, theme));
    page.blank();
    if let Some(notice) = &form.notice {
        page.push(Line::styled(words::notice(notice), theme.warning()));
        page.blank();
    }
    page.push(Line::from(words::FORM_INTRO));
    page.blank();
    for (i, (id, field)) in form.form.fields().enumerate() {
        if i > 0 {
            page.blank();
        }
        let label = match id {
            SignInField::Username => words::USERNAME,
            SignInField::Password => words::PASSWORD,
            SignInField::PoolId => words::POOL_ID,
        };
        let focused = form.form.is_focused(*id) && !form.busy;
        page.field(label, LABEL, field, WIDTH, focused, theme);
    }
    if let Some(hint) = &w.settings.password_hint {
        page.push(Line::styled(
            format!("{:LABEL$}{}", "", words::demo_password(hint)),
            theme.dim(),
        ));
    }
    page.blank();
    page.busy_or_error(
        form.busy
            .then(|| format!("{} {}", spinner(w.frame), words::SIGNING_IN)),
        form.error.as_ref().map(words::problem),
        theme,
    );
    page.draw(frame, area);
}
