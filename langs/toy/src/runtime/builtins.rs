//! The built-in functions: `print`, `len`, `push`, `pop`, `str`, `int`, `float`, `type`.

use std::cell::RefCell;
use std::io::Write;

use jitgen_core::gc::{Gc, GcArray};

use crate::runtime::format::{to_display, type_name};
use crate::runtime::objects::{ArrayObj, Ctx, FloatObj, IntObj, StrObj, Value};
use crate::runtime::values::{new_float, new_int, new_str, runtime_error, ToyResult};

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i64)]
pub enum Builtin {
    /// `print(a, ...)`: prints its arguments separated by spaces.
    Print,
    /// `len(x)`: length of a string (in chars) or an array.
    Len,
    /// `push(array, value)`: appends.
    Push,
    /// `pop(array)`: removes and returns the last item.
    Pop,
    /// `str(x)`: the text `print` would show.
    Str,
    /// `int(x)`: from an int, a float (truncating) or a string.
    Int,
    /// `float(x)`: from an int, a float or a string.
    Float,
    /// `type(x)`: the type name.
    Type,
}

impl Builtin {
    /// Every built-in, in id order.
    pub const ALL: [Builtin; 8] = [
        Builtin::Print,
        Builtin::Len,
        Builtin::Push,
        Builtin::Pop,
        Builtin::Str,
        Builtin::Int,
        Builtin::Float,
        Builtin::Type,
    ];

    /// The built-in with this id.
    pub fn from_id(id: i64) -> Option<Builtin> {
        usize::try_from(id)
            .ok()
            .and_then(|i| Builtin::ALL.get(i).copied())
    }

    /// Its global name.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Print => "print",
            Builtin::Len => "len",
            Builtin::Push => "push",
            Builtin::Pop => "pop",
            Builtin::Str => "str",
            Builtin::Int => "int",
            Builtin::Float => "float",
            Builtin::Type => "type",
        }
    }

    /// Number of arguments, `None` for any.
    fn arity(self) -> Option<usize> {
        match self {
            Builtin::Print => None,
            Builtin::Push => Some(2),
            _ => Some(1),
        }
    }
}

thread_local! {
    /// Where `print` writes: the running program's standard output.
    static OUTPUT: RefCell<Option<Box<dyn Write>>> = const { RefCell::new(None) };
}

/// Sets the writer `print` uses on this thread; returns the previous one.
pub fn set_output(out: Option<Box<dyn Write>>) -> Option<Box<dyn Write>> {
    OUTPUT.with(|o| std::mem::replace(&mut *o.borrow_mut(), out))
}

/// Calls built-in `id` with `args` (copied out of the caller's stack).
#[jitgen_core::dont_look_inside]
pub fn call_builtin(ctx: Gc<Ctx>, id: i64, args: Gc<GcArray<Value>>) -> ToyResult<Value> {
    let builtin =
        Builtin::from_id(id).ok_or_else(|| runtime_error(format!("unknown builtin {id}")))?;
    let argc = args.len();
    if let Some(arity) = builtin.arity() {
        if argc != arity {
            return Err(runtime_error(format!(
                "wrong number of arguments: {} expects {arity}, got {argc}",
                builtin.name()
            )));
        }
    }
    let arg = |i: usize| args.get(i);
    match builtin {
        Builtin::Print => {
            let mut line = String::new();
            for i in 0..argc {
                if i > 0 {
                    line.push(' ');
                }
                line.push_str(&to_display(arg(i)));
            }
            line.push('\n');
            OUTPUT
                .with(|o| match o.borrow_mut().as_mut() {
                    Some(out) => out.write_all(line.as_bytes()),
                    None => std::io::stdout().write_all(line.as_bytes()),
                })
                .map_err(|e| runtime_error(format!("cannot write output: {e}")))?;
            Ok(ctx.nil)
        }
        Builtin::Len => {
            let x = arg(0);
            if let Some(s) = x.downcast::<StrObj>() {
                Ok(new_int(s.value.chars().count() as i64))
            } else if let Some(a) = x.downcast::<ArrayObj>() {
                Ok(new_int(a.items.len() as i64))
            } else {
                Err(runtime_error(format!(
                    "len() of unsupported type: {}",
                    type_name(x)
                )))
            }
        }
        Builtin::Push => {
            let array = expect_array(builtin, arg(0))?;
            array.items.push(arg(1));
            Ok(ctx.nil)
        }
        Builtin::Pop => {
            let array = expect_array(builtin, arg(0))?;
            array
                .items
                .pop()
                .ok_or_else(|| runtime_error("pop from empty array".into()))
        }
        Builtin::Str => Ok(new_str(&to_display(arg(0)))),
        Builtin::Int => to_int(arg(0)),
        Builtin::Float => to_float(arg(0)),
        Builtin::Type => Ok(new_str(&type_name(arg(0)))),
    }
}

fn expect_array(builtin: Builtin, value: Value) -> ToyResult<Gc<ArrayObj>> {
    value.downcast::<ArrayObj>().ok_or_else(|| {
        runtime_error(format!(
            "{}() expects an array, got {}",
            builtin.name(),
            type_name(value)
        ))
    })
}

fn to_int(x: Value) -> ToyResult<Value> {
    if x.is::<IntObj>() {
        return Ok(x);
    }
    if let Some(f) = x.downcast::<FloatObj>() {
        if f.value.is_nan() || f.value.is_infinite() {
            return Err(runtime_error(format!(
                "cannot convert {} to int",
                crate::runtime::format::float_repr(f.value)
            )));
        }
        let truncated = f.value.trunc();
        // i64's range is [-2^63, 2^63): 2^63 itself does not fit.
        const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
        if !(-TWO_POW_63..TWO_POW_63).contains(&truncated) {
            return Err(runtime_error("integer overflow".into()));
        }
        return Ok(new_int(truncated as i64));
    }
    if let Some(s) = x.downcast::<StrObj>() {
        return s
            .value
            .trim()
            .parse::<i64>()
            .map(new_int)
            .map_err(|_| runtime_error(format!("invalid int: \"{}\"", s.value)));
    }
    Err(runtime_error(format!(
        "cannot convert {} to int",
        type_name(x)
    )))
}

fn to_float(x: Value) -> ToyResult<Value> {
    if x.is::<FloatObj>() {
        return Ok(x);
    }
    if let Some(i) = x.downcast::<IntObj>() {
        return Ok(new_float(i.value as f64));
    }
    if let Some(s) = x.downcast::<StrObj>() {
        let text = s.value.trim();
        let parsed = match text.to_ascii_lowercase().trim_start_matches(['+', '-']) {
            "inf" | "infinity" | "nan" => text.parse::<f64>().ok(),
            _ if text
                .chars()
                .all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) =>
            {
                text.parse::<f64>().ok()
            }
            _ => None,
        };
        return parsed
            .map(new_float)
            .ok_or_else(|| runtime_error(format!("invalid float: \"{}\"", s.value)));
    }
    Err(runtime_error(format!(
        "cannot convert {} to float",
        type_name(x)
    )))
}
