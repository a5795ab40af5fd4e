//! The wizard's state: one enum of steps, each variant owning its data, plus what stays the same
//! across steps (settings, credentials, the clock). Changed only by `update`.

use crate::qr::Qr;
use crate::secret::Sensitive;
pub use crate::wizard::challenge::{ChallengeFocus, ChallengeForm};
use crate::wizard::field::TextField;
use crate::wizard::msg::{Cmd, UserInfo};
pub use crate::wizard::sign_in_state::{SignInFocus, SignInForm, SignInTarget};

/// The longest device name accepted, in characters.
pub const DEVICE_NAME_MAX: usize = 32;
pub const USERNAME_MAX: usize = 128;
pub const DEFAULT_ISSUER: &str = "Amazon Cognito";
pub const DEFAULT_DEVICE_NAME: &str = "Authenticator app";

/// What the flags and the config file decided; fixed for the whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub issuer: String,
    pub account_name: Option<String>,
    pub default_device_name: String,
    pub helpdesk: bool,
    pub set_preferred: bool,
    /// How long an enrollment session lives (`--session-validity`), in seconds.
    pub session_validity_secs: u64,
    /// Shown on the sign-in step in demo mode.
    pub password_hint: Option<String>,
    /// Demo mode: the code step shows the code an app would show now, for the presenter.
    pub demo: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            issuer: DEFAULT_ISSUER.into(),
            account_name: None,
            default_device_name: DEFAULT_DEVICE_NAME.into(),
            helpdesk: false,
            set_preferred: true,
            session_validity_secs: 180,
            password_hint: None,
            demo: false,
        }
    }
}

/// What the wizard authenticates its calls with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// The user's access token: AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference.
    AccessToken(Sensitive),
    /// An `MFA_SETUP` session from sign-in; each answer brings the session for the next call.
    Session(Sensitive),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

/// Waiting for the user's details (access-token flow) and then the secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preparing {
    /// Why we are here again (a new secret after an expired session), if we are.
    pub notice: Option<String>,
}

/// An associated secret, encoded once, and what the scan step shows with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub secret: Sensitive,
    pub uri: Sensitive,
    pub qr: Qr,
    pub account: String,
    /// When the enrollment session ends (Unix seconds), where one applies.
    pub deadline: Option<u64>,
    /// Helpdesk mode hides the QR and the secret until `r`.
    pub revealed: bool,
    pub notice: Option<String>,
}

impl Enrollment {
    /// A secret under 128 bits (moto's 12 characters) is shown with a warning, not refused.
    pub fn weak_secret(&self) -> bool {
        crate::totp::secret_bits(self.secret.expose()) < crate::totp::RECOMMENDED_SECRET_BITS
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFocus {
    Code,
    Device,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeForm {
    pub enrollment: Enrollment,
    pub code: TextField,
    pub device: TextField,
    pub focus: CodeFocus,
    pub error: Option<String>,
    /// Waiting for VerifySoftwareToken.
    pub busy: bool,
    /// Demo mode: what an app would show now, from the demo emulator.
    pub demo_code: Option<crate::wizard::msg::DemoShown>,
}

/// Verified; turning MFA on (access-token flow) or answering MFA_SETUP (session flow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finishing {
    pub account: String,
    pub device: String,
}

/// What the done screen and the printed summary report. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub user: String,
    pub account: String,
    pub issuer: String,
    pub device: String,
    /// Unix seconds when the enrollment finished.
    pub time: u64,
    pub result: String,
    /// MFA methods as Cognito reports them after the change (access-token flow).
    pub mfa_methods: Vec<String>,
    pub preferred_mfa: Option<String>,
}

/// A command to run again, and the waiting step to show while it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    pub cmd: Cmd,
    pub resume: Box<Step>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub message: String,
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

    pub fn title(&self) -> &'static str {
        match self {
            Step::SignIn(_) => "Sign in",
            Step::Challenge(c) => c.title(),
            Step::Preparing(_) => "Getting your secret",
            Step::Scan(_) => "Scan the QR code",
            Step::Code(_) => "Type the code",
            Step::Finishing(_) => "Turning on MFA",
            Step::Done(_) => "Done",
            Step::Failed(_) => "Something went wrong",
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
    },
    /// The user left from the error screen: what went wrong, for the terminal after restore.
    Failed {
        user: Option<String>,
        message: String,
        app_registered: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wizard {
    pub settings: Settings,
    pub step: Step,
    pub overlay: Overlay,
    pub credential: Option<Credential>,
    pub sign_in: Option<SignInTarget>,
    pub user: Option<UserInfo>,
    /// Unix seconds, from the last tick or API answer.
    pub now: u64,
    /// Animation frame for the spinner; advances with each tick.
    pub frame: u64,
    /// The API command whose answer we are waiting for (run again on "retry").
    pub in_flight: Option<Cmd>,
    pub throttle: Option<Throttle>,
    pub outcome: Option<Outcome>,
    /// What became of `--remember` (stored, or why not), for the done screen.
    pub keychain_note: Option<String>,
    /// Cognito accepted the code: the entry in the user's app is registered and must be kept,
    /// even if turning MFA on does not finish.
    pub app_registered: bool,
}

impl Wizard {
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

    /// Seconds left of the enrollment session, where one applies.
    pub fn session_left(&self, enrollment: &Enrollment) -> Option<u64> {
        enrollment.deadline.map(|d| d.saturating_sub(self.now))
    }

    /// The user name to report, as far as it is known.
    /// How the wizard ended when the user leaves now.
    pub fn outcome_on_leaving(&self) -> Outcome {
        if let Some(done) = &self.outcome {
            return done.clone();
        }
        let user = self.user_name();
        let app_registered = self.app_registered;
        match &self.step {
            Step::Done(summary) => Outcome::Enrolled(summary.clone()),
            Step::Failed(f) => Outcome::Failed {
                user,
                message: f.message.clone(),
                app_registered,
            },
            _ => Outcome::Cancelled {
                user,
                app_registered,
            },
        }
    }

    pub fn user_name(&self) -> Option<String> {
        self.user
            .as_ref()
            .map(|u| u.username.clone())
            .or_else(|| self.sign_in.as_ref().map(|t| t.username.clone()))
    }
}
