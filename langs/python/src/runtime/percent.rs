//! printf-style formatting: `template % values` for strs (`%s`, `%r`, `%a`, `%d`/`%i`,
//! `%x`/`%X`/`%o`, `%e`/`%f`/`%g` and upper-case forms, `%c`, `%%`, with flags, width and
//! precision, `*` included, and `%(name)s` keys taken from a dict) and for bytes (the
//! template and the result as Latin-1 text: `%s`/`%b` take bytes-likes, `%r` is `%a`,
//! `%c` a byte, keys are bytes).

use jitgen_core::gc::Gc;

use crate::runtime::dict::dict_get;
use crate::runtime::format::format_number;
use crate::runtime::numbers::{as_number, Num};
use crate::runtime::objects::*;
use crate::runtime::text::{to_repr, to_str};
use crate::runtime::values::*;

/// The values a template consumes, one by one (a tuple's items, or one value).
struct Values {
    source: Value,
    tuple: Option<Gc<TupleObj>>,
    next: usize,
}

impl Values {
    fn take(&mut self) -> PyResult<Value> {
        let value = match self.tuple {
            Some(tuple) => tuple.items.try_get(self.next),
            None if self.next == 0 => Some(self.source),
            None => None,
        };
        self.next += 1;
        value.ok_or_else(|| exception(TypeId::TypeError, "not enough arguments for format string"))
    }

    fn all_used(&self) -> bool {
        match self.tuple {
            Some(tuple) => self.next >= tuple.items.len(),
            None => self.next >= 1,
        }
    }
}

/// `template % values`; `bytes`: a bytes template (as Latin-1 text) and its rules.
pub fn percent_format(template: &str, values: Value, bytes: bool) -> PyResult<String> {
    // A derived tuple or dict gives its built-in value's items.
    let builtin = crate::runtime::derived::builtin_value(values);
    let mapping = builtin.downcast::<DictObj>();
    let mut args = Values {
        source: values,
        tuple: builtin.downcast::<TupleObj>(),
        next: 0,
    };
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key_value = None;
        if chars.get(i) == Some(&'(') {
            let Some(close) = chars[i..].iter().position(|&c| c == ')') else {
                return value_error("incomplete format key".into());
            };
            let key: String = chars[i + 1..i + close].iter().collect();
            let Some(dict) = mapping else {
                return type_error("format requires a mapping".into());
            };
            let key = if bytes {
                crate::runtime::bytes::new_bytes(&key.chars().map(|c| c as u8).collect::<Vec<u8>>())
            } else {
                new_str(&key)
            };
            key_value = Some(
                dict_get(dict, key)?.ok_or_else(|| crate::runtime::exceptions::key_error(key))?,
            );
            i += close + 1;
        }
        let mut flags = String::new();
        while let Some(&c) = chars
            .get(i)
            .filter(|c| matches!(c, '-' | '+' | ' ' | '#' | '0'))
        {
            flags.push(c);
            i += 1;
        }
        let number = |i: &mut usize, args: &mut Values| -> PyResult<Option<usize>> {
            if chars.get(*i) == Some(&'*') {
                *i += 1;
                let n = as_number(args.take()?);
                return match n {
                    Some(Num::Int(n)) => Ok(Some(n.max(0) as usize)),
                    _ => type_error("* wants int".into()),
                };
            }
            let start = *i;
            while chars.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
            Ok(chars[start..*i].iter().collect::<String>().parse().ok())
        };
        let width = number(&mut i, &mut args)?;
        let precision = if chars.get(i) == Some(&'.') {
            i += 1;
            Some(number(&mut i, &mut args)?.unwrap_or(0))
        } else {
            None
        };
        let Some(&kind) = chars.get(i) else {
            return value_error("incomplete format".into());
        };
        i += 1;
        if kind == '%' {
            out.push('%');
            continue;
        }
        let value = match key_value {
            Some(value) => value,
            None => args.take()?,
        };
        out.push_str(&convert(kind, value, &flags, width, precision, bytes)?);
    }
    if mapping.is_none() && !args.all_used() {
        return type_error(format!(
            "not all arguments converted during {} formatting",
            if bytes { "bytes" } else { "string" }
        ));
    }
    Ok(out)
}

/// One conversion, as a format-spec call where the types agree.
fn convert(
    kind: char,
    value: Value,
    flags: &str,
    width: Option<usize>,
    precision: Option<usize>,
    bytes: bool,
) -> PyResult<String> {
    let align = if flags.contains('-') { "<" } else { ">" };
    let width_text = width.map_or(String::new(), |w| w.to_string());
    let pad = |text: String| -> String {
        let w = width.unwrap_or(0);
        let len = text.chars().count();
        if len >= w {
            return text;
        }
        if align == "<" {
            format!("{text}{}", " ".repeat(w - len))
        } else {
            format!("{}{text}", " ".repeat(w - len))
        }
    };
    match kind {
        's' | 'b' if bytes => {
            let Some(data) = crate::runtime::bytes::bytes_of(value) else {
                return type_error(format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                    type_name(value)
                ));
            };
            let text: String = data.iter().map(|&b| char::from(b)).collect();
            let text = match precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            };
            Ok(pad(text))
        }
        'c' if bytes => {
            let byte = match (crate::runtime::bytes::bytes_of(value), as_number(value)) {
                (Some(data), _) if data.len() == 1 => data[0],
                (None, Some(Num::Int(code))) if (0..256).contains(&code) => code as u8,
                (None, Some(Num::Int(_))) => {
                    return Err(exception(TypeId::OverflowError, "%c arg not in range(256)"))
                }
                _ => {
                    return type_error(
                        "%c requires an integer in range(256) or a single byte".into(),
                    )
                }
            };
            Ok(pad(char::from(byte).to_string()))
        }
        's' | 'r' | 'a' => {
            let text = match kind {
                's' => to_str(value)?,
                'r' if !bytes => to_repr(value)?,
                _ => crate::runtime::builtins::ascii_of(value)?,
            };
            let text = match precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            };
            Ok(pad(text))
        }
        'c' => {
            let text = match (value.downcast::<StrObj>(), as_number(value)) {
                (Some(s), _) if s.chars == 1 => s.as_str().to_string(),
                (_, Some(Num::Int(code))) => {
                    match u32::try_from(code).ok().and_then(char::from_u32) {
                        Some(c) => c.to_string(),
                        None => {
                            return Err(exception(
                                TypeId::OverflowError,
                                "%c arg not in range(0x110000)",
                            ))
                        }
                    }
                }
                _ => return type_error("%c requires int or char".into()),
            };
            Ok(pad(text))
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let integer = matches!(kind, 'd' | 'i' | 'u' | 'x' | 'X' | 'o');
            let Some(num) = as_number(value) else {
                let required = if integer && kind != 'd' && kind != 'i' && kind != 'u' {
                    "an integer"
                } else {
                    "a real number"
                };
                return type_error(format!(
                    "%{kind} format: {required} is required, not {}",
                    type_name(value)
                ));
            };
            let num = match num {
                Num::Float(f) if integer => {
                    if !f.is_finite() {
                        return Err(exception(
                            TypeId::OverflowError,
                            "cannot convert float infinity to integer",
                        ));
                    }
                    Num::Big(crate::runtime::numbers::float_to_bigint(f.trunc()))
                }
                other => other,
            };
            let zero = flags.contains('0') && !flags.contains('-');
            let align = if flags.contains('-') {
                "<"
            } else if zero {
                ""
            } else {
                ">"
            };
            let sign = if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            let alternate = if flags.contains('#') { "#" } else { "" };
            let kind = match kind {
                'i' | 'u' => 'd',
                other => other,
            };
            let precision = match (integer, precision) {
                (true, _) => String::new(),
                (false, Some(p)) => format!(".{p}"),
                (false, None) => ".6".into(),
            };
            let zero = if zero { "0" } else { "" };
            format_number(
                &num,
                &format!("{align}{sign}{alternate}{zero}{width_text}{precision}{kind}"),
            )
        }
        other => value_error(format!(
            "unsupported format character '{other}' (0x{:x}) at index",
            other as u32
        )),
    }
}
