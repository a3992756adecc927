//! The randomized differential test: random loops (integer and float arithmetic, shifts,
//! casts, overflow checks, divisions, comparisons fused or not with guards, field and array
//! reads and writes, inline allocations (`new`, and arrays of a constant length), write barriers, residual calls with up to 8
//! arguments, errors, guards that may fail)
//! and random bridges attached where they fail, run on the reference backend and on x86:
//! the outcomes (failing guard and the values its resume data reads, the last error, or the
//! panic message) and the heap afterwards must be identical.
//!
//! `JITGEN_RANDOM_CASES=N` sets the number of cases (default 5000), `JITGEN_RANDOM_SEED`
//! the first seed.

use std::rc::Rc;

use jitgen_core::backend::{Backend, TraceId};
use jitgen_core::blackhole::Value;
use jitgen_core::jitcode::{
    DivOp, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, Kind, OvfOp, ShiftOp,
};
use jitgen_core::trace::{Arg, IndexCheck, OpKind, TraceLoop};

use super::common::*;

/// xorshift64*: a tiny seeded generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const INT_BINS: [IntBinOp; 6] = [
    IntBinOp::Add,
    IntBinOp::Sub,
    IntBinOp::Mul,
    IntBinOp::And,
    IntBinOp::Or,
    IntBinOp::Xor,
];

const INT_CMPS: [IntCmpOp; 6] = [
    IntCmpOp::Eq,
    IntCmpOp::Ne,
    IntCmpOp::Lt,
    IntCmpOp::Le,
    IntCmpOp::Gt,
    IntCmpOp::Ge,
];

const FLOAT_CMPS: [FloatCmpOp; 6] = [
    FloatCmpOp::Eq,
    FloatCmpOp::Ne,
    FloatCmpOp::Lt,
    FloatCmpOp::Le,
    FloatCmpOp::Gt,
    FloatCmpOp::Ge,
];

const FLOAT_BINS: [FloatBinOp; 5] = [
    FloatBinOp::Add,
    FloatBinOp::Sub,
    FloatBinOp::Mul,
    FloatBinOp::Div,
    FloatBinOp::Rem,
];

const INT_CONSTS: [i64; 12] = [
    0,
    1,
    -1,
    2,
    3,
    7,
    100,
    -128,
    255,
    i64::MAX,
    i64::MIN,
    1 << 35,
];
const FLOAT_CONSTS: [f64; 8] = [0.0, -0.0, 1.5, -2.25, 1e300, f64::NAN, f64::INFINITY, 3e9];

/// Builds one random trace.
struct Gen<'r> {
    rng: &'r mut Rng,
    t: TraceLoop,
    roles: Vec<Role>,
    /// The loop counter after its decrement: every guard after it reads it, bridges jump
    /// with it.
    counter: Option<u32>,
    /// The counter each guard's resume data reads (the counters' own guards, which must not
    /// get bridges for the loop to end, are not listed).
    counters: std::collections::HashMap<usize, u32>,
}

impl Gen<'_> {
    fn var(&mut self, role: Role) -> Option<u32> {
        let vars: Vec<u32> = (0..self.roles.len() as u32)
            .filter(|v| self.roles[*v as usize] == role)
            .collect();
        (!vars.is_empty()).then(|| vars[self.rng.below(vars.len())])
    }

    fn int(&mut self) -> Arg {
        match self.var(Role::Int) {
            Some(v) if !self.rng.chance(20) => Arg::Var(v),
            _ => Arg::Int(INT_CONSTS[self.rng.below(INT_CONSTS.len())]),
        }
    }

    fn float(&mut self) -> Arg {
        match self.var(Role::Float) {
            Some(v) if !self.rng.chance(20) => Arg::Var(v),
            _ => Arg::Float(FLOAT_CONSTS[self.rng.below(FLOAT_CONSTS.len())]),
        }
    }

    fn leaf_arg(&mut self) -> Arg {
        match self.var(Role::Leaf) {
            Some(v) if !self.rng.chance(25) => Arg::Var(v),
            _ => match self.rng.below(3) {
                0 => Arg::Ref(None),
                n => Arg::Ref(Some(leaf(n - 1).erase())),
            },
        }
    }

    fn push(&mut self, kind: OpKind, args: Vec<Arg>, role: Option<Role>) -> Option<u32> {
        if let (true, Some(c)) = (kind.is_guard(), self.counter) {
            self.counters.insert(self.t.ops.len(), c);
        }
        let resume = kind.is_guard().then(|| self.resume()).flatten();
        let var = self.t.push(kind, args, role.map(Role::kind), resume);
        if let (Some(v), Some(r)) = (var, role) {
            debug_assert_eq!(v as usize, self.roles.len());
            self.roles.push(r);
        }
        var
    }

    /// Resume data: the counter and a random half of the variables.
    fn resume(&mut self) -> Option<Rc<jitgen_core::trace::ResumeData>> {
        let mut vars: Vec<u32> = self.counter.into_iter().collect();
        for v in 0..self.roles.len() as u32 {
            if self.rng.chance(50) {
                vars.push(v);
            }
        }
        resume(&vars)
    }

    /// Sometimes a guard on the boolean `var` right after it (fusable with its op).
    fn maybe_guard(&mut self, var: Option<u32>) {
        if self.rng.chance(50) {
            let guard = if self.rng.chance(50) {
                OpKind::GuardTrue
            } else {
                OpKind::GuardFalse
            };
            self.push(guard, vec![Arg::Var(var.unwrap())], None);
        }
    }

    /// One random op (or a short group: an op and its guard).
    fn step(&mut self) {
        let width = IntWidth::ALL[self.rng.below(IntWidth::ALL.len())];
        match self.rng.below(30) {
            0..=3 => {
                let op = INT_BINS[self.rng.below(INT_BINS.len())];
                let (a, b) = (self.int(), self.int());
                self.push(OpKind::IntBin(op), vec![a, b], Some(Role::Int));
            }
            4 | 5 => {
                let op = INT_CMPS[self.rng.below(INT_CMPS.len())];
                let signed = self.rng.chance(50);
                let (a, b) = (self.int(), self.int());
                let c = self.push(OpKind::IntCmp { op, signed }, vec![a, b], Some(Role::Int));
                self.maybe_guard(c);
            }
            6 => {
                let op = if self.rng.chance(50) {
                    ShiftOp::Shl
                } else {
                    ShiftOp::Shr
                };
                let (a, b) = (self.int(), self.int());
                self.push(OpKind::Shift { op, width }, vec![a, b], Some(Role::Int));
            }
            7 => {
                let a = self.int();
                let kind = match self.rng.below(3) {
                    0 => OpKind::IntUn {
                        not: self.rng.chance(50),
                        width,
                    },
                    1 => OpKind::BoolNot,
                    _ => OpKind::IntCast(width),
                };
                let boolean = matches!(kind, OpKind::BoolNot);
                let v = self.push(kind, vec![a], Some(Role::Int));
                if boolean {
                    self.maybe_guard(v);
                }
            }
            8 => {
                let op = if self.rng.chance(50) {
                    DivOp::Div
                } else {
                    DivOp::Rem
                };
                let a = self.int();
                let b = if self.rng.chance(30) {
                    // Constant divisors (compiled inline, by multiplication for i64).
                    const DIVISORS: [i64; 8] = [2, 3, 7, 10, 641, -7, 1 << 33, i64::MAX];
                    match self.rng.below(DIVISORS.len() + 1) {
                        i if i < DIVISORS.len() => Arg::Int(DIVISORS[i]),
                        _ => Arg::Int((self.rng.next() >> (self.rng.next() % 63)) as i64 | 2),
                    }
                } else if self.rng.chance(85) {
                    // Mostly non-zero divisors: `b | 1`.
                    let b = self.int();
                    self.push(
                        OpKind::IntBin(IntBinOp::Or),
                        vec![b, Arg::Int(1)],
                        Some(Role::Int),
                    )
                    .map(Arg::Var)
                    .unwrap()
                } else {
                    self.int()
                };
                self.push(OpKind::IntDiv { op, width }, vec![a, b], Some(Role::Int));
            }
            9 | 10 => {
                let op = [OvfOp::Add, OvfOp::Sub, OvfOp::Mul][self.rng.below(3)];
                let width = if self.rng.chance(60) {
                    IntWidth::I64
                } else {
                    width
                };
                let (a, b) = (self.int(), self.int());
                self.push(OpKind::IntOvf { op, width }, vec![a, b], Some(Role::Int));
                if self.rng.chance(85) {
                    let guard = if self.rng.chance(75) {
                        OpKind::GuardNoOverflow
                    } else {
                        OpKind::GuardOverflow
                    };
                    self.push(guard, vec![], None);
                }
            }
            11 | 12 => {
                let op = FLOAT_BINS[self.rng.below(FLOAT_BINS.len())];
                let (a, b) = (self.float(), self.float());
                self.push(OpKind::FloatBin(op), vec![a, b], Some(Role::Float));
            }
            13 => {
                let op = FLOAT_CMPS[self.rng.below(FLOAT_CMPS.len())];
                let (a, b) = (self.float(), self.float());
                let v = self.push(OpKind::FloatCmp(op), vec![a, b], Some(Role::Int));
                self.maybe_guard(v);
            }
            14 => {
                let a = self.float();
                let kind = match self.rng.below(5) {
                    0 => OpKind::FloatUn(FloatUnOp::Neg),
                    1 => OpKind::FloatUn(FloatUnOp::Abs),
                    2 => OpKind::FloatUn(FloatUnOp::Sqrt),
                    _ => OpKind::FloatToInt(width),
                };
                let role = if matches!(kind, OpKind::FloatToInt(_)) {
                    Role::Int
                } else {
                    Role::Float
                };
                self.push(kind, vec![a], Some(role));
            }
            15 => {
                let a = self.int();
                self.push(OpKind::IntToFloat(width), vec![a], Some(Role::Float));
            }
            16 | 17 => {
                let fields = obj_fields();
                let (field, role) = fields[self.rng.below(fields.len())];
                let obj = if self.rng.chance(25) {
                    Arg::Ref(Some(shared_obj().erase()))
                } else {
                    Arg::Var(self.var(Role::Obj).unwrap())
                };
                if self.rng.chance(50) {
                    self.push(OpKind::GetField(field), vec![obj], Some(role));
                } else {
                    let value = match role {
                        Role::Int => self.int(),
                        Role::Float => self.float(),
                        _ => self.leaf_arg(),
                    };
                    // Every store of a reference has its barrier, as the optimizer places
                    // them (the GC-stress cases check that none is missing).
                    if role == Role::Leaf {
                        self.push(OpKind::WriteBarrier, vec![obj], None);
                    }
                    self.push(OpKind::SetField(field), vec![obj, value], None);
                }
            }
            18 | 19 => {
                let arr = Arg::Var(self.var(Role::Arr).unwrap());
                let index = if self.rng.chance(50) {
                    let i = self.int();
                    self.push(
                        OpKind::IntBin(IntBinOp::And),
                        vec![i, Arg::Int(7)],
                        Some(Role::Int),
                    )
                    .map(Arg::Var)
                    .unwrap()
                } else {
                    Arg::Int(self.rng.below(6) as i64)
                };
                match self.rng.below(3) {
                    0 => {
                        self.push(OpKind::ArrayLen, vec![arr], Some(Role::Int));
                    }
                    1 => {
                        self.push(
                            OpKind::GetArrayItem(i64_array(), IndexCheck::Checked),
                            vec![arr, index],
                            Some(Role::Int),
                        );
                    }
                    _ => {
                        let value = self.int();
                        self.push(
                            OpKind::SetArrayItem(i64_array(), IndexCheck::Checked),
                            vec![arr, index, value],
                            None,
                        );
                    }
                }
            }
            20 => {
                let a = self.leaf_arg();
                match self.rng.below(4) {
                    0 => {
                        let v = self.push(OpKind::IsNull, vec![a], Some(Role::Int));
                        self.maybe_guard(v);
                    }
                    1 => {
                        let b = self.leaf_arg();
                        let negate = self.rng.chance(50);
                        let v = self.push(OpKind::PtrEq { negate }, vec![a, b], Some(Role::Int));
                        self.maybe_guard(v);
                    }
                    2 => {
                        let info = leaf(0).erase().type_info();
                        let v = self.push(OpKind::ClassIs(info), vec![a], Some(Role::Int));
                        self.maybe_guard(v);
                    }
                    _ => {
                        self.push(OpKind::GetField(leaf_v()), vec![a], Some(Role::Int));
                    }
                }
            }
            21 | 22 => self.call(),
            26 => {
                // A new object with a field of every kind (later ops may use it).
                let args = obj_fields()
                    .into_iter()
                    .map(|(_, role)| match role {
                        Role::Int => self.int(),
                        Role::Float => self.float(),
                        _ => self.leaf_arg(),
                    })
                    .collect();
                let info = shared_obj().erase().type_info();
                self.push(OpKind::New(info), args, Some(Role::Obj));
            }
            23 => {
                let a = self.int();
                let guard = if self.rng.chance(50) {
                    OpKind::GuardTrue
                } else {
                    OpKind::GuardFalse
                };
                self.push(guard, vec![a], None);
            }
            24 => {
                let a = self.int();
                let b = Arg::Int(INT_CONSTS[self.rng.below(INT_CONSTS.len())]);
                self.push(OpKind::GuardValue, vec![a, b], None);
            }
            25 => {
                let obj = Arg::Var(self.var(Role::Obj).unwrap());
                let info = shared_obj().erase().type_info();
                let v = self.push(OpKind::ClassIs(info), vec![obj], Some(Role::Int));
                self.maybe_guard(v);
            }
            _ => {
                let op = INT_BINS[self.rng.below(3)];
                let (a, b) = (self.int(), self.int());
                self.push(OpKind::IntBin(op), vec![a, b], Some(Role::Int));
            }
        }
    }

    fn call(&mut self) {
        let i = Kind::Int;
        match self.rng.below(8) {
            7 => {
                // A fresh array: a length the backend allocates inline (0 to 32) or not, and
                // a fill value.
                let len = [0, 1, 3, 5, 8, 32, 33, 40][self.rng.below(8)];
                let args = vec![Arg::Int(len), self.int()];
                self.push(OpKind::Call(new_i64_array_descr()), args, Some(Role::Arr));
            }
            6 if self.rng.chance(50) => {
                let args = vec![self.int()];
                let info = leaf(0).erase().type_info();
                self.push(OpKind::New(info), args, Some(Role::Leaf));
            }
            6 => {
                let args = vec![self.int()];
                let d = descr(
                    "new_leaf",
                    new_leaf as *const () as usize,
                    &[i],
                    Some(Kind::Ref),
                    false,
                );
                self.push(OpKind::Call(d), args, Some(Role::Leaf));
            }
            0 => {
                let args = vec![self.int(), self.int(), self.int()];
                let d = descr(
                    "add3",
                    add3 as *const () as usize,
                    &[i, i, i],
                    Some(i),
                    false,
                );
                self.push(OpKind::Call(d), args, Some(Role::Int));
            }
            1 => {
                let args = vec![self.float(), self.float()];
                let f = Kind::Float;
                let d = descr("fmix", fmix as *const () as usize, &[f, f], Some(f), false);
                self.push(OpKind::Call(d), args, Some(Role::Float));
            }
            2 => {
                let args: Vec<Arg> = (0..8)
                    .map(|k| if k == 3 { self.float() } else { self.int() })
                    .collect();
                let kinds: Vec<Kind> = (0..8)
                    .map(|k| if k == 3 { Kind::Float } else { i })
                    .collect();
                let d = descr("sum8", sum8 as *const () as usize, &kinds, Some(i), false);
                self.push(OpKind::Call(d), args, Some(Role::Int));
            }
            3 => {
                let args: Vec<Arg> = (0..7).map(|_| self.int()).collect();
                let d = descr("sum7", sum7 as *const () as usize, &[i; 7], Some(i), false);
                self.push(OpKind::Call(d), args, Some(Role::Int));
            }
            4 => {
                let args = vec![self.int()];
                let d = descr(
                    "pick_leaf",
                    pick_leaf as *const () as usize,
                    &[i],
                    Some(Kind::Ref),
                    false,
                );
                self.push(OpKind::Call(d), args, Some(Role::Leaf));
            }
            _ => {
                let args = vec![self.int()];
                let d = descr(
                    "maybe_err",
                    maybe_err as *const () as usize,
                    &[i],
                    Some(i),
                    true,
                );
                self.push(OpKind::Call(d), args, Some(Role::Int));
                if self.rng.chance(75) {
                    self.push(OpKind::GuardNoError, vec![], None);
                } else {
                    self.push(OpKind::GuardError, vec![], Some(Role::Err));
                }
            }
        }
    }

    /// `c = counter - 1; guard c > 0` (which reads no variable defined since), then `c` is
    /// the counter.
    fn count_down(&mut self, counter: u32) {
        let c = self.push(
            OpKind::IntBin(IntBinOp::Sub),
            vec![Arg::Var(counter), Arg::Int(1)],
            Some(Role::Int),
        );
        let positive = OpKind::IntCmp {
            op: IntCmpOp::Gt,
            signed: true,
        };
        let p = self.push(
            positive,
            vec![Arg::Var(c.unwrap()), Arg::Int(0)],
            Some(Role::Int),
        );
        let guard = self.t.ops.len();
        self.push(OpKind::GuardTrue, vec![Arg::Var(p.unwrap())], None);
        self.counters.remove(&guard);
        self.counter = c;
    }

    /// `same_as var`.
    fn copy(&mut self, var: u32) -> u32 {
        let role = self.roles[var as usize];
        self.push(OpKind::SameAs, vec![Arg::Var(var)], Some(role))
            .unwrap()
    }

    /// The final jump to a loop with inputs of `roles` (the first is the counter).
    fn jump(&mut self, roles: &[Role]) {
        let mut args = vec![Arg::Var(self.counter.unwrap())];
        for role in &roles[1..] {
            let arg = match role {
                Role::Int => self.int(),
                Role::Float => self.float(),
                other => Arg::Var(self.var(*other).unwrap()),
            };
            args.push(arg);
        }
        self.push(OpKind::Jump, args, None);
    }
}

/// The loop's inputs: counter, two ints, two floats, the object, the array.
pub const LOOP_ROLES: [Role; 7] = [
    Role::Int,
    Role::Int,
    Role::Int,
    Role::Float,
    Role::Float,
    Role::Obj,
    Role::Arr,
];

/// A random loop: decrement the counter and guard it is positive, random ops, jump. Half of
/// them are peeled: a first iteration, copies of some values (`same_as`), a `label` of
/// them, a body (decrementing and checking the label's counter) and a jump back to the
/// label.
pub fn random_loop(rng: &mut Rng, len: usize) -> (TraceLoop, Vec<Role>, Counters) {
    let kinds: Vec<Kind> = LOOP_ROLES.iter().map(|r| r.kind()).collect();
    let peeled = rng.chance(50);
    let mut g = Gen {
        rng,
        t: TraceLoop::new("random".into(), &kinds),
        roles: LOOP_ROLES.to_vec(),
        counter: None,
        counters: Default::default(),
    };
    g.count_down(0);
    let first = if peeled { len / 2 } else { len };
    for _ in 0..first {
        g.step();
    }
    if !peeled {
        // Some traces are not loops: they end with an `exit`, or `finish` a value.
        if g.rng.chance(10) {
            g.push(OpKind::Exit, vec![], None);
        } else if g.rng.chance(10) {
            let role = [Role::Int, Role::Float, Role::Leaf, Role::Obj][g.rng.below(4)];
            let value = match role {
                Role::Int => g.int(),
                Role::Float => g.float(),
                Role::Leaf => g.leaf_arg(),
                _ => Arg::Var(g.var(Role::Obj).unwrap()),
            };
            let error = role == Role::Leaf && g.rng.chance(50);
            g.push(OpKind::Finish { error }, vec![value], None);
        } else {
            g.jump(&LOOP_ROLES);
        }
        return (g.t, g.roles, g.counters);
    }
    // The label's operands: the counter, then copies of a few values of random roles.
    let mut label_roles = vec![Role::Int];
    let mut operands = vec![g.copy(g.counter.unwrap())];
    for _ in 0..g.rng.below(6) {
        let role = [Role::Int, Role::Float, Role::Obj, Role::Arr, Role::Leaf][g.rng.below(5)];
        if let Some(v) = g.var(role) {
            label_roles.push(role);
            operands.push(g.copy(v));
        }
    }
    let args: Vec<Arg> = operands.iter().map(|v| Arg::Var(*v)).collect();
    g.t.push(OpKind::Label, args, None, None);
    g.t.jump_arity = operands.len();
    g.count_down(operands[0]);
    for _ in first..len {
        g.step();
    }
    g.jump(&label_roles);
    (g.t, g.roles, g.counters)
}

/// The counter variable each guard's resume data reads.
pub type Counters = std::collections::HashMap<usize, u32>;

/// A random bridge from a guard whose resume data reads `inputs` (of `roles`), the counter
/// among them; its roles (empty: no bridge could be made) and its counter variable.
pub fn random_bridge(
    rng: &mut Rng,
    roles: &[Role],
    counter: u32,
    inputs: &[u32],
    len: usize,
) -> (TraceLoop, Vec<Role>, u32) {
    let in_roles: Vec<Role> = inputs.iter().map(|v| roles[*v as usize]).collect();
    let kinds: Vec<Kind> = in_roles.iter().map(|r| r.kind()).collect();
    let mut t = TraceLoop::new("random bridge".into(), &kinds);
    t.jump_arity = LOOP_ROLES.len();
    let counter = inputs.iter().position(|v| *v == counter).unwrap() as u32;
    let mut g = Gen {
        rng,
        t,
        roles: in_roles,
        counter: Some(counter),
        counters: Default::default(),
    };
    // The object and the array may not be among the inputs: reach them through nothing else,
    // so such bridges use only what they have, and jump with them if they have them.
    let has_all = g.var(Role::Obj).is_some() && g.var(Role::Arr).is_some();
    if !has_all {
        return (g.t, Vec::new(), counter);
    }
    for _ in 0..len {
        g.step();
    }
    if g.rng.chance(10) {
        g.push(OpKind::Exit, vec![], None);
    } else {
        g.jump(&LOOP_ROLES);
    }
    (g.t, g.roles, counter)
}

/// The inputs of the loop in `world`.
pub fn loop_inputs(rng: &mut Rng, world: &World, iterations: i64) -> Vec<Value> {
    vec![
        Value::Int(iterations + 1),
        Value::Int(INT_CONSTS[rng.below(INT_CONSTS.len())].wrapping_add(rng.below(50) as i64)),
        Value::Int(rng.next() as i64 >> rng.below(64)),
        Value::Float(FLOAT_CONSTS[rng.below(FLOAT_CONSTS.len())] + rng.below(9) as f64),
        Value::Float(rng.below(1000) as f64 / 7.0 - 50.0),
        Value::Ref(Some(world.obj.get().erase())),
        Value::Ref(Some(world.arr.get().erase())),
    ]
}

/// Runs case `seed` on both backends: a loop, then up to three bridges attached where it
/// fails. The outcomes, per run (`None`: equal).
pub fn differential_case(seed: u64) -> Option<String> {
    let mut rng = Rng::new(seed);
    let len = 3 + rng.below(25);
    let (trace, roles, counters) = random_loop(&mut rng, len);
    if let Err(e) = trace.verify() {
        panic!("seed {seed}: generated an invalid trace: {e}");
    }
    let iterations = 1 + rng.below(5) as i64;
    let input_seed = rng.next();
    let bridge_seed = rng.next();
    // Odd cases run deeper: guards the reference backend sees fail are flipped first.
    let trace = if seed % 2 == 1 {
        deepen(trace, &counters, seed, input_seed, iterations)
    } else {
        Rc::new(trace)
    };
    if std::env::var("JITGEN_RANDOM_DUMP").is_ok() {
        eprintln!("{trace}");
    }
    let mut results = Vec::new();
    // Every fourth case collects at every allocation (and poisons freed memory): fresh
    // objects held only by compiled code must survive.
    let stress = seed.is_multiple_of(4);
    for backend in backends() {
        let world = World::new(seed);
        jitgen_core::gc::set_stress(stress);
        let code = backend.compile_loop(trace.clone());
        let mut input_rng = Rng::new(input_seed);
        let inputs = loop_inputs(&mut input_rng, &world, iterations);
        let mut bridge_rng = Rng::new(bridge_seed);
        let mut all: Vec<(Rc<TraceLoop>, Vec<Role>, u32)> = Vec::new();
        let mut log = Vec::new();
        for _round in 0..4 {
            let traces = |id: TraceId| match id {
                TraceId::Loop => trace.clone(),
                TraceId::Bridge(n) => all[n as usize].0.clone(),
            };
            let (outcome, heap) = run_once(&*code, &traces, &world, &inputs);
            if std::env::var("JITGEN_RANDOM_DUMP").is_ok() {
                eprintln!("{} {outcome:?}", backend.name());
            }
            log.push(format!("{outcome:?}\n  heap {heap}"));
            let Outcome::Failed {
                trace: origin,
                guard,
                ..
            } = outcome
            else {
                break;
            };
            let (origin_trace, origin_roles, counter) = match origin {
                // No bridge from a counter's guard (the loop must end).
                TraceId::Loop => match counters.get(&guard) {
                    Some(c) => (trace.clone(), roles.clone(), *c),
                    None => break,
                },
                TraceId::Bridge(n) => {
                    let (t, r, counter) = &all[n as usize];
                    (t.clone(), r.clone(), *counter)
                }
            };
            let inputs_of_bridge = resume_vars(&origin_trace, guard);
            if !inputs_of_bridge.contains(&counter) {
                break;
            }
            let len = 2 + bridge_rng.below(10);
            let (bridge, bridge_roles, bridge_counter) = random_bridge(
                &mut bridge_rng,
                &origin_roles,
                counter,
                &inputs_of_bridge,
                len,
            );
            if bridge_roles.is_empty() {
                break;
            }
            if let Err(e) = bridge.verify() {
                panic!("seed {seed}: generated an invalid bridge: {e}");
            }
            let bridge = Rc::new(bridge);
            if std::env::var("JITGEN_RANDOM_DUMP").is_ok() {
                eprintln!("bridge from {origin:?} guard {guard}:\n{bridge}");
            }
            code.attach_bridge(origin, guard, bridge.clone(), inputs_of_bridge);
            all.push((bridge, bridge_roles, bridge_counter));
        }
        jitgen_core::gc::set_stress(false);
        results.push(log);
    }
    (results[0] != results[1]).then(|| {
        format!(
            "seed {seed}\nreference:\n{}\nx86:\n{}\ntrace:\n{}",
            results[0].join("\n"),
            results[1].join("\n"),
            trace
        )
    })
}

/// Runs `trace` on the reference backend a few times, each time flipping the guard that
/// failed (true/false, overflow/no overflow) unless it is a counter's, so that the trace
/// runs longer before a guard fails.
fn deepen(
    mut trace: TraceLoop,
    counters: &Counters,
    seed: u64,
    input_seed: u64,
    iterations: i64,
) -> Rc<TraceLoop> {
    for _ in 0..6 {
        let world = World::new(seed);
        let trace_rc = Rc::new(trace);
        let code = jitgen_core::backend::reference::ReferenceBackend.compile_loop(trace_rc.clone());
        let inputs = loop_inputs(&mut Rng::new(input_seed), &world, iterations);
        let failure = run_once(&*code, &|_| trace_rc.clone(), &world, &inputs).0;
        drop(code);
        trace = Rc::try_unwrap(trace_rc).unwrap_or_else(|_| unreachable!("one owner"));
        let Outcome::Failed { guard, .. } = failure else {
            break;
        };
        if !counters.contains_key(&guard) {
            break;
        }
        let flipped = match trace.ops[guard].kind {
            OpKind::GuardTrue => OpKind::GuardFalse,
            OpKind::GuardFalse => OpKind::GuardTrue,
            OpKind::GuardNoOverflow => OpKind::GuardOverflow,
            OpKind::GuardOverflow => OpKind::GuardNoOverflow,
            _ => break,
        };
        trace.ops[guard].kind = flipped;
    }
    Rc::new(trace)
}

#[test]
fn random_traces_agree_with_the_reference_backend() {
    quiet_panics();
    let cases: u64 = std::env::var("JITGEN_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let first: u64 = std::env::var("JITGEN_RANDOM_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut mismatches = Vec::new();
    for seed in first..first + cases {
        if let Some(report) = differential_case(seed) {
            if mismatches.len() < 3 {
                eprintln!("{report}");
            }
            mismatches.push(seed);
        }
    }
    eprintln!("{cases} random cases, {} mismatches", mismatches.len());
    assert!(mismatches.is_empty(), "mismatching seeds: {mismatches:?}");
}
