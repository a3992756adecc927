//! The built-in functions: `print`, `len`, `push`, `pop`, `str`, `int`, `float`, `type`,
//! `clock`, `args`, the math functions (`math`), string helpers (`text`) and dict helpers
//! (`dict`).

use std::cell::RefCell;
use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use jitgen_core::gc::{Gc, GcArray, GcVec};

use crate::runtime::format::{to_display, type_name};
use crate::runtime::math::call_math;
use crate::runtime::objects::{
    ArrayObj, Ctx, DictObj, ErrorObj, FloatObj, Frame, IntObj, StrObj, Value,
};
use crate::runtime::values::{float_to_int, new_float, new_int, new_str, runtime_error, ToyResult};
use crate::runtime::{dict, text};

/// A built-in function. The math functions (`Sqrt` to `Max`) are consecutive, so
/// [`is_math`] is a range test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i64)]
pub enum Builtin {
    /// `print(a, ...)`: prints its arguments separated by spaces.
    Print,
    /// `len(x)`: length of a string (in chars), an array or a dict.
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
    /// `clock()`: monotonic seconds, as a float.
    Clock,
    /// `args()`: the command-line arguments after the program's file name.
    Args,
    /// `sqrt(x)`.
    Sqrt,
    /// `sin(x)`.
    Sin,
    /// `cos(x)`.
    Cos,
    /// `tan(x)`.
    Tan,
    /// `asin(x)`.
    Asin,
    /// `acos(x)`.
    Acos,
    /// `atan(x)`.
    Atan,
    /// `exp(x)`.
    Exp,
    /// `log(x)`: the natural logarithm.
    Log,
    /// `atan2(y, x)`.
    Atan2,
    /// `pow(x, y)`: `x` to the power `y`, as floats.
    Pow,
    /// `hypot(x, y)`.
    Hypot,
    /// `floor(x)`: the largest int not above `x`.
    Floor,
    /// `ceil(x)`: the smallest int not below `x`.
    Ceil,
    /// `abs(x)`.
    Abs,
    /// `min(a, b)`.
    Min,
    /// `max(a, b)`.
    Max,
    /// `ord(c)`: the code point of a one-character string.
    Ord,
    /// `chr(n)`: the one-character string of a code point.
    Chr,
    /// `slice(x, start, end)`: part of a string or an array.
    Slice,
    /// `join(array, sep)`: strings joined with a separator.
    Join,
    /// `split(s, sep)`: a string cut at each separator.
    Split,
    /// `keys(d)`: a dict's keys, in insertion order.
    Keys,
    /// `values(d)`: a dict's values, in insertion order.
    Values,
    /// `get(d, key, default)`: the value under `key`, or `default`.
    Get,
    /// `remove(d, key)`: deletes `key`, returns its value.
    Remove,
}

impl Builtin {
    /// Every built-in, in id order.
    pub const ALL: [Builtin; 36] = [
        Builtin::Print,
        Builtin::Len,
        Builtin::Push,
        Builtin::Pop,
        Builtin::Str,
        Builtin::Int,
        Builtin::Float,
        Builtin::Type,
        Builtin::Clock,
        Builtin::Args,
        Builtin::Sqrt,
        Builtin::Sin,
        Builtin::Cos,
        Builtin::Tan,
        Builtin::Asin,
        Builtin::Acos,
        Builtin::Atan,
        Builtin::Exp,
        Builtin::Log,
        Builtin::Atan2,
        Builtin::Pow,
        Builtin::Hypot,
        Builtin::Floor,
        Builtin::Ceil,
        Builtin::Abs,
        Builtin::Min,
        Builtin::Max,
        Builtin::Ord,
        Builtin::Chr,
        Builtin::Slice,
        Builtin::Join,
        Builtin::Split,
        Builtin::Keys,
        Builtin::Values,
        Builtin::Get,
        Builtin::Remove,
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
            Builtin::Clock => "clock",
            Builtin::Args => "args",
            Builtin::Sqrt => "sqrt",
            Builtin::Sin => "sin",
            Builtin::Cos => "cos",
            Builtin::Tan => "tan",
            Builtin::Asin => "asin",
            Builtin::Acos => "acos",
            Builtin::Atan => "atan",
            Builtin::Exp => "exp",
            Builtin::Log => "log",
            Builtin::Atan2 => "atan2",
            Builtin::Pow => "pow",
            Builtin::Hypot => "hypot",
            Builtin::Floor => "floor",
            Builtin::Ceil => "ceil",
            Builtin::Abs => "abs",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Ord => "ord",
            Builtin::Chr => "chr",
            Builtin::Slice => "slice",
            Builtin::Join => "join",
            Builtin::Split => "split",
            Builtin::Keys => "keys",
            Builtin::Values => "values",
            Builtin::Get => "get",
            Builtin::Remove => "remove",
        }
    }

    /// Number of arguments, `None` for any.
    fn arity(self) -> Option<usize> {
        match self {
            Builtin::Print => None,
            Builtin::Clock | Builtin::Args => Some(0),
            Builtin::Push
            | Builtin::Atan2
            | Builtin::Pow
            | Builtin::Hypot
            | Builtin::Min
            | Builtin::Max
            | Builtin::Join
            | Builtin::Split
            | Builtin::Remove => Some(2),
            Builtin::Slice | Builtin::Get => Some(3),
            _ => Some(1),
        }
    }
}

/// The id of the first math function.
const FIRST_MATH: i64 = Builtin::Sqrt as i64;
/// The id of the last math function.
const LAST_MATH: i64 = Builtin::Max as i64;

/// Whether built-in `id` is a math function (handled by `math::call_math`).
// Comparisons, not `contains`: the JIT sees them as two integer compares.
#[allow(clippy::manual_range_contains)]
#[jitgen_core::look_inside]
pub fn is_math(id: i64) -> bool {
    id >= FIRST_MATH && id <= LAST_MATH
}

/// The number of arguments built-in `id` takes (-1: any).
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
pub fn builtin_arity(id: i64) -> i64 {
    Builtin::from_id(id)
        .and_then(Builtin::arity)
        .map_or(-1, |n| n as i64)
}

/// The error of calling built-in `id` with `argc` arguments.
#[jitgen_core::dont_look_inside]
pub fn builtin_arity_error(id: i64, argc: usize) -> Gc<ErrorObj> {
    let builtin = Builtin::from_id(id);
    runtime_error(format!(
        "wrong number of arguments: {} expects {}, got {argc}",
        builtin.map_or("?", Builtin::name),
        builtin_arity(id)
    ))
}

thread_local! {
    /// Where `print` writes: the running program's standard output.
    static OUTPUT: RefCell<Option<Box<dyn Write>>> = const { RefCell::new(None) };
    /// What `args()` returns: the command-line arguments after the program's file name.
    static PROGRAM_ARGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The instant `clock()` counts from (the first call).
static CLOCK_START: OnceLock<Instant> = OnceLock::new();

/// Sets the writer `print` uses on this thread; returns the previous one.
pub fn set_output(out: Option<Box<dyn Write>>) -> Option<Box<dyn Write>> {
    OUTPUT.with(|o| std::mem::replace(&mut *o.borrow_mut(), out))
}

/// Sets what `args()` returns on this thread.
pub fn set_program_args(args: Vec<String>) {
    PROGRAM_ARGS.with(|a| *a.borrow_mut() = args);
}

/// `len`'s id.
const LEN: i64 = Builtin::Len as i64;
/// `ord`'s id.
const ORD: i64 = Builtin::Ord as i64;

/// Calls built-in `id` with the `argc` arguments found at `frame.slots[args..]`. Math
/// functions are staged (see `math`), and so are `len` of a string or an array and `ord` of a
/// one-byte string (reads of their fields); the others are one residual call, given up to
/// [`FEW_ARGS`] arguments as they are (more in a new array).
#[jitgen_core::look_inside]
pub fn call_builtin(
    frame: Gc<Frame>,
    ctx: Gc<Ctx>,
    id: i64,
    args: usize,
    argc: usize,
) -> ToyResult<Value> {
    if argc == 1 && (id == LEN || id == ORD) {
        let x = frame.slots.get(args);
        if let Some(s) = x.downcast::<StrObj>() {
            if id == LEN {
                return Ok(new_int(s.chars));
            }
            if s.bytes.len() == 1 {
                return Ok(new_int(s.bytes.get(0) as i64));
            }
        }
        if id == LEN {
            if let Some(a) = x.downcast::<ArrayObj>() {
                return Ok(new_int(a.items.len() as i64));
            }
        }
    }
    let mut x = ctx.nil;
    let mut y = ctx.nil;
    let mut z = ctx.nil;
    if argc > 0 {
        x = frame.slots.get(args);
    }
    if argc > 1 {
        y = frame.slots.get(args + 1);
    }
    if is_math(id) {
        return call_math(ctx, id, argc, x, y);
    }
    if argc <= FEW_ARGS {
        if argc > 2 {
            z = frame.slots.get(args + 2);
        }
        return call_builtin_few(ctx, id, argc, x, y, z);
    }
    let array = GcArray::new(argc, ctx.nil);
    let mut i = 0;
    while i < argc {
        array.set(i, frame.slots.get(args + i));
        i += 1;
    }
    call_builtin_many(ctx, id, array)
}

/// The most arguments a built-in call passes as they are (more go in an array).
const FEW_ARGS: usize = 3;

/// Calls built-in `id` with `argc <= FEW_ARGS` arguments: the first `argc` of `x, y, z`.
#[jitgen_core::dont_look_inside]
fn call_builtin_few(
    ctx: Gc<Ctx>,
    id: i64,
    argc: usize,
    x: Value,
    y: Value,
    z: Value,
) -> ToyResult<Value> {
    run_builtin(ctx, id, &Args::Few([x, y, z], argc))
}

/// Calls built-in `id` with `args` (copied out of the caller's stack).
#[jitgen_core::dont_look_inside]
fn call_builtin_many(ctx: Gc<Ctx>, id: i64, args: Gc<GcArray<Value>>) -> ToyResult<Value> {
    run_builtin(ctx, id, &Args::Many(args))
}

/// The arguments of a built-in call: a few as they are (the first `.1` of them), or an array.
enum Args {
    Few([Value; FEW_ARGS], usize),
    Many(Gc<GcArray<Value>>),
}

impl Args {
    fn len(&self) -> usize {
        match self {
            Args::Few(_, argc) => *argc,
            Args::Many(array) => array.len(),
        }
    }

    fn get(&self, i: usize) -> Value {
        match self {
            Args::Few(values, _) => values[i],
            Args::Many(array) => array.get(i),
        }
    }
}

/// Runs built-in `id` on `args`.
fn run_builtin(ctx: Gc<Ctx>, id: i64, args: &Args) -> ToyResult<Value> {
    let builtin =
        Builtin::from_id(id).ok_or_else(|| runtime_error(format!("unknown builtin {id}")))?;
    let argc = args.len();
    if let Some(arity) = builtin.arity() {
        if argc != arity {
            return Err(builtin_arity_error(id, argc));
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
                Ok(new_int(s.chars))
            } else if let Some(a) = x.downcast::<ArrayObj>() {
                Ok(new_int(a.items.len() as i64))
            } else if let Some(d) = x.downcast::<DictObj>() {
                Ok(new_int(d.table.len() as i64))
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
        Builtin::Clock => {
            let start = *CLOCK_START.get_or_init(Instant::now);
            Ok(new_float(start.elapsed().as_secs_f64()))
        }
        Builtin::Args => {
            let items = GcVec::new();
            PROGRAM_ARGS.with(|a| {
                for arg in a.borrow().iter() {
                    items.push(new_str(arg));
                }
            });
            Ok(Gc::new(ArrayObj { items }).erase())
        }
        Builtin::Ord => text::ord(arg(0)),
        Builtin::Chr => text::chr(ctx, arg(0)),
        Builtin::Slice => text::slice(arg(0), arg(1), arg(2)),
        Builtin::Join => text::join(arg(0), arg(1)),
        Builtin::Split => text::split(arg(0), arg(1)),
        Builtin::Keys => dict::keys(builtin, arg(0)),
        Builtin::Values => dict::values(builtin, arg(0)),
        Builtin::Get => dict::get_or(builtin, arg(0), arg(1), arg(2)),
        Builtin::Remove => dict::remove(builtin, arg(0), arg(1)),
        // The math functions, when not reached through `call_builtin`.
        _ => call_math(
            ctx,
            id,
            argc,
            arg(0),
            if argc > 1 { arg(1) } else { ctx.nil },
        ),
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
        return Ok(new_int(float_to_int(f.value)?));
    }
    if let Some(s) = x.downcast::<StrObj>() {
        return s
            .as_str()
            .trim()
            .parse::<i64>()
            .map(new_int)
            .map_err(|_| runtime_error(format!("invalid int: \"{}\"", s.as_str())));
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
        let text = s.as_str().trim();
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
            .ok_or_else(|| runtime_error(format!("invalid float: \"{}\"", s.as_str())));
    }
    Err(runtime_error(format!(
        "cannot convert {} to float",
        type_name(x)
    )))
}
