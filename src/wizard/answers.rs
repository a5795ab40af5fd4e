//! API answers and failures (part of the pure `update`): each moves the wizard on, or shows
//! what went wrong and what can be done about it.

use crate::qr::Qr;
use crate::secret::Sensitive;
use crate::totp::otpauth_uri;
use crate::wizard::field::TextField;
use crate::wizard::msg::{Association, Cmd, Completed, Verified, WizError};
use crate::wizard::sign_in_flow::{finish_mfa_setup, refresh_refused};
use crate::wizard::state::*;
use crate::wizard::update::{
    MAX_THROTTLED_ATTEMPTS, NEW_SECRET, SIGN_IN_AGAIN, SIGN_IN_AGAIN_NEW_SECRET, WRONG_CODE, call,
    sign_in_form,
};

/// An answer to the command in flight; answers nobody waits for are dropped.
pub(crate) fn answered<T>(
    w: &mut Wizard,
    result: Result<T, WizError>,
    on_ok: impl FnOnce(&mut Wizard, T) -> Vec<Cmd>,
) -> Vec<Cmd> {
    if !w.step.busy() {
        return Vec::new();
    }
    match result {
        Ok(value) => {
            w.in_flight = None;
            w.throttle = None;
            on_ok(w, value)
        }
        Err(err) => on_error(w, err),
    }
}

fn on_error(w: &mut Wizard, err: WizError) -> Vec<Cmd> {
    let cmd = w.in_flight.clone();
    if err != WizError::Throttled {
        w.throttle = None;
    }
    match err {
        WizError::Throttled => {
            let attempt = w.throttle.as_ref().map_or(1, |t| t.attempt + 1);
            match cmd {
                Some(cmd) if attempt <= MAX_THROTTLED_ATTEMPTS => {
                    let seconds_left = 2u64.pow(attempt).min(30);
                    w.throttle = Some(Throttle {
                        cmd,
                        seconds_left,
                        attempt,
                    });
                    Vec::new()
                }
                _ => fail(
                    w,
                    "Cognito is still asking us to slow down. Wait a minute, then press r to try again.",
                    true,
                ),
            }
        }
        WizError::Network(message) => fail(
            w,
            &format!("{message}\nCheck your connection, then press r to try again."),
            true,
        ),
        WizError::SessionExpired if refreshing(w) => refresh_refused(w),
        WizError::SessionExpired => session_expired(w),
        WizError::WrongCode => match &mut w.step {
            Step::Code(form) => {
                form.busy = false;
                form.error = Some(WRONG_CODE.into());
                form.code.value.clear();
                form.focus = CodeFocus::Code;
                w.in_flight = None;
                Vec::new()
            }
            Step::Challenge(form) => {
                form.refused(
                    "That code did not match. Type the code shown now, or the one just sent."
                        .into(),
                );
                w.in_flight = None;
                Vec::new()
            }
            _ => fail(w, WRONG_CODE, false),
        },
        WizError::Other(_) if refreshing(w) => refresh_refused(w),
        WizError::Other(message) => match &mut w.step {
            // A refused answer (a password the policy rejects) is asked again on the same form.
            Step::Challenge(form) => {
                form.refused(message);
                w.in_flight = None;
                Vec::new()
            }
            // A refused sign-in (wrong password, unknown user) is fixed on the form itself.
            Step::SignIn(form) => {
                form.busy = false;
                form.flow = None;
                form.error = Some(message);
                w.in_flight = None;
                Vec::new()
            }
            _ => fail(w, &message, false),
        },
    }
}

/// Shows a problem; with `retry`, `r` runs the command in flight again from the current step.
pub(crate) fn fail(w: &mut Wizard, message: &str, retry: bool) -> Vec<Cmd> {
    let retry = match (retry, w.in_flight.take()) {
        (true, Some(cmd)) => Some(Retry {
            cmd,
            resume: Box::new(w.step.clone()),
        }),
        _ => None,
    };
    w.throttle = None;
    w.step = Step::Failed(Failed {
        message: message.to_owned(),
        retry,
    });
    Vec::new()
}

fn session_expired(w: &mut Wizard) -> Vec<Cmd> {
    match w.credential.clone() {
        Some(Credential::AccessToken(token)) => {
            w.step = Step::Preparing(Preparing {
                notice: Some(NEW_SECRET.into()),
            });
            call(w, Cmd::Associate(Credential::AccessToken(token)))
        }
        _ => {
            // A secret was shown but never accepted: the entry made from it is useless now.
            let shown = matches!(w.step, Step::Scan(_) | Step::Code(_)) && !w.app_registered;
            let message = if shown {
                SIGN_IN_AGAIN_NEW_SECRET
            } else {
                SIGN_IN_AGAIN
            };
            w.credential = None;
            w.in_flight = None;
            match &w.sign_in {
                Some(target) => {
                    w.step = Step::SignIn(sign_in_form(&target.username, Some(message)));
                    Vec::new()
                }
                None => fail(w, message, false),
            }
        }
    }
}

/// Signing in with a remembered refresh token.
fn refreshing(w: &Wizard) -> bool {
    matches!(&w.step, Step::SignIn(form) if form.refreshing)
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

pub(crate) fn on_associated(w: &mut Wizard, association: Association) -> Vec<Cmd> {
    let notice = match &w.step {
        Step::Preparing(p) => p.notice.clone(),
        _ => None,
    };
    w.now = w.now.max(association.at);
    let account = account_name(w);
    let uri = otpauth_uri(&w.settings.issuer, &account, association.secret.expose());
    let qr = match Qr::encode(&uri) {
        Ok(qr) => qr,
        Err(e) => return fail(w, &format!("Cannot draw the QR code: {e}."), false),
    };
    let deadline = match &association.session {
        Some(session) => {
            w.credential = Some(Credential::Session(session.clone()));
            Some(association.at + w.settings.session_validity_secs)
        }
        None => None,
    };
    w.step = Step::Scan(Enrollment {
        secret: association.secret,
        uri: Sensitive::new(uri),
        qr,
        account,
        deadline,
        revealed: !w.settings.helpdesk,
        notice,
    });
    Vec::new()
}

pub(crate) fn on_verified(w: &mut Wizard, verified: Verified) -> Vec<Cmd> {
    let Step::Code(form) = &w.step else {
        return Vec::new();
    };
    let device = device_name(w, &form.device);
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
        _ => fail(
            w,
            "Cognito accepted the code but sent no session to finish signing in with. Sign in \
             again: your app is set up.",
            false,
        ),
    }
}

pub(crate) fn device_name(w: &Wizard, field: &TextField) -> String {
    match field.trimmed() {
        "" => w.settings.default_device_name.clone(),
        name => name.to_owned(),
    }
}

pub(crate) fn on_completed(w: &mut Wizard, completed: Completed) -> Vec<Cmd> {
    let Step::Finishing(finishing) = &w.step else {
        return Vec::new();
    };
    let finishing = finishing.clone();
    w.now = w.now.max(completed.at);
    let (result, mfa_methods, preferred_mfa) = match &completed.user {
        Some(user) => {
            let on = user.mfa_methods.iter().any(|m| m == "SOFTWARE_TOKEN_MFA");
            let preferred = user.preferred_mfa.as_deref() == Some("SOFTWARE_TOKEN_MFA");
            let result = match (on, preferred) {
                (true, true) => "authenticator app MFA on and preferred",
                (true, false) => "authenticator app MFA on",
                (false, _) => "code verified, but Cognito does not list authenticator app MFA",
            };
            (
                result.to_owned(),
                user.mfa_methods.clone(),
                user.preferred_mfa.clone(),
            )
        }
        None => (
            "authenticator app MFA set up; signed in".to_owned(),
            Vec::new(),
            None,
        ),
    };
    if let Some(user) = completed.user {
        w.user = Some(user);
    }
    w.step = Step::Done(Summary {
        user: w.user_name().unwrap_or_default(),
        account: finishing.account,
        issuer: w.settings.issuer.clone(),
        device: finishing.device,
        time: completed.at,
        result,
        mfa_methods,
        preferred_mfa,
    });
    Vec::new()
}

pub(crate) fn on_tick(w: &mut Wizard, now: u64) -> Vec<Cmd> {
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
pub(crate) fn demo_request(w: &Wizard) -> Vec<Cmd> {
    match (&w.step, w.settings.demo, w.user_name()) {
        (Step::Code(_), true, Some(username)) => vec![Cmd::DemoCode { username }],
        _ => Vec::new(),
    }
}
