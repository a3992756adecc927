//! Character tests of the matcher: the classes `\d \w \s` (Unicode for str patterns,
//! ASCII for bytes and the ASCII flag), case-insensitive comparison, and class items.

use crate::runtime::unicode;

/// How IGNORECASE compares characters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fold {
    /// ASCII letters only (bytes patterns, the ASCII flag).
    Ascii,
    /// Unicode simple case mappings (str patterns).
    Unicode,
}

/// A class escape: `\d \D \s \S \w \W`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ClassKind {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
}

/// An item of a character class.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SetItem {
    /// One character.
    Char(u32),
    /// A range, both ends included.
    Range(u32, u32),
    /// A class escape (`true`: its ASCII meaning).
    Class(ClassKind, bool),
}

/// Whether `c` is a word character (`\w`).
pub fn is_word(c: u32, ascii: bool) -> bool {
    if c < 128 {
        let b = c as u8;
        return b.is_ascii_alphanumeric() || b == b'_';
    }
    !ascii
        && char::from_u32(c).is_some_and(|c| {
            c.is_alphanumeric() || unicode::is_decimal(c) || unicode::is_numeric(c)
        })
}

/// Whether `c` is a digit (`\d`: a decimal digit).
fn is_digit(c: u32, ascii: bool) -> bool {
    if c < 128 {
        return (b'0' as u32..=b'9' as u32).contains(&c);
    }
    !ascii && char::from_u32(c).is_some_and(unicode::is_decimal)
}

/// Whether `c` is whitespace (`\s`), as `str.isspace`.
fn is_space(c: u32, ascii: bool) -> bool {
    if c < 128 {
        return matches!(c, 9..=13 | 32) || (!ascii && (0x1c..=0x1f).contains(&c));
    }
    !ascii && char::from_u32(c).is_some_and(char::is_whitespace)
}

/// Whether `c` is in the class `kind`.
pub fn in_class(kind: ClassKind, c: u32, ascii: bool) -> bool {
    match kind {
        ClassKind::Digit => is_digit(c, ascii),
        ClassKind::NotDigit => !is_digit(c, ascii),
        ClassKind::Space => is_space(c, ascii),
        ClassKind::NotSpace => !is_space(c, ascii),
        ClassKind::Word => is_word(c, ascii),
        ClassKind::NotWord => !is_word(c, ascii),
    }
}

/// The simple lowercase of `c` under `fold`.
pub fn lower(c: u32, fold: Fold) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_lowercase() as u32;
    }
    if fold == Fold::Ascii {
        return c;
    }
    single_mapping(c, char::to_lowercase)
}

/// The simple uppercase of `c` under `fold`.
pub fn upper(c: u32, fold: Fold) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_uppercase() as u32;
    }
    if fold == Fold::Ascii {
        return c;
    }
    single_mapping(c, char::to_uppercase)
}

/// The one-character case mapping of `c` (itself when the mapping has several).
fn single_mapping<I: Iterator<Item = char>>(c: u32, map: fn(char) -> I) -> u32 {
    let Some(ch) = char::from_u32(c) else {
        return c;
    };
    let mut mapped = map(ch);
    match (mapped.next(), mapped.next()) {
        (Some(m), None) => m as u32,
        _ => c,
    }
}

/// Whether `a` and `b` are the same character ignoring case.
pub fn same_fold(a: u32, b: u32, fold: Fold) -> bool {
    a == b || lower(a, fold) == lower(b, fold) || upper(a, fold) == upper(b, fold)
}

/// Whether `c` is in the class of `items` (without negation or case folding).
fn in_items(items: &[SetItem], c: u32) -> bool {
    items.iter().any(|item| match *item {
        SetItem::Char(x) => x == c,
        SetItem::Range(lo, hi) => lo <= c && c <= hi,
        SetItem::Class(kind, ascii) => in_class(kind, c, ascii),
    })
}

/// Whether `c` matches the class `items` (`negate`d, compared under `fold`).
pub fn in_set(items: &[SetItem], negate: bool, fold: Option<Fold>, c: u32) -> bool {
    let found = in_items(items, c)
        || fold
            .is_some_and(|fold| in_items(items, lower(c, fold)) || in_items(items, upper(c, fold)));
    found != negate
}
