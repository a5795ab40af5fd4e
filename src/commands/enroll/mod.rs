//! `cognito-mfa enroll` (the default command): credentials from flags, environment and the
//! config file → the wizard (full screen, or plain line prompts) → a summary without secrets.

mod config;
mod start;

pub use config::EnrollConfig;

use crate::cli::{EnrollArgs, GlobalArgs, PresentationArgs, QrArg};
use crate::cognito::CognitoClient;
use crate::config::{Env, ProcessEnv};
use crate::failure::Failure;
use crate::keychain::Keychain;
use crate::text::{enroll as words, problems};
use crate::wizard::reasons::EnrollResult;
use crate::wizard::state::{Outcome, Settings, Summary};
use crate::wizard::tasks::Services;
use crate::wizard::view::Theme;
use crate::wizard::{QrMode, Start, init};
use config::load;
use start::start_from;
use std::io::IsTerminal;

/// How the wizard runs and reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Presentation {
    pub plain: bool,
    pub json: bool,
    /// Print the summary even when the enrollment did not finish.
    pub always_summarise: bool,
    /// `--color`: `Some` forces colour on or off; `None` lets NO_COLOR decide.
    pub color: Option<bool>,
}

impl Presentation {
    /// From the flags, and whether helpdesk mode (flag or config file) is on.
    pub fn new(flags: &PresentationArgs, helpdesk: bool) -> Self {
        Self {
            plain: flags.plain,
            json: flags.json,
            always_summarise: helpdesk,
            color: None,
        }
    }
}

pub async fn run(global: &GlobalArgs, mut args: EnrollArgs) -> Result<(), Failure> {
    let file = load(args.config.as_deref())?;
    let env = ProcessEnv;
    // The same environment clap reads, for the default command and --cli-auto-prompt.
    if args.access_token.is_none() && args.session.is_none() {
        args.access_token = env.var("COGNITO_MFA_ACCESS_TOKEN").map(Into::into);
    }
    args.client_id = args.client_id.or_else(|| env.var("COGNITO_MFA_CLIENT_ID"));
    args.username = args.username.or_else(|| env.var("COGNITO_MFA_USERNAME"));
    args.issuer = args.issuer.or_else(|| env.var("COGNITO_MFA_ISSUER"));
    let mut over = global.overrides();
    // flag > environment > config file (the environment is read by `config::resolve`).
    if over.region.is_none()
        && env.var("AWS_REGION").is_none()
        && env.var("AWS_DEFAULT_REGION").is_none()
    {
        over.region = file.region.clone();
    }
    if over.endpoint_url.is_none()
        && env
            .var("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
            .is_none()
        && env.var("AWS_ENDPOINT_URL").is_none()
    {
        over.endpoint_url = file.endpoint_url.clone();
    }
    over.pool_region = args
        .sign_in
        .user_pool_id
        .as_deref()
        .or(file.user_pool_id.as_deref())
        .and_then(crate::config::region_of_pool);
    let keychain = Keychain::os();
    let start = start_from(&args, &file, &keychain)?;
    let mut client_settings = crate::config::resolve(&over, &env)?.settings;
    // --debug writes to stderr: only line prompts can share the terminal with it.
    client_settings.debug &= !full_screen(args.presentation.plain);
    let client = CognitoClient::new(client_settings)?;
    let settings = settings_from(&args, &file);
    let mut presentation = Presentation::new(&args.presentation, settings.helpdesk);
    presentation.color = global.color_choice();
    let services = Services {
        client,
        keychain,
        demo: None,
    };
    run_with(services, settings, start, presentation).await
}

pub fn settings_from(args: &EnrollArgs, file: &EnrollConfig) -> Settings {
    let defaults = Settings::default();
    Settings {
        issuer: args
            .issuer
            .clone()
            .or_else(|| file.issuer.clone())
            .unwrap_or(defaults.issuer),
        account_name: args.account_name.clone(),
        default_device_name: args
            .device_name
            .clone()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or(defaults.default_device_name),
        helpdesk: args.presentation.helpdesk || file.helpdesk,
        set_preferred: !args.no_set_preferred,
        session_validity_secs: args
            .session_validity
            .unwrap_or(defaults.session_validity_secs),
        password_hint: None,
        demo: false,
        qr: args
            .presentation
            .qr
            .or(file.qr)
            .map_or(QrMode::Auto, QrArg::mode),
    }
}

/// The full-screen wizard needs a terminal on both stdin and stdout; else, line prompts.
fn full_screen(plain: bool) -> bool {
    !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Runs the wizard and prints the summary once the terminal is back to normal.
pub async fn run_with(
    services: Services,
    settings: Settings,
    start: Start,
    presentation: Presentation,
) -> Result<(), Failure> {
    let issuer = settings.issuer.clone();
    let (wizard, first) = init(settings, start);
    let outcome = if full_screen(presentation.plain) {
        crate::wizard::run::run(wizard, first, services, Theme::choose(presentation.color)).await
    } else {
        crate::wizard::plain::run(wizard, first, services).await
    }
    .map_err(|e| Failure::Other(format!("The terminal failed: {e}.")))?;
    match outcome {
        Outcome::Enrolled(summary) => {
            print_summary(&summary, presentation.json);
            // The code was accepted but Cognito lists no authenticator: not enrolled, and the
            // exit code says so as `enrolled: false` does.
            if summary.result.enrolled() {
                Ok(())
            } else {
                Err(Failure::Other(words::next_sign_in(summary.result).into()))
            }
        }
        Outcome::Cancelled {
            user,
            app_registered,
            secret_shown,
        } => {
            let steps = (secret_shown, app_registered);
            summarise_unfinished(&presentation, user, issuer, EnrollResult::Cancelled, steps);
            Err(Failure::Cancelled(problems::cancelled(
                app_registered,
                secret_shown,
            )))
        }
        Outcome::Stopped {
            signal,
            user,
            app_registered,
            secret_shown,
        } => {
            let steps = (secret_shown, app_registered);
            summarise_unfinished(&presentation, user, issuer, EnrollResult::Cancelled, steps);
            Err(Failure::Signalled(
                signal,
                problems::cancelled(app_registered, secret_shown),
            ))
        }
        Outcome::Failed {
            user,
            problem,
            app_registered,
            secret_shown,
            problem_said,
        } => {
            let steps = (secret_shown, app_registered);
            summarise_unfinished(&presentation, user, issuer, EnrollResult::Failed, steps);
            let shown = (!problem_said).then_some(&problem);
            Err(Failure::Other(problems::failed(
                shown,
                app_registered,
                secret_shown,
            )))
        }
    }
}

/// The ticket summary for an enrollment that did not finish, when one is always wanted.
fn summarise_unfinished(
    presentation: &Presentation,
    user: Option<String>,
    issuer: String,
    result: EnrollResult,
    (qr_shown, code_accepted): (bool, bool),
) {
    if presentation.always_summarise || presentation.json {
        let summary = Summary {
            user: user.unwrap_or_default(),
            account: String::new(),
            issuer,
            device: String::new(),
            time: crate::totp::now_unix(),
            result,
            mfa_methods: Vec::new(),
            preferred_mfa: None,
            qr_shown,
            code_accepted,
        };
        print_summary(&summary, presentation.json);
    }
}

/// Prints the summary on stdout. Where stdout has gone (a terminal that hung up) the summary
/// is lost and the exit code still tells how the enrollment ended.
fn print_summary(summary: &Summary, json: bool) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{}", summary_text(summary, json));
}

fn rfc3339(unix: u64) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    i64::try_from(unix)
        .ok()
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// The summary for a helpdesk ticket: no secret, no token.
pub fn summary_text(s: &Summary, json: bool) -> String {
    if json {
        // The schema is documented in the README ("The --json summary"); keys are only added.
        let json = serde_json::json!({
            "enrolled": s.result.enrolled(),
            "result": s.result.code(),
            "resultText": words::result(s.result),
            "user": s.user,
            "account": s.account,
            "issuer": s.issuer,
            "device": s.device,
            "mfaMethods": s.mfa_methods,
            "preferredMfa": s.preferred_mfa,
            "qrShown": s.qr_shown,
            "codeAccepted": s.code_accepted,
            "time": rfc3339(s.time),
        });
        return crate::safe_text::json_safe(&json.to_string()).into_owned();
    }
    let mut lines = vec![
        "Enrollment summary".to_owned(),
        format!("  User:         {}", s.user),
    ];
    if !s.account.is_empty() {
        lines.push(format!("  App entry:    {} ({})", s.issuer, s.account));
    }
    if !s.device.is_empty() {
        lines.push(format!("  Device name:  {}", s.device));
    }
    lines.push(format!("  Time:         {}", rfc3339(s.time)));
    lines.push(format!("  Result:       {}", words::result(s.result)));
    lines.push(format!(
        "  Steps done:   {}",
        words::steps_done(s.qr_shown, s.code_accepted)
    ));
    if !s.mfa_methods.is_empty() {
        lines.push(format!("  MFA methods:  {}", s.mfa_methods.join(", ")));
    }
    crate::safe_text::lines(&lines.join("\n")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_config_file() {
        let file = EnrollConfig {
            issuer: Some("File".into()),
            helpdesk: true,
            ..EnrollConfig::default()
        };
        let args = EnrollArgs {
            issuer: Some("Flag".into()),
            ..EnrollArgs::default()
        };
        let s = settings_from(&args, &file);
        assert_eq!(s.issuer, "Flag");
        assert!(s.helpdesk);
        assert_eq!(settings_from(&EnrollArgs::default(), &file).issuer, "File");
    }

    #[test]
    fn summary_has_no_secret_and_json_is_json() {
        let s = Summary {
            user: "jane".into(),
            account: "jane@example.com".into(),
            issuer: "Acme".into(),
            device: "Phone".into(),
            time: 0,
            result: EnrollResult::On,
            mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
            preferred_mfa: None,
            qr_shown: true,
            code_accepted: true,
        };
        let text = summary_text(&s, false);
        assert!(text.contains("1970-01-01T00:00:00Z") && text.contains("Phone"));
        let v: serde_json::Value = serde_json::from_str(&summary_text(&s, true)).unwrap();
        assert_eq!(v["device"], "Phone");
        assert_eq!(v["time"], "1970-01-01T00:00:00Z");
        // The documented schema: a flag and a code scripts can test, Cognito's MFA report.
        assert_eq!(v["enrolled"], true);
        assert_eq!(v["result"], "enabled-not-preferred");
        assert_eq!(v["mfaMethods"], serde_json::json!(["SOFTWARE_TOKEN_MFA"]));
        assert_eq!(v["preferredMfa"], serde_json::Value::Null);
        let cancelled = Summary {
            result: EnrollResult::Cancelled,
            code_accepted: false,
            ..s
        };
        assert!(
            summary_text(&cancelled, false)
                .contains("Steps done:   QR code shown; no code accepted")
        );
        let v: serde_json::Value = serde_json::from_str(&summary_text(&cancelled, true)).unwrap();
        assert_eq!(
            (&v["qrShown"], &v["codeAccepted"]),
            (&true.into(), &false.into())
        );
        assert_eq!(
            (&v["enrolled"], &v["result"]),
            (&false.into(), &"cancelled".into())
        );
    }
}
