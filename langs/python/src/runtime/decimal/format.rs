//! `format(d, spec)`: the format mini-language for decimals (fill and alignment, sign,
//! `z`, zero padding, width, `,` grouping, precision, and the types `e`,
//! `E`, `f`, `F`, `g`, `G`, `n` and `%`), rounding with the context's rounding mode.

use num_traits::Zero;

use super::arith::rescale;
use super::context::Rounding;
use super::number::{Dec, Kind};
use super::text::to_string;

/// A parsed format specification.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    no_neg_zero: bool,
    zero_pad: bool,
    width: usize,
    separator: &'static str,
    precision: Option<i64>,
    kind: Option<char>,
}

/// Parses a format specification (`None` when it is invalid).
fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut parsed = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        no_neg_zero: false,
        zero_pad: false,
        width: 0,
        separator: "",
        precision: None,
        kind: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if chars.len() >= 2 && is_align(chars[1]) {
        parsed.fill = chars[0];
        parsed.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        parsed.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        parsed.sign = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        parsed.no_neg_zero = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        parsed.zero_pad = true;
        if parsed.align.is_none() {
            parsed.fill = '0';
            parsed.align = Some('=');
        }
        i += 1;
    }
    let number = |i: &mut usize| -> Option<usize> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i > start).then(|| chars[start..*i].iter().collect::<String>().parse().ok())?
    };
    if let Some(width) = number(&mut i) {
        parsed.width = width;
    }
    if i < chars.len() && chars[i] == ',' {
        parsed.separator = ",";
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        parsed.precision = Some(number(&mut i)? as i64);
    }
    if i < chars.len() {
        if !"eEfFgGn%".contains(chars[i]) {
            return None;
        }
        parsed.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return None;
    }
    if parsed.kind == Some('n') && !parsed.separator.is_empty() {
        return None;
    }
    if matches!(parsed.kind, Some('g' | 'G')) && parsed.precision == Some(0) {
        parsed.precision = Some(1);
    }
    Some(parsed)
}

/// `d` rounded to `places` significant digits.
fn round_places(d: &Dec, places: i64, rounding: Rounding) -> Dec {
    if d.coeff.is_zero() {
        return d.clone();
    }
    let (rounded, _) = rescale(d, d.adjusted() + 1 - places, rounding);
    if rounded.adjusted() != d.adjusted() {
        return rescale(&rounded, rounded.adjusted() + 1 - places, rounding).0;
    }
    rounded
}

/// `format(d, spec)`, or `None` for an invalid specification.
pub fn format(d: &Dec, spec: &str, rounding: Rounding, capitals: bool) -> Option<String> {
    let spec = parse_spec(spec)?;
    let sign_of = |negative: bool| -> &'static str {
        match (negative, spec.sign) {
            (true, _) => "-",
            (false, '+') => "+",
            (false, ' ') => " ",
            _ => "",
        }
    };
    if d.kind != Kind::Finite {
        let mut body = to_string(&d.abs(), false, true);
        if spec.kind == Some('%') {
            body.push('%');
        }
        // Infinities and NaNs are not zero-padded.
        let unpadded;
        let spec = if spec.zero_pad && spec.fill == '0' && spec.align == Some('=') {
            unpadded = Spec {
                fill: ' ',
                align: Some('>'),
                ..spec
            };
            &unpadded
        } else {
            &spec
        };
        return Some(align(sign_of(d.sign), &body, spec));
    }
    let kind = match spec.kind {
        None | Some('n') => {
            if capitals && spec.kind.is_none() {
                'G'
            } else {
                'g'
            }
        }
        Some(k) => k,
    };
    let mut d = d.clone();
    if kind == '%' {
        d.exp += 2;
    }
    if let Some(precision) = spec.precision {
        d = match kind {
            'e' | 'E' => round_places(&d, precision + 1, rounding),
            'f' | 'F' | '%' => rescale(&d, -precision, rounding).0,
            'g' | 'G' if d.digits() > precision => round_places(&d, precision, rounding),
            _ => d,
        };
    }
    if d.coeff.is_zero() && d.exp > 0 && matches!(kind, 'f' | 'F' | '%') {
        d = rescale(&d, 0, rounding).0;
    }
    let negative = d.sign && !(d.coeff.is_zero() && spec.no_neg_zero);
    let digits = d.coeff.to_str_radix(10);
    let left = d.exp + digits.len() as i64;
    let dot = match kind {
        'e' | 'E' => match spec.precision {
            Some(precision) if d.coeff.is_zero() => 1 - precision,
            _ => 1,
        },
        'f' | 'F' | '%' => left,
        _ => {
            if d.exp <= 0 && left > -6 {
                left
            } else {
                1
            }
        }
    };
    let (int_part, mut frac_part) = if dot < 0 {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-dot) as usize)),
        )
    } else if dot as usize > digits.len() {
        (
            format!("{digits}{}", "0".repeat(dot as usize - digits.len())),
            String::new(),
        )
    } else {
        let (i, f) = digits.split_at(dot as usize);
        (
            if i.is_empty() { "0" } else { i }.to_string(),
            f.to_string(),
        )
    };
    let exp = left - dot;
    if !frac_part.is_empty() {
        frac_part.insert(0, '.');
    }
    if exp != 0 || matches!(kind, 'e' | 'E') {
        let e = if matches!(kind, 'E' | 'G') { 'E' } else { 'e' };
        frac_part.push_str(&format!("{e}{exp:+}"));
    }
    if kind == '%' {
        frac_part.push('%');
    }
    let sign = sign_of(negative);
    let min_width = if spec.zero_pad {
        spec.width as i64 - frac_part.chars().count() as i64 - sign.len() as i64
    } else {
        0
    };
    let int_part = group(&int_part, spec.separator, min_width);
    Some(align(sign, &(int_part + &frac_part), &spec))
}

/// The integer digits in groups of three joined by `separator`, padded with zeros to
/// `min_width`.
fn group(digits: &str, separator: &str, mut min_width: i64) -> String {
    let mut digits = digits.to_string();
    let mut groups = Vec::new();
    loop {
        let length = (digits.len() as i64).max(min_width).clamp(1, 3);
        let take = (length as usize).min(digits.len());
        let tail = digits.split_off(digits.len() - take);
        groups.push(format!("{}{tail}", "0".repeat(length as usize - take)));
        min_width -= length;
        if digits.is_empty() && min_width <= 0 {
            break;
        }
        min_width -= separator.len() as i64;
    }
    groups.reverse();
    groups.join(separator)
}

/// `sign` and `body` padded to the width by the alignment.
fn align(sign: &str, body: &str, spec: &Spec) -> String {
    let length = sign.chars().count() + body.chars().count();
    let padding = spec.width.saturating_sub(length);
    let fill = |n: usize| spec.fill.to_string().repeat(n);
    match spec.align.unwrap_or('>') {
        '<' => format!("{sign}{body}{}", fill(padding)),
        '=' => format!("{sign}{}{body}", fill(padding)),
        '^' => format!(
            "{}{sign}{body}{}",
            fill(padding / 2),
            fill(padding - padding / 2)
        ),
        _ => format!("{}{sign}{body}", fill(padding)),
    }
}
