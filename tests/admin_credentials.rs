//! Where `admin` commands get their AWS credentials (aws-config's default chain: environment,
//! a profile in the shared files, `credential_process`), and what they say when there are none
//! or IAM refuses. A loopback server records the signed requests. HOME and every AWS_* variable
//! are set by each test, so the chain never reaches a real profile or instance metadata.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::fake_server::{Captured, FakeServer, Reply};

const USER: &str = r#"{"Username":"ana","UserStatus":"CONFIRMED","Enabled":true,"UserMFASettingList":[],"UserCreateDate":1700000000.5}"#;

fn admin_status(server: &FakeServer, home: &Path, env: &[(&str, &str)], extra: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .envs(env.iter().copied())
        .args([
            "admin",
            "status",
            "--user-pool-id",
            "eu-west-1_AbC",
            "--username",
            "ana",
        ])
        .args(["--endpoint-url", &server.url, "--output", "json"])
        .args(extra);
    c.output().unwrap()
}

fn key_id(request: &Captured) -> String {
    let auth = request.header("Authorization").unwrap();
    let credential = auth.split("Credential=").nth(1).unwrap();
    credential.split('/').next().unwrap().to_string()
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn keys_in_the_environment_sign_for_the_pools_region() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    let o = admin_status(
        &server,
        home.path(),
        &[
            ("AWS_ACCESS_KEY_ID", "AKIAFROMENVIRONMENT1"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ],
        &[],
    );
    ok(&o);
    let sent = server.last();
    assert_eq!(key_id(&sent), "AKIAFROMENVIRONMENT1");
    assert!(
        sent.header("Authorization")
            .unwrap()
            .contains("/eu-west-1/cognito-idp/aws4_request")
    );
    assert_eq!(sent.header("X-Amz-Security-Token"), None);
}

#[test]
fn a_named_profile_in_the_credentials_file_is_used() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("credentials"),
        "[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = d\n\n[helpdesk]\naws_access_key_id = AKIAHELPDESKPROFILE1\naws_secret_access_key = h\n",
    )
    .unwrap();
    std::fs::write(
        home.path().join("config"),
        "[profile helpdesk]\nregion = eu-west-1\n",
    )
    .unwrap();
    ok(&admin_status(&server, home.path(), &[], &[]));
    assert_eq!(key_id(&server.last()), "AKIADEFAULTPROFILE01");
    ok(&admin_status(
        &server,
        home.path(),
        &[],
        &["--profile", "helpdesk"],
    ));
    assert_eq!(key_id(&server.last()), "AKIAHELPDESKPROFILE1");
    ok(&admin_status(
        &server,
        home.path(),
        &[("AWS_PROFILE", "helpdesk")],
        &[],
    ));
    assert_eq!(key_id(&server.last()), "AKIAHELPDESKPROFILE1");
}

#[cfg(unix)]
fn script(home: &Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = home.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    path.display().to_string()
}

#[cfg(unix)]
#[test]
fn a_credential_process_gives_temporary_credentials_with_their_token() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    let process = script(
        home.path(),
        "issue.sh",
        r#"echo '{"Version": 1, "AccessKeyId": "ASIAFROMPROCESS00001", "SecretAccessKey": "p", "SessionToken": "token-from-process", "Expiration": "2999-01-01T00:00:00Z"}'"#,
    );
    std::fs::write(
        home.path().join("config"),
        format!("[profile helpdesk]\ncredential_process = {process}\nregion = eu-west-1\n"),
    )
    .unwrap();
    ok(&admin_status(
        &server,
        home.path(),
        &[],
        &["--profile", "helpdesk"],
    ));
    let sent = server.last();
    assert_eq!(key_id(&sent), "ASIAFROMPROCESS00001");
    assert_eq!(
        sent.header("X-Amz-Security-Token"),
        Some("token-from-process")
    );
    assert!(
        sent.header("Authorization")
            .unwrap()
            .contains("x-amz-security-token")
    );
}

#[cfg(unix)]
#[test]
fn a_failing_credential_process_exits_251_and_says_so() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    let process = script(
        home.path(),
        "fail.sh",
        "echo 'token service down' >&2; exit 3",
    );
    std::fs::write(
        home.path().join("config"),
        format!("[profile helpdesk]\ncredential_process = {process}\n"),
    )
    .unwrap();
    let o = admin_status(&server, home.path(), &[], &["--profile", "helpdesk"]);
    assert_eq!(o.status.code(), Some(251), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("credential_process failed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(server.count(), 0, "nothing is sent without credentials");
}

#[test]
fn no_credentials_at_all_exits_251_saying_how_to_provide_them() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    let o = admin_status(&server, home.path(), &[], &[]);
    assert_eq!(o.status.code(), Some(251), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("No AWS credentials were found."),
        "{}",
        stderr(&o)
    );
    assert_eq!(server.count(), 0);
}

#[test]
fn access_denied_exits_250_naming_the_iam_action() {
    let server = FakeServer::start(vec![Reply::error(
        400,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/agent is not authorized to perform: cognito-idp:AdminGetUser",
    )]);
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIAAGENT00000000001"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ];
    let o = admin_status(&server, home.path(), &env, &[]);
    assert_eq!(o.status.code(), Some(250), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not allowed to call cognito-idp:AdminGetUser"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Ask your AWS administrator"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unrecognised_key_exits_251() {
    let server = FakeServer::start(vec![Reply::error(
        400,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )]);
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIAUNKNOWN000000001"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ];
    let o = admin_status(&server, home.path(), &env, &[]);
    assert_eq!(o.status.code(), Some(251), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Cognito does not recognise these AWS credentials"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn debug_output_hides_the_signature_the_secret_and_the_token() {
    let server = FakeServer::start(vec![Reply::json(200, USER)]);
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("AWS_ACCESS_KEY_ID", "ASIADEBUG00000000001"),
        ("AWS_SECRET_ACCESS_KEY", "debug-secret-key-value"),
        ("AWS_SESSION_TOKEN", "debug-session-token-value"),
    ];
    let o = admin_status(&server, home.path(), &env, &["--debug"]);
    ok(&o);
    let err = stderr(&o);
    let signature = server
        .last()
        .header("Authorization")
        .unwrap()
        .split("Signature=")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(err.contains("Credential=ASIADEBUG00000000001/"), "{err}");
    assert!(err.contains("Signature=[redacted]"), "{err}");
    assert!(err.contains("x-amz-security-token: [redacted]"), "{err}");
    for secret in [
        signature.as_str(),
        "debug-secret-key-value",
        "debug-session-token-value",
    ] {
        assert!(!err.contains(secret), "{secret} in {err}");
    }
}
