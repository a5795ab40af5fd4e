//! Key presses on the steps with fields or choices (part of the pure `update`).

use crate::wizard::answers::demo_request;
use crate::wizard::field::TextField;
use crate::wizard::msg::{Cmd, Key};
use crate::wizard::state::{CodeFocus, CodeForm, DEVICE_NAME_MAX, SignInFocus, Step, Wizard};
use crate::wizard::update::{COPIED, common_key, new_code_field, submit_code, submit_sign_in};

pub(crate) fn sign_in(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    let Step::SignIn(form) = &mut w.step else {
        return Vec::new();
    };
    if form.busy {
        return Vec::new();
    }
    match key {
        Key::Tab | Key::BackTab => {
            form.focus = match form.focus {
                SignInFocus::Username => SignInFocus::Password,
                SignInFocus::Password => SignInFocus::Username,
            };
        }
        Key::Enter => return submit_sign_in(w),
        Key::Esc => return common_key(w, key),
        Key::Char(c) => {
            form.error = None;
            match form.focus {
                SignInFocus::Username => form.username.push(c),
                SignInFocus::Password => form.password.push(c),
            };
        }
        Key::Backspace => {
            match form.focus {
                SignInFocus::Username => form.username.pop(),
                SignInFocus::Password => form.password.pop(),
            };
        }
        Key::F1 | Key::CtrlC => {}
    }
    Vec::new()
}

pub(crate) fn scan(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    let helpdesk = w.settings.helpdesk;
    let Step::Scan(enrollment) = &mut w.step else {
        return Vec::new();
    };
    match key {
        Key::Enter | Key::Char(' ' | 'n') => {
            let mut enrollment = enrollment.clone();
            enrollment.notice = None;
            w.step = Step::Code(CodeForm {
                enrollment,
                code: new_code_field(),
                device: TextField::new("", DEVICE_NAME_MAX),
                focus: CodeFocus::Code,
                error: None,
                busy: false,
                demo_code: None,
            });
            demo_request(w)
        }
        Key::Char('c') => {
            enrollment.notice = Some(COPIED.into());
            vec![Cmd::Copy(enrollment.secret.clone())]
        }
        Key::Char('r') if helpdesk => {
            enrollment.revealed = !enrollment.revealed;
            Vec::new()
        }
        _ => common_key(w, key),
    }
}

pub(crate) fn code(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    let Step::Code(form) = &mut w.step else {
        return Vec::new();
    };
    if form.busy {
        return Vec::new();
    }
    match (key, form.focus) {
        (Key::Tab | Key::BackTab, _) => {
            form.focus = match form.focus {
                CodeFocus::Code => CodeFocus::Device,
                CodeFocus::Device => CodeFocus::Code,
            };
        }
        (Key::Enter, _) => return submit_code(w),
        (Key::Esc, _) => {
            let enrollment = form.enrollment.clone();
            w.step = Step::Scan(enrollment);
        }
        (Key::Backspace, CodeFocus::Code) => {
            form.code.pop();
            form.error = None;
        }
        (Key::Backspace, CodeFocus::Device) => {
            form.device.pop();
        }
        (Key::Char(c), CodeFocus::Code) if c.is_ascii_digit() || c == ' ' || c == '-' => {
            form.error = None;
            if !form.code.push(c) {
                form.error = Some("The code has 6 digits.".into());
            }
        }
        (Key::Char('q' | '?'), CodeFocus::Code) => return common_key(w, key),
        (Key::Char(_), CodeFocus::Code) => {
            form.error = Some("Only digits: type the 6 digits your app shows.".into());
        }
        (Key::Char(c), CodeFocus::Device) => {
            if !form.device.push(c) && !c.is_control() {
                form.error = Some(format!(
                    "A device name has at most {DEVICE_NAME_MAX} characters."
                ));
            }
        }
        (Key::F1 | Key::CtrlC, _) => {}
    }
    Vec::new()
}
