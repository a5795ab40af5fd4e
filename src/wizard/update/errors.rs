//! Failed calls: each moves the wizard to where the user can do something about it.

use super::sign_in::{fall_back, refresh_refused};
use super::toolkit::{MAX_THROTTLED_ATTEMPTS, call, fail};
use crate::auth::flow::{CodeKind, Prompt};
use crate::wizard::forms::{CodeField, SignInForm};
use crate::wizard::msg::{Cmd, Credential, WizError};
use crate::wizard::reasons::{
    ChallengeProblem, CodeProblem, Denial, Fixer, Problem, Refusal, ScanNotice, SignInNotice,
    SignInProblem,
};
use crate::wizard::state::{Step, Throttle, Wizard};
use crate::wizard::steps::Preparing;

/// Whether the wizard waits for an answer (answers nobody waits for are dropped).
pub(super) fn awaited(w: &Wizard) -> bool {
    w.step.busy()
}

/// An answer to the command in flight.
pub(super) fn answered<T>(
    w: &mut Wizard,
    result: Result<T, WizError>,
    on_ok: impl FnOnce(&mut Wizard, T) -> Vec<Cmd>,
) -> Vec<Cmd> {
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
    if err != WizError::Throttled {
        w.throttle = None;
    }
    match err {
        WizError::Throttled => throttled(w),
        WizError::Network(message) => fail(w, Problem::Network(message)),
        WizError::SessionExpired | WizError::Other(_) | WizError::Refused(_) if refreshing(w) => {
            refresh_refused(w)
        }
        WizError::SessionExpired => session_expired(w),
        WizError::WrongCode => wrong_code(w),
        WizError::Other(message) => refused(w, message),
        WizError::Refused(denial) => denied(w, denial),
    }
}

/// Cognito refused for a known cause: where the user can act on it, they do so there (the
/// form, a new sign-in, a retry); what only an administrator can fix ends on the error screen,
/// which says who and what.
fn denied(w: &mut Wizard, denial: Denial) -> Vec<Cmd> {
    let by_user = denial.refusal.fixer() == Fixer::User;
    match (&denial.refusal, &mut w.step) {
        (Refusal::TokenExpired, _) => token_expired(w, denial),
        (Refusal::FlowNotEnabled { .. }, Step::SignIn(_)) => fall_back(w, denial),
        (_, Step::SignIn(form)) => {
            form.busy = false;
            form.error = Some(SignInProblem::Denied(denial));
            w.flow = None;
            w.in_flight = None;
            Vec::new()
        }
        (_, Step::Challenge(form)) if by_user => {
            form.refused(ChallengeProblem::Denied(denial));
            w.in_flight = None;
            Vec::new()
        }
        (_, Step::Code(form)) if by_user => {
            form.busy = false;
            if let Some(code) = form.form.field_mut(CodeField::Code) {
                code.clear();
            }
            form.form.set_focus(CodeField::Code);
            form.error = Some(CodeProblem::Denied(denial));
            w.in_flight = None;
            Vec::new()
        }
        _ => fail(w, Problem::Denied(denial)),
    }
}

/// The access token was refused: sign in for a new one where an app client is known, else
/// the error screen says how to get one.
fn token_expired(w: &mut Wizard, denial: Denial) -> Vec<Cmd> {
    let secret_shown = matches!(w.step, Step::Scan(_) | Step::Code(_)) && !w.app_registered;
    let Some(target) = &w.sign_in else {
        return fail(w, Problem::Denied(denial));
    };
    let notice = if secret_shown {
        SignInNotice::SignInAgainNewSecret
    } else {
        SignInNotice::TokenExpired
    };
    w.step = Step::SignIn(SignInForm::new(&target.username, Some(notice)));
    w.credential = None;
    w.in_flight = None;
    w.flow = None;
    Vec::new()
}

fn throttled(w: &mut Wizard) -> Vec<Cmd> {
    let attempt = w.throttle.as_ref().map_or(1, |t| t.attempt + 1);
    match w.in_flight.clone() {
        Some(cmd) if attempt <= MAX_THROTTLED_ATTEMPTS => {
            w.throttle = Some(Throttle {
                cmd,
                seconds_left: 2u64.pow(attempt).min(30),
                attempt,
            });
            Vec::new()
        }
        _ => fail(w, Problem::StillThrottled),
    }
}

fn wrong_code(w: &mut Wizard) -> Vec<Cmd> {
    match &mut w.step {
        Step::Code(form) => {
            form.busy = false;
            form.error = Some(CodeProblem::WrongCode);
            if let Some(code) = form.form.field_mut(CodeField::Code) {
                code.clear();
            }
            form.form.set_focus(CodeField::Code);
            w.in_flight = None;
            Vec::new()
        }
        Step::Challenge(form) => {
            let app = matches!(
                form.prompt,
                Prompt::Code {
                    kind: CodeKind::SoftwareToken,
                    ..
                }
            );
            form.refused(if app {
                ChallengeProblem::WrongAppCode
            } else {
                ChallengeProblem::WrongCode
            });
            w.in_flight = None;
            Vec::new()
        }
        _ => fail(w, Problem::WrongCode),
    }
}

/// Cognito refused: on a form, the user fixes it there; elsewhere it ends on the error screen.
fn refused(w: &mut Wizard, message: String) -> Vec<Cmd> {
    match &mut w.step {
        // A refused answer (a password the policy rejects) is asked again on the same form.
        Step::Challenge(form) => {
            form.refused(ChallengeProblem::Refused(message));
            w.in_flight = None;
            Vec::new()
        }
        // A refused sign-in (wrong password, unknown user) is fixed on the form itself.
        Step::SignIn(form) => {
            form.busy = false;
            form.error = Some(SignInProblem::Refused(message));
            w.flow = None;
            w.in_flight = None;
            Vec::new()
        }
        _ => fail(w, Problem::Refused(message)),
    }
}

pub(super) fn session_expired(w: &mut Wizard) -> Vec<Cmd> {
    if let Some(Credential::AccessToken(token)) = w.credential.clone() {
        w.step = Step::Preparing(Preparing {
            notice: Some(ScanNotice::NewSecret),
        });
        return call(w, Cmd::Associate(Credential::AccessToken(token)));
    }
    // A secret was shown but never accepted: the entry made from it is useless now.
    let secret_shown = matches!(w.step, Step::Scan(_) | Step::Code(_)) && !w.app_registered;
    w.credential = None;
    w.in_flight = None;
    w.flow = None;
    match &w.sign_in {
        Some(target) => {
            let notice = if secret_shown {
                SignInNotice::SignInAgainNewSecret
            } else {
                SignInNotice::SignInAgain
            };
            w.step = Step::SignIn(SignInForm::new(&target.username, Some(notice)));
            Vec::new()
        }
        None => fail(w, Problem::SessionExpired { secret_shown }),
    }
}

/// Signing in with a remembered refresh token.
fn refreshing(w: &Wizard) -> bool {
    matches!(&w.step, Step::SignIn(form) if form.refreshing)
}
