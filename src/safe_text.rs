//! Text from outside the program (a server's answer, a file, a flag) made safe to write to a
//! terminal: control characters are shown as visible escapes, never sent raw.
//!
//! A raw ESC (or CSI, OSC, DCS as C1 characters) in an error message or a printed value could
//! move the cursor, rewrite what the user sees, set the window title, write to the clipboard
//! (OSC 52) or make a fake link (OSC 8). Every string that did not come from this program goes
//! through [`terminal_safe`] before it is printed.

use std::borrow::Cow;

/// Which whitespace controls may stay raw; every other control character is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Keep {
    /// Keep `\n` (U+000A) raw.
    pub newline: bool,
    /// Keep `\t` (U+0009) raw.
    pub tab: bool,
}

impl Keep {
    /// Escape every control character, `\n` and `\t` included: for one-line values (a table
    /// cell, a name in a message).
    pub const NOTHING: Keep = Keep {
        newline: false,
        tab: false,
    };
    /// Keep `\n` and `\t`: for multi-line text such as an error message with its advice.
    pub const LINES: Keep = Keep {
        newline: true,
        tab: true,
    };
}

/// Whether `c` would be escaped by [`terminal_safe`] with `keep`.
pub fn is_unsafe(c: char, keep: Keep) -> bool {
    match c {
        '\n' => !keep.newline,
        '\t' => !keep.tab,
        // C0 (ESC, BEL, BS, CR …), DEL and C1 (CSI U+009B, OSC U+009D, DCS U+0090 …).
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        _ => false,
    }
}

/// `text` with every C0 control character (U+0000–U+001F, except `\n` and `\t` when `keep`
/// says so), DEL (U+007F) and every C1 control character (U+0080–U+009F) replaced by a visible
/// escape in Rust's spelling: ESC becomes the six characters `\u{1b}`, CSI `\u{9b}`.
///
/// Borrows when there is nothing to escape, which is the usual case. Other text, backslashes
/// included, is unchanged: the result is for showing, not for parsing back.
///
/// ```
/// use cognito_mfa::safe_text::{terminal_safe, Keep};
/// assert_eq!(terminal_safe("a\u{1b}[2Jb", Keep::NOTHING), "a\\u{1b}[2Jb");
/// assert_eq!(terminal_safe("line 1\nline 2", Keep::LINES), "line 1\nline 2");
/// assert_eq!(terminal_safe("line 1\nline 2", Keep::NOTHING), "line 1\\u{a}line 2");
/// ```
pub fn terminal_safe(text: &str, keep: Keep) -> Cow<'_, str> {
    let Some(first) = text.find(|c| is_unsafe(c, keep)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unsafe(c, keep) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`terminal_safe`] with nothing kept: for a value that must stay on one line.
pub fn one_line(text: &str) -> Cow<'_, str> {
    terminal_safe(text, Keep::NOTHING)
}

/// [`terminal_safe`] keeping `\n` and `\t`: for messages of several lines.
pub fn lines(text: &str) -> Cow<'_, str> {
    terminal_safe(text, Keep::LINES)
}

/// JSON text (as serde_json writes it) with DEL and C1 characters written as `\u007f`-style
/// escapes. serde_json escapes C0 itself but writes DEL and C1 raw; outside strings JSON holds
/// only ASCII punctuation, so the result is the same JSON document, now safe for a terminal.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let escape = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.contains(escape) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "An error occurred (CodeMismatchException): Code mismatch — réessayez";
        assert!(matches!(one_line(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(lines("a\nb\tc"), Cow::Borrowed("a\nb\tc")));
    }

    #[test]
    fn every_c0_del_and_c1_character_is_escaped() {
        for code in (0u32..=0x1f).chain(0x7f..=0x9f) {
            let c = char::from_u32(code).unwrap();
            let shown = one_line(&format!("x{c}y")).into_owned();
            assert_eq!(shown, format!("x\\u{{{code:x}}}y"));
            assert!(!shown.contains(c));
        }
        assert_eq!(one_line("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(one_line("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn newline_and_tab_stay_only_when_allowed() {
        assert_eq!(lines("a\nb\tc\rd"), "a\nb\tc\\u{d}d");
        assert_eq!(one_line("a\nb\tc"), "a\\u{a}b\\u{9}c");
        let only_tabs = Keep {
            newline: false,
            tab: true,
        };
        assert_eq!(terminal_safe("a\tb\nc", only_tabs), "a\tb\\u{a}c");
    }

    #[test]
    fn characters_after_c1_are_kept() {
        assert_eq!(one_line("\u{a0}é€😀"), "\u{a0}é€😀");
        assert_eq!(one_line("\u{80}é"), "\\u{80}é");
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_raw_del_and_c1() {
        let value = serde_json::json!({"Session": "a\u{7f}b\u{9b}c\u{1b}d"});
        let text = serde_json::to_string(&value).unwrap();
        assert!(text.contains('\u{7f}'), "serde_json writes DEL raw");
        let safe = json_safe(&text);
        assert!(!safe.contains(|c| is_unsafe(c, Keep::LINES)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
