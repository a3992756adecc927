//! Hand-built jitcode for small functions, next to their native versions (what the staging
//! macro will generate, written out), shared by the jitcode, analysis and blackhole tests.

use crate::gc::{Gc, GcArray, Mut};
use crate::jitcode::{Builder, OnError, Registry};
use crate::layout::field_id;

/// A struct with fields of several kinds.
#[crate::layout]
pub struct Point {
    pub x: Mut<i64>,
    pub y: Mut<i64>,
    pub scale: f64,
    pub flag: Mut<bool>,
    pub small: Mut<u8>,
}

/// A list cell.
#[crate::layout]
pub struct Node {
    pub value: i64,
    pub next: Option<Gc<Node>>,
}

/// An error object.
#[crate::layout]
pub struct ErrObj {
    pub code: i64,
}

pub fn sum_to(n: i64) -> i64 {
    let mut s = 0;
    let mut i = 0;
    while i < n {
        s += i;
        i += 1;
    }
    s
}

pub fn build_sum_to(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let n = b.param::<i64>();
    let s = b.constant(0i64);
    let i = b.constant(0i64);
    let one = b.constant(1i64);
    let (top, exit) = (b.new_label(), b.new_label());
    b.bind(top);
    let c = b.lt(i, n);
    b.goto_if_not(c, exit);
    let t = b.add(s, i);
    b.mov(s, t);
    let t = b.add(i, one);
    b.mov(i, t);
    b.goto(top);
    b.bind(exit);
    b.ret(s);
}

/// Residual: allocates.
pub fn make_error(code: i64) -> Gc<ErrObj> {
    Gc::new(ErrObj { code })
}

pub fn checked_add_or_err(a: i64, b: i64) -> Result<i64, Gc<ErrObj>> {
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => Err(make_error(7)),
    }
}

pub fn build_checked_add_or_err(b: &mut Builder<'_>) {
    b.returns::<Result<i64, Gc<ErrObj>>>();
    let (x, y) = (b.param::<i64>(), b.param::<i64>());
    let overflow = b.new_label();
    let v = b.checked_add(x, y, overflow);
    b.ret(v);
    b.bind(overflow);
    let code = b.constant(7i64);
    let e = b.call(&make_error, (code,));
    b.ret_err(e);
}

pub fn twice_checked(a: i64) -> Result<i64, Gc<ErrObj>> {
    let x = checked_add_or_err(a, a)?;
    Ok(x + 1)
}

pub fn build_twice_checked(b: &mut Builder<'_>) {
    b.returns::<Result<i64, Gc<ErrObj>>>();
    let a = b.param::<i64>();
    let x = b.call_fallible(
        &checked_add_or_err,
        (a, a),
        OnError::<Gc<ErrObj>>::Propagate,
    );
    let one = b.constant(1i64);
    let r = b.add(x, one);
    b.ret(r);
}

pub fn recover(a: i64) -> i64 {
    match checked_add_or_err(a, a) {
        Ok(v) => v,
        Err(e) => -e.code,
    }
}

pub fn build_recover(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let a = b.param::<i64>();
    let handler = b.new_label();
    let error = b.reg::<Gc<ErrObj>>();
    let v = b.call_fallible(&checked_add_or_err, (a, a), OnError::Catch(handler, error));
    b.ret(v);
    b.bind(handler);
    let code = b.getfield::<{ field_id("code") }, ErrObj>(error);
    let r = b.neg(code);
    b.ret(r);
}

pub fn move_point(p: Gc<Point>, dx: i64) -> i64 {
    p.x.set(p.x.get() + dx);
    p.flag.set(!p.flag.get());
    p.small.set(p.small.get().wrapping_add(200));
    let scaled = p.scale * p.x.get() as f64;
    p.x.get() + p.y.get() + scaled as i64 + p.small.get() as i64
}

pub fn build_move_point(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let p = b.param::<Gc<Point>>();
    let dx = b.param::<i64>();
    let x = b.getfield::<{ field_id("x") }, Point>(p);
    let x2 = b.add(x, dx);
    b.setfield::<{ field_id("x") }, Point>(p, x2);
    let flag = b.getfield::<{ field_id("flag") }, Point>(p);
    let not_flag = b.not(flag);
    b.setfield::<{ field_id("flag") }, Point>(p, not_flag);
    let small = b.getfield::<{ field_id("small") }, Point>(p);
    let k200 = b.constant(200u8);
    let small2 = b.add(small, k200);
    b.setfield::<{ field_id("small") }, Point>(p, small2);
    let scale = b.getfield::<{ field_id("scale") }, Point>(p);
    let x3 = b.getfield::<{ field_id("x") }, Point>(p);
    let xf = b.cast::<i64, f64>(x3);
    let scaled = b.mul(scale, xf);
    let scaled_int = b.cast::<f64, i64>(scaled);
    let y = b.getfield::<{ field_id("y") }, Point>(p);
    let s = b.add(x3, y);
    let s = b.add(s, scaled_int);
    let small3 = b.getfield::<{ field_id("small") }, Point>(p);
    let small_wide = b.cast::<u8, i64>(small3);
    let s = b.add(s, small_wide);
    b.ret(s);
}

pub fn get_item(a: Gc<GcArray<i64>>, i: usize) -> i64 {
    a.get(i)
}

pub fn build_get_item(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let a = b.param::<Gc<GcArray<i64>>>();
    let i = b.param::<usize>();
    let v = b.getarrayitem(a, i);
    b.ret(v);
}

pub fn set_last(a: Gc<GcArray<i64>>, v: i64) -> usize {
    let n = a.len();
    a.set(n - 1, v);
    n
}

pub fn build_set_last(b: &mut Builder<'_>) {
    b.returns::<usize>();
    let a = b.param::<Gc<GcArray<i64>>>();
    let v = b.param::<i64>();
    let n = b.array_len(a);
    let one = b.constant(1usize);
    let last = b.sub(n, one);
    b.setarrayitem(a, last, v);
    b.ret(n);
}

/// Residual (no jitcode registered).
pub fn times_three(x: i64) -> i64 {
    x * 3
}

pub fn use_residual(x: i64) -> i64 {
    times_three(x) + 1
}

pub fn build_use_residual(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let x = b.param::<i64>();
    let t = b.call(&times_three, (x,));
    let one = b.constant(1i64);
    let r = b.add(t, one);
    b.ret(r);
}

pub fn square(x: i64) -> i64 {
    x * x
}

pub fn build_square(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let x = b.param::<i64>();
    let r = b.mul(x, x);
    b.ret(r);
}

pub fn sum_squares(a: i64, b: i64) -> i64 {
    square(a) + square(b)
}

pub fn build_sum_squares(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let (x, y) = (b.param::<i64>(), b.param::<i64>());
    let sx = b.call(&square, (x,));
    let sy = b.call(&square, (y,));
    let r = b.add(sx, sy);
    b.ret(r);
}

pub fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

pub fn build_fib(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let n = b.param::<i64>();
    let two = b.constant(2i64);
    let small = b.lt(n, two);
    let recurse = b.new_label();
    b.goto_if_not(small, recurse);
    b.ret(n);
    b.bind(recurse);
    let one = b.constant(1i64);
    let n1 = b.sub(n, one);
    let f1 = b.call(&fib, (n1,));
    let n2 = b.sub(n, two);
    let f2 = b.call(&fib, (n2,));
    let r = b.add(f1, f2);
    b.ret(r);
}

/// Residual: allocates a list cell.
pub fn cons(value: i64, next: Option<Gc<Node>>) -> Gc<Node> {
    Gc::new(Node { value, next })
}

pub fn list_sum(n: i64) -> i64 {
    let mut head: Option<Gc<Node>> = None;
    let mut i = 0;
    while i < n {
        head = Some(cons(i, head));
        i += 1;
    }
    let mut s = 0;
    while let Some(node) = head {
        s += node.value;
        head = node.next;
    }
    s
}

pub fn build_list_sum(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let n = b.param::<i64>();
    let head = b.constant::<Option<Gc<Node>>>(None);
    let i = b.constant(0i64);
    let one = b.constant(1i64);
    let (build_top, build_done) = (b.new_label(), b.new_label());
    b.bind(build_top);
    let c = b.lt(i, n);
    b.goto_if_not(c, build_done);
    let node = b.call(&cons, (i, head));
    let node = b.cast_ref::<Gc<Node>, Option<Gc<Node>>>(node);
    b.mov(head, node);
    let t = b.add(i, one);
    b.mov(i, t);
    b.goto(build_top);
    b.bind(build_done);
    let s = b.constant(0i64);
    let (sum_top, sum_done) = (b.new_label(), b.new_label());
    b.bind(sum_top);
    let empty = b.is_none(head);
    let not_empty = b.not(empty);
    b.goto_if_not(not_empty, sum_done);
    let node = b.cast_ref::<Option<Gc<Node>>, Gc<Node>>(head);
    let v = b.getfield::<{ field_id("value") }, Node>(node);
    let t = b.add(s, v);
    b.mov(s, t);
    let next = b.getfield::<{ field_id("next") }, Node>(node);
    b.mov(head, next);
    b.goto(sum_top);
    b.bind(sum_done);
    b.ret(s);
}

/// A tiny portal: greens `(pc)`, reds `(acc)`.
pub fn countdown(start: i64) -> i64 {
    let mut pc = start;
    let mut acc = 0;
    loop {
        // jit_merge_point!(greens: pc, reds: acc)
        if pc == 0 {
            return acc;
        }
        acc += pc;
        pc -= 1;
        // can_enter_jit!(...)
    }
}

pub fn build_countdown(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let pc = b.param::<i64>();
    let acc = b.constant(0i64);
    let zero = b.constant(0i64);
    let one = b.constant(1i64);
    let (top, body) = (b.new_label(), b.new_label());
    b.bind(top);
    b.jit_merge_point(&[pc.any()], &[acc.any()], None);
    let done = b.eq(pc, zero);
    b.goto_if_not(done, body);
    b.ret(acc);
    b.bind(body);
    let t = b.add(acc, pc);
    b.mov(acc, t);
    let t = b.sub(pc, one);
    b.mov(pc, t);
    b.can_enter_jit(&[pc.any()], &[acc.any()]);
    b.goto(top);
}

pub fn divide(a: i64, b: i64) -> i64 {
    a / b
}

pub fn build_divide(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let (x, y) = (b.param::<i64>(), b.param::<i64>());
    let r = b.div(x, y);
    b.ret(r);
}

/// Registers every fixture; returns the registry.
pub fn registry() -> Registry {
    let r = Registry::new();
    r.register_fn(&sum_to, "sum_to", build_sum_to);
    r.register_fn(
        &checked_add_or_err,
        "checked_add_or_err",
        build_checked_add_or_err,
    );
    r.register_fn(&twice_checked, "twice_checked", build_twice_checked);
    r.register_fn(&recover, "recover", build_recover);
    r.register_fn(&move_point, "move_point", build_move_point);
    r.register_fn(&get_item, "get_item", build_get_item);
    r.register_fn(&set_last, "set_last", build_set_last);
    r.register_fn(&use_residual, "use_residual", build_use_residual);
    r.register_fn(&square, "square", build_square);
    r.register_fn(&sum_squares, "sum_squares", build_sum_squares);
    r.register_fn(&fib, "fib", build_fib);
    r.register_fn(&list_sum, "list_sum", build_list_sum);
    r.register_fn(&countdown, "countdown", build_countdown);
    r.register_fn(&divide, "divide", build_divide);
    r
}
