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

/// The message of a toy error outcome.
fn error_message(error: jitgen_core::gc::GcRef) -> String {
    toy::runtime::format::to_display(
        error
            .downcast::<toy::runtime::objects::ErrorObj>()
            .expect("an ErrorObj")
            .value,
    )
}

/// Every `ArithOp`, in declaration order.
const ARITH_OPS: [toy::runtime::arith::ArithOp; 5] = {
    use toy::runtime::arith::ArithOp::*;
    [Add, Sub, Mul, Div, Mod]
};

/// `int_arith` (a `match` on the `ArithOp` enum) natively and through the blackhole, on
/// every operator: results, overflow and division-by-zero errors.
#[test]
fn int_arith_matches_native() {
    use toy::runtime::arith::int_arith;
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&int_arith))
        .expect("int_arith is staged");
    let values = [0, 1, -1, 2, -3, 7, -7, i64::MAX, i64::MIN];
    for op in ARITH_OPS {
        for a in values {
            for b in values {
                let native = match int_arith(op, a, b) {
                    Ok(v) => v.to_string(),
                    Err(e) => error_message(e.erase()),
                };
                let args = [Word::of(op), Word::of(a), Word::of(b)];
                let staged = match blackhole::call(&registry, id, &args, Mode::Complete) {
                    Outcome::Return(Word::Int(v)) => v.to_string(),
                    Outcome::Err(e) => error_message(e),
                    other => panic!("unexpected outcome {other:?}"),
                };
                assert_eq!(staged, native, "{a} {op:?} {b}");
            }
        }
    }
}

/// `float_arith` natively and through the blackhole: results (bit for bit) and
/// division-by-zero errors.
#[test]
fn float_arith_matches_native() {
    use toy::runtime::arith::float_arith;
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(&float_arith))
        .expect("float_arith is staged");
    let values = [0.0, -0.0, 1.5, -2.0, 7.0, f64::INFINITY, f64::NAN];
    for op in ARITH_OPS {
        for a in values {
            for b in values {
                let native = match float_arith(op, a, b) {
                    Ok(v) => format!("{:x}", v.to_bits()),
                    Err(e) => error_message(e.erase()),
                };
                let args = [Word::of(op), Word::of(a), Word::of(b)];
                let staged = match blackhole::call(&registry, id, &args, Mode::Complete) {
                    Outcome::Return(Word::Float(v)) => format!("{:x}", v.to_bits()),
                    Outcome::Err(e) => error_message(e),
                    other => panic!("unexpected outcome {other:?}"),
                };
                assert_eq!(staged, native, "{a} {op:?} {b}");
            }
        }
    }
}

/// `arith` and `compare` on boxed values natively and through the blackhole: the result's
/// display form, or the error's message.
#[test]
fn arith_and_compare_match_native() {
    use toy::runtime::arith::{arith, compare, CmpOp};
    use toy::runtime::format::to_display;
    use toy::runtime::objects::Ctx;
    let registry = Registry::with_staged();
    let arith_id = registry
        .lookup(jitgen_core::__private::type_id_of(&arith))
        .expect("arith is staged");
    let compare_id = registry
        .lookup(jitgen_core::__private::type_id_of(&compare))
        .expect("compare is staged");
    let outcome = |outcome| match outcome {
        Outcome::Return(Word::Ref(Some(v))) => to_display(v),
        Outcome::Err(e) => error_message(e),
        other => panic!("unexpected outcome {other:?}"),
    };
    let (two, big, zero, half) = (new_int(2), new_int(i64::MAX), new_int(0), new_float(0.5));
    let (text, nil) = (new_str("ab"), Gc::new(NilObj { unused: 0 }).erase());
    let values = [two, big, zero, half, text, nil];
    for op in ARITH_OPS {
        for a in values {
            for b in values {
                let native = match arith(op, a, b) {
                    Ok(v) => to_display(v),
                    Err(e) => error_message(e.erase()),
                };
                let args = [Word::of(op), Word::of(a), Word::of(b)];
                let staged = outcome(blackhole::call(&registry, arith_id, &args, Mode::Complete));
                assert_eq!(staged, native, "{a:?} {op:?} {b:?}");
            }
        }
    }
    let program = toy::frontend::compile("").expect("an empty program compiles");
    let (ctx, _): (Gc<Ctx>, _) = toy::runtime::load::load(&program);
    for op in [CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge] {
        for a in values {
            for b in values {
                let native = match compare(ctx, op, a, b) {
                    Ok(v) => to_display(v),
                    Err(e) => error_message(e.erase()),
                };
                let args = [Word::of(ctx), Word::of(op), Word::of(a), Word::of(b)];
                let staged = outcome(blackhole::call(
                    &registry,
                    compare_id,
                    &args,
                    Mode::Complete,
                ));
                assert_eq!(staged, native, "{a:?} {op:?} {b:?}");
            }
        }
    }
}

/// The staged jitcode of `name` (`Type::method` for methods), as text.
fn jitcode_text(registry: &Registry, name: &str) -> String {
    let id = registry
        .ids()
        .find(|&id| registry.name(id) == name)
        .unwrap_or_else(|| panic!("{name} is not staged"));
    registry.get(id).to_string()
}

/// Every staged toy function, method and the portal builds into valid jitcode (a build error
/// would otherwise only show when blackhole mode first reaches the function).
#[test]
fn every_staged_function_builds() {
    let registry = Registry::with_staged();
    let names: Vec<&str> = registry.ids().map(|id| registry.name(id)).collect();
    for name in [
        "__jitgen_portal_execute",
        "Frame::push",
        "Frame::pop",
        "InstanceObj::field",
        "InstanceObj::set_field",
        "binary_arith",
    ] {
        assert!(names.contains(&name), "{name} is not staged: {names:?}");
    }
    for id in registry.ids() {
        let code = registry.get(id);
        assert!(
            !code.insns.is_empty(),
            "{} has no instructions",
            registry.name(id)
        );
    }
}

/// The jitcode of representative interpreter pieces: a method using cell fields and an
/// array (`Frame::pop`), a method with a promoted map and an elidable residual call
/// (`InstanceObj::field`), and a helper calling methods inline and propagating an error
/// (`binary_arith`).
#[test]
fn jitcode_snapshots() {
    let registry = Registry::with_staged();
    insta::assert_snapshot!("frame_pop", jitcode_text(&registry, "Frame::pop"));
    insta::assert_snapshot!(
        "instance_field",
        jitcode_text(&registry, "InstanceObj::field")
    );
    insta::assert_snapshot!("binary_arith", jitcode_text(&registry, "binary_arith"));
}

#[test]
fn the_portal_can_resume_natively_at_a_merge_point() {
    // `execute` binds only `pc` before its dispatch loop and its parameters are driver
    // variables: a guard failing inside an inlined call of it resumes that call natively.
    let registry = Registry::with_staged();
    let id = registry
        .lookup(jitgen_core::__private::type_id_of(
            &toy::runtime::interp::execute,
        ))
        .expect("the portal is staged");
    assert!(registry.is_portal(id));
    assert!(registry.native_resume(&registry.get(id)).is_some());
}
