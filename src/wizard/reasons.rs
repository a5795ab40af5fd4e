//! Why the wizard shows what it shows: typed reasons the state holds. `crate::text` turns each
//! into words, for the full screen, plain mode and the printed summary alike.

use crate::auth::flow::FlowError;
use crate::totp::CodeError;

/// What is wrong with the sign-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    NoUsername,
    /// Cognito refused the sign-in; its words, and what to do.
    Refused(String),
}

/// A line shown above the sign-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInNotice {
    /// Signing in with the refresh token remembered in the keychain.
    Refreshing,
    /// The remembered sign-in was refused: type the password.
    RememberedRefused,
    /// The sign-in session expired or was used up.
    SignInAgain,
    /// As above, after a secret was shown: that entry in the app is useless now.
    SignInAgainNewSecret,
    /// Said by whoever started the wizard (e.g. why the keychain could not be read).
    Given(String),
}

/// What is wrong with a challenge's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeProblem {
    NoNewPassword,
    NoRepeat,
    PasswordsDiffer,
    MissingAttribute(String),
    NotACode(CodeError),
    /// An SMS or e-mail code: 6 to 8 digits.
    SentCodeLength,
    OnlyDigits,
    NoMethodOffered,
    WrongCode,
    /// Cognito refused the answer (a password the policy rejects…): its words.
    Refused(String),
}

/// What is wrong on the code step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    NotACode(CodeError),
    OnlyDigits,
    TooLong,
    DeviceNameTooLong(usize),
    WrongCode,
}

/// A line on the scan step, or while a new secret is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanNotice {
    Copied,
    /// The enrollment session ran out: this is a new secret.
    NewSecret,
}

/// What became of `--remember`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeychainNote {
    Stored,
    HelpdeskNeverStores,
    NoRefreshToken,
    /// The keychain refused; why.
    Failed(String),
}

/// What Cognito reports once the enrollment is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrollResult {
    OnAndPreferred,
    On,
    /// The code was verified, but GetUser does not list authenticator-app MFA.
    NotListed,
    /// Session flow: RespondToAuthChallenge MFA_SETUP signed the user in.
    SetUpAndSignedIn,
    /// The user left before the end (the printed summary of an unfinished enrollment).
    Cancelled,
    /// The wizard stopped on an error it could not get past.
    Failed,
}

/// Why the wizard stopped on its error screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No answer (connection, DNS, timeout): what happened.
    Network(String),
    /// Cognito kept asking us to slow down.
    StillThrottled,
    /// Cognito refused: its words, and what to do.
    Refused(String),
    /// A wrong code where no form can take another.
    WrongCode,
    NoClientId,
    CannotSignIn(FlowError),
    SignInStopped(FlowError),
    ChallengeStopped(FlowError),
    /// The pool wants an MFA method other than an authenticator app.
    NoTotpOffered,
    AnswerWithoutSignIn,
    /// After MFA_SETUP the sign-in asked for this challenge.
    ChallengeAfterSetup(String),
    NoAccessToken,
    NoSessionAfterVerify,
    NoSignInToFinish,
    CannotFinish(FlowError),
    /// The session expired and there is no sign-in to start again.
    SessionExpired {
        secret_shown: bool,
    },
    CannotDrawQr(String),
}

impl Problem {
    /// Whether the user can do something about it by trying again (network, throttling).
    pub fn retryable(&self) -> bool {
        matches!(self, Problem::Network(_) | Problem::StillThrottled)
    }
}
