//! What the wizard's `update` and view tests share: Cognito's sign-in answers as the runtime
//! hands them to `update`, and the starts of a sign-in.

#![allow(dead_code)]

use std::collections::BTreeMap;

use cognito_mfa::cognito::wire::{AuthResponse, AuthenticationResult};
use cognito_mfa::keychain::Remembered;
use cognito_mfa::secret::Sensitive;
use cognito_mfa::wizard::msg::AuthAnswer;
use cognito_mfa::wizard::state::SignInTarget;
use cognito_mfa::wizard::{Msg, Start, WizError};

pub const AT: u64 = 1_700_000_000;

/// A sign-in for `username` (empty: the form asks) on app client `client`.
pub fn sign_in(client: &str, username: &str) -> Start {
    sign_in_to(SignInTarget::new(client, username))
}

pub fn sign_in_to(target: SignInTarget) -> Start {
    Start::SignIn {
        target,
        remembered: None,
        notice: None,
    }
}

pub fn remembered(refresh_token: &str) -> Remembered {
    Remembered {
        refresh_token: refresh_token.into(),
        client_secret: None,
        cognito_username: None,
    }
}

pub fn answer(response: AuthResponse) -> Msg {
    Msg::AuthAnswered(Ok(AuthAnswer { response, at: AT }))
}

pub fn refused(error: WizError) -> Msg {
    Msg::AuthAnswered(Err(error))
}

/// A challenge with its session and parameters.
pub fn challenge(name: &str, session: &str, parameters: &[(&str, &str)]) -> Msg {
    let parameters: BTreeMap<String, String> = parameters
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    answer(AuthResponse {
        challenge_name: Some(name.into()),
        session: Some(Sensitive::new(session)),
        challenge_parameters: Some(parameters),
        authentication_result: None,
        available_challenges: None,
    })
}

pub fn mfa_setup(session: &str) -> Msg {
    challenge(
        "MFA_SETUP",
        session,
        &[("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")],
    )
}

pub fn tokens(access_token: &str, refresh_token: Option<&str>) -> Msg {
    answer(AuthResponse {
        authentication_result: Some(AuthenticationResult {
            access_token: Some(access_token.into()),
            refresh_token: refresh_token.map(Sensitive::new),
            ..AuthenticationResult::default()
        }),
        ..AuthResponse::default()
    })
}

/// What a test feeds the wizard: a key press (through the key tables, as the runtime does) or
/// a message.
pub enum Input {
    Key(cognito_mfa::wizard::Key),
    Msg(Msg),
}

impl From<Msg> for Input {
    fn from(msg: Msg) -> Self {
        Input::Msg(msg)
    }
}

impl From<cognito_mfa::wizard::Key> for Input {
    fn from(key: cognito_mfa::wizard::Key) -> Self {
        Input::Key(key)
    }
}

/// Feeds inputs one by one; the commands they asked for.
pub fn feed<I: Into<Input>>(
    w: &mut cognito_mfa::wizard::Wizard,
    inputs: impl IntoIterator<Item = I>,
) -> Vec<cognito_mfa::wizard::Cmd> {
    inputs
        .into_iter()
        .flat_map(|input| match input.into() {
            Input::Key(key) => cognito_mfa::wizard::press(w, key).cmds,
            Input::Msg(msg) => cognito_mfa::wizard::update(w, msg).cmds,
        })
        .collect()
}

/// Types `text` key by key.
pub fn type_keys(w: &mut cognito_mfa::wizard::Wizard, text: &str) -> Vec<cognito_mfa::wizard::Cmd> {
    feed(w, text.chars().map(cognito_mfa::wizard::Key::Char))
}

/// The screen as text; QR cells (drawn with colours, not glyphs) as the block glyph of their
/// two modules, so snapshots show the code whatever colours draw it.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    use cognito_mfa::wizard::view::modules_of;
    let glyph = |upper: bool, lower: bool| match (upper, lower) {
        (true, true) => "█",
        (true, false) => "▀",
        (false, true) => "▄",
        (false, false) => " ",
    };
    (0..buf.area.height)
        .map(|y| {
            let line: String = (0..buf.area.width)
                .map(|x| {
                    let cell = &buf[(x, y)];
                    match modules_of(cell.symbol(), cell.fg, cell.bg) {
                        Some((upper, lower)) => glyph(upper, lower),
                        None => cell.symbol(),
                    }
                })
                .collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
