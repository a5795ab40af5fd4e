//! `cognito-mfa demo`: the embedded emulator on a free loopback port, and the wizard against it,
//! signed in as the demo user with USER_SRP_AUTH (the demo password shown as a hint). Nothing
//! leaves the machine.

use crate::cli::{DemoArgs, GlobalArgs};
use crate::cognito::{ClientSettings, CognitoClient, Endpoint};
use crate::commands::demo_scenarios::{self, Begin};
use crate::commands::enroll::{Presentation, run_with};
use crate::emulator::{DemoCodes, Emulator, EmulatorConfig};
use crate::failure::Failure;
use crate::keychain::Keychain;
use crate::wizard::Start;
use crate::wizard::msg::DemoShown;
use crate::wizard::state::{Settings, SignInTarget};
use crate::wizard::tasks::DemoHook;
use crate::wizard::tasks::Services;
use std::sync::Arc;

pub const DEMO_USER: &str = "demo";

pub async fn run(global: &GlobalArgs, args: DemoArgs) -> Result<(), Failure> {
    let scenario = match args.scenario.as_deref() {
        Some("help") => {
            println!("{}", demo_scenarios::help());
            return Ok(());
        }
        Some(name) => Some(demo_scenarios::find(name).ok_or_else(|| {
            Failure::Usage(format!(
                "No scenario {}; `--scenario help` lists them.",
                crate::safe_text::one_line(name)
            ))
        })?),
        None => None,
    };
    let mut config = match &args.pool {
        Some(path) => EmulatorConfig::from_file(path),
        None => EmulatorConfig::embedded(),
    }
    .map_err(|e| Failure::Config(format!("The demo pool is not valid: {e}")))?;
    if let Some(scenario) = scenario {
        (scenario.pool)(&mut config);
    }
    let running = Emulator::new(config)
        .start()
        .await
        .map_err(|e| Failure::Other(format!("Cannot start the demo emulator: {e}.")))?;
    let report = running.report().clone();
    let username = args
        .username
        .clone()
        .or_else(|| scenario.and_then(|s| s.username).map(str::to_owned))
        .unwrap_or_else(|| DEMO_USER.into());
    let password_hint = report
        .users
        .iter()
        .find(|u| u.username == username)
        .map(|u| u.password.expose().to_owned());
    if args.presentation.helpdesk {
        super::demo_helpdesk::show(&report, &username)?;
    }
    let endpoint = Endpoint::parse(running.endpoint())
        .map_err(|e| Failure::Other(format!("The demo emulator's address is odd: {e}.")))?;
    let client = CognitoClient::new(ClientSettings::new(endpoint))?;
    let defaults = Settings::default();
    let settings = Settings {
        issuer: "cognito-mfa demo".into(),
        helpdesk: args.presentation.helpdesk,
        password_hint,
        demo: true,
        qr: args
            .presentation
            .qr
            .map_or(crate::wizard::QrMode::Auto, crate::cli::QrArg::mode),
        session_validity_secs: scenario
            .and_then(|s| s.session_secs)
            .unwrap_or(defaults.session_validity_secs),
        ..defaults
    };
    let mut target = SignInTarget::new(report.client_id.clone(), username);
    target.user_pool_id = Some(report.user_pool_id.clone());
    let start = match scenario.map_or(Begin::SignIn(None), |s| s.begin) {
        Begin::SignIn(flow) => {
            target.auth_flow = flow;
            Start::SignIn {
                target,
                remembered: None,
                notice: None,
            }
        }
        Begin::RefusedToken => Start::AccessTokenOrSignIn {
            token: crate::secret::Sensitive::new("an-access-token-that-expired"),
            target,
        },
    };
    let mut presentation = Presentation::new(&args.presentation, args.presentation.helpdesk);
    presentation.color = global.color_choice();
    // The demo pool lives only as long as this run: nothing to remember.
    let services = Services {
        client,
        keychain: Keychain::unavailable("the demo remembers nothing"),
        demo: Some(Arc::new(EmulatorCodes(running.demo_codes()))),
    };
    let result = run_with(services, settings, start, presentation).await;
    running.shutdown().await;
    result
}

/// The emulator's in-process demo hook, as the wizard asks it.
struct EmulatorCodes(DemoCodes);

impl std::fmt::Debug for EmulatorCodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmulatorCodes")
    }
}

impl DemoHook for EmulatorCodes {
    fn current_code(&self, username: &str) -> Option<DemoShown> {
        self.0.current_code(username).map(|c| DemoShown {
            code: c.code,
            seconds_left: c.seconds_left,
        })
    }
}
