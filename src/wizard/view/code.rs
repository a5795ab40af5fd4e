//! The code step: the 6-digit code and a device name.

use super::Theme;
use super::chrome::{countdown, header, spinner};
use super::page::Page;
use crate::text::enroll as words;
use crate::wizard::forms::{CodeField, CodeForm};
use crate::wizard::state::Wizard;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const LABEL: usize = 13;

pub(super) fn render(frame: &mut Frame, area: Rect, w: &Wizard, form: &CodeForm, theme: Theme) {
    let e = &form.enrollment;
    let mut page = Page::new(header(w, theme));
    page.blank();
    page.push(Line::from(words::code_intro(
        &w.settings.issuer,
        &e.account,
    )));
    page.blank();
    for (id, field) in form.form.fields() {
        let focused = form.form.is_focused(*id) && !form.busy;
        match id {
            CodeField::Code => {
                page.field(words::CODE_LABEL, LABEL, field, 7, focused, theme);
                if let Some(line) = page.lines.last_mut() {
                    line.push_span(Span::styled(words::CODE_EXAMPLE, theme.dim()));
                }
                page.blank();
            }
            CodeField::Device => {
                let default = w.settings.default_device_name.as_str();
                page.field_with(
                    words::DEVICE_LABEL,
                    LABEL,
                    field,
                    Some(default),
                    32,
                    focused,
                    theme,
                );
                page.push(Line::styled(
                    format!("{:LABEL$}{}", "", words::DEVICE_HELP),
                    theme.dim(),
                ));
            }
        }
    }
    page.blank();
    if form.busy {
        page.push(Line::from(match w.throttled_for() {
            Some(seconds) => words::throttled(seconds),
            None => format!("{} {}", spinner(w.frame), words::CHECKING_CODE),
        }));
    } else if let Some(error) = &form.error {
        for line in words::code_problem(error).lines() {
            page.push(Line::styled(line.to_owned(), theme.error()));
        }
    }
    if let Some(demo) = &form.demo_code {
        page.blank();
        page.push(Line::styled(
            words::demo_code(demo.code.expose(), demo.seconds_left),
            theme.dim(),
        ));
    }
    if let Some(left) = w.session_left(e) {
        page.blank();
        page.push(countdown(left, theme));
    }
    page.draw(frame, area);
}
