//! What every screen shares: hint bar, help, quit confirmation, the too-small message.

use super::Theme;
use crate::wizard::state::{CodeFocus, SignInFocus, Step, Wizard};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub(super) fn split_hint_bar(area: Rect) -> (Rect, Rect) {
    let [body, hints] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    (body, hints)
}

/// The keys that work now, as (key, action) pairs.
pub(super) fn hints(w: &Wizard) -> Vec<(&'static str, &'static str)> {
    let mut hints = match &w.step {
        Step::SignIn(f) if f.busy => vec![],
        Step::SignIn(f) => vec![
            (
                "Enter",
                if f.focus == SignInFocus::Username {
                    "next"
                } else {
                    "sign in"
                },
            ),
            ("Tab", "switch field"),
            ("Esc", "quit"),
            ("F1", "help"),
        ],
        Step::Challenge(c) if c.busy => vec![],
        Step::Challenge(c) => match &c.prompt {
            crate::auth::flow::Prompt::SelectMfaType { .. } => vec![
                ("1-9", "choose"),
                ("Tab", "next"),
                ("Enter", "confirm"),
                ("q", "quit"),
            ],
            crate::auth::flow::Prompt::NewPassword { .. } => vec![
                ("Enter", "set password"),
                ("Tab", "switch field"),
                ("Esc", "quit"),
                ("F1", "help"),
            ],
            crate::auth::flow::Prompt::Code { .. } => {
                vec![("Enter", "sign in"), ("?", "help"), ("q", "quit")]
            }
        },
        Step::Scan(_) => {
            let mut h = vec![("Enter", "next"), ("c", "copy secret")];
            if w.settings.helpdesk {
                h.push(("r", "show/hide"));
            }
            h.extend([("?", "help"), ("q", "quit")]);
            h
        }
        Step::Code(f) if f.busy => vec![],
        Step::Code(f) => vec![
            ("Enter", "verify"),
            ("Tab", "switch field"),
            ("Esc", "back to QR"),
            (
                if f.focus == CodeFocus::Code {
                    "?"
                } else {
                    "F1"
                },
                "help",
            ),
        ],
        Step::Done(_) => vec![("Enter", "finish")],
        Step::Failed(f) if f.retry.is_some() => vec![("r", "retry"), ("q", "quit")],
        _ => vec![("?", "help"), ("q", "quit")],
    };
    hints.push(("Ctrl-C", "quit"));
    hints
}

pub(super) fn hint_bar(frame: &mut Frame, area: Rect, hints: &[(&str, &str)], theme: Theme) {
    let mut spans = Vec::new();
    for (i, (key, action)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::styled(format!(" {action}"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn centered_box(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub(super) fn help(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let mut lines = vec![
        Line::styled("What this does", theme.title()),
        Line::from("Adds this account to an authenticator app (Google"),
        Line::from("Authenticator, Microsoft Authenticator, 1Password…)"),
        Line::from("so that signing in asks for the app's 6-digit code."),
        Line::from(""),
        Line::styled("Keys", theme.title()),
        Line::from("Enter  next step / submit      Tab  next field"),
        Line::from("c      copy the secret (OSC 52)"),
        Line::from("Esc    back from the code to the QR code"),
        Line::from("q      quit (asks first when half done)"),
        Line::from("?, F1  this help"),
    ];
    if w.settings.helpdesk {
        lines.push(Line::from("r      show or hide the QR code and secret"));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Press any key to close.", theme.dim()));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered_box(area, 58, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Text::from(lines)).block(Block::bordered().title(" Help ")),
        popup,
    );
}

pub(super) fn confirm_quit(frame: &mut Frame, area: Rect, theme: Theme, app_registered: bool) {
    let warning = if app_registered {
        [
            "Your app's entry is registered: keep it. MFA is not fully",
            "on yet: if you quit, run the enrollment again to finish.",
        ]
    } else {
        [
            "MFA is not on yet: the entry you may have added to your app",
            "will not work. Delete it if you quit.",
        ]
    };
    let text = Text::from(vec![
        Line::styled("Quit now?", theme.title()),
        Line::from(""),
        Line::from(warning[0]),
        Line::from(warning[1]),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" quit    "),
            Span::styled("n", theme.key()),
            Span::raw(" keep going"),
        ]),
    ]);
    let popup = centered_box(area, 64, 8);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Quit ")),
        popup,
    );
}

/// Says which size is needed; `secret` (grouped) is still shown so the user can type it.
pub(super) fn too_small(
    frame: &mut Frame,
    area: Rect,
    cols: u16,
    rows: u16,
    secret: Option<&str>,
    theme: Theme,
) {
    let full = frame.area();
    let mut lines = vec![
        Line::styled("This terminal is too small.", theme.error()),
        Line::from(format!(
            "It is {}×{}; this step needs at least {cols}×{rows}. Make the window larger or the font smaller.",
            full.width, full.height
        )),
    ];
    if let Some(secret) = secret {
        lines.push(Line::from(""));
        lines.push(Line::from("Or type this key into your app by hand:"));
        lines.push(Line::styled(secret.to_owned(), theme.title()));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        area,
    );
}

/// Three rows of block digits for helpdesk mode, so "step 2" reads across a shared screen.
fn big_digit(n: usize) -> [&'static str; 3] {
    match n {
        1 => ["▀█ ", " █ ", "▀▀▀"],
        2 => ["▀▀█", "█▀▀", "▀▀▀"],
        3 => ["▀▀█", " ▀█", "▀▀▀"],
        4 => ["█ █", "▀▀█", "  ▀"],
        _ => ["█▀█", "█ █", "▀▀▀"],
    }
}

/// The step header: one line, or in helpdesk mode a large step number beside the title.
pub(super) fn header(w: &Wizard, theme: Theme) -> Vec<Line<'static>> {
    let label = super::step_label(&w.step);
    let n = w.step.number();
    if !w.settings.helpdesk || n == 0 {
        return vec![Line::styled(label, theme.title())];
    }
    let digit = big_digit(n);
    vec![
        Line::from(vec![
            Span::styled(format!("STEP {} ", digit[0]), theme.title()),
            Span::styled(w.step.title(), theme.title()),
        ]),
        Line::styled(format!("     {} ", digit[1]), theme.title()),
        Line::from(vec![
            Span::styled(format!("     {} ", digit[2]), theme.title()),
            Span::styled("of 4", theme.dim()),
        ]),
    ]
}

/// A spinner frame for the current tick.
pub(super) fn spinner(frame: u64) -> &'static str {
    const FRAMES: [&str; 4] = ["◐", "◓", "◑", "◒"];
    FRAMES[usize::try_from(frame % 4).unwrap_or(0)]
}

/// `m:ss` of a countdown.
pub(super) fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Splits grouped text ("ABCD EFGH …") into lines no wider than `width`, at group boundaries.
pub(super) fn wrap_groups(grouped: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for group in grouped.split(' ') {
        if !line.is_empty() && line.len() + 1 + group.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(group);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
