//! Replacement templates of `sub` and `Match.expand`: literal text with `\1`, `\g<1>`,
//! `\g<name>` and the character escapes, read as CPython's `_parser.parse_template`.

use super::parse::text;
use super::Error;

/// A piece of a template.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text as is.
    Literal(Vec<u32>),
    /// What a group matched (nothing if it did not match).
    Group(usize),
}

/// A template that does not parse: a `re.error`, or the `IndexError` of an unknown
/// group name.
pub enum TemplateError {
    Syntax(Error),
    UnknownName(String),
}

fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

fn is_octal(c: u32) -> bool {
    (b'0' as u32..=b'7' as u32).contains(&c)
}

/// Parses `src` for a pattern with `groups` groups named as in `names`.
pub fn parse_template(
    src: &[u32],
    groups: usize,
    names: &[(String, usize)],
) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces = Vec::new();
    let mut literal = Vec::new();
    let mut pos = 0;
    // CPython's tokenizer reads a token ahead: a lone backslash at the end is the error
    // once the scan (at `scan`) has read the token before it.
    let lone = super::parse::lone_backslash(src);
    let error = |scan: usize, msg: String, at: usize| {
        let (msg, at) = match lone {
            Some(lone) if scan >= lone => ("bad escape (end of pattern)".into(), lone),
            _ => (msg, at),
        };
        Err(TemplateError::Syntax(Error {
            msg,
            pos: Some(at),
            overflow: false,
        }))
    };
    let add_group = |literal: &mut Vec<u32>, pieces: &mut Vec<Piece>, index: usize| {
        if !literal.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(literal)));
        }
        pieces.push(Piece::Group(index));
    };
    while pos < src.len() {
        let c = src[pos];
        pos += 1;
        if c != '\\' as u32 {
            literal.push(c);
            continue;
        }
        let Some(&e) = src.get(pos) else {
            return error(pos, "bad escape (end of pattern)".into(), pos - 1);
        };
        pos += 1;
        match char::from_u32(e).unwrap_or('\u{fffd}') {
            'g' => {
                if src.get(pos) != Some(&('<' as u32)) {
                    return error(pos, "missing <".into(), pos);
                }
                pos += 1;
                let begin = pos;
                while pos < src.len() && src[pos] != '>' as u32 {
                    // A backslash and the character after it are one token.
                    pos += if src[pos] == '\\' as u32 { 2 } else { 1 };
                }
                pos = pos.min(src.len());
                let name = text(&src[begin..pos]);
                if pos == src.len() {
                    if name.is_empty() {
                        return error(pos, "missing group name".into(), pos);
                    }
                    return error(pos, "missing >, unterminated name".into(), begin);
                }
                pos += 1;
                if name.is_empty() {
                    return error(pos, "missing group name".into(), pos - 1);
                }
                let back = name.chars().count() + 1;
                let index = if let Some(&(_, index)) = names.iter().find(|(n, _)| *n == name) {
                    index
                } else if name.bytes().all(|b| b.is_ascii_digit()) {
                    name.parse::<usize>().unwrap_or(usize::MAX)
                } else if crate::runtime::regex::parse::is_identifier(&name) {
                    if lone.is_some_and(|lone| pos >= lone) {
                        return error(pos, String::new(), 0);
                    }
                    return Err(TemplateError::UnknownName(name));
                } else {
                    return error(
                        pos,
                        format!(
                            "bad character in group name {}",
                            crate::runtime::format::str_repr(&name)
                        ),
                        pos - back,
                    );
                };
                if index > groups {
                    return error(pos, format!("invalid group reference {index}"), pos - back);
                }
                add_group(&mut literal, &mut pieces, index);
            }
            '0' => {
                let mut value = 0;
                let mut n = 0;
                while n < 2 && pos < src.len() && is_octal(src[pos]) {
                    value = value * 8 + (src[pos] - '0' as u32);
                    pos += 1;
                    n += 1;
                }
                literal.push(value & 0xff);
            }
            _ if is_digit(e) => {
                let start = pos - 1;
                let mut digits = vec![e];
                if pos < src.len() && is_digit(src[pos]) {
                    digits.push(src[pos]);
                    pos += 1;
                    if is_octal(digits[0])
                        && is_octal(digits[1])
                        && pos < src.len()
                        && is_octal(src[pos])
                    {
                        digits.push(src[pos]);
                        pos += 1;
                        let value = u32::from_str_radix(&text(&digits), 8).unwrap_or(0);
                        if value > 0o377 {
                            return error(
                                pos,
                                format!(
                                    "octal escape value \\{} outside of range 0-0o377",
                                    text(&digits)
                                ),
                                start - 1,
                            );
                        }
                        literal.push(value);
                        continue;
                    }
                }
                let index: usize = text(&digits).parse().unwrap_or(usize::MAX);
                if index > groups {
                    return error(pos, format!("invalid group reference {index}"), start);
                }
                add_group(&mut literal, &mut pieces, index);
            }
            letter => {
                let escaped = match letter {
                    'a' => Some(7),
                    'b' => Some(8),
                    'f' => Some(12),
                    'n' => Some(10),
                    'r' => Some(13),
                    't' => Some(9),
                    'v' => Some(11),
                    '\\' => Some('\\' as u32),
                    _ => None,
                };
                match escaped {
                    Some(ch) => literal.push(ch),
                    None if letter.is_ascii_alphabetic() => {
                        return error(pos, format!("bad escape \\{letter}"), pos - 2);
                    }
                    None => {
                        literal.push('\\' as u32);
                        literal.push(e);
                    }
                }
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}
