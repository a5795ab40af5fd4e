//! `cognito-mfa man`: one manual page in roff, the program's options and then every command's
//! synopsis, description, options and examples, generated from the clap definition.

use crate::cli::help::{self, EXIT_CODES};
use crate::failure::Failure;
use clap_mangen::Man;
use std::io::Write;

pub fn run() -> Result<(), Failure> {
    let page =
        render().map_err(|e| Failure::Other(format!("cannot write the manual page: {e}")))?;
    std::io::stdout()
        .write_all(&page)
        .map_err(|e| Failure::Other(format!("cannot write the manual page: {e}")))
}

/// The whole page.
pub fn render() -> std::io::Result<Vec<u8>> {
    // The examples have a section of their own here, laid out without filling.
    let cmd = help::command_for_docs().after_help("");
    let mut out = Vec::new();
    let man = Man::new(cmd.clone()).title("COGNITO-MFA").section("1");
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    writeln!(out, ".SH COMMANDS")?;
    for sub in &subs {
        writeln!(out, ".TP")?;
        writeln!(out, "\\fB{}\\fR", escape(sub.get_name()))?;
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, "{}.", escape(&about))?;
        writeln!(
            out,
            "See \\fBCOGNITO\\-MFA {}\\fR below.",
            escape(&sub.get_name().to_uppercase())
        )?;
    }
    examples(&mut out, "EXAMPLES", ".SH", None)?;
    for sub in subs {
        let name = sub.get_name().to_string();
        writeln!(out, ".SH \"COGNITO-MFA {}\"", name.to_uppercase())?;
        let sub_man = Man::new(sub.clone().bin_name(format!("cognito-mfa {name}")));
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            sub_man.render_options_section(&mut part)?;
        }
        // A command's sections are subsections of its own.
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => writeln!(out, ".SS {title}")?,
                None => writeln!(out, "{line}")?,
            }
        }
        examples(&mut out, "EXAMPLES", ".SS", Some(&name))?;
    }
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    writeln!(out, "{}", escape(EXIT_CODES))?;
    writeln!(out, ".SH VERSION")?;
    writeln!(out, "v{}", env!("CARGO_PKG_VERSION"))?;
    Ok(out)
}

fn examples(
    out: &mut Vec<u8>,
    title: &str,
    macro_: &str,
    command: Option<&str>,
) -> std::io::Result<()> {
    let list = help::examples(command);
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "{macro_} {title}")?;
    for (what, command) in list {
        writeln!(out, ".PP")?;
        writeln!(out, "{}", escape(what))?;
        writeln!(out, ".PP")?;
        writeln!(out, ".RS 4")?;
        writeln!(out, ".nf")?;
        for line in command.lines() {
            writeln!(out, "{}", escape(line))?;
        }
        writeln!(out, ".fi")?;
        writeln!(out, ".RE")?;
    }
    Ok(())
}

/// Text safe in a roff body line: backslashes doubled, hyphens as minus signs (so they copy
/// as `-`), and a leading `.` or `'` kept from being read as a request.
fn escape(text: &str) -> String {
    let body = text.replace('\\', "\\e").replace('-', "\\-");
    if body.starts_with('.') || body.starts_with('\'') {
        format!("\\&{body}")
    } else {
        body
    }
}
