//! `bytes` (immutable) and `bytearray` (mutable): construction, CPython's repr, indexing
//! and slicing, item and slice assignment, `in`, `+`/`*`, comparisons and the methods,
//! with CPython's error messages, and `int.to_bytes`/`int.from_bytes`. Both are
//! "bytes-like": wherever one is accepted the other is too, and a result has the
//! receiver's type.

use jitgen_core::gc::{Gc, GcImmutableArray, GcVec};

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::builtins::{arity, bind, builtin_name, Builtin};
use crate::runtime::call::Args;
use crate::runtime::iter::{get_iter, next};
use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::seq::search_bounds;
use crate::runtime::seq::{index_value, normalize, slice_indices};
use crate::runtime::values::*;

/// A bytes object of `data`.
pub fn new_bytes(data: &[u8]) -> Value {
    Gc::new(BytesObj {
        data: GcImmutableArray::from_slice(data),
    })
    .erase()
}

/// A bytearray of `data`.
pub fn new_bytearray(data: &[u8]) -> Value {
    Gc::new(ByteArrayObj {
        data: GcVec::from_slice(data),
    })
    .erase()
}

/// A bytes object, or a bytearray when `mutable`.
fn new_of_kind(data: &[u8], mutable: bool) -> Value {
    if mutable {
        new_bytearray(data)
    } else {
        new_bytes(data)
    }
}

/// The contents of a bytes or bytearray (`None` for other values).
pub fn bytes_of(value: Value) -> Option<Vec<u8>> {
    if let Some(b) = value.downcast::<BytesObj>() {
        return Some(b.data.as_slice().to_vec());
    }
    let array = value.downcast::<ByteArrayObj>()?;
    Some((0..array.data.len()).map(|i| array.data.get(i)).collect())
}

/// Whether a value is a bytes or a bytearray.
pub fn is_bytes_like(value: Value) -> bool {
    value.is::<BytesObj>() || value.is::<ByteArrayObj>()
}

/// The contents of a bytes-like argument (a derived instance's value's), or CPython's
/// `TypeError`.
fn bytes_arg(value: Value) -> PyResult<Vec<u8>> {
    bytes_of(crate::runtime::derived::builtin_value(value)).map_or_else(
        || {
            type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(value)
            ))
        },
        Ok,
    )
}

/// The length of a bytes or bytearray.
pub fn len(value: Value) -> Option<i64> {
    if let Some(b) = value.downcast::<BytesObj>() {
        return Some(b.data.len() as i64);
    }
    value
        .downcast::<ByteArrayObj>()
        .map(|a| a.data.len() as i64)
}

/// `b'...'` as CPython writes it: single quotes unless the bytes hold a `'` and no `"`,
/// `\t`, `\n`, `\r`, `\\` and `\xhh` for other bytes outside printable ASCII
/// (`escape_single`: `'` escaped whatever the quotes, as in a bytearray's repr).
pub fn repr_bytes(data: &[u8], escape_single: bool) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &byte in data {
        match byte {
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\\' => out.push_str("\\\\"),
            // A bytearray's repr escapes `'` even between double quotes.
            b'\'' if escape_single => out.push_str("\\'"),
            _ if char::from(byte) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr()` of a bytes or bytearray.
pub fn repr(value: Value) -> Option<String> {
    let data = bytes_of(value)?;
    Some(if value.is::<ByteArrayObj>() {
        format!("bytearray({})", repr_bytes(&data, true))
    } else {
        repr_bytes(&data, false)
    })
}

/// A byte value: an int in `range(0, 256)`.
fn byte_value(value: Value, message: &str) -> PyResult<u8> {
    match as_num(value) {
        Some(Num::Int(i)) if (0..256).contains(&i) => Ok(i as u8),
        Some(Num::Int(_) | Num::Big(_)) => value_error(message.into()),
        _ => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(value)
        )),
    }
}

/// The bytes of an iterable of ints (each in `range(0, 256)`).
fn from_ints(iterable: Value) -> PyResult<Vec<u8>> {
    let iterator = get_iter(iterable)?;
    let mut out = Vec::new();
    while let Some(item) = next(iterator)? {
        out.push(byte_value(item, "bytes must be in range(0, 256)")?);
    }
    Ok(out)
}

/// `bytes(...)` / `bytearray(...)`: empty, `n` zero bytes, a str with an encoding, a
/// bytes-like copy or an iterable of ints.
pub fn construct(args: Args, mutable: bool) -> PyResult<Value> {
    let name = if mutable { "bytearray" } else { "bytes" };
    let [source, encoding, errors] = bind(name, &args, ["source", "encoding", "errors"], 3)?;
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            return type_error(if encoding.is_some() {
                "encoding without a string argument".into()
            } else {
                "errors without a string argument".into()
            });
        }
        return Ok(new_of_kind(&[], mutable));
    };
    if let Some(text) = source.downcast::<StrObj>() {
        let Some(encoding) = encoding else {
            return type_error("string argument without an encoding".into());
        };
        let encoding = str_arg(encoding, name, "encoding")?;
        let errors = match errors {
            Some(e) => str_arg(e, name, "errors")?,
            None => "strict".into(),
        };
        let data = crate::runtime::codecs::encode(text.as_str(), &encoding, &errors)?;
        return Ok(new_of_kind(&data, mutable));
    }
    if encoding.is_some() {
        return type_error("encoding without a string argument".into());
    }
    if errors.is_some() {
        return type_error("errors without a string argument".into());
    }
    let data = if let Some(data) = bytes_of(source) {
        data
    } else if let Some(num) = as_num(source).filter(|_| !source.is::<FloatObj>()) {
        match num {
            Num::Int(n) if n < 0 => return value_error("negative count".into()),
            Num::Int(n) if n <= 1 << 28 => vec![0; n as usize],
            _ => return Err(exception(TypeId::MemoryError, "")),
        }
    } else if get_iter(source).is_err() {
        return type_error(format!(
            "cannot convert '{}' object to {name}",
            type_name(source)
        ));
    } else {
        from_ints(source)?
    };
    Ok(new_of_kind(&data, mutable))
}

/// A str argument of a method.
fn str_arg(value: Value, function: &str, what: &str) -> PyResult<String> {
    match value.downcast::<StrObj>() {
        Some(s) => Ok(s.as_str().to_string()),
        None => type_error(format!(
            "{function}() argument '{what}' must be str, not {}",
            type_name(value)
        )),
    }
}

/// `b[index]` (an int) and `b[slice]` (of `b`'s type); `None` for other containers.
pub fn get_item(container: Value, index: Value) -> PyResult<Option<Value>> {
    let Some(data) = bytes_of(container) else {
        return Ok(None);
    };
    let mutable = container.is::<ByteArrayObj>();
    if let Some(slice) = index.downcast::<SliceObj>() {
        let (start, _, step, count) = slice_indices(slice, data.len())?;
        let out: Vec<u8> = (0..count)
            .map(|k| data[(start + k as i64 * step) as usize])
            .collect();
        return Ok(Some(new_of_kind(&out, mutable)));
    }
    let (what, message) = if mutable {
        ("bytearray", "bytearray index out of range")
    } else {
        ("byte", "index out of range")
    };
    let i = index_value(index, what)?;
    let j = if i < 0 { i + data.len() as i64 } else { i };
    match usize::try_from(j).ok().and_then(|j| data.get(j)) {
        Some(&byte) => Ok(Some(new_int(i64::from(byte)))),
        None => index_error(message),
    }
}

/// Replaces the bytes of a bytearray.
fn store(array: Gc<ByteArrayObj>, data: &[u8]) {
    array.data.clear();
    for &byte in data {
        array.data.push(byte);
    }
}

/// The contents of a bytearray.
fn contents(array: Gc<ByteArrayObj>) -> Vec<u8> {
    (0..array.data.len()).map(|i| array.data.get(i)).collect()
}

/// `bytearray[index] = value` (an int, or for a slice bytes-like or ints).
pub fn set_item(array: Gc<ByteArrayObj>, index: Value, value: Value) -> PyResult<()> {
    let mut data = contents(array);
    if let Some(slice) = index.downcast::<SliceObj>() {
        let new = if let Some(new) = bytes_of(value) {
            new
        } else if as_num(value).is_some() || value.is::<StrObj>() || get_iter(value).is_err() {
            return type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)".into(),
            );
        } else {
            from_ints(value)?
        };
        let (start, stop, step, count) = slice_indices(slice, data.len())?;
        if step == 1 {
            let (start, stop) = (start as usize, stop.max(start) as usize);
            data.splice(start..stop, new);
        } else {
            if new.len() != count {
                return value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {count}",
                    new.len()
                ));
            }
            for (k, &byte) in new.iter().enumerate() {
                data[(start + k as i64 * step) as usize] = byte;
            }
        }
        store(array, &data);
        return Ok(());
    }
    let at = normalize(index_value(index, "bytearray")?, data.len(), "bytearray")?;
    array
        .data
        .set(at, byte_value(value, "byte must be in range(0, 256)")?);
    Ok(())
}

/// `del bytearray[index]`.
pub fn del_item(array: Gc<ByteArrayObj>, index: Value) -> PyResult<()> {
    let mut data = contents(array);
    if let Some(slice) = index.downcast::<SliceObj>() {
        for at in crate::runtime::seq::deleted_positions(slice, data.len())? {
            data.remove(at);
        }
        store(array, &data);
        return Ok(());
    }
    let at = normalize(index_value(index, "bytearray")?, data.len(), "bytearray")?;
    array.data.remove(at);
    Ok(())
}

/// `item in b`: a byte value or a bytes-like run.
pub fn contains(container: Value, item: Value) -> PyResult<Option<bool>> {
    let Some(data) = bytes_of(container) else {
        return Ok(None);
    };
    if as_num(item).is_some() && !item.is::<FloatObj>() {
        let byte = byte_value(item, "byte must be in range(0, 256)")?;
        return Ok(Some(data.contains(&byte)));
    }
    let needle = bytes_arg(item)?;
    Ok(Some(find_in(&data, &needle, 0).is_some()))
}

/// The first position of `needle` in `data` at or after `from`.
fn find_in(data: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= data.len()).then_some(from);
    }
    (from..data.len().saturating_sub(needle.len() - 1)).find(|&i| data[i..].starts_with(needle))
}

/// The last position of `needle` in `data[..end]` at or after `from`.
fn rfind_in(data: &[u8], needle: &[u8], from: usize, end: usize) -> Option<usize> {
    if from > end || needle.len() > end - from {
        return None;
    }
    (from..=end - needle.len())
        .rev()
        .find(|&i| data[i..end].starts_with(needle))
}

/// `+`, `*` and `%` of bytes-likes (`a += b` and `a *= n` change a bytearray); `None`
/// when they do not apply.
pub fn binary(kind: BinaryKind, a: Value, b: Value, inplace: bool) -> PyResult<Option<Value>> {
    let left = bytes_of(a);
    match kind {
        BinaryKind::Add => {
            let Some(mut data) = left else {
                return Ok(None);
            };
            let Some(other) = bytes_of(crate::runtime::derived::builtin_value(b)) else {
                return type_error(format!("can't concat {} to {}", type_name(b), type_name(a)));
            };
            data.extend_from_slice(&other);
            Ok(Some(result_of(a, &data, inplace)))
        }
        BinaryKind::Mod => {
            let Some(data) = left else {
                return Ok(None);
            };
            let template: String = data.iter().map(|&b| char::from(b)).collect();
            let text = crate::runtime::percent::percent_format(&template, b, true)?;
            let out: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
            Ok(Some(result_of(a, &out, false)))
        }
        BinaryKind::Mul => {
            let (data, count, receiver) = match (left, bytes_of(b)) {
                (Some(data), _) => (data, b, a),
                (None, Some(data)) => (data, a, b),
                _ => return Ok(None),
            };
            let Some(Num::Int(n)) = as_num(count).filter(|_| !count.is::<FloatObj>()) else {
                return type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    type_name(count)
                ));
            };
            let n = n.max(0) as usize;
            if data.len().saturating_mul(n) > 1 << 28 {
                return Err(exception(TypeId::MemoryError, ""));
            }
            let repeated = data.repeat(n);
            Ok(Some(result_of(
                receiver,
                &repeated,
                inplace && receiver == a,
            )))
        }
        _ => Ok(None),
    }
}

/// The result of an operation on `receiver`: stored into it for an in-place operation
/// on a bytearray, otherwise new, of its type.
fn result_of(receiver: Value, data: &[u8], inplace: bool) -> Value {
    match receiver.downcast::<ByteArrayObj>() {
        Some(array) if inplace => {
            store(array, data);
            receiver
        }
        Some(_) => new_bytearray(data),
        None => new_bytes(data),
    }
}

/// `a cmp b` between bytes-likes (byte-wise); `None` when they are not both bytes-like.
pub fn compare(kind: CompareKind, a: Value, b: Value) -> Option<bool> {
    let (x, y) = (bytes_of(a)?, bytes_of(b)?);
    let ordering = x.cmp(&y);
    Some(match kind {
        CompareKind::Lt => ordering.is_lt(),
        CompareKind::Le => ordering.is_le(),
        CompareKind::Eq => ordering.is_eq(),
        CompareKind::Ne => ordering.is_ne(),
        CompareKind::Gt => ordering.is_gt(),
        CompareKind::Ge => ordering.is_ge(),
    })
}

/// The methods `bytes` and `bytearray` share.
const SHARED_METHODS: &[Builtin] = &[
    Builtin::BytesDecode,
    Builtin::BytesJoin,
    Builtin::BytesSplit,
    Builtin::BytesStrip,
    Builtin::BytesLstrip,
    Builtin::BytesRstrip,
    Builtin::BytesFind,
    Builtin::BytesRfind,
    Builtin::BytesIndex,
    Builtin::BytesCount,
    Builtin::BytesReplace,
    Builtin::BytesStartswith,
    Builtin::BytesEndswith,
    Builtin::BytesHex,
    Builtin::BytesUpper,
    Builtin::BytesLower,
    Builtin::BytesIsdigit,
    Builtin::BytesIsalpha,
    Builtin::BytesIsspace,
    Builtin::BytesIsalnum,
    Builtin::BytesIsupper,
    Builtin::BytesIslower,
    Builtin::BytesPartition,
    Builtin::BytesRpartition,
    Builtin::BytesRemoveprefix,
    Builtin::BytesRemovesuffix,
    Builtin::BytesLjust,
    Builtin::BytesRjust,
    Builtin::BytesCenter,
];

/// The methods that change a bytearray.
const BYTEARRAY_METHODS: &[Builtin] = &[
    Builtin::ByteArrayAppend,
    Builtin::ByteArrayExtend,
    Builtin::ByteArrayPop,
    Builtin::ByteArrayInsert,
    Builtin::ByteArrayRemove,
    Builtin::ByteArrayClear,
    Builtin::ByteArrayCopy,
    Builtin::ByteArrayReverse,
];

/// The method `name` of `bytes`, or of `bytearray` when `mutable` (each has its own
/// `fromhex`, a class method).
pub fn method(mutable: bool, name: &str) -> Option<Builtin> {
    let fromhex = if mutable {
        Builtin::ByteArrayFromhex
    } else {
        Builtin::BytesFromhex
    };
    let extra = if mutable { BYTEARRAY_METHODS } else { &[] };
    std::iter::once(&fromhex)
        .chain(SHARED_METHODS)
        .chain(extra)
        .copied()
        .find(|&m| builtin_name(m as i64) == name)
}

/// ASCII whitespace, as `bytes.split()` and `bytes.strip()` see it.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// A `sub` argument of `find`/`count`/...: bytes-like or a byte value.
fn needle_arg(value: Value) -> PyResult<Vec<u8>> {
    if as_num(value).is_some() && !value.is::<FloatObj>() {
        return Ok(vec![byte_value(value, "byte must be in range(0, 256)")?]);
    }
    bytes_of(value).map_or_else(
        || {
            type_error(format!(
                "argument should be integer or bytes-like object, not '{}'",
                type_name(value)
            ))
        },
        Ok,
    )
}

/// `bytes.fromhex(text)`: pairs of hex digits, whitespace between them ignored.
pub fn fromhex(args: Args, mutable: bool) -> PyResult<Value> {
    arity("fromhex", &args, 1, 1)?;
    let Some(text) = args.get(0).downcast::<StrObj>() else {
        return type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(args.get(0))
        ));
    };
    let chars: Vec<char> = text.as_str().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let high = chars[i].to_digit(16);
        let low = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (high, low) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                ))
            }
            _ => {
                return value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                ))
            }
        }
        i += 2;
    }
    Ok(new_of_kind(&out, mutable))
}

/// Calls method `id` of a bytes or bytearray.
pub fn call_method(id: Builtin, receiver: Value, args: Args) -> PyResult<Value> {
    let mutable = receiver.is::<ByteArrayObj>();
    let data = bytes_of(receiver).unwrap_or_default();
    let name = builtin_name(id as i64);
    let new = |out: &[u8]| new_of_kind(out, mutable);
    match id {
        Builtin::BytesDecode => {
            let [encoding, errors] = bind(name, &args, ["encoding", "errors"], 2)?;
            let encoding = match encoding {
                Some(e) => str_arg(e, "decode", "encoding")?,
                None => "utf-8".into(),
            };
            let errors = match errors {
                Some(e) => str_arg(e, "decode", "errors")?,
                None => "strict".into(),
            };
            Ok(new_str(&crate::runtime::codecs::decode(
                &data, &encoding, &errors,
            )?))
        }
        Builtin::BytesJoin => {
            arity(name, &args, 1, 1)?;
            let iterator = get_iter(args.get(0))?;
            let mut out = Vec::new();
            let mut index = 0;
            while let Some(item) = next(iterator)? {
                let Some(part) = bytes_of(item) else {
                    return type_error(format!(
                        "sequence item {index}: expected a bytes-like object, {} found",
                        type_name(item)
                    ));
                };
                if index > 0 {
                    out.extend_from_slice(&data);
                }
                out.extend_from_slice(&part);
                index += 1;
            }
            Ok(new(&out))
        }
        Builtin::BytesSplit => {
            let [sep, maxsplit] = bind(name, &args, ["sep", "maxsplit"], 2)?;
            let sep = sep.filter(|&s| !is_none(s));
            let maxsplit = match maxsplit {
                Some(m) => crate::runtime::builtins::int_arg(m, "")?,
                None => -1,
            };
            let limit = if maxsplit < 0 {
                usize::MAX
            } else {
                maxsplit as usize
            };
            let parts = match sep {
                None => split_whitespace(&data, limit),
                Some(sep) => {
                    let sep = bytes_arg(sep)?;
                    if sep.is_empty() {
                        return value_error("empty separator".into());
                    }
                    split_on(&data, &sep, limit)
                }
            };
            let out = GcVec::with_capacity(parts.len());
            for part in parts {
                out.push(new(&part));
            }
            Ok(new_list(out))
        }
        Builtin::BytesStrip | Builtin::BytesLstrip | Builtin::BytesRstrip => {
            arity(name, &args, 0, 1)?;
            let chars = match (args.npos == 1)
                .then(|| args.get(0))
                .filter(|&c| !is_none(c))
            {
                Some(c) => Some(bytes_arg(c)?),
                None => None,
            };
            let strip = |b: u8| chars.as_ref().map_or(is_space(b), |set| set.contains(&b));
            let mut start = 0;
            let mut end = data.len();
            if id != Builtin::BytesRstrip {
                while start < end && strip(data[start]) {
                    start += 1;
                }
            }
            if id != Builtin::BytesLstrip {
                while end > start && strip(data[end - 1]) {
                    end -= 1;
                }
            }
            Ok(new(&data[start..end]))
        }
        Builtin::BytesFind | Builtin::BytesRfind | Builtin::BytesIndex | Builtin::BytesCount => {
            arity(name, &args, 1, 3)?;
            let needle = needle_arg(args.get(0))?;
            let (start, end) = search_bounds(&args, 1, data.len())?;
            let window = &data[..end];
            if id == Builtin::BytesCount {
                if start > end {
                    return Ok(new_int(0));
                }
                if needle.is_empty() {
                    return Ok(new_int((end - start + 1) as i64));
                }
                let mut count = 0;
                let mut at = start;
                while let Some(found) = find_in(window, &needle, at) {
                    count += 1;
                    at = found + needle.len();
                }
                return Ok(new_int(count));
            }
            let found = if id == Builtin::BytesRfind {
                rfind_in(&data, &needle, start, end)
            } else if start > end {
                None
            } else {
                find_in(window, &needle, start).filter(|&i| i + needle.len() <= end)
            };
            match found {
                Some(i) => Ok(new_int(i as i64)),
                None if id == Builtin::BytesIndex => value_error("subsection not found".into()),
                None => Ok(new_int(-1)),
            }
        }
        Builtin::BytesReplace => {
            arity(name, &args, 2, 3)?;
            let old = bytes_arg(args.get(0))?;
            let replacement = bytes_arg(args.get(1))?;
            let count = if args.npos == 3 {
                crate::runtime::builtins::int_arg(args.get(2), "")?
            } else {
                -1
            };
            let limit = if count < 0 {
                usize::MAX
            } else {
                count as usize
            };
            let mut out = Vec::with_capacity(data.len());
            let mut done = 0;
            let mut i = 0;
            if old.is_empty() {
                for (k, &byte) in data.iter().enumerate() {
                    if k < limit {
                        out.extend_from_slice(&replacement);
                        done += 1;
                    }
                    out.push(byte);
                }
                if done < limit {
                    out.extend_from_slice(&replacement);
                }
                return Ok(new(&out));
            }
            while i < data.len() {
                if done < limit && data[i..].starts_with(&old) {
                    out.extend_from_slice(&replacement);
                    i += old.len();
                    done += 1;
                } else {
                    out.push(data[i]);
                    i += 1;
                }
            }
            Ok(new(&out))
        }
        Builtin::BytesStartswith | Builtin::BytesEndswith => {
            arity(name, &args, 1, 3)?;
            let (start, end) = search_bounds(&args, 1, data.len())?;
            let window = if start <= end {
                &data[start..end]
            } else {
                &[][..]
            };
            let test = |prefix: &[u8]| {
                start <= end
                    && if id == Builtin::BytesStartswith {
                        window.starts_with(prefix)
                    } else {
                        window.ends_with(prefix)
                    }
            };
            let candidates = args.get(0);
            if let Some(tuple) = candidates.downcast::<TupleObj>() {
                for i in 0..tuple.items.len() {
                    if test(&bytes_arg(tuple.items.get(i))?) {
                        return Ok(new_bool(true));
                    }
                }
                return Ok(new_bool(false));
            }
            let Some(prefix) = bytes_of(candidates) else {
                return type_error(format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {}",
                    type_name(candidates)
                ));
            };
            Ok(new_bool(test(&prefix)))
        }
        Builtin::BytesHex => {
            arity(name, &args, 0, 0)?;
            Ok(new_str(
                &data.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            ))
        }
        Builtin::BytesFromhex | Builtin::ByteArrayFromhex => {
            fromhex(args, id == Builtin::ByteArrayFromhex)
        }
        Builtin::BytesUpper | Builtin::BytesLower => {
            arity(name, &args, 0, 0)?;
            let out: Vec<u8> = if id == Builtin::BytesUpper {
                data.to_ascii_uppercase()
            } else {
                data.to_ascii_lowercase()
            };
            Ok(new(&out))
        }
        Builtin::BytesIsdigit
        | Builtin::BytesIsalpha
        | Builtin::BytesIsspace
        | Builtin::BytesIsalnum => {
            arity(name, &args, 0, 0)?;
            let test: fn(u8) -> bool = match id {
                Builtin::BytesIsdigit => |b| b.is_ascii_digit(),
                Builtin::BytesIsalpha => |b| b.is_ascii_alphabetic(),
                Builtin::BytesIsalnum => |b| b.is_ascii_alphanumeric(),
                _ => is_space,
            };
            Ok(new_bool(!data.is_empty() && data.iter().all(|&b| test(b))))
        }
        Builtin::BytesIsupper | Builtin::BytesIslower => {
            arity(name, &args, 0, 0)?;
            // At least one cased byte, and none of the other case.
            let (wanted, other): (fn(&u8) -> bool, fn(&u8) -> bool) = if id == Builtin::BytesIsupper
            {
                (u8::is_ascii_uppercase, u8::is_ascii_lowercase)
            } else {
                (u8::is_ascii_lowercase, u8::is_ascii_uppercase)
            };
            Ok(new_bool(data.iter().any(wanted) && !data.iter().any(other)))
        }
        Builtin::BytesPartition | Builtin::BytesRpartition => {
            arity(name, &args, 1, 1)?;
            let sep = bytes_arg(args.get(0))?;
            if sep.is_empty() {
                return value_error("empty separator".into());
            }
            let found = if id == Builtin::BytesPartition {
                find_in(&data, &sep, 0)
            } else {
                rfind_in(&data, &sep, 0, data.len())
            };
            let parts: [&[u8]; 3] = match found {
                Some(at) => [&data[..at], &sep, &data[at + sep.len()..]],
                None if id == Builtin::BytesPartition => [&data, &[], &[]],
                None => [&[], &[], &data],
            };
            let out = GcVec::with_capacity(3);
            for part in parts {
                out.push(new(part));
            }
            Ok(new_tuple(out))
        }
        Builtin::BytesRemoveprefix | Builtin::BytesRemovesuffix => {
            arity(name, &args, 1, 1)?;
            let affix = bytes_arg(args.get(0))?;
            let rest = if id == Builtin::BytesRemoveprefix {
                data.strip_prefix(affix.as_slice())
            } else {
                data.strip_suffix(affix.as_slice())
            };
            Ok(new(rest.unwrap_or(&data)))
        }
        Builtin::BytesLjust | Builtin::BytesRjust | Builtin::BytesCenter => {
            arity(name, &args, 1, 2)?;
            let width = crate::runtime::builtins::int_arg(args.get(0), "")?;
            let fill = if args.npos == 2 {
                match bytes_of(args.get(1)) {
                    Some(fill) if fill.len() == 1 => fill[0],
                    _ => {
                        return type_error(format!(
                            "{name}() argument 2 must be a byte string of length 1, not {}",
                            type_name(args.get(1))
                        ))
                    }
                }
            } else {
                b' '
            };
            let margin = (width.max(0) as usize).saturating_sub(data.len());
            let left = match id {
                Builtin::BytesLjust => 0,
                Builtin::BytesRjust => margin,
                // CPython's rounding: the odd byte goes left when the width is odd.
                _ => margin / 2 + (margin & width as usize & 1),
            };
            let mut out = vec![fill; left];
            out.extend_from_slice(&data);
            out.resize(data.len() + margin, fill);
            Ok(new(&out))
        }
        _ => match receiver.downcast::<ByteArrayObj>() {
            Some(array) => bytearray_method(id, array, data, args),
            None => type_error(format!("'{name}' is not a method of 'bytes'")),
        },
    }
}

/// The methods that change a bytearray.
fn bytearray_method(
    id: Builtin,
    array: Gc<ByteArrayObj>,
    mut data: Vec<u8>,
    args: Args,
) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    match id {
        Builtin::ByteArrayAppend => {
            arity(name, &args, 1, 1)?;
            array
                .data
                .push(byte_value(args.get(0), "byte must be in range(0, 256)")?);
        }
        Builtin::ByteArrayExtend => {
            arity(name, &args, 1, 1)?;
            let source = args.get(0);
            let more = match bytes_of(source) {
                Some(more) => more,
                None if get_iter(source).is_err() => {
                    return type_error(format!("can't extend bytearray with {}", type_name(source)))
                }
                None => from_ints(source)?,
            };
            data.extend_from_slice(&more);
            store(array, &data);
        }
        Builtin::ByteArrayPop => {
            arity(name, &args, 0, 1)?;
            if data.is_empty() {
                return index_error("pop from empty bytearray");
            }
            let i = if args.npos == 1 {
                crate::runtime::builtins::int_arg(args.get(0), "")?
            } else {
                -1
            };
            let j = if i < 0 { i + data.len() as i64 } else { i };
            if j < 0 || j >= data.len() as i64 {
                return index_error("pop index out of range");
            }
            return Ok(new_int(i64::from(array.data.remove(j as usize))));
        }
        Builtin::ByteArrayInsert => {
            arity(name, &args, 2, 2)?;
            let i = crate::runtime::builtins::int_arg(args.get(0), "")?;
            let byte = byte_value(args.get(1), "byte must be in range(0, 256)")?;
            let len = data.len() as i64;
            let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
            array.data.insert(at as usize, byte);
        }
        Builtin::ByteArrayRemove => {
            arity(name, &args, 1, 1)?;
            let byte = byte_value(args.get(0), "byte must be in range(0, 256)")?;
            match data.iter().position(|&b| b == byte) {
                Some(at) => {
                    array.data.remove(at);
                }
                None => return value_error("value not found in bytearray".into()),
            }
        }
        Builtin::ByteArrayClear => {
            arity(name, &args, 0, 0)?;
            array.data.clear();
        }
        Builtin::ByteArrayCopy => {
            arity(name, &args, 0, 0)?;
            return Ok(new_bytearray(&data));
        }
        Builtin::ByteArrayReverse => {
            arity(name, &args, 0, 0)?;
            data.reverse();
            store(array, &data);
        }
        _ => return type_error(format!("'{name}' is not a method of 'bytearray'")),
    }
    Ok(none())
}

/// `bytes.split()` without a separator: runs of ASCII whitespace separate, none kept.
fn split_whitespace(data: &[u8], limit: usize) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        while i < data.len() && is_space(data[i]) {
            i += 1;
        }
        if i == data.len() {
            return parts;
        }
        if parts.len() == limit {
            parts.push(data[i..].to_vec());
            return parts;
        }
        let start = i;
        while i < data.len() && !is_space(data[i]) {
            i += 1;
        }
        parts.push(data[start..i].to_vec());
    }
}

/// `bytes.split(sep)`: at most `limit` splits.
fn split_on(data: &[u8], sep: &[u8], limit: usize) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut start = 0;
    while parts.len() < limit {
        match find_in(data, sep, start) {
            Some(at) => {
                parts.push(data[start..at].to_vec());
                start = at + sep.len();
            }
            None => break,
        }
    }
    parts.push(data[start..].to_vec());
    parts
}

/// The `byteorder` argument: whether it is `'little'`.
fn little_endian(value: Option<Value>) -> PyResult<bool> {
    let Some(value) = value else {
        return Ok(false);
    };
    let text = value.downcast::<StrObj>();
    match text.as_ref().map(|s| s.as_str()) {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        Some(_) => value_error("byteorder must be either 'little' or 'big'".into()),
        None => type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            type_name(value)
        )),
    }
}

/// The arguments `(first, byteorder, *, signed)` of `to_bytes`/`from_bytes`.
fn conversion_args(name: &str, first: &str, args: &Args) -> PyResult<(Option<Value>, bool, bool)> {
    let [value, byteorder, signed] = bind(name, args, [first, "byteorder", "signed"], 2)?;
    let little = little_endian(byteorder)?;
    let signed = match signed {
        Some(flag) => crate::runtime::ops::is_true(flag)?,
        None => false,
    };
    Ok((value, little, signed))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn int_to_bytes(value: Value, args: Args) -> PyResult<Value> {
    let (length, little, signed) = conversion_args("to_bytes", "length", &args)?;
    let length = match length {
        Some(l) => crate::runtime::builtins::int_arg(l, "")?,
        None => 1,
    };
    if length < 0 {
        return value_error("length argument must be non-negative".into());
    }
    let Some(number) = crate::runtime::numbers::as_bigint(value) else {
        return type_error("to_bytes() needs an int".into());
    };
    let negative = number.sign() == num_bigint::Sign::Minus;
    if negative && !signed {
        return Err(exception(
            TypeId::OverflowError,
            "can't convert negative int to unsigned",
        ));
    }
    let mut data = if signed {
        number.to_signed_bytes_le()
    } else {
        number.to_bytes_le().1
    };
    if data.iter().all(|&b| b == 0) {
        data.clear();
    }
    if data.len() > length as usize {
        return Err(exception(TypeId::OverflowError, "int too big to convert"));
    }
    data.resize(length as usize, if negative { 0xff } else { 0 });
    if !little {
        data.reverse();
    }
    Ok(new_bytes(&data))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
pub fn int_from_bytes(args: Args) -> PyResult<Value> {
    let (source, little, signed) = conversion_args("from_bytes", "bytes", &args)?;
    let Some(source) = source else {
        return type_error("from_bytes() missing required argument 'bytes' (pos 1)".into());
    };
    let mut data = match bytes_of(source) {
        Some(data) => data,
        None if source.is::<StrObj>() || get_iter(source).is_err() => {
            return type_error(format!(
                "cannot convert '{}' object to bytes",
                type_name(source)
            ))
        }
        None => from_ints(source)?,
    };
    if !little {
        data.reverse();
    }
    let number = if signed {
        num_bigint::BigInt::from_signed_bytes_le(&data)
    } else {
        num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &data)
    };
    Ok(new_bigint(number))
}
