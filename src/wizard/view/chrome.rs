//! What every screen shares: the hint bar and the help overlay (both built from the step's key
//! table), the quit question, the too-small message, the header, the spinner.

use super::Theme;
use crate::text::{enroll as words, keys as key_words};
use crate::wizard::keymap::{keys_shown, step_table, table};
use crate::wizard::state::Wizard;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub(super) fn split_hint_bar(area: Rect) -> (Rect, Rect) {
    let [body, hints] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    (body, hints)
}

/// The keys that work now, as (key, action) pairs: the hinted rows of the key table.
pub(super) fn hints(w: &Wizard) -> Vec<(String, &'static str)> {
    table(w)
        .iter()
        .filter(|b| b.hint)
        .map(|b| (keys_shown(b.keys, false), b.label))
        .collect()
}

pub(super) fn hint_bar(frame: &mut Frame, area: Rect, hints: &[(String, &str)], theme: Theme) {
    let hints = fitting(hints, usize::from(area.width));
    let mut spans = Vec::new();
    for (i, (key, action)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::styled(format!(" {action}"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints that fit in `width` columns, in order; the help key is kept whatever is dropped,
/// since help lists every key.
fn fitting<'a>(hints: &'a [(String, &'a str)], width: usize) -> Vec<&'a (String, &'a str)> {
    let cost = |(key, action): &(String, &str)| key.chars().count() + 1 + action.chars().count();
    let help = hints.iter().find(|(_, action)| *action == key_words::HELP);
    let mut used = help.map_or(0, |h| cost(h) + 2);
    let mut kept: Vec<&(String, &str)> = Vec::new();
    for hint in hints {
        if Some(hint) == help {
            kept.push(hint);
            continue;
        }
        let more = cost(hint) + 2;
        if used + more <= width + 2 {
            used += more;
            kept.push(hint);
        }
    }
    kept
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

/// The help overlay: what the wizard does, and every key of the step under it.
pub(super) fn help(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let mut lines = vec![Line::styled(key_words::HELP_ABOUT_TITLE, theme.title())];
    lines.extend(key_words::HELP_ABOUT.iter().map(|l| Line::from(*l)));
    lines.push(Line::from(""));
    lines.push(Line::styled(key_words::HELP_KEYS_TITLE, theme.title()));
    let rows: Vec<(String, &str)> = step_table(w)
        .iter()
        .map(|b| (keys_shown(b.keys, true), b.label))
        .collect();
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (keys, label) in rows {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<key_width$}"), theme.key()),
            Span::raw(format!("  {label}")),
        ]));
    }
    if crate::wizard::keymap::takes_typing(w) {
        lines.push(Line::from(key_words::HELP_FIELDS));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(key_words::HELP_CLOSE, theme.dim()));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered_box(area, 68, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(key_words::HELP_TITLE)),
        popup,
    );
}

pub(super) fn confirm_quit(frame: &mut Frame, area: Rect, theme: Theme, w: &Wizard) {
    let warning = key_words::quit_warning(w.app_registered, w.secret_shown);
    let text = Text::from(vec![
        Line::styled(key_words::QUIT_QUESTION, theme.title()),
        Line::from(""),
        Line::from(warning[0]),
        Line::from(warning[1]),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(key_words::QUIT_YES),
            Span::styled("n", theme.key()),
            Span::raw(key_words::QUIT_NO),
        ]),
    ]);
    let popup = centered_box(area, 64, 8);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(key_words::QUIT_TITLE)),
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
        Line::styled(words::TOO_SMALL, theme.error()),
        Line::from(words::too_small(full.width, full.height, cols, rows)),
    ];
    if let Some(secret) = secret {
        lines.push(Line::from(""));
        lines.push(Line::from(words::TYPE_BY_HAND));
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
    let (n, of) = w.step_of();
    let label = words::step_label(&w.step, (n, of));
    if !w.settings.helpdesk || n == 0 {
        return vec![Line::styled(label, theme.title())];
    }
    let digit = big_digit(n);
    vec![
        Line::from(vec![
            Span::styled(format!("{}{} ", words::BIG_STEP, digit[0]), theme.title()),
            Span::styled(words::title(&w.step), theme.title()),
        ]),
        Line::styled(format!("     {} ", digit[1]), theme.title()),
        Line::from(vec![
            Span::styled(format!("     {} ", digit[2]), theme.title()),
            Span::styled(words::of_steps(of), theme.dim()),
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

/// The countdown line of the scan and code steps.
pub(super) fn countdown(left: u64, theme: Theme) -> Line<'static> {
    match left {
        0 => Line::styled(words::SESSION_RAN_OUT, theme.warning()),
        left @ 1..=30 => Line::styled(words::session_ends_soon(&clock(left)), theme.warning()),
        left => Line::from(words::session_ends(&clock(left))),
    }
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
