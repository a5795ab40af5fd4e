//! Enrollment: the user's details, the secret and its QR code, the code and device name,
//! verification; the countdown and the demo's code on each tick.

use super::errors::session_expired;
use super::sign_in::finish_mfa_setup;
use super::toolkit::{call, device_name, fail};
use crate::secret::Sensitive;
use crate::totp::parse_user_code;
use crate::wizard::forms::{CodeField, CodeForm};
use crate::wizard::msg::{Association, Cmd, Credential, UserInfo, Verified};
use crate::wizard::reasons::{CodeProblem, Problem, ScanNotice};
use crate::wizard::state::{Step, Wizard};
use crate::wizard::steps::{Enrollment, Finishing, Preparing};

pub(super) fn on_user_loaded(w: &mut Wizard, user: UserInfo) -> Vec<Cmd> {
    // After MFA_SETUP signed the user in: what Cognito now reports, for the done screen.
    if matches!(w.step, Step::Finishing(_)) {
        return super::done::on_completed(
            w,
            crate::wizard::msg::Completed {
                user: Some(user),
                at: w.now,
            },
        );
    }
    if user.mfa_methods.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
        w.step = Step::Preparing(Preparing {
            notice: Some(ScanNotice::Replacing),
        });
    }
    w.user = Some(user);
    match w.credential.clone() {
        Some(credential) => call(w, Cmd::Associate(credential)),
        None => Vec::new(),
    }
}

/// The name the authenticator app lists the entry under.
fn account_name(w: &Wizard) -> String {
    w.settings
        .account_name
        .clone()
        .or_else(|| w.user.as_ref().and_then(|u| u.email.clone()))
        .or_else(|| w.user_name())
        .unwrap_or_else(|| "user".into())
}

pub(super) fn on_associated(w: &mut Wizard, association: Association) -> Vec<Cmd> {
    let notice = match &w.step {
        Step::Preparing(Preparing { notice }) => *notice,
        _ => None,
    };
    w.now = w.now.max(association.at);
    let account = account_name(w);
    let deadline = match &association.session {
        Some(session) => {
            w.credential = Some(Credential::Session(session.clone()));
            Some(association.at + w.settings.session_validity_secs)
        }
        None => None,
    };
    match Enrollment::new(
        association.secret,
        &w.settings.issuer,
        account,
        deadline,
        !w.settings.helpdesk,
        notice,
    ) {
        Ok(enrollment) => w.step = Step::Scan(enrollment),
        Err(e) => return fail(w, Problem::CannotDrawQr(e.to_string())),
    }
    w.secret_shown |= !w.settings.helpdesk;
    Vec::new()
}

/// From the QR code on to the code.
pub(super) fn to_code(w: &mut Wizard) -> Vec<Cmd> {
    if matches!(&w.step, Step::Scan(e) if w.session_over(e)) {
        return session_expired(w);
    }
    let Step::Scan(enrollment) = &mut w.step else {
        return Vec::new();
    };
    let mut enrollment = enrollment.clone();
    enrollment.notice = None;
    w.step = Step::Code(CodeForm::new(enrollment));
    demo_request(w)
}

/// From the code back to the same QR code.
pub(super) fn back_to_scan(w: &mut Wizard) -> Vec<Cmd> {
    if let Step::Code(form) = &w.step {
        w.step = Step::Scan(form.enrollment.clone());
    }
    Vec::new()
}

pub(super) fn copy(w: &mut Wizard) -> Vec<Cmd> {
    let over = matches!(&w.step, Step::Scan(e) if w.session_over(e));
    let Step::Scan(enrollment) = &mut w.step else {
        return Vec::new();
    };
    // Nothing secret is copied while hidden, nor a secret that can no longer be verified.
    if !enrollment.revealed || over {
        return Vec::new();
    }
    enrollment.notice = Some(ScanNotice::Copied);
    vec![Cmd::Copy(enrollment.secret.clone())]
}

pub(super) fn reveal(w: &mut Wizard) -> Vec<Cmd> {
    if let Step::Scan(enrollment) = &mut w.step
        && w.settings.helpdesk
    {
        enrollment.revealed = !enrollment.revealed;
        w.secret_shown |= enrollment.revealed;
    }
    Vec::new()
}

/// Enter on the code form.
pub(super) fn submit_form(w: &mut Wizard) -> Vec<Cmd> {
    let Step::Code(form) = &w.step else {
        return Vec::new();
    };
    let code = Sensitive::new(form.form.value(CodeField::Code));
    let device = form.form.value(CodeField::Device).to_owned();
    submit(w, code.expose(), &device)
}

/// A code and a device name, from the form or a plain-mode prompt: checked, then verified.
pub(super) fn submit(w: &mut Wizard, code: &str, device: &str) -> Vec<Cmd> {
    let Some(credential) = w.credential.clone() else {
        return Vec::new();
    };
    // After the deadline a code is never sent: the screen says so, and Enter gets a new secret.
    if matches!(&w.step, Step::Code(f) if w.session_over(&f.enrollment)) {
        return session_expired(w);
    }
    let Step::Code(form) = &mut w.step else {
        return Vec::new();
    };
    // A whole device name (plain mode) goes into the form; the form's own text is left as typed.
    if let Some(field) = form.form.field_mut(CodeField::Device)
        && field.value() != device
        && field.set(device.trim()).is_err()
    {
        form.error = Some(CodeProblem::DeviceNameTooLong(field.max_chars()));
        form.form.set_focus(CodeField::Device);
        return Vec::new();
    }
    let code = match parse_user_code(code) {
        Ok(code) => Sensitive::new(code),
        Err(e) => {
            form.error = Some(CodeProblem::NotACode(e));
            form.form.set_focus(CodeField::Code);
            return Vec::new();
        }
    };
    let device = device_name(&w.settings, form);
    let Step::Code(form) = &mut w.step else {
        return Vec::new();
    };
    form.busy = true;
    form.error = None;
    call(
        w,
        Cmd::Verify {
            credential,
            code,
            device,
        },
    )
}

pub(super) fn on_verified(w: &mut Wizard, verified: Verified) -> Vec<Cmd> {
    let Step::Code(form) = &mut w.step else {
        return Vec::new();
    };
    // The code has done its work: it leaves memory with the form.
    if let Some(code) = form.form.field_mut(CodeField::Code) {
        code.clear();
    }
    let device = device_name(&w.settings, form);
    let account = form.enrollment.account.clone();
    w.now = w.now.max(verified.at);
    w.app_registered = true;
    w.step = Step::Finishing(Finishing { account, device });
    match (w.credential.clone(), verified.session) {
        (Some(Credential::AccessToken(access_token)), _) => call(
            w,
            Cmd::EnableMfa {
                access_token,
                set_preferred: w.settings.set_preferred,
            },
        ),
        (_, Some(session)) => finish_mfa_setup(w, session),
        _ => fail(w, Problem::NoSessionAfterVerify),
    }
}

pub(super) fn on_tick(w: &mut Wizard, now: u64) -> Vec<Cmd> {
    w.now = now;
    w.frame += 1;
    if let Some(throttle) = &mut w.throttle
        && throttle.seconds_left > 0
    {
        throttle.seconds_left -= 1;
        if throttle.seconds_left == 0 {
            let cmd = throttle.cmd.clone();
            return call(w, cmd);
        }
    }
    demo_request(w)
}

/// In demo mode on the code step: ask the demo emulator what an app would show now.
fn demo_request(w: &Wizard) -> Vec<Cmd> {
    match (&w.step, w.settings.demo, w.user_name()) {
        (Step::Code(_), true, Some(username)) => vec![Cmd::DemoCode { username }],
        _ => Vec::new(),
    }
}
