//! One key table per step: which key means which intent. The runtime and the tests turn key
//! presses into messages here (`update` never sees a key code), and the hint bar and the help
//! overlay are built from the same tables, so they cannot disagree with what the keys do.
//!
//! Keys a table does not name go to the focused field as edits, where a field has the focus.

use crate::auth::flow::Prompt;
use crate::text::keys as label;
use crate::wizard::form::Edit;
use crate::wizard::forms::CodeField;
use crate::wizard::msg::{Intent, Msg};
use crate::wizard::state::{Overlay, Step, Wizard};
use crate::wizard::update::{Update, update};

/// The keys the wizard reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    F1,
    CtrlC,
}

/// What a binding matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    One(Key),
    Two(Key, Key),
    /// The digits 1 to 9: `Intent::Choose(digit - 1)`.
    Digits,
    /// Any key at all.
    Any,
}

impl Keys {
    fn intent_for(self, key: Key, intent: Intent) -> Option<Intent> {
        let hit = match self {
            Keys::One(k) => k == key,
            Keys::Two(a, b) => a == key || b == key,
            Keys::Any => true,
            Keys::Digits => {
                return match key {
                    Key::Char(c @ '1'..='9') => Some(Intent::Choose(c as usize - '1' as usize)),
                    _ => None,
                };
            }
        };
        hit.then_some(intent)
    }
}

/// One row of a key table: the keys, what they mean, the words for the hint bar and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: Keys,
    pub intent: Intent,
    pub label: &'static str,
    /// Shown in the hint bar (every binding is in the help overlay).
    pub hint: bool,
}

const fn bind(keys: Keys, intent: Intent, label: &'static str) -> Binding {
    Binding {
        keys,
        intent,
        label,
        hint: true,
    }
}

/// A binding listed in the help overlay only.
const fn help_only(keys: Keys, intent: Intent, label: &'static str) -> Binding {
    Binding {
        keys,
        intent,
        label,
        hint: false,
    }
}

use Intent as I;
use Key as K;
use Keys::{Digits, One, Two};

const CTRL_C: Binding = bind(One(K::CtrlC), I::Interrupt, label::QUIT);
const HELP: Binding = bind(Two(K::Char('?'), K::F1), I::Help, label::HELP);
/// Help where `?` is typed into a field: F1 only.
const HELP_F1: Binding = bind(One(K::F1), I::Help, label::HELP);
const QUIT: Binding = bind(Two(K::Char('q'), K::Esc), I::Quit, label::QUIT);
const ESC_QUIT: Binding = bind(One(K::Esc), I::Quit, label::QUIT);
const TAB: Binding = bind(One(K::Tab), I::NextField, label::SWITCH_FIELD);
const BACK_TAB: Binding = help_only(One(K::BackTab), I::PrevField, label::PREVIOUS_FIELD);

const SIGN_IN_USERNAME: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::NEXT),
    TAB,
    BACK_TAB,
    ESC_QUIT,
    HELP_F1,
    CTRL_C,
];
const SIGN_IN_PASSWORD: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::SIGN_IN),
    TAB,
    BACK_TAB,
    ESC_QUIT,
    HELP_F1,
    CTRL_C,
];
const NEW_PASSWORD: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::SET_PASSWORD),
    TAB,
    BACK_TAB,
    ESC_QUIT,
    HELP_F1,
    CTRL_C,
];
const CHALLENGE_CODE: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::SIGN_IN),
    HELP,
    QUIT,
    CTRL_C,
];
const SELECT_MFA: &[Binding] = &[
    bind(Digits, I::Choose(0), label::CHOOSE),
    bind(One(K::Tab), I::NextField, label::NEXT_CHOICE),
    help_only(One(K::BackTab), I::PrevField, label::PREVIOUS_CHOICE),
    bind(One(K::Enter), I::Submit, label::CONFIRM),
    help_only(Two(K::Char('?'), K::F1), I::Help, label::HELP),
    QUIT,
    CTRL_C,
];
const QR_LARGER: Binding = bind(
    Two(K::Char('+'), K::Char('=')),
    I::QrLarger,
    label::QR_LARGER,
);
const QR_SMALLER: Binding = help_only(One(K::Char('-')), I::QrSmaller, label::QR_SMALLER);

const SCAN: &[Binding] = &[
    bind(One(K::Enter), I::Next, label::NEXT),
    help_only(Two(K::Char(' '), K::Char('n')), I::Next, label::NEXT),
    bind(One(K::Char('c')), I::Copy, label::COPY_SECRET),
    QR_LARGER,
    QR_SMALLER,
    HELP,
    QUIT,
    CTRL_C,
];
/// The enrollment session is over: the QR and key are gone, Enter gets a new secret.
const SCAN_EXPIRED: &[Binding] = &[
    bind(One(K::Enter), I::Next, label::NEW_SECRET),
    HELP,
    QUIT,
    CTRL_C,
];
const SCAN_HELPDESK: &[Binding] = &[
    bind(One(K::Enter), I::Next, label::NEXT),
    help_only(Two(K::Char(' '), K::Char('n')), I::Next, label::NEXT),
    bind(One(K::Char('c')), I::Copy, label::COPY_SECRET),
    bind(One(K::Char('r')), I::Reveal, label::SHOW_HIDE),
    QR_LARGER,
    QR_SMALLER,
    HELP,
    QUIT,
    CTRL_C,
];
const CODE_ON_CODE: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::VERIFY),
    TAB,
    BACK_TAB,
    bind(One(K::Esc), I::Back, label::BACK_TO_QR),
    HELP,
    help_only(One(K::Char('q')), I::Quit, label::QUIT),
    CTRL_C,
];
const CODE_ON_DEVICE: &[Binding] = &[
    bind(One(K::Enter), I::Submit, label::VERIFY),
    TAB,
    BACK_TAB,
    bind(One(K::Esc), I::Back, label::BACK_TO_QR),
    HELP_F1,
    CTRL_C,
];
/// Waiting for an answer on a form: only leaving and help.
const BUSY: &[Binding] = &[help_only(One(K::F1), I::Help, label::HELP), CTRL_C];
const WAITING: &[Binding] = &[HELP, QUIT, CTRL_C];
const DONE: &[Binding] = &[
    bind(One(K::Enter), I::Finish, label::FINISH),
    help_only(Two(K::Esc, K::Char('q')), I::Finish, label::FINISH),
    help_only(Two(K::Char('?'), K::F1), I::Help, label::HELP),
    CTRL_C,
];
const FAILED_RETRY: &[Binding] = &[
    bind(Two(K::Char('r'), K::Enter), I::Retry, label::RETRY),
    QUIT,
    help_only(Two(K::Char('?'), K::F1), I::Help, label::HELP),
    CTRL_C,
];
const FAILED: &[Binding] = &[HELP, QUIT, CTRL_C];
const HELP_OPEN: &[Binding] = &[help_only(Keys::Any, I::CloseHelp, label::CLOSE)];
const CONFIRM_QUIT: &[Binding] = &[
    bind(Two(K::Char('y'), K::Char('Y')), I::ConfirmQuit, label::QUIT),
    help_only(One(K::CtrlC), I::ConfirmQuit, label::QUIT),
    bind(Keys::Any, I::KeepGoing, label::KEEP_GOING),
];

/// The key table of the step on screen (under an open overlay, the overlay's).
pub fn table(w: &Wizard) -> &'static [Binding] {
    match w.overlay {
        Overlay::Help => return HELP_OPEN,
        Overlay::ConfirmQuit => return CONFIRM_QUIT,
        Overlay::None => {}
    }
    step_table(w)
}

/// The key table of the step itself, whatever overlay is open.
pub fn step_table(w: &Wizard) -> &'static [Binding] {
    match &w.step {
        Step::SignIn(f) if f.busy => BUSY,
        Step::SignIn(f) if f.form.focus() == Some(crate::wizard::forms::SignInField::Username) => {
            SIGN_IN_USERNAME
        }
        Step::SignIn(_) => SIGN_IN_PASSWORD,
        Step::Challenge(c) if c.busy => BUSY,
        Step::Challenge(c) => match &c.prompt {
            Prompt::NewPassword { .. } => NEW_PASSWORD,
            Prompt::Code { .. } => CHALLENGE_CODE,
            Prompt::SelectMfaType { .. } => SELECT_MFA,
        },
        Step::Scan(e) if w.session_over(e) => SCAN_EXPIRED,
        Step::Scan(_) if w.settings.helpdesk => SCAN_HELPDESK,
        Step::Scan(_) => SCAN,
        Step::Code(f) if f.busy => BUSY,
        Step::Code(f) if f.form.is_focused(CodeField::Device) => CODE_ON_DEVICE,
        Step::Code(_) => CODE_ON_CODE,
        Step::Preparing(_) | Step::Finishing(_) => WAITING,
        Step::Done(_) => DONE,
        Step::Failed(f) if f.retry.is_some() => FAILED_RETRY,
        Step::Failed(_) => FAILED,
    }
}

/// Whether a field has the focus and takes typing.
pub fn takes_typing(w: &Wizard) -> bool {
    match &w.step {
        Step::SignIn(f) => !f.busy,
        Step::Challenge(c) => !c.busy && c.form.focused().is_some(),
        Step::Code(f) => !f.busy,
        _ => false,
    }
}

/// What a key press means now: an intent from the table, else an edit of the focused field.
pub fn translate(w: &Wizard, key: Key) -> Option<Msg> {
    let bound = table(w)
        .iter()
        .find_map(|b| b.keys.intent_for(key, b.intent));
    if let Some(intent) = bound {
        return Some(Msg::Intent(intent));
    }
    if !takes_typing(w) {
        return None;
    }
    let edit = match key {
        Key::Char(c) => Edit::Insert(c),
        Key::Backspace => Edit::Backspace,
        Key::Delete => Edit::Delete,
        Key::Left => Edit::Left,
        Key::Right => Edit::Right,
        Key::Home => Edit::Home,
        Key::End => Edit::End,
        _ => return None,
    };
    Some(Msg::Edit(edit))
}

/// A key press, as the runtime handles it: translated, then given to `update`.
pub fn press(w: &mut Wizard, key: Key) -> Update {
    match translate(w, key) {
        Some(msg) => update(w, msg),
        None => Update {
            cmds: Vec::new(),
            changed: false,
        },
    }
}

/// How a key is written in the hint bar and the help overlay.
pub fn key_name(key: Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Enter => "Enter".into(),
        Key::Esc => "Esc".into(),
        Key::Tab => "Tab".into(),
        Key::BackTab => "Shift-Tab".into(),
        Key::Backspace => "Backspace".into(),
        Key::Delete => "Delete".into(),
        Key::Left => "←".into(),
        Key::Right => "→".into(),
        Key::Home => "Home".into(),
        Key::End => "End".into(),
        Key::F1 => "F1".into(),
        Key::CtrlC => "Ctrl-C".into(),
    }
}

/// The keys of a binding as the hint bar shows them (the first key) and as help lists them
/// (all of them).
pub fn keys_shown(keys: Keys, all: bool) -> String {
    match keys {
        Keys::One(k) => key_name(k),
        Keys::Two(a, _) if !all => key_name(a),
        Keys::Two(a, b) => format!("{}, {}", key_name(a), key_name(b)),
        Keys::Digits => "1-9".into(),
        Keys::Any => label::ANY_KEY.into(),
    }
}
