//! The object layouts. Every Python value is a GC object whose header word is its layout's
//! `TypeInfo` (so a built-in type test is one compare, a class guard in a trace); instances
//! of user classes carry their class pointer as their first field. [`Value`] is the
//! untyped reference. Code objects, frames and the execution context live on the same heap.

use jitgen_core::gc::{Gc, GcArray, GcImmutableArray, GcRef, GcTable, GcVec, Mut};
use jitgen_core::virtualizable::VableToken;
use num_bigint::BigInt;

/// Any Python value.
pub type Value = GcRef;

/// The result of an operation that may raise: the exception in flight is an instance of a
/// `BaseException` subclass.
pub type PyResult<T> = Result<T, Gc<InstanceObj>>;

/// An `int` that fits an `i64`.
#[jitgen_core::layout]
pub struct IntObj {
    /// The value.
    pub value: i64,
}

/// An `int` outside the `i64` range (never one that fits: results are normalized).
#[jitgen_core::layout]
pub struct BigIntObj {
    /// The value.
    #[opaque]
    pub value: BigValue,
}

/// A big integer's digits on the malloc heap (they hold no GC references).
pub struct BigValue(pub BigInt);

// SAFETY: a `BigInt` holds only machine words, no GC references.
unsafe impl jitgen_core::gc::Trace for BigValue {}

impl std::ops::Deref for BigValue {
    type Target = BigInt;
    fn deref(&self) -> &BigInt {
        &self.0
    }
}

/// `True` or `False` (two per run, in [`Ctx`]).
#[jitgen_core::layout]
pub struct BoolObj {
    /// The value.
    pub value: bool,
}

/// A `float`.
#[jitgen_core::layout]
pub struct FloatObj {
    /// The value.
    pub value: f64,
}

/// A `complex`.
#[jitgen_core::layout]
pub struct ComplexObj {
    /// The real part.
    pub re: f64,
    /// The imaginary part.
    pub im: f64,
}

/// `None`, `...`, `NotImplemented` and the unbound-variable marker: singletons told apart
/// by identity (one of each per run, in [`Ctx`]).
#[jitgen_core::layout]
pub struct SingletonObj {
    /// Which one (`Singleton as i64`).
    pub which: i64,
}

/// A `str`: its UTF-8 bytes and its length in code points.
#[jitgen_core::layout]
pub struct StrObj {
    /// The UTF-8 text.
    pub bytes: Gc<GcImmutableArray<u8>>,
    /// Length in code points.
    pub chars: i64,
    /// Its hash once computed (`-1` before: no str hashes to -1), as CPython caches it.
    pub hash: Mut<i64>,
}

impl StrObj {
    /// A string of `text`.
    pub fn new(text: &str) -> Gc<StrObj> {
        Gc::new(StrObj {
            bytes: GcImmutableArray::from_slice(text.as_bytes()),
            chars: text.chars().count() as i64,
            hash: Mut::new(-1),
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // SAFETY: `StrObj::new` stores the bytes of a `&str`, and they never change.
        unsafe { std::str::from_utf8_unchecked(self.bytes.as_slice()) }
    }

    /// `hash(s)`: CPython's (`runtime::siphash`), computed once.
    pub fn hash(&self) -> i64 {
        let cached = self.hash.get();
        if cached != -1 {
            return cached;
        }
        let hash = crate::runtime::siphash::hash_str(self.as_str());
        self.hash.set(hash);
        hash
    }

    /// Whether every character is one byte (indexing is then byte indexing).
    pub fn is_ascii(&self) -> bool {
        self.chars as usize == self.bytes.len()
    }
}

/// A `tuple`, or a struct sequence (`runtime::structseq`).
#[jitgen_core::layout]
pub struct TupleObj {
    /// The items.
    pub items: Gc<GcImmutableArray<Value>>,
    /// A struct sequence's type (a plain tuple: `None`).
    pub cls: Option<Gc<TypeObj>>,
}

/// A `list`.
#[jitgen_core::layout]
pub struct ListObj {
    /// The items.
    pub items: Gc<GcVec<Value>>,
}

/// A `dict`: insertion-ordered, keys hashed and compared as Python does (`runtime::dict`).
#[jitgen_core::layout]
pub struct DictObj {
    /// The entries.
    pub table: Gc<GcTable<Value, Value>>,
}

/// A `set` or `frozenset`: CPython's set table (`runtime::set`). Slots are unused
/// (`None`), dummies (the unbound marker, hash -1) or elements with their hashes.
#[jitgen_core::layout]
pub struct SetObj {
    /// Whether it is a `frozenset`.
    pub frozen: bool,
    /// The table's keys (a power-of-two count).
    pub keys: Mut<Gc<GcArray<Option<Value>>>>,
    /// The hash of each slot's key.
    pub hashes: Mut<Gc<GcArray<i64>>>,
    /// Slots that are elements or dummies.
    pub fill: Mut<i64>,
    /// Slots that are elements (the length).
    pub used: Mut<i64>,
    /// Where `pop` looks first.
    pub finger: Mut<i64>,
}

/// A `bytes`.
#[jitgen_core::layout]
pub struct BytesObj {
    /// The bytes.
    pub data: Gc<GcImmutableArray<u8>>,
}

/// A `bytearray`.
#[jitgen_core::layout]
pub struct ByteArrayObj {
    /// The bytes.
    pub data: Gc<GcVec<u8>>,
}

/// A `range`.
#[jitgen_core::layout]
pub struct RangeObj {
    /// First value.
    pub start: i64,
    /// The bound (excluded).
    pub stop: i64,
    /// The step (never 0).
    pub step: i64,
}

/// A `slice`.
#[jitgen_core::layout]
pub struct SliceObj {
    /// Start (`None` if omitted).
    pub start: Value,
    /// Stop (`None` if omitted).
    pub stop: Value,
    /// Step (`None` if omitted).
    pub step: Value,
}

/// A cell: a variable captured by an inner function.
#[jitgen_core::layout]
pub struct CellObj {
    /// The value (`None`: unbound).
    pub value: Mut<Option<Value>>,
}

/// A compiled code object on the heap. Never changes after loading, so the JIT may fold
/// every read of a constant one.
#[jitgen_core::layout]
pub struct CodeObj {
    /// The function's name.
    pub name: Gc<StrObj>,
    /// Its dotted name.
    pub qualname: Gc<StrObj>,
    /// `CodeKind as i64`.
    pub kind: i64,
    /// Positional parameters.
    pub argcount: i64,
    /// How many of the positional parameters are positional-only.
    pub posonlyargcount: i64,
    /// Keyword-only parameters.
    pub kwonlyargcount: i64,
    /// Whether it takes `*args`.
    pub has_varargs: bool,
    /// Whether it takes `**kwargs`.
    pub has_varkw: bool,
    /// Local variable slots (parameters first).
    pub nlocals: i64,
    /// Cell variables.
    pub ncells: i64,
    /// Free variables.
    pub nfree: i64,
    /// The deepest value stack.
    pub max_stack: i64,
    /// Instructions (`bytecode`).
    pub ops: Gc<GcImmutableArray<u32>>,
    /// Each instruction's `line << 32 | column`.
    pub positions: Gc<GcImmutableArray<u64>>,
    /// Constants.
    pub consts: Gc<GcImmutableArray<Value>>,
    /// Names of globals and attributes (strs).
    pub names: Gc<GcImmutableArray<Value>>,
    /// Local variable names (strs).
    pub varnames: Gc<GcImmutableArray<Value>>,
    /// Pairs (cell index, parameter index) of parameters that live in cells.
    pub cell_params: Gc<GcImmutableArray<i64>>,
    /// Exception table: (start, end, handler, depth) quadruples.
    pub exception_table: Gc<GcImmutableArray<u32>>,
    /// The line of the definition.
    pub first_line: i64,
    /// The file the code was compiled from (`co_filename`).
    pub filename: Gc<StrObj>,
    /// Whether calling it makes a generator.
    pub is_generator: bool,
    /// A function's docstring (`None` if it has none).
    pub doc: Value,
}

/// A function defined in Python.
#[jitgen_core::layout]
pub struct FunctionObj {
    /// Its code.
    pub code: Gc<CodeObj>,
    /// Its module's globals.
    pub globals: Gc<DictObj>,
    /// Defaults of the last positional parameters (`__defaults__`).
    pub defaults: Mut<Option<Gc<TupleObj>>>,
    /// Defaults of keyword-only parameters, by name (`__kwdefaults__`).
    pub kwdefaults: Mut<Option<Gc<DictObj>>>,
    /// The cells of its free variables.
    pub closure: Option<Gc<TupleObj>>,
    /// `__name__`.
    pub name: Mut<Value>,
    /// `__qualname__`.
    pub qualname: Mut<Value>,
    /// `__doc__` (its code's docstring until set).
    pub doc: Mut<Value>,
    /// `__module__` once set (before: its globals' `__name__`).
    pub module: Mut<Option<Value>>,
    /// `__dict__`, made when first asked for or when an attribute is first set.
    pub dict: Mut<Option<Gc<DictObj>>>,
}

/// A `property`: its accessors (`None` where missing) and docstring.
#[jitgen_core::layout]
pub struct PropertyObj {
    /// The getter.
    pub fget: Value,
    /// The setter.
    pub fset: Value,
    /// The deleter.
    pub fdel: Value,
    /// `__doc__`.
    pub doc: Value,
    /// Whether `doc` was taken from the getter (a copy with a new getter takes the new one's).
    pub getter_doc: bool,
    /// The name `__set_name__` gave it, for its errors (`None` before).
    pub name: Mut<Value>,
}

/// `classmethod(function)`: read through a class or an instance, the function bound to the
/// class.
#[jitgen_core::layout]
pub struct ClassMethodObj {
    /// The wrapped callable (`__func__`).
    pub function: Value,
}

/// `staticmethod(function)`: read through a class or an instance, the function itself.
#[jitgen_core::layout]
pub struct StaticMethodObj {
    /// The wrapped callable (`__func__`).
    pub function: Value,
}

/// The `__dict__` or `__weakref__` attribute a class gives its instances
/// (`getset_descriptor`): the instance's dict, or `None` (jitpy has no weak references).
#[jitgen_core::layout]
pub struct GetSetObj {
    /// `__dict__` or `__weakref__`.
    pub name: Gc<StrObj>,
    /// The class that added it.
    pub owner: Gc<TypeObj>,
}

/// A read-only view of a class's namespace (`mappingproxy`).
#[jitgen_core::layout]
pub struct MappingProxyObj {
    /// The dict it shows.
    pub mapping: Gc<DictObj>,
}

/// A slot of `__slots__` (`member_descriptor`): reads and writes one entry of the slots of
/// the instances of `owner` and its subclasses.
#[jitgen_core::layout]
pub struct MemberObj {
    /// The slot's name.
    pub name: Gc<StrObj>,
    /// The class whose `__slots__` named it.
    pub owner: Gc<TypeObj>,
    /// Its index in `InstanceObj::slots`.
    pub index: i64,
}

/// A function bound to an instance (`obj.method`).
#[jitgen_core::layout]
pub struct MethodObj {
    /// The function.
    pub function: Value,
    /// `self`.
    pub receiver: Value,
}

/// A built-in function, or a built-in method bound to its receiver.
#[jitgen_core::layout]
pub struct BuiltinObj {
    /// Which one (`Builtin as i64`).
    pub id: i64,
    /// The receiver of a bound method.
    pub receiver: Option<Value>,
    /// The built-in class a method was taken from (`list` for `list.append`), if known.
    pub owner: Option<Gc<TypeObj>>,
}

/// A class: built-in or defined in Python.
#[jitgen_core::layout]
pub struct TypeObj {
    /// `__name__`.
    pub name: Gc<StrObj>,
    /// `__qualname__`.
    pub qualname: Gc<StrObj>,
    /// `__module__` (`builtins` for built-in types).
    pub module: Value,
    /// The direct bases.
    pub bases: Gc<TupleObj>,
    /// The method resolution order, the class itself first.
    pub mro: Mut<Option<Gc<TupleObj>>>,
    /// The class namespace.
    pub dict: Gc<DictObj>,
    /// The built-in layout its instances have (`Layout as i64`).
    pub layout: i64,
    /// How many `__slots__` entries its instances hold (its bases' too).
    pub nslots: i64,
    /// Whether its instances have a `__dict__` (not when it and every base defined in
    /// Python have `__slots__` without `"__dict__"`).
    pub has_dict: bool,
    /// The built-in value type behind its instances (`TypeId as i64`): a built-in value
    /// type's own, for a class derived from one that type's (its instances carry such a
    /// value, `runtime::derived`); -1 for the others.
    pub value_type: i64,
    /// Its metaclass when that is not `type` (`class A(metaclass=Meta)`).
    pub meta: Option<Gc<TypeObj>>,
    /// What its attribute lookups must consult, cached (`runtime::attr::hooks`):
    /// `Ctx::class_epoch << 8 | flags`, -1 before the first lookup.
    pub hooks: Mut<i64>,
}

/// An instance of a class defined in Python, or an exception. The class comes first.
#[jitgen_core::layout]
pub struct InstanceObj {
    /// Its class.
    pub cls: Gc<TypeObj>,
    /// Its attributes (`__dict__`; always empty when its class's instances have none).
    pub dict: Gc<DictObj>,
    /// The values of its class's `__slots__` (the unbound marker where unset; `None` when
    /// its class has none).
    pub slots: Option<Gc<GcArray<Value>>>,
    /// For exceptions: where it was raised and passed through.
    pub traceback: Mut<Option<Gc<TracebackObj>>>,
    /// For exceptions: the exception being handled when this one was raised
    /// (`__context__`).
    pub context: Mut<Option<Value>>,
    /// For exceptions: `raise ... from cause` (`__cause__`; it also suppresses the
    /// context in reports).
    pub cause: Mut<Option<Value>>,
    /// For instances of classes derived from a built-in value type (`class L(list)`):
    /// the built-in value they are (`runtime::derived`).
    pub value: Option<Value>,
}

impl InstanceObj {
    /// A new instance of `cls` with no attributes.
    pub fn new(cls: Gc<TypeObj>) -> Gc<InstanceObj> {
        InstanceObj::with_value(cls, None)
    }

    /// A new instance of `cls` with no attributes, carrying the built-in `value`.
    pub fn with_value(cls: Gc<TypeObj>, value: Option<Value>) -> Gc<InstanceObj> {
        Gc::new(InstanceObj {
            cls,
            dict: crate::runtime::dict::new_dict(),
            slots: (cls.nslots > 0)
                .then(|| GcArray::new(cls.nslots as usize, crate::runtime::values::ctx().unbound)),
            traceback: Mut::new(None),
            context: Mut::new(None),
            cause: Mut::new(None),
            value,
        })
    }
}

/// The frames an exception unwound through, innermost first.
#[jitgen_core::layout]
pub struct TracebackObj {
    /// Code objects.
    pub codes: Gc<GcVec<Gc<CodeObj>>>,
    /// The pc in each.
    pub pcs: Gc<GcVec<i64>>,
}

/// An iterator over a list, tuple, str, range or dict (`IterKind` says which).
#[jitgen_core::layout]
pub struct IterObj {
    /// `IterKind as i64`.
    pub kind: i64,
    /// What it iterates over.
    pub source: Value,
    /// The next index (or entry slot, or value for ranges; byte offset for strs).
    pub index: Mut<i64>,
    /// Range iterators: the bound; others: unused.
    pub stop: i64,
    /// Range iterators: the step; others: unused.
    pub step: i64,
}

/// A view of a dict (`dict.keys()`, `.values()`, `.items()`).
#[jitgen_core::layout]
pub struct DictViewObj {
    /// The dict.
    pub dict: Gc<DictObj>,
    /// `IterKind as i64` of its iterator.
    pub kind: i64,
}

/// One activation of a code object: its locals, cells and value stack in one array (the
/// JIT's virtualizable).
#[jitgen_core::layout]
pub struct Frame {
    /// The running code.
    pub code: Gc<CodeObj>,
    /// Locals in `0..nlocals`, cells after them, then the value stack.
    #[virtualizable]
    pub slots: Gc<GcArray<Value>>,
    /// Index of the first free stack slot.
    #[virtualizable]
    pub sp: Mut<usize>,
    /// The module's globals.
    pub globals: Gc<DictObj>,
    /// A class body's namespace (`None` for functions and the module).
    pub namespace: Option<Gc<DictObj>>,
    /// A generator's frame: the pc to resume at after a `yield` (-1 while running or
    /// done, `THROWING` while an exception is being thrown in).
    pub resume: Mut<i64>,
    /// Whether compiled code holds the frame's fields.
    pub vable: VableToken,
}

/// The state of one program run: the singletons, the built-in types and namespace, the
/// exception being handled and the call depth.
#[jitgen_core::layout]
pub struct Ctx {
    /// `None`.
    pub none: Value,
    /// `True`.
    pub true_value: Value,
    /// `False`.
    pub false_value: Value,
    /// `...`.
    pub ellipsis: Value,
    /// `NotImplemented`.
    pub not_implemented: Value,
    /// The marker of an unbound local variable.
    pub unbound: Value,
    /// The built-in types, indexed by `TypeId`.
    pub types: Gc<GcImmutableArray<Gc<TypeObj>>>,
    /// The `builtins` namespace.
    pub builtins: Gc<DictObj>,
    /// The exception being handled (by an `except` or `finally` body), if any.
    pub handled: Mut<Option<Value>>,
    /// Python call depth.
    pub depth: Mut<i64>,
    /// The deepest allowed call depth (`sys.getrecursionlimit()`).
    pub recursion_limit: Mut<i64>,
    /// Counts changes of class attributes (every class's cached `hooks` are stale after
    /// one).
    pub class_epoch: Mut<i64>,
    /// The loaded modules by name (`sys.modules`).
    pub modules: Gc<DictObj>,
    /// The `sys` module's namespace (where imports find `sys.path`).
    pub sys: Gc<DictObj>,
    /// The ints from `SMALL_INTS.start` to `SMALL_INTS.end` (excluded), made once, as
    /// CPython's (so they are not allocated again, and `is` of them agrees with CPython's).
    pub small_ints: Gc<GcImmutableArray<Value>>,
    /// The interned strs, each its own key ([`crate::runtime::values::intern`]): the names
    /// of loaded code are these objects, so lookups by name find keys by identity.
    pub interned: Gc<DictObj>,
}

/// The ints the context holds made ([`Ctx::small_ints`]): CPython's -5 to 256.
pub const SMALL_INTS: std::ops::Range<i64> = -5..257;

/// A generator: a suspended frame of a generator function's code.
#[jitgen_core::layout]
pub struct GeneratorObj {
    /// The frame (its `resume` says where it continues).
    pub frame: Gc<Frame>,
    /// `GenState as i64`.
    pub state: Mut<i64>,
    /// The exception its code was handling when it last yielded.
    pub handled: Mut<Option<Value>>,
}

/// A module: its namespace (`__name__`, `__file__` and its global variables).
#[jitgen_core::layout]
pub struct ModuleObj {
    /// The module's globals (`__dict__`).
    pub dict: Gc<DictObj>,
}

/// `sys.stdout` or `sys.stderr`: a text stream writing to the run's output or error.
#[jitgen_core::layout]
pub struct StreamObj {
    /// `Stream as i64`.
    pub which: i64,
}

/// A file `open()` returned (`crate::runtime::files`).
#[jitgen_core::layout]
pub struct FileObj {
    /// The file name it was opened with (`name`).
    pub name: Value,
    /// Its mode (`mode`).
    pub mode: Gc<StrObj>,
    /// A text file's encoding as given (`encoding`; `None` for a binary file).
    pub encoding: Value,
    /// A text file's error handler (`errors`; `None` for a binary file).
    pub errors: Value,
    /// Its type (`TypeId as i64`: a text file or which binary file).
    pub kind: i64,
    /// The open file, `None` once closed.
    #[opaque]
    pub state: crate::runtime::files::FileState,
}

/// A compiled regular expression (`re.Pattern`, `crate::runtime::modules::re`).
#[jitgen_core::layout]
pub struct PatternObj {
    /// The pattern as given (`pattern`: a str or bytes).
    pub pattern: Value,
    /// The group names and numbers (`groupindex`).
    pub groupindex: Gc<DictObj>,
    /// The program and flags.
    #[opaque]
    pub regex: crate::runtime::modules::re::Compiled,
}

/// A successful match (`re.Match`, `crate::runtime::modules::re`).
#[jitgen_core::layout]
pub struct MatchObj {
    /// The pattern that matched (`re`).
    pub pattern: Gc<PatternObj>,
    /// The string searched (`string`).
    pub string: Value,
    /// Where the search started and ended (`pos`, `endpos`).
    pub pos: i64,
    pub endpos: i64,
    /// The groups' spans and the last closed group.
    #[opaque]
    pub spans: crate::runtime::modules::re::Spans,
}

/// A `collections.deque` (`crate::runtime::modules::deque`): a ring buffer.
#[jitgen_core::layout]
pub struct DequeObj {
    /// The slots (a power-of-two count): the items are the `len` slots from `head` on,
    /// wrapping around; the others hold `None`.
    pub buffer: Mut<Gc<GcArray<Value>>>,
    /// The slot of the leftmost item.
    pub head: Mut<i64>,
    /// The number of items.
    pub len: Mut<i64>,
    /// The most items it holds (`maxlen`; -1: no bound).
    pub maxlen: Mut<i64>,
    /// Counts the changes of its length (an iterator made before one fails).
    pub state: Mut<i64>,
}

/// `super()`: attribute lookup that starts after `start` in the receiver's MRO.
#[jitgen_core::layout]
pub struct SuperObj {
    /// The class whose method asked (`__class__`).
    pub start: Gc<TypeObj>,
    /// The receiver (`self`).
    pub receiver: Value,
}
