//! What the backend tests share: GC test objects, `extern "C"` test shims, resume data, and
//! running a trace (with the bridges it gets) on a backend to a comparable outcome.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use jitgen_core::backend::{Backend, LoopCode, RunEnd, TraceId};
use jitgen_core::blackhole::Value;
use jitgen_core::gc::{Gc, GcArray, GcRef, GcType, Mut, Root};
use jitgen_core::jitcode::shim::ShimRet;
use jitgen_core::jitcode::{
    AllocDescr, AnyReg, ArrayDescr, Builder, CallDescr, Effects, FieldRef, JitCode, JitCodeId,
    Kind, Registry,
};
use jitgen_core::layout::{field_id, FieldType, HasField};
use jitgen_core::trace::{Arg, ResumeData, ResumeFrame, TraceLoop};

/// A test object with fields of every kind.
#[jitgen_core::layout]
pub struct Obj {
    pub a: Mut<i64>,
    pub b: Mut<i32>,
    pub c: Mut<u8>,
    pub d: Mut<bool>,
    pub e: Mut<f64>,
    pub r: Mut<Option<Gc<Leaf>>>,
    pub s: Mut<i16>,
    pub u: Mut<u32>,
}

/// A small immutable object.
#[jitgen_core::layout]
pub struct Leaf {
    pub v: i64,
}

/// An error object.
#[jitgen_core::layout]
pub struct ErrObj {
    pub code: i64,
}

/// The descriptor of field `$name` of `$ty`.
macro_rules! field {
    ($ty:ty, $name:literal) => {
        FieldRef::new::<$ty>(<$ty as HasField<{ field_id($name) }>>::DESCR)
    };
}

/// Every field of [`Obj`], with the role of its value.
pub fn obj_fields() -> Vec<(FieldRef, Role)> {
    vec![
        (field!(Obj, "a"), Role::Int),
        (field!(Obj, "b"), Role::Int),
        (field!(Obj, "c"), Role::Int),
        (field!(Obj, "d"), Role::Int),
        (field!(Obj, "e"), Role::Float),
        (field!(Obj, "r"), Role::Leaf),
        (field!(Obj, "s"), Role::Int),
        (field!(Obj, "u"), Role::Int),
    ]
}

/// The field `v` of [`Leaf`].
pub fn leaf_v() -> FieldRef {
    field!(Leaf, "v")
}

/// The descriptor of `GcArray<i64>`.
pub fn i64_array() -> ArrayDescr {
    ArrayDescr {
        name: "GcArray<i64>",
        item_size: 8,
        item_kind: <i64 as FieldType>::KIND,
        immutable_items: false,
    }
}

/// What a variable holds, for generating and comparing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An integer.
    Int,
    /// A float.
    Float,
    /// The [`Obj`].
    Obj,
    /// The `GcArray<i64>`.
    Arr,
    /// An `Option<Gc<Leaf>>`.
    Leaf,
    /// An error object.
    Err,
}

impl Role {
    /// The IR kind.
    pub fn kind(self) -> Kind {
        match self {
            Role::Int => Kind::Int,
            Role::Float => Kind::Float,
            _ => Kind::Ref,
        }
    }
}

thread_local! {
    /// An object shared by every run (reset by [`World::new`]), for constant operands.
    static SHARED_OBJ: Root<Obj> = Root::new(Gc::new(Obj::new(0)));
    /// Objects shared by every run: two leaves, two errors.
    static SHARED: (Root<Leaf>, Root<Leaf>, Root<ErrObj>, Root<ErrObj>) = (
        Root::new(Gc::new(Leaf { v: 11 })),
        Root::new(Gc::new(Leaf { v: -7 })),
        Root::new(Gc::new(ErrObj { code: 1 })),
        Root::new(Gc::new(ErrObj { code: 2 })),
    );
}

/// Shared leaf `i` (0 or 1).
pub fn leaf(i: usize) -> Gc<Leaf> {
    SHARED.with(|s| if i == 0 { s.0.get() } else { s.1.get() })
}

/// Shared error `i` (0 or 1).
pub fn error(i: usize) -> Gc<ErrObj> {
    SHARED.with(|s| if i == 0 { s.2.get() } else { s.3.get() })
}

/// The shared object (a constant in traces).
pub fn shared_obj() -> Gc<Obj> {
    SHARED_OBJ.with(Root::get)
}

impl Obj {
    /// An object with contents derived from `seed`.
    pub fn new(seed: u64) -> Obj {
        let s = seed as i64;
        Obj {
            a: Mut::new(s.wrapping_mul(7) % 1000),
            b: Mut::new((s % 77) as i32 - 30),
            c: Mut::new((s % 250) as u8),
            d: Mut::new(s % 2 == 0),
            e: Mut::new(s as f64 / 8.0 - 3.0),
            r: Mut::new((s % 3 != 0).then(|| leaf(seed as usize % 2))),
            s: Mut::new((s % 3000) as i16 - 1000),
            u: Mut::new((s as u32).wrapping_mul(2654435761)),
        }
    }

    /// Copies `other`'s contents.
    fn assign(&self, other: &Obj) {
        self.a.set(other.a.get());
        self.b.set(other.b.get());
        self.c.set(other.c.get());
        self.d.set(other.d.get());
        self.e.set(other.e.get());
        self.r.set(other.r.get());
        self.s.set(other.s.get());
        self.u.set(other.u.get());
    }

    fn show(&self, world: &World) -> String {
        format!(
            "a={} b={} c={} d={} e={:#x} r={} s={} u={}",
            self.a.get(),
            self.b.get(),
            self.c.get(),
            self.d.get(),
            self.e.get().to_bits(),
            world.canon(self.r.get().map_or(0, |l| l.addr() as u64)),
            self.s.get(),
            self.u.get()
        )
    }
}

// ---- test shims ----

/// `a + 3b - c`.
pub extern "C" fn add3(a: u64, b: u64, c: u64) -> ShimRet {
    ShimRet {
        value: a.wrapping_add(b.wrapping_mul(3)).wrapping_sub(c),
        error: 0,
    }
}

/// `x * 0.5 - y` on floats.
pub extern "C" fn fmix(x: u64, y: u64) -> ShimRet {
    ShimRet {
        value: (f64::from_bits(x) * 0.5 - f64::from_bits(y)).to_bits(),
        error: 0,
    }
}

/// A weighted sum of 8 words (the weights tell the argument order).
#[allow(clippy::too_many_arguments)]
pub extern "C" fn sum8(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64) -> ShimRet {
    let words = [a, b, c, d, e, f, g, h];
    let value = words.iter().enumerate().fold(0u64, |s, (i, w)| {
        s.wrapping_add(w.wrapping_mul(i as u64 + 1))
    });
    ShimRet { value, error: 0 }
}

/// A weighted sum of 7 words.
pub extern "C" fn sum7(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64) -> ShimRet {
    sum8(a, b, c, d, e, f, g, 0)
}

/// `a * 2`, or an error when `a % 3 == 0` (one of two error objects).
pub extern "C" fn maybe_err(a: u64) -> ShimRet {
    let a = a as i64;
    if a % 3 == 0 {
        ShimRet {
            value: 0,
            error: error((a / 3).unsigned_abs() as usize % 2).addr() as u64,
        }
    } else {
        ShimRet {
            value: a.wrapping_mul(2) as u64,
            error: 0,
        }
    }
}

/// A shared leaf or null: leaf `n % 2`, null when `n % 3 == 0`.
pub extern "C" fn pick_leaf(n: u64) -> ShimRet {
    let n = n as i64;
    let value = if n % 3 == 0 {
        0
    } else {
        leaf(n.unsigned_abs() as usize % 2).addr() as u64
    };
    ShimRet { value, error: 0 }
}

/// A fresh leaf holding `n`, referenced only by the caller.
pub extern "C" fn new_leaf(n: u64) -> ShimRet {
    ShimRet {
        value: Gc::new(Leaf { v: n as i64 }).addr() as u64,
        error: 0,
    }
}

thread_local! {
    /// How many times [`new_i64_array`] ran on this thread.
    static NEW_ARRAY_CALLS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times [`new_i64_array`] has run on this thread.
pub fn new_array_calls() -> u64 {
    NEW_ARRAY_CALLS.with(|c| c.get())
}

/// `GcArray::<i64>::new(len, fill)`, as a staged allocation's shim.
pub extern "C" fn new_i64_array(len: u64, fill: u64) -> ShimRet {
    NEW_ARRAY_CALLS.with(|c| c.set(c.get() + 1));
    ShimRet {
        value: GcArray::new(len as usize, fill as i64).addr() as u64,
        error: 0,
    }
}

/// The call descriptor of [`new_i64_array`]: an allocation of a `GcArray<i64>`, which the
/// x86 backend makes inline when the length is a small constant.
pub fn new_i64_array_descr() -> Rc<CallDescr> {
    let d = descr(
        "GcArray<i64>::new",
        new_i64_array as *const () as usize,
        &[Kind::Int, Kind::Int],
        Some(Kind::Ref),
        false,
    );
    let mut d = Rc::unwrap_or_clone(d);
    d.allocates = Some(AllocDescr {
        type_info: <GcArray<i64> as GcType>::type_info(),
        fields: Vec::new(),
        array: Some(i64_array()),
    });
    Rc::new(d)
}

/// A call descriptor for a test shim.
pub fn descr(
    name: &'static str,
    shim: usize,
    args: &[Kind],
    result: Option<Kind>,
    returns_result: bool,
) -> Rc<CallDescr> {
    Rc::new(CallDescr {
        name,
        shim,
        arg_kinds: args.to_vec(),
        result,
        returns_result,
        effects: Effects::default(),
        forces: Vec::new(),
        elidable: false,
        allocates: None,
    })
}

// ---- resume data ----

fn jitcode_f() -> Rc<JitCode> {
    let registry = Registry::new();
    let mut b = Builder::new(&registry, "f");
    b.ret_void();
    Rc::new(b.finish().expect("a valid jitcode"))
}

/// Resume data reading `vars` (one frame).
pub fn resume(vars: &[u32]) -> Option<Rc<ResumeData>> {
    thread_local! {
        static CODE: Rc<JitCode> = jitcode_f();
    }
    let regs = vars
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let reg = AnyReg {
                kind: Kind::Int,
                index: i as u16,
            };
            (reg, Arg::Var(*v))
        })
        .collect();
    Some(Rc::new(ResumeData {
        frames: vec![ResumeFrame {
            code: JitCodeId(0),
            jitcode: CODE.with(Rc::clone),
            pc: 0,
            regs,
        }],
        vable: None,
        virtuals: Vec::new(),
        after_call: None,
        pending: Vec::new(),
    }))
}

/// The variables a guard's resume data reads.
pub fn resume_vars(trace: &TraceLoop, guard: usize) -> Vec<u32> {
    trace.ops[guard]
        .resume
        .as_ref()
        .map_or_else(Vec::new, |resume| resume.vars())
}

// ---- running and comparing ----

/// The objects one run works on (fresh per backend, equal contents).
pub struct World {
    pub obj: Root<Obj>,
    pub arr: Root<GcArray<i64>>,
}

impl World {
    /// Objects with contents derived from `seed`.
    pub fn new(seed: u64) -> World {
        let s = seed as i64;
        let obj = Gc::new(Obj::new(seed));
        shared_obj().assign(&Obj::new(seed + 1));
        let arr = GcArray::from_slice(&[s % 10, -3, 5, s % 100, 1 << 40]);
        World {
            obj: Root::new(obj),
            arr: Root::new(arr),
        }
    }

    /// A reference word, made comparable across worlds.
    pub fn canon(&self, word: u64) -> String {
        let w = word as usize;
        if w == 0 {
            "null".into()
        } else if w == self.obj.get().addr() {
            "obj".into()
        } else if w == shared_obj().addr() {
            "shared".into()
        } else if w == self.arr.get().addr() {
            "arr".into()
        } else if w == leaf(0).addr() {
            "leaf0".into()
        } else if w == leaf(1).addr() {
            "leaf1".into()
        } else if w == error(0).addr() {
            "err0".into()
        } else if w == error(1).addr() {
            "err1".into()
        } else {
            // SAFETY: a reference variable holds a live object (or the test fails anyway).
            let r = unsafe { GcRef::from_addr(w) };
            if let Some(leaf) = r.downcast::<Leaf>() {
                format!("new leaf {}", leaf.v)
            } else if let Some(obj) = r.downcast::<Obj>() {
                format!("new obj {}", obj.show(self))
            } else if r.type_info().name == "GcArray" {
                // Not `downcast`: a generic array type's `TypeInfo` is a promoted constant,
                // which each codegen unit may have a copy of (the shim's and the descriptor's
                // differ). The tests' only arrays are `GcArray<i64>`.
                // SAFETY: a live `GcArray<i64>`, as just said.
                let array: Gc<GcArray<i64>> = unsafe { Gc::from_addr(w as usize) };
                let items: Vec<i64> = (0..array.len()).map(|i| array.get(i)).collect();
                format!("new array {items:?}")
            } else {
                format!("unknown {w:#x}")
            }
        }
    }

    /// The objects' contents.
    pub fn heap(&self) -> String {
        let items: Vec<i64> = (0..self.arr.get().len())
            .map(|i| self.arr.get().get(i))
            .collect();
        format!(
            "{} arr={items:?} shared {}",
            self.obj.get().show(self),
            shared_obj().show(self)
        )
    }

    /// A value, made comparable.
    pub fn show(&self, value: Value) -> String {
        match value {
            Value::Int(v) => format!("{v}"),
            Value::Float(f) => format!("f{:#x}", f.to_bits()),
            Value::Ref(r) => self.canon(r.map_or(0, |r: GcRef| r.addr() as u64)),
            Value::Void => "void".into(),
        }
    }
}

/// How one run ended, comparably.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum Outcome {
    /// A guard failed: the trace, the op, the values its resume data reads, the last error.
    Failed {
        trace: TraceId,
        guard: usize,
        values: Vec<(u32, String)>,
        error: String,
    },
    /// The run reached a `finish`: the result (or `error` and the error).
    Finished(String),
    /// The run panicked with this message.
    Panicked(String),
}

/// Runs `code` from `inputs` (built in `world`) to its outcome and the heap after it.
pub fn run_once(
    code: &dyn LoopCode,
    traces: &dyn Fn(TraceId) -> Rc<TraceLoop>,
    world: &World,
    inputs: &[Value],
) -> (Outcome, String) {
    EXPECTING_PANICS.with(|e| e.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| code.run(inputs)));
    EXPECTING_PANICS.with(|e| e.set(false));
    let outcome = match result {
        Ok(RunEnd::Finished(finish)) => Outcome::Finished(match finish {
            jitgen_core::blackhole::Outcome::Return(value) => world.show(value),
            jitgen_core::blackhole::Outcome::Err(error) => {
                format!("error {}", world.canon(error.addr() as u64))
            }
            jitgen_core::blackhole::Outcome::MergePoint(_) => unreachable!("a finish"),
        }),
        Ok(RunEnd::Failed(failure)) => {
            let trace = traces(failure.trace);
            let values = resume_vars(&trace, failure.guard)
                .into_iter()
                .map(|v| (v, world.show(failure.frame.value(Arg::Var(v)))))
                .collect();
            Outcome::Failed {
                trace: failure.trace,
                guard: failure.guard,
                values,
                error: world.canon(failure.frame.last_error.map_or(0, |e| e.addr() as u64)),
            }
        }
        Ok(RunEnd::Jumped { .. }) => unreachable!("these traces jump into no other loop"),
        Err(payload) => Outcome::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
    };
    (outcome, world.heap())
}

/// The reference backend and the x86 backend.
pub fn backends() -> [Rc<dyn Backend>; 2] {
    [
        Rc::new(jitgen_core::backend::reference::ReferenceBackend),
        Rc::new(jitgen_x86::X86Backend),
    ]
}

thread_local! {
    static EXPECTING_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Silences the panic message of panics inside [`run_once`] (the tests provoke many on
/// purpose); others are reported as usual.
pub fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !EXPECTING_PANICS.with(|e| e.get()) {
            default(info);
        }
    }));
}
