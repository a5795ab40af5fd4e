//! JMESPath's legacy literals: python jmespath (and so the AWS CLI) reads `` `foo` ``, whose
//! inside is not JSON, as the string `"foo"` (its leading blanks dropped), with only a
//! `PendingDeprecationWarning` that Python does not show. The Rust crate refuses them: they are
//! rewritten as JSON strings before compiling.

use std::borrow::Cow;

/// The query with every non-JSON literal turned into a JSON string literal; unchanged when it
/// has none (or when a literal is not valid either way: the compiler then says why).
pub fn modernise(query: &str) -> Cow<'_, str> {
    if !query.contains('`') {
        return Cow::Borrowed(query);
    }
    let mut out = String::with_capacity(query.len() + 8);
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        match c {
            // Raw strings and quoted identifiers may hold backticks that start nothing.
            '\'' | '"' => {
                out.push(c);
                copy_quoted(&mut chars, &mut out, c);
            }
            '`' => {
                let mut inside = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            inside.push(d);
                            if let Some(e) = chars.next() {
                                inside.push(e);
                            }
                        }
                        '`' => {
                            closed = true;
                            break;
                        }
                        d => inside.push(d),
                    }
                }
                out.push('`');
                out.push_str(&rewrite(&inside));
                if closed {
                    out.push('`');
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn copy_quoted(chars: &mut std::str::Chars<'_>, out: &mut String, quote: char) {
    while let Some(d) = chars.next() {
        out.push(d);
        if d == '\\' {
            if let Some(e) = chars.next() {
                out.push(e);
            }
        } else if d == quote {
            return;
        }
    }
}

/// A literal's inside: kept if it is JSON, else the JSON string python jmespath makes of it.
fn rewrite(inside: &str) -> Cow<'_, str> {
    let lexeme = inside.replace("\\`", "`");
    if serde_json::from_str::<serde_json::Value>(&lexeme).is_ok() {
        return Cow::Borrowed(inside);
    }
    match serde_json::from_str::<String>(&format!("\"{}\"", lexeme.trim_start())) {
        Ok(text) => match serde_json::to_string(&text) {
            Ok(json) => Cow::Owned(json.replace('`', "\\`")),
            Err(_) => Cow::Borrowed(inside),
        },
        Err(_) => Cow::Borrowed(inside),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_json_literals_become_strings() {
        assert_eq!(modernise("[a, `b c`]"), "[a, `\"b c\"`]");
        assert_eq!(modernise("`  foo`"), "`\"foo\"`");
        assert_eq!(modernise("`{a:1}`"), "`\"{a:1}\"`");
        assert_eq!(modernise("`\"x\"`"), "`\"x\"`");
        assert_eq!(modernise("`1`"), "`1`");
        assert_eq!(modernise("`[1, 2]`"), "`[1, 2]`");
        assert_eq!(modernise("a"), "a");
    }

    #[test]
    fn quotes_and_escapes_are_respected() {
        assert_eq!(modernise("'`x`'"), "'`x`'");
        assert_eq!(modernise("\"a`b\".c"), "\"a`b\".c");
        assert_eq!(modernise("`a\\`b`"), "`\"a\\`b\"`");
        assert_eq!(
            modernise("`a\"b`"),
            "`a\"b`",
            "invalid either way: left for the compiler"
        );
    }
}
