//! Plain mode: the same steps and the same `update`, as line prompts on stderr (stdout keeps
//! only the summary), for screen readers, scripts and terminals that are not terminals.

use crate::qr::MIN_QUIET_ZONE;
use crate::totp::{group_secret, now_unix};
use crate::wizard::echo::EchoOff;
use crate::wizard::msg::{Cmd, Key, Msg};
use crate::wizard::state::{CodeFocus, Outcome, Overlay, SignInFocus, Step, Wizard};
use crate::wizard::stop::StopSignals;
use crate::wizard::tasks::{Services, perform};
use crate::wizard::update::update;
use std::collections::VecDeque;
use std::io::{self, Write};
use tokio::sync::mpsc;
use zeroize::Zeroizing;

/// Lines from stdin, read on a thread of their own so the runtime never blocks.
pub(super) struct Input(mpsc::UnboundedReceiver<String>);

impl Input {
    fn spawn() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in io::stdin().lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self(rx)
    }

    async fn next_line(&mut self) -> io::Result<Option<String>> {
        Ok(self.0.recv().await)
    }
}

pub async fn run(mut w: Wizard, first: Vec<Cmd>, services: Services) -> io::Result<Outcome> {
    let mut input = Input::spawn();
    let mut stop = StopSignals::terminate_or_interrupt()?;
    let mut pending: VecDeque<Cmd> = first.into();
    let mut shown_step = None;
    loop {
        while let Some(cmd) = pending.pop_front() {
            match cmd {
                Cmd::Quit => return Ok(outcome(&w)),
                Cmd::Copy(_) => say("(There is no clipboard in plain mode.)")?,
                cmd => {
                    let answer = tokio::select! {
                        answer = perform(&services, cmd) => answer,
                        _ = stop.recv() => return Ok(outcome(&w)),
                    };
                    if let Some(msg) = answer {
                        pending.extend(update(&mut w, msg));
                    }
                }
            }
        }
        if w.outcome.is_some() {
            return Ok(outcome(&w));
        }
        if let Some(t) = &w.throttle
            && t.seconds_left > 0
        {
            if shown_step.take().is_some() || t.seconds_left % 5 == 0 {
                say(&format!(
                    "Cognito asked us to slow down; trying again in {} s.",
                    t.seconds_left
                ))?;
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                _ = stop.recv() => return Ok(outcome(&w)),
            }
            pending.extend(update(&mut w, Msg::Tick(now_unix())));
            continue;
        }
        let step_number = w.step.number();
        if shown_step != Some(step_number) {
            say(&format!(
                "\n== {} ==",
                crate::wizard::view::step_label(&w.step)
            ))?;
            shown_step = Some(step_number);
        }
        // Ctrl-C or SIGTERM at a prompt leaves like `q`: the echo guard puts the terminal back.
        let answered = tokio::select! {
            keys = prompt(&w, &mut input) => keys?,
            _ = stop.recv() => None,
        };
        let Some(keys) = answered else {
            return Ok(outcome(&w));
        };
        for key in keys {
            pending.extend(update(&mut w, Msg::Key(key)));
        }
    }
}

fn outcome(w: &Wizard) -> Outcome {
    w.outcome_on_leaving()
}

pub(super) fn say(text: &str) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "{text}")?;
    err.flush()
}

pub(super) async fn ask(input: &mut Input, question: &str) -> io::Result<Option<String>> {
    {
        let mut err = io::stderr().lock();
        write!(err, "{question}")?;
        err.flush()?;
    }
    input.next_line().await
}

pub(super) fn typed(text: &str) -> impl Iterator<Item = Key> + '_ {
    text.chars().map(Key::Char)
}

pub(super) fn erase(count: usize) -> impl Iterator<Item = Key> {
    std::iter::repeat_n(Key::Backspace, count)
}

/// Shows the current step and turns the user's answer into key presses.
async fn prompt(w: &Wizard, input: &mut Input) -> io::Result<Option<Vec<Key>>> {
    if w.overlay == Overlay::ConfirmQuit {
        let answer = ask(input, "Quit now? MFA is not on yet. [y/N] ").await?;
        return Ok(answer.map(|a| vec![Key::Char(if a.trim() == "y" { 'y' } else { 'n' })]));
    }
    if w.overlay == Overlay::Help {
        return Ok(Some(vec![Key::Enter]));
    }
    let mut keys = Vec::new();
    match &w.step {
        Step::SignIn(form) => {
            for line in form.notice.iter().chain(form.error.iter()) {
                say(line)?;
            }
            if form.focus == SignInFocus::Username {
                let Some(name) = ask(input, "User name: ").await? else {
                    return Ok(None);
                };
                keys.extend(erase(form.username.value.chars().count()));
                keys.extend(typed(name.trim()));
                keys.push(Key::Tab);
            }
            if let Some(hint) = &w.settings.password_hint {
                say(&format!("(demo password: {hint})"))?;
            }
            let echo = EchoOff::on_stdin();
            let password = ask(input, "Password: ").await?.map(Zeroizing::new);
            if echo.active() {
                say("")?;
            }
            drop(echo);
            let Some(password) = password else {
                return Ok(None);
            };
            keys.extend(typed(&password));
            keys.push(Key::Enter);
        }
        Step::Challenge(form) => {
            return crate::wizard::plain_challenge::prompt(form, input).await;
        }
        Step::Scan(e) => {
            if let Some(notice) = &e.notice {
                say(notice)?;
            }
            say("Add this account to your authenticator app: scan the QR code, or type the key.")?;
            for line in e.qr.to_text_lines(MIN_QUIET_ZONE) {
                say(&line)?;
            }
            say(&format!("App entry: {} ({})", w.settings.issuer, e.account))?;
            say(&format!("Key:       {}", group_secret(e.secret.expose())))?;
            say(&format!("Link:      {}", e.uri.expose()))?;
            if e.weak_secret() {
                say("Note: this secret is shorter than 128 bits; most apps accept it.")?;
            }
            if let Some(left) = w.session_left(e) {
                say(&format!("The enrollment session ends in about {left} s."))?;
            }
            let Some(answer) = ask(
                input,
                "Press Enter when the app shows the account (q to quit): ",
            )
            .await?
            else {
                return Ok(None);
            };
            keys.push(if answer.trim() == "q" {
                Key::Char('q')
            } else {
                Key::Enter
            });
        }
        Step::Code(form) => {
            if let Some(error) = &form.error {
                say(error)?;
            }
            if let Some(demo) = &form.demo_code {
                say(&format!(
                    "(demo: an app would show {} now, for {} s more)",
                    demo.code.expose(),
                    demo.seconds_left
                ))?;
            }
            let Some(code) = ask(input, "Code from the app (q to quit): ").await? else {
                return Ok(None);
            };
            if code.trim() == "q" {
                return Ok(Some(vec![Key::Char('q')]));
            }
            // The same check the code field makes, on the whole line at once.
            if let Err(e) = crate::totp::parse_user_code(&code) {
                say(&format!("That is not a code: {e}."))?;
                return Ok(Some(Vec::new()));
            }
            let default = &w.settings.default_device_name;
            let device = if form.device.value.is_empty() {
                let Some(d) = ask(input, &format!("Device name [{default}]: ")).await? else {
                    return Ok(None);
                };
                Some(d)
            } else {
                None
            };
            if form.focus == CodeFocus::Device {
                keys.push(Key::Tab);
            }
            keys.extend(erase(form.code.value.chars().count()));
            keys.extend(typed(code.trim()));
            if let Some(device) = device {
                keys.push(Key::Tab);
                keys.extend(typed(device.trim()));
            }
            keys.push(Key::Enter);
        }
        Step::Done(s) => {
            say(&format!("Enrolled: {}.", s.result))?;
            if let Some(note) = &w.keychain_note {
                say(note)?;
            }
            say(
                "If your app already had an entry for this account, delete the old one: it no longer works.",
            )?;
            keys.push(Key::Enter);
        }
        Step::Failed(f) => {
            say(&f.message)?;
            if f.retry.is_some() {
                let Some(answer) = ask(input, "Press Enter to try again, q to quit: ").await?
                else {
                    return Ok(None);
                };
                keys.push(if answer.trim() == "q" {
                    Key::Char('q')
                } else {
                    Key::Char('r')
                });
            } else {
                keys.push(Key::Char('q'));
            }
        }
        // Waiting with nothing in flight cannot happen; leave rather than hang.
        Step::Preparing(_) | Step::Finishing(_) => return Ok(None),
    }
    Ok(Some(keys))
}
