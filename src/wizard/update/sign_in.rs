//! The wizard's sign-in: starts `auth::flow::SignIn` from the form or a remembered refresh
//! token, sends each request it builds as a `Cmd::Auth`, and turns each answer into the next
//! step: another request, a challenge form, MFA_SETUP (→ the associate step on that session),
//! or tokens (→ the access-token flow, or the done screen after MFA_SETUP). Stores the sign-in
//! in the keychain when asked (`Cmd::Remember`).

use time::OffsetDateTime;

use super::done::on_completed;
use super::toolkit::{call, fail};
use crate::auth::flow::{AuthFlow, Credential as FlowCredential, SignIn, Step as Next};
use crate::cognito::wire::AuthenticationResult;
use crate::keychain::Remembered;
use crate::secret::Sensitive;
use crate::wizard::forms::{ChallengeForm, SignInField, SignInForm};
use crate::wizard::msg::{AuthAnswer, Cmd, Completed, Credential};
use crate::wizard::reasons::{Denial, KeychainNote, Problem, Refusal, SignInNotice, SignInProblem};
use crate::wizard::state::{Step, Wizard};
use crate::wizard::steps::Preparing;

/// Enter on the sign-in form.
pub(super) fn submit_form(w: &mut Wizard) -> Vec<Cmd> {
    let Step::SignIn(form) = &mut w.step else {
        return Vec::new();
    };
    let username = form
        .form
        .field(SignInField::Username)
        .map_or("", |f| f.trimmed())
        .to_owned();
    let password = Sensitive::new(form.form.value(SignInField::Password));
    if let Some(pool_id) = form
        .form
        .field(SignInField::PoolId)
        .map(|f| f.trimmed().to_owned())
    {
        if crate::auth::pool_name(&pool_id).is_err() {
            form.error = Some(SignInProblem::BadPoolId);
            form.form.set_focus(SignInField::PoolId);
            return Vec::new();
        }
        if let Some(target) = &mut w.sign_in {
            target.user_pool_id = Some(pool_id);
            target.auth_flow = Some(AuthFlow::UserSrp);
        }
    }
    submit(w, &username, password)
}

/// A user name and password, from the form or a plain-mode prompt.
pub(super) fn submit(w: &mut Wizard, username: &str, password: Sensitive) -> Vec<Cmd> {
    let Step::SignIn(form) = &mut w.step else {
        return Vec::new();
    };
    let username = username.trim();
    if let Some(field) = form.form.field_mut(SignInField::Username) {
        let _ = field.set(username);
    }
    if username.is_empty() {
        form.error = Some(SignInProblem::NoUsername);
        form.form.set_focus(SignInField::Username);
        return Vec::new();
    }
    if password.is_empty() {
        form.error = None;
        form.form.set_focus(SignInField::Password);
        return Vec::new();
    }
    // The password now lives only in the sign-in, which drops it once Cognito has checked it.
    if let Some(field) = form.form.field_mut(SignInField::Password) {
        field.clear();
    }
    start_password(w, username.to_owned(), password)
}

/// Starts a password sign-in for the form's user; the flow waits in the wizard.
fn start_password(w: &mut Wizard, username: String, password: Sensitive) -> Vec<Cmd> {
    let Some(target) = &mut w.sign_in else {
        return fail(w, Problem::NoClientId);
    };
    target.username = username.clone();
    let started = SignIn::start(
        target.app_client(),
        &username,
        FlowCredential::Password(password),
        target.password_flow(),
        target.user_pool_id.as_deref(),
    );
    let (flow, request) = match started {
        Ok(started) => started,
        Err(e) => return fail(w, Problem::CannotSignIn(e)),
    };
    w.flow = Some(flow);
    if let Step::SignIn(form) = &mut w.step {
        form.busy = true;
        form.error = None;
    }
    call(w, Cmd::Auth(request))
}

/// Starts a sign-in with the refresh token remembered for this client and user.
pub(super) fn start_refresh(w: &mut Wizard, remembered: Remembered) -> Vec<Cmd> {
    let Some(target) = &mut w.sign_in else {
        return Vec::new();
    };
    if target.client_secret.is_none() {
        target.client_secret = remembered.client_secret.clone();
    }
    let name = remembered
        .cognito_username
        .clone()
        .unwrap_or_else(|| target.username.clone());
    let started = SignIn::start(
        target.app_client(),
        &name,
        FlowCredential::RefreshToken(remembered.refresh_token),
        AuthFlow::RefreshToken,
        None,
    );
    let Ok((flow, request)) = started else {
        return Vec::new();
    };
    let mut form = SignInForm::new(&target.username, Some(SignInNotice::Refreshing));
    form.busy = true;
    form.refreshing = true;
    w.flow = Some(flow);
    w.step = Step::SignIn(form);
    call(w, Cmd::Auth(request))
}

fn time_of(at: u64) -> OffsetDateTime {
    i64::try_from(at)
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(super) fn on_auth_answered(w: &mut Wizard, answer: AuthAnswer) -> Vec<Cmd> {
    w.now = w.now.max(answer.at);
    let Some(flow) = &mut w.flow else {
        return fail(w, Problem::AnswerWithoutSignIn);
    };
    let next = flow.on_response_at(&answer.response, time_of(answer.at));
    if matches!(w.step, Step::Finishing(_)) && !matches!(next, Ok(Next::Tokens(_))) {
        let asked = answer.response.challenge_name.clone().unwrap_or_default();
        return fail(w, Problem::ChallengeAfterSetup(asked));
    }
    match next {
        Err(e) => fail(w, Problem::SignInStopped(e)),
        Ok(Next::Send(request)) => call(w, Cmd::Auth(request)),
        Ok(Next::Prompt(prompt)) => {
            w.step = Step::Challenge(ChallengeForm::new(prompt));
            Vec::new()
        }
        Ok(Next::MfaSetup(setup)) => {
            if !setup.mfas_can_setup.is_empty() && !setup.allows_totp() {
                return fail(w, Problem::NoTotpOffered);
            }
            w.credential = Some(Credential::Session(setup.session.clone()));
            w.step = Step::Preparing(Preparing::default());
            call(w, Cmd::Associate(Credential::Session(setup.session)))
        }
        Ok(Next::Tokens(tokens)) => on_tokens(w, tokens, answer.at),
    }
}

fn on_tokens(w: &mut Wizard, tokens: AuthenticationResult, at: u64) -> Vec<Cmd> {
    let refreshed = matches!(&w.step, Step::SignIn(form) if form.refreshing);
    let cmds = if refreshed {
        Vec::new()
    } else {
        remember(w, &tokens)
    };
    // Signed in: the sign-in (and any password it held) is no longer needed.
    w.flow = None;
    if matches!(w.step, Step::Finishing(_)) {
        // RespondToAuthChallenge MFA_SETUP signed the user in: the tokens are not shown, but
        // the access token asks GetUser what Cognito now reports.
        let mut more = match tokens.access_token {
            Some(access_token) => call(w, Cmd::GetUser { access_token }),
            None => on_completed(w, Completed { user: None, at }),
        };
        more.extend(cmds);
        return more;
    }
    let Some(access_token) = tokens.access_token else {
        return fail(w, Problem::NoAccessToken);
    };
    w.credential = Some(Credential::AccessToken(access_token.clone()));
    w.step = Step::Preparing(Preparing::default());
    let mut get_user = call(w, Cmd::GetUser { access_token });
    get_user.extend(cmds);
    get_user
}

/// The command that stores the sign-in, when the user asked and may.
fn remember(w: &mut Wizard, tokens: &AuthenticationResult) -> Vec<Cmd> {
    let Some(target) = &w.sign_in else {
        return Vec::new();
    };
    if !target.remember {
        return Vec::new();
    }
    if w.settings.helpdesk {
        w.keychain_note = Some(KeychainNote::HelpdeskNeverStores);
        return Vec::new();
    }
    let signed_in_as = w
        .flow
        .as_ref()
        .map_or(target.username.as_str(), |f| f.username());
    let before = Remembered::nothing(target.client_secret.clone());
    let Some(remembered) = Remembered::after_sign_in(tokens, &before, signed_in_as) else {
        w.keychain_note = Some(KeychainNote::NoRefreshToken);
        return Vec::new();
    };
    vec![Cmd::Remember {
        client_id: target.client_id.clone(),
        username: target.username.clone(),
        remembered,
    }]
}

pub(super) fn on_remembered(w: &mut Wizard, result: Result<(), String>) -> Vec<Cmd> {
    w.keychain_note = Some(match result {
        Ok(()) => KeychainNote::Stored,
        Err(e) => KeychainNote::Failed(e),
    });
    Vec::new()
}

/// Verified on an MFA_SETUP session: RespondToAuthChallenge MFA_SETUP ends the sign-in.
pub(super) fn finish_mfa_setup(w: &mut Wizard, session: Sensitive) -> Vec<Cmd> {
    w.credential = Some(Credential::Session(session.clone()));
    let Some(flow) = &mut w.flow else {
        return fail(w, Problem::NoSignInToFinish);
    };
    match flow.finish_mfa_setup(session) {
        Ok(request) => call(w, Cmd::Auth(request)),
        Err(e) => fail(w, Problem::CannotFinish(e)),
    }
}

/// A refused refresh token: back to the password form, with a word on why.
pub(super) fn refresh_refused(w: &mut Wizard) -> Vec<Cmd> {
    let username = w
        .sign_in
        .as_ref()
        .map(|t| t.username.clone())
        .unwrap_or_default();
    w.in_flight = None;
    w.flow = None;
    w.step = Step::SignIn(SignInForm::new(
        &username,
        Some(SignInNotice::RememberedRefused),
    ));
    Vec::new()
}

/// The app client does not allow the flow the sign-in started with: the same password with the
/// other password flow, once, saying so on the form. SRP needs the pool id; without one the
/// form says where to get it.
pub(super) fn fall_back(w: &mut Wizard, denial: Denial) -> Vec<Cmd> {
    let already = matches!(
        &w.step,
        Step::SignIn(form) if matches!(form.notice, Some(SignInNotice::SwitchedFlow { .. }))
    );
    let tried = w.flow.as_ref().map(SignIn::flow);
    let pool_known = w.sign_in.as_ref().is_some_and(|t| t.user_pool_id.is_some());
    let other = match tried {
        Some(AuthFlow::UserSrp) => Some(AuthFlow::UserPassword),
        Some(AuthFlow::UserPassword) => Some(AuthFlow::UserSrp),
        Some(AuthFlow::UserAuth) if pool_known => Some(AuthFlow::UserSrp),
        Some(AuthFlow::UserAuth) => Some(AuthFlow::UserPassword),
        _ => None,
    };
    let refused = |w: &mut Wizard, denial: Denial| {
        if let Step::SignIn(form) = &mut w.step {
            form.busy = false;
            form.error = Some(SignInProblem::Denied(denial));
        }
        w.flow = None;
        w.in_flight = None;
        Vec::new()
    };
    let (Some(tried), Some(other), false) = (tried, other, already) else {
        return refused(w, denial);
    };
    if other == AuthFlow::UserSrp && !pool_known {
        let flow = tried.as_str().to_owned();
        let cmds = refused(
            w,
            Denial {
                refusal: Refusal::FlowNeedsPoolId { flow },
                said: denial.said,
            },
        );
        if let Step::SignIn(form) = &mut w.step {
            form.ask_pool_id();
        }
        return cmds;
    }
    let Some(flow) = w.flow.take() else {
        return refused(w, denial);
    };
    let (flow, request) = match flow.restart_with(other) {
        Ok(restarted) => restarted,
        Err(_) => return refused(w, denial),
    };
    w.flow = Some(flow);
    if let Some(target) = &mut w.sign_in {
        target.auth_flow = Some(other);
    }
    if let Step::SignIn(form) = &mut w.step {
        form.notice = Some(SignInNotice::SwitchedFlow {
            from: tried.as_str().to_owned(),
            to: other.as_str().to_owned(),
        });
        form.error = None;
        form.busy = true;
    }
    call(w, Cmd::Auth(request))
}
