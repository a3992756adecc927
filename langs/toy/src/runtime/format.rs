//! How values print: `str(x)` and `print`, with floats formatted like Python's `repr`.

use std::fmt::Write as _;

use jitgen_core::gc::Gc;

use crate::runtime::builtins::Builtin;
use crate::runtime::objects::{
    ArrayObj, BoolObj, BuiltinObj, ClassObj, DictObj, FloatObj, FunctionObj, InstanceObj, IntObj,
    NilObj, StrObj, Value,
};

/// The type name `type(x)` returns (the class name for instances).
#[jitgen_core::dont_look_inside]
pub fn type_name(value: Value) -> String {
    if value.is::<IntObj>() {
        "int".into()
    } else if value.is::<FloatObj>() {
        "float".into()
    } else if value.is::<BoolObj>() {
        "bool".into()
    } else if value.is::<NilObj>() {
        "nil".into()
    } else if value.is::<StrObj>() {
        "str".into()
    } else if value.is::<ArrayObj>() {
        "array".into()
    } else if value.is::<DictObj>() {
        "dict".into()
    } else if value.is::<FunctionObj>() || value.is::<BuiltinObj>() {
        "function".into()
    } else if value.is::<ClassObj>() {
        "class".into()
    } else if let Some(instance) = value.downcast::<InstanceObj>() {
        instance.class.name.as_str().to_string()
    } else {
        value.type_info().name.to_string()
    }
}

/// The text `print` shows for `value` (strings raw).
#[jitgen_core::dont_look_inside]
pub fn to_display(value: Value) -> String {
    match value.downcast::<StrObj>() {
        Some(s) => s.as_str().to_string(),
        None => {
            let mut out = String::new();
            write_repr(&mut out, value, &mut Vec::new());
            out
        }
    }
}

/// The text `value` shows inside an array (strings quoted).
pub fn to_repr(value: Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, value, &mut Vec::new());
    out
}

/// Writes `value` as it appears inside an array (strings quoted). `open` holds the arrays
/// being printed, so a self-containing array prints as `[...]` instead of recursing forever.
fn write_repr(out: &mut String, value: Value, open: &mut Vec<usize>) {
    if let Some(i) = value.downcast::<IntObj>() {
        let _ = write!(out, "{}", i.value);
    } else if let Some(f) = value.downcast::<FloatObj>() {
        out.push_str(&float_repr(f.value));
    } else if let Some(b) = value.downcast::<BoolObj>() {
        out.push_str(if b.value { "true" } else { "false" });
    } else if value.is::<NilObj>() {
        out.push_str("nil");
    } else if let Some(s) = value.downcast::<StrObj>() {
        write_quoted(out, s.as_str());
    } else if let Some(array) = value.downcast::<ArrayObj>() {
        write_array(out, array, open);
    } else if let Some(dict) = value.downcast::<DictObj>() {
        write_dict(out, dict, open);
    } else if let Some(f) = value.downcast::<FunctionObj>() {
        let _ = write!(out, "<fn {}>", f.code.name.as_str());
    } else if let Some(b) = value.downcast::<BuiltinObj>() {
        let _ = write!(
            out,
            "<fn {}>",
            Builtin::from_id(b.id).map_or("?", Builtin::name)
        );
    } else if let Some(c) = value.downcast::<ClassObj>() {
        let _ = write!(out, "<class {}>", c.name.as_str());
    } else if let Some(instance) = value.downcast::<InstanceObj>() {
        let _ = write!(out, "<{} instance>", instance.class.name.as_str());
    } else {
        let _ = write!(out, "<{}>", value.type_info().name);
    }
}

fn write_array(out: &mut String, array: Gc<ArrayObj>, open: &mut Vec<usize>) {
    if open.contains(&array.addr()) {
        out.push_str("[...]");
        return;
    }
    open.push(array.addr());
    out.push('[');
    for i in 0..array.items.len() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(out, array.items.get(i), open);
    }
    out.push(']');
    open.pop();
}

fn write_dict(out: &mut String, dict: Gc<DictObj>, open: &mut Vec<usize>) {
    if open.contains(&dict.addr()) {
        out.push_str("{...}");
        return;
    }
    open.push(dict.addr());
    out.push('{');
    let mut first = true;
    for slot in 0..dict.table.entry_slots() {
        if let Some((key, value)) = dict.table.entry_at(slot) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            write_repr(out, key, open);
            out.push_str(": ");
            write_repr(out, value, open);
        }
    }
    out.push('}');
    open.pop();
}

fn write_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Formats a float the way Python's `repr` does: the shortest digits that read back to the
/// same value, positional for exponents -4..16, scientific (`1e+20`, `2.5e-05`) otherwise.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // `{:e}` gives the shortest round-trip digits: `d.ddde±x`.
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exponent) {
        if exponent >= 0 {
            let int_len = exponent as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.push_str(&"0".repeat(int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.push_str(&"0".repeat((-exponent - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{:02}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn floats_print_like_python_repr() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (2.5e-5, "2.5e-05"),
            (1e20, "1e+20"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123.456, "123.456"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-1.5, "-1.5"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-0.0, "-0.0"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ];
        for (x, expected) in cases {
            assert_eq!(float_repr(x), expected, "repr of {x:?}");
        }
    }
}
