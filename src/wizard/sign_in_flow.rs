//! The wizard's sign-in (part of the pure `update`): starts `auth::flow::SignIn` from the form
//! or a remembered refresh token, sends each request it builds as a `Cmd::Auth`, and turns each
//! answer into the next step: another request, a challenge form, MFA_SETUP (→ the associate
//! step on that session), or tokens (→ the access-token flow, or the done screen after
//! MFA_SETUP). Stores the sign-in in the keychain when asked (`Cmd::Remember`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use time::OffsetDateTime;

use crate::auth::flow::{AppClient, AuthFlow, Credential as FlowCredential, SignIn, Step as Next};
use crate::cognito::wire::AuthenticationResult;
use crate::keychain::Remembered;
use crate::secret::Sensitive;
use crate::wizard::answers::{fail, on_completed};
use crate::wizard::flow_cell::FlowCell;
use crate::wizard::msg::{AuthAnswer, Cmd, Completed};
use crate::wizard::state::*;
use crate::wizard::update::{call, sign_in_form};

pub const REMEMBERED_REFUSED: &str =
    "The sign-in remembered in the keychain is no longer valid. Type your password.";
pub const REFRESHING: &str = "Signing in with the sign-in remembered in the keychain…";
pub const NO_TOTP: &str = "The user pool wants this user to set up an MFA method other than an \
     authenticator app, which this wizard cannot do. Ask the pool's administrator.";

fn app_client(target: &SignInTarget) -> AppClient {
    AppClient {
        client_id: target.client_id.clone(),
        client_secret: target.client_secret.clone(),
    }
}

/// Starts a password sign-in for the form's user; the flow waits in the form.
pub(crate) fn start_password(w: &mut Wizard, username: String, password: Sensitive) -> Vec<Cmd> {
    let Some(target) = &mut w.sign_in else {
        return fail(
            w,
            "No app client id to sign in with: pass --client-id.",
            false,
        );
    };
    target.username = username.clone();
    target.flow = None;
    let started = SignIn::start(
        app_client(target),
        &username,
        FlowCredential::Password(password),
        target.password_flow(),
        target.user_pool_id.as_deref(),
    );
    let (flow, request) = match started {
        Ok(started) => started,
        Err(e) => return fail(w, &format!("Cannot sign in: {e}."), false),
    };
    if let Step::SignIn(form) = &mut w.step {
        form.busy = true;
        form.error = None;
        form.flow = Some(FlowCell::new(flow));
    }
    call(w, Cmd::Auth(request))
}

/// Starts a sign-in with the refresh token remembered for this client and user.
pub(crate) fn start_refresh(w: &mut Wizard, remembered: Remembered) -> Vec<Cmd> {
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
        app_client(target),
        &name,
        FlowCredential::RefreshToken(remembered.refresh_token),
        AuthFlow::RefreshToken,
        None,
    );
    let Ok((flow, request)) = started else {
        return Vec::new();
    };
    let mut form = sign_in_form(&target.username, Some(REFRESHING));
    form.busy = true;
    form.refreshing = true;
    form.flow = Some(FlowCell::new(flow));
    w.step = Step::SignIn(form);
    call(w, Cmd::Auth(request))
}

/// The sign-in the current step waits on.
fn current_flow(w: &Wizard) -> Option<FlowCell> {
    match &w.step {
        Step::SignIn(form) => form.flow.clone(),
        Step::Challenge(form) => Some(form.flow.clone()),
        _ => w.sign_in.as_ref().and_then(|t| t.flow.clone()),
    }
}

fn time_of(at: u64) -> OffsetDateTime {
    i64::try_from(at)
        .ok()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(crate) fn on_auth_answered(w: &mut Wizard, answer: AuthAnswer) -> Vec<Cmd> {
    w.now = w.now.max(answer.at);
    let Some(flow) = current_flow(w) else {
        return fail(
            w,
            "An answer came for a sign-in that is not under way.",
            false,
        );
    };
    let next = flow.with(|f| f.on_response_at(&answer.response, time_of(answer.at)));
    if matches!(w.step, Step::Finishing(_)) && !matches!(next, Ok(Next::Tokens(_))) {
        let asked = answer
            .response
            .challenge_name
            .as_deref()
            .unwrap_or("something unknown");
        return fail(
            w,
            &format!(
                "MFA is set up, but the sign-in asked for {asked} next, which this wizard cannot \
                 answer. Sign in with your app to finish."
            ),
            false,
        );
    }
    match next {
        Err(e) => fail(w, &format!("The sign-in stopped: {e}."), false),
        Ok(Next::Send(request)) => call(w, Cmd::Auth(request)),
        Ok(Next::Prompt(prompt)) => {
            w.step = Step::Challenge(ChallengeForm::new(flow, prompt));
            Vec::new()
        }
        Ok(Next::MfaSetup(setup)) => {
            if !setup.mfas_can_setup.is_empty() && !setup.allows_totp() {
                return fail(w, NO_TOTP, false);
            }
            if let Some(target) = &mut w.sign_in {
                target.flow = Some(flow);
            }
            w.credential = Some(Credential::Session(setup.session.clone()));
            w.step = Step::Preparing(Preparing::default());
            call(w, Cmd::Associate(Credential::Session(setup.session)))
        }
        Ok(Next::Tokens(tokens)) => on_tokens(w, &flow, tokens, answer.at),
    }
}

fn on_tokens(w: &mut Wizard, flow: &FlowCell, tokens: AuthenticationResult, at: u64) -> Vec<Cmd> {
    let refreshed = matches!(&w.step, Step::SignIn(form) if form.refreshing);
    let mut cmds = if refreshed {
        Vec::new()
    } else {
        remember(w, flow, &tokens)
    };
    if matches!(w.step, Step::Finishing(_)) {
        // RespondToAuthChallenge MFA_SETUP signed the user in: the tokens are not shown.
        if let Some(target) = &mut w.sign_in {
            target.flow = None;
        }
        cmds.extend(on_completed(w, Completed { user: None, at }));
        return cmds;
    }
    let Some(access_token) = tokens.access_token else {
        return fail(
            w,
            "Cognito signed the user in but sent no access token.",
            false,
        );
    };
    w.credential = Some(Credential::AccessToken(access_token.clone()));
    w.step = Step::Preparing(Preparing::default());
    let mut get_user = call(w, Cmd::GetUser { access_token });
    get_user.extend(cmds);
    get_user
}

/// The command that stores the sign-in, when the user asked and may.
fn remember(w: &mut Wizard, flow: &FlowCell, tokens: &AuthenticationResult) -> Vec<Cmd> {
    let Some(target) = &w.sign_in else {
        return Vec::new();
    };
    if !target.remember {
        return Vec::new();
    }
    if w.settings.helpdesk {
        w.keychain_note = Some("Not remembered: helpdesk mode never stores a sign-in.".into());
        return Vec::new();
    }
    let Some(refresh_token) = tokens.refresh_token.clone() else {
        w.keychain_note = Some("Cognito sent no refresh token: nothing to remember.".into());
        return Vec::new();
    };
    let cognito_username = tokens
        .id_token
        .as_ref()
        .and_then(cognito_username)
        .unwrap_or_else(|| flow.with(|f| f.username().to_owned()));
    vec![Cmd::Remember {
        client_id: target.client_id.clone(),
        username: target.username.clone(),
        remembered: Remembered {
            refresh_token,
            client_secret: target.client_secret.clone(),
            cognito_username: Some(cognito_username),
        },
    }]
}

/// The `cognito:username` claim of an ID token (not verified: used only as a name).
fn cognito_username(id_token: &Sensitive) -> Option<String> {
    let payload = id_token.expose().split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims["cognito:username"].as_str().map(str::to_owned)
}

pub(crate) fn on_remembered(w: &mut Wizard, result: Result<(), String>) -> Vec<Cmd> {
    w.keychain_note = Some(match result {
        Ok(()) => "Sign-in remembered in the keychain; `cognito-mfa forget` removes it.".into(),
        Err(e) => format!("Not remembered: {e}. The sign-in itself succeeded."),
    });
    Vec::new()
}

/// Verified on an MFA_SETUP session: RespondToAuthChallenge MFA_SETUP ends the sign-in.
pub(crate) fn finish_mfa_setup(w: &mut Wizard, session: Sensitive) -> Vec<Cmd> {
    w.credential = Some(Credential::Session(session.clone()));
    let Some(flow) = w.sign_in.as_ref().and_then(|t| t.flow.clone()) else {
        return fail(
            w,
            "Cognito accepted the code, but there is no sign-in to finish. Sign in again: your \
             app is set up.",
            false,
        );
    };
    match flow.with(|f| f.finish_mfa_setup(session)) {
        Ok(request) => call(w, Cmd::Auth(request)),
        Err(e) => fail(w, &format!("Cannot finish the sign-in: {e}."), false),
    }
}

/// A refused refresh token: back to the password form, with a word on why.
pub(crate) fn refresh_refused(w: &mut Wizard) -> Vec<Cmd> {
    let username = w
        .sign_in
        .as_ref()
        .map(|t| t.username.clone())
        .unwrap_or_default();
    w.in_flight = None;
    w.step = Step::SignIn(sign_in_form(&username, Some(REMEMBERED_REFUSED)));
    Vec::new()
}
