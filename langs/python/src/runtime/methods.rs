//! Methods of the built-in types (`str`, `list`, `dict`, `tuple`, `int`, `float`):
//! which name is which method, and their implementations, including a stable sort that
//! stops at the first failing comparison or key call, and `str.format`.

use jitgen_core::gc::{Gc, GcVec};

use crate::bytecode::CompareKind;
use crate::runtime::builtins::{arity, builtin_name, int_arg, keyword, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::derived;
use crate::runtime::dict::{dict_get, dict_remove, dict_set, entries, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::iter::collect;
use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::ops::{compare, is_true, values_equal};
use crate::runtime::text::to_repr;
use crate::runtime::unicode;
use crate::runtime::values::*;

/// The built-in method `name` of a value's type.
pub fn method_id(value: Value, name: &str) -> Option<Builtin> {
    if value.is::<InstanceObj>() || value.is::<TypeObj>() {
        return None;
    }
    method_of_type(builtin_type_id(value), name)
}

/// The built-in method `name` of built-in type `type_id` (`str.upper`).
pub fn method_of_type(type_id: TypeId, name: &str) -> Option<Builtin> {
    use Builtin::*;
    if let Some(slot) = crate::runtime::slots::slot_of_type(type_id, name) {
        return Some(slot);
    }
    let table: &[Builtin] = if type_id == TypeId::Str {
        &[
            StrJoin,
            StrSplit,
            StrStrip,
            StrLstrip,
            StrRstrip,
            StrUpper,
            StrLower,
            StrReplace,
            StrStartswith,
            StrEndswith,
            StrFind,
            StrIndex,
            StrCount,
            StrIsdigit,
            StrIsalpha,
            StrIsspace,
            StrIsupper,
            StrIslower,
            StrIsalnum,
            StrTitle,
            StrCapitalize,
            StrFormat,
            StrCenter,
            StrLjust,
            StrRjust,
            StrZfill,
            StrSplitlines,
            StrRfind,
            StrSwapcase,
            StrPartition,
            StrEncode,
            StrRsplit,
            StrRpartition,
            StrRindex,
            StrRemoveprefix,
            StrRemovesuffix,
            StrExpandtabs,
            StrCasefold,
            StrMaketrans,
            StrTranslate,
            StrIsidentifier,
            StrIsprintable,
            StrIsdecimal,
            StrIsnumeric,
            StrIsascii,
            StrIstitle,
            StrFormatMap,
        ]
    } else if type_id == TypeId::List {
        &[
            ListAppend,
            ListPop,
            ListExtend,
            ListInsert,
            ListRemove,
            ListIndex,
            ListCount,
            ListReverse,
            ListSort,
            ListCopy,
            ListClear,
        ]
    } else if type_id == TypeId::Dict {
        &[
            DictGet,
            DictKeys,
            DictValues,
            DictItems,
            DictPop,
            DictSetdefault,
            DictUpdate,
            DictCopy,
            DictClear,
            DictPopitem,
            DictFromkeys,
        ]
    } else if type_id == TypeId::Tuple {
        &[TupleIndex, TupleCount]
    } else if type_id == TypeId::Float {
        &[
            FloatIsInteger,
            Conjugate,
            AsIntegerRatio,
            FloatHex,
            FloatFromhex,
        ]
    } else if type_id == TypeId::Type {
        &[TypeCall]
    } else if type_id == TypeId::Complex {
        &[Conjugate]
    } else if type_id == TypeId::Int || type_id == TypeId::Bool {
        &[
            IntBitLength,
            IntToBytes,
            IntFromBytes,
            Conjugate,
            IntBitCount,
            AsIntegerRatio,
        ]
    } else if type_id == TypeId::Range {
        &[RangeIndex, RangeCount]
    } else if type_id == TypeId::Slice {
        &[SliceIndices]
    } else if matches!(
        type_id,
        TypeId::TextIOWrapper
            | TypeId::BufferedReader
            | TypeId::BufferedWriter
            | TypeId::BufferedRandom
    ) {
        return crate::runtime::files::method(name);
    } else if type_id == TypeId::Generator {
        &[GenSend, GenThrow, GenClose]
    } else if type_id == TypeId::Pattern {
        crate::runtime::modules::re::PATTERN_METHODS
    } else if type_id == TypeId::Match {
        crate::runtime::modules::re::MATCH_METHODS
    } else if type_id == TypeId::Deque {
        crate::runtime::modules::deque::METHODS
    } else if type_id == TypeId::Set {
        crate::runtime::set::SET_METHODS
    } else if type_id == TypeId::FrozenSet {
        crate::runtime::set::frozenset_methods()
    } else if type_id == TypeId::Object {
        &[
            ObjectGetattribute,
            ObjectSetattr,
            ObjectDelattr,
            ObjectInitSubclass,
            ObjectHash,
            ObjectEq,
            ObjectRepr,
            ObjectStr,
        ]
    } else if type_id == TypeId::Property {
        crate::runtime::descriptors::PROPERTY_METHODS
    } else if type_id == TypeId::MemberDescriptor {
        crate::runtime::descriptors::MEMBER_METHODS
    } else if matches!(
        type_id,
        TypeId::Function | TypeId::ClassMethod | TypeId::StaticMethod | TypeId::GetSetDescriptor
    ) {
        &[DescrGet]
    } else if type_id == TypeId::Bytes || type_id == TypeId::ByteArray {
        return crate::runtime::bytes::method(type_id == TypeId::ByteArray, name);
    } else {
        &[]
    };
    table
        .iter()
        .copied()
        .find(|&m| builtin_name(m as i64) == name)
}

/// Calls built-in method `id` on `receiver`.
pub fn call_method(id: Builtin, receiver: Value, args: Args) -> PyResult<Value> {
    if let Some(result) = crate::runtime::slots::call_slot(id, receiver, args) {
        return result;
    }
    if id == Builtin::BaseInit {
        return base_init(receiver, args);
    }
    if id == Builtin::ObjectNew {
        return object_new(receiver, args);
    }
    if id == Builtin::TypeCall {
        return match receiver.downcast::<TypeObj>() {
            Some(cls) => crate::runtime::call::instantiate(cls, args),
            None => type_error(format!(
                "descriptor '__call__' requires a 'type' object but received a '{}'",
                type_name(receiver)
            )),
        };
    }
    if matches!(
        id,
        Builtin::ObjectGetattribute
            | Builtin::ObjectSetattr
            | Builtin::ObjectDelattr
            | Builtin::ObjectInitSubclass
            | Builtin::ObjectHash
            | Builtin::ObjectEq
            | Builtin::ObjectRepr
            | Builtin::ObjectStr
    ) {
        return crate::runtime::attr::call_object_method(id, receiver, args);
    }
    if matches!(
        id,
        Builtin::DescrGet
            | Builtin::DescrSet
            | Builtin::DescrDelete
            | Builtin::PropertyGetter
            | Builtin::PropertySetter
            | Builtin::PropertyDeleter
    ) {
        return crate::runtime::descriptors::call_method(id, receiver, args);
    }
    // A deque's methods may need the instance it is (`copy` calls its class).
    if let Some(d) = derived::builtin_value(receiver).downcast::<DequeObj>() {
        return crate::runtime::modules::deque::call_method(id, receiver, d, args);
    }
    // The other methods work on the built-in value a derived instance is.
    let receiver = derived::builtin_value(receiver);
    if let Some(s) = receiver.downcast::<StrObj>() {
        return str_method(id, s, args);
    }
    if let Some(list) = receiver.downcast::<ListObj>() {
        return list_method(id, list, args);
    }
    if let Some(dict) = receiver.downcast::<DictObj>() {
        return dict_method(id, dict, args);
    }
    if let Some(z) = receiver.downcast::<ComplexObj>() {
        arity("conjugate", &args, 0, 0)?;
        return Ok(crate::runtime::complex::new_complex(
            crate::runtime::complex::Complex {
                re: z.re,
                im: -z.im,
            },
        ));
    }
    if let Some(range) = receiver.downcast::<RangeObj>() {
        return crate::runtime::seq::range_search(id == Builtin::RangeIndex, range, &args);
    }
    if let Some(slice) = receiver.downcast::<SliceObj>() {
        return crate::runtime::seq::slice_indices_of(slice, &args);
    }
    if let Some(stream) = receiver.downcast::<StreamObj>() {
        return crate::runtime::stdio::call_method(id, stream, args);
    }
    if let Some(file) = receiver.downcast::<FileObj>() {
        return crate::runtime::files::call_method(id, file, args);
    }
    if let Some(generator) = receiver.downcast::<GeneratorObj>() {
        return crate::runtime::generators::call_method(id, generator, args);
    }
    if let Some(pattern) = receiver.downcast::<PatternObj>() {
        return crate::runtime::modules::re::pattern_method(id, pattern, args);
    }
    if let Some(m) = receiver.downcast::<MatchObj>() {
        return crate::runtime::modules::re::match_method(id, m, args);
    }
    if let Some(set) = receiver.downcast::<SetObj>() {
        return crate::runtime::set::call_method(id, set, args);
    }
    if crate::runtime::bytes::is_bytes_like(receiver) {
        return crate::runtime::bytes::call_method(id, receiver, args);
    }
    if let Some(tuple) = receiver.downcast::<TupleObj>() {
        return sequence_search(
            id == Builtin::TupleIndex,
            "tuple",
            tuple.items.len(),
            |i| tuple.items.get(i),
            &args,
        );
    }
    match (id, as_num(receiver)) {
        (Builtin::FloatHex, Some(Num::Float(f))) => {
            arity("float.hex", &args, 0, 0)?;
            Ok(new_str(&crate::runtime::floathex::float_hex(f)))
        }
        (Builtin::FloatIsInteger, Some(Num::Float(f))) => {
            arity("is_integer", &args, 0, 0)?;
            Ok(new_bool(f.is_finite() && f.fract() == 0.0))
        }
        (Builtin::IntBitLength, Some(Num::Int(i))) => {
            arity("bit_length", &args, 0, 0)?;
            Ok(new_int(64 - i.unsigned_abs().leading_zeros() as i64))
        }
        (Builtin::IntBitLength, Some(Num::Big(b))) => Ok(new_int(b.bits() as i64)),
        (Builtin::IntBitCount, Some(Num::Int(_) | Num::Big(_))) => {
            arity("int.bit_count", &args, 0, 0)?;
            let magnitude =
                crate::runtime::numbers::as_bigint(receiver).map(|b| b.magnitude().count_ones());
            Ok(new_int(magnitude.unwrap_or(0) as i64))
        }
        (Builtin::Conjugate, Some(num)) => {
            arity(&format!("{}.conjugate", type_name(receiver)), &args, 0, 0)?;
            Ok(match num {
                Num::Int(i) => new_int(i),
                Num::Big(b) => new_bigint(b),
                Num::Float(x) => new_float(x),
            })
        }
        (Builtin::AsIntegerRatio, Some(num)) => {
            arity(
                &format!("{}.as_integer_ratio", type_name(receiver)),
                &args,
                0,
                0,
            )?;
            let (numerator, denominator) = crate::runtime::numbers::integer_ratio(&num)?;
            let pair = GcVec::with_capacity(2);
            pair.push(new_bigint(numerator));
            pair.push(new_bigint(denominator));
            Ok(new_tuple(pair))
        }
        (Builtin::IntToBytes, Some(Num::Int(_) | Num::Big(_))) => {
            crate::runtime::bytes::int_to_bytes(receiver, args)
        }
        _ => type_error(format!(
            "'{}' is not a method of '{}'",
            builtin_name(id as i64),
            type_name(receiver)
        )),
    }
}

/// Adds the entries of a dict, or the `(key, value)` pairs of an iterable (`dict(x)`,
/// `d.update(x)`), with CPython's errors for malformed pairs.
pub fn update_from(dict: Gc<DictObj>, source: Value) -> PyResult<()> {
    let source = crate::runtime::mappingproxy::target(source).map_or(source, |d| d.erase());
    if let Some(other) = derived::merged_dict(source) {
        for (_, key, value) in entries(other) {
            dict_set(dict, key, value)?;
        }
        return Ok(());
    }
    let pairs = collect(source)?;
    for i in 0..pairs.len() {
        let pair = collect(pairs.get(i)).map_err(|_| {
            exception(
                TypeId::TypeError,
                &format!("cannot convert dictionary update sequence element #{i} to a sequence"),
            )
        })?;
        if pair.len() != 2 {
            return value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            ));
        }
        dict_set(dict, pair.get(0), pair.get(1))?;
    }
    Ok(())
}

/// `object.__init__` and `BaseException.__init__` (reached through `super()` or the
/// class): an exception keeps its arguments; a plain object takes none.
fn base_init(receiver: Value, args: Args) -> PyResult<Value> {
    if receiver.is::<TypeObj>() {
        return crate::runtime::metaclasses::type_init(&args).map(|()| none());
    }
    if let Some(instance) = receiver.downcast::<InstanceObj>() {
        if crate::runtime::exceptions::is_subclass(
            instance.cls,
            builtin_type(TypeId::BaseException),
        ) {
            crate::runtime::exceptions::set_arguments(instance, args);
            return Ok(none());
        }
        if let Some(result) = derived::init(instance, args) {
            return result.map(|()| none());
        }
    }
    if args.npos + args.nkw() > 0 {
        // As CPython's `object_init`: the class's own `__init__` passing arguments on is
        // `object`'s error; without one, the class's (unless its `__new__` takes them).
        let cls = type_of(receiver);
        let custom = |name| {
            crate::runtime::attr::lookup_in_mro(cls, name).is_some_and(|m| !m.is::<BuiltinObj>())
        };
        // A built-in value type's `__new__` takes the arguments.
        let builtin_new = cls.value_type >= 0;
        let owner = match (custom("__init__"), custom("__new__") || builtin_new) {
            (true, _) => "object".to_string(),
            (false, false) => cls.name.as_str().to_string(),
            (false, true) => return Ok(none()),
        };
        return type_error(format!(
            "{owner}.__init__() takes exactly one argument (the instance to initialize)"
        ));
    }
    Ok(none())
}

/// `object.__new__(cls, ...)` (reached as `C.__new__(C)` or `super().__new__(cls)`):
/// built-in types construct, other classes get a bare instance.
fn object_new(cls: Value, args: Args) -> PyResult<Value> {
    let Some(class) = cls.downcast::<TypeObj>() else {
        return type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            type_name(cls)
        ));
    };
    if class.layout == Layout::Builtin as i64 {
        return crate::runtime::builtins::construct(class, args);
    }
    crate::runtime::call::new_instance(class, args)
}

/// `seq.index(item)` (or `seq.count(item)` when `!index`).
fn sequence_search(
    index: bool,
    what: &str,
    len: usize,
    get: impl Fn(usize) -> Value,
    args: &Args,
) -> PyResult<Value> {
    let name = format!("{what}.{}", if index { "index" } else { "count" });
    arity(&name, args, 1, if index { 3 } else { 1 })?;
    let item = args.get(0);
    // `index` searches between its `start` and `end` arguments, as slices count them.
    let (start, end) = crate::runtime::seq::search_bounds(args, 1, len)?;
    let mut count = 0;
    for i in start..end.max(start) {
        if values_equal(get(i), item)? {
            if index {
                return Ok(new_int(i as i64));
            }
            count += 1;
        }
    }
    if index && what == "list" {
        return value_error(format!("{} is not in list", to_repr(item)?));
    }
    if index {
        return value_error(format!("{what}.index(x): x not in {what}"));
    }
    Ok(new_int(count))
}

/// The lines of `text` as `str.splitlines` cuts them, each with its line break: `\r\n`, or
/// one of `\n`, `\r`, `\v`, `\f`, U+001C..U+001E, U+0085, U+2028, U+2029 (the last line's
/// break may be empty).
fn split_lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\u{b}'
                | '\u{c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, end, after) = match rest.find(is_break) {
            None => (rest, "", ""),
            Some(at) => {
                let width = match rest[at..].starts_with("\r\n") {
                    true => 2,
                    false => rest[at..].chars().next().map_or(1, char::len_utf8),
                };
                (&rest[..at], &rest[at..at + width], &rest[at + width..])
            }
        };
        rest = after;
        Some((line, end))
    })
}

/// Whether Python counts `c` as whitespace (`str.isspace`): Unicode's white space and the
/// information separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The part of `s` a search's `start` and `end` arguments (from argument `first` on) select,
/// in characters as CPython counts them, with the character index it starts at; `None` when
/// the start is past the end.
fn char_window<'a>(s: &'a StrObj, args: &Args, first: usize) -> PyResult<Option<(usize, &'a str)>> {
    let text = s.as_str();
    let (start, end) = crate::runtime::seq::search_bounds(args, first, s.chars as usize)?;
    if start > end {
        return Ok(None);
    }
    let byte_at = |c: usize| match s.is_ascii() {
        true => c,
        false => text.char_indices().nth(c).map_or(text.len(), |(b, _)| b),
    };
    Ok(Some((start, &text[byte_at(start)..byte_at(end)])))
}

fn str_arg(args: &Args, i: usize, fname: &str) -> PyResult<Gc<StrObj>> {
    let value = args.get(i);
    derived::str_value(value).ok_or_else(|| {
        exception(
            TypeId::TypeError,
            &format!(
                "{fname}() argument {} must be str, not {}",
                i + 1,
                type_name(value)
            ),
        )
    })
}

/// The str searched for or cut at (`find`, `count`, `partition`, ...).
fn needle_arg(args: &Args, i: usize) -> PyResult<Gc<StrObj>> {
    let value = args.get(i);
    derived::str_value(value).ok_or_else(|| {
        exception(
            TypeId::TypeError,
            &format!("must be str, not {}", type_name(value)),
        )
    })
}

fn optional_str(args: &Args, i: usize, fname: &str) -> PyResult<Option<String>> {
    if i >= args.npos || is_none(args.get(i)) {
        return Ok(None);
    }
    match derived::str_value(args.get(i)) {
        Some(s) => Ok(Some(s.as_str().to_string())),
        None => type_error(format!("{fname} arg must be None or str")),
    }
}

fn str_list(parts: impl Iterator<Item = String>) -> Value {
    let items = GcVec::new();
    for part in parts {
        items.push(new_str(&part));
    }
    new_list(items)
}

/// The parts `str.split` (or `str.rsplit`, cutting from the right when `from_right`) cuts
/// `text` into, at most `max` cuts: at `sep`, or at runs of whitespace (ignoring the
/// whitespace at the ends) when `sep` is None.
fn split_text<'a>(text: &'a str, sep: Option<&str>, max: usize, from_right: bool) -> Vec<&'a str> {
    let mut parts = Vec::new();
    match (sep, from_right) {
        (Some(sep), false) => parts.extend(text.splitn(max.saturating_add(1), sep)),
        (Some(sep), true) => parts.extend(text.rsplitn(max.saturating_add(1), sep)),
        (None, false) => {
            let mut rest = text.trim_start_matches(is_space);
            while !rest.is_empty() {
                if parts.len() == max {
                    parts.push(rest);
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_space);
            }
        }
        (None, true) => {
            let mut rest = text.trim_end_matches(is_space);
            while !rest.is_empty() {
                if parts.len() == max {
                    parts.push(rest);
                    break;
                }
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| is_space(c))
                    .map_or(0, |(at, c)| at + c.len_utf8());
                parts.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(is_space);
            }
        }
    }
    if from_right {
        parts.reverse();
    }
    parts
}

/// `text.translate(table)`: each character's code looked up in `table` (a str, a code or
/// None to delete it; a missing key keeps the character).
fn translate(text: &str, table: Value) -> PyResult<Value> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mapped = match crate::runtime::ops::get_item(table, new_int(c as i64)) {
            Ok(mapped) => mapped,
            Err(e) if is_subclass(e.cls, builtin_type(TypeId::LookupError)) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if is_none(mapped) {
            continue;
        }
        if let Some(s) = mapped.downcast::<StrObj>() {
            out.push_str(s.as_str());
            continue;
        }
        match as_num(mapped) {
            Some(Num::Int(code)) => match u32::try_from(code).ok().and_then(char::from_u32) {
                Some(c) => out.push(c),
                None => return value_error("character mapping must be in range(0x110000)".into()),
            },
            Some(Num::Big(_)) => {
                return value_error("character mapping must be in range(0x110000)".into())
            }
            _ => return type_error("character mapping must return integer, None or str".into()),
        }
    }
    Ok(new_str(&out))
}

/// `str.maketrans(x[, y[, z]])`: the table `translate` takes, from a dict of characters or
/// codes, or from two strs of equal length (and a third of characters to delete).
pub fn str_maketrans(args: Args) -> PyResult<Value> {
    arity("maketrans", &args, 1, 3)?;
    let table = new_dict();
    if args.npos == 1 {
        let Some(source) = args.get(0).downcast::<DictObj>() else {
            return type_error(
                "if you give only one argument to maketrans it must be a dict".into(),
            );
        };
        for (_, key, value) in entries(source) {
            let code = match (key.downcast::<StrObj>(), as_num(key)) {
                (Some(k), _) => match single_char(k.as_str()) {
                    Some(c) => new_int(c as i64),
                    None => {
                        return value_error(
                            "string keys in translate table must be of length 1".into(),
                        )
                    }
                },
                (None, Some(Num::Int(_) | Num::Big(_))) => key,
                _ => {
                    return type_error("keys in translate table must be strings or integers".into())
                }
            };
            dict_set(table, code, value)?;
        }
        return Ok(table.erase());
    }
    let Some(from) = args.get(0).downcast::<StrObj>() else {
        return type_error(
            "first maketrans argument must be a string if there is a second argument".into(),
        );
    };
    let to = str_arg(&args, 1, "maketrans")?;
    if from.chars != to.chars {
        return value_error("the first two maketrans arguments must have equal length".into());
    }
    for (x, y) in from.as_str().chars().zip(to.as_str().chars()) {
        dict_set(table, new_int(x as i64), new_int(y as i64))?;
    }
    if args.npos == 3 {
        for c in str_arg(&args, 2, "maketrans")?.as_str().chars() {
            dict_set(table, new_int(c as i64), none())?;
        }
    }
    Ok(table.erase())
}

/// The one character of `text`, if it has exactly one.
fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn str_method(id: Builtin, s: Gc<StrObj>, args: Args) -> PyResult<Value> {
    use Builtin::*;
    let name = builtin_name(id as i64);
    // CPython names the type in the errors of methods taking no or exactly one argument.
    let qualified = format!("str.{name}");
    let text = s.as_str();
    match id {
        StrEncode => {
            let [encoding, errors] =
                crate::runtime::builtins::bind(name, &args, ["encoding", "errors"], 2)?;
            let text_arg = |value: Value, what: &str| -> PyResult<String> {
                match derived::str_value(value) {
                    Some(s) => Ok(s.as_str().to_string()),
                    None => type_error(format!(
                        "encode() argument '{what}' must be str, not {}",
                        type_name(value)
                    )),
                }
            };
            let encoding = match encoding {
                Some(e) => text_arg(e, "encoding")?,
                None => "utf-8".into(),
            };
            let errors = match errors {
                Some(e) => text_arg(e, "errors")?,
                None => "strict".into(),
            };
            Ok(crate::runtime::bytes::new_bytes(
                &crate::runtime::codecs::encode(text, &encoding, &errors)?,
            ))
        }
        StrJoin => {
            arity(&qualified, &args, 1, 1)?;
            let items = collect(args.get(0))?;
            let mut out = String::new();
            for i in 0..items.len() {
                let item = items.get(i);
                let Some(part) = derived::str_value(item) else {
                    return type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        type_name(item)
                    ));
                };
                if i > 0 {
                    out.push_str(text);
                }
                out.push_str(part.as_str());
            }
            Ok(new_str(&out))
        }
        StrSplit | StrRsplit => {
            let [sep, max] = crate::runtime::builtins::bind(name, &args, ["sep", "maxsplit"], 2)?;
            let sep = match sep {
                Some(sep) if !is_none(sep) => Some(derived::str_value(sep).ok_or_else(|| {
                    exception(
                        TypeId::TypeError,
                        &format!("must be str or None, not {}", type_name(sep)),
                    )
                })?),
                _ => None,
            };
            let max = match max {
                Some(max) => int_arg(max, "")?,
                None => -1,
            };
            let max = if max < 0 { usize::MAX } else { max as usize };
            let sep = sep.as_ref().map(|sep| sep.as_str());
            if sep == Some("") {
                return value_error("empty separator".into());
            }
            Ok(str_list(
                split_text(text, sep, max, id == StrRsplit)
                    .into_iter()
                    .map(str::to_string),
            ))
        }
        StrStrip | StrLstrip | StrRstrip => {
            arity(name, &args, 0, 1)?;
            let chars = optional_str(&args, 0, name)?;
            let strip = |c: char| match &chars {
                Some(set) => set.contains(c),
                None => is_space(c),
            };
            let out = match id {
                StrStrip => text.trim_matches(strip),
                StrLstrip => text.trim_start_matches(strip),
                _ => text.trim_end_matches(strip),
            };
            Ok(new_str(out))
        }
        StrUpper | StrLower | StrSwapcase | StrTitle | StrCapitalize => {
            arity(&qualified, &args, 0, 0)?;
            let out: String = match id {
                StrUpper => text.to_uppercase(),
                StrLower => text.to_lowercase(),
                StrSwapcase => {
                    // Titlecase and uncased characters stay; a capital sigma after a
                    // cased character may end its word.
                    let mut out = String::new();
                    let mut previous_cased = false;
                    for (at, c) in text.char_indices() {
                        if c.is_uppercase() && previous_cased {
                            out.push_str(&unicode::lower_after_cased(text, at, c));
                        } else if c.is_uppercase() {
                            out.extend(c.to_lowercase());
                        } else if c.is_lowercase() {
                            out.extend(c.to_uppercase());
                        } else {
                            out.push(c);
                        }
                        previous_cased = unicode::is_cased(c);
                    }
                    out
                }
                StrTitle => {
                    let mut out = String::new();
                    let mut previous_cased = false;
                    for (at, c) in text.char_indices() {
                        match previous_cased {
                            true => out.push_str(&unicode::lower_after_cased(text, at, c)),
                            false => out.push_str(&unicode::to_title(c)),
                        }
                        previous_cased = unicode::is_cased(c);
                    }
                    out
                }
                _ => match text.chars().next() {
                    // The rest lowercased in the whole text's context (a final sigma).
                    Some(first) => {
                        let lower = text.to_lowercase();
                        let first_lower = first.to_lowercase().map(char::len_utf8).sum::<usize>();
                        unicode::to_title(first) + &lower[first_lower..]
                    }
                    None => String::new(),
                },
            };
            Ok(new_str(&out))
        }
        StrReplace => {
            arity(name, &args, 2, 3)?;
            let (old, new) = (str_arg(&args, 0, name)?, str_arg(&args, 1, name)?);
            let count = if args.npos == 3 {
                int_arg(args.get(2), "")?
            } else {
                -1
            };
            let out = if count < 0 {
                text.replace(old.as_str(), new.as_str())
            } else {
                text.replacen(old.as_str(), new.as_str(), count as usize)
            };
            Ok(new_str(&out))
        }
        StrStartswith | StrEndswith => {
            arity(name, &args, 1, 3)?;
            let prefixes = args.get(0);
            let window = char_window(&s, &args, 1)?;
            let check = |p: &str| match window {
                None => false,
                Some((_, w)) if id == StrStartswith => w.starts_with(p),
                Some((_, w)) => w.ends_with(p),
            };
            if let Some(tuple) = prefixes.downcast::<TupleObj>() {
                for i in 0..tuple.items.len() {
                    let item = tuple.items.get(i);
                    let Some(p) = derived::str_value(item) else {
                        return type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            type_name(item)
                        ));
                    };
                    if check(p.as_str()) {
                        return Ok(new_bool(true));
                    }
                }
                return Ok(new_bool(false));
            }
            let Some(p) = derived::str_value(prefixes) else {
                return type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    type_name(prefixes)
                ));
            };
            Ok(new_bool(check(p.as_str())))
        }
        StrFind | StrRfind | StrIndex | StrRindex => {
            arity(name, &args, 1, 3)?;
            let needle = needle_arg(&args, 0)?;
            let found = char_window(&s, &args, 1)?.and_then(|(start, w)| {
                let at = match id {
                    StrRfind | StrRindex => w.rfind(needle.as_str()),
                    _ => w.find(needle.as_str()),
                }?;
                Some(start + w[..at].chars().count())
            });
            match found {
                Some(at) => Ok(new_int(at as i64)),
                None if matches!(id, StrIndex | StrRindex) => {
                    value_error("substring not found".into())
                }
                None => Ok(new_int(-1)),
            }
        }
        StrCount => {
            arity(name, &args, 1, 3)?;
            let needle = needle_arg(&args, 0)?;
            let n = match char_window(&s, &args, 1)? {
                None => 0,
                Some((_, w)) if needle.as_str().is_empty() => w.chars().count() + 1,
                Some((_, w)) => w.matches(needle.as_str()).count(),
            };
            Ok(new_int(n as i64))
        }
        StrIsdigit | StrIsalpha | StrIsspace | StrIsalnum | StrIsdecimal | StrIsnumeric => {
            arity(&qualified, &args, 0, 0)?;
            let test: fn(char) -> bool = match id {
                StrIsdigit => unicode::is_digit,
                StrIsdecimal => unicode::is_decimal,
                StrIsnumeric => unicode::is_numeric,
                StrIsalpha => char::is_alphabetic,
                StrIsspace => is_space,
                _ => |c| c.is_alphanumeric() || unicode::is_numeric(c),
            };
            Ok(new_bool(!text.is_empty() && text.chars().all(test)))
        }
        StrIsascii | StrIsprintable => {
            arity(&qualified, &args, 0, 0)?;
            let test: fn(char) -> bool = match id {
                StrIsascii => |c| c.is_ascii(),
                _ => unicode::is_printable,
            };
            Ok(new_bool(text.chars().all(test)))
        }
        StrIsidentifier => {
            arity(&qualified, &args, 0, 0)?;
            let mut chars = text.chars();
            let ok = chars
                .next()
                .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
                && chars.all(unicode_ident::is_xid_continue);
            Ok(new_bool(ok))
        }
        StrCasefold => {
            arity(&qualified, &args, 0, 0)?;
            Ok(new_str(
                &text.chars().map(unicode::case_fold).collect::<String>(),
            ))
        }
        StrRemoveprefix | StrRemovesuffix => {
            arity(&qualified, &args, 1, 1)?;
            let Some(affix) = derived::str_value(args.get(0)) else {
                let given = match is_none(args.get(0)) {
                    true => "None".to_string(),
                    false => type_name(args.get(0)),
                };
                return type_error(format!("{name}() argument must be str, not {given}"));
            };
            let rest = match id {
                StrRemoveprefix => text.strip_prefix(affix.as_str()),
                _ => text.strip_suffix(affix.as_str()),
            };
            Ok(rest.map_or(s.erase(), new_str))
        }
        StrExpandtabs => {
            let [tabsize] = crate::runtime::builtins::bind(name, &args, ["tabsize"], 1)?;
            let tabsize = match tabsize {
                Some(t) => int_arg(t, "")?,
                None => 8,
            };
            if i32::try_from(tabsize).is_err() {
                return Err(exception(
                    TypeId::OverflowError,
                    "Python int too large to convert to C int",
                ));
            }
            let mut out = String::with_capacity(text.len());
            let mut column = 0i64;
            for c in text.chars() {
                match c {
                    '\t' if tabsize > 0 => {
                        let spaces = tabsize - column % tabsize;
                        check_result_size(out.len() + spaces as usize)?;
                        out.extend(std::iter::repeat_n(' ', spaces as usize));
                        column += spaces;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        column = 0;
                    }
                    c => {
                        out.push(c);
                        column += 1;
                    }
                }
            }
            Ok(new_str(&out))
        }
        StrTranslate => {
            arity(&qualified, &args, 1, 1)?;
            translate(text, args.get(0))
        }
        StrIsupper | StrIslower => {
            arity(&qualified, &args, 0, 0)?;
            // At least one cased character, none of the other case nor titlecase.
            let (wanted, other): (fn(char) -> bool, fn(char) -> bool) = match id {
                StrIsupper => (char::is_uppercase, char::is_lowercase),
                _ => (char::is_lowercase, char::is_uppercase),
            };
            let ok = text.chars().any(wanted)
                && !text.chars().any(|c| other(c) || unicode::is_titlecase(c));
            Ok(new_bool(ok))
        }
        StrIstitle => {
            arity(&qualified, &args, 0, 0)?;
            // Uppercase and titlecase only after uncased characters, lowercase only after
            // cased ones, and at least one cased character.
            let (mut previous_cased, mut cased) = (false, false);
            for c in text.chars() {
                if c.is_uppercase() || unicode::is_titlecase(c) {
                    if previous_cased {
                        return Ok(new_bool(false));
                    }
                    (previous_cased, cased) = (true, true);
                } else if c.is_lowercase() {
                    if !previous_cased {
                        return Ok(new_bool(false));
                    }
                    (previous_cased, cased) = (true, true);
                } else {
                    previous_cased = false;
                }
            }
            Ok(new_bool(cased))
        }
        StrCenter | StrLjust | StrRjust => {
            arity(name, &args, 1, 2)?;
            let width = int_arg(args.get(0), "")?.max(0) as usize;
            let fill = if args.npos == 2 {
                let f = str_arg(&args, 1, name)?;
                let mut chars = f.as_str().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => {
                        return type_error(
                            "The fill character must be exactly one character long".into(),
                        )
                    }
                }
            } else {
                ' '
            };
            let len = s.chars as usize;
            if width <= len {
                return Ok(s.erase());
            }
            let pad = width - len;
            check_result_size(text.len() + pad * fill.len_utf8())?;
            let (left, right) = match id {
                StrLjust => (0, pad),
                StrRjust => (pad, 0),
                _ => {
                    let left = pad / 2 + (pad & width & 1);
                    (left, pad - left)
                }
            };
            let f = |n: usize| fill.to_string().repeat(n);
            Ok(new_str(&format!("{}{text}{}", f(left), f(right))))
        }
        StrZfill => {
            arity(&qualified, &args, 1, 1)?;
            let width = int_arg(args.get(0), "")?.max(0) as usize;
            let len = s.chars as usize;
            if width <= len {
                return Ok(s.erase());
            }
            check_result_size(text.len() + width - len)?;
            let (sign, digits) = match text.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &text[1..]),
                _ => (String::new(), text),
            };
            Ok(new_str(&format!(
                "{sign}{}{digits}",
                "0".repeat(width - len)
            )))
        }
        StrSplitlines => {
            if args.npos > 1 {
                return type_error(format!(
                    "splitlines() takes at most 1 argument ({} given)",
                    args.npos + args.nkw()
                ));
            }
            let keepends = match keyword(name, &args, &["keepends"], "keepends")? {
                Some(k) => is_true(k)?,
                None if args.npos == 1 => is_true(args.get(0))?,
                None => false,
            };
            Ok(str_list(split_lines(text).map(
                |(line, end)| match keepends {
                    true => format!("{line}{end}"),
                    false => line.to_string(),
                },
            )))
        }
        StrPartition | StrRpartition => {
            arity(&qualified, &args, 1, 1)?;
            let sep = needle_arg(&args, 0)?;
            if sep.as_str().is_empty() {
                return value_error("empty separator".into());
            }
            let found = match id {
                StrPartition => text.split_once(sep.as_str()),
                _ => text.rsplit_once(sep.as_str()),
            };
            let parts = GcVec::with_capacity(3);
            match found {
                Some((before, after)) => {
                    parts.push(new_str(before));
                    parts.push(sep.erase());
                    parts.push(new_str(after));
                }
                None if id == StrPartition => {
                    parts.push(s.erase());
                    parts.push(new_str(""));
                    parts.push(new_str(""));
                }
                None => {
                    parts.push(new_str(""));
                    parts.push(new_str(""));
                    parts.push(s.erase());
                }
            }
            Ok(new_tuple(parts))
        }
        StrFormat => crate::runtime::strformat::str_format(text, &args),
        StrFormatMap => {
            arity(&qualified, &args, 1, 1)?;
            crate::runtime::strformat::str_format_map(text, args.get(0))
        }
        _ => type_error(format!("'{name}' is not a str method")),
    }
}

fn list_method(id: Builtin, list: Gc<ListObj>, args: Args) -> PyResult<Value> {
    use Builtin::*;
    let name = builtin_name(id as i64);
    let items = list.items;
    match id {
        ListAppend => {
            arity(name, &args, 1, 1)?;
            items.push(args.get(0));
            Ok(none())
        }
        ListPop => {
            arity(name, &args, 0, 1)?;
            if items.is_empty() {
                return index_error("pop from empty list");
            }
            let i = if args.npos == 1 {
                int_arg(args.get(0), "")?
            } else {
                -1
            };
            let j = if i < 0 { i + items.len() as i64 } else { i };
            if j < 0 || j >= items.len() as i64 {
                return index_error("pop index out of range");
            }
            Ok(items.remove(j as usize))
        }
        ListExtend => {
            arity(name, &args, 1, 1)?;
            let source = args.get(0);
            let extra = collect(source)?;
            for i in 0..extra.len() {
                items.push(extra.get(i));
            }
            Ok(none())
        }
        ListInsert => {
            arity(name, &args, 2, 2)?;
            let i = int_arg(args.get(0), "")?;
            let len = items.len() as i64;
            let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
            items.insert(at as usize, args.get(1));
            Ok(none())
        }
        ListRemove => {
            arity(name, &args, 1, 1)?;
            for i in 0..items.len() {
                if values_equal(items.get(i), args.get(0))? {
                    items.remove(i);
                    return Ok(none());
                }
            }
            value_error("list.remove(x): x not in list".into())
        }
        ListIndex | ListCount => sequence_search(
            id == ListIndex,
            "list",
            items.len(),
            |i| items.get(i),
            &args,
        ),
        ListReverse => {
            arity(name, &args, 0, 0)?;
            let len = items.len();
            for i in 0..len / 2 {
                let (a, b) = (items.get(i), items.get(len - 1 - i));
                items.set(i, b);
                items.set(len - 1 - i, a);
            }
            Ok(none())
        }
        ListSort => {
            if args.npos > 0 {
                return type_error("sort() takes no positional arguments".into());
            }
            let (key, reverse) = sort_options(&args)?;
            // As in CPython, the list looks empty while it is sorted, and a change made to
            // it meanwhile (by a key or a comparison) is undone and an error.
            let saved = GcVec::with_capacity(items.len());
            for i in 0..items.len() {
                saved.push(items.get(i));
            }
            items.clear();
            let sorted = sort_items(saved, key, reverse);
            let modified = !items.is_empty();
            items.clear();
            for i in 0..saved.len() {
                items.push(saved.get(i));
            }
            sorted?;
            if modified {
                return value_error("list modified during sort".into());
            }
            Ok(none())
        }
        ListCopy => {
            arity(name, &args, 0, 0)?;
            Ok(new_list(collect(list.erase())?))
        }
        ListClear => {
            arity(name, &args, 0, 0)?;
            items.clear();
            Ok(none())
        }
        _ => type_error(format!("'{name}' is not a list method")),
    }
}

/// The `key` and `reverse` keywords of `list.sort` (and `sorted`).
pub fn sort_options(args: &Args) -> PyResult<(Option<Value>, bool)> {
    let key = keyword("sort", args, &["key", "reverse"], "key")?;
    let reverse = match keyword("sort", args, &["key", "reverse"], "reverse")? {
        Some(r) => int_arg(r, "")? != 0,
        None => false,
    };
    Ok((key, reverse))
}

/// Sorts `items` in place as CPython's `list.sort` does (`timsort.rs`): by `key` (if not
/// None), descending if `reverse` (the items reversed before and after a stable sort);
/// when a comparison fails, the items are left as CPython leaves them.
pub fn sort_items(items: Gc<GcVec<Value>>, key: Option<Value>, reverse: bool) -> PyResult<()> {
    let keys = GcVec::with_capacity(items.len());
    for i in 0..items.len() {
        keys.push(match key {
            Some(k) if !is_none(k) => call_simple(k, &[items.get(i)])?,
            _ => items.get(i),
        });
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    let result = crate::runtime::timsort::sort(&mut order, &mut |a, b| {
        compare(CompareKind::Lt, keys.get(a), keys.get(b)).and_then(is_true)
    });
    if reverse {
        order.reverse();
    }
    let sorted = GcVec::with_capacity(items.len());
    for &i in &order {
        sorted.push(items.get(i));
    }
    for i in 0..order.len() {
        items.set(i, sorted.get(i));
    }
    result
}

fn dict_method(id: Builtin, dict: Gc<DictObj>, args: Args) -> PyResult<Value> {
    use Builtin::*;
    let name = builtin_name(id as i64);
    let view = |kind: IterKind| {
        Gc::new(DictViewObj {
            dict,
            kind: kind as i64,
        })
        .erase()
    };
    match id {
        DictGet => {
            arity(name, &args, 1, 2)?;
            let default = if args.npos == 2 { args.get(1) } else { none() };
            Ok(dict_get(dict, args.get(0))?.unwrap_or(default))
        }
        DictKeys => {
            arity(name, &args, 0, 0)?;
            Ok(view(IterKind::DictKeys))
        }
        DictValues => {
            arity(name, &args, 0, 0)?;
            Ok(view(IterKind::DictValues))
        }
        DictItems => {
            arity(name, &args, 0, 0)?;
            Ok(view(IterKind::DictItems))
        }
        DictPop => {
            arity(name, &args, 1, 2)?;
            match dict_remove(dict, args.get(0))? {
                Some(value) => Ok(value),
                None if args.npos == 2 => Ok(args.get(1)),
                None => Err(crate::runtime::exceptions::key_error(args.get(0))),
            }
        }
        DictPopitem => {
            arity(name, &args, 0, 0)?;
            let table = dict.table;
            let last = (0..table.entry_slots())
                .rev()
                .find_map(|slot| table.entry_at(slot));
            let Some((key, value)) = last else {
                return Err(exception(
                    TypeId::KeyError,
                    "popitem(): dictionary is empty",
                ));
            };
            dict_remove(dict, key)?;
            let pair = GcVec::with_capacity(2);
            pair.push(key);
            pair.push(value);
            Ok(new_tuple(pair))
        }
        DictSetdefault => {
            arity(name, &args, 1, 2)?;
            if let Some(value) = dict_get(dict, args.get(0))? {
                return Ok(value);
            }
            let default = if args.npos == 2 { args.get(1) } else { none() };
            dict_set(dict, args.get(0), default)?;
            Ok(default)
        }
        DictUpdate => {
            if args.npos > 1 {
                return type_error(format!(
                    "update expected at most 1 argument, got {}",
                    args.npos
                ));
            }
            if args.npos == 1 {
                update_from(dict, args.get(0))?;
            }
            args.store_keywords(dict)?;
            Ok(none())
        }
        DictCopy => {
            arity(name, &args, 0, 0)?;
            let copy = new_dict();
            for (_, key, value) in entries(dict) {
                dict_set(copy, key, value)?;
            }
            Ok(copy.erase())
        }
        DictClear => {
            arity(name, &args, 0, 0)?;
            let keys = GcVec::new();
            for (_, key, _) in entries(dict) {
                keys.push(key);
            }
            for i in 0..keys.len() {
                dict_remove(dict, keys.get(i))?;
            }
            Ok(none())
        }
        _ => type_error(format!("'{name}' is not a dict method")),
    }
}

/// `dict.fromkeys(iterable, value=None)` (called on the class or on a dict): a new dict with
/// the items of `iterable` as keys, each with `value`.
pub fn dict_fromkeys(args: Args) -> PyResult<Value> {
    arity("fromkeys", &args, 1, 2)?;
    let value = if args.npos == 2 { args.get(1) } else { none() };
    let dict = new_dict();
    let keys = collect(args.get(0))?;
    for i in 0..keys.len() {
        dict_set(dict, keys.get(i), value)?;
    }
    Ok(dict.erase())
}
