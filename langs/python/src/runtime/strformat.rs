//! `str.format` and `str.format_map`: CPython's parse of replacement fields -- literal text with `{{`/`}}`,
//! field names with attribute (`{p.x}`) and index (`{0[1]}`, `{m[key]}`) lookups,
//! automatic or manual numbering, `!r`/`!s`/`!a` conversions and format specs that hold
//! replacement fields themselves (`{:{w}.{p}f}`), with CPython's errors.

use crate::runtime::builtins::{ascii_of, format_of};
use crate::runtime::call::Args;
use crate::runtime::objects::*;
use crate::runtime::text::{to_repr, to_str};
use crate::runtime::values::*;

/// `template.format(*args, **kwargs)`.
pub fn str_format(template: &str, args: &Args) -> PyResult<Value> {
    format_from(template, Source::Call(args))
}

/// `template.format_map(mapping)`: names looked up in the mapping, no positional fields.
pub fn str_format_map(template: &str, mapping: Value) -> PyResult<Value> {
    format_from(template, Source::Mapping(mapping))
}

fn format_from(template: &str, source: Source) -> PyResult<Value> {
    let chars: Vec<char> = template.chars().collect();
    let mut numbering = Numbering::Unknown;
    Ok(new_str(&build(&chars, &source, 2, &mut numbering)?))
}

/// Where the fields of a `format` call find their values: the call's arguments, or the
/// mapping of `format_map`.
enum Source<'a> {
    Call(&'a Args),
    Mapping(Value),
}

/// How the fields of one `format` call name positional arguments: not yet known, by
/// automatic numbering (`{}`) or by manual indices (`{0}`).
#[derive(PartialEq)]
enum Numbering {
    Unknown,
    Automatic(usize),
    Manual,
}

/// The text of `template`, its fields replaced; `depth` is how many levels of fields in
/// format specs may still nest.
fn build(
    template: &[char],
    args: &Source,
    depth: usize,
    numbering: &mut Numbering,
) -> PyResult<String> {
    if depth == 0 {
        return value_error("Max string recursion exceeded".into());
    }
    let mut out = String::new();
    let mut i = 0;
    while i < template.len() {
        let c = template[i];
        i += 1;
        match c {
            '{' | '}' if template.get(i) == Some(&c) => {
                out.push(c);
                i += 1;
            }
            '}' => return value_error("Single '}' encountered in format string".into()),
            '{' if i == template.len() => {
                return value_error("Single '{' encountered in format string".into())
            }
            '{' => {
                let field = parse_field(template, &mut i)?;
                let value = field_value(field.name, args, numbering)?;
                let value = match field.conversion {
                    None => value,
                    Some('r') => new_str(&to_repr(value)?),
                    Some('s') => new_str(&to_str(value)?),
                    Some('a') => new_str(&ascii_of(value)?),
                    Some(other) => {
                        return value_error(format!("Unknown conversion specifier {other}"))
                    }
                };
                let spec = match field.spec.contains(&'{') {
                    true => build(field.spec, args, depth - 1, numbering)?,
                    false => field.spec.iter().collect(),
                };
                out.push_str(&format_of(value, &spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A replacement field: its name (`0[1].x`), conversion and format spec.
struct Field<'a> {
    name: &'a [char],
    conversion: Option<char>,
    spec: &'a [char],
}

/// Reads the field starting at `*i` (just past its `{`) up to and past its `}`.
fn parse_field<'a>(template: &'a [char], i: &mut usize) -> PyResult<Field<'a>> {
    let start = *i;
    // The name ends at `}`, `:` or `!` (not inside brackets).
    let mut end = None;
    while *i < template.len() {
        let c = template[*i];
        *i += 1;
        match c {
            '{' => return value_error("unexpected '{' in field name".into()),
            '[' => {
                while *i < template.len() && template[*i] != ']' {
                    *i += 1;
                }
            }
            '}' | ':' | '!' => {
                end = Some(c);
                break;
            }
            _ => {}
        }
    }
    let Some(terminator) = end else {
        return value_error("expected '}' before end of string".into());
    };
    let name = &template[start..*i - 1];
    if terminator == '}' {
        return Ok(Field {
            name,
            conversion: None,
            spec: &[],
        });
    }
    let mut conversion = None;
    if terminator == '!' {
        let Some(&c) = template.get(*i) else {
            return value_error("end of string while looking for conversion specifier".into());
        };
        conversion = Some(c);
        *i += 1;
        if let Some(&next) = template.get(*i) {
            *i += 1;
            if next == '}' {
                return Ok(Field {
                    name,
                    conversion,
                    spec: &[],
                });
            }
            if next != ':' {
                return value_error("expected ':' after conversion specifier".into());
            }
        }
    }
    // The spec runs to the `}` that closes the field; braces inside it nest.
    let spec_start = *i;
    let mut open = 1;
    while *i < template.len() {
        let c = template[*i];
        *i += 1;
        match c {
            '{' => open += 1,
            '}' => {
                open -= 1;
                if open == 0 {
                    return Ok(Field {
                        name,
                        conversion,
                        spec: &template[spec_start..*i - 1],
                    });
                }
            }
            _ => {}
        }
    }
    value_error("unmatched '{' in format spec".into())
}

/// The value a field name selects: an argument (by automatic number, index or keyword),
/// then each `.attribute` and `[index]` of the name in turn.
fn field_value(name: &[char], args: &Source, numbering: &mut Numbering) -> PyResult<Value> {
    let first_end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first: String = name[..first_end].iter().collect();
    let mut value = if first.is_empty() {
        let index =
            match *numbering {
                Numbering::Manual => return value_error(
                    "cannot switch from manual field specification to automatic field numbering"
                        .into(),
                ),
                Numbering::Unknown => 0,
                Numbering::Automatic(next) => next,
            };
        *numbering = Numbering::Automatic(index + 1);
        positional(args, index)?
    } else if let Some(index) = decimal(&first)? {
        if matches!(numbering, Numbering::Automatic(_)) {
            return value_error(
                "cannot switch from automatic field numbering to manual field specification".into(),
            );
        }
        *numbering = Numbering::Manual;
        positional(args, index)?
    } else {
        keyword_arg(args, &first)?
    };
    let mut i = first_end;
    while i < name.len() {
        let c = name[i];
        i += 1;
        if c == '.' {
            let end = name[i..]
                .iter()
                .position(|&c| c == '.' || c == '[')
                .map_or(name.len(), |n| i + n);
            if end == i {
                return value_error("Empty attribute in format string".into());
            }
            let attribute: String = name[i..end].iter().collect();
            value = crate::runtime::attr::get_attr(value, StrObj::new(&attribute))?;
            i = end;
        } else {
            let Some(close) = name[i..].iter().position(|&c| c == ']').map(|n| i + n) else {
                return value_error("Missing ']' in format string".into());
            };
            if close == i {
                return value_error("Empty attribute in format string".into());
            }
            let key: String = name[i..close].iter().collect();
            let key = match decimal(&key)? {
                Some(index) => new_int(index as i64),
                None => new_str(&key),
            };
            value = crate::runtime::ops::get_item(value, key)?;
            i = close + 1;
            if i < name.len() && !matches!(name[i], '.' | '[') {
                return value_error(
                    "Only '.' or '[' may follow ']' in format field specifier".into(),
                );
            }
        }
    }
    Ok(value)
}

/// The number `text` spells when it is all ASCII digits.
fn decimal(text: &str) -> PyResult<Option<usize>> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    match text.parse::<usize>() {
        Ok(n) if n <= isize::MAX as usize => Ok(Some(n)),
        _ => value_error("Too many decimal digits in format string".into()),
    }
}

fn positional(source: &Source, index: usize) -> PyResult<Value> {
    match source {
        Source::Call(args) if index < args.npos => Ok(args.get(index)),
        Source::Mapping(_) => value_error("Format string contains positional fields".into()),
        Source::Call(_) => Err(exception(
            TypeId::IndexError,
            &format!("Replacement index {index} out of range for positional args tuple"),
        )),
    }
}

fn keyword_arg(source: &Source, name: &str) -> PyResult<Value> {
    let args = match source {
        Source::Call(args) => args,
        Source::Mapping(mapping) => return crate::runtime::ops::get_item(*mapping, new_str(name)),
    };
    if let Some(kwnames) = args.kwnames {
        for k in 0..kwnames.items.len() {
            if to_str(kwnames.items.get(k))? == name {
                return Ok(args.array.get(args.start + args.npos + k));
            }
        }
    }
    Err(crate::runtime::exceptions::key_error(new_str(name)))
}
