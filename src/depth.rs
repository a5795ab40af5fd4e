//! Cheap scans that bound how deeply a query or a document nests, run before the parser so a
//! hostile input is refused at once instead of overflowing the stack (JMESPath) or taking
//! minutes (YAML). Each scan over-estimates: legitimate inputs are far below the limits.

/// The most a `--query` may nest (operators and brackets, see [`query_depth`]).
pub const QUERY_LIMIT: usize = 64;
/// The most an input document may nest.
pub const DOCUMENT_LIMIT: usize = 128;

/// An upper bound on the depth of a JMESPath expression's tree: the number of operators
/// (`.`, `|`, `||`, `&&`, `!`, `&`, comparisons) and opening brackets outside literals. Each
/// can add one level to the tree the parser builds and the interpreter walks.
pub fn query_depth(query: &str) -> usize {
    let bytes = query.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => i = skip_quoted(bytes, i, quote),
            b'|' | b'&' | b'=' | b'<' | b'>' => {
                count += 1;
                // `||`, `&&`, `==`, `<=`, `>=` are one operator each.
                if bytes
                    .get(i + 1)
                    .is_some_and(|n| matches!(n, b'|' | b'&' | b'='))
                {
                    i += 1;
                }
            }
            b'.' | b'!' | b'[' | b'(' | b'{' => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// The index of the closing `quote` (or the end), honouring backslash escapes.
fn skip_quoted(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            c if c == quote => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The deepest nesting of `[` and `{` in a JSON text, outside strings.
pub fn json_depth(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_quoted(bytes, i, b'"'),
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

/// An upper bound on the nesting of a YAML text: for each line, the block levels open by
/// indentation, plus the block indicators on the line (`- `, `? `, `: `, which nest compactly,
/// as in `- - - x`), plus the flow collections (`[`, `{`) open at that point. Quoted scalars
/// and comments are skipped; brackets inside plain scalars count, which only over-estimates.
pub fn yaml_depth(text: &str) -> usize {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut max = 0usize;
    let mut quote: Option<u8> = None;
    for line in text.lines() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        if quote.is_none() {
            let rest = &bytes[indent..];
            if rest.is_empty() || rest[0] == b'#' {
                continue;
            }
            while indents.last().is_some_and(|top| *top >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut on_line = 0usize;
        let mut i = indent;
        let mut token_start = true;
        while i < bytes.len() {
            let c = bytes[i];
            if let Some(q) = quote {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    // '' inside a single-quoted scalar is an escaped quote.
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
                i += 1;
                continue;
            }
            let next_is_space = bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\t');
            match c {
                b'#' if token_start => break,
                b'"' | b'\'' if token_start => quote = Some(c),
                b'[' | b'{' => flow += 1,
                b']' | b'}' => flow = flow.saturating_sub(1),
                b'-' | b'?' if token_start && next_is_space && flow == 0 => on_line += 1,
                b':' if next_is_space && flow == 0 => on_line += 1,
                _ => {}
            }
            max = max.max(indents.len() + on_line + flow);
            token_start = matches!(c, b' ' | b'\t' | b'[' | b'{' | b',' | b'-' | b'?' | b':');
            i += 1;
        }
        max = max.max(indents.len() + on_line + flow);
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_queries_are_shallow() {
        assert_eq!(query_depth("SecretCode"), 0);
        assert_eq!(query_depth("AuthenticationResult.AccessToken"), 1);
        assert!(query_depth("UserAttributes[?Name=='email'].Value | [0]") <= 8);
        assert_eq!(query_depth("'[[[[.|'"), 0, "literals do not count");
        assert_eq!(query_depth("`[[[[]]]]`"), 0);
        assert_eq!(query_depth(r#""a\"[[" && b"#), 1);
    }

    #[test]
    fn deep_queries_are_measured() {
        assert_eq!(query_depth(&"[".repeat(20_000)), 20_000);
        assert_eq!(query_depth(&"!".repeat(5_000)), 5_000);
        assert!(query_depth(&"a.".repeat(100)) >= 100);
        assert!(query_depth(&"a||".repeat(100)) >= 100);
    }

    #[test]
    fn json_depth_skips_strings() {
        assert_eq!(json_depth(r#"{"AccessToken": "[[[{{{"}"#), 1);
        assert_eq!(json_depth(r#"{"a": [[1], {"b": "\"["}]}"#), 3);
        assert_eq!(json_depth(&"[".repeat(100_000)), 100_000);
    }

    #[test]
    fn ordinary_yaml_is_shallow() {
        let doc = "# the request\nAccessToken: 'it''s [[['\nSession: \"a\\\"[[\"\nUserCode: '123456'\nFriendlyDeviceName: Jane's phone [work] # note\n";
        assert!(yaml_depth(doc) <= 3, "{}", yaml_depth(doc));
        assert!(yaml_depth("a:\n  b:\n    - c\n    - d\n") <= 5);
    }

    #[test]
    fn deep_yaml_in_every_spelling_is_measured() {
        assert!(yaml_depth(&"[".repeat(100_000)) >= 100_000);
        assert!(yaml_depth(&"{a: ".repeat(1_000)) >= 1_000);
        assert!(yaml_depth(&format!("{}x", "- ".repeat(1_000))) >= 1_000);
        assert!(yaml_depth(&format!("{}x", "? ".repeat(1_000))) >= 1_000);
        let indented: String = (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert!(yaml_depth(&indented) >= 300);
        let multiline_flow: String = (0..300).map(|_| "[\n").collect();
        assert!(yaml_depth(&multiline_flow) >= 300);
    }
}
