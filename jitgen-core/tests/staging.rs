//! Staging: `#[look_inside]` functions and methods, written as ordinary Rust, run natively and
//! through their generated jitcode (`Registry::with_staged` + the blackhole interpreter) on
//! several inputs, with equal results.

use std::any::TypeId;

use jitgen_core::blackhole::{self, Mode, Outcome, Value};
use jitgen_core::gc::{Gc, GcRef, GcVec, Mut};
use jitgen_core::jitcode::{JitReturn, JitValue, Registry};
use jitgen_core::{dont_look_inside, layout, look_inside};

/// A mutable counter object.
#[layout]
pub struct Counter {
    pub count: Mut<i64>,
    pub step: i64,
}

/// An error object.
#[layout]
pub struct Failure {
    pub code: i64,
}

#[look_inside]
fn sum_to(n: i64) -> i64 {
    let mut s = 0;
    let mut i = 0;
    while i < n {
        s += i;
        i += 1;
    }
    s
}

#[look_inside]
fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

#[look_inside]
fn gcd(a: i64, b: i64) -> i64 {
    let mut a = a;
    let mut b = b;
    while b != 0 {
        let t = b;
        b = a % b;
        a = t;
    }
    a
}

#[look_inside]
fn sum_of_gcds(n: i64) -> i64 {
    let mut total = 0;
    let mut k = 1;
    loop {
        if k > n {
            break;
        }
        total += gcd(n, k);
        k += 1;
    }
    total
}

/// Residual: the JIT calls it through its shim.
#[dont_look_inside]
fn triple(x: i64) -> i64 {
    x * 3
}

#[look_inside]
fn use_residual(x: i64) -> i64 {
    let y = triple(x) + 1;
    if y > 10 && x != 7 || x == -1 {
        return y - 100;
    }
    -y
}

// Spelled-out shifts and negated comparisons on purpose: they exercise those operators.
#[allow(clippy::assign_op_pattern)]
#[look_inside]
fn classify(x: i64) -> i64 {
    let sign = if x < 0 {
        -1
    } else if x == 0 {
        0
    } else {
        1
    };
    let mut bits = 0;
    let mut v = x;
    while v != 0 {
        v = v >> 1;
        if v == -1 {
            break;
        }
        bits += 1;
        if bits > 100 {
            continue;
        }
    }
    sign * 1000 + bits + (x & 7) + (x ^ 5) - (x | 2) + (1 << 3)
}

/// `sqrt`/`abs` of floats are instructions; `abs` of an integer an elidable residual call.
#[look_inside]
fn float_methods(a: f64, b: i64) -> f64 {
    (a * a).sqrt() - (-a).abs() + b.abs() as f64
}

/// The primitive types' pure methods, each an elidable residual call.
#[look_inside]
fn pure_methods(a: f64, b: i64) -> f64 {
    let bits = b.count_ones() as i64 + b.leading_zeros() as i64 + b.max(3).min(40);
    a.floor()
        + a.max(0.5).powi(2)
        + a.atan2(1.5)
        + bits as f64
        + (b as u8).to_ascii_uppercase() as f64
}

#[allow(clippy::neg_cmp_op_on_partial_ord)]
#[look_inside]
fn floats(a: f64, b: f64) -> f64 {
    let mut x = a * 2.0 - b / 4.0;
    if !(x < 0.0) {
        x = -x;
    }
    x + 0.5
}

#[look_inside]
fn bump(c: Gc<Counter>, times: i64) -> i64 {
    let mut i = 0;
    while i < times {
        c.count.set(c.count.get() + c.step);
        i += 1;
    }
    c.count.get()
}

/// Residual: allocates the error.
#[dont_look_inside]
fn fail(code: i64) -> Gc<Failure> {
    Gc::new(Failure { code })
}

#[look_inside]
fn halve(x: i64) -> Result<i64, Gc<Failure>> {
    if x % 2 != 0 {
        return Err(fail(x));
    }
    Ok(x / 2)
}

#[look_inside]
fn quarter(x: i64) -> Result<i64, Gc<Failure>> {
    let h = halve(x)?;
    let q = halve(h)?;
    Ok(q + 1)
}

#[look_inside]
fn check_all(n: i64) -> Result<(), Gc<Failure>> {
    let mut i: i64 = 0;
    while i < n {
        quarter(i * 4)?;
        i += 1;
    }
    if n > 100 {
        Err(fail(-n))
    } else {
        Ok(())
    }
}

/// A `Result` alias: the macro cannot see through it, the builder's traits can.
type Fallible<T> = Result<T, Gc<Failure>>;

#[look_inside]
fn aliased_halve(x: i64) -> Fallible<i64> {
    if x < 0 {
        return halve(-x);
    }
    let h = halve(x)?;
    Ok(h)
}

#[look_inside]
fn aliased_check(n: i64) -> Fallible<()> {
    aliased_halve(n)?;
    if n > 50 {
        return Err(fail(n));
    }
    Ok(())
}

#[look_inside]
fn aliased_tail(n: i64) -> Fallible<()> {
    if n == 3 {
        Ok(())
    } else {
        aliased_check(n)
    }
}

/// What kind of object `x` is: `if let` on `downcast`, `is`, `else if` chains.
#[look_inside]
fn kind_of(x: GcRef) -> i64 {
    if let Some(c) = x.downcast::<Counter>() {
        c.step
    } else if x.is::<Failure>() {
        -1
    } else {
        0
    }
}

/// `let ... else`, `==` on references, `Gc::ptr_eq`, `is_none`/`is_some`, `erase`.
#[look_inside]
fn failure_code_of(x: GcRef, y: GcRef) -> i64 {
    let Some(f) = x.downcast::<Failure>() else {
        return 0;
    };
    if x == y {
        return 100;
    }
    let other = y.downcast::<Failure>();
    if other.is_none() {
        return f.code;
    }
    let mut total = 0;
    if let Some(g) = other {
        if Gc::ptr_eq(f, g) {
            total = 1000;
        } else if f.erase() != y && other.is_some() {
            total = f.code + g.code;
        }
    }
    total
}

/// `as` between integer widths and to and from `f64`.
#[look_inside]
fn casts(x: i64) -> i64 {
    let small = x as i8;
    let wide = small as i64;
    let unsigned = x as u32;
    let f = x as f64 * 1.5;
    wide * 1_000_000 + unsigned as i64 + f as i64 + (-x) as usize as i64
}

/// A GC array of integers.
type Ints = jitgen_core::gc::GcArray<i64>;

/// Array `len`/`get`/`set`.
#[look_inside]
fn array_sum(items: Gc<Ints>) -> i64 {
    let mut i: usize = 0;
    let mut s = 0;
    while i < items.len() {
        s += items.get(i);
        items.set(i, s);
        i += 1;
    }
    s
}

/// `len`/`get`/`set` resolved by the receiver's type: on a `GcVec` its length field, a bounds
/// test (a residual call of the native panic when out of bounds) and an item of its buffer;
/// array instructions on a GC array; as values, as statements and as the returned value.
#[look_inside]
fn vec_to_array(src: Gc<GcVec<i64>>, dst: Gc<Ints>) -> usize {
    let mut i: usize = 0;
    while i < src.len() && i < dst.len() {
        let v = src.get(i) * 2;
        dst.set(i, v);
        src.set(i, dst.get(i) + 1);
        i += 1;
    }
    src.len()
}

/// A vector's item.
#[look_inside]
fn vec_item(items: Gc<GcVec<i64>>, i: usize) -> i64 {
    items.get(i)
}

/// An array read as the returned value.
#[look_inside]
fn array_last(items: Gc<Ints>) -> i64 {
    items.get(items.len() - 1)
}

#[look_inside]
fn matches(x: i64) -> i64 {
    let base = match x {
        0 => 10,
        1 | 2 | -3 => {
            let y = x * 100;
            y + 1
        }
        7 => return -7,
        _ => 5,
    };
    let mut extra = 0;
    match base {
        10 => extra = 1,
        5 => {}
        _ => extra = 2,
    }
    match x + extra {
        3 => base * 2,
        _ => base + extra,
    }
}

/// `match` on `checked_*`, as a value, with divergent arms and as the returned value.
#[look_inside]
fn overflows(a: i64, b: i64) -> Fallible<i64> {
    let sum = match a.checked_add(b) {
        Some(v) => v,
        None => return Err(fail(1)),
    };
    let diff = match sum.checked_sub(b) {
        None => -1,
        Some(v) => v / 2,
    };
    match diff.checked_mul(b) {
        Some(product) => Ok(product + sum),
        None => Err(fail(3)),
    }
}

impl Counter {
    /// Adds `k` steps to the count; the new count.
    fn advance(&self, k: i64) -> i64 {
        let count = self.count.get() + k * self.step;
        self.count.set(count);
        count
    }

    /// The count, or a `Failure` with the count when it exceeds `limit`.
    fn count_below(&self, limit: i64) -> Fallible<i64> {
        let count = self.count.get();
        if count > limit {
            return Err(fail(count));
        }
        Ok(count)
    }
}

/// Method calls are residual: `&self` methods through a `Gc` register, under `?`, on
/// primitives, and as the returned value.
#[look_inside]
fn method_calls(c: Gc<Counter>, k: i64) -> Fallible<i64> {
    let a = c.advance(k);
    let b = c.count_below(40)?;
    let m = a.max(k).wrapping_mul(2) + b;
    c.advance(m.rem_euclid(3));
    c.count_below(m)
}

/// Allocation is residual: `Gc::new(S { .. })` as a value, as the error and as the
/// returned value, with field shorthand.
#[look_inside]
fn allocations(x: i64) -> Fallible<Gc<Failure>> {
    let f = Gc::new(Failure { code: x * 2 });
    if f.code > 10 {
        return Err(Gc::new(Failure { code: f.code + 1 }));
    }
    let code = f.code - x;
    Ok(Gc::new(Failure { code }))
}

/// `Gc::new(S { .. })` as the function's tail; a residual method on the result.
#[look_inside]
fn allocation_tail(x: i64, y: i64) -> Gc<Failure> {
    let sum = Gc::new(Failure { code: x }).code + y;
    Gc::new(Failure {
        code: sum.abs() - 1,
    })
}

/// An accumulator whose methods are staged (`#[look_inside]` on the impl and the methods).
#[layout]
pub struct Acc {
    pub total: Mut<i64>,
}

#[look_inside]
impl Acc {
    /// Adds `x`; the new total.
    #[look_inside]
    fn add(&self, x: i64) -> i64 {
        let total = self.total.get().wrapping_add(x);
        self.total.set(total);
        total
    }

    /// Adds a non-negative `x`, else fails with `x`.
    #[look_inside]
    fn add_checked(&self, x: i64) -> Fallible<i64> {
        if x < 0 {
            return Err(fail(x));
        }
        Ok(self.add(x))
    }

    /// The accumulator itself when its total is even, else `None`.
    #[look_inside]
    fn if_even(&self, me: Gc<Acc>) -> Option<Gc<Acc>> {
        if self.total.get() % 2 == 0 {
            return Some(me);
        }
        None
    }
}

/// Staged methods called inline; `Result` values in variables, `if let Err`, `match` on a
/// `Result`, `?` on a variable, returning a variable; `Some`/`None` as values.
#[allow(clippy::let_and_return)] // returning a `Result` variable is one of the forms tested
#[look_inside]
fn result_values(a: Gc<Acc>, x: i64) -> Fallible<i64> {
    let first = a.add_checked(x);
    if let Err(e) = first {
        a.add(100);
        if e.code < -5 {
            return Err(e);
        }
    }
    let second = match a.add_checked(x - 3) {
        Ok(v) => v,
        Err(e) => e.code * 2,
    };
    let kept: Fallible<i64> = if second > 50 {
        Err(fail(second))
    } else {
        Ok(second)
    };
    let third = kept?;
    let even = a.if_even(a);
    let none: Option<Gc<Acc>> = None;
    if even.is_some() && none.is_none() {
        return Ok(third + 1000);
    }
    let last = a.add_checked(third);
    last
}

/// Runs the staged `f` through the blackhole with `args`.
fn run_staged<F: 'static>(_f: &F, args: &[Value]) -> Outcome {
    let registry = Registry::with_staged();
    let id = registry
        .lookup(TypeId::of::<F>())
        .expect("the function is staged");
    blackhole::call(&registry, id, args, Mode::Complete)
}

/// A comparable summary of a result: the value's word, or the code of the `Failure` error.
type Summary = Result<u64, i64>;

/// The code of a `Failure` error.
fn failure_code(error: GcRef) -> i64 {
    error.downcast::<Failure>().expect("a Failure").code
}

/// Asserts that `f` natively (`native`) and through its jitcode agree on every input;
/// `args` turns an input into the jitcode's arguments.
fn check<F: 'static, R: JitReturn, A: Copy + std::fmt::Debug>(
    f: &F,
    native: impl Fn(A) -> R,
    args: impl Fn(A) -> Vec<Value>,
    inputs: &[A],
) {
    for &input in inputs {
        let (value, error) = native(input).into_words();
        // SAFETY: a non-zero error word is a live reference.
        let expected: Summary = match error {
            0 => Ok(value),
            e => Err(failure_code(unsafe { GcRef::from_addr(e as usize) })),
        };
        let got: Summary = match run_staged(f, &args(input)) {
            // SAFETY: the jitcode returns values of the function's type.
            Outcome::Return(v) => Ok(unsafe { v.get::<R::Value>() }.value_word()),
            Outcome::Err(e) => Err(failure_code(e)),
            Outcome::MergePoint(_) => panic!("no merge point in a staged helper"),
        };
        assert_eq!(got, expected, "input {input:?}");
    }
}

/// One `i64` argument.
fn one(x: i64) -> Vec<Value> {
    vec![Value::of(x)]
}

/// Two `i64` arguments.
fn two((a, b): (i64, i64)) -> Vec<Value> {
    vec![Value::of(a), Value::of(b)]
}

#[test]
fn staged_methods_and_result_values() {
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&result_values))
        .expect("staged");
    let text = registry.get(id).to_string();
    assert!(text.contains("call_jitcode "), "{text}");
    assert!(text.contains("Acc::add_checked("), "{text}");
    assert!(!text.contains("call_residual Acc::"), "{text}");
    for x in [-9, -2, 0, 3, 7, 40, 60] {
        let (native, staged) = (
            Gc::new(Acc { total: Mut::new(1) }),
            Gc::new(Acc { total: Mut::new(1) }),
        );
        let expected: Summary = match result_values(native, x) {
            Ok(v) => Ok(v as u64),
            Err(e) => Err(e.code),
        };
        let got: Summary = match run_staged(&result_values, &[Value::of(staged), Value::of(x)]) {
            Outcome::Return(v) => Ok(v.as_int().expect("an int") as u64),
            Outcome::Err(e) => Err(failure_code(e)),
            Outcome::MergePoint(_) => unreachable!(),
        };
        assert_eq!(got, expected, "x = {x}");
        assert_eq!(staged.total.get(), native.total.get(), "x = {x}");
    }
}

#[test]
fn sum_loop() {
    check(&sum_to, sum_to, one, &[0, 1, 5, 100]);
}

#[test]
fn recursion() {
    check(&fib, fib, one, &[0, 1, 2, 10]);
}

#[test]
fn gcd_and_calls_between_staged_functions() {
    check(
        &gcd,
        |(a, b)| gcd(a, b),
        two,
        &[(12, 18), (7, 5), (0, 9), (100, 75)],
    );
    check(&sum_of_gcds, sum_of_gcds, one, &[0, 1, 12, 30]);
}

#[test]
fn residual_calls_and_short_circuits() {
    check(&use_residual, use_residual, one, &[-1, 0, 3, 7, 9]);
}

#[test]
fn operators_and_value_ifs() {
    check(&classify, classify, one, &[-9, -1, 0, 1, 6, 1 << 40]);
    let pairs = [(1.0, 2.0), (-3.0, 0.5), (0.0, 0.0)];
    check(
        &floats,
        |(a, b)| floats(a, b),
        |(a, b)| vec![Value::of(a), Value::of(b)],
        &pairs,
    );
}

/// Checks that the jitcode of `f(f64, i64) -> f64` (the same function as `native`) gives the
/// same bits as `native` on each of `inputs`; returns the jitcode's listing.
fn float_fn_listing<F: 'static>(
    f: &F,
    native: fn(f64, i64) -> f64,
    inputs: &[(f64, i64)],
) -> String {
    for &(a, b) in inputs {
        let got = run_staged(f, &[Value::of(a), Value::of(b)]);
        let Outcome::Return(value) = got else {
            panic!("{got:?}")
        };
        // SAFETY: the function returns an `f64`.
        let got = unsafe { value.get::<f64>() };
        assert_eq!(got.to_bits(), native(a, b).to_bits(), "{a} {b}");
    }
    let registry = Registry::with_staged();
    let id = registry.lookup(TypeId::of::<F>()).expect("staged");
    registry.get(id).to_string()
}

#[test]
fn float_methods_are_instructions() {
    let inputs = [(2.0, -3), (-0.0, 5), (1e300, 0), (f64::NAN, 1), (-7.5, -1)];
    let text = float_fn_listing(&float_methods, float_methods, &inputs);
    assert!(
        text.contains("float_sqrt") && text.contains("float_abs"),
        "{text}"
    );
    assert_eq!(
        text.matches("call_residual ").count(),
        1,
        "only the integer abs is a call: {text}"
    );
    assert!(
        text.contains("i64::abs") && text.contains(" elidable"),
        "{text}"
    );
}

#[test]
fn pure_methods_are_elidable_calls() {
    let inputs = [
        (2.25, -3),
        (-0.0, 5),
        (1e300, 0),
        (f64::NAN, 1 << 40),
        (-7.5, 97),
    ];
    let text = float_fn_listing(&pure_methods, pure_methods, &inputs);
    let calls: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("call_residual "))
        .collect();
    let names = [
        "i64::count_ones",
        "i64::leading_zeros",
        "i64::max",
        "i64::min",
        "f64::floor",
        "f64::max",
        "f64::powi",
        "f64::atan2",
        "u8::to_ascii_uppercase",
    ];
    assert_eq!(calls.len(), names.len(), "{text}");
    for name in names {
        assert!(
            calls
                .iter()
                .any(|c| c.contains(name) && c.contains(" elidable")),
            "{name} is not an elidable call: {text}"
        );
    }
}

#[test]
fn mut_fields() {
    let new = || {
        Gc::new(Counter {
            count: Mut::new(1),
            step: 3,
        })
    };
    for times in [0, 1, 4] {
        let (native, staged) = (new(), new());
        let expected = bump(native, times);
        let got = run_staged(&bump, &[Value::of(staged), Value::of(times)]);
        assert!(matches!(got, Outcome::Return(Value::Int(v)) if v == expected));
        assert_eq!(staged.count.get(), native.count.get());
    }
}

#[test]
fn results_and_question_mark() {
    check(&halve, halve, one, &[0, 3, 8]);
    check(&quarter, quarter, one, &[0, 2, 3, 6, 8, -12]);
    check(&check_all, check_all, one, &[0, 3, 101]);
}

#[test]
fn staged_sum_loop_text() {
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&sum_to))
        .expect("staged");
    insta::assert_snapshot!(registry.get(id).to_string());
}

#[test]
fn result_aliases() {
    check(&aliased_halve, aliased_halve, one, &[0, 3, 8, -6, -5]);
    check(&aliased_check, aliased_check, one, &[0, 3, 8, 60, 61]);
    check(&aliased_tail, aliased_tail, one, &[3, 5, 8, 60]);
}

#[test]
fn downcasts_and_if_let() {
    // Locals, not a `Vec`: the conservative stack scan keeps them alive.
    let counter = Gc::new(Counter {
        count: Mut::new(0),
        step: 7,
    })
    .erase();
    let three = Gc::new(Failure { code: 3 }).erase();
    let five = Gc::new(Failure { code: 5 }).erase();
    let object = |k: usize| [counter, three, five][k];
    check(
        &kind_of,
        |k| kind_of(object(k)),
        |k| vec![Value::of(object(k))],
        &[0, 1, 2],
    );
    let pairs: Vec<(usize, usize)> = (0..3).flat_map(|a| (0..3).map(move |b| (a, b))).collect();
    check(
        &failure_code_of,
        |(a, b)| failure_code_of(object(a), object(b)),
        |(a, b)| vec![Value::of(object(a)), Value::of(object(b))],
        &pairs,
    );
}

#[test]
fn as_casts() {
    check(
        &casts,
        casts,
        one,
        &[0, 1, -1, 127, 128, 300, -70_000, 1 << 40],
    );
}

#[test]
fn array_methods() {
    for len in [0, 1, 5] {
        let native = Ints::new(len, 2);
        let staged = Ints::new(len, 2);
        if len > 0 {
            native.set(0, 3);
            staged.set(0, 3);
        }
        let expected = array_sum(native);
        let got = run_staged(&array_sum, &[Value::of(staged)]);
        assert!(matches!(got, Outcome::Return(Value::Int(v)) if v == expected));
        for i in 0..len {
            assert_eq!(staged.get(i), native.get(i));
        }
    }
}

#[test]
fn a_vector_item_in_bounds_is_read_from_its_buffer() {
    // (Out of bounds, the staged code calls the native panic residually, which is fatal
    // in jitcode, with the native message.)
    let items = GcVec::from_slice(&[4_i64, 5]);
    items.push(6);
    for i in 0..3 {
        let got = run_staged(&vec_item, &[Value::of(items), Value::of(i)]);
        assert!(
            matches!(got, Outcome::Return(Value::Int(v)) if v == vec_item(items, i)),
            "{got:?}"
        );
    }
}

#[test]
fn methods_by_receiver_type() {
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&vec_to_array))
        .expect("staged");
    let text = registry.get(id).to_string();
    // Only the two out-of-bounds panics are calls.
    assert_eq!(
        text.matches("call_residual index_out_of_bounds").count(),
        2,
        "{text}"
    );
    assert_eq!(text.matches("call_residual").count(), 2, "{text}");
    for insn in [
        "arraylen r1",
        "getarrayitem r1",
        "setarrayitem r1",
        "getfield r0, GcVec<i64>.len",
        "getfield r0, GcVec<i64>.buffer",
    ] {
        assert!(text.contains(insn), "{text}");
    }
    for (n, len) in [(0, 0), (3, 2), (2, 4), (5, 5)] {
        let items: Vec<i64> = (1..=n).collect();
        let (native_src, staged_src) = (GcVec::from_slice(&items), GcVec::from_slice(&items));
        let (native_dst, staged_dst) = (Ints::new(len, 7), Ints::new(len, 7));
        let expected = vec_to_array(native_src, native_dst);
        let got = run_staged(
            &vec_to_array,
            &[Value::of(staged_src), Value::of(staged_dst)],
        );
        assert!(matches!(got, Outcome::Return(Value::Int(v)) if v as usize == expected));
        for i in 0..n as usize {
            assert_eq!(staged_src.get(i), native_src.get(i));
        }
        for i in 0..len {
            assert_eq!(staged_dst.get(i), native_dst.get(i));
        }
        if len > 0 {
            let got = run_staged(&array_last, &[Value::of(staged_dst)]);
            let expected = array_last(native_dst);
            assert!(matches!(got, Outcome::Return(Value::Int(v)) if v == expected));
        }
    }
}

#[test]
fn integer_matches() {
    check(&matches, matches, one, &[-3, 0, 1, 2, 3, 7, 9, -1]);
}

#[test]
fn checked_matches() {
    let inputs = [
        (1, 2),
        (i64::MAX, 1),
        (i64::MIN, -1),
        (1 << 40, 1 << 30),
        (-5, 3),
    ];
    check(&overflows, |(a, b)| overflows(a, b), two, &inputs);
}

#[test]
fn residual_method_calls() {
    let new = || {
        Gc::new(Counter {
            count: Mut::new(1),
            step: 3,
        })
    };
    for k in [-20, -2, 0, 1, 4, 20] {
        let (native, staged) = (new(), new());
        let expected = method_calls(native, k).map_err(|e| e.code);
        let got = match run_staged(&method_calls, &[Value::of(staged), Value::of(k)]) {
            Outcome::Return(Value::Int(v)) => Ok(v),
            Outcome::Err(e) => Err(failure_code(e)),
            other => panic!("unexpected outcome {other:?}"),
        };
        assert_eq!(got, expected, "k = {k}");
        assert_eq!(staged.count.get(), native.count.get(), "k = {k}");
    }
}

#[test]
fn residual_allocations() {
    for x in [-4, 0, 3, 5, 6] {
        let expected = allocations(x).map(|f| f.code).map_err(|e| e.code);
        let got = match run_staged(&allocations, &[Value::of(x)]) {
            Outcome::Return(Value::Ref(Some(f))) => {
                Ok(f.downcast::<Failure>().expect("a Failure").code)
            }
            Outcome::Err(e) => Err(failure_code(e)),
            other => panic!("unexpected outcome {other:?}"),
        };
        assert_eq!(got, expected, "x = {x}");
    }
    for (x, y) in [(1, 2), (-7, 3), (0, 0)] {
        let expected = allocation_tail(x, y).code;
        let got = match run_staged(&allocation_tail, &[Value::of(x), Value::of(y)]) {
            Outcome::Return(Value::Ref(Some(f))) => {
                f.downcast::<Failure>().expect("a Failure").code
            }
            other => panic!("unexpected outcome {other:?}"),
        };
        assert_eq!(got, expected, "({x}, {y})");
    }
}
