//! Toy helpers that are `#[look_inside]` run natively and through their staged jitcode
//! (`Registry::with_staged` + the blackhole interpreter) with equal results.

use jitgen_core::blackhole::{self, Mode, Outcome, Value as Word};
use jitgen_core::gc::{Gc, GcVec};
use jitgen_core::jitcode::Registry;
use toy::runtime::objects::{ArrayObj, BoolObj, NilObj, Value};
use toy::runtime::values::{is_truthy, new_float, new_int, new_str};

/// `is_truthy` through the blackhole.
fn staged_is_truthy(value: Value) -> bool {
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&is_truthy))
        .expect("is_truthy is staged");
    match blackhole::call(&registry, id, &[Word::of(value)], Mode::Complete) {
        Outcome::Return(Word::Int(v)) => v != 0,
        other => panic!("unexpected outcome {other:?}"),
    }
}

#[test]
fn is_truthy_matches_native() {
    // Locals, not a `Vec`: the conservative stack scan keeps them alive.
    let (zero, one) = (new_int(0), new_int(-3));
    let (fzero, fone, nan) = (new_float(0.0), new_float(0.5), new_float(f64::NAN));
    let (empty, text) = (new_str(""), new_str("x"));
    let (yes, no) = (
        Gc::new(BoolObj { value: true }).erase(),
        Gc::new(BoolObj { value: false }).erase(),
    );
    let nil = Gc::new(NilObj { unused: 0 }).erase();
    let items = GcVec::new();
    let empty_array = Gc::new(ArrayObj { items }).erase();
    let full_items = GcVec::new();
    full_items.push(nil);
    let full_array = Gc::new(ArrayObj { items: full_items }).erase();
    for value in [
        zero,
        one,
        fzero,
        fone,
        nan,
        empty,
        text,
        yes,
        no,
        nil,
        empty_array,
        full_array,
    ] {
        assert_eq!(staged_is_truthy(value), is_truthy(value), "{value:?}");
    }
}

/// `negate` natively and through the blackhole: the result's display form, or the error's
/// message.
#[test]
fn negate_matches_native() {
    use toy::runtime::arith::negate;
    use toy::runtime::format::to_display;
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&negate))
        .expect("negate is staged");
    let (small, min, float) = (new_int(5), new_int(i64::MIN), new_float(-2.5));
    let (text, nil) = (new_str("s"), Gc::new(NilObj { unused: 0 }).erase());
    for value in [small, min, float, text, nil] {
        let native = match negate(value) {
            Ok(v) => to_display(v),
            Err(e) => to_display(e.value),
        };
        let staged = match blackhole::call(&registry, id, &[Word::of(value)], Mode::Complete) {
            Outcome::Return(Word::Ref(Some(v))) => to_display(v),
            Outcome::Err(e) => to_display(
                e.downcast::<toy::runtime::objects::ErrorObj>()
                    .expect("an ErrorObj")
                    .value,
            ),
            other => panic!("unexpected outcome {other:?}"),
        };
        assert_eq!(staged, native);
    }
}

/// `new_int` and `new_float` (residual allocations) natively and through the blackhole: a
/// new box of the same class and display form.
#[test]
fn boxing_matches_native() {
    use toy::runtime::format::to_display;
    use toy::runtime::objects::{FloatObj, IntObj};
    let registry = Registry::with_staged();
    let int_id = registry
        .lookup(jitgen_core::__private::type_id_of(&new_int))
        .expect("new_int is staged");
    let float_id = registry
        .lookup(jitgen_core::__private::type_id_of(&new_float))
        .expect("new_float is staged");
    for i in [0, -7, i64::MAX] {
        let staged = match blackhole::call(&registry, int_id, &[Word::of(i)], Mode::Complete) {
            Outcome::Return(Word::Ref(Some(v))) => v,
            other => panic!("unexpected outcome {other:?}"),
        };
        assert!(staged.is::<IntObj>());
        assert_eq!(to_display(staged), to_display(new_int(i)));
    }
    for f in [0.0, -2.5, f64::INFINITY] {
        let staged = match blackhole::call(&registry, float_id, &[Word::of(f)], Mode::Complete) {
            Outcome::Return(Word::Ref(Some(v))) => v,
            other => panic!("unexpected outcome {other:?}"),
        };
        assert!(staged.is::<FloatObj>());
        assert_eq!(to_display(staged), to_display(new_float(f)));
    }
}
