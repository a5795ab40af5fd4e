#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cognito_mfa::cli::{self, Cli, Prepared};
use cognito_mfa::failure::{EXIT_OK, EXIT_OTHER, EXIT_USAGE, Failure};
use cognito_mfa::safe_text::lines;

fn main() {
    let cmd = cli::command();
    let args = match cli::prepare(&cmd, std::env::args_os().collect()) {
        Prepared::Version => {
            print!("{}", cmd.render_version());
            std::process::exit(EXIT_OK);
        }
        Prepared::Args(args) => args,
    };
    let code = match cli::parse(&cmd, args) {
        Ok(cli) => run(cli),
        Err(e) => {
            print_clap(&e);
            if e.use_stderr() { EXIT_USAGE } else { EXIT_OK }
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cognito-mfa: cannot start: {e}");
            return EXIT_OTHER;
        }
    };
    let result = runtime.block_on(cognito_mfa::commands::dispatch(cli));
    match result {
        Ok(()) => EXIT_OK,
        Err(failure) => {
            report(&failure);
            failure.exit_code()
        }
    }
}

/// Prints an error on stderr. Messages may quote a server's answer, a file's name or a flag's
/// value: control characters are shown escaped, whatever their source. Where stderr has gone
/// (a terminal that hung up) the message is lost and the exit code still tells.
fn report(failure: &Failure) {
    use std::io::Write;
    let text = failure.to_string();
    let text = lines(&text);
    let mut err = std::io::stderr().lock();
    let _ = match failure {
        Failure::Api(cognito_mfa::cognito::ApiError::Service(_)) => writeln!(err, "\n{text}"),
        _ => writeln!(err, "cognito-mfa: error: {text}"),
    };
}

/// clap's help or error. When an argument holds a control character (which clap's message may
/// quote), the message is printed plain, without colours, with control characters escaped.
fn print_clap(e: &clap::Error) {
    let clean = std::env::args_os().all(|a| lines(&a.to_string_lossy()) == a.to_string_lossy());
    if clean {
        let _ = e.print();
        return;
    }
    let plain = e.render().to_string();
    if e.use_stderr() {
        eprint!("{}", lines(&plain));
    } else {
        print!("{}", lines(&plain));
    }
}
