//! The wizard's runtime: one `tokio::select!` loop over terminal events, API answers and a
//! timer that runs only while something on screen moves. Key presses become messages through
//! the key tables (`keymap`); a paste is one edit. The screen is redrawn only when `update`
//! says something changed. Terminal set up on entry (raw mode, alternate screen, bracketed
//! paste) and restored on every exit: normal, error, panic (ratatui's hook) and the signals in
//! `stop`; a terminal that hangs up ends the process from `hangup`'s watchdog.

use crate::secret::Sensitive;
use crate::totp::now_unix;
use crate::wizard::form::Edit;
use crate::wizard::hangup::{self, Watchdog};
use crate::wizard::keymap::{Key, translate};
use crate::wizard::msg::{Cmd, Msg, Screen};
use crate::wizard::run_image::Images;
use crate::wizard::state::{Outcome, Step, Wizard};
use crate::wizard::stop::StopSignals;
use crate::wizard::tasks::{Services, perform};
use crate::wizard::update::update;
use crate::wizard::view::{LINK_TEXT, Theme, render};
use base64::Engine;
use crossterm::event::{Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::MissedTickBehavior;

/// Maps a crossterm key press to the wizard's keys; releases and repeats do not count.
pub fn key_from(event: KeyEvent) -> Option<Key> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char(_) if ctrl || event.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(1) => Key::F1,
        _ => return None,
    })
}

/// Runs the wizard in the terminal until it ends; returns how it ended.
pub async fn run(
    mut w: Wizard,
    first: Vec<Cmd>,
    services: Services,
    theme: Theme,
) -> io::Result<Outcome> {
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            // Raw mode may be on already: undo what was done before failing.
            let _ = ratatui::try_restore();
            return Err(e);
        }
    };
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    // A panic turns bracketed paste off too, before ratatui's hook restores the rest.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
        restore(info);
    }));
    // crossterm drops every colour under NO_COLOR; the theme already leaves text uncoloured
    // then, and the QR code is content whose black and white must reach the screen.
    crossterm::style::force_color_output(true);
    let mut images = Images::detect(w.settings.qr);
    let result = event_loop(&mut terminal, &mut w, first, services, theme, &mut images).await;
    if let Some(images) = images.as_mut() {
        let _ = images.erase(terminal.backend_mut());
    }
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    // Not `ratatui::restore`, whose message on failure panics when stderr hung up too.
    let _ = ratatui::try_restore();
    hangup::drop_terminal(terminal);
    Ok(match hangup::as_signal(result)? {
        Some(signal) => w.outcome_on_signal(signal),
        None => w.outcome_on_leaving(),
    })
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    w: &mut Wizard,
    first: Vec<Cmd>,
    services: Services,
    theme: Theme,
    images: &mut Option<Images>,
) -> io::Result<Option<i32>> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut tasks = JoinSet::new();
    let mut events = EventStream::new();
    let watchdog = Watchdog::start();
    let mut stop = StopSignals::new()?;
    let mut signalled = None;
    let mut ticker = tokio::time::interval(Duration::from_secs(1));
    ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut was_ticking = false;

    let mut quit = run_cmds(terminal, first, &services, &tx, &mut tasks)?;
    let with_images = images.is_some();
    update(w, Msg::Screen(screen(terminal, with_images)?));
    draw(terminal, w, theme, images)?;
    watchdog.follow(w);
    while !quit {
        let ticking = w.wants_ticks();
        if ticking && !was_ticking {
            ticker.reset();
        }
        was_ticking = ticking;
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => key_from(key).and_then(|key| translate(w, key)),
                Some(Ok(Event::Paste(text))) => {
                    Some(Msg::Edit(Edit::Paste(zeroize::Zeroizing::new(text))))
                }
                Some(Ok(Event::Resize(..))) => {
                    terminal.autoresize()?;
                    if let Some(images) = images.as_mut() {
                        images.forget(terminal.backend_mut())?;
                    }
                    Some(Msg::Screen(screen(terminal, with_images)?))
                }
                Some(Ok(_)) => None,
                // The terminal went away: nothing more can be typed.
                Some(Err(_)) | None => break,
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = ticker.tick(), if ticking => Some(Msg::Tick(now_unix())),
            signal = stop.recv() => {
                signalled = Some(signal);
                break;
            }
        };
        let Some(msg) = msg else { continue };
        let done = update(w, msg);
        watchdog.follow(w);
        quit = run_cmds(terminal, done.cmds, &services, &tx, &mut tasks)?;
        if !quit && done.changed {
            draw(terminal, w, theme, images)?;
        }
    }
    tasks.abort_all();
    Ok(signalled)
}

/// The terminal's size, and whether the QR goes on it as an image.
fn screen(terminal: &DefaultTerminal, images: bool) -> io::Result<Screen> {
    let size = terminal.size()?;
    Ok(Screen {
        cols: size.width,
        rows: size.height,
        images,
    })
}

/// Starts API calls as tasks; copies at once. True when the wizard asked to quit.
fn run_cmds(
    terminal: &mut DefaultTerminal,
    cmds: Vec<Cmd>,
    services: &Services,
    tx: &mpsc::UnboundedSender<Msg>,
    tasks: &mut JoinSet<()>,
) -> io::Result<bool> {
    let mut quit = false;
    for cmd in cmds {
        match cmd {
            Cmd::Quit => quit = true,
            Cmd::Copy(secret) => copy_to_clipboard(terminal.backend_mut(), &secret)?,
            cmd => {
                let services = services.clone();
                let tx = tx.clone();
                tasks.spawn(async move {
                    if let Some(msg) = perform(&services, cmd).await {
                        let _ = tx.send(msg);
                    }
                });
            }
        }
    }
    Ok(quit)
}

/// Draws the cells, then the QR image where the view left room for it (see `run_image`).
fn draw(
    terminal: &mut DefaultTerminal,
    w: &Wizard,
    theme: Theme,
    images: &mut Option<Images>,
) -> io::Result<()> {
    let area = draw_cells(terminal, w, theme)?;
    let Some(images) = images.as_mut() else {
        return Ok(());
    };
    let wanted = images.wanted(w, area);
    if wanted == images.shown() {
        return Ok(());
    }
    if images.erase(terminal.backend_mut())? {
        // A sixel or iTerm2 image is the cells' pixels: every cell is written again.
        terminal.clear()?;
        draw_cells(terminal, w, theme)?;
    }
    match wanted {
        Some(at) => images.put(terminal.backend_mut(), w, at),
        None => Ok(()),
    }
}

/// Draws the frame and turns the link text into an OSC 8 link; the frame's area.
fn draw_cells(terminal: &mut DefaultTerminal, w: &Wizard, theme: Theme) -> io::Result<Rect> {
    let (link_at, area) = {
        let frame = terminal.draw(|f| render(f, w, theme))?;
        (find_text(frame.buffer, LINK_TEXT), frame.area)
    };
    if let (Some((x, y)), Step::Scan(e)) = (link_at, &w.step) {
        write_link(terminal.backend_mut(), x, y, &e.uri)?;
    }
    Ok(area)
}

/// Where `text` starts in the buffer, if it is there.
pub fn find_text(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    let first = text.chars().next()?.to_string();
    (0..area.height).find_map(|y| {
        (0..area.width).find_map(|x| {
            let matches = buf[(x, y)].symbol() == first.as_str()
                && text.chars().enumerate().all(|(i, c)| {
                    let Ok(i) = u16::try_from(i) else {
                        return false;
                    };
                    x + i < area.width && buf[(x + i, y)].symbol() == c.to_string()
                });
            matches.then_some((x, y))
        })
    })
}

/// Rewrites the link text as an OSC 8 hyperlink to the otpauth URI, where terminals support it
/// (others ignore the sequence and show the same text).
fn write_link(out: &mut impl Write, x: u16, y: u16, uri: &Sensitive) -> io::Result<()> {
    crossterm::queue!(
        out,
        crossterm::cursor::MoveTo(x, y),
        crossterm::style::SetAttribute(crossterm::style::Attribute::Underlined)
    )?;
    write!(
        out,
        "\x1b]8;;{}\x1b\\{LINK_TEXT}\x1b]8;;\x1b\\",
        uri.expose()
    )?;
    crossterm::queue!(
        out,
        crossterm::style::SetAttribute(crossterm::style::Attribute::Reset)
    )?;
    out.flush()
}

/// OSC 52: asks the terminal to put the secret on the clipboard. Terminals that do not allow it
/// ignore the sequence, which is why the screen says "if your terminal allows it".
fn copy_to_clipboard(out: &mut impl Write, secret: &Sensitive) -> io::Result<()> {
    let encoded =
        zeroize::Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(secret.expose()));
    write!(out, "\x1b]52;c;{}\x07", encoded.as_str())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_presses_count() {
        let press = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(key_from(press), Some(Key::Char('q')));
        let mut release = press;
        release.kind = KeyEventKind::Release;
        assert_eq!(key_from(release), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_from(ctrl_c), Some(Key::CtrlC));
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(key_from(ctrl_x), None);
    }

    #[test]
    fn osc52_carries_the_base64_secret() {
        let mut out = Vec::new();
        copy_to_clipboard(&mut out, &Sensitive::new("ABCD")).unwrap();
        assert_eq!(out, b"\x1b]52;c;QUJDRA==\x07");
    }

    #[test]
    fn osc8_wraps_the_link_text() {
        let mut out = Vec::new();
        write_link(
            &mut out,
            3,
            4,
            &Sensitive::new("otpauth://totp/A:b?secret=X"),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(&format!(
            "\x1b]8;;otpauth://totp/A:b?secret=X\x1b\\{LINK_TEXT}\x1b]8;;\x1b\\"
        )));
    }

    #[test]
    fn finds_the_link_text() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 30, 3));
        buf.set_string(
            5,
            2,
            format!("c copies · {LINK_TEXT}"),
            ratatui::style::Style::new(),
        );
        assert_eq!(find_text(&buf, LINK_TEXT), Some((16, 2)));
        assert_eq!(find_text(&buf, "nope"), None);
    }
}
