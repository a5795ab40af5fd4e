//! Which graphics protocol the terminal speaks, and its cell size in pixels, by asking it (as
//! ratatui-image's Picker does): a kitty graphics query, XTVERSION, the cell size (CSI 16 t)
//! and, last, Primary Device Attributes, which every terminal answers. The answers are read
//! until that last one or a short deadline. Inside tmux or screen nothing is asked unless
//! `--qr image` says the user set up passthrough.

use super::Protocol;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

/// How long the terminal has to answer.
pub const DEADLINE: Duration = Duration::from_millis(300);

/// What the wizard asks, in one write.
pub const QUERY: &str = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[>q\x1b[16t\x1b[c";

/// What the answers said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    pub kitty: bool,
    /// XTVERSION names a terminal that shows iTerm2 inline images (iTerm2, WezTerm).
    pub iterm2: bool,
    /// DA1 lists feature 4 (sixel graphics).
    pub sixel: bool,
    /// Cell width and height in pixels (CSI 16 t).
    pub cell: Option<(u16, u16)>,
    /// DA1 arrived: nothing more will.
    pub complete: bool,
}

impl Answers {
    /// The best protocol answered: kitty, then iTerm2, then sixel.
    pub fn protocol(&self) -> Option<Protocol> {
        if self.kitty {
            Some(Protocol::Kitty)
        } else if self.iterm2 {
            Some(Protocol::Iterm2)
        } else if self.sixel {
            Some(Protocol::Sixel)
        } else {
            None
        }
    }
}

/// Reads the terminal's answers (any order, any other bytes around them).
pub fn parse(bytes: &[u8]) -> Answers {
    let text = String::from_utf8_lossy(bytes);
    let mut answers = Answers {
        kitty: text.contains("\x1b_Gi=31;OK"),
        iterm2: text.contains("\x1bP>|iTerm2") || text.contains("\x1bP>|WezTerm"),
        ..Answers::default()
    };
    if let Some(rest) = text.split("\x1b[6;").nth(1)
        && let Some(end) = rest.find('t')
    {
        let mut numbers = rest[..end].split(';').map(str::parse::<u16>);
        if let (Some(Ok(h)), Some(Ok(w))) = (numbers.next(), numbers.next()) {
            answers.cell = (w > 0 && h > 0).then_some((w, h));
        }
    }
    if let Some(rest) = text.split("\x1b[?").find(|r| {
        r.find('c')
            .is_some_and(|end| r[..end].bytes().all(|b| b.is_ascii_digit() || b == b';'))
    }) && let Some(end) = rest.find('c')
    {
        answers.complete = true;
        answers.sixel = rest[..end].split(';').any(|p| p == "4");
    }
    answers
}

/// Whether the program runs inside a multiplexer that would swallow or garble the query.
pub fn in_multiplexer(term: Option<&str>, tmux: bool) -> bool {
    tmux || term.is_some_and(|t| t.starts_with("screen") || t.starts_with("tmux"))
}

/// Asks the terminal on stdout and reads its answers from stdin (in raw mode), until DA1
/// arrives or the deadline passes. Anything else read meanwhile (an early key press) is lost.
#[cfg(unix)]
pub fn ask(tmux: bool) -> Answers {
    use std::io::Write;
    let query = if tmux {
        super::tmux_passthrough(QUERY)
    } else {
        QUERY.to_owned()
    };
    let mut out = std::io::stdout();
    if out
        .write_all(query.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return Answers::default();
    }
    use std::os::fd::AsFd;
    let stdin_handle = std::io::stdin();
    let stdin = stdin_handle.as_fd();
    let end = Instant::now() + DEADLINE;
    let mut got = Vec::new();
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut fds = [rustix::event::PollFd::new(
            &stdin,
            rustix::event::PollFlags::IN,
        )];
        let timeout = rustix::event::Timespec::try_from(left).ok();
        match rustix::event::poll(&mut fds, timeout.as_ref()) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let mut buf = [0u8; 1024];
        match rustix::io::read(stdin, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
        if parse(&got).complete {
            break;
        }
    }
    parse(&got)
}

#[cfg(not(unix))]
pub fn ask(_tmux: bool) -> Answers {
    Answers::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_with_its_cell_size() {
        let a = parse(b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.35)\x1b\\\x1b[6;20;10t\x1b[?62;22c");
        assert_eq!(a.protocol(), Some(Protocol::Kitty));
        assert_eq!(a.cell, Some((10, 20)));
        assert!(a.complete);
    }

    #[test]
    fn sixel_from_device_attributes() {
        let a = parse(b"\x1b[6;16;8t\x1b[?63;1;2;4;6;9;15;22c");
        assert_eq!(a.protocol(), Some(Protocol::Sixel));
        let a = parse(b"\x1b[?62;22;44c");
        assert_eq!(a.protocol(), None, "44 is not 4");
        assert!(a.complete);
    }

    #[test]
    fn iterm2_and_wezterm_by_name() {
        let a = parse(b"\x1bP>|iTerm2 3.5.0\x1b\\\x1b[?62;4c");
        assert_eq!(a.protocol(), Some(Protocol::Iterm2));
        assert_eq!(
            parse(b"\x1bP>|WezTerm 2024\x1b\\").protocol(),
            Some(Protocol::Iterm2)
        );
    }

    #[test]
    fn silence_is_no_protocol_and_not_complete() {
        let a = parse(b"");
        assert_eq!(a, Answers::default());
        assert!(!parse(b"\x1b[?62;4").complete, "DA1 cut short");
    }

    #[test]
    fn multiplexers() {
        assert!(in_multiplexer(Some("screen-256color"), false));
        assert!(in_multiplexer(Some("xterm-256color"), true));
        assert!(!in_multiplexer(Some("xterm-kitty"), false));
    }
}
