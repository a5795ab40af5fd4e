//! `demo --helpdesk`: both sides of a helpdesk call. Before the user's wizard starts, the
//! agent's commands for this demo's emulator (its endpoint, pool and demo admin keys) are
//! printed, ready to paste into a second terminal: `admin watch` reports the enrollment the
//! moment it happens, `admin status` and `admin reset-mfa` work as against Cognito.

use crate::emulator::StartupReport;
use crate::failure::Failure;
use crate::safe_text::one_line;
use std::io::{IsTerminal, Write};

/// The agent's side of the demo, as shell lines.
pub fn agent_commands(report: &StartupReport, username: &str) -> String {
    let admin = &report.admin;
    let mut env = format!(
        "export AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY='{}'",
        one_line(&admin.access_key_id),
        one_line(admin.secret_access_key.expose())
    );
    if let Some(token) = &admin.session_token {
        env.push_str(&format!(
            " AWS_SESSION_TOKEN='{}'",
            one_line(token.expose())
        ));
    }
    let target = format!(
        "--endpoint-url {} --user-pool-id {} --username {}",
        one_line(&report.endpoint),
        one_line(&report.user_pool_id),
        one_line(username)
    );
    format!(
        "Helpdesk demo: the user's wizard runs here; the agent's side runs in a second terminal,\n\
         against this demo's emulator, with its demo keys (they work nowhere else):\n\n\
         \x20 {env}\n\
         \x20 cognito-mfa admin watch {target}\n\
         \x20 cognito-mfa admin status {target}\n\
         \x20 cognito-mfa admin reset-mfa {target}   # after enrolling: the lost phone\n\n\
         The emulator stops when the wizard ends.\n"
    )
}

/// Prints the agent's side on stderr and, on a terminal, waits for Enter so the agent can copy
/// it before the wizard takes the screen.
pub fn show(report: &StartupReport, username: &str) -> Result<(), Failure> {
    eprint!("{}", agent_commands(report, username));
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        eprint!("Press Enter to start the user's side. ");
        let _ = std::io::stderr().flush();
        crate::capped_read::read_line_capped(&mut std::io::stdin().lock(), 1024)
            .map_err(|e| Failure::Other(format!("cannot read the terminal: {e}")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::AdminClient;
    use crate::admin::credentials::CredentialSource;
    use crate::admin::wire::AdminGetUserRequest;
    use crate::cognito::{ClientSettings, CognitoClient, Endpoint};
    use crate::emulator::{Emulator, EmulatorConfig};
    use aws_credential_types::Credentials;
    use aws_credential_types::provider::SharedCredentialsProvider;

    /// The printed keys, endpoint and pool are the running emulator's, and a signed call made
    /// with exactly those values is accepted.
    #[tokio::test]
    async fn the_agents_commands_work_against_the_demos_emulator() {
        let running = Emulator::new(EmulatorConfig::embedded().unwrap())
            .start()
            .await
            .unwrap();
        let report = running.report().clone();
        let text = agent_commands(&report, "demo");
        let value = |name: &str| {
            let at = text.find(name).unwrap() + name.len();
            text[at..]
                .split([' ', '\n'])
                .next()
                .unwrap()
                .trim_matches('\'')
                .to_string()
        };
        let (key, secret) = (value("AWS_ACCESS_KEY_ID="), value("AWS_SECRET_ACCESS_KEY="));
        let (endpoint, pool) = (value("--endpoint-url "), value("--user-pool-id "));
        assert_eq!(endpoint, report.endpoint);
        assert!(
            text.contains("cognito-mfa admin watch --endpoint-url"),
            "{text}"
        );
        let cognito =
            CognitoClient::new(ClientSettings::new(Endpoint::parse(&endpoint).unwrap())).unwrap();
        let creds = Credentials::new(key, secret, None, None, "demo");
        let source = CredentialSource::from_provider(SharedCredentialsProvider::new(creds), None);
        let client = AdminClient::new(cognito, source, report.admin.region.clone(), false);
        let user = client
            .call(&AdminGetUserRequest {
                user_pool_id: pool,
                username: "demo".into(),
            })
            .await
            .unwrap();
        assert_eq!(user.username, "demo");
        running.shutdown().await;
    }
}
