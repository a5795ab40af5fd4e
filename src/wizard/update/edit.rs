//! Typing into the focused field of the step on screen, and moving the focus. The forms own
//! the editing; this only turns what they refuse into the step's typed reason.

use crate::wizard::form::{Edit, Rejected};
use crate::wizard::forms::CodeField;
use crate::wizard::msg::{Cmd, Intent};
use crate::wizard::reasons::{ChallengeProblem, CodeProblem};
use crate::wizard::state::{Step, Wizard};

pub(super) fn on_edit(w: &mut Wizard, edit: &Edit) -> Vec<Cmd> {
    let typing = matches!(edit, Edit::Insert(_) | Edit::Paste(_));
    match &mut w.step {
        Step::SignIn(form) if !form.busy => {
            if typing {
                form.error = None;
            }
            let _ = form.form.edit(edit);
        }
        Step::Challenge(form) if !form.busy => {
            if typing {
                form.error = None;
            }
            if form.form.edit(edit) == Err(Rejected::NotDigit) {
                form.error = Some(ChallengeProblem::OnlyDigits);
            }
        }
        Step::Code(form) if !form.busy => {
            let on_code = form.form.is_focused(CodeField::Code);
            if typing || (on_code && matches!(edit, Edit::Backspace | Edit::Delete)) {
                form.error = None;
            }
            let max = form.form.focused().map_or(0, |f| f.max_chars());
            match (form.form.edit(edit), on_code) {
                (Err(Rejected::NotDigit), _) => form.error = Some(CodeProblem::OnlyDigits),
                (Err(Rejected::Full), true) => form.error = Some(CodeProblem::TooLong),
                (Err(Rejected::Full), false) => {
                    form.error = Some(CodeProblem::DeviceNameTooLong(max));
                }
                (Ok(()), _) => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Tab and Shift-Tab on a form.
pub(super) fn move_focus(w: &mut Wizard, intent: Intent) -> Vec<Cmd> {
    let forward = intent == Intent::NextField;
    match &mut w.step {
        Step::SignIn(f) if !f.busy => step(&mut f.form, forward),
        Step::Code(f) if !f.busy => step(&mut f.form, forward),
        Step::Challenge(f) if !f.busy => match f.choices() {
            0 => step(&mut f.form, forward),
            n if forward => f.choice = (f.choice + 1) % n,
            n => f.choice = (f.choice + n - 1) % n,
        },
        _ => {}
    }
    Vec::new()
}

fn step<Id: Copy + PartialEq>(form: &mut crate::wizard::form::Form<Id>, forward: bool) {
    if forward {
        form.focus_next();
    } else {
        form.focus_prev();
    }
}
