//! Differential test against the AWS CLI (awscli 1.46.3, botocore inside): for each config
//! file and environment, `aws cognito-idp associate-software-token` and ours must send to the
//! same place (a loopback recorder, or the AWS host a proxy is asked to CONNECT to), make the
//! same number of attempts, and print the same thing (byte for byte in json and text; tables
//! are compared by shape here, byte for byte by the table test). Every AWS_* variable and HOME
//! are set by the case; nothing is inherited but PATH.

mod awscli;

use awscli::recorder::{Answer, Recorder};
use std::path::Path;
use std::process::{Command, Output};

struct Case {
    name: &'static str,
    /// `~/.aws/config`; `{E}` is the recorder's URL.
    config: &'static str,
    /// `~/.aws/credentials`.
    credentials: &'static str,
    /// `$HOME/alt.ini`, for AWS_CONFIG_FILE.
    alt_config: &'static str,
    /// `{E}` is the recorder's URL, `{HOME}` the case's home.
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    answer: Answer,
    /// The recorder speaks HTTPS: `{HOME}/ca.pem` is its CA, `{HOME}/other.pem` another one.
    tls: bool,
}

const CASE: Case = Case {
    name: "",
    config: "",
    credentials: "",
    alt_config: "",
    env: &[],
    args: &[],
    answer: Answer::Ok,
    tls: false,
};

struct Run {
    output: Output,
    seen: Vec<String>,
}

fn aws_cli() -> String {
    std::env::var("COGNITO_MFA_AWS_CLI").expect(
        "COGNITO_MFA_AWS_CLI must name the aws command: tests/peers/install-awscli.sh prints it",
    )
}

fn fill(text: &str, url: &str, home: &Path) -> String {
    text.replace("{E}", url)
        .replace("{HOME}", &home.to_string_lossy())
}

fn run(tool: &[String], case: &Case, recorder: &Recorder, home: &Path) -> Run {
    let mut cmd = Command::new(&tool[0]);
    cmd.args(&tool[1..])
        .arg("associate-software-token")
        .arg("--no-sign-request")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home);
    if !case.args.iter().any(|a| a.starts_with("--access-token")) {
        cmd.args(["--access-token", "an-access-token"]);
    }
    for arg in case.args {
        cmd.arg(fill(arg, &recorder.url, home));
    }
    for (k, v) in case.env {
        cmd.env(k, fill(v, &recorder.url, home));
    }
    let output = cmd.output().unwrap();
    Run {
        output,
        seen: recorder.take(),
    }
}

/// Where the requests went: each plain request in order; the distinct CONNECT hosts (how
/// often a refused tunnel is retried is the retry cases' business).
fn places(seen: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in seen {
        if !(s.starts_with("CONNECT ") && out.contains(s)) {
            out.push(s.clone());
        }
    }
    out
}

fn shape(stdout: &str) -> &'static str {
    match stdout.chars().next() {
        Some('{' | '[' | '"') => "json",
        Some('-') => "table",
        None => "nothing",
        _ => "text",
    }
}

/// Runs one case with both tools; the differences, if any.
fn compare(case: &Case) -> Option<String> {
    let recorder = match case.tls {
        true => Recorder::start_tls(case.answer),
        false => Recorder::start(case.answer),
    };
    let home = tempfile::tempdir().unwrap();
    let dot_aws = home.path().join(".aws");
    std::fs::create_dir(&dot_aws).unwrap();
    if let Some(pem) = &recorder.ca_pem {
        std::fs::write(home.path().join("ca.pem"), pem).unwrap();
        let other = awscli::recorder::new_ca().0;
        std::fs::write(home.path().join("other.pem"), &other).unwrap();
        std::fs::write(home.path().join("both.pem"), other + pem).unwrap();
    }
    for (path, text) in [
        (dot_aws.join("config"), case.config),
        (dot_aws.join("credentials"), case.credentials),
        (home.path().join("alt.ini"), case.alt_config),
    ] {
        if !text.is_empty() {
            std::fs::write(path, fill(text, &recorder.url, home.path())).unwrap();
        }
    }
    let aws = run(
        &[aws_cli(), "cognito-idp".into()],
        case,
        &recorder,
        home.path(),
    );
    let ours = run(
        &[env!("CARGO_BIN_EXE_cognito-mfa").into()],
        case,
        &recorder,
        home.path(),
    );
    let text = |o: &Output| String::from_utf8_lossy(&o.stdout).into_owned();
    let err = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    let mut problems = Vec::new();
    if case.answer == Answer::Ok && aws.seen.is_empty() && aws.output.status.success() {
        problems.push("awscli sent nothing yet succeeded".to_string());
    }
    if aws.output.status.success() != ours.output.status.success() {
        problems.push(format!(
            "awscli {} ({}), ours {} ({})",
            aws.output.status,
            err(&aws.output).trim(),
            ours.output.status,
            err(&ours.output).trim()
        ));
    }
    let attempts = |seen: &[String]| seen.iter().filter(|s| s.starts_with("POST ")).count();
    if places(&aws.seen) != places(&ours.seen) && case.answer == Answer::Ok {
        problems.push(format!(
            "sent to {:?} by awscli, {:?} by ours",
            aws.seen, ours.seen
        ));
    }
    if case.answer == Answer::Fail && attempts(&aws.seen) != attempts(&ours.seen) {
        problems.push(format!(
            "attempts: awscli {:?}, ours {:?}",
            aws.seen, ours.seen
        ));
    }
    let (a, o) = (text(&aws.output), text(&ours.output));
    if shape(&a) != shape(&o) || (shape(&a) != "table" && a != o) {
        problems.push(format!("printed:\n--- awscli\n{a}--- ours\n{o}---"));
    }
    (!problems.is_empty()).then(|| format!("case {}: {}", case.name, problems.join("; ")))
}

/// Runs the cases concurrently (each has its own recorder and home) and fails with every
/// difference found.
fn check(cases: &[Case]) {
    assert!(!cases.is_empty());
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases.iter().map(|c| s.spawn(move || compare(c))).collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[path = "awscli/config_cases.rs"]
mod config_cases;

#[test]
fn endpoints_resolve_to_the_same_place() {
    check(config_cases::ENDPOINTS);
}

#[test]
fn profiles_are_chosen_alike() {
    check(config_cases::PROFILES);
}

#[test]
fn aws_hosts_regions_and_fips_alike() {
    check(config_cases::AWS_HOSTS);
}

#[test]
fn output_format_and_options_alike() {
    check(config_cases::OUTPUT);
}

#[test]
fn ca_bundles_are_chosen_alike() {
    check(config_cases::CA_BUNDLES);
}

#[test]
fn retries_make_the_same_number_of_attempts() {
    check(config_cases::RETRIES);
}
