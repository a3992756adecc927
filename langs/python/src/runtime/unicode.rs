//! Unicode character properties as CPython 3.11's `str` methods know them where Rust's
//! `char` answers differently: decimal digits and digits (`isdecimal`, `isdigit`),
//! numeric characters (`isnumeric`), titlecase (`title`, `capitalize`, `istitle`), case
//! folding (`casefold`) and printable characters (`isprintable`, `repr`). The tables come
//! from CPython's Unicode database (14.0).

/// Whether `c` is a decimal digit (`str.isdecimal`: category Nd).
pub fn is_decimal(c: char) -> bool {
    in_ranges(DECIMAL, c)
}

/// `text` with its decimal digits as ASCII digits and its whitespace as spaces, as
/// CPython reads numbers (`float("٣.５")` is 3.5).
pub fn ascii_number_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            c if c.is_whitespace() => ' ',
            // Each run of decimal digits counts 0 to 9 from its start.
            c => DECIMAL
                .iter()
                .find(|&&(low, high)| (low..=high).contains(&(c as u32)))
                .map_or(c, |&(low, _)| char_at('0' as u32 + (c as u32 - low) % 10)),
        })
        .collect()
}

/// Whether `c` is a digit (`str.isdigit`): decimal, superscript, circled, ... digits.
pub fn is_digit(c: char) -> bool {
    is_decimal(c) || in_ranges(OTHER_DIGITS, c)
}

/// Whether `c` is numeric (`str.isnumeric`): digits, fractions, numerals and the
/// ideographs with a numeric value.
pub fn is_numeric(c: char) -> bool {
    c.is_numeric() || in_ranges(NUMERIC_IDEOGRAPHS, c)
}

/// Whether `c` is a titlecase letter (category Lt: `ǅ`, `ᾈ`, ...).
pub fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F
        | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

/// Whether `c` is cased (upper, lower or titlecase): what `str.title` continues a word with.
pub fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

/// The full titlecase mapping of `c` (`ß` -> `Ss`, `ǆ` -> `ǅ`, `ᾳ` -> `ᾼ`).
pub fn to_title(c: char) -> String {
    let code = c as u32;
    match code {
        // Georgian Mkhedruli letters are their own titlecase (their uppercase is Mtavruli).
        0x10D0..=0x10FA | 0x10FD..=0x10FF => return c.to_string(),
        // The digraphs DŽ/Dž/dž, LJ/Lj/lj, NJ/Nj/nj: the middle one of each triple.
        0x1C4..=0x1CC => return char_at(0x1C5 + 3 * ((code - 0x1C4) / 3)).to_string(),
        0x1F1..=0x1F3 => return '\u{1F2}'.to_string(),
        _ => {}
    }
    let upper: Vec<char> = c.to_uppercase().collect();
    if let [single] = upper[..] {
        return single.to_string();
    }
    // Greek with ypogegrammeni: the uppercase's final iota becomes prosgegrammeni,
    // composed with the letter before it where Unicode has the titlecase letter.
    if (0x1F80..=0x1FFF).contains(&code) && upper.last() == Some(&'\u{399}') {
        let letter = upper[0] as u32;
        if upper.len() == 2 {
            for (base, titled) in [(0x1F08, 0x1F88), (0x1F28, 0x1F98), (0x1F68, 0x1FA8)] {
                if (base..base + 8).contains(&letter) {
                    return char_at(letter - base + titled).to_string();
                }
            }
            let composed = match letter {
                0x391 => Some('\u{1FBC}'),
                0x397 => Some('\u{1FCC}'),
                0x3A9 => Some('\u{1FFC}'),
                _ => None,
            };
            if let Some(composed) = composed {
                return composed.to_string();
            }
        }
        let mut out: String = upper[..upper.len() - 1].iter().collect();
        out.push('\u{345}');
        return out;
    }
    // Otherwise the uppercase up to its first cased letter, the rest lowercase (`ﬃ` -> `Ffi`).
    let mut out = String::new();
    let mut seen_cased = false;
    for u in upper {
        match seen_cased {
            true => out.extend(u.to_lowercase()),
            false => out.push(u),
        }
        seen_cased |= is_cased(u);
    }
    out
}

/// The lowercase of the character `c` at byte `at` of `text`, which follows a cased
/// character: a capital sigma that ends its word is the final `ς`, as `str.lower` has it.
pub fn lower_after_cased(text: &str, at: usize, c: char) -> String {
    if c != 'Σ' {
        return c.to_lowercase().collect();
    }
    // Rust's lowercasing knows the final sigma; a cased letter before it and what follows
    // up to the next cased or space character is all the context it looks at.
    let after = &text[at + c.len_utf8()..];
    let end = after
        .char_indices()
        .find(|&(_, next)| is_cased(next) || next.is_whitespace())
        .map_or(after.len(), |(i, next)| i + next.len_utf8());
    let lowered = format!("a{c}{}", &after[..end]).to_lowercase();
    lowered[1..]
        .chars()
        .next()
        .map_or_else(String::new, String::from)
}

/// The full case folding of `c` (`ß` -> `ss`, `ς` -> `σ`; Cherokee folds to uppercase):
/// Unicode's folding is the lowercase of the uppercase of the lowercase, but for
/// dotless `ı`, which does not fold.
pub fn case_fold(c: char) -> String {
    match c as u32 {
        0x131 => c.to_string(),
        0x13A0..=0x13FD | 0xAB70..=0xABBF => c.to_uppercase().collect(),
        _ => c
            .to_lowercase()
            .flat_map(char::to_uppercase)
            .flat_map(char::to_lowercase)
            .collect(),
    }
}

/// Whether CPython's `str.isprintable` holds for `c`: not a control, format, surrogate,
/// private-use or separator character other than space, nor a noncharacter (other
/// unassigned code points, which CPython also counts as unprintable, pass).
pub fn is_printable(c: char) -> bool {
    !in_ranges(UNPRINTABLE, c)
}

fn char_at(code: u32) -> char {
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let code = c as u32;
    ranges
        .binary_search_by(|&(low, high)| {
            if high < code {
                std::cmp::Ordering::Less
            } else if low > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Unicode's decimal digits (category Nd), as ranges of code points.
const DECIMAL: &[(u32, u32)] = &[
    (0x30, 0x39),
    (0x660, 0x669),
    (0x6F0, 0x6F9),
    (0x7C0, 0x7C9),
    (0x966, 0x96F),
    (0x9E6, 0x9EF),
    (0xA66, 0xA6F),
    (0xAE6, 0xAEF),
    (0xB66, 0xB6F),
    (0xBE6, 0xBEF),
    (0xC66, 0xC6F),
    (0xCE6, 0xCEF),
    (0xD66, 0xD6F),
    (0xDE6, 0xDEF),
    (0xE50, 0xE59),
    (0xED0, 0xED9),
    (0xF20, 0xF29),
    (0x1040, 0x1049),
    (0x1090, 0x1099),
    (0x17E0, 0x17E9),
    (0x1810, 0x1819),
    (0x1946, 0x194F),
    (0x19D0, 0x19D9),
    (0x1A80, 0x1A89),
    (0x1A90, 0x1A99),
    (0x1B50, 0x1B59),
    (0x1BB0, 0x1BB9),
    (0x1C40, 0x1C49),
    (0x1C50, 0x1C59),
    (0xA620, 0xA629),
    (0xA8D0, 0xA8D9),
    (0xA900, 0xA909),
    (0xA9D0, 0xA9D9),
    (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59),
    (0xABF0, 0xABF9),
    (0xFF10, 0xFF19),
    (0x104A0, 0x104A9),
    (0x10D30, 0x10D39),
    (0x11066, 0x1106F),
    (0x110F0, 0x110F9),
    (0x11136, 0x1113F),
    (0x111D0, 0x111D9),
    (0x112F0, 0x112F9),
    (0x11450, 0x11459),
    (0x114D0, 0x114D9),
    (0x11650, 0x11659),
    (0x116C0, 0x116C9),
    (0x11730, 0x11739),
    (0x118E0, 0x118E9),
    (0x11950, 0x11959),
    (0x11C50, 0x11C59),
    (0x11D50, 0x11D59),
    (0x11DA0, 0x11DA9),
    (0x16A60, 0x16A69),
    (0x16AC0, 0x16AC9),
    (0x16B50, 0x16B59),
    (0x1D7CE, 0x1D7FF),
    (0x1E140, 0x1E149),
    (0x1E2F0, 0x1E2F9),
    (0x1E950, 0x1E959),
    (0x1FBF0, 0x1FBF9),
];

/// Digits that are not decimal (superscripts, circled digits, ...): `isdigit` but not `isdecimal`.
const OTHER_DIGITS: &[(u32, u32)] = &[
    (0xB2, 0xB3),
    (0xB9, 0xB9),
    (0x1369, 0x1371),
    (0x19DA, 0x19DA),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247C),
    (0x2488, 0x2490),
    (0x24EA, 0x24EA),
    (0x24F5, 0x24FD),
    (0x24FF, 0x24FF),
    (0x2776, 0x277E),
    (0x2780, 0x2788),
    (0x278A, 0x2792),
    (0x10A40, 0x10A43),
    (0x10E60, 0x10E68),
    (0x11052, 0x1105A),
    (0x1F100, 0x1F10A),
];

/// Ideographs with a numeric value (letters to Rust, numeric to Python).
const NUMERIC_IDEOGRAPHS: &[(u32, u32)] = &[
    (0x3405, 0x3405),
    (0x3483, 0x3483),
    (0x382A, 0x382A),
    (0x3B4D, 0x3B4D),
    (0x4E00, 0x4E00),
    (0x4E03, 0x4E03),
    (0x4E07, 0x4E07),
    (0x4E09, 0x4E09),
    (0x4E5D, 0x4E5D),
    (0x4E8C, 0x4E8C),
    (0x4E94, 0x4E94),
    (0x4E96, 0x4E96),
    (0x4EBF, 0x4EC0),
    (0x4EDF, 0x4EDF),
    (0x4EE8, 0x4EE8),
    (0x4F0D, 0x4F0D),
    (0x4F70, 0x4F70),
    (0x5104, 0x5104),
    (0x5146, 0x5146),
    (0x5169, 0x5169),
    (0x516B, 0x516B),
    (0x516D, 0x516D),
    (0x5341, 0x5341),
    (0x5343, 0x5345),
    (0x534C, 0x534C),
    (0x53C1, 0x53C4),
    (0x56DB, 0x56DB),
    (0x58F1, 0x58F1),
    (0x58F9, 0x58F9),
    (0x5E7A, 0x5E7A),
    (0x5EFE, 0x5EFF),
    (0x5F0C, 0x5F0E),
    (0x5F10, 0x5F10),
    (0x62FE, 0x62FE),
    (0x634C, 0x634C),
    (0x67D2, 0x67D2),
    (0x6F06, 0x6F06),
    (0x7396, 0x7396),
    (0x767E, 0x767E),
    (0x8086, 0x8086),
    (0x842C, 0x842C),
    (0x8CAE, 0x8CAE),
    (0x8CB3, 0x8CB3),
    (0x8D30, 0x8D30),
    (0x9621, 0x9621),
    (0x9646, 0x9646),
    (0x964C, 0x964C),
    (0x9678, 0x9678),
    (0x96F6, 0x96F6),
    (0xF96B, 0xF96B),
    (0xF973, 0xF973),
    (0xF978, 0xF978),
    (0xF9B2, 0xF9B2),
    (0xF9D1, 0xF9D1),
    (0xF9D3, 0xF9D3),
    (0xF9FD, 0xF9FD),
    (0x20001, 0x20001),
    (0x20064, 0x20064),
    (0x200E2, 0x200E2),
    (0x20121, 0x20121),
    (0x2092A, 0x2092A),
    (0x20983, 0x20983),
    (0x2098C, 0x2098C),
    (0x2099C, 0x2099C),
    (0x20AEA, 0x20AEA),
    (0x20AFD, 0x20AFD),
    (0x20B19, 0x20B19),
    (0x22390, 0x22390),
    (0x22998, 0x22998),
    (0x23B1B, 0x23B1B),
    (0x2626D, 0x2626D),
    (0x2F890, 0x2F890),
];

/// Categories Cc, Cf, Cs, Co, Zs (but space), Zl and Zp, and the noncharacters: what
/// `repr` escapes.
const UNPRINTABLE: &[(u32, u32)] = &[
    (0x0, 0x1F),
    (0x7F, 0xA0),
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x2064),
    (0x2066, 0x206F),
    (0x3000, 0x3000),
    (0xD800, 0xF8FF),
    (0xFDD0, 0xFDEF),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0x1FFFE, 0x1FFFF),
    (0x2FFFE, 0x2FFFF),
    (0x3FFFE, 0x3FFFF),
    (0x4FFFE, 0x4FFFF),
    (0x5FFFE, 0x5FFFF),
    (0x6FFFE, 0x6FFFF),
    (0x7FFFE, 0x7FFFF),
    (0x8FFFE, 0x8FFFF),
    (0x9FFFE, 0x9FFFF),
    (0xAFFFE, 0xAFFFF),
    (0xBFFFE, 0xBFFFF),
    (0xCFFFE, 0xCFFFF),
    (0xDFFFE, 0xDFFFF),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
    (0xEFFFE, 0x10FFFF),
];
