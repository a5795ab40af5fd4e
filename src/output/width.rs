//! How wide text is in the AWS CLI's tables, and how wide the terminal is, as the AWS CLI asks.

use super::wide_chars::WIDE;

/// Columns as awscli's `get_text_length` counts them: two for an East Asian Wide, Fullwidth or
/// Ambiguous character, one for any other.
pub(super) fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    let wide = WIDE
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok();
    if wide { 2 } else { 1 }
}

/// The width tables are drawn for: standard output's window size when it is a terminal, else 80
/// columns (awscli's `determine_terminal_width`: `COLUMNS` is not read, and a terminal that
/// reports 0 columns gets 0).
pub fn stdout_columns() -> usize {
    #[cfg(unix)]
    {
        if let Ok(size) = rustix::termios::tcgetwinsize(std::io::stdout()) {
            return usize::from(size.ws_col);
        }
    }
    80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_as_the_aws_cli_counts_them() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("日本"), 4);
        assert_eq!(text_width("e\u{301}"), 3, "U+0301 is Ambiguous as well");
        assert_eq!(text_width("é"), 2, "é is Ambiguous");
        // Ambiguous: two columns in awscli's count.
        assert_eq!(text_width("±"), 2);
        assert_eq!(text_width("ｱ"), 1, "halfwidth katakana");
        assert_eq!(text_width("😀"), 2);
    }
}
