//! [`DeadFrame`]: the values of a trace's variables, as a backend hands them over when a guard
//! fails (and as the reference backend keeps them while it runs).

use std::cell::RefCell;
use std::rc::Rc;

use crate::blackhole::Value;
use crate::gc::{GcRef, RootedSlots};
use crate::jitcode::Kind;
use crate::trace::{Arg, PendingStore, TraceLoop, VirtualObject};

/// The variables of a running trace, and their values when a guard failed. References are
/// rooted while it exists. One frame serves every iteration of a loop. A sparse frame
/// ([`DeadFrame::holding`]) holds only the variables a guard's exit needs, so leaving a long
/// trace costs nothing in its length. A view ([`DeadFrame::viewing`]) copies nothing: it
/// reads a backend's exit buffer in place until it is [owned](DeadFrame::own).
pub struct DeadFrame {
    /// For a view: where the values are.
    view: Option<BufferView>,
    /// Otherwise: the values, boxed so that the frame moves cheaply through the exit path.
    owned: Option<Box<Owned>>,
    /// The error of the last residual call (for a failing `guard_no_error`).
    pub last_error: Option<GcRef>,
    /// The values the last `jump` passed.
    pub(crate) jumped: Vec<Value>,
}

/// A guard's values in a backend's exit buffer, read in place where `held` says each is.
struct BufferView {
    words: *const u64,
    /// The variables the exit holds, sorted by variable.
    held: Rc<[HeldVar]>,
}

/// A variable a guard's exit holds, and where its value is (see [`DeadFrame::viewing`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeldVar {
    /// The variable.
    pub var: u32,
    /// Its kind.
    pub kind: Kind,
    /// Where its value is.
    pub at: HeldAt,
}

/// Where the value of a variable a guard's exit holds is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HeldAt {
    /// In this word of the exit buffer.
    Word(u32),
    /// Nowhere: it is this constant when the guard fails (a boolean the guard tested).
    Const(u64),
    /// Nowhere yet: a virtual object, made by [`DeadFrame::materialize`] once owned.
    Virtual,
}

impl BufferView {
    /// Where variable `var` is held.
    fn find(&self, var: u32) -> &HeldVar {
        let n = self
            .held
            .binary_search_by_key(&var, |h| h.var)
            .unwrap_or_else(|_| panic!("jitgen: variable {var} is not in this dead frame"));
        &self.held[n]
    }

    /// The word of `held`, which is not virtual.
    fn word(&self, held: &HeldVar) -> u64 {
        match held.at {
            // SAFETY: the view's buffer is valid (see `viewing`) and holds that word.
            HeldAt::Word(n) => unsafe { *self.words.add(n as usize) },
            HeldAt::Const(word) => word,
            HeldAt::Virtual => panic!(
                "jitgen: virtual variable {} read before it was made",
                held.var
            ),
        }
    }
}

/// The values of a frame that owns them: every variable of a trace (indexed by variable),
/// or, for a sparse frame, those of `index`. Sparse ones are recycled.
struct Owned {
    /// For a sparse frame: the variables it holds, sorted (their slots, in order).
    index: Option<Vec<u32>>,
    kinds: Vec<Kind>,
    words: Vec<u64>,
    refs: RootedSlots,
}

impl Owned {
    /// Where variable `var` is kept.
    fn slot(&self, var: u32) -> usize {
        match &self.index {
            None => var as usize,
            Some(index) => index
                .binary_search(&var)
                .unwrap_or_else(|_| panic!("jitgen: variable {var} is not in this dead frame")),
        }
    }
}

/// Spare sparse frames kept for reuse (at most this many).
const SPARE_FRAMES_KEPT: usize = 8;

/// The fewest reference slots a recycled frame has.
const SPARE_MIN_SLOTS: usize = 16;

thread_local! {
    /// Emptied sparse frames (every reference slot `None`), boxed as frames hold them.
    #[allow(clippy::vec_box)]
    static SPARE_FRAMES: RefCell<Vec<Box<Owned>>> = const { RefCell::new(Vec::new()) };
}

impl Drop for DeadFrame {
    fn drop(&mut self) {
        let Some(mut owned) = self.owned.take() else {
            return;
        };
        let Some(index) = &mut owned.index else {
            return;
        };
        // Nothing stays alive through the pool: the used reference slots are cleared.
        for n in 0..index.len().min(owned.refs.len()) {
            owned.refs.set(n, None);
        }
        index.clear();
        owned.kinds.clear();
        owned.words.clear();
        // A thread being torn down may have dropped the pool already.
        let _ = SPARE_FRAMES.try_with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < SPARE_FRAMES_KEPT {
                spare.push(owned);
            }
        });
    }
}

impl DeadFrame {
    /// Variables for `trace`, its inputs set to `inputs`.
    pub fn new(trace: &TraceLoop, inputs: &[Value]) -> DeadFrame {
        let kinds = &trace.kinds;
        let mut frame = DeadFrame {
            view: None,
            owned: Some(Box::new(Owned {
                index: None,
                kinds: kinds.to_vec(),
                words: vec![0; kinds.len()],
                refs: RootedSlots::new(kinds.len()),
            })),
            last_error: None,
            jumped: Vec::with_capacity(trace.jump_arity),
        };
        frame.set_inputs(trace, inputs);
        frame
    }

    /// Room for the variables `vars` alone, with their kinds, sorted by variable without
    /// repeats (as a backend keeps them per guard: nothing of the trace is read). Each is set
    /// later (others may not be read), `None` until then. Its storage is recycled (a guard
    /// exit allocates nothing once the pool has a frame of its size).
    pub fn holding(vars: impl Iterator<Item = (u32, Kind)>) -> DeadFrame {
        let mut owned = SPARE_FRAMES
            .with(|spare| spare.borrow_mut().pop())
            .unwrap_or_else(|| {
                Box::new(Owned {
                    index: Some(Vec::new()),
                    kinds: Vec::new(),
                    words: Vec::new(),
                    refs: RootedSlots::new(SPARE_MIN_SLOTS),
                })
            });
        let index = owned.index.as_mut().expect("a sparse frame");
        for (var, kind) in vars {
            index.push(var);
            owned.kinds.push(kind);
        }
        debug_assert!(index.is_sorted_by(|a, b| a < b), "sorted, no repeats");
        let len = index.len();
        owned.words.resize(len, 0);
        if owned.refs.len() < len {
            owned.refs = RootedSlots::new(len.max(SPARE_MIN_SLOTS));
        }
        DeadFrame {
            view: None,
            owned: Some(owned),
            last_error: None,
            jumped: Vec::new(),
        }
    }

    /// A view of the exit buffer `words`, holding the variables `held` (sorted by variable,
    /// each with where its value is), `error` being the word of the last residual call's
    /// error.
    ///
    /// # Safety
    /// Until the view is dropped or [owned](DeadFrame::own), `words` stays valid and
    /// unchanged (no compiled code runs, the buffer does not grow), and nothing collects
    /// garbage (the references in it are not rooted).
    pub unsafe fn viewing(words: *const u64, held: Rc<[HeldVar]>, error: u64) -> DeadFrame {
        DeadFrame {
            view: Some(BufferView { words, held }),
            owned: None,
            // SAFETY: an error word is 0 or a live error object's address.
            last_error: (error != 0).then(|| unsafe { GcRef::from_addr(error as usize) }),
            jumped: Vec::new(),
        }
    }

    /// Copies a view's values into storage of its own (rooted): what must happen before
    /// anything may run compiled code or collect garbage while the frame is alive.
    pub fn own(&mut self) {
        let Some(view) = self.view.take() else {
            return;
        };
        let mut owned = DeadFrame::holding(view.held.iter().map(|h| (h.var, h.kind)));
        for (n, held) in view.held.iter().enumerate() {
            if held.at != HeldAt::Virtual {
                owned.set_nth(n, Value::from_word(held.kind, view.word(held)));
            }
        }
        owned.last_error = self.last_error;
        *self = owned;
    }

    /// The values of a frame that is not a view.
    fn owned(&self) -> &Owned {
        self.owned.as_deref().expect("an owned dead frame")
    }

    /// Sets the inputs of `trace` (this frame's trace).
    pub fn set_inputs(&mut self, trace: &TraceLoop, inputs: &[Value]) {
        for (&var, value) in trace.inputs.iter().zip(inputs) {
            self.set(var, *value);
        }
    }

    /// The values the last `jump` passed.
    pub fn jumped(&self) -> &[Value] {
        &self.jumped
    }

    /// Starts the next iteration of this frame's loop `trace`: the jumped values become its
    /// inputs.
    pub fn restart(&mut self, trace: &TraceLoop) {
        let jumped = std::mem::take(&mut self.jumped);
        self.set_inputs(trace, &jumped);
        self.jumped = jumped;
    }

    /// The kind of variable `var`.
    pub fn kind(&self, var: u32) -> Kind {
        if let Some(view) = &self.view {
            return view.find(var).kind;
        }
        let owned = self.owned();
        owned.kinds[owned.slot(var)]
    }

    /// The value of an operand.
    pub fn value(&self, arg: Arg) -> Value {
        match arg {
            Arg::Var(var) if self.view.is_some() => {
                let view = self.view.as_ref().expect("a view");
                let held = view.find(var);
                Value::from_word(held.kind, view.word(held))
            }
            Arg::Var(var) => {
                let owned = self.owned();
                let n = owned.slot(var);
                match owned.kinds[n] {
                    Kind::Int => Value::Int(owned.words[n] as i64),
                    Kind::Float => Value::Float(f64::from_bits(owned.words[n])),
                    Kind::Ref => Value::Ref(owned.refs.get(n)),
                }
            }
            Arg::Int(v) => Value::Int(v),
            Arg::Float(v) => Value::Float(v),
            Arg::Ref(r) => Value::Ref(r),
        }
    }

    /// The word of an operand (a reference's address).
    pub fn word(&self, arg: Arg) -> u64 {
        match (arg, &self.view) {
            (Arg::Var(var), Some(view)) => view.word(view.find(var)),
            (Arg::Var(var), None) => {
                let owned = self.owned();
                owned.words[owned.slot(var)]
            }
            (constant, _) => constant.constant_value().map_or(0, Value::word),
        }
    }

    /// Makes the virtual objects `virtuals` (in order: each may hold earlier ones), calling
    /// their allocations with the values now in this frame, and sets their variables.
    pub fn materialize(&mut self, virtuals: &[VirtualObject]) {
        if virtuals.is_empty() {
            return;
        }
        // Making them may collect garbage (the operands stay rooted in this frame).
        self.own();
        let mut args = Vec::with_capacity(virtuals.iter().map(|o| o.args.len()).max().unwrap_or(0));
        for object in virtuals {
            args.clear();
            args.extend(object.args.iter().map(|a| self.value(*a)));
            let made = object.alloc.make(&args);
            self.set(object.var, made);
        }
    }

    /// Does the stores `stores` that the trace delayed past the failing guard, with the
    /// values now in this frame (after [`DeadFrame::materialize`]: a value may be an object
    /// it made).
    pub fn store_pending(&self, stores: &[PendingStore]) {
        for store in stores {
            let object = self.object(store.object);
            let (kind, value) = (store.field.descr.kind, self.value(store.value));
            // SAFETY: the tracer took the descriptor from the object's layout type, as for
            // the `setfield` the store was; the field is a cell.
            unsafe {
                crate::jitcode::eval::store_into(
                    object,
                    object + store.field.descr.offset,
                    kind,
                    value,
                )
            };
        }
    }

    /// Sets variable `var` (a backend's exit writes the values a guard's resume data read).
    pub fn set(&mut self, var: u32, value: Value) {
        self.own();
        let n = self.owned().slot(var);
        self.set_nth(n, value);
    }

    /// Sets the `n`th variable this frame holds (in the order [`DeadFrame::holding`] got
    /// them).
    fn set_nth(&mut self, n: usize, value: Value) {
        let owned = self.owned.as_deref_mut().expect("an owned dead frame");
        if owned.kinds[n] == Kind::Ref {
            owned.refs.set(n, value.as_ref().flatten());
        }
        owned.words[n] = value.word();
    }

    pub(crate) fn int(&self, arg: Arg) -> i64 {
        self.value(arg).word() as i64
    }

    /// The address of the object an operand refers to (panics on `None`, like the blackhole).
    pub(crate) fn object(&self, arg: Arg) -> usize {
        match self.value(arg) {
            Value::Ref(Some(r)) => r.addr(),
            _ => panic!("jitgen: compiled loop: dereference of None"),
        }
    }
}
