//! The pure transition function: `update(&mut wizard, msg) -> commands`. No I/O, no clock: the
//! time comes in with ticks and API answers.

use crate::auth::flow::{AppClient, SignIn};
use crate::keychain::Remembered;
use crate::secret::Sensitive;
use crate::totp::parse_user_code;
use crate::wizard::answers::{
    answered, device_name, on_associated, on_completed, on_tick, on_verified,
};
use crate::wizard::field::{SecretField, TextField};
use crate::wizard::flow_cell::FlowCell;
use crate::wizard::msg::{Cmd, Key, Msg};
use crate::wizard::sign_in_flow::{on_auth_answered, on_remembered, start_password, start_refresh};
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
pub const SIGN_IN_AGAIN_NEW_SECRET: &str = "Your sign-in session expired or was used up. Delete \
     the entry you added to your app, then sign in again: you get a new secret to scan.";
pub const COPIED: &str = "Secret sent to your clipboard, if your terminal allows it.";

/// Where the wizard starts, from the credentials found on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    AccessToken(Sensitive),
    Session {
        session: Sensitive,
        target: SignInTarget,
    },
    /// Sign in first; `target.username` may be empty (the form asks for it).
    SignIn {
        target: SignInTarget,
        /// A sign-in remembered in the keychain for this client and user: tried first.
        remembered: Option<Remembered>,
        /// Shown on the sign-in form (e.g. why the keychain could not be read).
        notice: Option<String>,
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
        keychain_note: None,
        app_registered: false,
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
        Start::Session {
            session,
            mut target,
        } => {
            w.credential = Some(Credential::Session(session.clone()));
            let app = AppClient {
                client_id: target.client_id.clone(),
                client_secret: target.client_secret.clone(),
            };
            target.flow = Some(FlowCell::new(SignIn::at_mfa_setup(app, &target.username)));
            w.sign_in = Some(target);
            call(&mut w, Cmd::Associate(Credential::Session(session)))
        }
        Start::SignIn {
            target,
            remembered,
            notice,
        } => {
            w.step = Step::SignIn(sign_in_form(&target.username, notice.as_deref()));
            w.sign_in = Some(target);
            match remembered {
                Some(remembered) => start_refresh(&mut w, remembered),
                None => Vec::new(),
            }
        }
    };
    (w, cmds)
}

pub(crate) fn sign_in_form(username: &str, notice: Option<&str>) -> SignInForm {
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
        flow: None,
        refreshing: false,
    }
}

pub fn update(w: &mut Wizard, msg: Msg) -> Vec<Cmd> {
    if w.outcome.is_some() {
        return Vec::new();
    }
    match msg {
        Msg::Key(key) => on_key(w, key),
        Msg::Tick(now) => on_tick(w, now),
        Msg::DemoCode(shown) => {
            if let Step::Code(form) = &mut w.step {
                form.demo_code = shown;
            }
            Vec::new()
        }
        Msg::AuthAnswered(result) => answered(w, result, on_auth_answered),
        Msg::Remembered(result) => on_remembered(w, result),
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
pub(crate) fn call(w: &mut Wizard, cmd: Cmd) -> Vec<Cmd> {
    w.in_flight = Some(cmd.clone());
    vec![cmd]
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
    w.outcome = Some(w.outcome_on_leaving());
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
        Step::Challenge(_) => crate::wizard::challenge::key(w, key),
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
    start_password(w, username, password)
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
