//! Making and inspecting values: the run's context, boxing, the built-in types, type names,
//! truth, and the exceptions the runtime raises.

use std::cell::{Cell, RefCell};

use jitgen_core::gc::{Gc, GcImmutableArray, GcVec, Root};
use num_bigint::BigInt;

use crate::runtime::objects::*;

thread_local! {
    /// The context of the run on this thread (set by `run`, for native helpers), rooted.
    static CONTEXT: RefCell<Option<Root<Ctx>>> = const { RefCell::new(None) };
    /// Its address (0: none), which `ctx()` reads: nearly every helper asks for the
    /// context, and objects never move, so the root need not be read each time.
    static CONTEXT_ADDR: Cell<usize> = const { Cell::new(0) };
}

/// Makes `ctx` the context native helpers see (`None` at the end of a run).
pub fn set_context(ctx: Option<Gc<Ctx>>) {
    CONTEXT.with(|slot| *slot.borrow_mut() = ctx.map(Root::new));
    CONTEXT_ADDR.set(ctx.map_or(0, Gc::addr));
}

/// The context of the running program.
#[inline]
pub fn ctx() -> Gc<Ctx> {
    let addr = CONTEXT_ADDR.get();
    assert!(addr != 0, "a jitpy program is running on this thread");
    // SAFETY: `CONTEXT` roots the context at this address for as long as it is set, and
    // objects never move.
    unsafe { Gc::from_addr(addr) }
}

/// The built-in types, in the order of `Ctx::types`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum TypeId {
    Object,
    Type,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    NoneType,
    Tuple,
    List,
    Dict,
    Range,
    Slice,
    Function,
    Method,
    BuiltinFunction,
    Cell,
    Code,
    Iterator,
    DictKeys,
    DictValues,
    DictItems,
    Ellipsis,
    NotImplementedType,
    Module,
    TextIOWrapper,
    BufferedReader,
    BufferedWriter,
    BufferedRandom,
    Traceback,
    Generator,
    Set,
    FrozenSet,
    Bytes,
    ByteArray,
    Property,
    ClassMethod,
    StaticMethod,
    MemberDescriptor,
    MappingProxy,
    GetSetDescriptor,
    Pattern,
    Match,
    Deque,
    BaseException,
    Exception,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    LookupError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
    NameError,
    UnboundLocalError,
    AttributeError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    AssertionError,
    StopIteration,
    KeyboardInterrupt,
    SystemExit,
    MemoryError,
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    ImportError,
    ModuleNotFoundError,
    SyntaxError,
    IndentationError,
    GeneratorExit,
    EOFError,
    SystemError,
    Warning,
    UserWarning,
    OSError,
    BlockingIOError,
    ChildProcessError,
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    FileExistsError,
    FileNotFoundError,
    InterruptedError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    ProcessLookupError,
    TimeoutError,
    UnsupportedOperation,
    ReError,
}

/// Every built-in type with its name and base, in `TypeId` order.
pub const BUILTIN_TYPES: [(TypeId, &str, TypeId); 95] = [
    (TypeId::Object, "object", TypeId::Object),
    (TypeId::Type, "type", TypeId::Object),
    (TypeId::Int, "int", TypeId::Object),
    (TypeId::Bool, "bool", TypeId::Int),
    (TypeId::Float, "float", TypeId::Object),
    (TypeId::Complex, "complex", TypeId::Object),
    (TypeId::Str, "str", TypeId::Object),
    (TypeId::NoneType, "NoneType", TypeId::Object),
    (TypeId::Tuple, "tuple", TypeId::Object),
    (TypeId::List, "list", TypeId::Object),
    (TypeId::Dict, "dict", TypeId::Object),
    (TypeId::Range, "range", TypeId::Object),
    (TypeId::Slice, "slice", TypeId::Object),
    (TypeId::Function, "function", TypeId::Object),
    (TypeId::Method, "method", TypeId::Object),
    (
        TypeId::BuiltinFunction,
        "builtin_function_or_method",
        TypeId::Object,
    ),
    (TypeId::Cell, "cell", TypeId::Object),
    (TypeId::Code, "code", TypeId::Object),
    (TypeId::Iterator, "iterator", TypeId::Object),
    (TypeId::DictKeys, "dict_keys", TypeId::Object),
    (TypeId::DictValues, "dict_values", TypeId::Object),
    (TypeId::DictItems, "dict_items", TypeId::Object),
    (TypeId::Ellipsis, "ellipsis", TypeId::Object),
    (
        TypeId::NotImplementedType,
        "NotImplementedType",
        TypeId::Object,
    ),
    (TypeId::Module, "module", TypeId::Object),
    (TypeId::TextIOWrapper, "TextIOWrapper", TypeId::Object),
    (TypeId::BufferedReader, "BufferedReader", TypeId::Object),
    (TypeId::BufferedWriter, "BufferedWriter", TypeId::Object),
    (TypeId::BufferedRandom, "BufferedRandom", TypeId::Object),
    (TypeId::Traceback, "traceback", TypeId::Object),
    (TypeId::Generator, "generator", TypeId::Object),
    (TypeId::Set, "set", TypeId::Object),
    (TypeId::FrozenSet, "frozenset", TypeId::Object),
    (TypeId::Bytes, "bytes", TypeId::Object),
    (TypeId::ByteArray, "bytearray", TypeId::Object),
    (TypeId::Property, "property", TypeId::Object),
    (TypeId::ClassMethod, "classmethod", TypeId::Object),
    (TypeId::StaticMethod, "staticmethod", TypeId::Object),
    (
        TypeId::MemberDescriptor,
        "member_descriptor",
        TypeId::Object,
    ),
    (TypeId::MappingProxy, "mappingproxy", TypeId::Object),
    (
        TypeId::GetSetDescriptor,
        "getset_descriptor",
        TypeId::Object,
    ),
    (TypeId::Pattern, "Pattern", TypeId::Object),
    (TypeId::Match, "Match", TypeId::Object),
    (TypeId::Deque, "deque", TypeId::Object),
    (TypeId::BaseException, "BaseException", TypeId::Object),
    (TypeId::Exception, "Exception", TypeId::BaseException),
    (
        TypeId::ArithmeticError,
        "ArithmeticError",
        TypeId::Exception,
    ),
    (
        TypeId::ZeroDivisionError,
        "ZeroDivisionError",
        TypeId::ArithmeticError,
    ),
    (
        TypeId::OverflowError,
        "OverflowError",
        TypeId::ArithmeticError,
    ),
    (TypeId::LookupError, "LookupError", TypeId::Exception),
    (TypeId::IndexError, "IndexError", TypeId::LookupError),
    (TypeId::KeyError, "KeyError", TypeId::LookupError),
    (TypeId::TypeError, "TypeError", TypeId::Exception),
    (TypeId::ValueError, "ValueError", TypeId::Exception),
    (TypeId::NameError, "NameError", TypeId::Exception),
    (
        TypeId::UnboundLocalError,
        "UnboundLocalError",
        TypeId::NameError,
    ),
    (TypeId::AttributeError, "AttributeError", TypeId::Exception),
    (TypeId::RuntimeError, "RuntimeError", TypeId::Exception),
    (
        TypeId::RecursionError,
        "RecursionError",
        TypeId::RuntimeError,
    ),
    (
        TypeId::NotImplementedError,
        "NotImplementedError",
        TypeId::RuntimeError,
    ),
    (TypeId::AssertionError, "AssertionError", TypeId::Exception),
    (TypeId::StopIteration, "StopIteration", TypeId::Exception),
    (
        TypeId::KeyboardInterrupt,
        "KeyboardInterrupt",
        TypeId::BaseException,
    ),
    (TypeId::SystemExit, "SystemExit", TypeId::BaseException),
    (TypeId::MemoryError, "MemoryError", TypeId::Exception),
    (TypeId::UnicodeError, "UnicodeError", TypeId::ValueError),
    (
        TypeId::UnicodeDecodeError,
        "UnicodeDecodeError",
        TypeId::UnicodeError,
    ),
    (
        TypeId::UnicodeEncodeError,
        "UnicodeEncodeError",
        TypeId::UnicodeError,
    ),
    (TypeId::ImportError, "ImportError", TypeId::Exception),
    (
        TypeId::ModuleNotFoundError,
        "ModuleNotFoundError",
        TypeId::ImportError,
    ),
    (TypeId::SyntaxError, "SyntaxError", TypeId::Exception),
    (
        TypeId::IndentationError,
        "IndentationError",
        TypeId::SyntaxError,
    ),
    (
        TypeId::GeneratorExit,
        "GeneratorExit",
        TypeId::BaseException,
    ),
    (TypeId::EOFError, "EOFError", TypeId::Exception),
    (TypeId::SystemError, "SystemError", TypeId::Exception),
    (TypeId::Warning, "Warning", TypeId::Exception),
    (TypeId::UserWarning, "UserWarning", TypeId::Warning),
    (TypeId::OSError, "OSError", TypeId::Exception),
    (TypeId::BlockingIOError, "BlockingIOError", TypeId::OSError),
    (
        TypeId::ChildProcessError,
        "ChildProcessError",
        TypeId::OSError,
    ),
    (TypeId::ConnectionError, "ConnectionError", TypeId::OSError),
    (
        TypeId::BrokenPipeError,
        "BrokenPipeError",
        TypeId::ConnectionError,
    ),
    (
        TypeId::ConnectionAbortedError,
        "ConnectionAbortedError",
        TypeId::ConnectionError,
    ),
    (
        TypeId::ConnectionRefusedError,
        "ConnectionRefusedError",
        TypeId::ConnectionError,
    ),
    (
        TypeId::ConnectionResetError,
        "ConnectionResetError",
        TypeId::ConnectionError,
    ),
    (TypeId::FileExistsError, "FileExistsError", TypeId::OSError),
    (
        TypeId::FileNotFoundError,
        "FileNotFoundError",
        TypeId::OSError,
    ),
    (
        TypeId::InterruptedError,
        "InterruptedError",
        TypeId::OSError,
    ),
    (
        TypeId::IsADirectoryError,
        "IsADirectoryError",
        TypeId::OSError,
    ),
    (
        TypeId::NotADirectoryError,
        "NotADirectoryError",
        TypeId::OSError,
    ),
    (TypeId::PermissionError, "PermissionError", TypeId::OSError),
    (
        TypeId::ProcessLookupError,
        "ProcessLookupError",
        TypeId::OSError,
    ),
    (TypeId::TimeoutError, "TimeoutError", TypeId::OSError),
    (
        TypeId::UnsupportedOperation,
        "UnsupportedOperation",
        TypeId::OSError,
    ),
    (TypeId::ReError, "error", TypeId::Exception),
];

/// The module a built-in type belongs to (`__module__`): `builtins` but for the types
/// of the `io` modules.
pub fn builtin_type_module(id: TypeId) -> &'static str {
    match id {
        TypeId::TextIOWrapper
        | TypeId::BufferedReader
        | TypeId::BufferedWriter
        | TypeId::BufferedRandom => "_io",
        TypeId::UnsupportedOperation => "io",
        TypeId::Pattern | TypeId::Match | TypeId::ReError => "re",
        TypeId::Deque => "collections",
        _ => "builtins",
    }
}

/// What the instances of a type are laid out as (`TypeObj::layout`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Layout {
    /// A built-in value type (its instances are that type's own objects).
    Builtin,
    /// `InstanceObj` (classes defined in Python, `object`, exceptions).
    Instance,
}

/// Which sequence an `IterObj` walks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum IterKind {
    /// A list's items.
    List,
    /// A tuple's items.
    Tuple,
    /// A str's characters.
    Str,
    /// A range's values.
    Range,
    /// A dict's keys.
    DictKeys,
    /// A dict's values.
    DictValues,
    /// A dict's `(key, value)` pairs.
    DictItems,
    /// A set's elements (`stop`: its length when the iterator was made).
    Set,
    /// The bytes (ints) of a bytes or bytearray.
    Bytes,
    /// `enumerate`: `(index, item)` pairs of the iterator `source`, `index` counting.
    Enumerate,
    /// `zip`: tuples of the next items of the iterators in the tuple `source` (`stop`: 1
    /// when it is strict).
    Zip,
    /// `map`: the function (first in the tuple `source`) called with the next items of the
    /// iterators after it.
    Map,
    /// The old sequence protocol: `source[0]`, `source[1]`, ... (`__getitem__`) until
    /// `IndexError` or `StopIteration` (`index` -1 once done).
    Sequence,
    /// `filter`: the items of the iterator (second in the tuple `source`) that the function
    /// (first; `None`: truth itself) finds true.
    Filter,
    /// `reversed()` of a list: its items from the last, `index` counting down; the list is
    /// read as it is at each step, as CPython's.
    ReversedList,
    /// A deque's items (`modules::deque::iter_next`).
    Deque,
    /// A deque's items from the right end.
    DequeReversed,
}

/// Which singleton a `SingletonObj` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Singleton {
    /// `None`.
    None,
    /// `...`.
    Ellipsis,
    /// `NotImplemented`.
    NotImplemented,
    /// The unbound-variable marker (never visible to programs).
    Unbound,
}

/// The built-in type `id`.
pub fn builtin_type(id: TypeId) -> Gc<TypeObj> {
    ctx().types.get(id as usize)
}

/// The class of any value.
pub fn type_of(value: Value) -> Gc<TypeObj> {
    if let Some(instance) = value.downcast::<InstanceObj>() {
        return instance.cls;
    }
    if let Some(cls) = value.downcast::<TypeObj>() {
        return cls.meta.unwrap_or_else(|| builtin_type(TypeId::Type));
    }
    if let Some(cls) = value.downcast::<TupleObj>().and_then(|t| t.cls) {
        return cls;
    }
    builtin_type(builtin_type_id(value))
}

/// The built-in type of a value that is not an instance of a Python class.
pub fn builtin_type_id(value: Value) -> TypeId {
    if value.is::<IntObj>() || value.is::<BigIntObj>() {
        TypeId::Int
    } else if value.is::<BoolObj>() {
        TypeId::Bool
    } else if value.is::<FloatObj>() {
        TypeId::Float
    } else if value.is::<ComplexObj>() {
        TypeId::Complex
    } else if value.is::<StrObj>() {
        TypeId::Str
    } else if value.is::<TupleObj>() {
        TypeId::Tuple
    } else if value.is::<ListObj>() {
        TypeId::List
    } else if value.is::<DictObj>() {
        TypeId::Dict
    } else if value.is::<RangeObj>() {
        TypeId::Range
    } else if value.is::<SliceObj>() {
        TypeId::Slice
    } else if value.is::<FunctionObj>() {
        TypeId::Function
    } else if value.is::<MethodObj>() {
        TypeId::Method
    } else if value.is::<BuiltinObj>() {
        TypeId::BuiltinFunction
    } else if value.is::<CellObj>() {
        TypeId::Cell
    } else if value.is::<CodeObj>() {
        TypeId::Code
    } else if value.is::<IterObj>() {
        TypeId::Iterator
    } else if value.is::<ModuleObj>() {
        TypeId::Module
    } else if value.is::<StreamObj>() {
        TypeId::TextIOWrapper
    } else if let Some(file) = value.downcast::<FileObj>() {
        crate::runtime::files::file_type(file)
    } else if value.is::<PatternObj>() {
        TypeId::Pattern
    } else if value.is::<MatchObj>() {
        TypeId::Match
    } else if value.is::<DequeObj>() {
        TypeId::Deque
    } else if value.is::<TracebackObj>() {
        TypeId::Traceback
    } else if value.is::<GeneratorObj>() {
        TypeId::Generator
    } else if let Some(set) = value.downcast::<SetObj>() {
        if set.frozen {
            TypeId::FrozenSet
        } else {
            TypeId::Set
        }
    } else if value.is::<BytesObj>() {
        TypeId::Bytes
    } else if value.is::<ByteArrayObj>() {
        TypeId::ByteArray
    } else if value.is::<PropertyObj>() {
        TypeId::Property
    } else if value.is::<ClassMethodObj>() {
        TypeId::ClassMethod
    } else if value.is::<StaticMethodObj>() {
        TypeId::StaticMethod
    } else if value.is::<MappingProxyObj>() {
        TypeId::MappingProxy
    } else if value.is::<GetSetObj>() {
        TypeId::GetSetDescriptor
    } else if value.is::<MemberObj>() {
        TypeId::MemberDescriptor
    } else if let Some(view) = value.downcast::<DictViewObj>() {
        match view.kind {
            k if k == IterKind::DictKeys as i64 => TypeId::DictKeys,
            k if k == IterKind::DictValues as i64 => TypeId::DictValues,
            _ => TypeId::DictItems,
        }
    } else if let Some(singleton) = value.downcast::<SingletonObj>() {
        match singleton.which {
            w if w == Singleton::Ellipsis as i64 => TypeId::Ellipsis,
            w if w == Singleton::NotImplemented as i64 => TypeId::NotImplementedType,
            _ => TypeId::NoneType,
        }
    } else {
        TypeId::Object
    }
}

/// The name of a value's class, as messages show it.
pub fn type_name(value: Value) -> String {
    let cls = type_of(value);
    crate::runtime::modules::c_type_name(cls).unwrap_or_else(|| cls.name.as_str().to_string())
}

/// Boxes an `i64`.
pub fn new_int(value: i64) -> Value {
    if SMALL_INTS.contains(&value) {
        return ctx().small_ints.get((value - SMALL_INTS.start) as usize);
    }
    Gc::new(IntObj { value }).erase()
}

/// Boxes a big integer, as an `IntObj` when it fits.
pub fn new_bigint(value: BigInt) -> Value {
    match i64::try_from(&value) {
        Ok(small) => new_int(small),
        Err(_) => Gc::new(BigIntObj {
            value: BigValue(value),
        })
        .erase(),
    }
}

/// Boxes a float.
pub fn new_float(value: f64) -> Value {
    Gc::new(FloatObj { value }).erase()
}

/// Makes a str.
pub fn new_str(text: &str) -> Value {
    StrObj::new(text).erase()
}

/// `True` or `False`.
pub fn new_bool(value: bool) -> Value {
    let ctx = ctx();
    if value {
        ctx.true_value
    } else {
        ctx.false_value
    }
}

/// The interned str of `text`: the same object for the same text within a run.
pub fn intern(text: &str) -> Value {
    let interned = ctx().interned;
    let probe = new_str(text);
    // Str keys hash and compare without raising.
    match crate::runtime::dict::dict_get(interned, probe) {
        Ok(Some(existing)) => existing,
        _ => {
            let _ = crate::runtime::dict::dict_set(interned, probe, probe);
            probe
        }
    }
}

/// `None`.
pub fn none() -> Value {
    ctx().none
}

/// Whether `value` is `None`.
pub fn is_none(value: Value) -> bool {
    value == ctx().none
}

/// A tuple of the items of a GC vector.
pub fn new_tuple(items: Gc<GcVec<Value>>) -> Value {
    Gc::new(TupleObj {
        items: GcImmutableArray::from_gc_vec(items),
        cls: None,
    })
    .erase()
}

/// A list of the items of a GC vector (which the list takes over).
pub fn new_list(items: Gc<GcVec<Value>>) -> Value {
    Gc::new(ListObj { items }).erase()
}

/// An instance of exception class `id` with a message.
pub fn exception(id: TypeId, message: &str) -> Gc<InstanceObj> {
    let args = GcVec::new();
    args.push(new_str(message));
    crate::runtime::exceptions::new_exception(builtin_type(id), new_tuple(args))
}

/// Raises `TypeError(message)`.
pub fn type_error<T>(message: String) -> PyResult<T> {
    Err(exception(TypeId::TypeError, &message))
}

/// Raises `ValueError(message)`.
pub fn value_error<T>(message: String) -> PyResult<T> {
    Err(exception(TypeId::ValueError, &message))
}

/// Raises `IndexError(message)`.
pub fn index_error<T>(message: &str) -> PyResult<T> {
    Err(exception(TypeId::IndexError, message))
}

/// Checks the size of a str or bytes about to be built: past 2 GiB, jitpy's limit, it is a
/// `MemoryError` (raised before allocating).
pub fn check_result_size(bytes: usize) -> PyResult<()> {
    if bytes > 1 << 31 {
        return Err(exception(TypeId::MemoryError, ""));
    }
    Ok(())
}

/// Raises `NotImplementedError` for something jitpy does not support yet.
pub fn unsupported<T>(what: &str) -> PyResult<T> {
    Err(exception(
        TypeId::NotImplementedError,
        &format!("jitpy does not support {what} yet"),
    ))
}
