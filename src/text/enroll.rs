//! The enrollment's words: step titles, the QR code's instructions, the code form, waiting,
//! done, and the summary printed after the wizard.

use crate::wizard::reasons::{CodeProblem, EnrollResult, ScanNotice};
use crate::wizard::state::Step;

/// The title of a step, as the header shows it.
pub fn title(step: &Step) -> &'static str {
    match step {
        Step::SignIn(_) => "Sign in",
        Step::Challenge(c) => super::sign_in::title(&c.prompt),
        Step::Preparing(_) => "Getting your secret",
        Step::Scan(_) => "Scan the QR code",
        Step::Code(_) => "Type the code",
        Step::Finishing(_) => "Turning on MFA",
        Step::Done(_) => "Done",
        Step::Failed(_) => "Something went wrong",
    }
}

/// The header line: step number and title.
/// `(n, of)`: the step's number and how many steps there are (`Wizard::step_of`).
pub fn step_label(step: &Step, (n, of): (usize, usize)) -> String {
    match n {
        0 => title(step).to_owned(),
        n => format!("Step {n} of {of} · {}", title(step)),
    }
}

pub const BIG_STEP: &str = "STEP ";

pub fn of_steps(of: usize) -> String {
    format!("of {of}")
}

pub const SCAN_STEPS: [&str; 3] = [
    "1. Open your authenticator app.",
    "2. Add an account: scan the code.",
    "3. It will list the account as",
];
pub const SCAN_ENTER: [&str; 3] = ["4. Press ", "Enter", " to type its code."];
pub const CANT_SCAN: &str = "Can't scan? Type this key:";
pub const COPIES_IT: &str = " copies it · ";
pub const QR_OFF: &str = "(QR code turned off with --qr none.)";
pub const HIDDEN_KEY: &str = "(hidden: press r)";
pub const HIDDEN_QR: &str =
    "\nQR code hidden for screen sharing.\n\nPress r when only the user can see the screen.";
pub const WEAK_SECRET: &str = "⚠ This secret is shorter than 128 bits; most apps accept it.";
pub const WEAK_SECRET_PLAIN: &str =
    "Note: this secret is shorter than 128 bits; most apps accept it.";
pub const SESSION_RAN_OUT: &str = "The session has probably run out.";

pub fn session_ends(clock: &str) -> String {
    format!("Session ends in {clock}")
}

pub fn notice(notice: ScanNotice) -> &'static str {
    match notice {
        ScanNotice::Copied => "Secret sent to your clipboard, if your terminal allows it.",
        ScanNotice::Replacing => {
            "You already have an authenticator app set up. Once this new one is verified, the \
             entry in your current app stops working."
        }
        ScanNotice::NewSecret => {
            "The enrollment session ran out, so here is a new secret. Scan this QR code and \
             delete the entry you added before."
        }
    }
}

/// Plain mode's scan step.
pub const PLAIN_SCAN_INTRO: &str =
    "Add this account to your authenticator app: scan the QR code, or type the key.";
pub const PLAIN_TYPE_INTRO: &str =
    "Add this account to your authenticator app: type the key, or open the link on the phone.";
pub const PLAIN_QR_HOW: &str = "No QR code in plain mode. To scan one, run without --plain, or \
     with --qr cells to print it here in coloured blocks.";
pub fn plain_entry(issuer: &str, account: &str) -> String {
    format!("App entry: {issuer} ({account})")
}
pub fn plain_key(grouped: &str) -> String {
    format!("Key:       {grouped}")
}
pub fn plain_link(uri: &str) -> String {
    format!("Link:      {uri}")
}
pub fn plain_session_left(seconds: u64) -> String {
    format!("The enrollment session ends in about {seconds} s.")
}
pub const PLAIN_SCANNED: &str = "Press Enter when the app shows the account (q to quit): ";
pub const PLAIN_NO_CLIPBOARD: &str = "(There is no clipboard in plain mode.)";

pub fn code_intro(issuer: &str, account: &str) -> String {
    format!("Type the 6-digit code your app shows for {issuer} ({account}).")
}
pub const CODE_LABEL: &str = "Code";
pub const CODE_EXAMPLE: &str = "  e.g. 123 456";
pub const DEVICE_LABEL: &str = "Device name";
pub const DEVICE_HELP: &str = "A name for this app, shown when you manage MFA.";
pub const CHECKING_CODE: &str = "Checking the code…";
pub const PLAIN_CODE_PROMPT: &str = "Code from the app (q to quit): ";

pub fn plain_device_prompt(default: &str) -> String {
    format!("Device name [{default}]: ")
}

pub fn demo_code(code: &str, seconds_left: u64) -> String {
    format!("Demo: an app would show {code} now ({seconds_left} s left).")
}

pub fn code_problem(problem: &CodeProblem) -> String {
    match problem {
        CodeProblem::NotACode(e) => not_a_code(e),
        CodeProblem::OnlyDigits => "Only digits: type the 6 digits your app shows.".into(),
        CodeProblem::TooLong => "The code has 6 digits.".into(),
        CodeProblem::DeviceNameTooLong(max) => {
            format!("A device name has at most {max} characters.")
        }
        CodeProblem::WrongCode => WRONG_CODE.into(),
        CodeProblem::Denied(denial) => super::refusals::denial(denial),
    }
}

pub const WRONG_CODE: &str = "That code did not match. Check that the entry you just added shows \
     the code, and type the one it shows now (codes change every 30 seconds).";

/// A code that does not parse, on the code step and on a sign-in challenge alike.
pub fn not_a_code(e: &crate::totp::CodeError) -> String {
    format!("That is not a code: {e}.")
}

pub fn throttled(seconds: u64) -> String {
    format!("Cognito asked us to slow down; trying again in {seconds} s.")
}
pub const ASKING_FOR_SECRET: &str = "Asking Cognito for a new secret…";
pub const CODE_ACCEPTED: &str = "✓ Code accepted.";
pub fn device_line(device: &str) -> String {
    format!("Device: {device}")
}
pub const TURNING_ON: &str = "Turning on MFA…";

pub fn result(result: EnrollResult) -> &'static str {
    match result {
        EnrollResult::OnAndPreferred => "authenticator app MFA on and preferred",
        EnrollResult::On => "authenticator app MFA on",
        EnrollResult::NotListed => "code verified, but Cognito does not list authenticator app MFA",
        EnrollResult::SetUpAndSignedIn => "authenticator app MFA set up; signed in",
        EnrollResult::Cancelled => "cancelled: MFA not turned on",
        EnrollResult::Failed => "failed: MFA not turned on",
    }
}

pub fn enrolled(result: EnrollResult) -> String {
    format!("✓ Enrolled: {}", self::result(result))
}
/// Which steps were done, for a helpdesk ticket.
pub fn steps_done(qr_shown: bool, code_accepted: bool) -> &'static str {
    match (qr_shown, code_accepted) {
        (_, true) => "QR code shown; code accepted by Cognito",
        (true, false) => "QR code shown; no code accepted",
        (false, false) => "no QR code or key shown",
    }
}

/// On the scan step: where to get an app, and what to do if the phone is lost later.
pub const NO_APP_YET: &str = "No app yet? Any authenticator app works (Google or Microsoft \
     Authenticator, 1Password…). Phone lost later? Ask your administrator to reset MFA.";

pub fn plain_enrolled(result: EnrollResult) -> String {
    format!("Enrolled: {}.", self::result(result))
}
pub fn done_user(user: &str) -> String {
    format!("User         {user}")
}
pub fn done_entry(issuer: &str, account: &str) -> String {
    format!("App entry    {issuer} ({account})")
}
pub fn done_device(device: &str) -> String {
    format!("Device name  {device}")
}
pub fn done_mfa(methods: &[String], preferred: Option<&str>) -> String {
    format!(
        "Cognito now reports MFA: {}{}",
        methods.join(", "),
        preferred
            .map(|p| format!(" (preferred: {p})"))
            .unwrap_or_default()
    )
}
pub const DELETE_OLD_ENTRY: &str =
    "If your app already had an entry for this account, delete the old one: it no longer works.";
pub const FROM_NOW_ON: &str = "From now on, signing in asks for the code from your app.";

/// What the next sign-in will do, as far as Cognito's answer tells.
pub fn next_sign_in(result: EnrollResult) -> &'static str {
    match result {
        EnrollResult::OnAndPreferred | EnrollResult::SetUpAndSignedIn => FROM_NOW_ON,
        EnrollResult::On => {
            "Authenticator-app MFA is on but not your preferred method: signing in \
             asks for the code only if the pool requires MFA or no other method is preferred."
        }
        EnrollResult::NotListed => {
            "Cognito does not list authenticator-app MFA for you, so signing \
             in will not ask for the code. Ask the pool's administrator whether MFA is turned on \
             for the pool."
        }
        EnrollResult::Cancelled | EnrollResult::Failed => "",
    }
}

pub const TRY_AGAIN: &str = " try again   ";
pub const QUIT: &str = " quit";
pub const PLAIN_RETRY: &str = "Press Enter to try again, q to quit: ";

pub const TOO_SMALL: &str = "This terminal is too small.";
pub fn too_small(cols: u16, rows: u16, need_cols: u16, need_rows: u16) -> String {
    format!(
        "It is {cols}×{rows}; this step needs at least {need_cols}×{need_rows}. Make the window \
         larger or the font smaller."
    )
}
pub const TYPE_BY_HAND: &str = "Or type this key into your app by hand:";

/// In place of the QR code and the key once the enrollment session has run out.
pub const SESSION_OVER: &str = "This code has expired: the enrollment session ran out, so this \
     secret can no longer be verified and no code is sent for it. Delete the entry if you added \
     one to your app.";

/// What Enter does once the session has run out: a new sign-in gives a new secret.
pub const SESSION_OVER_NEXT: &str = "Press Enter for a new one (you sign in again).";

/// The countdown's last 30 seconds.
pub fn session_ends_soon(clock: &str) -> String {
    format!("Session ends in {clock}: hurry, or a new QR code is needed")
}
