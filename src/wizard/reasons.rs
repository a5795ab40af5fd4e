//! Why the wizard shows what it shows: typed reasons the state holds. `crate::text` turns each
//! into words, for the full screen, plain mode and the printed summary alike.

use crate::auth::flow::FlowError;
use crate::totp::CodeError;

/// Why Cognito refused a call, as far as anyone can act on it: one variant per cause the API
/// reference documents for the operations the wizard calls (NotAuthorizedException split by
/// cause). `crate::text::problems::denial` says what happened and who can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// NotAuthorized at sign-in: the user name or password is wrong.
    WrongPassword,
    /// UserNotFoundException (pools that reveal whether a user exists).
    UserNotFound,
    /// NotAuthorized "User is disabled".
    UserDisabled,
    UserNotConfirmed,
    PasswordResetRequired,
    /// NotAuthorized on a call with an access token: expired, revoked or not this pool's.
    TokenExpired,
    /// The app client does not allow this auth flow (InvalidParameter or NotAuthorized).
    FlowNotEnabled {
        flow: String,
    },
    /// The other password flow needs the pool id, which nothing gave.
    FlowNeedsPoolId {
        flow: String,
    },
    /// SoftwareTokenMFANotFoundException: the pool has authenticator apps turned off.
    TotpDisabledInPool,
    /// ExpiredCodeException.
    ExpiredCode,
    /// TooManyFailedAttemptsException, or NotAuthorized "Password attempts exceeded".
    TooManyFailedAttempts,
    LimitExceeded,
    /// TooManyRequestsException still answered after the automatic retries.
    TooManyRequests,
    /// A new password the pool's policy rejects.
    InvalidPassword,
    InvalidUserPoolConfiguration,
    /// ResourceNotFoundException: no such app client or pool in that region.
    ResourceNotFound,
    /// ForbiddenException: AWS WAF blocked the request.
    Forbidden,
    /// A Lambda trigger of the pool failed or refused.
    Lambda,
    /// The pool cannot send SMS or e-mail.
    CannotDeliver,
    /// InvalidParameter on SetUserMFAPreference: the authenticator is not verified.
    NotVerified,
    /// A code not listed above, or a parameter Cognito refused.
    Other,
}

/// Who can do something about a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixer {
    /// The user, in this wizard (another password, a fresh code, waiting).
    User,
    /// The user, outside this wizard (confirm the account, reset the password, a new token).
    UserElsewhere,
    /// The pool's administrator, with a setting to change.
    Administrator,
}

impl Refusal {
    pub fn fixer(&self) -> Fixer {
        match self {
            Refusal::WrongPassword
            | Refusal::UserNotFound
            | Refusal::ExpiredCode
            | Refusal::TooManyFailedAttempts
            | Refusal::LimitExceeded
            | Refusal::TooManyRequests
            | Refusal::InvalidPassword
            | Refusal::TokenExpired
            | Refusal::NotVerified => Fixer::User,
            Refusal::UserNotConfirmed | Refusal::PasswordResetRequired => Fixer::UserElsewhere,
            Refusal::FlowNeedsPoolId { .. } | Refusal::ResourceNotFound | Refusal::Other => {
                Fixer::UserElsewhere
            }
            Refusal::UserDisabled
            | Refusal::FlowNotEnabled { .. }
            | Refusal::TotpDisabledInPool
            | Refusal::InvalidUserPoolConfiguration
            | Refusal::Forbidden
            | Refusal::Lambda
            | Refusal::CannotDeliver => Fixer::Administrator,
        }
    }

    /// Whether the same call may succeed later unchanged (after a wait).
    pub fn passes(&self) -> bool {
        matches!(
            self,
            Refusal::TooManyFailedAttempts | Refusal::LimitExceeded | Refusal::TooManyRequests
        )
    }
}

/// A refusal, and Cognito's own words for it (control characters escaped; may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub refusal: Refusal,
    /// `message (Code)`, as Cognito sent it.
    pub said: String,
}

/// What is wrong with the sign-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    NoUsername,
    /// The pool id typed is not REGION_NAME.
    BadPoolId,
    /// Cognito refused the sign-in; its words, and what to do.
    Refused(String),
    /// Cognito refused the sign-in, for a known reason.
    Denied(Denial),
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
    /// The access token was refused (expired or revoked): sign in for a new one.
    TokenExpired,
    /// The app client does not allow the first flow: signing in with the second.
    SwitchedFlow { from: String, to: String },
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
    /// A wrong SMS or e-mail code.
    WrongCode,
    /// A wrong code from the user's current authenticator app.
    WrongAppCode,
    /// Cognito refused the answer (a password the policy rejects…): its words.
    Refused(String),
    /// Cognito refused the answer, for a known reason.
    Denied(Denial),
}

/// What is wrong on the code step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    NotACode(CodeError),
    OnlyDigits,
    TooLong,
    DeviceNameTooLong(usize),
    WrongCode,
    /// Cognito refused the code, for a known reason (an expired one…).
    Denied(Denial),
}

/// A line on the scan step, or while a new secret is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanNotice {
    Copied,
    /// The enrollment session ran out: this is a new secret.
    NewSecret,
    /// GetUser lists an authenticator already: its entry stops working once this one is verified.
    Replacing,
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
    /// Cognito refused, for a known reason.
    Denied(Denial),
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

impl EnrollResult {
    /// Whether authenticator-app MFA is on for the user.
    pub fn enrolled(self) -> bool {
        matches!(
            self,
            EnrollResult::OnAndPreferred | EnrollResult::On | EnrollResult::SetUpAndSignedIn
        )
    }

    /// The `result` of the `--json` summary: stable, for scripts.
    pub fn code(self) -> &'static str {
        match self {
            EnrollResult::OnAndPreferred => "enabled-preferred",
            EnrollResult::On => "enabled-not-preferred",
            EnrollResult::NotListed => "verified-not-listed",
            EnrollResult::SetUpAndSignedIn => "set-up-signed-in",
            EnrollResult::Cancelled => "cancelled",
            EnrollResult::Failed => "failed",
        }
    }
}

impl Problem {
    /// Whether the user can do something about it by trying again (network, throttling).
    pub fn retryable(&self) -> bool {
        match self {
            Problem::Network(_) | Problem::StillThrottled => true,
            Problem::Denied(d) => d.refusal.passes(),
            _ => false,
        }
    }
}
