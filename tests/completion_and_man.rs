//! `cognito-mfa completion` loaded into a real bash and asked to complete, and `cognito-mfa man`
//! rendered by groff and man without a warning.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_cognito-mfa");

fn stdout_of(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// What bash offers for the command line `words`, the last word being completed, with the
/// script `cognito-mfa completion bash` printed sourced and registered as bash registers it.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("cognito-mfa.bash");
    std::fs::write(&script, stdout_of(&["completion", "bash"])).unwrap();
    let line = words.join(" ");
    let program = r#"
        set -e
        source "$1"
        shift
        spec=$(complete -p cognito-mfa)
        func=$(printf '%s\n' "$spec" | sed -E 's/.*-F ([^ ]+).*/\1/')
        COMP_WORDS=("$@")
        COMP_CWORD=$(( $# - 1 ))
        COMP_LINE="$LINE"
        COMP_POINT=${#COMP_LINE}
        prev=""
        if (( COMP_CWORD > 0 )); then prev=${COMP_WORDS[COMP_CWORD-1]}; fi
        "$func" cognito-mfa "${COMP_WORDS[COMP_CWORD]}" "$prev"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", program, "bash"])
        .arg(&script)
        .args(words)
        .env("LINE", line)
        .output()
        .unwrap();
    assert!(out.status.success(), "{words:?}: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_a_flag_of_a_command() {
    assert_eq!(
        bash_complete(&["cognito-mfa", "verify-software-token", "--us"]),
        ["--user-code"]
    );
    let all = bash_complete(&["cognito-mfa", "associate-software-token", "--"]);
    assert!(all.contains(&"--session".to_string()), "{all:?}");
    assert!(all.contains(&"--region".to_string()), "{all:?}");
}

#[test]
fn bash_completes_commands_and_values() {
    assert_eq!(
        bash_complete(&["cognito-mfa", "verify"]),
        ["verify-software-token"]
    );
    assert_eq!(
        bash_complete(&["cognito-mfa", "completion", "p"]),
        ["powershell"]
    );
    assert_eq!(
        bash_complete(&["cognito-mfa", "sign-in", "--auth-flow", "USER_P"]),
        ["USER_PASSWORD_AUTH"]
    );
}

#[test]
fn bash_offers_no_aws_option_where_it_means_nothing() {
    let offered = bash_complete(&["cognito-mfa", "emulator", "--"]);
    assert!(offered.contains(&"--port".to_string()), "{offered:?}");
    for aws in ["--query", "--output", "--endpoint-url", "--ca-bundle"] {
        assert!(!offered.contains(&aws.to_string()), "{aws} in {offered:?}");
    }
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(&["completion", shell]);
        for command in ["demo", "enroll", "sign-in", "verify-software-token", "man"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        assert!(script.contains("user-code"), "{shell}");
    }
    let out = Command::new(BIN)
        .args(["completion", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(252));
}

#[test]
fn the_man_page_renders_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("cognito-mfa.1");
    std::fs::write(&page, stdout_of(&["man"])).unwrap();
    let groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff (Debian: groff-base; .ci/run installs it)");
    assert!(groff.status.success(), "{groff:?}");
    assert_eq!(String::from_utf8_lossy(&groff.stderr), "", "groff warned");
    let man = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man (Debian: man-db; .ci/run installs it)");
    assert!(man.status.success(), "{man:?}");
    let text = String::from_utf8_lossy(&man.stdout);
    let plain: String = text.replace("\u{2010}\n", "").replace("\u{2010}", "-");
    for heading in [
        "NAME",
        "SYNOPSIS",
        "GLOBAL OPTIONS",
        "COMMANDS",
        "EXAMPLES",
        "COGNITO-MFA DEMO",
        "COGNITO-MFA VERIFY-SOFTWARE-TOKEN",
        "COGNITO-MFA EMULATOR",
        "EXIT STATUS",
    ] {
        assert!(
            plain.lines().any(|l| l.trim() == heading),
            "no {heading}:\n{plain}"
        );
    }
    assert!(plain.contains("--user-code"), "{plain}");
    assert!(plain.contains("cognito-mfa man | man -l -"), "{plain}");
}
