//! The wizard's state: one enum of steps, each variant owning its data, plus what stays the same
//! across steps (settings, credentials, the sign-in under way, the clock). Changed only by
//! `update`.

use crate::auth::flow::SignIn;
use crate::wizard::forms::{ChallengeForm, CodeForm, SignInForm};
use crate::wizard::msg::{Cmd, Credential, Screen, UserInfo};
use crate::wizard::reasons::{KeychainNote, Problem};
use crate::wizard::steps::{Enrollment, Finishing, Preparing};

pub use crate::wizard::settings::{Settings, SignInTarget};
pub use crate::wizard::steps::Summary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

/// A command to run again, and the step it was sent from (shown again while it runs).
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    pub cmd: Cmd,
    pub resume: Box<Step>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub problem: Problem,
    pub retry: Option<Retry>,
}

/// Cognito asked us to slow down: the command runs again when `seconds_left` reaches zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Throttle {
    pub cmd: Cmd,
    /// Zero once the command has been sent again (the attempt count is kept until an answer).
    pub seconds_left: u64,
    pub attempt: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    SignIn(SignInForm),
    /// A question the sign-in must answer: new password, a code, an MFA method.
    Challenge(ChallengeForm),
    Preparing(Preparing),
    Scan(Enrollment),
    Code(CodeForm),
    Finishing(Finishing),
    Done(Summary),
    Failed(Failed),
}

impl Step {
    /// The step number shown to the user (sign in, scan, code, done).
    pub fn number(&self) -> usize {
        match self {
            Step::SignIn(_) | Step::Challenge(_) => 1,
            Step::Preparing(_) | Step::Scan(_) => 2,
            Step::Code(_) | Step::Finishing(_) => 3,
            Step::Done(_) => 4,
            Step::Failed(f) => f.retry.as_ref().map_or(0, |r| r.resume.number()),
        }
    }

    /// Whether quitting now would leave an enrollment half done.
    pub fn enrollment_in_progress(&self) -> bool {
        match self {
            Step::Scan(_) | Step::Code(_) | Step::Finishing(_) => true,
            Step::Failed(f) => f
                .retry
                .as_ref()
                .is_some_and(|r| r.resume.enrollment_in_progress()),
            _ => false,
        }
    }

    /// A form holds text the user typed that leaving would throw away (a prefilled user name
    /// does not count).
    pub fn has_typed_text(&self) -> bool {
        match self {
            Step::SignIn(f) => {
                !f.busy
                    && !f
                        .form
                        .value(crate::wizard::forms::SignInField::Password)
                        .is_empty()
            }
            Step::Challenge(c) => !c.busy && c.form.fields().any(|(_, field)| !field.is_empty()),
            _ => false,
        }
    }

    /// Waiting for a network answer (a spinner is on screen).
    pub fn busy(&self) -> bool {
        match self {
            Step::SignIn(f) => f.busy,
            Step::Challenge(c) => c.busy,
            Step::Code(f) => f.busy,
            Step::Preparing(_) | Step::Finishing(_) => true,
            _ => false,
        }
    }
}

/// How the wizard ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Enrolled(Summary),
    /// The user left before the end.
    Cancelled {
        user: Option<String>,
        app_registered: bool,
        /// A QR code or key was on screen: the user may have added an entry to their app.
        secret_shown: bool,
    },
    /// A signal (its number) stopped the wizard.
    Stopped {
        signal: i32,
        user: Option<String>,
        app_registered: bool,
        secret_shown: bool,
    },
    /// The user left from the error screen: what went wrong, for the terminal after restore.
    Failed {
        user: Option<String>,
        problem: Problem,
        app_registered: bool,
        secret_shown: bool,
        /// The problem is on the user's screen already (plain mode printed it before asking
        /// whether to try again): the closing message need not repeat it.
        problem_said: bool,
    },
}

/// The whole state. Not `Clone`: it owns the sign-in under way, which holds the password or
/// SRP secrets until Cognito no longer needs them.
#[derive(Debug)]
pub struct Wizard {
    pub settings: Settings,
    pub step: Step,
    pub overlay: Overlay,
    pub credential: Option<Credential>,
    pub sign_in: Option<SignInTarget>,
    /// The sign-in under way, from the first request until tokens (or until MFA_SETUP is
    /// answered, in the session flow).
    pub flow: Option<SignIn>,
    pub user: Option<UserInfo>,
    /// Unix seconds, from the last tick or API answer.
    pub now: u64,
    /// Animation frame for the spinner; advances with each tick.
    pub frame: u64,
    /// The API command whose answer we are waiting for (run again on "retry").
    pub in_flight: Option<Cmd>,
    pub throttle: Option<Throttle>,
    pub outcome: Option<Outcome>,
    /// What became of `--remember`, for the done screen.
    pub keychain_note: Option<KeychainNote>,
    /// Cognito accepted the code: the entry in the user's app is registered and must be kept,
    /// even if turning MFA on does not finish.
    pub app_registered: bool,
    /// The QR code's scale as asked for (`+`/`-`; helpdesk and demo mode start at the
    /// largest); the view draws the largest scale up to it that fits.
    pub qr_scale: usize,
    /// The terminal, once the runtime has said what it is.
    pub screen: Option<Screen>,
    /// A QR code or key was on screen (helpdesk mode: revealed) at some point.
    pub secret_shown: bool,
    /// The sign-in step has been on screen: the journey has four steps, else three.
    pub sign_in_shown: bool,
}

impl Wizard {
    pub fn new(settings: Settings, step: Step) -> Self {
        let sign_in_shown = matches!(step, Step::SignIn(_) | Step::Challenge(_));
        Self {
            step,
            overlay: Overlay::None,
            credential: None,
            sign_in: None,
            flow: None,
            user: None,
            now: 0,
            frame: 0,
            in_flight: None,
            throttle: None,
            outcome: None,
            keychain_note: None,
            qr_scale: if settings.helpdesk || settings.demo {
                crate::wizard::qr_layout::MAX_SCALE
            } else {
                1
            },
            screen: None,
            settings,
            app_registered: false,
            secret_shown: false,
            sign_in_shown,
        }
    }

    /// Whether the timer should run: a countdown, a spinner or a throttling wait is on screen.
    pub fn wants_ticks(&self) -> bool {
        if self.outcome.is_some() {
            return false;
        }
        let countdown = match &self.step {
            Step::Scan(e) => e.deadline.is_some(),
            Step::Code(f) => f.enrollment.deadline.is_some() || self.settings.demo,
            _ => false,
        };
        countdown || self.step.busy() || self.throttle.as_ref().is_some_and(|t| t.seconds_left > 0)
    }

    /// The step's number and how many there are: a journey without a sign-in (an access token
    /// or a session given) has three. `(0, _)` for a step without a number.
    pub fn step_of(&self) -> (usize, usize) {
        match (self.step.number(), self.sign_in_shown) {
            (0, _) => (0, 4),
            (n, true) => (n, 4),
            (n, false) => (n.saturating_sub(1).max(1), 3),
        }
    }

    /// Whether the enrollment session has run out: its secret can no longer be verified.
    pub fn session_over(&self, enrollment: &Enrollment) -> bool {
        enrollment.deadline.is_some_and(|d| self.now >= d)
    }

    /// Seconds left of the enrollment session, where one applies.
    pub fn session_left(&self, enrollment: &Enrollment) -> Option<u64> {
        enrollment.deadline.map(|d| d.saturating_sub(self.now))
    }

    /// How the wizard ended when a signal stops it now.
    pub fn outcome_on_signal(&self, signal: i32) -> Outcome {
        match self.outcome_on_leaving() {
            Outcome::Cancelled {
                user,
                app_registered,
                secret_shown,
            }
            | Outcome::Failed {
                user,
                app_registered,
                secret_shown,
                ..
            } => Outcome::Stopped {
                signal,
                user,
                app_registered,
                secret_shown,
            },
            other => other,
        }
    }

    /// How the wizard ended when the user leaves now.
    pub fn outcome_on_leaving(&self) -> Outcome {
        if let Some(done) = &self.outcome {
            return done.clone();
        }
        let user = self.user_name();
        let app_registered = self.app_registered;
        let secret_shown = self.secret_shown;
        match &self.step {
            Step::Done(summary) => Outcome::Enrolled(summary.clone()),
            Step::Failed(f) => Outcome::Failed {
                user,
                problem: f.problem.clone(),
                app_registered,
                secret_shown,
                problem_said: false,
            },
            _ => Outcome::Cancelled {
                user,
                app_registered,
                secret_shown,
            },
        }
    }

    /// The user name to report, as far as it is known.
    pub fn user_name(&self) -> Option<String> {
        self.user
            .as_ref()
            .map(|u| u.username.clone())
            .or_else(|| self.sign_in.as_ref().map(|t| t.username.clone()))
    }

    /// The seconds a throttled call still waits, while it waits.
    pub fn throttled_for(&self) -> Option<u64> {
        self.throttle
            .as_ref()
            .map(|t| t.seconds_left)
            .filter(|s| *s > 0)
    }
}
