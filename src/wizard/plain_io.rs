//! Plain mode's terminal: lines from stdin on a thread of their own (the runtime never blocks),
//! prompts and messages on stderr, passwords typed without echo.

use crate::safe_text::lines;
use crate::wizard::echo::EchoOff;
use std::io::{self, Write};
use tokio::sync::mpsc;
use zeroize::Zeroizing;

/// Lines from stdin, read on a thread of their own so the runtime never blocks.
pub(super) struct Input(mpsc::UnboundedReceiver<Zeroizing<String>>);

impl Input {
    pub(super) fn spawn() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in io::stdin().lines() {
                let Ok(line) = line else { break };
                if tx.send(Zeroizing::new(line)).is_err() {
                    break;
                }
            }
        });
        Self(rx)
    }

    async fn next_line(&mut self) -> Option<Zeroizing<String>> {
        self.0.recv().await
    }
}

/// Prints a line on stderr. Every word plain mode shows passes here, so whatever came from a
/// server, a file or a flag is shown with its control characters escaped.
/// Writes a line the program made itself (a QR row with its colour sequences) as it is: no
/// text from outside is in it, so there is nothing to escape.
pub(super) fn say_own(text: &str) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "{text}")?;
    err.flush()
}

pub(super) fn say(text: &str) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "{}", lines(text))?;
    err.flush()
}

/// Asks `question` and waits for the answer; `None` when stdin has closed.
pub(super) async fn ask(input: &mut Input, question: &str) -> io::Result<Option<String>> {
    Ok(ask_secret_line(input, question)
        .await?
        .map(|line| line.as_str().to_owned()))
}

async fn ask_secret_line(
    input: &mut Input,
    question: &str,
) -> io::Result<Option<Zeroizing<String>>> {
    {
        let mut err = io::stderr().lock();
        write!(err, "{}", lines(question))?;
        err.flush()?;
    }
    Ok(input.next_line().await)
}

/// A secret line, typed without echo on a terminal.
pub(super) async fn ask_secret(
    input: &mut Input,
    question: &str,
) -> io::Result<Option<Zeroizing<String>>> {
    let echo = EchoOff::on_stdin();
    let answer = ask_secret_line(input, question).await?;
    if echo.active() {
        say("")?;
    }
    Ok(answer)
}
