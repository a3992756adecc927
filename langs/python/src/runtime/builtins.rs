//! The built-in functions, the constructors of the built-in types, and the dispatch of
//! every native callable (methods of built-in types live in `methods`). A native
//! callable is a `BuiltinObj` holding a [`Builtin`] number and, for a bound method, its
//! receiver.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::call::{call_simple, Args};
use crate::runtime::dict::{dict_set_str, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::format::{format_number, format_str};
use crate::runtime::iter::{
    collect, enumerate_iter, filter_iter, get_iter, map_iter, next, zip_iter,
};
use crate::runtime::methods;
use crate::runtime::modules::BuiltinModule;
use crate::runtime::numbers::{self, as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::ops::{self, is_true};
use crate::runtime::stdio::{self, Stream};
use crate::runtime::text::{to_repr, to_str};
use crate::runtime::values::*;

macro_rules! builtins {
    ($($variant:ident = $name:literal,)*) => {
        /// Every native callable.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Builtin { $($variant,)* }

        /// Every native callable, indexed by number.
        const ALL_BUILTINS: &[Builtin] = &[$(Builtin::$variant,)*];

        /// The Python-visible name of a native callable.
        pub fn builtin_name(id: i64) -> &'static str {
            match ALL_BUILTINS.get(id as usize) {
                $(Some(Builtin::$variant) => $name,)*
                None => "?",
            }
        }
    };
}

builtins! {
    Print = "print", Len = "len", Repr = "repr", Isinstance = "isinstance",
    Issubclass = "issubclass", Abs = "abs", Min = "min", Max = "max", Sum = "sum",
    Sorted = "sorted", Reversed = "reversed", Enumerate = "enumerate", Zip = "zip",
    Map = "map", Filter = "filter", Chr = "chr", Ord = "ord", Round = "round",
    Divmod = "divmod", Pow = "pow", Hex = "hex", Bin = "bin", Oct = "oct", Any = "any",
    All = "all", Callable = "callable", Getattr = "getattr", Setattr = "setattr",
    Hasattr = "hasattr", Delattr = "delattr", Iter = "iter", Next = "next", Format = "format",
    Ascii = "ascii", Super = "super", Id = "id", Hash = "hash", Import = "__import__",
    Globals = "globals", Locals = "locals", Vars = "vars", Dir = "dir",
    Eval = "eval", Exec = "exec", Compile = "compile", Open = "open",
    Unsupported = "unsupported",
    StrJoin = "join", StrSplit = "split", StrStrip = "strip", StrLstrip = "lstrip",
    StrRstrip = "rstrip", StrUpper = "upper", StrLower = "lower", StrReplace = "replace",
    StrStartswith = "startswith", StrEndswith = "endswith", StrFind = "find",
    StrIndex = "index", StrCount = "count", StrIsdigit = "isdigit", StrIsalpha = "isalpha",
    StrIsspace = "isspace", StrIsupper = "isupper", StrIslower = "islower",
    StrIsalnum = "isalnum", StrTitle = "title", StrCapitalize = "capitalize",
    StrFormat = "format", StrCenter = "center", StrLjust = "ljust", StrRjust = "rjust",
    StrZfill = "zfill", StrSplitlines = "splitlines", StrRfind = "rfind",
    StrSwapcase = "swapcase", StrPartition = "partition", StrRsplit = "rsplit",
    StrRpartition = "rpartition", StrRindex = "rindex", StrRemoveprefix = "removeprefix",
    StrRemovesuffix = "removesuffix", StrExpandtabs = "expandtabs", StrCasefold = "casefold",
    StrMaketrans = "maketrans", StrTranslate = "translate", StrIsidentifier = "isidentifier",
    StrIsprintable = "isprintable", StrIsdecimal = "isdecimal", StrIsnumeric = "isnumeric",
    StrIsascii = "isascii", StrIstitle = "istitle", StrFormatMap = "format_map",
    ListAppend = "append", ListPop = "pop", ListExtend = "extend", ListInsert = "insert",
    ListRemove = "remove", ListIndex = "index", ListCount = "count", ListReverse = "reverse",
    ListSort = "sort", ListCopy = "copy", ListClear = "clear",
    DictGet = "get", DictKeys = "keys", DictValues = "values", DictItems = "items",
    DictPop = "pop", DictSetdefault = "setdefault", DictUpdate = "update", DictCopy = "copy",
    DictClear = "clear", DictPopitem = "popitem", DictFromkeys = "fromkeys",
    TupleIndex = "index", TupleCount = "count",
    FloatIsInteger = "is_integer", Conjugate = "conjugate", IntBitLength = "bit_length",
    IntBitCount = "bit_count", AsIntegerRatio = "as_integer_ratio", RangeIndex = "index",
    RangeCount = "count", SliceIndices = "indices", FloatHex = "hex",
    FloatFromhex = "fromhex",
    IntToBytes = "to_bytes", IntFromBytes = "from_bytes", BaseInit = "__init__",
    ObjectNew = "__new__", TypeCall = "__call__", ObjectGetattribute = "__getattribute__",
    ObjectSetattr = "__setattr__", ObjectDelattr = "__delattr__",
    ObjectInitSubclass = "__init_subclass__", ObjectHash = "__hash__", ObjectEq = "__eq__",
    ObjectRepr = "__repr__", ObjectStr = "__str__",
    DescrGet = "__get__", DescrSet = "__set__", DescrDelete = "__delete__",
    PropertyGetter = "getter", PropertySetter = "setter", PropertyDeleter = "deleter",
    FileRead = "read", FileReadline = "readline", FileReadlines = "readlines",
    FileWrite = "write", FileWritelines = "writelines", FileClose = "close",
    FileFlush = "flush", FileSeek = "seek", FileTell = "tell", FileReadable = "readable",
    FileWritable = "writable", FileSeekable = "seekable", FileEnter = "__enter__",
    FileExit = "__exit__",
    SetAdd = "add", SetRemove = "remove", SetDiscard = "discard", SetPop = "pop",
    SetClear = "clear", SetUpdate = "update", SetIntersectionUpdate = "intersection_update",
    SetDifferenceUpdate = "difference_update",
    SetSymmetricDifferenceUpdate = "symmetric_difference_update", SetCopy = "copy",
    SetUnion = "union", SetIntersection = "intersection", SetDifference = "difference",
    SetSymmetricDifference = "symmetric_difference", SetIsdisjoint = "isdisjoint",
    SetIssubset = "issubset", SetIssuperset = "issuperset",
    BytesDecode = "decode", BytesJoin = "join", BytesSplit = "split", BytesStrip = "strip",
    BytesLstrip = "lstrip", BytesRstrip = "rstrip", BytesFind = "find", BytesRfind = "rfind",
    BytesIndex = "index", BytesCount = "count", BytesReplace = "replace",
    BytesStartswith = "startswith", BytesEndswith = "endswith", BytesHex = "hex",
    BytesFromhex = "fromhex", ByteArrayFromhex = "fromhex", BytesUpper = "upper",
    BytesLower = "lower", BytesIsdigit = "isdigit", BytesIsalpha = "isalpha",
    BytesIsspace = "isspace", BytesIsalnum = "isalnum", BytesIsupper = "isupper",
    BytesIslower = "islower", BytesPartition = "partition", BytesRpartition = "rpartition",
    BytesRemoveprefix = "removeprefix", BytesRemovesuffix = "removesuffix",
    BytesLjust = "ljust", BytesRjust = "rjust", BytesCenter = "center",
    ByteArrayAppend = "append", ByteArrayExtend = "extend",
    ByteArrayPop = "pop", ByteArrayInsert = "insert", ByteArrayRemove = "remove",
    ByteArrayClear = "clear", ByteArrayCopy = "copy", ByteArrayReverse = "reverse",
    StrEncode = "encode",
    GenSend = "send", GenThrow = "throw", GenClose = "close",
    SysExit = "exit", SysGetrecursionlimit = "getrecursionlimit",
    SysSetrecursionlimit = "setrecursionlimit",
    TimeTime = "time", TimeTimeNs = "time_ns", TimePerfCounter = "perf_counter",
    TimePerfCounterNs = "perf_counter_ns", TimeMonotonic = "monotonic",
    TimeMonotonicNs = "monotonic_ns", TimeProcessTime = "process_time",
    TimeProcessTimeNs = "process_time_ns", TimeSleep = "sleep",
    MathSqrt = "sqrt", MathFloor = "floor", MathCeil = "ceil", MathTrunc = "trunc",
    MathFabs = "fabs", MathExp = "exp", MathExpm1 = "expm1", MathLog = "log",
    MathLog2 = "log2", MathLog10 = "log10", MathLog1p = "log1p", MathPow = "pow",
    MathSin = "sin", MathCos = "cos", MathTan = "tan", MathAsin = "asin", MathAcos = "acos",
    MathAtan = "atan", MathAtan2 = "atan2", MathSinh = "sinh", MathCosh = "cosh",
    MathTanh = "tanh", MathHypot = "hypot", MathIsfinite = "isfinite", MathIsinf = "isinf",
    MathIsnan = "isnan", MathIsclose = "isclose", MathGcd = "gcd", MathLcm = "lcm",
    MathFactorial = "factorial", MathCopysign = "copysign", MathFmod = "fmod",
    MathIsqrt = "isqrt", MathDegrees = "degrees", MathRadians = "radians", MathModf = "modf",
    MathFrexp = "frexp", MathLdexp = "ldexp", MathFsum = "fsum", MathProd = "prod",
    MathComb = "comb", MathPerm = "perm",
    DecimalNew = "_new", DecimalUnary = "_unary", DecimalBinary = "_binary",
    DecimalFma = "_fma", DecimalInfo = "_info", DecimalCompare = "_compare",
    RandomSeed = "_seed", RandomRandom = "_random", RandomGetrandbits = "_getrandbits",
    RandomGetstate = "_getstate", RandomSetstate = "_setstate", RandomSha512 = "_sha512",
    GcCollect = "collect", GcEnable = "enable", GcDisable = "disable",
    GcIsenabled = "isenabled", GcGetCount = "get_count", GcGetThreshold = "get_threshold",
    GcSetThreshold = "set_threshold", GcFreeze = "freeze", GcUnfreeze = "unfreeze",
    GcGetFreezeCount = "get_freeze_count",
    HeapqHeappush = "heappush", HeapqHeappop = "heappop", HeapqHeapify = "heapify",
    HeapqHeapreplace = "heapreplace", HeapqHeappushpop = "heappushpop",
    HeapqNsmallest = "nsmallest", HeapqNlargest = "nlargest",
    HeapqHeapifyMax = "_heapify_max", HeapqHeappopMax = "_heappop_max",
    HeapqHeapreplaceMax = "_heapreplace_max",
    DequeAppend = "append", DequeAppendleft = "appendleft", DequePop = "pop",
    DequePopleft = "popleft", DequeExtend = "extend", DequeExtendleft = "extendleft",
    DequeRotate = "rotate", DequeClear = "clear", DequeCopy = "copy",
    DequeDunderCopy = "__copy__", DequeCount = "count", DequeIndex = "index",
    DequeInsert = "insert", DequeRemove = "remove", DequeReverse = "reverse",
    DequeReversed = "__reversed__",
    BisectLeft = "bisect_left", BisectRight = "bisect_right", InsortLeft = "insort_left",
    InsortRight = "insort_right",
    OsGetpid = "getpid", OsMkdir = "mkdir", OsRmdir = "rmdir", OsRemove = "remove",
    OsUnlink = "unlink", OsListdir = "listdir",
    ReCompile = "compile", ReMatch = "match", ReFullmatch = "fullmatch", ReSearch = "search",
    ReFindall = "findall", ReFinditer = "finditer", ReSub = "sub", ReSubn = "subn",
    ReSplit = "split", ReEscape = "escape", RePurge = "purge",
    MatchGroup = "group", MatchGroups = "groups", MatchGroupdict = "groupdict",
    MatchStart = "start", MatchEnd = "end", MatchSpan = "span", MatchExpand = "expand",
    FunctoolsReduce = "reduce",
    OpAdd = "add", OpSub = "sub", OpMul = "mul", OpTruediv = "truediv",
    OpFloordiv = "floordiv", OpMod = "mod", OpPow = "pow", OpMatmul = "matmul",
    OpLshift = "lshift", OpRshift = "rshift", OpAnd = "and_", OpOr = "or_", OpXor = "xor",
    OpIadd = "iadd", OpIsub = "isub", OpImul = "imul", OpItruediv = "itruediv",
    OpIfloordiv = "ifloordiv", OpImod = "imod", OpIpow = "ipow", OpImatmul = "imatmul",
    OpIlshift = "ilshift", OpIrshift = "irshift", OpIand = "iand", OpIor = "ior",
    OpIxor = "ixor", OpLt = "lt", OpLe = "le", OpEq = "eq", OpNe = "ne", OpGt = "gt",
    OpGe = "ge", OpNeg = "neg", OpPos = "pos", OpInvert = "invert", OpInv = "inv",
    OpAbs = "abs", OpNot = "not_", OpTruth = "truth", OpIndex = "index", OpIs = "is_",
    OpIsNot = "is_not", OpContains = "contains", OpGetitem = "getitem",
    OpSetitem = "setitem", OpDelitem = "delitem", OpConcat = "concat",
    OpIconcat = "iconcat", OpCountOf = "countOf", OpIndexOf = "indexOf",
    OpLengthHint = "length_hint",
    SlotAdd = "__add__", SlotRadd = "__radd__", SlotSub = "__sub__", SlotRsub = "__rsub__",
    SlotMul = "__mul__", SlotRmul = "__rmul__", SlotTruediv = "__truediv__",
    SlotRtruediv = "__rtruediv__", SlotFloordiv = "__floordiv__",
    SlotRfloordiv = "__rfloordiv__", SlotMod = "__mod__", SlotRmod = "__rmod__",
    SlotPow = "__pow__", SlotRpow = "__rpow__", SlotLshift = "__lshift__",
    SlotRlshift = "__rlshift__", SlotRshift = "__rshift__", SlotRrshift = "__rrshift__",
    SlotAnd = "__and__", SlotRand = "__rand__", SlotOr = "__or__", SlotRor = "__ror__",
    SlotXor = "__xor__", SlotRxor = "__rxor__", SlotIadd = "__iadd__", SlotImul = "__imul__",
    SlotIor = "__ior__", SlotIand = "__iand__", SlotIsub = "__isub__", SlotIxor = "__ixor__",
    SlotNeg = "__neg__", SlotPos = "__pos__",
    SlotAbs = "__abs__", SlotInvert = "__invert__", SlotBool = "__bool__", SlotInt = "__int__",
    SlotFloat = "__float__", SlotIndex = "__index__", SlotLt = "__lt__", SlotLe = "__le__",
    SlotEq = "__eq__", SlotNe = "__ne__", SlotGt = "__gt__", SlotGe = "__ge__",
    SlotHash = "__hash__", SlotLen = "__len__", SlotGetitem = "__getitem__",
    SlotSetitem = "__setitem__", SlotDelitem = "__delitem__", SlotContains = "__contains__",
    SlotIter = "__iter__", SlotNext = "__next__", SlotRepr = "__repr__", SlotStr = "__str__",
}

/// The built-in functions, by name, that `builtins` holds.
const FUNCTIONS: &[Builtin] = &[
    Builtin::Print,
    Builtin::Len,
    Builtin::Repr,
    Builtin::Isinstance,
    Builtin::Issubclass,
    Builtin::Abs,
    Builtin::Min,
    Builtin::Max,
    Builtin::Sum,
    Builtin::Sorted,
    Builtin::Reversed,
    Builtin::Enumerate,
    Builtin::Zip,
    Builtin::Map,
    Builtin::Filter,
    Builtin::Chr,
    Builtin::Ord,
    Builtin::Round,
    Builtin::Divmod,
    Builtin::Pow,
    Builtin::Hex,
    Builtin::Bin,
    Builtin::Oct,
    Builtin::Any,
    Builtin::All,
    Builtin::Callable,
    Builtin::Getattr,
    Builtin::Setattr,
    Builtin::Hasattr,
    Builtin::Delattr,
    Builtin::Iter,
    Builtin::Next,
    Builtin::Format,
    Builtin::Ascii,
    Builtin::Super,
    Builtin::Id,
    Builtin::Hash,
    Builtin::Import,
    Builtin::Globals,
    Builtin::Locals,
    Builtin::Vars,
    Builtin::Dir,
    Builtin::Eval,
    Builtin::Exec,
    Builtin::Compile,
    Builtin::Open,
];

/// Built-in names jitpy knows but does not implement yet: calling one raises
/// `NotImplementedError` naming it.
const NOT_YET: &[&str] = &["input", "memoryview"];

/// Fills the `builtins` namespace: functions, types and exceptions.
pub fn fill_builtins(
    builtins: Gc<DictObj>,
    types: Gc<jitgen_core::gc::GcImmutableArray<Gc<TypeObj>>>,
) {
    for &function in FUNCTIONS {
        let value = Gc::new(BuiltinObj {
            id: function as i64,
            receiver: None,
            owner: None,
        })
        .erase();
        dict_set_str(builtins, builtin_name(function as i64), value);
    }
    for (id, name, _) in BUILTIN_TYPES {
        if matches!(
            id,
            TypeId::Object
                | TypeId::Type
                | TypeId::Int
                | TypeId::Bool
                | TypeId::Float
                | TypeId::Complex
                | TypeId::Str
                | TypeId::Tuple
                | TypeId::List
                | TypeId::Dict
                | TypeId::Range
                | TypeId::Slice
                | TypeId::Set
                | TypeId::FrozenSet
                | TypeId::Bytes
                | TypeId::ByteArray
                | TypeId::Property
                | TypeId::ClassMethod
                | TypeId::StaticMethod
        ) || ((id as u8) >= TypeId::BaseException as u8 && builtin_type_module(id) == "builtins")
        {
            dict_set_str(builtins, name, types.get(id as usize).erase());
        }
    }
    let os_error = types.get(TypeId::OSError as usize);
    crate::runtime::oserror::install_defaults(os_error);
    crate::runtime::files::install(types);
    dict_set_str(builtins, "IOError", os_error.erase());
    dict_set_str(builtins, "EnvironmentError", os_error.erase());
    for name in NOT_YET {
        let value = Gc::new(BuiltinObj {
            id: Builtin::Unsupported as i64,
            receiver: Some(new_str(name)),
            owner: None,
        })
        .erase();
        dict_set_str(builtins, name, value);
    }
    dict_set_str(builtins, "None", none());
    dict_set_str(builtins, "Ellipsis", ctx().ellipsis);
    dict_set_str(builtins, "NotImplemented", ctx().not_implemented);
}

/// Whether a native callable taken from its class (no receiver) is a method, which binds
/// to the instance it is read through when a class holds it (`__hash__ = object.__hash__`):
/// not a built-in function, nor the static method `object.__new__`.
pub fn is_method(id: i64) -> bool {
    ALL_BUILTINS.get(id as usize).is_some_and(|&b| {
        !FUNCTIONS.contains(&b) && !matches!(b, Builtin::ObjectNew | Builtin::Unsupported)
    })
}

/// The method `name` of a built-in value, bound to it.
pub fn method_of_value(value: Value, name: &str) -> Option<Value> {
    let id = methods::method_id(value, name)?;
    Some(
        Gc::new(BuiltinObj {
            id: id as i64,
            receiver: Some(value),
            owner: Some(type_of(value)),
        })
        .erase(),
    )
}

/// Calls a native callable.
pub fn call_builtin(builtin: Gc<BuiltinObj>, args: Args) -> PyResult<Value> {
    let Some(&id) = ALL_BUILTINS.get(builtin.id as usize) else {
        return type_error("unknown built-in".into());
    };
    // Class methods: the same called on the class or on an instance; a derived class
    // makes an instance of itself from the result.
    if is_class_method(id as i64) {
        let result = match id {
            Builtin::IntFromBytes => crate::runtime::bytes::int_from_bytes(args)?,
            Builtin::FloatFromhex => {
                arity("float.fromhex", &args, 1, 1)?;
                new_float(crate::runtime::floathex::float_fromhex(args.get(0))?)
            }
            Builtin::DictFromkeys => methods::dict_fromkeys(args)?,
            _ => crate::runtime::bytes::fromhex(args, id == Builtin::ByteArrayFromhex)?,
        };
        let cls = builtin.receiver.map(|receiver| {
            receiver
                .downcast::<TypeObj>()
                .unwrap_or_else(|| type_of(receiver))
        });
        return match cls {
            Some(cls) if cls.value_type >= 0 && cls.layout != Layout::Builtin as i64 => {
                crate::runtime::derived::from_class_method(cls, result)
            }
            _ => Ok(result),
        };
    }
    if id == Builtin::StrMaketrans {
        return methods::str_maketrans(args);
    }
    if let Some(receiver) = builtin.receiver {
        // A module's function is bound to its module (CPython's `__self__`).
        if receiver.is::<ModuleObj>() {
            return match BuiltinModule::of_function(id) {
                Some(module) => module.call(id, args),
                None => type_error("unknown built-in".into()),
            };
        }
        if id == Builtin::Unsupported {
            return unsupported(&format!("the built-in '{}'", to_str(receiver)?));
        }
        return methods::call_method(id, receiver, args);
    }
    if !FUNCTIONS.contains(&id) {
        // A method taken from its class (`str.upper`): the first argument is the receiver.
        crate::runtime::native_attrs::check_unbound_receiver(builtin, &args)?;
        let rest = Args {
            start: args.start + 1,
            npos: args.npos - 1,
            ..args
        };
        return methods::call_method(id, args.get(0), rest);
    }
    call_function(id, args)
}

/// Whether `id` is a class method of a built-in type (`dict.fromkeys`, `int.from_bytes`):
/// read through a class or an instance, it is bound to the class.
pub fn is_class_method(id: i64) -> bool {
    ALL_BUILTINS.get(id as usize).is_some_and(|&b| {
        matches!(
            b,
            Builtin::BytesFromhex
                | Builtin::ByteArrayFromhex
                | Builtin::IntFromBytes
                | Builtin::FloatFromhex
                | Builtin::DictFromkeys
        )
    })
}

/// Checks the count of positional arguments and that there are no keywords.
pub fn arity(name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    if args.nkw() > 0 {
        return type_error(format!("{name}() takes no keyword arguments"));
    }
    let n = args.npos;
    if n < min || n > max {
        return type_error(match (min, max) {
            (1, 1) => format!("{name}() takes exactly one argument ({n} given)"),
            (0, 0) => format!("{name}() takes no arguments ({n} given)"),
            _ if n < min => format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            ),
            _ => format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            ),
        });
    }
    Ok(())
}

/// The keyword argument `name`, if given; other keywords are an error.
pub fn keyword(fname: &str, args: &Args, allowed: &[&str], name: &str) -> PyResult<Option<Value>> {
    let Some(kwnames) = args.kwnames else {
        return Ok(None);
    };
    let mut found = None;
    for k in 0..kwnames.items.len() {
        let key = to_str(kwnames.items.get(k))?;
        if !allowed.contains(&key.as_str()) {
            return type_error(format!(
                "'{key}' is an invalid keyword argument for {fname}()"
            ));
        }
        if key == name {
            found = Some(args.array.get(args.start + args.npos + k));
        }
    }
    Ok(found)
}

/// Binds arguments by parameter name: the first `positional` of `names` may come by
/// position, any by keyword (`None`: not given), with CPython's errors for too many
/// positional arguments and unknown keywords.
pub fn bind<const N: usize>(
    fname: &str,
    args: &Args,
    names: [&str; N],
    positional: usize,
) -> PyResult<[Option<Value>; N]> {
    if args.npos > positional {
        let kind = if positional < N {
            "positional arguments"
        } else {
            "arguments"
        };
        return type_error(format!(
            "{fname}() takes at most {positional} {kind} ({} given)",
            args.npos
        ));
    }
    let mut bound = [None; N];
    for (i, name) in names.iter().enumerate() {
        bound[i] = match keyword(fname, args, &names, name)? {
            Some(_) if i < args.npos => {
                return type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                ))
            }
            Some(value) => Some(value),
            None => (i < args.npos).then(|| args.get(i)),
        };
    }
    Ok(bound)
}

/// `callable(value)`.
pub fn is_callable(value: Value) -> bool {
    value.is::<FunctionObj>()
        || value.is::<MethodObj>()
        || value.is::<StaticMethodObj>()
        || value.is::<BuiltinObj>()
        || value.is::<TypeObj>()
        || value
            .downcast::<InstanceObj>()
            .is_some_and(|i| crate::runtime::attr::lookup_in_mro(i.cls, "__call__").is_some())
}

/// An int argument.
pub fn int_arg(value: Value, what: &str) -> PyResult<i64> {
    match numbers::as_index(value) {
        Some(Num::Int(i)) => Ok(i),
        Some(Num::Big(_)) => Err(exception(
            TypeId::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        _ => type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            type_name(value)
        )),
    }
}

fn call_function(id: Builtin, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    match id {
        Builtin::Print => print(args),
        Builtin::Len => {
            arity(name, &args, 1, 1)?;
            Ok(new_int(ops::len(args.get(0))?))
        }
        Builtin::Import => import(args),
        Builtin::Globals | Builtin::Locals | Builtin::Vars | Builtin::Dir => {
            crate::runtime::introspect::call(id, args)
        }
        Builtin::Eval | Builtin::Exec => crate::runtime::eval::run_source(id, args, None),
        Builtin::Compile => crate::runtime::eval::compile(args),
        Builtin::Open => crate::runtime::files::open(args),
        Builtin::Hash => {
            arity(name, &args, 1, 1)?;
            Ok(new_int(crate::runtime::dict::hash_value(args.get(0))?))
        }
        Builtin::Repr => {
            arity(name, &args, 1, 1)?;
            Ok(new_str(&to_repr(args.get(0))?))
        }
        Builtin::Ascii => {
            arity(name, &args, 1, 1)?;
            Ok(new_str(&ascii_of(args.get(0))?))
        }
        Builtin::Isinstance => {
            arity(name, &args, 2, 2)?;
            let subject = args.get(0);
            Ok(new_bool(class_matches(
                type_of(subject),
                subject,
                args.get(1),
                "isinstance",
            )?))
        }
        Builtin::Issubclass => {
            arity(name, &args, 2, 2)?;
            let Some(cls) = args.get(0).downcast::<TypeObj>() else {
                return type_error("issubclass() arg 1 must be a class".into());
            };
            Ok(new_bool(class_matches(
                cls,
                cls.erase(),
                args.get(1),
                "issubclass",
            )?))
        }
        Builtin::Abs => {
            arity(name, &args, 1, 1)?;
            let value = args.get(0);
            if let Some(z) = value.downcast::<ComplexObj>() {
                return crate::runtime::complex::abs(z);
            }
            match as_num(value) {
                Some(Num::Float(f)) => Ok(new_float(f.abs())),
                Some(num)
                    if numbers::compare(crate::bytecode::CompareKind::Lt, &num, &Num::Int(0)) =>
                {
                    Ok(numbers::negate(&num))
                }
                Some(Num::Int(i)) => Ok(new_int(i)),
                Some(_) => Ok(value),
                None => match ops::special(value, "__abs__", &[])? {
                    Some(result) => Ok(result),
                    None => type_error(format!(
                        "bad operand type for abs(): '{}'",
                        type_name(value)
                    )),
                },
            }
        }
        Builtin::Min | Builtin::Max => min_max(id == Builtin::Max, args),
        Builtin::Sum => {
            if args.npos < 1 || args.npos > 2 {
                return type_error(format!(
                    "sum() takes at least 1 positional argument ({} given)",
                    args.npos
                ));
            }
            let start = match keyword(name, &args, &["start"], "start")? {
                Some(start) => start,
                None if args.npos == 2 => args.get(1),
                None => new_int(0),
            };
            if start.is::<StrObj>() {
                return type_error("sum() can't sum strings [use ''.join(seq) instead]".into());
            }
            let items = collect(args.get(0))?;
            let mut total = start;
            for i in 0..items.len() {
                total = ops::binary(crate::bytecode::BinaryKind::Add, total, items.get(i), false)?;
            }
            Ok(total)
        }
        Builtin::Sorted => {
            if args.npos != 1 {
                return type_error(format!("sorted expected 1 argument, got {}", args.npos));
            }
            let items = collect(args.get(0))?;
            let (key, reverse) = methods::sort_options(&args)?;
            methods::sort_items(items, key, reverse)?;
            Ok(new_list(items))
        }
        Builtin::Reversed => {
            arity(name, &args, 1, 1)?;
            let mut value = args.get(0);
            if let Some(instance) = value.downcast::<InstanceObj>() {
                // The class's `__reversed__`, else a derived instance's built-in value's.
                match (
                    crate::runtime::attr::lookup_in_mro(instance.cls, "__reversed__"),
                    instance.value,
                ) {
                    (Some(method), _) if !is_none(method) => {
                        return crate::runtime::descriptors::call_special(method, value, &[])
                    }
                    (None, Some(builtin)) => value = builtin,
                    (None, None) => {
                        return unsupported(&format!("reversed() of '{}'", type_name(value)))
                    }
                    _ => {}
                }
            }
            // Sequences, dicts and their views; not sets, iterators or generators. Lists,
            // dicts and deques are read lazily, the others from a copy.
            if !matches!(
                builtin_type_id(value),
                TypeId::List
                    | TypeId::Tuple
                    | TypeId::Str
                    | TypeId::Range
                    | TypeId::Bytes
                    | TypeId::ByteArray
                    | TypeId::Dict
                    | TypeId::DictKeys
                    | TypeId::DictValues
                    | TypeId::DictItems
                    | TypeId::Deque
            ) {
                return type_error(format!("'{}' object is not reversible", type_name(value)));
            }
            if let Some(iterator) = crate::runtime::iter::reversed_iter(value) {
                return Ok(iterator);
            }
            let items = collect(value)?;
            let out = GcVec::with_capacity(items.len());
            for i in (0..items.len()).rev() {
                out.push(items.get(i));
            }
            get_iter(new_list(out))
        }
        Builtin::Enumerate => {
            if args.npos < 1 || args.npos > 2 {
                return type_error(format!(
                    "enumerate() takes at most 2 arguments ({} given)",
                    args.npos
                ));
            }
            let start = match keyword(name, &args, &["start"], "start")? {
                Some(s) => int_arg(s, "")?,
                None if args.npos == 2 => int_arg(args.get(1), "")?,
                None => 0,
            };
            enumerate_iter(args.get(0), start)
        }
        Builtin::Zip => {
            let strict = match keyword(name, &args, &["strict"], "strict")? {
                Some(strict) => ops::is_true(strict)?,
                None => false,
            };
            zip_iter((0..args.npos).map(|i| args.get(i)), strict)
        }
        Builtin::Map => {
            if args.npos < 2 {
                return type_error("map() must have at least two arguments.".into());
            }
            map_iter(args.get(0), (1..args.npos).map(|i| args.get(i)))
        }
        Builtin::Filter => {
            arity(name, &args, 2, 2)?;
            filter_iter(args.get(0), args.get(1))
        }
        Builtin::Chr => {
            arity(name, &args, 1, 1)?;
            let code = int_arg(args.get(0), "")?;
            match u32::try_from(code).ok().and_then(char::from_u32) {
                Some(c) => Ok(new_str(&c.to_string())),
                None if (0..0x110000).contains(&code) => unsupported("lone surrogates in strs"),
                None => value_error("chr() arg not in range(0x110000)".into()),
            }
        }
        Builtin::Ord => {
            arity(name, &args, 1, 1)?;
            let value = args.get(0);
            let Some(s) = crate::runtime::derived::str_value(value) else {
                return type_error(format!(
                    "ord() expected string of length 1, but {} found",
                    type_name(value)
                ));
            };
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(new_int(c as i64)),
                _ => type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars
                )),
            }
        }
        Builtin::Round => round(args),
        Builtin::Divmod => {
            arity(name, &args, 2, 2)?;
            let (a, b) = (args.get(0), args.get(1));
            if a.is::<InstanceObj>() || b.is::<InstanceObj>() {
                // `__divmod__`, then the right operand's `__rdivmod__`.
                let not_implemented = ctx().not_implemented;
                for (value, method, other) in [(a, "__divmod__", b), (b, "__rdivmod__", a)] {
                    if let Some(result) = ops::special(value, method, &[other])? {
                        if result != not_implemented {
                            return Ok(result);
                        }
                    }
                }
            }
            let (Some(x), Some(y)) = (numbers::as_number(a), numbers::as_number(b)) else {
                return type_error(format!(
                    "unsupported operand type(s) for divmod(): '{}' and '{}'",
                    type_name(a),
                    type_name(b)
                ));
            };
            let q = numbers::binary(crate::bytecode::BinaryKind::FloorDiv, &x, &y)?
                .unwrap_or_else(none);
            let r = numbers::binary(crate::bytecode::BinaryKind::Mod, &x, &y)?.unwrap_or_else(none);
            let pair = GcVec::with_capacity(2);
            pair.push(q);
            pair.push(r);
            Ok(new_tuple(pair))
        }
        Builtin::Pow => {
            arity(name, &args, 2, 3)?;
            if args.npos == 3 && !is_none(args.get(2)) {
                let (base, exponent, modulus) = (args.get(0), args.get(1), args.get(2));
                if base.is::<InstanceObj>() {
                    // The three-argument `__pow__` of an instance.
                    if let Some(result) = ops::special(base, "__pow__", &[exponent, modulus])? {
                        if result != ctx().not_implemented {
                            return Ok(result);
                        }
                    }
                }
                return pow_mod(base, exponent, modulus);
            }
            ops::binary(
                crate::bytecode::BinaryKind::Pow,
                args.get(0),
                args.get(1),
                false,
            )
        }
        Builtin::Hex | Builtin::Bin | Builtin::Oct => {
            arity(name, &args, 1, 1)?;
            let value = args.get(0);
            let Some(big) = numbers::as_bigint(crate::runtime::derived::builtin_value(value))
            else {
                return type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(value)
                ));
            };
            let (radix, prefix) = match id {
                Builtin::Hex => (16, "0x"),
                Builtin::Bin => (2, "0b"),
                _ => (8, "0o"),
            };
            let sign = if big.sign() == num_bigint::Sign::Minus {
                "-"
            } else {
                ""
            };
            Ok(new_str(&format!(
                "{sign}{prefix}{}",
                big.magnitude().to_str_radix(radix)
            )))
        }
        Builtin::Any | Builtin::All => {
            arity(name, &args, 1, 1)?;
            let iterator = get_iter(args.get(0))?;
            let want = id == Builtin::Any;
            while let Some(item) = next(iterator)? {
                if is_true(item)? == want {
                    return Ok(new_bool(want));
                }
            }
            Ok(new_bool(!want))
        }
        Builtin::Callable => {
            arity(name, &args, 1, 1)?;
            Ok(new_bool(is_callable(args.get(0))))
        }
        Builtin::Getattr => {
            arity(name, &args, 2, 3)?;
            let attr = str_arg(args.get(1), "getattr(): attribute name must be string")?;
            match crate::runtime::attr::get_attr(args.get(0), attr) {
                Err(error)
                    if args.npos == 3
                        && is_subclass(error.cls, builtin_type(TypeId::AttributeError)) =>
                {
                    Ok(args.get(2))
                }
                other => other,
            }
        }
        Builtin::Setattr => {
            arity(name, &args, 3, 3)?;
            let attr = str_arg(args.get(1), "attribute name must be string")?;
            crate::runtime::attr::set_attr(args.get(0), attr, args.get(2))?;
            Ok(none())
        }
        Builtin::Delattr => {
            arity(name, &args, 2, 2)?;
            let attr = str_arg(args.get(1), "attribute name must be string")?;
            crate::runtime::attr::del_attr(args.get(0), attr)?;
            Ok(none())
        }
        Builtin::Hasattr => {
            arity(name, &args, 2, 2)?;
            let attr = str_arg(args.get(1), "hasattr(): attribute name must be string")?;
            match crate::runtime::attr::get_attr(args.get(0), attr) {
                Ok(_) => Ok(new_bool(true)),
                Err(error) if is_subclass(error.cls, builtin_type(TypeId::AttributeError)) => {
                    Ok(new_bool(false))
                }
                Err(error) => Err(error),
            }
        }
        Builtin::Iter => {
            arity(name, &args, 1, 1)?;
            get_iter(args.get(0))
        }
        Builtin::Next => {
            arity(name, &args, 1, 2)?;
            let iterator = args.get(0);
            if let Some(generator) = iterator.downcast::<GeneratorObj>() {
                use crate::runtime::generators::{resume, stop_iteration, Resumed};
                return match resume(generator, none(), false)? {
                    Resumed::Yielded(item) => Ok(item),
                    Resumed::Returned(_) if args.npos == 2 => Ok(args.get(1)),
                    Resumed::Returned(value) => Err(stop_iteration(value)),
                };
            }
            if !iterator.is::<IterObj>()
                && !iterator.is::<InstanceObj>()
                && !iterator.is::<FileObj>()
            {
                return type_error(format!(
                    "'{}' object is not an iterator",
                    type_name(iterator)
                ));
            }
            match next(iterator)? {
                Some(item) => Ok(item),
                None if args.npos == 2 => Ok(args.get(1)),
                None => Err(crate::runtime::exceptions::new_exception(
                    builtin_type(TypeId::StopIteration),
                    new_tuple(GcVec::new()),
                )),
            }
        }
        Builtin::Format => {
            arity(name, &args, 1, 2)?;
            let spec = if args.npos == 2 {
                to_str(args.get(1))?
            } else {
                String::new()
            };
            Ok(new_str(&format_of(args.get(0), &spec)?))
        }
        Builtin::Super => {
            if args.npos != 2 {
                return unsupported("super() outside a method, or with one argument");
            }
            let Some(start) = args.get(0).downcast::<TypeObj>() else {
                return type_error("super() argument 1 must be a type".into());
            };
            let receiver = args.get(1);
            let fits = is_subclass(type_of(receiver), start)
                || receiver
                    .downcast::<TypeObj>()
                    .is_some_and(|cls| is_subclass(cls, start));
            if !fits {
                return type_error(
                    "super(type, obj): obj must be an instance or subtype of type".into(),
                );
            }
            Ok(Gc::new(SuperObj {
                start,
                receiver: args.get(1),
            })
            .erase())
        }
        Builtin::Id => {
            arity(name, &args, 1, 1)?;
            Ok(new_int(args.get(0).addr() as i64))
        }
        _ => type_error(format!("'{name}' is not callable this way")),
    }
}

fn str_arg(value: Value, message: &str) -> PyResult<Gc<StrObj>> {
    value
        .downcast::<StrObj>()
        .ok_or_else(|| exception(TypeId::TypeError, message))
}

/// Whether `cls` (`subject`'s class for `isinstance`, `subject` itself for `issubclass`)
/// is a subclass of `target` (a class or a tuple of them), or what the `__instancecheck__`
/// or `__subclasscheck__` of `target`'s metaclass answers for `subject`.
fn class_matches(cls: Gc<TypeObj>, subject: Value, target: Value, fname: &str) -> PyResult<bool> {
    if let Some(tuple) = target.downcast::<TupleObj>() {
        for i in 0..tuple.items.len() {
            if class_matches(cls, subject, tuple.items.get(i), fname)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let Some(target) = target.downcast::<TypeObj>() else {
        return type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ));
    };
    let hook = match fname {
        "isinstance" => "__instancecheck__",
        _ => "__subclasscheck__",
    };
    // The target's metaclass decides (but an object's own class is always an instance).
    match crate::runtime::metaclasses::hook(target, hook) {
        Some(method) if fname == "issubclass" || !Gc::ptr_eq(cls, target) => {
            let result =
                crate::runtime::descriptors::call_special(method, target.erase(), &[subject])?;
            is_true(result)
        }
        _ => Ok(is_subclass(cls, target)),
    }
}

/// `print(*objects, sep=' ', end='\n')`.
fn print(args: Args) -> PyResult<Value> {
    let allowed = ["sep", "end", "file", "flush"];
    let text_option = |name: &str, default: &str| -> PyResult<String> {
        match keyword("print", &args, &allowed, name)? {
            None => Ok(default.to_string()),
            Some(v) if is_none(v) => Ok(default.to_string()),
            Some(v) => match v.downcast::<StrObj>() {
                Some(s) => Ok(s.as_str().to_string()),
                None => type_error(format!(
                    "{name} must be None or a string, not {}",
                    type_name(v)
                )),
            },
        }
    };
    let sep = text_option("sep", " ")?;
    let end = text_option("end", "\n")?;
    let file = keyword("print", &args, &allowed, "file")?.filter(|f| !is_none(*f));
    let flush = match keyword("print", &args, &allowed, "flush")? {
        Some(flush) => is_true(flush)?,
        None => false,
    };
    // As CPython, the pieces are written one by one: a `str()` that raises leaves the
    // ones before it written.
    let target = match file {
        None => Ok(Stream::Stdout),
        Some(file) => match file.downcast::<StreamObj>() {
            Some(stream) => Ok(Stream::of(stream)),
            None => Err(file),
        },
    };
    let write = |piece: &str| -> PyResult<()> {
        match target {
            Ok(stream) => stdio::write(stream, piece),
            Err(file) => {
                let write = crate::runtime::attr::get_attr(file, StrObj::new("write"))?;
                call_simple(write, &[new_str(piece)])?;
            }
        }
        Ok(())
    };
    for i in 0..args.npos {
        if i > 0 {
            write(&sep)?;
        }
        write(&to_str(args.get(i))?)?;
    }
    write(&end)?;
    if flush {
        match target {
            Ok(stream) => stdio::flush(stream),
            Err(file) => {
                let flush = crate::runtime::attr::get_attr(file, StrObj::new("flush"))?;
                call_simple(flush, &[])?;
            }
        }
    }
    Ok(none())
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn import(args: Args) -> PyResult<Value> {
    let names = ["name", "globals", "locals", "fromlist", "level"];
    if args.npos > names.len() {
        return type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            args.npos
        ));
    }
    let mut values = [None; 5];
    for (i, name) in names.iter().enumerate() {
        values[i] = match keyword("__import__", &args, &names, name)? {
            Some(value) => Some(value),
            None => (i < args.npos).then(|| args.get(i)),
        };
    }
    let [name, globals, _, fromlist, level] = values;
    let Some(name) = name.and_then(|n| n.downcast::<StrObj>()) else {
        return type_error("module name must be a string".into());
    };
    let level = match level {
        Some(level) => int_arg(level, "")?,
        None => 0,
    };
    if level < 0 {
        return value_error("level must be >= 0".into());
    }
    if name.as_str().is_empty() && level == 0 {
        return value_error("Empty module name".into());
    }
    let globals = globals
        .and_then(|g| g.downcast::<DictObj>())
        .unwrap_or_else(new_dict);
    crate::runtime::modules::import_name(
        globals,
        name.as_str(),
        fromlist.unwrap_or_else(none),
        level,
    )
}

/// `min()`/`max()` of an iterable or of the arguments, with `key` and `default`.
fn min_max(is_max: bool, args: Args) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let allowed = ["key", "default"];
    let key = keyword(name, &args, &allowed, "key")?.filter(|k| !is_none(*k));
    let default = keyword(name, &args, &allowed, "default")?;
    let items = match args.npos {
        0 => return type_error(format!("{name} expected at least 1 argument, got 0")),
        1 => collect(args.get(0))?,
        n => {
            if default.is_some() {
                return type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                ));
            }
            let items = GcVec::with_capacity(n);
            for i in 0..n {
                items.push(args.get(i));
            }
            items
        }
    };
    if items.is_empty() {
        return match default {
            Some(default) => Ok(default),
            None => value_error(format!("{name}() arg is an empty sequence")),
        };
    }
    let mut best = items.get(0);
    let mut best_key = match key {
        Some(k) => call_simple(k, &[best])?,
        None => best,
    };
    let kind = if is_max {
        crate::bytecode::CompareKind::Gt
    } else {
        crate::bytecode::CompareKind::Lt
    };
    for i in 1..items.len() {
        let item = items.get(i);
        let item_key = match key {
            Some(k) => call_simple(k, &[item])?,
            None => item,
        };
        if is_true(ops::compare(kind, item_key, best_key)?)? {
            best = item;
            best_key = item_key;
        }
    }
    Ok(best)
}

/// `round(number[, ndigits])`: halves to even, as CPython.
fn round(args: Args) -> PyResult<Value> {
    if args.npos < 1 || args.npos > 2 {
        return type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            args.npos
        ));
    }
    // A derived number rounds as its built-in value.
    let value = crate::runtime::derived::builtin_value(args.get(0));
    if value.is::<InstanceObj>() {
        // The arguments stay in `args` (which the collector sees) while this runs.
        let rest: Vec<Value> = (1..args.npos).map(|i| args.get(i)).collect();
        if let Some(result) = ops::special(value, "__round__", &rest)? {
            return Ok(result);
        }
    }
    let ndigits = if args.npos == 2 && !is_none(args.get(1)) {
        Some(int_arg(args.get(1), "")?)
    } else {
        None
    };
    match (as_num(value), ndigits) {
        (Some(Num::Float(x)), None) => int_from_float(x, f64::round_ties_even),
        (Some(Num::Float(x)), Some(n)) => {
            if !x.is_finite() || n > 300 {
                return Ok(new_float(x));
            }
            if n >= 0 {
                let text = format!("{:.*}", n as usize, x);
                return Ok(new_float(text.parse().unwrap_or(x)));
            }
            let factor = 10f64.powi((-n) as i32);
            Ok(new_float((x / factor).round_ties_even() * factor))
        }
        // An int (a bool too: `round(True)` is 1) as an int.
        (Some(Num::Int(i)), None) => Ok(new_int(i)),
        (Some(Num::Big(_)), None) => Ok(value),
        (Some(Num::Int(_) | Num::Big(_)), Some(n)) => {
            if n >= 0 {
                return Ok(match as_num(value) {
                    Some(Num::Int(i)) => new_int(i),
                    _ => value,
                });
            }
            let big = numbers::as_bigint(value).unwrap_or_default();
            let factor = num_traits::pow(num_bigint::BigInt::from(10), (-n) as usize);
            let (q, r) = num_integer::Integer::div_mod_floor(&big, &factor);
            let twice = &r * 2;
            let q = if twice > factor || (twice == factor && num_integer::Integer::is_odd(&q)) {
                q + 1
            } else {
                q
            };
            Ok(new_bigint(q * factor))
        }
        _ => type_error(format!(
            "type {} doesn't define __round__ method",
            type_name(value)
        )),
    }
}

/// `pow(base, exp, mod)` for ints.
fn pow_mod(base: Value, exponent: Value, modulus: Value) -> PyResult<Value> {
    let (Some(b), Some(e), Some(m)) = (
        numbers::as_bigint(base),
        numbers::as_bigint(exponent),
        numbers::as_bigint(modulus),
    ) else {
        return type_error(
            "pow() 3rd argument not allowed unless all arguments are integers".into(),
        );
    };
    if m == num_bigint::BigInt::from(0) {
        return value_error("pow() 3rd argument cannot be 0".into());
    }
    // A negative exponent raises the base's inverse modulo |mod| to the opposite power.
    let (b, e) = match e.sign() {
        num_bigint::Sign::Minus => {
            use num_integer::Integer;
            let modulus = num_traits::Signed::abs(&m);
            let inverse = b.mod_floor(&modulus).extended_gcd(&modulus);
            if inverse.gcd != num_bigint::BigInt::from(1) {
                return value_error("base is not invertible for the given modulus".into());
            }
            (inverse.x.mod_floor(&modulus), -e)
        }
        _ => (b, e),
    };
    let r = b.modpow(&e, &m);
    let r = if r.sign() != num_bigint::Sign::NoSign && r.sign() != m.sign() {
        r + &m
    } else {
        r
    };
    Ok(new_bigint(r))
}

/// `format(value, spec)`.
pub fn format_of(value: Value, spec: &str) -> PyResult<String> {
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if let Some(method) = crate::runtime::attr::lookup_in_mro(instance.cls, "__format__") {
            let result =
                crate::runtime::descriptors::call_special(method, value, &[new_str(spec)])?;
            return to_str(result);
        }
        // A derived instance formats as its built-in value (with no spec: as `str()`).
        if let (Some(builtin), false) = (instance.value, spec.is_empty()) {
            return format_of(builtin, spec);
        }
    }
    if value.is::<BoolObj>() && spec.is_empty() {
        return to_str(value);
    }
    if let Some(num) = as_num(value) {
        return format_number(&num, spec);
    }
    if let Some(s) = value.downcast::<StrObj>() {
        return format_str(s.as_str(), spec);
    }
    if spec.is_empty() {
        return to_str(value);
    }
    type_error(format!(
        "unsupported format string passed to {}.__format__",
        type_name(value)
    ))
}

/// `ascii(value)`: the repr with non-ASCII characters escaped.
pub fn ascii_of(value: Value) -> PyResult<String> {
    let text = to_repr(value)?;
    let mut out = String::new();
    for c in text.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            code @ 0x80..=0xff => out.push_str(&format!("\\x{code:02x}")),
            code @ 0x100..=0xffff => out.push_str(&format!("\\u{code:04x}")),
            code => out.push_str(&format!("\\U{code:08x}")),
        }
    }
    Ok(out)
}

/// `cls(args...)` for a built-in type.
pub fn construct(cls: Gc<TypeObj>, args: Args) -> PyResult<Value> {
    let types = ctx().types;
    let id = (0..types.len())
        .find(|&i| Gc::ptr_eq(types.get(i), cls))
        .unwrap_or(usize::MAX);
    let name = cls.name.as_str();
    let which = BUILTIN_TYPES.get(id).map(|t| t.0);
    match which {
        Some(TypeId::Int) => construct_int(args),
        Some(TypeId::Deque) => crate::runtime::modules::deque::construct(args),
        Some(TypeId::Complex) => {
            if args.npos > 2 {
                return type_error(format!(
                    "complex() takes at most 2 arguments ({} given)",
                    args.npos
                ));
            }
            let allowed = ["real", "imag"];
            let real = match keyword(name, &args, &allowed, "real")? {
                Some(real) => Some(real),
                None => (args.npos >= 1).then(|| args.get(0)),
            };
            let imag = match keyword(name, &args, &allowed, "imag")? {
                Some(imag) => Some(imag),
                None => (args.npos == 2).then(|| args.get(1)),
            };
            crate::runtime::complex::construct(real, imag)
        }
        Some(TypeId::Float) => {
            arity(name, &args, 0, 1)?;
            if args.npos == 0 {
                return Ok(new_float(0.0));
            }
            to_float(args.get(0)).map(new_float)
        }
        Some(TypeId::Str) => {
            arity(name, &args, 0, 1)?;
            if args.npos == 0 {
                return Ok(new_str(""));
            }
            Ok(new_str(&to_str(args.get(0))?))
        }
        Some(TypeId::Bool) => {
            arity(name, &args, 0, 1)?;
            Ok(new_bool(args.npos == 1 && is_true(args.get(0))?))
        }
        Some(which @ (TypeId::Bytes | TypeId::ByteArray)) => {
            crate::runtime::bytes::construct(args, which == TypeId::ByteArray)
        }
        Some(which @ (TypeId::Set | TypeId::FrozenSet)) => {
            if args.nkw() > 0 {
                return type_error(format!("{name}() takes no keyword arguments"));
            }
            arity(name, &args, 0, 1)?;
            let frozen = which == TypeId::FrozenSet;
            if args.npos == 0 {
                return Ok(crate::runtime::set::new_set(frozen).erase());
            }
            let source = args.get(0);
            if frozen && source.downcast::<SetObj>().is_some_and(|s| s.frozen) {
                return Ok(source);
            }
            Ok(crate::runtime::set::from_iterable(source, frozen)?.erase())
        }
        Some(TypeId::List) => {
            arity(name, &args, 0, 1)?;
            if args.npos == 0 {
                return Ok(new_list(GcVec::new()));
            }
            Ok(new_list(collect(args.get(0))?))
        }
        Some(TypeId::Tuple) => {
            arity(name, &args, 0, 1)?;
            if args.npos == 0 {
                return Ok(new_tuple(GcVec::new()));
            }
            if args.get(0).is::<TupleObj>() {
                return Ok(args.get(0));
            }
            Ok(new_tuple(collect(args.get(0))?))
        }
        Some(TypeId::Dict) => construct_dict(args),
        Some(TypeId::Property) => crate::runtime::descriptors::new_property(args),
        Some(which @ (TypeId::ClassMethod | TypeId::StaticMethod)) => {
            crate::runtime::descriptors::new_method_wrapper(args, which == TypeId::ClassMethod)
        }
        Some(TypeId::Range) => {
            arity(name, &args, 1, 3)?;
            let ints: PyResult<Vec<i64>> =
                (0..args.npos).map(|i| int_arg(args.get(i), "")).collect();
            let ints = ints?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => (0, 0, 1),
            };
            if step == 0 {
                return value_error("range() arg 3 must not be zero".into());
            }
            Ok(Gc::new(RangeObj { start, stop, step }).erase())
        }
        Some(TypeId::Type) => {
            if args.npos == 1 && args.nkw() == 0 {
                return Ok(type_of(args.get(0)).erase());
            }
            crate::runtime::metaclasses::type_new(cls, args)
        }
        Some(TypeId::Object) => {
            arity(name, &args, 0, 0)
                .map_err(|_| exception(TypeId::TypeError, "object() takes no arguments"))?;
            Ok(InstanceObj::new(cls).erase())
        }
        Some(TypeId::Slice) => {
            arity(name, &args, 1, 3)?;
            let (start, stop, step) = match args.npos {
                1 => (none(), args.get(0), none()),
                2 => (args.get(0), args.get(1), none()),
                _ => (args.get(0), args.get(1), args.get(2)),
            };
            Ok(Gc::new(SliceObj { start, stop, step }).erase())
        }
        _ => type_error(format!("cannot create '{name}' instances")),
    }
}

/// `int(x)` of a float rounded by `round` (`int()`, `round()`, `math.floor`/`ceil`/`trunc`): the
/// errors CPython raises for a nan or an infinity.
pub(crate) fn int_from_float(x: f64, round: fn(f64) -> f64) -> PyResult<Value> {
    if x.is_nan() {
        return value_error("cannot convert float NaN to integer".into());
    }
    if x.is_infinite() {
        return Err(exception(
            TypeId::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    Ok(new_bigint(numbers::float_to_bigint(round(x))))
}

/// `int(x)`, `int(text, base)`.
fn construct_int(args: Args) -> PyResult<Value> {
    let base_kw = keyword("int", &args, &["base"], "base")?;
    if args.npos > 2 {
        return type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.npos
        ));
    }
    if args.npos == 0 {
        return Ok(new_int(0));
    }
    let value = args.get(0);
    let base = match (base_kw, args.npos) {
        (Some(b), _) => Some(int_arg(b, "")?),
        (None, 2) => Some(int_arg(args.get(1), "")?),
        _ => None,
    };
    if let Some(s) = crate::runtime::derived::str_value(value) {
        return parse_int(s.as_str(), base.unwrap_or(10));
    }
    if base.is_some() {
        return type_error("int() can't convert non-string with explicit base".into());
    }
    match as_num(value) {
        Some(Num::Int(i)) => Ok(new_int(i)),
        Some(Num::Big(b)) => Ok(new_bigint(b)),
        Some(Num::Float(f)) => int_from_float(f, f64::trunc),
        None => {
            if let Some(instance) = value.downcast::<InstanceObj>() {
                if let Some(method) = crate::runtime::attr::lookup_in_mro(instance.cls, "__int__") {
                    return crate::runtime::descriptors::call_special(method, value, &[]);
                }
            }
            type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(value)
            ))
        }
    }
}

/// Parses an int literal in `base` (0: by prefix), as `int()` does.
fn parse_int(text: &str, base: i64) -> PyResult<Value> {
    let invalid = || {
        value_error(format!(
            "invalid literal for int() with base {base}: {}",
            crate::runtime::format::str_repr(text)
        ))
    };
    if base != 0 && !(2..=36).contains(&base) {
        return value_error("int() base must be >= 2 and <= 36, or 0".into());
    }
    let ascii = crate::runtime::unicode::ascii_number_text(text);
    let trimmed = ascii.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &lower[2..]),
        (0 | 8, Some("0o")) => (8, &lower[2..]),
        (0 | 2, Some("0b")) => (2, &lower[2..]),
        (0, _) => (10, lower.as_str()),
        (b, _) => (b as u32, lower.as_str()),
    };
    let body = body
        .strip_prefix('_')
        .filter(|_| radix != 10)
        .unwrap_or(body);
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return invalid();
    }
    if base == 0
        && radix == 10
        && body.len() > 1
        && body.starts_with('0')
        && body.chars().any(|c| c != '0' && c != '_')
    {
        return invalid();
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    match num_bigint::BigInt::parse_bytes(clean.as_bytes(), radix) {
        Some(value) => Ok(new_bigint(if negative { -value } else { value })),
        None => invalid(),
    }
}

/// `float(x)`.
fn to_float(value: Value) -> PyResult<f64> {
    if let Some(s) = crate::runtime::derived::str_value(value) {
        let text = crate::runtime::unicode::ascii_number_text(s.as_str());
        return match parse_float_text(text.trim()) {
            Some(x) => Ok(x),
            None => value_error(format!(
                "could not convert string to float: {}",
                crate::runtime::format::str_repr(s.as_str())
            )),
        };
    }
    if let Some(num) = as_num(value) {
        return numbers::to_f64(&num);
    }
    if let Some(result) = ops::special(value, "__float__", &[])? {
        return match result.downcast::<FloatObj>() {
            Some(f) => Ok(f.value),
            None => type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(value),
                type_name(result)
            )),
        };
    }
    if let Some(result) = ops::special(value, "__index__", &[])? {
        return match as_num(result) {
            Some(num @ (Num::Int(_) | Num::Big(_))) => numbers::to_f64(&num),
            _ => type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(result)
            )),
        };
    }
    type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        type_name(value)
    ))
}

/// Texts Rust's float parser takes that Python's does not.
/// The float a str spells (`float("1_0.5e3")`, `"-inf"`, `"nan"`), without surrounding
/// whitespace; `None` if it spells none.
pub fn parse_float_text(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    match unsigned {
        "inf" | "infinity" | "nan" => lower.replace("infinity", "inf").parse::<f64>().ok(),
        _ if text.contains("__") || text.starts_with('_') || text.ends_with('_') => None,
        _ if unsupported_float_text(unsigned) => None,
        _ => text.replace('_', "").parse::<f64>().ok(),
    }
}

fn unsupported_float_text(text: &str) -> bool {
    text.is_empty()
        || text
            .chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | '_' | '+' | '-')))
}

/// `dict(mapping_or_pairs, **kwargs)`.
fn construct_dict(args: Args) -> PyResult<Value> {
    let dict = new_dict();
    dict_init(dict, args)?;
    Ok(dict.erase())
}

/// `dict.__init__`: adds the entries of the mapping or pairs of the one positional
/// argument, then the keyword arguments.
pub fn dict_init(dict: Gc<DictObj>, args: Args) -> PyResult<()> {
    if args.npos > 1 {
        return type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.npos
        ));
    }
    if args.npos == 1 {
        methods::update_from(dict, args.get(0))?;
    }
    args.store_keywords(dict)
}
