//! `cognito-mfa sign-in` as a process against the embedded emulator, which checks SRP proofs
//! and SECRET_HASH for real: SRP with the right and a wrong password, a client secret given,
//! missing or wrong, NEW_PASSWORD_REQUIRED and MFA_SETUP, and the enrollment through the two
//! CLI commands to tokens, then SOFTWARE_TOKEN_MFA.

mod emulator_common;
mod support;

use cognito_mfa::emulator::MfaConfiguration;
use cognito_mfa::secret::Sensitive;
use emulator_common::{
    CLIENT_ID, CLIENT_SECRET, NEWCOMER, NEWCOMER_PASSWORD, PASSWORD, SECRET_CLIENT_ID, USERNAME,
    test_config,
};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use support::emulator_thread::EmulatorThread;

const POOL_ID: &str = "us-east-1_TestPool1";

fn emulator() -> EmulatorThread {
    EmulatorThread::start(test_config(MfaConfiguration::On))
}

/// Runs the command with `stdin` piped in, the keychain off and no AWS settings from outside.
fn run_with(emu: &EmulatorThread, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .args(["--endpoint-url", &emu.endpoint])
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_DEFAULT_PROFILE")
        .env_remove("AWS_DEFAULT_OUTPUT")
        .env_remove("COGNITO_MFA_CLIENT_SECRET")
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn sign_in(emu: &EmulatorThread, client_id: &str, user: &str, password: &str) -> Output {
    run_with(
        emu,
        &[
            "sign-in",
            "--client-id",
            client_id,
            "--username",
            user,
            "--user-pool-id",
            POOL_ID,
            "--password-stdin",
        ],
        &format!("{password}\n"),
        &[],
    )
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_ok(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn code_now(secret: &str) -> String {
    let key = cognito_mfa::totp::decode_secret(secret).unwrap();
    cognito_mfa::totp::code_at(&key, cognito_mfa::totp::now_unix())
}

fn assert_not_authorized(o: &Output, operation: &str) {
    assert_eq!(o.status.code(), Some(254), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert!(
        err.contains(&format!(
            "An error occurred (NotAuthorizedException) when calling the {operation} operation"
        )),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn srp_with_the_right_password_reaches_mfa_setup_and_enrolls_through_the_cli() {
    let emu = emulator();
    let answer = json_ok(&sign_in(&emu, CLIENT_ID, USERNAME, PASSWORD));
    assert_eq!(answer["ChallengeName"], "MFA_SETUP");
    assert_eq!(
        answer["ChallengeParameters"]["MFAS_CAN_SETUP"],
        "[\"SOFTWARE_TOKEN_MFA\"]"
    );
    // `--session=VALUE`: an emulator session is URL-safe base64 and may start with '-', which
    // as a separate argument would read as a flag.
    let session = format!("--session={}", answer["Session"].as_str().unwrap());
    let associated = json_ok(&run_with(
        &emu,
        &["associate-software-token", &session],
        "",
        &[],
    ));
    let secret = associated["SecretCode"].as_str().unwrap().to_string();
    let session = format!("--session={}", associated["Session"].as_str().unwrap());
    let verified = json_ok(&run_with(
        &emu,
        &[
            "verify-software-token",
            &session,
            "--user-code",
            &code_now(&secret),
        ],
        "",
        &[],
    ));
    assert_eq!(verified["Status"], "SUCCESS");
    let dir = tempfile::tempdir().unwrap();
    let session_file = dir.path().join("session");
    std::fs::write(&session_file, verified["Session"].as_str().unwrap()).unwrap();
    let tokens = json_ok(&run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            CLIENT_ID,
            "--username",
            USERNAME,
            "--mfa-setup-session",
            &format!("file://{}", session_file.display()),
        ],
        "",
        &[],
    ));
    let result = &tokens["AuthenticationResult"];
    assert!(result["AccessToken"].as_str().is_some_and(|t| t.len() > 20));
    assert!(result["RefreshToken"].is_string());
    assert_eq!(result["TokenType"], "Bearer");

    // Enrolled: the next sign-in asks for the authenticator code; with no terminal the
    // challenge is printed, as initiate-auth prints it.
    let next = json_ok(&sign_in(&emu, CLIENT_ID, USERNAME, PASSWORD));
    assert_eq!(next["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert!(next["Session"].is_string());
}

#[test]
fn srp_with_a_wrong_password_exits_254_naming_not_authorized() {
    let emu = emulator();
    let o = sign_in(&emu, CLIENT_ID, USERNAME, "Wrong-Passw0rd!");
    assert_not_authorized(&o, "RespondToAuthChallenge");
    assert!(!stderr(&o).contains("Wrong-Passw0rd"));
}

#[test]
fn user_password_auth_reaches_mfa_setup() {
    let emu = emulator();
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            CLIENT_ID,
            "--username",
            USERNAME,
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--password-stdin",
            "--query",
            "ChallengeName",
            "--output",
            "text",
        ],
        &format!("{PASSWORD}\n"),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "MFA_SETUP\n");
}

#[test]
fn a_client_secret_from_the_flag_a_file_or_the_environment_is_used() {
    let emu = emulator();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret");
    std::fs::write(&file, format!("{CLIENT_SECRET}\n")).unwrap();
    let base = [
        "sign-in",
        "--client-id",
        SECRET_CLIENT_ID,
        "--username",
        USERNAME,
        "--user-pool-id",
        POOL_ID,
        "--password-stdin",
    ];
    let stdin = format!("{PASSWORD}\n");
    let from_file = format!("file://{}", file.display());
    for (extra, env) in [
        (vec!["--client-secret", CLIENT_SECRET], vec![]),
        (vec!["--client-secret", from_file.as_str()], vec![]),
        (vec![], vec![("COGNITO_MFA_CLIENT_SECRET", CLIENT_SECRET)]),
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        let answer = json_ok(&run_with(&emu, &args, &stdin, &env));
        assert_eq!(answer["ChallengeName"], "MFA_SETUP");
    }
}

#[test]
fn a_missing_or_wrong_client_secret_exits_254() {
    let emu = emulator();
    let o = sign_in(&emu, SECRET_CLIENT_ID, USERNAME, PASSWORD);
    assert_not_authorized(&o, "InitiateAuth");
    assert!(
        stderr(&o).contains("secret was not received"),
        "{}",
        stderr(&o)
    );
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            SECRET_CLIENT_ID,
            "--username",
            USERNAME,
            "--user-pool-id",
            POOL_ID,
            "--password-stdin",
            "--client-secret",
            "not-the-secret",
        ],
        &format!("{PASSWORD}\n"),
        &[],
    );
    assert_not_authorized(&o, "InitiateAuth");
    assert!(
        stderr(&o).contains("Unable to verify secret hash"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("not-the-secret"));
}

#[test]
fn new_password_required_is_printed_when_no_terminal_is_attached() {
    let emu = emulator();
    let answer = json_ok(&sign_in(&emu, CLIENT_ID, NEWCOMER, NEWCOMER_PASSWORD));
    assert_eq!(answer["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    assert!(answer["Session"].as_str().is_some_and(|s| s.len() >= 20));
    assert_eq!(answer["ChallengeParameters"]["requiredAttributes"], "[]");
}

#[test]
fn bad_command_lines_exit_252() {
    let emu = emulator();
    // SRP without the pool id.
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            CLIENT_ID,
            "--username",
            USERNAME,
            "--password-stdin",
        ],
        "p\n",
        &[],
    );
    assert_eq!(o.status.code(), Some(252));
    assert!(stderr(&o).contains("--user-pool-id"), "{}", stderr(&o));
    // No password and no terminal to ask on.
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            CLIENT_ID,
            "--username",
            USERNAME,
            "--user-pool-id",
            POOL_ID,
        ],
        "",
        &[],
    );
    assert_eq!(o.status.code(), Some(252));
    assert!(stderr(&o).contains("--password-stdin"), "{}", stderr(&o));
    // A refresh with nothing remembered.
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            CLIENT_ID,
            "--username",
            USERNAME,
            "--auth-flow",
            "REFRESH_TOKEN_AUTH",
        ],
        "",
        &[],
    );
    assert_eq!(o.status.code(), Some(252));
    assert!(stderr(&o).contains("--remember"), "{}", stderr(&o));
    // forget takes both names or neither.
    let o = run_with(&emu, &["forget", "--client-id", CLIENT_ID], "", &[]);
    assert_eq!(o.status.code(), Some(252));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let emu = emulator();
    let o = run_with(
        &emu,
        &[
            "sign-in",
            "--client-id",
            SECRET_CLIENT_ID,
            "--username",
            USERNAME,
            "--user-pool-id",
            POOL_ID,
            "--password-stdin",
            "--client-secret",
            CLIENT_SECRET,
            "--debug",
        ],
        &format!("{PASSWORD}\n"),
        &[],
    );
    let answer = json_ok(&o);
    let err = stderr(&o);
    assert!(err.contains("RespondToAuthChallenge"), "{err}");
    let session = Sensitive::new(answer["Session"].as_str().unwrap());
    for secret in [PASSWORD, CLIENT_SECRET, session.expose()] {
        assert!(!err.contains(secret), "leaked: {err}");
    }
}
