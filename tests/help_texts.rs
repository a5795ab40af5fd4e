//! The help of every command, as the binary prints it 80 columns wide: nothing longer than 80,
//! no word broken, own options before the global ones, examples for every command, and no
//! option of the AWS commands where it means nothing.

use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_cognito-mfa");

/// Every command, and the program itself (empty).
const COMMANDS: [&str; 15] = [
    "",
    "demo",
    "enroll",
    "sign-in",
    "associate-software-token",
    "verify-software-token",
    "forget",
    "emulator",
    "completion",
    "man",
    "admin",
    "admin status",
    "admin watch",
    "admin reset-mfa",
    "admin report",
];

fn help(command: &str, flag: &str, columns: &str) -> String {
    let mut cmd = Command::new(BIN);
    if !command.is_empty() {
        cmd.args(command.split(' '));
    }
    let out = cmd
        .arg(flag)
        .env("COLUMNS", columns)
        .env_remove("COGNITO_MFA_CLIENT_ID")
        // clap asks stdout, stderr, then stdin for a terminal's width before COLUMNS.
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{command} {flag}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn wrapped_at_80_columns_without_breaking_words() {
    for command in COMMANDS {
        for flag in ["-h", "--help"] {
            let narrow = help(command, flag, "80");
            for line in narrow.lines() {
                assert!(
                    line.chars().count() <= 80,
                    "{command} {flag}: {} columns: {line}",
                    line.chars().count()
                );
            }
            // clap wraps at most 100 columns wide: the same words at 100 as at 80, so none
            // was cut in two at 80.
            let wide = help(command, flag, "100");
            assert_eq!(words(&narrow), words(&wide), "{command} {flag}");
        }
    }
    assert_ne!(
        help("", "--help", "80"),
        help("", "--help", "100"),
        "the width is followed"
    );
}

#[test]
fn examples_are_not_wrapped_at_80_columns() {
    for command in COMMANDS {
        let text = help(command, "--help", "80");
        let name = (!command.is_empty()).then_some(command);
        for (_, example) in cognito_mfa::cli::help::examples(name) {
            for line in example.lines() {
                assert!(
                    text.lines().any(|l| l.trim() == line.trim()),
                    "{command}: `{line}` is not whole on one line:\n{text}"
                );
            }
        }
    }
}

#[test]
fn own_options_then_global_options_then_examples() {
    for command in [
        "",
        "enroll",
        "sign-in",
        "associate-software-token",
        "verify-software-token",
    ] {
        let text = help(command, "--help", "80");
        let at = |heading: &str| {
            text.lines()
                .position(|l| l == heading)
                .unwrap_or_else(|| panic!("{command}: no {heading}\n{text}"))
        };
        let (own, global, examples) = (at("Options:"), at("Global options:"), at("Examples:"));
        assert!(own < global && global < examples, "{command}\n{text}");
        let region = text.find("--region").unwrap();
        assert!(region > text.find("Global options:").unwrap(), "{command}");
    }
    let verify = help("verify-software-token", "--help", "80");
    let own = verify.find("--user-code").unwrap();
    assert!(own < verify.find("Global options:").unwrap(), "{verify}");
}

#[test]
fn every_command_has_runnable_examples() {
    for command in COMMANDS {
        let text = help(command, "--help", "80");
        let examples = text
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command}: no Examples\n{text}"));
        let runs: Vec<&str> = examples
            .lines()
            .filter(|l| l.trim_start().starts_with("cognito-mfa"))
            .collect();
        assert!(!runs.is_empty(), "{command}: {examples}");
        if !command.is_empty() {
            assert!(
                runs.iter()
                    .all(|l| l.contains(&format!("cognito-mfa {command}"))),
                "{command}: {runs:?}"
            );
        }
    }
}

#[test]
fn commands_that_never_call_cognito_list_no_aws_options() {
    for command in ["demo", "emulator", "forget", "completion", "man"] {
        let text = help(command, "--help", "80");
        for option in [
            "--query",
            "--output",
            "--endpoint-url",
            "--ca-bundle",
            "--region",
        ] {
            let listed = text
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{option} ")));
            assert!(!listed, "{command} lists {option}:\n{text}");
        }
        assert!(!text.contains("Global options"), "{command}");
    }
}

#[test]
fn aws_options_given_to_a_local_command_are_refused() {
    for args in [
        ["emulator", "--query", "x"],
        ["demo", "--endpoint-url", "http://127.0.0.1:1"],
        ["man", "--output", "json"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(252), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{} means nothing", args[1])), "{err}");
    }
}

#[test]
fn demo_and_enroll_are_listed_first() {
    let text = help("", "--help", "80");
    let listed: Vec<&str> = text
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(&listed[..2], ["demo", "enroll"], "{listed:?}");
}

#[test]
fn environment_defaults_read_as_sentences() {
    let text = help("enroll", "--help", "80");
    assert!(!text.contains("[env:"), "{text}");
    assert!(text.contains("Default: $COGNITO_MFA_CLIENT_ID"), "{text}");
}
