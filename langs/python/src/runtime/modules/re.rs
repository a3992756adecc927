//! The `re` module: `compile` and the module-level functions, `Pattern` and `Match`
//! objects, `re.error`, the flags and the compile cache, over jitpy's own engine
//! (`crate::runtime::regex`), as CPython 3.11's.

use std::rc::Rc;

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::{bind, int_arg, Builtin};
use crate::runtime::bytes::new_bytes;
use crate::runtime::call::{call_simple, Args};
use crate::runtime::dict::{dict_get, dict_set, dict_set_str, new_dict};
use crate::runtime::objects::*;
use crate::runtime::regex::matcher::{Goal, Matcher, UNSET};
use crate::runtime::regex::template::{parse_template, Piece, TemplateError};
use crate::runtime::regex::{self, Regex};
use crate::runtime::signals;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// The compiled program of a `Pattern` (no GC references).
pub struct Compiled(pub Rc<Regex>);

// SAFETY: a `Regex` holds instructions and names, no GC references.
unsafe impl jitgen_core::gc::Trace for Compiled {}

/// Where a successful match's groups are.
pub struct Spans {
    /// The registers: group spans in code points (`UNSET` when a group did not match),
    /// then the last closed group.
    regs: Box<[usize]>,
    /// The group spans as offsets into the subject's UTF-8 text or bytes.
    bytes: Box<[usize]>,
}

// SAFETY: positions only.
unsafe impl jitgen_core::gc::Trace for Spans {}

/// The functions of `re`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::ReCompile,
    Builtin::ReMatch,
    Builtin::ReFullmatch,
    Builtin::ReSearch,
    Builtin::ReFindall,
    Builtin::ReFinditer,
    Builtin::ReSub,
    Builtin::ReSubn,
    Builtin::ReSplit,
    Builtin::ReEscape,
    Builtin::RePurge,
];

/// The methods of `Pattern` objects (the functions of the same names).
pub const PATTERN_METHODS: &[Builtin] = &[
    Builtin::ReMatch,
    Builtin::ReFullmatch,
    Builtin::ReSearch,
    Builtin::ReFindall,
    Builtin::ReFinditer,
    Builtin::ReSub,
    Builtin::ReSubn,
    Builtin::ReSplit,
];

/// The methods of `Match` objects.
pub const MATCH_METHODS: &[Builtin] = &[
    Builtin::MatchGroup,
    Builtin::MatchGroups,
    Builtin::MatchGroupdict,
    Builtin::MatchStart,
    Builtin::MatchEnd,
    Builtin::MatchSpan,
    Builtin::MatchExpand,
];

/// The flags with their names, in the order a pattern's `repr` lists them.
const FLAGS: [(&str, i64); 9] = [
    ("TEMPLATE", 1),
    ("IGNORECASE", regex::FLAG_IGNORECASE),
    ("LOCALE", regex::FLAG_LOCALE),
    ("MULTILINE", regex::FLAG_MULTILINE),
    ("DOTALL", regex::FLAG_DOTALL),
    ("UNICODE", regex::FLAG_UNICODE),
    ("VERBOSE", regex::FLAG_VERBOSE),
    ("DEBUG", regex::FLAG_DEBUG),
    ("ASCII", regex::FLAG_ASCII),
];

/// The Python source of `re.RegexFlag` and the flag constants.
const FLAGS_SOURCE: &str = include_str!("re_flags.py");

/// How many compiled patterns the cache keeps before it is emptied.
const CACHE_SIZE: usize = 512;

/// Fills `re`'s namespace: the flags (`FLAGS_SOURCE` run in it), `error`, `Pattern`,
/// `Match` and the cache.
pub fn fill(dict: Gc<DictObj>) {
    if let Ok(unit) = crate::front::compile(FLAGS_SOURCE) {
        let ctx = ctx();
        let code = crate::runtime::load::load_code(&unit, "<re>");
        let frame = Frame::new(code, ctx, dict, None);
        // The source defines a class and constants: it raises nothing.
        let _ = crate::runtime::call::run_frame(code, frame, ctx);
    }
    dict_set_str(dict, "error", builtin_type(TypeId::ReError).erase());
    dict_set_str(dict, "Pattern", builtin_type(TypeId::Pattern).erase());
    dict_set_str(dict, "Match", builtin_type(TypeId::Match).erase());
    dict_set_str(dict, "_cache", new_dict().erase());
}

/// A str's or bytes-like object's code points (`true` for a str).
fn code_points(value: Value) -> Option<(Vec<u32>, bool)> {
    let value = crate::runtime::derived::builtin_value(value);
    if let Some(s) = value.downcast::<StrObj>() {
        return Some((s.as_str().chars().map(|c| c as u32).collect(), true));
    }
    let bytes = crate::runtime::bytes::bytes_of(value)?;
    Some((bytes.into_iter().map(u32::from).collect(), false))
}

/// A str (`text`) or bytes value of code points.
fn make_value(points: &[u32], text: bool) -> Value {
    if text {
        let s: String = points
            .iter()
            .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
            .collect();
        new_str(&s)
    } else {
        let bytes: Vec<u8> = points.iter().map(|&c| c as u8).collect();
        new_bytes(&bytes)
    }
}

/// The `re.error` of a pattern (or template) that does not compile.
fn compile_error(error: &regex::Error, pattern: Value, src: &[u32]) -> Gc<InstanceObj> {
    if error.overflow {
        return exception(TypeId::OverflowError, &error.msg);
    }
    let mut message = error.msg.clone();
    let (mut line, mut column) = (none(), none());
    if let Some(pos) = error.pos {
        let newline = '\n' as u32;
        let before = &src[..pos.min(src.len())];
        let lineno = before.iter().filter(|&&c| c == newline).count() + 1;
        let colno = match before.iter().rposition(|&c| c == newline) {
            Some(at) => pos - at,
            None => pos + 1,
        };
        message = format!("{message} at position {pos}");
        if src.contains(&newline) {
            message = format!("{message} (line {lineno}, column {colno})");
        }
        line = new_int(lineno as i64);
        column = new_int(colno as i64);
    }
    let instance = exception(TypeId::ReError, &message);
    dict_set_str(instance.dict, "msg", new_str(&error.msg));
    // Errors found after parsing (lookbehind widths) carry no pattern, as CPython's.
    let pattern = if error.pos.is_some() { pattern } else { none() };
    dict_set_str(instance.dict, "pattern", pattern);
    let pos = error.pos.map_or_else(none, |p| new_int(p as i64));
    dict_set_str(instance.dict, "pos", pos);
    dict_set_str(instance.dict, "lineno", line);
    dict_set_str(instance.dict, "colno", column);
    instance
}

/// The namespace of the `re` module, if it is imported.
fn module_dict() -> Option<Gc<DictObj>> {
    let module = crate::runtime::dict::dict_get_str(ctx().modules, "re")?;
    Some(module.downcast::<ModuleObj>()?.dict)
}

/// The compile cache (`re._cache`), if there is one.
fn cache() -> Option<Gc<DictObj>> {
    crate::runtime::dict::dict_get_str(module_dict()?, "_cache")?.downcast::<DictObj>()
}

/// Empties the compile cache (`re.purge`).
fn purge() {
    if let Some(dict) = module_dict() {
        dict_set_str(dict, "_cache", new_dict().erase());
    }
}

/// `re.compile(pattern, flags)`: a `Pattern`, from the cache when it has one.
fn compile(pattern: Value, flags: Value) -> PyResult<Gc<PatternObj>> {
    if let Some(compiled) = pattern.downcast::<PatternObj>() {
        if int_arg(flags, "")? != 0 {
            return value_error("cannot process flags argument with a compiled pattern".into());
        }
        return Ok(compiled);
    }
    let flags = int_arg(flags, "")?;
    let Some((src, text)) = code_points(pattern) else {
        return type_error("first argument must be string or compiled pattern".into());
    };
    let items = GcVec::new();
    items.push(pattern);
    items.push(new_int(flags));
    items.push(new_bool(text));
    let key = new_tuple(items);
    let cache = cache();
    if let Some(cache) = cache {
        if let Some(found) = dict_get(cache, key)?.and_then(|v| v.downcast::<PatternObj>()) {
            return Ok(found);
        }
    }
    if text {
        if flags & regex::FLAG_LOCALE != 0 {
            return value_error("cannot use LOCALE flag with a str pattern".into());
        }
        if flags & regex::FLAG_ASCII != 0 && flags & regex::FLAG_UNICODE != 0 {
            return value_error("ASCII and UNICODE flags are incompatible".into());
        }
    } else {
        if flags & regex::FLAG_UNICODE != 0 {
            return value_error("cannot use UNICODE flag with a bytes pattern".into());
        }
        if flags & regex::FLAG_ASCII != 0 && flags & regex::FLAG_LOCALE != 0 {
            return value_error("ASCII and LOCALE flags are incompatible".into());
        }
    }
    let compiled =
        regex::compile(&src, flags, text).map_err(|error| compile_error(&error, pattern, &src))?;
    let groupindex = new_dict();
    for (name, index) in &compiled.names {
        dict_set_str(groupindex, name, new_int(*index as i64));
    }
    let object = Gc::new(PatternObj {
        pattern,
        groupindex,
        regex: Compiled(Rc::new(compiled)),
    });
    if let Some(mut cache) = cache {
        if crate::runtime::dict::entries(cache).count() >= CACHE_SIZE {
            purge();
            cache = match self::cache() {
                Some(cache) => cache,
                None => return Ok(object),
            };
        }
        dict_set(cache, key, object.erase())?;
    }
    Ok(object)
}

/// A required argument, or the `TypeError` of its absence (`method`: a method's words).
fn required(
    value: Option<Value>,
    fname: &str,
    name: &str,
    pos: usize,
    method: bool,
) -> PyResult<Value> {
    match value {
        Some(value) => Ok(value),
        None if method => type_error(format!(
            "{fname}() missing required argument '{name}' (pos {pos})"
        )),
        None => type_error(format!(
            "{fname}() missing 1 required positional argument: '{name}'"
        )),
    }
}

/// The subject of a search: its code points, checked against the pattern's kind.
fn subject(pattern: Gc<PatternObj>, string: Value) -> PyResult<Vec<u32>> {
    let Some((points, text)) = code_points(string) else {
        return type_error(format!(
            "expected string or bytes-like object, got '{}'",
            type_name(string)
        ));
    };
    let pattern_text = pattern.pattern.is::<StrObj>()
        || crate::runtime::derived::builtin_value(pattern.pattern).is::<StrObj>();
    match (pattern_text, text) {
        (true, false) => type_error("cannot use a string pattern on a bytes-like object".into()),
        (false, true) => type_error("cannot use a bytes pattern on a string-like object".into()),
        _ => Ok(points),
    }
}

/// Whether a pattern is a str pattern.
fn is_text(pattern: Gc<PatternObj>) -> bool {
    !crate::runtime::bytes::is_bytes_like(crate::runtime::derived::builtin_value(pattern.pattern))
}

/// `pos` and `endpos` arguments clamped to the text, as CPython's.
fn bounds(pos: Option<Value>, endpos: Option<Value>, len: usize) -> PyResult<(usize, usize)> {
    let clamp = |value: Option<Value>, default: usize| -> PyResult<usize> {
        match value {
            None => Ok(default),
            Some(v) => Ok(int_arg(v, "")?.clamp(0, len as i64) as usize),
        }
    };
    Ok((clamp(pos, 0)?, clamp(endpos, len)?))
}

/// The offsets in a subject's UTF-8 text of its code points (`None`: the same numbers,
/// an ASCII str or a bytes-like object), so a match slices its groups out directly.
struct Offsets(Option<Vec<usize>>);

impl Offsets {
    fn of(string: Value) -> Offsets {
        let string = crate::runtime::derived::builtin_value(string);
        let table = string
            .downcast::<StrObj>()
            .filter(|s| s.chars as usize != s.bytes.len())
            .map(|s| {
                let text = s.as_str();
                let mut table: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
                table.push(text.len());
                table
            });
        Offsets(table)
    }

    fn at(&self, index: usize) -> usize {
        match &self.0 {
            Some(table) if index != UNSET => table[index],
            _ => index,
        }
    }
}

/// A `Match` of the matcher's registers.
fn new_match(
    pattern: Gc<PatternObj>,
    string: Value,
    (pos, endpos): (usize, usize),
    registers: &[usize],
    offsets: &Offsets,
) -> Value {
    let groups = pattern.regex.0.program.groups;
    let slots = 2 * (groups + 1);
    let bytes = registers[..slots].iter().map(|&r| offsets.at(r)).collect();
    Gc::new(MatchObj {
        pattern,
        string,
        pos: pos as i64,
        endpos: endpos as i64,
        spans: Spans {
            regs: registers[..=slots].into(),
            bytes,
        },
    })
    .erase()
}

/// What `match`, `fullmatch` or `search` (`id`) finds.
fn find_one(
    id: Builtin,
    pattern: Gc<PatternObj>,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<Value> {
    let points = subject(pattern, string)?;
    let (pos, endpos) = bounds(pos, endpos, points.len())?;
    if pos > endpos {
        return Ok(none());
    }
    let regex = pattern.regex.0.clone();
    let mut matcher = Matcher::new(&regex.program, &points[..endpos]);
    let goal = Goal {
        full: id == Builtin::ReFullmatch,
        nonempty: false,
    };
    let found = if id == Builtin::ReSearch {
        matcher.search(pos, goal)
    } else {
        matcher.match_at(pos, goal)
    };
    if matcher.interrupted {
        signals::check()?;
    }
    Ok(if found {
        new_match(
            pattern,
            string,
            (pos, endpos),
            &matcher.registers,
            &Offsets::of(string),
        )
    } else {
        none()
    })
}

/// Calls `each` with the registers of every match in `points[pos..endpos]` from left
/// to right (an empty match never right where the previous one ended empty), up to
/// `limit` matches (0: all); `each` returns whether to go on.
fn each_match(
    pattern: Gc<PatternObj>,
    points: &[u32],
    pos: usize,
    endpos: usize,
    limit: i64,
    mut each: impl FnMut(&[usize]) -> PyResult<()>,
) -> PyResult<i64> {
    if pos > endpos {
        return Ok(0);
    }
    let regex = pattern.regex.0.clone();
    let mut matcher = Matcher::new(&regex.program, &points[..endpos]);
    let mut at = pos;
    let mut nonempty = false;
    let mut count = 0;
    while limit == 0 || count < limit {
        if !matcher.search(
            at,
            Goal {
                full: false,
                nonempty,
            },
        ) {
            if matcher.interrupted {
                signals::check()?;
            }
            break;
        }
        let (start, end) = (matcher.registers[0], matcher.registers[1]);
        each(&matcher.registers)?;
        count += 1;
        nonempty = start == end;
        at = end;
    }
    Ok(count)
}

/// The value of group `g` of registers `regs` (`default` if it did not match).
fn group_value(regs: &[usize], g: usize, points: &[u32], text: bool, default: Value) -> Value {
    let (start, end) = (regs[2 * g], regs[2 * g + 1]);
    if start == UNSET || end == UNSET {
        default
    } else {
        make_value(&points[start..end], text)
    }
}

/// `findall`: the matches, their group or their groups' tuples.
fn findall(
    pattern: Gc<PatternObj>,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<Value> {
    let points = subject(pattern, string)?;
    let (pos, endpos) = bounds(pos, endpos, points.len())?;
    let text = is_text(pattern);
    let groups = pattern.regex.0.program.groups;
    let results = GcVec::new();
    let empty = make_value(&[], text);
    each_match(pattern, &points, pos, endpos, 0, |regs| {
        let item = match groups {
            0 => group_value(regs, 0, &points, text, empty),
            1 => group_value(regs, 1, &points, text, empty),
            _ => {
                let items = GcVec::new();
                for g in 1..=groups {
                    items.push(group_value(regs, g, &points, text, empty));
                }
                new_tuple(items)
            }
        };
        results.push(item);
        Ok(())
    })?;
    Ok(new_list(results))
}

/// `finditer`: an iterator over the `Match`es (found when it is made).
fn finditer(
    pattern: Gc<PatternObj>,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<Value> {
    let points = subject(pattern, string)?;
    let (pos, endpos) = bounds(pos, endpos, points.len())?;
    let results = GcVec::new();
    let offsets = Offsets::of(string);
    each_match(pattern, &points, pos, endpos, 0, |regs| {
        results.push(new_match(pattern, string, (pos, endpos), regs, &offsets));
        Ok(())
    })?;
    crate::runtime::iter::get_iter(new_list(results))
}

/// `split`: the text between matches, with the groups of each match.
fn split(pattern: Gc<PatternObj>, string: Value, maxsplit: Option<Value>) -> PyResult<Value> {
    let points = subject(pattern, string)?;
    let maxsplit = maxsplit.map(|m| int_arg(m, "")).transpose()?.unwrap_or(0);
    let text = is_text(pattern);
    let groups = pattern.regex.0.program.groups;
    let results = GcVec::new();
    if maxsplit < 0 {
        results.push(make_value(&points, text));
        return Ok(new_list(results));
    }
    let mut last = 0;
    each_match(pattern, &points, 0, points.len(), maxsplit, |regs| {
        results.push(make_value(&points[last..regs[0]], text));
        for g in 1..=groups {
            results.push(group_value(regs, g, &points, text, none()));
        }
        last = regs[1];
        Ok(())
    })?;
    results.push(make_value(&points[last..], text));
    Ok(new_list(results))
}

/// A parsed template, or its error.
fn template(pattern: Gc<PatternObj>, repl: Value, src: &[u32]) -> PyResult<Vec<Piece>> {
    let regex = &pattern.regex.0;
    parse_template(src, regex.program.groups, &regex.names).map_err(|error| match error {
        TemplateError::Syntax(error) => compile_error(&error, repl, src),
        TemplateError::UnknownName(name) => exception(
            TypeId::IndexError,
            &format!(
                "unknown group name {}",
                crate::runtime::format::str_repr(&name)
            ),
        ),
    })
}

/// Appends a template's expansion for registers `regs` to `out`.
fn expand_into(out: &mut Vec<u32>, pieces: &[Piece], regs: &[usize], points: &[u32]) {
    for piece in pieces {
        match piece {
            Piece::Literal(text) => out.extend_from_slice(text),
            Piece::Group(g) => {
                let (start, end) = (regs[2 * g], regs[2 * g + 1]);
                if start != UNSET && end != UNSET {
                    out.extend_from_slice(&points[start..end]);
                }
            }
        }
    }
}

/// `sub` and `subn`.
fn sub(
    pattern: Gc<PatternObj>,
    repl: Value,
    string: Value,
    count: Option<Value>,
    with_count: bool,
) -> PyResult<Value> {
    let points = subject(pattern, string)?;
    let count = count.map(|c| int_arg(c, "")).transpose()?.unwrap_or(0);
    let text = is_text(pattern);
    let pieces = match code_points(repl) {
        Some((src, repl_text)) => {
            if repl_text != text {
                return type_error(format!(
                    "expected {} instance, {} found",
                    if text { "str" } else { "a bytes-like object" },
                    type_name(repl)
                ));
            }
            Some(template(pattern, repl, &src)?)
        }
        None if crate::runtime::builtins::is_callable(repl) => None,
        None => return Err(not_bytes_like(repl)),
    };
    let mut out = Vec::with_capacity(points.len());
    let mut last = 0;
    let offsets = match pieces {
        Some(_) => Offsets(None),
        None => Offsets::of(string),
    };
    let n = if count < 0 {
        0
    } else {
        each_match(pattern, &points, 0, points.len(), count, |regs| {
            out.extend_from_slice(&points[last..regs[0]]);
            match &pieces {
                Some(pieces) => expand_into(&mut out, pieces, regs, &points),
                None => {
                    let m = new_match(pattern, string, (0, points.len()), regs, &offsets);
                    let result = call_simple(repl, &[m])?;
                    if !is_none(result) {
                        match code_points(result) {
                            Some((piece, piece_text)) if piece_text == text => out.extend(piece),
                            _ => {
                                return type_error(format!(
                                    "expected {} instance, {} found",
                                    if text { "str" } else { "a bytes-like object" },
                                    type_name(result)
                                ))
                            }
                        }
                    }
                }
            }
            last = regs[1];
            Ok(())
        })?
    };
    out.extend_from_slice(&points[last..]);
    let result = make_value(&out, text);
    if !with_count {
        return Ok(result);
    }
    let items = GcVec::new();
    items.push(result);
    items.push(new_int(n));
    Ok(new_tuple(items))
}

/// The `TypeError` of a replacement or `escape` argument that is no str or bytes (what
/// CPython's decoding of it as bytes says).
fn not_bytes_like(value: Value) -> Gc<InstanceObj> {
    exception(
        TypeId::TypeError,
        &format!(
            "decoding to str: need a bytes-like object, {} found",
            type_name(value)
        ),
    )
}

/// `re.escape`: the pattern with its special characters backslashed.
fn escape(pattern: Value) -> PyResult<Value> {
    let Some((points, text)) = code_points(pattern) else {
        return Err(not_bytes_like(pattern));
    };
    let special = b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c";
    let mut out = Vec::with_capacity(points.len());
    for c in points {
        if c < 128 && special.contains(&(c as u8)) {
            out.push('\\' as u32);
        }
        out.push(c);
    }
    Ok(make_value(&out, text))
}

/// Calls a function of `re`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    let zero = || new_int(0);
    match id {
        Builtin::ReCompile => {
            let [pattern, flags] = bind(name, &args, ["pattern", "flags"], 2)?;
            let pattern = required(pattern, name, "pattern", 1, false)?;
            Ok(compile(pattern, flags.unwrap_or_else(zero))?.erase())
        }
        Builtin::ReMatch | Builtin::ReFullmatch | Builtin::ReSearch => {
            let [pattern, string, flags] = bind(name, &args, ["pattern", "string", "flags"], 3)?;
            let pattern = required(pattern, name, "pattern", 1, false)?;
            let string = required(string, name, "string", 2, false)?;
            let compiled = compile(pattern, flags.unwrap_or_else(zero))?;
            find_one(id, compiled, string, None, None)
        }
        Builtin::ReFindall | Builtin::ReFinditer => {
            let [pattern, string, flags] = bind(name, &args, ["pattern", "string", "flags"], 3)?;
            let pattern = required(pattern, name, "pattern", 1, false)?;
            let string = required(string, name, "string", 2, false)?;
            let compiled = compile(pattern, flags.unwrap_or_else(zero))?;
            if id == Builtin::ReFindall {
                findall(compiled, string, None, None)
            } else {
                finditer(compiled, string, None, None)
            }
        }
        Builtin::ReSub | Builtin::ReSubn => {
            let [pattern, repl, string, count, flags] = bind(
                name,
                &args,
                ["pattern", "repl", "string", "count", "flags"],
                5,
            )?;
            let pattern = required(pattern, name, "pattern", 1, false)?;
            let repl = required(repl, name, "repl", 2, false)?;
            let string = required(string, name, "string", 3, false)?;
            let compiled = compile(pattern, flags.unwrap_or_else(zero))?;
            sub(compiled, repl, string, count, id == Builtin::ReSubn)
        }
        Builtin::ReSplit => {
            let [pattern, string, maxsplit, flags] =
                bind(name, &args, ["pattern", "string", "maxsplit", "flags"], 4)?;
            let pattern = required(pattern, name, "pattern", 1, false)?;
            let string = required(string, name, "string", 2, false)?;
            let compiled = compile(pattern, flags.unwrap_or_else(zero))?;
            split(compiled, string, maxsplit)
        }
        Builtin::ReEscape => {
            let [pattern] = bind(name, &args, ["pattern"], 1)?;
            escape(required(pattern, name, "pattern", 1, false)?)
        }
        Builtin::RePurge => {
            crate::runtime::builtins::arity(name, &args, 0, 0)?;
            purge();
            Ok(none())
        }
        _ => type_error("unknown function of re".into()),
    }
}

/// Calls a method of a `Pattern`.
pub fn pattern_method(id: Builtin, pattern: Gc<PatternObj>, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    match id {
        Builtin::ReMatch
        | Builtin::ReFullmatch
        | Builtin::ReSearch
        | Builtin::ReFindall
        | Builtin::ReFinditer => {
            let [string, pos, endpos] = bind(name, &args, ["string", "pos", "endpos"], 3)?;
            let string = required(string, name, "string", 1, true)?;
            match id {
                Builtin::ReFindall => findall(pattern, string, pos, endpos),
                Builtin::ReFinditer => finditer(pattern, string, pos, endpos),
                _ => find_one(id, pattern, string, pos, endpos),
            }
        }
        Builtin::ReSub | Builtin::ReSubn => {
            let [repl, string, count] = bind(name, &args, ["repl", "string", "count"], 3)?;
            let repl = required(repl, name, "repl", 1, true)?;
            let string = required(string, name, "string", 2, true)?;
            sub(pattern, repl, string, count, id == Builtin::ReSubn)
        }
        Builtin::ReSplit => {
            let [string, maxsplit] = bind(name, &args, ["string", "maxsplit"], 2)?;
            let string = required(string, name, "string", 1, true)?;
            split(pattern, string, maxsplit)
        }
        _ => type_error("unknown method of re.Pattern".into()),
    }
}

/// The data attributes of a `Pattern`.
pub fn pattern_attribute(pattern: Gc<PatternObj>, name: &str) -> Option<Value> {
    let regex = &pattern.regex.0;
    Some(match name {
        "pattern" => pattern.pattern,
        "flags" => new_int(regex.flags),
        "groups" => new_int(regex.program.groups as i64),
        "groupindex" => crate::runtime::mappingproxy::new_proxy(pattern.groupindex),
        _ => return None,
    })
}

/// `repr(pattern)`: `re.compile('a+', re.IGNORECASE)`.
pub fn pattern_repr(pattern: Gc<PatternObj>) -> PyResult<String> {
    let mut flags = pattern.regex.0.flags;
    let type_flags = regex::FLAG_LOCALE | regex::FLAG_UNICODE | regex::FLAG_ASCII;
    if is_text(pattern) && flags & type_flags == regex::FLAG_UNICODE {
        flags &= !regex::FLAG_UNICODE;
    }
    let shown: String = to_repr(pattern.pattern)?.chars().take(200).collect();
    if flags == 0 {
        return Ok(format!("re.compile({shown})"));
    }
    let mut names = Vec::new();
    for (name, value) in FLAGS {
        if flags & value != 0 {
            names.push(format!("re.{name}"));
            flags &= !value;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    Ok(format!("re.compile({shown}, {})", names.join("|")))
}

/// A match's subject's code points (for `expand`).
fn match_points(m: Gc<MatchObj>) -> Vec<u32> {
    code_points(m.string).map(|(p, _)| p).unwrap_or_default()
}

/// The group number a `group()` argument names, or `IndexError: no such group`.
fn group_index(m: Gc<MatchObj>, key: Value) -> PyResult<usize> {
    let groups = m.pattern.regex.0.program.groups;
    let index = if key.is::<StrObj>() {
        dict_get(m.pattern.groupindex, key)?
            .and_then(|v| v.downcast::<IntObj>())
            .map(|i| i.value)
    } else {
        match crate::runtime::numbers::as_index(key) {
            Some(crate::runtime::numbers::Num::Int(i)) => Some(i),
            _ => None,
        }
    };
    match index {
        Some(i) if i >= 0 && (i as usize) <= groups => Ok(i as usize),
        _ => index_error("no such group"),
    }
}

/// Group `g`'s value (`default` if it did not match), sliced out of the subject.
fn match_group(m: Gc<MatchObj>, g: usize, default: Value) -> Value {
    let (start, end) = (m.spans.bytes[2 * g], m.spans.bytes[2 * g + 1]);
    if start == UNSET || end == UNSET {
        return default;
    }
    let string = crate::runtime::derived::builtin_value(m.string);
    if let Some(s) = string.downcast::<StrObj>() {
        return new_str(&s.as_str()[start..end]);
    }
    if let Some(b) = string.downcast::<BytesObj>() {
        return new_bytes(&b.data.as_slice()[start..end]);
    }
    let bytes = crate::runtime::bytes::bytes_of(string).unwrap_or_default();
    new_bytes(&bytes[start..end])
}

/// `match[g]`.
pub fn match_getitem(m: Gc<MatchObj>, key: Value) -> PyResult<Value> {
    let g = group_index(m, key)?;
    Ok(match_group(m, g, none()))
}

/// A span as a tuple.
fn span_tuple(start: i64, end: i64) -> Value {
    let items = GcVec::new();
    items.push(new_int(start));
    items.push(new_int(end));
    new_tuple(items)
}

/// Group `g`'s span (-1, -1 if it did not match).
fn span_of(m: Gc<MatchObj>, g: usize) -> (i64, i64) {
    let (start, end) = (m.spans.regs[2 * g], m.spans.regs[2 * g + 1]);
    if start == UNSET || end == UNSET {
        (-1, -1)
    } else {
        (start as i64, end as i64)
    }
}

/// Calls a method of a `Match`.
pub fn match_method(id: Builtin, m: Gc<MatchObj>, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    let groups = m.pattern.regex.0.program.groups;
    match id {
        Builtin::MatchGroup => {
            if args.nkw() > 0 {
                return type_error("group() takes no keyword arguments".into());
            }
            if args.npos == 0 {
                return Ok(match_group(m, 0, none()));
            }
            if args.npos == 1 {
                let g = group_index(m, args.get(0))?;
                return Ok(match_group(m, g, none()));
            }
            let items = GcVec::new();
            for i in 0..args.npos {
                let g = group_index(m, args.get(i))?;
                items.push(match_group(m, g, none()));
            }
            Ok(new_tuple(items))
        }
        Builtin::MatchGroups => {
            let [default] = bind(name, &args, ["default"], 1)?;
            let default = default.unwrap_or_else(none);
            let items = GcVec::new();
            for g in 1..=groups {
                items.push(match_group(m, g, default));
            }
            Ok(new_tuple(items))
        }
        Builtin::MatchGroupdict => {
            let [default] = bind(name, &args, ["default"], 1)?;
            let default = default.unwrap_or_else(none);
            let dict = new_dict();
            for (group_name, g) in &m.pattern.regex.0.names {
                dict_set_str(dict, group_name, match_group(m, *g, default));
            }
            Ok(dict.erase())
        }
        Builtin::MatchStart | Builtin::MatchEnd | Builtin::MatchSpan => {
            crate::runtime::builtins::arity(name, &args, 0, 1)?;
            let g = if args.npos == 1 {
                group_index(m, args.get(0))?
            } else {
                0
            };
            let (start, end) = span_of(m, g);
            Ok(match id {
                Builtin::MatchStart => new_int(start),
                Builtin::MatchEnd => new_int(end),
                _ => span_tuple(start, end),
            })
        }
        Builtin::MatchExpand => {
            let [template_arg] = bind(name, &args, ["template"], 1)?;
            let repl = required(template_arg, name, "template", 1, true)?;
            let Some((src, _)) = code_points(repl) else {
                return type_error(format!("expected str instance, {} found", type_name(repl)));
            };
            let pieces = template(m.pattern, repl, &src)?;
            let mut out = Vec::new();
            expand_into(&mut out, &pieces, &m.spans.regs, &match_points(m));
            Ok(make_value(&out, is_text(m.pattern)))
        }
        _ => type_error("unknown method of re.Match".into()),
    }
}

/// The data attributes of a `Match`.
pub fn match_attribute(m: Gc<MatchObj>, name: &str) -> Option<Value> {
    let groups = m.pattern.regex.0.program.groups;
    let last = m.spans.regs[2 * (groups + 1)];
    Some(match name {
        "string" => m.string,
        "re" => m.pattern.erase(),
        "pos" => new_int(m.pos),
        "endpos" => new_int(m.endpos),
        "lastindex" if last == UNSET => none(),
        "lastindex" => new_int(last as i64),
        "lastgroup" => m
            .pattern
            .regex
            .0
            .names
            .iter()
            .find(|(_, g)| *g == last)
            .map_or_else(none, |(n, _)| new_str(n)),
        "regs" => {
            let items = GcVec::new();
            for g in 0..=groups {
                let (start, end) = span_of(m, g);
                items.push(span_tuple(start, end));
            }
            new_tuple(items)
        }
        _ => return None,
    })
}

/// `repr(match)`: `<re.Match object; span=(0, 3), match='abc'>`.
pub fn match_repr(m: Gc<MatchObj>) -> PyResult<String> {
    let (start, end) = span_of(m, 0);
    let whole = match_group(m, 0, none());
    Ok(format!(
        "<re.Match object; span=({start}, {end}), match={}>",
        to_repr(whole)?
    ))
}
