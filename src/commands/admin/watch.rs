//! `admin watch`: for an agent on a call. Polls AdminGetUser until the user's authenticator app
//! is enabled and preferred (exit 0), says each change it sees, backs off while Cognito
//! throttles, and gives up at --timeout (exit 124). Ctrl-C ends it with 130 (`interruptible`).

use super::describe::method_name;
use crate::admin::wire::{AdminGetUserRequest, AdminGetUserResponse, SOFTWARE_TOKEN_MFA};
use crate::admin::{AdminClient, AdminError};
use crate::cli::WatchArgs;
use crate::cognito::ServiceErrorKind;
use crate::failure::Failure;
use crate::safe_text::one_line;
use std::time::Duration;
use tokio::time::Instant;

/// The longest wait between two polls while Cognito throttles.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

pub async fn run(client: &AdminClient, args: &WatchArgs) -> Result<(), Failure> {
    let name = one_line(&args.user.username).into_owned();
    let request = AdminGetUserRequest {
        user_pool_id: args.user.user_pool_id.clone(),
        username: args.user.username.clone(),
    };
    let started = Instant::now();
    let deadline = started + args.timeout;
    let mut wait = args.interval;
    let mut last_seen: Option<String> = None;
    println!(
        "Watching {name} in pool {}: every {} s, for up to {} s. Ctrl-C stops.",
        one_line(&args.user.user_pool_id),
        secs(args.interval),
        secs(args.timeout)
    );
    loop {
        match client.call(&request).await {
            Ok(user) => {
                wait = args.interval;
                let state = state_line(&user);
                if last_seen.as_deref() != Some(state.as_str()) {
                    println!("[{}] {name}: {state}", elapsed(started));
                    last_seen = Some(state);
                }
                if user.app_enabled_and_preferred() {
                    println!(
                        "[{}] Done: {name}'s authenticator app is enabled and preferred; their next sign-in asks for its code.",
                        elapsed(started)
                    );
                    return Ok(());
                }
            }
            Err(AdminError::Api(e)) if e.kind() == Some(ServiceErrorKind::TooManyRequests) => {
                wait = (wait * 2).min(MAX_BACKOFF);
                println!(
                    "[{}] Cognito is throttling; asking again in {} s.",
                    elapsed(started),
                    secs(wait)
                );
            }
            Err(e) => return Err(e.into()),
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(gave_up(&name, args.timeout));
        }
        tokio::time::sleep_until((now + wait).min(deadline)).await;
        if Instant::now() >= deadline {
            return Err(gave_up(&name, args.timeout));
        }
    }
}

fn gave_up(name: &str, timeout: Duration) -> Failure {
    Failure::GaveUp(format!(
        "{name} did not enable an authenticator app within {} s. Ask them where they are in the enrollment, then run admin watch again (or a longer --timeout).",
        secs(timeout)
    ))
}

/// What the agent is told about the user's MFA, one line; a new line only when it changes.
fn state_line(user: &AdminGetUserResponse) -> String {
    let methods = user.methods();
    let app = methods.iter().any(|m| m == SOFTWARE_TOKEN_MFA);
    match (app, user.preferred()) {
        (true, Some(SOFTWARE_TOKEN_MFA)) => "authenticator app enabled and preferred".into(),
        (true, Some(other)) => format!(
            "authenticator app enabled, but the preferred method is the {}",
            method_name(other)
        ),
        (true, None) => "authenticator app enabled, not yet preferred".into(),
        (false, _) if methods.is_empty() => {
            "no MFA method yet; waiting for the authenticator app".into()
        }
        (false, _) => format!(
            "MFA by {}; waiting for the authenticator app",
            methods
                .iter()
                .map(|m| method_name(m))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

fn elapsed(started: Instant) -> String {
    let s = started.elapsed().as_secs();
    format!("{:02}:{:02}", s / 60, s % 60)
}
