//! The admin commands against moto (which implements the admin operations but checks no
//! signature): status, reset-mfa, watch while the user enrolls, and report.
//! Runs with `--features moto-tests` and COGNITO_MFA_MOTO_SERVER set (see .ci/run).

mod support;

use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use support::moto::{Moto, SeededPool, admin};

fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

/// The binary with credentials from the environment only: no profile files, no IMDS.
fn command(pool: &SeededPool, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    c.arg("admin")
        .args(args)
        .args(["--endpoint-url", &pool.endpoint, "--region", "us-east-1"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent")
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "AKIAMOTOTEST0000000")
        .env("AWS_SECRET_ACCESS_KEY", "moto-does-not-check-this")
        .stdin(Stdio::null());
    c
}

fn run(pool: &SeededPool, args: &[&str]) -> Output {
    command(pool, args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn user_args(pool: &SeededPool) -> Vec<&str> {
    vec![
        "--user-pool-id",
        &pool.pool_id,
        "--username",
        &pool.username,
    ]
}

/// What the user does: associate an app, verify a code, then (moto's admin API) make the
/// app enabled and preferred.
fn enroll(pool: &SeededPool) {
    let token = support::moto::access_token(pool);
    let associated = admin(
        &pool.endpoint,
        "AssociateSoftwareToken",
        json!({"AccessToken": token}),
    );
    let code = support::moto::current_code(associated["SecretCode"].as_str().unwrap());
    admin(
        &pool.endpoint,
        "VerifySoftwareToken",
        json!({"AccessToken": token, "UserCode": code}),
    );
    admin(
        &pool.endpoint,
        "AdminSetUserMFAPreference",
        json!({"UserPoolId": pool.pool_id, "Username": pool.username,
            "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    );
}

#[test]
fn status_tells_a_person_what_the_next_sign_in_asks() {
    let pool = moto().seed("ON", false);
    let mut args = vec!["status"];
    args.extend(user_args(&pool));
    let text = ok(&run(&pool, &args));
    assert!(
        text.contains(&format!("User          {}\n", pool.username)),
        "{text}"
    );
    assert!(text.contains("Status        CONFIRMED\n"), "{text}");
    assert!(text.contains("MFA methods   none\n"), "{text}");
    assert!(
        text.contains("Pool MFA      ON (authenticator apps allowed)\n"),
        "{text}"
    );
    assert!(
        text.contains("Next sign-in  asks the user to set up an authenticator app"),
        "{text}"
    );
    enroll(&pool);
    let text = ok(&run(&pool, &args));
    assert!(
        text.contains("MFA methods   authenticator app (SOFTWARE_TOKEN_MFA)\n"),
        "{text}"
    );
    assert!(
        text.contains("Next sign-in  asks for a code from the authenticator app"),
        "{text}"
    );
}

#[test]
fn status_with_output_json_prints_admin_get_user() {
    let pool = moto().seed("OPTIONAL", false);
    enroll(&pool);
    let mut args = vec!["status", "--output", "json"];
    args.extend(user_args(&pool));
    let v: serde_json::Value = serde_json::from_str(&ok(&run(&pool, &args))).unwrap();
    assert_eq!(v["Username"], pool.username.as_str());
    assert_eq!(v["UserMFASettingList"], json!(["SOFTWARE_TOKEN_MFA"]));
    assert!(v["UserCreateDate"].is_number(), "{v}");
    let mut args = vec![
        "status",
        "--query",
        "PreferredMfaSetting",
        "--output",
        "text",
    ];
    args.extend(user_args(&pool));
    assert_eq!(ok(&run(&pool, &args)), "SOFTWARE_TOKEN_MFA\n");
}

#[test]
fn reset_mfa_turns_the_app_off_and_says_before_and_after() {
    let pool = moto().seed("ON", false);
    enroll(&pool);
    let mut args = vec!["reset-mfa", "--yes", "--sign-out"];
    args.extend(user_args(&pool));
    let text = ok(&run(&pool, &args));
    let (before, after) = text.split_once("After:").unwrap();
    assert!(
        before.contains("MFA methods   authenticator app (SOFTWARE_TOKEN_MFA)"),
        "{text}"
    );
    assert!(
        before.contains("Next sign-in  asks for a code from the authenticator app"),
        "{text}"
    );
    assert!(after.contains("MFA methods   none"), "{text}");
    assert!(text.contains("Signed"), "{text}");
    assert!(
        text.ends_with(&format!(
            "{}'s next sign-in asks the user to set up an authenticator app (MFA_SETUP).\n",
            pool.username
        )),
        "{text}"
    );
    let got = admin(
        &pool.endpoint,
        "AdminGetUser",
        json!({"UserPoolId": pool.pool_id, "Username": pool.username}),
    );
    assert!(
        got["UserMFASettingList"]
            .as_array()
            .is_none_or(|l| l.is_empty()),
        "{got}"
    );
}

#[test]
fn reset_mfa_without_a_terminal_or_yes_changes_nothing() {
    let pool = moto().seed("ON", false);
    enroll(&pool);
    let mut args = vec!["reset-mfa"];
    args.extend(user_args(&pool));
    let o = run(&pool, &args);
    assert_eq!(o.status.code(), Some(252));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "Turn off the authenticator app of {} in pool {}",
            pool.username, pool.pool_id
        )),
        "{err}"
    );
    assert!(err.contains("Add --yes"), "{err}");
    let got = admin(
        &pool.endpoint,
        "AdminGetUser",
        json!({"UserPoolId": pool.pool_id, "Username": pool.username}),
    );
    assert_eq!(got["UserMFASettingList"], json!(["SOFTWARE_TOKEN_MFA"]));
}

#[test]
fn watch_says_the_moment_the_user_enrolls() {
    let pool = moto().seed("ON", false);
    let mut args = vec!["watch", "--interval", "100ms", "--timeout", "5m"];
    args.extend(user_args(&pool));
    let mut child = command(&pool, &args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.starts_with("Watching "), "{first}");
    let waiting = lines.next().unwrap().unwrap();
    assert!(
        waiting.ends_with("no MFA method yet; waiting for the authenticator app"),
        "{waiting}"
    );
    enroll(&pool);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(
        rest[0].ends_with("authenticator app enabled and preferred"),
        "{rest:?}"
    );
    assert!(rest[1].contains("Done:"), "{rest:?}");
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn watch_gives_up_at_its_timeout_with_124() {
    let pool = moto().seed("ON", false);
    let mut args = vec!["watch", "--interval", "200ms", "--timeout", "1s"];
    args.extend(user_args(&pool));
    let o = run(&pool, &args);
    assert_eq!(
        o.status.code(),
        Some(124),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("did not enable an authenticator app within 1 s")
    );
}

#[test]
fn an_unknown_user_exits_254_naming_the_problem() {
    let pool = moto().seed("ON", false);
    let o = run(
        &pool,
        &[
            "status",
            "--user-pool-id",
            &pool.pool_id,
            "--username",
            "nobody-here",
        ],
    );
    assert_eq!(o.status.code(), Some(254));
    assert!(String::from_utf8_lossy(&o.stderr).contains("UserNotFoundException"));
}

#[test]
fn report_lists_every_user_with_their_methods() {
    let pool = moto().seed("ON", false);
    enroll(&pool);
    for i in 0..7 {
        admin(
            &pool.endpoint,
            "AdminCreateUser",
            json!({"UserPoolId": pool.pool_id,
            "Username": format!("extra{i}"), "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": if i == 0 { "=cmd|'/c calc'!A1".to_string() } else { format!("extra{i}@example.com") }}]}),
        );
    }
    let csv = ok(&run(
        &pool,
        &[
            "report",
            "--user-pool-id",
            &pool.pool_id,
            "--concurrency",
            "3",
        ],
    ));
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "username,status,enabled,email,phone_number,mfa_methods,preferred_mfa,created,last_modified"
    );
    assert_eq!(lines.len(), 9, "{csv}");
    let me = lines
        .iter()
        .find(|l| l.starts_with(&pool.username))
        .unwrap();
    assert!(
        me.contains(",SOFTWARE_TOKEN_MFA,SOFTWARE_TOKEN_MFA,"),
        "{me}"
    );
    assert!(csv.contains(",'=cmd|'/c calc'!A1,"), "{csv}");
    let jsonl = ok(&run(
        &pool,
        &[
            "report",
            "--user-pool-id",
            &pool.pool_id,
            "--format",
            "jsonl",
            "--without-mfa",
        ],
    ));
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 7);
    assert!(
        rows.iter()
            .all(|r| r["mfa_methods"] == json!([]) && r["username"] != pool.username.as_str())
    );
}
