//! The words of the key tables (`wizard::keymap`): the hint bar and the help overlay.

pub const NEXT: &str = "next";
pub const NEW_SECRET: &str = "new secret";
pub const SIGN_IN: &str = "sign in";
pub const SET_PASSWORD: &str = "set password";
pub const SWITCH_FIELD: &str = "switch field";
pub const PREVIOUS_FIELD: &str = "previous field";
pub const CHOOSE: &str = "choose";
pub const NEXT_CHOICE: &str = "next";
pub const PREVIOUS_CHOICE: &str = "previous";
pub const CONFIRM: &str = "confirm";
pub const COPY_SECRET: &str = "copy secret";
pub const SHOW_HIDE: &str = "show/hide";
pub const QR_LARGER: &str = "larger QR";
pub const QR_SMALLER: &str = "smaller QR";
pub const VERIFY: &str = "verify";
pub const BACK_TO_QR: &str = "back to QR";
pub const FINISH: &str = "finish";
pub const RETRY: &str = "retry";
pub const QUIT: &str = "quit";
pub const HELP: &str = "help";
pub const CLOSE: &str = "close this help";
pub const KEEP_GOING: &str = "keep going";
pub const ANY_KEY: &str = "any key";

pub const HELP_TITLE: &str = " Help ";
pub const HELP_ABOUT_TITLE: &str = "What this does";
pub const HELP_ABOUT: [&str; 3] = [
    "Adds this account to an authenticator app (Google",
    "Authenticator, Microsoft Authenticator, 1Password…)",
    "so that signing in asks for the app's 6-digit code.",
];
pub const HELP_KEYS_TITLE: &str = "Keys on this screen";
pub const HELP_FIELDS: &str = "Typing edits the field with the cursor; ← → Home End move in it.";
pub const HELP_CLOSE: &str = "Press any key to close.";

pub const QUIT_TITLE: &str = " Quit ";
pub const QUIT_QUESTION: &str = "Quit now?";
pub const QUIT_REGISTERED: [&str; 2] = [
    "Your app's entry is registered: keep it. MFA is not fully",
    "on yet: if you quit, run the enrollment again to finish.",
];
pub const QUIT_NOT_ON: [&str; 2] = [
    "MFA is not on yet: the entry you may have added to your app",
    "will not work. Delete it if you quit.",
];
/// Leaving a form with typed text, before any secret was shown.
pub const QUIT_TYPED: [&str; 2] = [
    "What you typed is thrown away if you quit, and MFA is not",
    "turned on. Press n to keep going.",
];

/// The quit question's warning: what leaving now leaves behind.
pub fn quit_warning(app_registered: bool, secret_shown: bool) -> [&'static str; 2] {
    if app_registered {
        QUIT_REGISTERED
    } else if secret_shown {
        QUIT_NOT_ON
    } else {
        QUIT_TYPED
    }
}

pub const QUIT_YES: &str = " quit    ";
pub const QUIT_NO: &str = " keep going";
/// Plain mode's version of the question.
pub const QUIT_PROMPT: &str = "Quit now? MFA is not on yet. [y/N] ";
