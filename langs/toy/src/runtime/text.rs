//! String built-ins (`ord`, `chr`, `slice`, `join`, `split`) and the `in` operator.
//! Strings are sequences of characters (Unicode scalar values), as `len` counts them.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::dict::dict_contains;
use crate::runtime::format::type_name;
use crate::runtime::objects::{ArrayObj, Ctx, DictObj, IntObj, StrObj, Value};
use crate::runtime::values::{new_int, new_str, runtime_error, values_equal, ToyResult};

/// The string argument `what` of `function`, else its error.
fn expect_str(function: &str, what: &str, value: Value) -> ToyResult<Gc<StrObj>> {
    value.downcast::<StrObj>().ok_or_else(|| {
        runtime_error(format!(
            "{function}() expects a string {what}, got {}",
            type_name(value)
        ))
    })
}

/// The int argument `what` of `function`, else its error.
fn expect_int(function: &str, what: &str, value: Value) -> ToyResult<i64> {
    value.downcast::<IntObj>().map(|i| i.value).ok_or_else(|| {
        runtime_error(format!(
            "{function}() expects an int {what}, got {}",
            type_name(value)
        ))
    })
}

/// `ord(c)`: the code point of a one-character string.
pub fn ord(value: Value) -> ToyResult<Value> {
    let s = expect_str("ord", "argument", value)?;
    let mut chars = s.as_str().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(new_int(i64::from(u32::from(c)))),
        _ => Err(runtime_error(format!(
            "ord() expects one character, got a string of length {}",
            s.chars
        ))),
    }
}

/// `chr(n)`: the one-character string of code point `n`.
pub fn chr(ctx: Gc<Ctx>, value: Value) -> ToyResult<Value> {
    let n = expect_int("chr", "argument", value)?;
    if let Some(ascii) = usize::try_from(n)
        .ok()
        .and_then(|n| ctx.ascii_chars.try_get(n))
    {
        return Ok(ascii);
    }
    u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .map(|c| new_str(c.encode_utf8(&mut [0; 4])))
        .ok_or_else(|| runtime_error(format!("chr() argument out of range: {n}")))
}

/// Python's slice bounds: negative indexes count from the end, then both are clamped to
/// `0..=len`; an empty range if `end <= start`.
fn slice_bounds(start: i64, end: i64, len: usize) -> (usize, usize) {
    let len = len as i64;
    let clamp = |i: i64| (if i < 0 { i + len } else { i }).clamp(0, len) as usize;
    let (start, end) = (clamp(start), clamp(end));
    (start, end.max(start))
}

/// `slice(x, start, end)` on a string or an array: a new string or array.
pub fn slice(value: Value, start: Value, end: Value) -> ToyResult<Value> {
    let start = expect_int("slice", "start", start)?;
    let end = expect_int("slice", "end", end)?;
    if let Some(s) = value.downcast::<StrObj>() {
        let (from, to) = slice_bounds(start, end, s.chars as usize);
        return Ok(new_str(s.char_slice(from, to)));
    }
    if let Some(array) = value.downcast::<ArrayObj>() {
        let (from, to) = slice_bounds(start, end, array.items.len());
        let items = GcVec::with_capacity(to - from);
        for i in from..to {
            items.push(array.items.get(i));
        }
        return Ok(Gc::new(ArrayObj { items }).erase());
    }
    Err(runtime_error(format!(
        "slice() expects a string or an array, got {}",
        type_name(value)
    )))
}

/// `join(array, sep)`: the array's strings with `sep` between them.
pub fn join(array: Value, sep: Value) -> ToyResult<Value> {
    let sep = expect_str("join", "separator", sep)?;
    let Some(array) = array.downcast::<ArrayObj>() else {
        return Err(runtime_error(format!(
            "join() expects an array, got {}",
            type_name(array)
        )));
    };
    let mut text = String::new();
    for i in 0..array.items.len() {
        if i > 0 {
            text.push_str(sep.as_str());
        }
        text.push_str(expect_str("join", "item", array.items.get(i))?.as_str());
    }
    Ok(new_str(&text))
}

/// `split(s, sep)`: the pieces of `s` between occurrences of the non-empty `sep`.
pub fn split(s: Value, sep: Value) -> ToyResult<Value> {
    let s = expect_str("split", "argument", s)?;
    let sep = expect_str("split", "separator", sep)?;
    if sep.as_str().is_empty() {
        return Err(runtime_error("split() separator is empty".into()));
    }
    let items = GcVec::new();
    for piece in s.as_str().split(sep.as_str()) {
        items.push(new_str(piece));
    }
    Ok(Gc::new(ArrayObj { items }).erase())
}

/// `item in container`: a key of a dict, an item of an array (by `==`), a substring of a
/// string.
#[jitgen_core::dont_look_inside]
pub fn contains(item: Value, container: Value) -> ToyResult<bool> {
    if let Some(dict) = container.downcast::<DictObj>() {
        return Ok(dict_contains(dict, item));
    }
    if let Some(array) = container.downcast::<ArrayObj>() {
        return Ok((0..array.items.len()).any(|i| values_equal(array.items.get(i), item)));
    }
    if let Some(s) = container.downcast::<StrObj>() {
        let Some(sub) = item.downcast::<StrObj>() else {
            return Err(runtime_error(format!(
                "`in` on a string needs a string on the left, got {}",
                type_name(item)
            )));
        };
        return Ok(s.as_str().contains(sub.as_str()));
    }
    Err(runtime_error(format!(
        "`in` needs a dict, an array or a string on the right, got {}",
        type_name(container)
    )))
}
