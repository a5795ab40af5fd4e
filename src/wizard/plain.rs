//! Plain mode: the same steps and the same `update`, as line prompts on stderr (stdout keeps
//! only the summary), for screen readers, scripts and terminals that are not terminals. Each
//! answer goes to `update` as the intent or the whole submission the full screen would send.

use crate::secret::Sensitive;
use crate::text::{enroll as words, keys as key_words, problems, sign_in};
use crate::totp::now_unix;
use crate::wizard::forms::{CodeField, SignInField};
use crate::wizard::hangup::plain_terminal_hung_up;
use crate::wizard::msg::{Cmd, Intent, Msg, Submission};
use crate::wizard::plain_io::{Input, ask, ask_secret, say, say_own};
use crate::wizard::plain_scan::PlainLine;
use crate::wizard::state::{Outcome, Overlay, Step, Wizard};
use crate::wizard::stop::{SIGHUP, StopSignals};
use crate::wizard::tasks::{Services, perform};
use crate::wizard::update::update;
use std::collections::VecDeque;
use std::io;

pub async fn run(mut w: Wizard, first: Vec<Cmd>, services: Services) -> io::Result<Outcome> {
    let ended = steps(&mut w, first, services).await;
    // A terminal that hangs up ends the prompts with an end of file or a failed write; that is
    // the hang-up, as if its SIGHUP had come first, not the user leaving.
    let cut_off = matches!(ended, Err(_) | Ok(Outcome::Cancelled { .. }));
    if cut_off && plain_terminal_hung_up() {
        return Ok(w.outcome_on_signal(SIGHUP));
    }
    ended
}

/// The steps, prompt by prompt, until the wizard ends, the input ends or a signal comes.
async fn steps(w: &mut Wizard, first: Vec<Cmd>, services: Services) -> io::Result<Outcome> {
    let mut input = Input::spawn();
    let mut stop = StopSignals::new()?;
    let mut pending: VecDeque<Cmd> = first.into();
    let mut shown_step = None;
    let mut problem_said = false;
    loop {
        while let Some(cmd) = pending.pop_front() {
            match cmd {
                Cmd::Quit => return Ok(leaving(w, problem_said)),
                Cmd::Copy(_) => say(words::PLAIN_NO_CLIPBOARD)?,
                cmd => {
                    let answer = tokio::select! {
                        answer = perform(&services, cmd) => answer,
                        signal = stop.recv() => return Ok(w.outcome_on_signal(signal)),
                    };
                    if let Some(msg) = answer {
                        pending.extend(update(w, msg).cmds);
                    }
                }
            }
        }
        if w.outcome.is_some() {
            return Ok(w.outcome_on_leaving());
        }
        if let Some(seconds) = w.throttled_for() {
            if shown_step.take().is_some() || seconds % 5 == 0 {
                say(&words::throttled(seconds))?;
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                signal = stop.recv() => return Ok(w.outcome_on_signal(signal)),
            }
            pending.extend(update(w, Msg::Tick(now_unix())).cmds);
            continue;
        }
        let step_number = w.step_of().0;
        if shown_step != Some(step_number) {
            say(&format!(
                "\n== {} ==",
                words::step_label(&w.step, w.step_of())
            ))?;
            shown_step = Some(step_number);
        }
        // Ctrl-C or SIGTERM at a prompt leaves like `q`: the echo guard puts the terminal back.
        let answered = tokio::select! {
            msgs = prompt(w, &mut input, &mut problem_said) => msgs?,
            signal = stop.recv() => return Ok(w.outcome_on_signal(signal)),
        };
        let Some(msgs) = answered else {
            return Ok(w.outcome_on_leaving());
        };
        for msg in msgs {
            pending.extend(update(w, msg).cmds);
        }
    }
}

/// How the wizard ended, knowing whether plain mode printed the problem just before.
fn leaving(w: &Wizard, problem_said: bool) -> Outcome {
    match w.outcome_on_leaving() {
        Outcome::Failed {
            user,
            problem,
            app_registered,
            secret_shown,
            ..
        } => Outcome::Failed {
            user,
            problem,
            app_registered,
            secret_shown,
            problem_said,
        },
        other => other,
    }
}

/// `q` quits, anything else is `otherwise`.
fn quit_or(answer: &str, otherwise: Intent) -> Vec<Msg> {
    let intent = if answer.trim() == "q" {
        Intent::Quit
    } else {
        otherwise
    };
    vec![Msg::Intent(intent)]
}

/// Shows the current step and turns the user's answer into messages for `update`.
async fn prompt(
    w: &Wizard,
    input: &mut Input,
    problem_said: &mut bool,
) -> io::Result<Option<Vec<Msg>>> {
    match w.overlay {
        Overlay::ConfirmQuit => {
            let Some(answer) = ask(input, key_words::QUIT_PROMPT).await? else {
                return Ok(None);
            };
            let intent = if answer.trim() == "y" {
                Intent::ConfirmQuit
            } else {
                Intent::KeepGoing
            };
            return Ok(Some(vec![Msg::Intent(intent)]));
        }
        Overlay::Help => return Ok(Some(vec![Msg::Intent(Intent::CloseHelp)])),
        Overlay::None => {}
    }
    let msgs = match &w.step {
        Step::SignIn(form) => {
            for line in form.notice.iter().map(sign_in::notice) {
                say(&line)?;
            }
            if let Some(error) = &form.error {
                say(&sign_in::problem(error))?;
            }
            let mut username = form.form.value(SignInField::Username).to_owned();
            if form.form.is_focused(SignInField::Username) {
                let question = format!("{}: ", sign_in::USERNAME);
                let Some(name) = ask(input, &question).await? else {
                    return Ok(None);
                };
                username = name.trim().to_owned();
            }
            if let Some(hint) = &w.settings.password_hint {
                say(&format!("({})", sign_in::demo_password(hint)))?;
            }
            let question = format!("{}: ", sign_in::PASSWORD);
            let Some(password) = ask_secret(input, &question).await? else {
                return Ok(None);
            };
            vec![Msg::Submit(Submission::SignIn {
                username,
                password: Sensitive::new(password.as_str()),
            })]
        }
        Step::Challenge(form) => {
            return crate::wizard::plain_challenge::prompt(form, input).await;
        }
        Step::Scan(e) => {
            for line in crate::wizard::plain_scan::scan_lines(w, e) {
                match line {
                    PlainLine::Text(text) => say(&text)?,
                    PlainLine::Qr(row) => say_own(&row)?,
                }
            }
            let Some(answer) = ask(input, words::PLAIN_SCANNED).await? else {
                return Ok(None);
            };
            quit_or(&answer, Intent::Next)
        }
        Step::Code(form) => {
            if let Some(error) = &form.error {
                say(&words::code_problem(error))?;
            }
            if let Some(demo) = &form.demo_code {
                say(&format!(
                    "({})",
                    words::demo_code(demo.code.expose(), demo.seconds_left)
                ))?;
            }
            let Some(code) = ask(input, words::PLAIN_CODE_PROMPT).await? else {
                return Ok(None);
            };
            if code.trim() == "q" {
                return Ok(Some(vec![Msg::Intent(Intent::Quit)]));
            }
            let mut device = form.form.value(CodeField::Device).to_owned();
            // The device name is asked once there is a code to send with it.
            if device.is_empty() && crate::totp::parse_user_code(&code).is_ok() {
                let question = words::plain_device_prompt(&w.settings.default_device_name);
                let Some(typed) = ask(input, &question).await? else {
                    return Ok(None);
                };
                // The default is kept as typed, so a wrong code does not ask again.
                device = match typed.trim() {
                    "" => w.settings.default_device_name.clone(),
                    name => name.to_owned(),
                };
            }
            vec![Msg::Submit(Submission::Code {
                code: Sensitive::new(code.trim()),
                device,
            })]
        }
        Step::Done(s) => {
            say(&words::plain_enrolled(s.result))?;
            if let Some(note) = &w.keychain_note {
                say(&sign_in::keychain_note(note))?;
            }
            say(words::DELETE_OLD_ENTRY)?;
            vec![Msg::Intent(Intent::Finish)]
        }
        Step::Failed(f) => {
            // Nothing to try again: the message is printed once, as the wizard ends.
            if f.retry.is_none() {
                return Ok(Some(vec![Msg::Intent(Intent::Quit)]));
            }
            say(&problems::problem(&f.problem))?;
            let Some(answer) = ask(input, words::PLAIN_RETRY).await? else {
                return Ok(None);
            };
            // Leaving now: the closing message need not print the problem again.
            *problem_said = answer.trim() == "q";
            quit_or(&answer, Intent::Retry)
        }
        // Waiting with nothing in flight cannot happen; leave rather than hang.
        Step::Preparing(_) | Step::Finishing(_) => return Ok(None),
    };
    Ok(Some(msgs))
}
