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

/// The characters CPython's IGNORECASE takes as the same beyond their lowercase
/// (`re._casefix`), by their lowercase forms, the first of each standing for them all.
const EQUIVALENCES: &[&[u32]] = &[
    &[0x69, 0x131],
    &[0x73, 0x17f],
    &[0xb5, 0x3bc],
    &[0x345, 0x3b9, 0x1fbe],
    &[0x390, 0x1fd3],
    &[0x3b0, 0x1fe3],
    &[0x3b2, 0x3d0],
    &[0x3b5, 0x3f5],
    &[0x3b8, 0x3d1],
    &[0x3ba, 0x3f0],
    &[0x3c0, 0x3d6],
    &[0x3c1, 0x3f1],
    &[0x3c2, 0x3c3],
    &[0x3c6, 0x3d5],
    &[0x1e61, 0x1e9b],
    &[0xfb05, 0xfb06],
];

/// The characters equivalent to lowercase `c` (empty if there are none).
fn equivalents(c: u32) -> &'static [u32] {
    if c < 0x69 {
        return &[];
    }
    EQUIVALENCES
        .iter()
        .find(|class| class.contains(&c))
        .copied()
        .unwrap_or(&[])
}

/// The simple lowercase of `c` under `fold` (Unicode's one-character mapping).
pub fn lower(c: u32, fold: Fold) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_lowercase() as u32;
    }
    if fold == Fold::Ascii {
        return c;
    }
    // The one character whose full lowercase is two: its simple lowercase is `i`.
    if c == 0x130 {
        return 0x69;
    }
    single_mapping(c, char::to_lowercase)
}

/// The simple uppercase of `c` under `fold`.
fn upper(c: u32, fold: Fold) -> u32 {
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

/// What IGNORECASE compares of `c`: its lowercase, the same for equivalent characters.
fn fold_key(c: u32, fold: Fold) -> u32 {
    let low = lower(c, fold);
    match equivalents(low) {
        [] => low,
        class => class[0],
    }
}

/// Whether `a` and `b` are the same character ignoring case (a literal under IGNORECASE).
pub fn same_fold(a: u32, b: u32, fold: Fold) -> bool {
    a == b || fold_key(a, fold) == fold_key(b, fold)
}

/// Whether `c` matches one of `items` ignoring case, as CPython's IGNORECASE classes:
/// characters by their folded forms, ranges by the lowercase, its uppercase and its
/// equivalents, class escapes by the lowercase.
fn in_items_folded(items: &[SetItem], c: u32, fold: Fold) -> bool {
    let low = lower(c, fold);
    let key = fold_key(c, fold);
    items.iter().any(|item| match *item {
        SetItem::Char(x) => fold_key(x, fold) == key,
        SetItem::Range(lo, hi) => {
            let inside = |x: u32| lo <= x && x <= hi;
            inside(low) || inside(upper(low, fold)) || equivalents(low).iter().any(|&e| inside(e))
        }
        SetItem::Class(kind, ascii) => in_class(kind, low, ascii),
    })
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
    let found = in_items(items, c) || fold.is_some_and(|fold| in_items_folded(items, c, fold));
    found != negate
}
