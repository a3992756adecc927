//! The toy value types. Every value is a GC object; a [`Value`] is an untyped reference whose
//! header says which of these types it is (so a type test is one compare -- a class guard in
//! a trace).

use jitgen_core::gc::{Gc, GcImmutableArray, GcRef, GcTable, GcVec, Mut, QuasiImmut};

/// Any toy value.
pub type Value = GcRef;

/// An integer.
#[jitgen_core::layout]
pub struct IntObj {
    /// The value.
    pub value: i64,
}

/// A float.
#[jitgen_core::layout]
pub struct FloatObj {
    /// The value.
    pub value: f64,
}

/// `true` or `false` (two per program run, see [`Ctx`]).
#[jitgen_core::layout]
pub struct BoolObj {
    /// The value.
    pub value: bool,
}

/// `nil` (one per program run, see [`Ctx`]).
#[jitgen_core::layout]
pub struct NilObj {
    /// Unused; GC objects have at least one word.
    pub unused: i64,
}

/// An immutable string: its UTF-8 bytes on the GC heap (no destructor, no malloc) and its
/// length in characters, so `len` is a field read and indexing an ASCII string a byte read.
#[jitgen_core::layout]
pub struct StrObj {
    /// The text's UTF-8 bytes.
    pub bytes: Gc<GcImmutableArray<u8>>,
    /// The number of characters.
    pub chars: i64,
}

impl StrObj {
    /// A string of `text`.
    pub fn new(text: &str) -> Gc<StrObj> {
        let bytes = GcImmutableArray::from_slice(text.as_bytes());
        Gc::new(StrObj {
            bytes,
            chars: text.chars().count() as i64,
        })
    }

    /// The string of `a` followed by `b`.
    pub fn concat(a: &StrObj, b: &StrObj) -> Gc<StrObj> {
        let bytes = GcImmutableArray::from_slices(&[a.bytes.as_slice(), b.bytes.as_slice()]);
        Gc::new(StrObj {
            bytes,
            chars: a.chars + b.chars,
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // SAFETY: `StrObj::new` stores the bytes of a `&str`, and they never change.
        unsafe { std::str::from_utf8_unchecked(self.bytes.as_slice()) }
    }

    /// Characters `from..to` (`from <= to <= chars`): a byte range when every character
    /// is one byte.
    pub fn char_slice(&self, from: usize, to: usize) -> &str {
        let text = self.as_str();
        if self.chars as usize == text.len() {
            return &text[from..to];
        }
        let mut bounds = text.char_indices().map(|(at, _)| at).chain([text.len()]);
        let start = bounds.nth(from).unwrap_or(text.len());
        let end = match to > from {
            true => bounds.nth(to - from - 1).unwrap_or(text.len()),
            false => start,
        };
        &text[start..end]
    }
}

/// An interned name (of a global, field or method): equal names are the same object, so
/// tables keyed by symbols compare addresses.
#[jitgen_core::layout]
pub struct Symbol {
    /// The name.
    #[opaque]
    pub name: Box<str>,
}

/// A growable array.
#[jitgen_core::layout]
pub struct ArrayObj {
    /// The items.
    pub items: Gc<GcVec<Value>>,
}

/// A dict: values by key, in insertion order. Keys compare as `==` does (see `dict`).
#[jitgen_core::layout]
pub struct DictObj {
    /// The entries, hashed by `dict::key_hash`.
    pub table: Gc<GcTable<Value, Value>>,
}

/// A compiled function body: bytecode and what it refers to. Never changes after loading.
#[jitgen_core::layout]
pub struct Code {
    /// The function's name (`<main>` for top-level code).
    pub name: Gc<StrObj>,
    /// Number of parameters (`self` excluded).
    pub arity: i64,
    /// Whether local slot 0 holds `self`.
    pub is_method: bool,
    /// Local slots, parameters and `self` included.
    pub num_locals: i64,
    /// Deepest value stack the code needs.
    pub max_stack: i64,
    /// Instructions (see `bytecode`).
    pub ops: Gc<GcImmutableArray<u32>>,
    /// Source position of each instruction, `line << 32 | col`.
    pub positions: Gc<GcImmutableArray<u64>>,
    /// The constant pool.
    pub consts: Gc<GcImmutableArray<Value>>,
    /// The program's name table, as symbols.
    pub names: Gc<GcImmutableArray<Gc<Symbol>>>,
}

/// A function value.
#[jitgen_core::layout]
pub struct FunctionObj {
    /// Its code.
    pub code: Gc<Code>,
}

/// A class: a name, its methods and its superclass.
#[jitgen_core::layout]
pub struct ClassObj {
    /// The class name.
    pub name: Gc<StrObj>,
    /// Methods by name, inherited ones included (copied in when the class statement runs).
    pub methods: Gc<GcTable<Gc<Symbol>, Gc<Code>>>,
    /// The map of its instances before they get any field.
    pub empty_map: Gc<Map>,
    /// The superclass (set once, by the class statement, before the class can be used).
    #[quasi_immutable]
    pub superclass: QuasiImmut<Option<Gc<ClassObj>>>,
}

/// A map (hidden class): which field lives in which storage slot, shared by all instances
/// that got the same fields in the same order. A map never changes once made (adding a field
/// moves an instance to another map), so the JIT can promote an instance's map and fold the
/// field lookup into a constant slot index.
#[jitgen_core::layout]
pub struct Map {
    /// Storage slot of each field.
    pub slots: Gc<GcTable<Gc<Symbol>, i64>>,
    /// The maps reached by adding one more field (a cache).
    pub transitions: Gc<GcTable<Gc<Symbol>, Gc<Map>>>,
    /// Number of fields.
    pub size: i64,
}

/// An instance of a class: its map and the storage its fields live in.
#[jitgen_core::layout]
pub struct InstanceObj {
    /// Its class.
    pub class: Gc<ClassObj>,
    /// Its current map.
    pub map: Mut<Gc<Map>>,
    /// Field values, at the slots the map gives (the array may have spare room).
    pub storage: Mut<Gc<jitgen_core::gc::GcArray<Value>>>,
}

/// A built-in function (see `builtins`).
#[jitgen_core::layout]
pub struct BuiltinObj {
    /// Which one (`Builtin as i64`).
    pub id: i64,
}

/// An error in flight: the value a `catch` receives, and where it passed.
#[jitgen_core::layout]
pub struct ErrorObj {
    /// The message string (runtime errors) or the thrown value.
    pub value: Value,
    /// Whether it was raised by the runtime rather than by `throw`.
    pub runtime: bool,
    /// The code objects of the frames it unwound through, innermost first.
    pub trace_codes: Gc<GcVec<Gc<Code>>>,
    /// The pc in each of those frames.
    pub trace_pcs: Gc<GcVec<i64>>,
}

/// The storage of one global variable. A name's cell never changes once made (see
/// `interp::global_cell`), so compiled code finds it once. A global defined once and never
/// assigned (a function, a class, a constant) is quasi-immutable: traces fold its value.
/// The first time it changes it becomes `varies` (invalidating code that folded it) and
/// lives in `value`, which traces read and write.
#[jitgen_core::layout]
pub struct GlobalCell {
    /// The value while the global does not vary (`None`: not defined yet).
    #[quasi_immutable]
    pub constant: QuasiImmut<Option<Value>>,
    /// Whether the global was changed after its definition.
    #[quasi_immutable]
    pub varies: QuasiImmut<bool>,
    /// The value once it varies.
    pub value: Mut<Option<Value>>,
}

/// The execution context of one program run: globals, the constant singletons, and the
/// call depth.
#[jitgen_core::layout]
pub struct Ctx {
    /// Global variables' cells by name.
    pub globals: Gc<GcTable<Gc<Symbol>, Gc<GlobalCell>>>,
    /// `nil`.
    pub nil: Value,
    /// `true`.
    pub true_value: Value,
    /// `false`.
    pub false_value: Value,
    /// The symbol `init` (constructors are found by it).
    pub init: Gc<Symbol>,
    /// The one-character strings of the ASCII characters, by code (`s[i]` and `chr` of an
    /// ASCII character return these instead of allocating).
    pub ascii_chars: Gc<GcImmutableArray<Value>>,
    /// Current call depth (frames of toy functions).
    pub depth: Mut<i64>,
}

/// One activation of a toy function: its locals followed by its value stack, in one array.
/// The frame the JIT keeps in registers (it is the driver's virtualizable).
#[jitgen_core::layout]
pub struct Frame {
    /// The running code.
    pub code: Gc<Code>,
    /// Locals in `0..num_locals`, then the value stack (in registers inside compiled code).
    #[virtualizable]
    pub slots: Gc<jitgen_core::gc::GcArray<Value>>,
    /// Index of the first free stack slot (in a register inside compiled code).
    #[virtualizable]
    pub sp: Mut<usize>,
    /// Active `try` handlers: pairs of (handler pc, stack depth), innermost last.
    pub handlers: Mut<Option<Gc<GcVec<i64>>>>,
    /// Whether compiled code holds the frame's fields (see `jitgen_core::virtualizable`).
    pub vable: jitgen_core::virtualizable::VableToken,
}
