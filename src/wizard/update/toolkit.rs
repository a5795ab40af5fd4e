//! What every handler uses: sending a call (remembered for a retry), showing a problem,
//! leaving. Imports no handler.

use crate::wizard::forms::CodeForm;
use crate::wizard::msg::Cmd;
use crate::wizard::reasons::Problem;
use crate::wizard::settings::Settings;
use crate::wizard::state::{Failed, Overlay, Retry, Step, Wizard};
use crate::wizard::steps::Preparing;

/// Most throttled attempts before the wizard stops and asks the user.
pub const MAX_THROTTLED_ATTEMPTS: u32 = 5;

/// Runs an API command: remembered so that a failure can offer to run it again.
pub(super) fn call(w: &mut Wizard, cmd: Cmd) -> Vec<Cmd> {
    w.in_flight = Some(cmd.clone());
    vec![cmd]
}

/// Shows a problem. A retryable one keeps the call in flight and the step it came from, so
/// that `retry` runs it again from there.
pub(super) fn fail(w: &mut Wizard, problem: Problem) -> Vec<Cmd> {
    let from = std::mem::replace(&mut w.step, Step::Preparing(Preparing::default()));
    let retry = match (problem.retryable(), w.in_flight.take()) {
        (true, Some(cmd)) => Some(Retry {
            cmd,
            resume: Box::new(from),
        }),
        _ => None,
    };
    w.throttle = None;
    w.step = Step::Failed(Failed { problem, retry });
    Vec::new()
}

/// The error screen's retry: back to the step the call was sent from, and the call again.
pub(super) fn retry(w: &mut Wizard) -> Vec<Cmd> {
    let Step::Failed(Failed {
        retry: Some(retry), ..
    }) = &mut w.step
    else {
        return Vec::new();
    };
    let Retry { cmd, resume } = retry.clone();
    w.step = *resume;
    call(w, cmd)
}

/// `q` or Esc asks first when leaving would leave an enrollment half done or throw away typed
/// text; Ctrl-C (`interrupt`) asks only for the enrollment.
pub(super) fn request_quit(w: &mut Wizard, interrupt: bool) -> Vec<Cmd> {
    if w.step.enrollment_in_progress() || (!interrupt && w.step.has_typed_text()) {
        w.overlay = Overlay::ConfirmQuit;
        Vec::new()
    } else {
        quit(w)
    }
}

pub(super) fn quit(w: &mut Wizard) -> Vec<Cmd> {
    w.overlay = Overlay::None;
    w.outcome = Some(w.outcome_on_leaving());
    vec![Cmd::Quit]
}

/// The device name the code form holds, else the default.
pub(super) fn device_name(settings: &Settings, form: &CodeForm) -> String {
    let typed = form
        .form
        .field(crate::wizard::forms::CodeField::Device)
        .map_or("", |f| f.trimmed());
    match typed {
        "" => settings.default_device_name.clone(),
        name => name.to_owned(),
    }
}
