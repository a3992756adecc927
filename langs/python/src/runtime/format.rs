//! Text of numbers and strings as CPython writes them: the shortest float repr, string
//! repr with CPython's quoting and escapes, and the format mini-language (`format()`,
//! f-string specs) for ints, floats and strs.

use num_bigint::BigInt;

use crate::runtime::numbers::Num;
use crate::runtime::objects::PyResult;
use crate::runtime::values::value_error;

/// `repr(x)` of a float: the shortest digits that read back as `x`, in fixed notation for
/// decimal exponents -4..16 and scientific notation (`1e+16`) outside.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: `d.ddde[-]X`; of the
    // candidates that short, CPython's is the closest to x (ties to even), which
    // correctly rounding x to that many digits gives.
    let shortest = format!("{:e}", x.abs());
    let length = shortest
        .split_once('e')
        .map_or(1, |(m, _)| m.len().saturating_sub(1).max(1));
    let closest = format!("{:.*e}", length - 1, x.abs());
    let sci = match closest.parse::<f64>() == Ok(x.abs()) {
        true => closest,
        false => shortest,
    };
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if (-4..16).contains(&exponent) {
        format!("{sign}{}", fixed_from_digits(&digits, exponent))
    } else {
        let mut text = digits[..1].to_string();
        if digits.len() > 1 {
            text.push('.');
            text.push_str(&digits[1..]);
        }
        format!(
            "{sign}{text}e{}{:02}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        )
    }
}

/// `0.ddd * 10^(exponent+1)` written out in fixed notation, with at least one digit after
/// the point.
fn fixed_from_digits(digits: &str, exponent: i32) -> String {
    if exponent < 0 {
        return format!("0.{}{digits}", "0".repeat((-exponent - 1) as usize));
    }
    let point = exponent as usize + 1;
    if digits.len() <= point {
        format!("{digits}{}.0", "0".repeat(point - digits.len()))
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

/// `repr(s)` of a str: single quotes unless the text has a single quote and no double
/// quote, with CPython's escapes.
pub fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !crate::runtime::unicode::is_printable(c) => {
                let code = c as u32;
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xffff {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Debug, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    s.width = match start == i {
        true => 0,
        false => spec_number(&chars[start..i])?,
    };
    crate::runtime::values::check_result_size(s.width)?;
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return value_error("Format specifier missing precision".into());
        }
        s.precision = Some(spec_number(&chars[start..i])?);
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return value_error("Invalid format specifier".into());
    }
    // Separators go with decimal presentations; `_` with binary, octal and hex too.
    if let (Some(separator), Some(kind)) = (s.grouping, s.kind) {
        let allowed = match kind {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => true,
            'b' | 'o' | 'x' | 'X' => separator == '_',
            _ => false,
        };
        if !allowed {
            return value_error(format!("Cannot specify '{separator}' with '{kind}'."));
        }
    }
    Ok(s)
}

/// A width or precision of a format spec.
fn spec_number(digits: &[char]) -> PyResult<usize> {
    match digits.iter().collect::<String>().parse::<usize>() {
        Ok(n) if n <= isize::MAX as usize => Ok(n),
        _ => value_error("Too many decimal digits in format string".into()),
    }
}

/// The fill character and alignment of a spec: a leading `0` fills with zeros unless a
/// fill is given, and puts them after the sign when numbers are right-aligned by default.
fn fill_and_align(spec: &Spec, default_align: char) -> (char, char) {
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let align = match spec.align {
        Some(align) => align,
        None if spec.zero && default_align == '>' => '=',
        None => default_align,
    };
    (fill, align)
}

/// The digits of a number (`1234.5`) grouped by the spec's separator every `interval`
/// digits; zero padding after the sign (`0` fill, `=` alignment) is digits too, grouped
/// so that the number with `lead` (its sign and prefix) fills the width.
fn grouped(spec: &Spec, body: String, interval: usize, lead: &str) -> String {
    let Some(separator) = spec.grouping else {
        return body;
    };
    let min_width = match fill_and_align(spec, '>') {
        ('0', '=') => spec.width.saturating_sub(lead.chars().count()),
        _ => 0,
    };
    group(&body, separator, interval, min_width)
}

/// Pads `body` (with its sign in `sign`) to the spec's width.
fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let fill_len = spec.width - len;
    let (fill, align) = fill_and_align(spec, default_align);
    let fill_str = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", fill_str(fill_len)),
        '^' => format!(
            "{}{sign}{body}{}",
            fill_str(fill_len / 2),
            fill_str(fill_len - fill_len / 2)
        ),
        '=' => format!("{sign}{}{body}", fill_str(fill_len)),
        _ => format!("{}{sign}{body}", fill_str(fill_len)),
    }
}

/// Inserts `separator` every `interval` digits (4 for binary, octal and hex) of the
/// integer part of `digits`, first padded with zeros to make the result `min_width` long.
fn group(digits: &str, separator: char, interval: usize, min_width: usize) -> String {
    let is_digit = |c: char| match interval {
        4 => c.is_ascii_hexdigit(),
        _ => c.is_ascii_digit(),
    };
    let (int_part, rest) = match digits.find(|c: char| !is_digit(c)) {
        Some(at) => digits.split_at(at),
        None => (digits, ""),
    };
    // Leading zeros until the grouped integer part is at least `min_width` long with the
    // rest (a separator never comes first).
    let min_int = min_width.saturating_sub(rest.chars().count());
    let mut count = int_part.len();
    while count + (count.max(1) - 1) / interval < min_int {
        count += 1;
    }
    let int_part = format!("{}{int_part}", "0".repeat(count - int_part.len()));
    let mut out = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % interval == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out.push_str(rest);
    out
}

fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(text, spec)` for a str.
pub fn format_str(text: &str, spec: &str) -> PyResult<String> {
    let spec = parse_spec(spec)?;
    if let (Some(separator), None) = (spec.grouping, spec.kind) {
        return value_error(format!("Cannot specify '{separator}' with 's'."));
    }
    if !matches!(spec.kind, None | Some('s')) {
        return value_error(format!(
            "Unknown format code '{}' for object of type 'str'",
            spec.kind.unwrap_or('s')
        ));
    }
    if spec.sign.is_some() {
        return value_error("Sign not allowed in string format specifier".into());
    }
    if spec.alternate {
        return value_error("Alternate form (#) not allowed in string format specifier".into());
    }
    if spec.align == Some('=') {
        return value_error("'=' alignment not allowed in string format specifier".into());
    }
    let text: String = match spec.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(pad(&spec, "", &text, '<'))
}

/// `format(n, spec)` for an int or a float.
pub fn format_number(num: &Num, spec_text: &str) -> PyResult<String> {
    let spec = parse_spec(spec_text)?;
    match (num, spec.kind) {
        (Num::Float(_), Some('d' | 'x' | 'X' | 'o' | 'b' | 'c')) => value_error(format!(
            "Unknown format code '{}' for object of type 'float'",
            spec.kind.unwrap_or('d')
        )),
        (Num::Int(_) | Num::Big(_), Some('c')) => {
            if spec.precision.is_some() {
                return value_error("Precision not allowed in integer format specifier".into());
            }
            if spec.sign.is_some() {
                return value_error("Sign not allowed with integer format specifier 'c'".into());
            }
            if spec.alternate {
                return value_error(
                    "Alternate form (#) not allowed with integer format specifier 'c'".into(),
                );
            }
            let code = match num {
                Num::Int(i) => *i,
                _ => {
                    return Err(crate::runtime::values::exception(
                        crate::runtime::values::TypeId::OverflowError,
                        "Python int too large to convert to C long",
                    ))
                }
            };
            match u32::try_from(code).ok().and_then(char::from_u32) {
                Some(c) => Ok(pad(&spec, "", c.encode_utf8(&mut [0; 4]), '>')),
                None => Err(crate::runtime::values::exception(
                    crate::runtime::values::TypeId::OverflowError,
                    "%c arg not in range(0x110000)",
                )),
            }
        }
        (Num::Int(_) | Num::Big(_), None | Some('d' | 'x' | 'X' | 'o' | 'b' | 'n')) => {
            if spec.precision.is_some() {
                return value_error("Precision not allowed in integer format specifier".into());
            }
            let value = match num {
                Num::Int(i) => BigInt::from(*i),
                Num::Big(b) => b.clone(),
                Num::Float(_) => BigInt::from(0),
            };
            let negative = value < BigInt::from(0);
            let magnitude = if negative { -value } else { value };
            let (digits, prefix) = match spec.kind {
                Some('x') => (magnitude.to_str_radix(16), "0x"),
                Some('X') => (magnitude.to_str_radix(16).to_uppercase(), "0X"),
                Some('o') => (magnitude.to_str_radix(8), "0o"),
                Some('b') => (magnitude.to_str_radix(2), "0b"),
                _ => (magnitude.to_string(), ""),
            };
            let sign = format!(
                "{}{}",
                sign_of(negative, &spec),
                if spec.alternate { prefix } else { "" }
            );
            let interval = match spec.kind {
                Some('x' | 'X' | 'o' | 'b') => 4,
                _ => 3,
            };
            let digits = grouped(&spec, digits, interval, &sign);
            Ok(pad(&spec, &sign, &digits, '>'))
        }
        (_, None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%'))
            if spec.precision.is_some_and(|p| p > i32::MAX as usize) =>
        {
            value_error("precision too big".into())
        }
        (_, None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) => {
            let x = match num {
                Num::Float(f) => *f,
                Num::Int(i) => *i as f64,
                Num::Big(b) => num_traits::ToPrimitive::to_f64(b).unwrap_or(f64::INFINITY),
            };
            let negative = x.is_sign_negative() && !x.is_nan();
            let body = float_body(x.abs(), &spec);
            let sign = sign_of(negative, &spec);
            // `inf` and `nan` have no digits to group (zero padding stays ungrouped).
            let body = match x.is_finite() {
                true => grouped(&spec, body, 3, sign),
                false => body,
            };
            Ok(pad(&spec, sign, &body, '>'))
        }
        (_, Some(kind)) => value_error(format!(
            "Unknown format code '{kind}' for object of type '{}'",
            if matches!(num, Num::Float(_)) {
                "float"
            } else {
                "int"
            }
        )),
    }
}

/// The digits of a non-negative float under a float presentation type.
fn float_body(x: f64, spec: &Spec) -> String {
    let percent = if spec.kind == Some('%') { "%" } else { "" };
    let text = if x.is_nan() {
        format!("nan{percent}")
    } else if x.is_infinite() {
        format!("inf{percent}")
    } else {
        match spec.kind {
            Some('f' | 'F') => format!("{:.*}", spec.precision.unwrap_or(6), x),
            Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), x * 100.0),
            Some('e' | 'E') => sci(x, spec.precision.unwrap_or(6)),
            Some('g' | 'G') => general(x, spec.precision.unwrap_or(6), spec.alternate),
            _ => match spec.precision {
                None => float_repr(x),
                Some(p) => {
                    let text = general(x, p, spec.alternate);
                    if text.contains(['.', 'e', 'n', 'i']) {
                        text
                    } else {
                        format!("{text}.0")
                    }
                }
            },
        }
    };
    // The uppercase presentations: `INF`, `NAN`, `1E+300`.
    match spec.kind {
        Some('F' | 'E' | 'G') => text.to_uppercase(),
        _ => text,
    }
}

/// `x` in scientific notation with `precision` digits after the point (`1.50e+03`).
fn sci(x: f64, precision: usize) -> String {
    let text = format!("{:.*e}", precision, x);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    format!(
        "{mantissa}e{}{:02}",
        if exponent < 0 { '-' } else { '+' },
        exponent.abs()
    )
}

/// The `g` presentation: scientific or fixed by the exponent, trailing zeros removed.
fn general(x: f64, precision: usize, alternate: bool) -> String {
    let p = precision.max(1);
    let text = format!("{:.*e}", p - 1, x);
    let exponent: i32 = text
        .split_once('e')
        .map_or(0, |(_, e)| e.parse().unwrap_or(0));
    let trim = |s: String| {
        if alternate || !s.contains('.') {
            return s;
        }
        let s = s.trim_end_matches('0');
        s.trim_end_matches('.').to_string()
    };
    if exponent >= -4 && exponent < p as i32 {
        trim(format!(
            "{:.*}",
            (p as i32 - 1 - exponent).max(0) as usize,
            x
        ))
    } else {
        let s = sci(x, p - 1);
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "+00"));
        format!("{}e{exp}", trim(mantissa.to_string()))
    }
}
