#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clap::Parser;
use cognito_mfa::cli::Cli;
use cognito_mfa::failure::{EXIT_OK, EXIT_OTHER, EXIT_USAGE, Failure};

fn main() {
    let code = match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(e) => {
            let _ = e.print();
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

fn report(failure: &Failure) {
    match failure {
        Failure::Api(cognito_mfa::cognito::ApiError::Service(e)) => eprintln!("\n{e}"),
        other => eprintln!("cognito-mfa: error: {other}"),
    }
}
