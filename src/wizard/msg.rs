//! What flows into `update` (messages: key presses, ticks, API answers) and out of it
//! (commands for the runtime). No HTTP or terminal types: the runtime maps to and from these.

use crate::auth::flow::SignInRequest;
use crate::cognito::wire::AuthResponse;
use crate::keychain::Remembered;
use crate::secret::Sensitive;
use crate::wizard::form::Edit;
use crate::wizard::reasons::Denial;

/// What the wizard authenticates its calls with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// The user's access token: AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference.
    AccessToken(Sensitive),
    /// An `MFA_SETUP` session from sign-in; each answer brings the session for the next call.
    Session(Sensitive),
}

/// What the user wants, whatever key or prompt said it (the key tables in `keymap` map keys
/// to these; plain mode sends them from its line prompts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Enter on a form: send what it holds.
    Submit,
    /// From the QR code on to typing the code.
    Next,
    NextField,
    PrevField,
    /// From the code back to the QR code.
    Back,
    /// The secret to the clipboard.
    Copy,
    /// Helpdesk mode: show or hide the QR code and the secret.
    Reveal,
    /// Run the failed call again.
    Retry,
    /// Pick the n-th choice (0-based) of a list.
    Choose(usize),
    Help,
    CloseHelp,
    /// Leave; asks first when leaving would leave an enrollment half done.
    Quit,
    /// Ctrl-C: like `Quit`, and confirms a pending quit question.
    Interrupt,
    /// The answer to "Quit now?".
    ConfirmQuit,
    KeepGoing,
    /// Leave the done screen.
    Finish,
    /// A larger QR code, up to the largest that fits.
    QrLarger,
    /// A smaller QR code, down to the smallest.
    QrSmaller,
}

/// The terminal the runtime draws on: its size, and whether it draws the QR as an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub cols: u16,
    pub rows: u16,
    /// The runtime puts the QR code there as an image (kitty, iTerm2 or sixel); the view
    /// leaves the QR's area blank.
    pub images: bool,
}

/// A whole answer at once, as plain mode reads it from a line prompt: the same handlers as
/// the full screen's forms, without keystrokes or focus order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    SignIn {
        username: String,
        password: Sensitive,
    },
    /// A new password, typed twice, and the attributes the pool requires, in the prompt's order.
    NewPassword {
        password: Sensitive,
        again: Sensitive,
        attributes: Vec<String>,
    },
    /// A code for a sign-in challenge.
    ChallengeCode(Sensitive),
    /// The enrollment code, and the device name (empty: the default).
    Code { code: Sensitive, device: String },
}

/// Why a call failed, as far as the wizard cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WizError {
    /// The code did not match the secret (CodeMismatch / EnableSoftwareTokenMFA).
    WrongCode,
    /// The sign-in or enrollment session expired or was used up.
    SessionExpired,
    /// Cognito asked us to slow down.
    Throttled,
    /// No answer: connection refused, DNS, timeout. The text says what happened.
    Network(String),
    /// Cognito refused, for a cause the wizard knows (who can fix it, what comes next).
    Refused(Denial),
    /// Anything else, with a message for the user (what happened and what to do).
    Other(String),
}

/// The user's details from GetUser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserInfo {
    pub username: String,
    pub email: Option<String>,
    pub mfa_methods: Vec<String>,
    pub preferred_mfa: Option<String>,
}

/// Cognito's answer to a sign-in request, and when it arrived (Unix seconds): SRP signs its
/// PASSWORD_VERIFIER answer with that time.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthAnswer {
    pub response: AuthResponse,
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Association {
    pub secret: Sensitive,
    /// The session for VerifySoftwareToken (session flow).
    pub session: Option<Sensitive>,
    /// Unix seconds when the answer arrived.
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The session for RespondToAuthChallenge (session flow).
    pub session: Option<Sensitive>,
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// The user as Cognito reports them after the change (access-token flow).
    pub user: Option<UserInfo>,
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Intent(Intent),
    /// A change to the focused field.
    Edit(Edit),
    Submit(Submission),
    /// One second passed; the current Unix time.
    Tick(u64),
    /// The terminal's size at start and after each resize.
    Screen(Screen),
    /// The answer to `Cmd::Auth` (InitiateAuth or RespondToAuthChallenge).
    AuthAnswered(Result<AuthAnswer, WizError>),
    /// The keychain stored the sign-in (`Cmd::Remember`), or why it did not.
    Remembered(Result<(), String>),
    UserLoaded(Result<UserInfo, WizError>),
    Associated(Result<Association, WizError>),
    Verified(Result<Verified, WizError>),
    Completed(Result<Completed, WizError>),
    /// The demo emulator's answer to `Cmd::DemoCode`: what an app would show now.
    DemoCode(Option<DemoShown>),
}

/// The code an authenticator app would show now for the secret just issued, as the demo
/// emulator computes it, so a demo needs no phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoShown {
    pub code: Sensitive,
    pub seconds_left: u64,
}

/// Work for the runtime. API commands come back as the matching `Msg`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// InitiateAuth or RespondToAuthChallenge, as the sign-in flow built it →
    /// `Msg::AuthAnswered`.
    Auth(SignInRequest),
    /// GetUser → `Msg::UserLoaded`.
    GetUser { access_token: Sensitive },
    /// AssociateSoftwareToken → `Msg::Associated`.
    Associate(Credential),
    /// VerifySoftwareToken → `Msg::Verified`.
    Verify {
        credential: Credential,
        code: Sensitive,
        device: String,
    },
    /// SetUserMFAPreference (unless `set_preferred` is false), then GetUser → `Msg::Completed`.
    EnableMfa {
        access_token: Sensitive,
        set_preferred: bool,
    },
    /// Store a sign-in in the keychain → `Msg::Remembered`. Not an API call.
    Remember {
        client_id: String,
        username: String,
        remembered: Remembered,
    },
    /// Ask the demo emulator (an in-process hook, only in `demo`) for the code an app would
    /// show now → `Msg::DemoCode`. Not an API call.
    DemoCode { username: String },
    /// Send the secret to the clipboard (OSC 52).
    Copy(Sensitive),
    /// Leave the wizard; `Wizard::outcome` says how it ended.
    Quit,
}

impl Cmd {
    /// Whether the command is a network call whose answer the wizard waits for.
    pub fn is_api_call(&self) -> bool {
        !matches!(
            self,
            Cmd::Copy(_) | Cmd::Quit | Cmd::Remember { .. } | Cmd::DemoCode { .. }
        )
    }
}
