//! The pure transition function: `update(&mut wizard, msg) -> Update` (the commands to run and
//! whether the screen changed). No I/O, no clock, no key codes: the time comes in with ticks
//! and API answers, the user's wishes as intents, edits and whole submissions.
//!
//! `toolkit` is at the bottom (no handler imports it back); each handler module covers one part
//! of the journey.

mod challenge;
mod done;
mod edit;
mod enroll;
mod errors;
mod qr;
mod sign_in;
mod toolkit;

use crate::keychain::Remembered;
use crate::secret::Sensitive;
use crate::wizard::forms::SignInForm;
use crate::wizard::msg::{Cmd, Credential, Intent, Msg, Submission};
use crate::wizard::reasons::SignInNotice;
use crate::wizard::settings::{Settings, SignInTarget};
use crate::wizard::state::{Overlay, Step, Wizard};
use crate::wizard::steps::Preparing;

pub use toolkit::MAX_THROTTLED_ATTEMPTS;

/// What one message did: the commands for the runtime, and whether anything on screen changed
/// (the runtime redraws only then).
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub cmds: Vec<Cmd>,
    pub changed: bool,
}

impl Update {
    fn changed(cmds: Vec<Cmd>) -> Self {
        Self {
            cmds,
            changed: true,
        }
    }

    fn unchanged() -> Self {
        Self {
            cmds: Vec::new(),
            changed: false,
        }
    }
}

/// Where the wizard starts, from the credentials found on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    AccessToken(Sensitive),
    /// An access token; should Cognito refuse it (expired, revoked), a sign-in to `target`.
    AccessTokenOrSignIn {
        token: Sensitive,
        target: SignInTarget,
    },
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
    let mut w = Wizard::new(settings, Step::Preparing(Preparing::default()));
    let cmds = match start {
        Start::AccessTokenOrSignIn { token, target } => {
            w.sign_in = Some(target);
            w.credential = Some(Credential::AccessToken(token.clone()));
            toolkit::call(
                &mut w,
                Cmd::GetUser {
                    access_token: token,
                },
            )
        }
        Start::AccessToken(token) => {
            w.credential = Some(Credential::AccessToken(token.clone()));
            toolkit::call(
                &mut w,
                Cmd::GetUser {
                    access_token: token,
                },
            )
        }
        Start::Session { session, target } => {
            w.credential = Some(Credential::Session(session.clone()));
            w.flow = Some(crate::auth::flow::SignIn::at_mfa_setup(
                target.app_client(),
                &target.username,
            ));
            w.sign_in = Some(target);
            toolkit::call(&mut w, Cmd::Associate(Credential::Session(session)))
        }
        Start::SignIn {
            target,
            remembered,
            notice,
        } => {
            w.step = Step::SignIn(SignInForm::new(
                &target.username,
                notice.map(SignInNotice::Given),
            ));
            w.sign_in_shown = true;
            w.sign_in = Some(target);
            match remembered {
                Some(remembered) => sign_in::start_refresh(&mut w, remembered),
                None => Vec::new(),
            }
        }
    };
    (w, cmds)
}

pub fn update(w: &mut Wizard, msg: Msg) -> Update {
    if w.outcome.is_some() {
        return Update::unchanged();
    }
    let cmds = match msg {
        Msg::Intent(intent) => on_intent(w, intent),
        Msg::Edit(edit) => edit::on_edit(w, &edit),
        Msg::Submit(submission) => on_submit(w, submission),
        Msg::Tick(now) => enroll::on_tick(w, now),
        Msg::Screen(screen) => qr::on_screen(w, screen),
        Msg::DemoCode(shown) => match &mut w.step {
            Step::Code(form) if form.demo_code != shown => {
                form.demo_code = shown;
                Vec::new()
            }
            _ => return Update::unchanged(),
        },
        Msg::AuthAnswered(result) if errors::awaited(w) => {
            errors::answered(w, result, sign_in::on_auth_answered)
        }
        Msg::Remembered(result) => sign_in::on_remembered(w, result),
        // MFA is set up and the user signed in: a GetUser that fails only leaves the done
        // screen without the methods Cognito reports.
        Msg::UserLoaded(Err(_)) if matches!(w.step, Step::Finishing(_)) => {
            w.in_flight = None;
            let at = w.now;
            done::on_completed(w, crate::wizard::msg::Completed { user: None, at })
        }
        Msg::UserLoaded(result) if errors::awaited(w) => {
            errors::answered(w, result, enroll::on_user_loaded)
        }
        Msg::Associated(result) if errors::awaited(w) => {
            errors::answered(w, result, enroll::on_associated)
        }
        Msg::Verified(result) if errors::awaited(w) => {
            errors::answered(w, result, enroll::on_verified)
        }
        Msg::Completed(result) if errors::awaited(w) => {
            errors::answered(w, result, done::on_completed)
        }
        // An answer nobody waits for any more (the user went back, or quit).
        Msg::AuthAnswered(_)
        | Msg::UserLoaded(_)
        | Msg::Associated(_)
        | Msg::Verified(_)
        | Msg::Completed(_) => return Update::unchanged(),
    };
    w.sign_in_shown |= matches!(w.step, Step::SignIn(_) | Step::Challenge(_));
    Update::changed(cmds)
}

/// What an intent means on the current step; intents a step has no use for do nothing.
fn on_intent(w: &mut Wizard, intent: Intent) -> Vec<Cmd> {
    match (w.overlay, intent) {
        (Overlay::Help, _) => {
            w.overlay = Overlay::None;
            return Vec::new();
        }
        (Overlay::ConfirmQuit, Intent::ConfirmQuit | Intent::Interrupt) => {
            return toolkit::quit(w);
        }
        (Overlay::ConfirmQuit, _) => {
            w.overlay = Overlay::None;
            return Vec::new();
        }
        (Overlay::None, _) => {}
    }
    match intent {
        Intent::Help => {
            w.overlay = Overlay::Help;
            Vec::new()
        }
        Intent::Quit => toolkit::request_quit(w, false),
        Intent::Interrupt => toolkit::request_quit(w, true),
        Intent::Finish => toolkit::quit(w),
        Intent::NextField | Intent::PrevField => edit::move_focus(w, intent),
        Intent::Submit => on_form_submit(w),
        Intent::Next => enroll::to_code(w),
        Intent::Back => enroll::back_to_scan(w),
        Intent::Copy => enroll::copy(w),
        Intent::Reveal => enroll::reveal(w),
        Intent::Retry => toolkit::retry(w),
        Intent::Choose(n) => challenge::choose(w, n),
        Intent::QrLarger => qr::larger(w),
        Intent::QrSmaller => qr::smaller(w),
        Intent::CloseHelp | Intent::ConfirmQuit | Intent::KeepGoing => Vec::new(),
    }
}

/// Enter on a form: the same handlers a whole submission reaches.
fn on_form_submit(w: &mut Wizard) -> Vec<Cmd> {
    match &w.step {
        Step::SignIn(_) => sign_in::submit_form(w),
        Step::Challenge(_) => challenge::submit_form(w),
        Step::Code(_) => enroll::submit_form(w),
        _ => Vec::new(),
    }
}

fn on_submit(w: &mut Wizard, submission: Submission) -> Vec<Cmd> {
    match submission {
        Submission::SignIn { username, password } => sign_in::submit(w, &username, password),
        Submission::NewPassword {
            password,
            again,
            attributes,
        } => challenge::submit_new_password(w, password, again, attributes),
        Submission::ChallengeCode(code) => challenge::submit_code(w, code),
        Submission::Code { code, device } => enroll::submit(w, code.expose(), &device),
    }
}
