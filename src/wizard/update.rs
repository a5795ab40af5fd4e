//! The pure transition function: `update(&mut wizard, msg) -> commands`. No I/O, no clock: the
//! time comes in with ticks and API answers.

use crate::qr::Qr;
use crate::secret::Sensitive;
use crate::totp::{otpauth_uri, parse_user_code};
use crate::wizard::field::{SecretField, TextField};
use crate::wizard::msg::{Association, Cmd, Completed, Key, Msg, SignedIn, Verified, WizError};
use crate::wizard::state::*;

/// Most throttled attempts before the wizard stops and asks the user.
pub const MAX_THROTTLED_ATTEMPTS: u32 = 5;
const CODE_FIELD_MAX: usize = 7;

pub const WRONG_CODE: &str = "That code did not match. Check that the entry you just added shows \
     the code, and type the one it shows now (codes change every 30 seconds).";
pub const NEW_SECRET: &str = "The enrollment session ran out, so here is a new secret. Scan this \
     QR code and delete the entry you added before.";
pub const SIGN_IN_AGAIN: &str =
    "Your sign-in session expired or was used up. Sign in again to get a new one.";
pub const COPIED: &str = "Secret sent to your clipboard, if your terminal allows it.";

/// Where the wizard starts, from the credentials found on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    AccessToken(Sensitive),
    Session {
        session: Sensitive,
        target: SignInTarget,
    },
    SignIn {
        client_id: String,
        username: Option<String>,
    },
}

/// The first state and the commands to run at once.
pub fn init(settings: Settings, start: Start) -> (Wizard, Vec<Cmd>) {
    let mut w = Wizard {
        settings,
        step: Step::Preparing(Preparing::default()),
        overlay: Overlay::None,
        credential: None,
        sign_in: None,
        user: None,
        now: 0,
        frame: 0,
        in_flight: None,
        throttle: None,
        outcome: None,
    };
    let cmds = match start {
        Start::AccessToken(token) => {
            w.credential = Some(Credential::AccessToken(token.clone()));
            call(
                &mut w,
                Cmd::GetUser {
                    access_token: token,
                },
            )
        }
        Start::Session { session, target } => {
            w.credential = Some(Credential::Session(session.clone()));
            w.sign_in = Some(target);
            call(&mut w, Cmd::Associate(Credential::Session(session)))
        }
        Start::SignIn {
            client_id,
            username,
        } => {
            let username = username.unwrap_or_default();
            w.step = Step::SignIn(sign_in_form(&username, None));
            w.sign_in = Some(SignInTarget {
                client_id,
                username,
            });
            Vec::new()
        }
    };
    (w, cmds)
}

fn sign_in_form(username: &str, notice: Option<&str>) -> SignInForm {
    SignInForm {
        username: TextField::new(username, USERNAME_MAX),
        password: SecretField::default(),
        focus: if username.is_empty() {
            SignInFocus::Username
        } else {
            SignInFocus::Password
        },
        error: None,
        notice: notice.map(str::to_owned),
        busy: false,
    }
}

pub fn update(w: &mut Wizard, msg: Msg) -> Vec<Cmd> {
    if w.outcome.is_some() {
        return Vec::new();
    }
    match msg {
        Msg::Key(key) => on_key(w, key),
        Msg::Tick(now) => on_tick(w, now),
        Msg::SignedIn(result) => answered(w, result, on_signed_in),
        Msg::UserLoaded(result) => answered(w, result, |w, user| {
            w.user = Some(user);
            match w.credential.clone() {
                Some(credential) => call(w, Cmd::Associate(credential)),
                None => Vec::new(),
            }
        }),
        Msg::Associated(result) => answered(w, result, on_associated),
        Msg::Verified(result) => answered(w, result, on_verified),
        Msg::Completed(result) => answered(w, result, on_completed),
    }
}

/// Runs an API command: remembered so that a failure can offer to run it again.
fn call(w: &mut Wizard, cmd: Cmd) -> Vec<Cmd> {
    w.in_flight = Some(cmd.clone());
    vec![cmd]
}

/// An answer to the command in flight; answers nobody waits for are dropped.
fn answered<T>(
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
            _ => fail(w, WRONG_CODE, false),
        },
        WizError::Other(message) => match &mut w.step {
            // A refused sign-in (wrong password, unknown user) is fixed on the form itself.
            Step::SignIn(form) => {
                form.busy = false;
                form.error = Some(message);
                w.in_flight = None;
                Vec::new()
            }
            _ => fail(w, &message, false),
        },
    }
}

/// Shows a problem; with `retry`, `r` runs the command in flight again from the current step.
fn fail(w: &mut Wizard, message: &str, retry: bool) -> Vec<Cmd> {
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
            w.credential = None;
            w.in_flight = None;
            match &w.sign_in {
                Some(target) => {
                    w.step = Step::SignIn(sign_in_form(&target.username, Some(SIGN_IN_AGAIN)));
                    Vec::new()
                }
                None => fail(w, SIGN_IN_AGAIN, false),
            }
        }
    }
}

fn on_signed_in(w: &mut Wizard, signed_in: SignedIn) -> Vec<Cmd> {
    match signed_in {
        SignedIn::Tokens { access_token } => {
            w.credential = Some(Credential::AccessToken(access_token.clone()));
            w.step = Step::Preparing(Preparing::default());
            call(w, Cmd::GetUser { access_token })
        }
        SignedIn::MfaSetup { session } => {
            w.credential = Some(Credential::Session(session.clone()));
            w.step = Step::Preparing(Preparing::default());
            call(w, Cmd::Associate(Credential::Session(session)))
        }
        SignedIn::Unsupported { challenge } => fail(
            w,
            &format!(
                "The user pool asked for {challenge}, which this wizard cannot answer. Sign in \
                 another way and run `cognito-mfa enroll --access-token …`."
            ),
            false,
        ),
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

fn on_associated(w: &mut Wizard, association: Association) -> Vec<Cmd> {
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

fn on_verified(w: &mut Wizard, verified: Verified) -> Vec<Cmd> {
    let Step::Code(form) = &w.step else {
        return Vec::new();
    };
    let device = device_name(w, &form.device);
    let account = form.enrollment.account.clone();
    w.now = w.now.max(verified.at);
    w.step = Step::Finishing(Finishing { account, device });
    match (w.credential.clone(), verified.session, w.sign_in.clone()) {
        (Some(Credential::AccessToken(access_token)), _, _) => call(
            w,
            Cmd::EnableMfa {
                access_token,
                set_preferred: w.settings.set_preferred,
            },
        ),
        (_, Some(session), Some(target)) => {
            w.credential = Some(Credential::Session(session.clone()));
            call(
                w,
                Cmd::AnswerMfaSetup {
                    client_id: target.client_id,
                    username: target.username,
                    session,
                },
            )
        }
        _ => fail(
            w,
            "Cognito accepted the code but sent no session to finish signing in with. Sign in \
             again: your app is set up.",
            false,
        ),
    }
}

fn device_name(w: &Wizard, field: &TextField) -> String {
    match field.trimmed() {
        "" => w.settings.default_device_name.clone(),
        name => name.to_owned(),
    }
}

fn on_completed(w: &mut Wizard, completed: Completed) -> Vec<Cmd> {
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

fn on_tick(w: &mut Wizard, now: u64) -> Vec<Cmd> {
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
    Vec::new()
}

fn request_quit(w: &mut Wizard) -> Vec<Cmd> {
    if w.step.enrollment_in_progress() {
        w.overlay = Overlay::ConfirmQuit;
        Vec::new()
    } else {
        quit(w)
    }
}

fn quit(w: &mut Wizard) -> Vec<Cmd> {
    w.overlay = Overlay::None;
    w.outcome = Some(match &w.step {
        Step::Done(summary) => Outcome::Enrolled(summary.clone()),
        _ => Outcome::Cancelled {
            user: w.user_name(),
        },
    });
    vec![Cmd::Quit]
}

fn on_key(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    match w.overlay {
        Overlay::Help => {
            w.overlay = Overlay::None;
            return Vec::new();
        }
        Overlay::ConfirmQuit => {
            return match key {
                Key::Char('y' | 'Y') | Key::CtrlC => quit(w),
                _ => {
                    w.overlay = Overlay::None;
                    Vec::new()
                }
            };
        }
        Overlay::None => {}
    }
    match key {
        Key::CtrlC => return request_quit(w),
        Key::F1 => {
            w.overlay = Overlay::Help;
            return Vec::new();
        }
        _ => {}
    }
    match &w.step {
        Step::SignIn(_) => crate::wizard::keys::sign_in(w, key),
        Step::Code(_) => crate::wizard::keys::code(w, key),
        Step::Scan(_) => crate::wizard::keys::scan(w, key),
        Step::Preparing(_) | Step::Finishing(_) => common_key(w, key),
        Step::Done(_) => match key {
            Key::Enter | Key::Esc | Key::Char('q') => quit(w),
            _ => common_key(w, key),
        },
        Step::Failed(failed) => match (key, failed.retry.clone()) {
            (Key::Char('r') | Key::Enter, Some(retry)) => {
                w.step = *retry.resume;
                call(w, retry.cmd)
            }
            _ => common_key(w, key),
        },
    }
}

/// `?` for help, `q`/Esc to quit: the keys every step shares.
pub(crate) fn common_key(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    match key {
        Key::Char('?') => {
            w.overlay = Overlay::Help;
            Vec::new()
        }
        Key::Char('q') | Key::Esc => request_quit(w),
        _ => Vec::new(),
    }
}

/// Submits the sign-in form.
pub(crate) fn submit_sign_in(w: &mut Wizard) -> Vec<Cmd> {
    let Step::SignIn(form) = &mut w.step else {
        return Vec::new();
    };
    let username = form.username.trimmed().to_owned();
    if username.is_empty() {
        form.error = Some("Type your user name.".into());
        form.focus = SignInFocus::Username;
        return Vec::new();
    }
    if form.password.is_empty() {
        form.error = None;
        form.focus = SignInFocus::Password;
        return Vec::new();
    }
    let password = form.password.to_sensitive();
    form.password.clear();
    form.busy = true;
    form.error = None;
    let Some(target) = &mut w.sign_in else {
        return fail(
            w,
            "No app client id to sign in with: pass --client-id.",
            false,
        );
    };
    target.username = username.clone();
    let client_id = target.client_id.clone();
    call(
        w,
        Cmd::SignIn {
            client_id,
            username,
            password,
        },
    )
}

/// Submits the code form: checks the code inline, then verifies it.
pub(crate) fn submit_code(w: &mut Wizard) -> Vec<Cmd> {
    let Step::Code(form) = &w.step else {
        return Vec::new();
    };
    let code = match parse_user_code(&form.code.value) {
        Ok(code) => code,
        Err(e) => {
            if let Step::Code(form) = &mut w.step {
                form.error = Some(format!("{}.", capitalised(&e.to_string())));
                form.focus = CodeFocus::Code;
            }
            return Vec::new();
        }
    };
    let device = device_name(w, &form.device);
    let Some(credential) = w.credential.clone() else {
        return Vec::new();
    };
    if let Step::Code(form) = &mut w.step {
        form.busy = true;
        form.error = None;
    }
    call(
        w,
        Cmd::Verify {
            credential,
            code: Sensitive::new(code),
            device,
        },
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The code field takes digits, spaces and dashes, up to `123 456`'s length.
pub(crate) fn new_code_field() -> TextField {
    TextField::new("", CODE_FIELD_MAX)
}
