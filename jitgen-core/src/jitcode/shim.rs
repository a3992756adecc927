//! `extern "C"` shims: how jitcode and machine code call Rust functions (residual calls).
//!
//! Generated code never calls the Rust ABI. For a function (or non-capturing closure) `F`
//! taking `A, B` and returning `R`, `shim2::<F, A, B, R>` is an `extern "C" fn(u64, u64) ->
//! ShimRet`: every argument is one word (see [`JitType`]), the result is two words. `F` is
//! zero-sized, so the shim conjures it out of nothing: the shim's address identifies the
//! callee.
//!
//! A Rust panic must never unwind through foreign (machine-code) frames: the shims catch it
//! and end the process with a clear message instead.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::jitcode::types::{JitReturn, JitType, JitValue};
use crate::jitcode::{AnyReg, Kind, Reg};

/// The most arguments a residual call can take.
pub const MAX_ARGS: usize = 8;

/// The two-word result of a shim (returned in `rax:rdx` under the SysV ABI).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShimRet {
    /// The success value's word (0 for `()` and on error).
    pub value: u64,
    /// 0 for success, else the error reference's address.
    pub error: u64,
}

/// A Rust function (fn item or non-capturing closure) callable from jitcode with the
/// registers `Args` (a tuple of [`Reg`]s matching its parameters).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be called from staged code",
    label = "its parameters and result must be register types",
    note = "register types: integers, `bool`, `f64`, `Gc<T>`, `Option<Gc<T>>`, `GcRef`, `jit_enum!` enums, `()`, and `Result` of those with a GC-reference error; at most 8 parameters",
    note = "call it from a `#[dont_look_inside]` helper that takes and returns register types, or mark the calling function `#[dont_look_inside]`"
)]
pub trait StagedFn<Args>: Copy + 'static {
    /// The function's return type.
    type Ret: JitReturn;
    /// The address of the function's `extern "C"` shim.
    fn shim_address() -> usize;
    /// The kinds of the parameters.
    fn arg_kinds() -> Vec<Kind>;
    /// The argument registers.
    fn arg_regs(args: Args) -> Vec<AnyReg>;
    /// The `TypeId`s of the parameter types.
    fn arg_type_ids() -> Vec<core::any::TypeId>;
}

/// Conjures the zero-sized function value `F`.
///
/// # Safety
/// `F` must be zero-sized (fn items and non-capturing closures are).
#[inline(always)]
unsafe fn conjure<F>() -> F {
    const {
        assert!(
            core::mem::size_of::<F>() == 0,
            "a residual-call closure must not capture"
        )
    };
    // Reading a zero-sized value from a dangling, aligned pointer reads no memory.
    core::ptr::NonNull::<F>::dangling().as_ptr().read()
}

/// Runs `body`, turning a panic into a fatal error: it must not unwind into foreign frames.
#[inline(always)]
fn no_unwind<F, R: JitReturn>(body: impl FnOnce() -> R) -> ShimRet {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(ret) => {
            let (value, error) = ret.into_words();
            ShimRet { value, error }
        }
        Err(payload) => fatal_panic(std::any::type_name::<F>(), &*payload),
    }
}

/// Reports a panic that reached a shim and aborts the process.
#[cold]
fn fatal_panic(callee: &str, payload: &(dyn std::any::Any + Send)) -> ! {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(non-string panic payload)".to_string());
    eprintln!(
        "jitgen: fatal error: the residual call `{callee}` panicked: {message}\n\
         jitgen: a Rust panic cannot unwind through JIT frames; aborting"
    );
    std::process::abort()
}

macro_rules! staged_fn {
    ($shim:ident; $($a:ident $w:ident),*) => {
        /// The `extern "C"` shim of `F` for this arity.
        pub extern "C" fn $shim<F, $($a: JitType,)* R: JitReturn>($($w: u64),*) -> ShimRet
        where
            F: Fn($($a),*) -> R + Copy + 'static,
        {
            no_unwind::<F, R>(|| {
                // SAFETY: `F` is zero-sized (checked in `conjure`); the words were produced
                // from values of the parameter types.
                unsafe {
                    let f: F = conjure();
                    f($(<$a as JitType>::from_word($w)),*)
                }
            })
        }

        impl<F, $($a: JitType,)* R: JitReturn> StagedFn<($(Reg<$a>,)*)> for F
        where
            F: Fn($($a),*) -> R + Copy + 'static,
        {
            type Ret = R;
            fn shim_address() -> usize {
                let shim: extern "C" fn($($w: u64),*) -> ShimRet = $shim::<F, $($a,)* R>;
                shim as usize
            }
            fn arg_kinds() -> Vec<Kind> {
                vec![$(<$a as JitType>::KIND),*]
            }
            fn arg_type_ids() -> Vec<core::any::TypeId> {
                vec![$(core::any::TypeId::of::<$a>()),*]
            }
            #[allow(non_snake_case)]
            fn arg_regs(args: ($(Reg<$a>,)*)) -> Vec<AnyReg> {
                let ($($a,)*) = args;
                vec![$($a.any()),*]
            }
        }
    };
}

staged_fn!(shim0;);
staged_fn!(shim1; A a);
staged_fn!(shim2; A a, B b);
staged_fn!(shim3; A a, B b, C c);
staged_fn!(shim4; A a, B b, C c, D d);
staged_fn!(shim5; A a, B b, C c, D d, E e);
staged_fn!(shim6; A a, B b, C c, D d, E e, G g);
staged_fn!(shim7; A a, B b, C c, D d, E e, G g, H h);
staged_fn!(shim8; A a, B b, C c, D d, E e, G g, H h, I i);

macro_rules! typed_closure {
    ($name:ident; $($a:ident),*) => {
        /// Returns the non-capturing closure `f` unchanged, after giving rustc its parameter
        /// types: those of the registers, in order. The staging macro wraps every residual
        /// closure (a method call, an allocation) in this, since the closure's body (say
        /// `recv.m(a)`) needs its parameter types to type-check.
        #[allow(clippy::too_many_arguments)]
        pub fn $name<$($a,)* R, F>($(_: Reg<$a>,)* f: F) -> F
        where
            F: Fn($($a),*) -> R + Copy + 'static,
        {
            f
        }
    };
}

typed_closure!(closure0;);
typed_closure!(closure1; A);
typed_closure!(closure2; A, B);
typed_closure!(closure3; A, B, C);
typed_closure!(closure4; A, B, C, D);
typed_closure!(closure5; A, B, C, D, E);
typed_closure!(closure6; A, B, C, D, E, G);
typed_closure!(closure7; A, B, C, D, E, G, H);
typed_closure!(closure8; A, B, C, D, E, G, H, I);

/// Calls the shim at `address` with `args` (at most [`MAX_ARGS`] words).
///
/// # Safety
/// `address` must be a shim produced by [`StagedFn::shim_address`] for exactly
/// `args.len()` arguments, and the words must be valid for the parameter types.
pub unsafe fn call_shim(address: usize, args: &[u64]) -> ShimRet {
    type W = u64;
    macro_rules! call {
        ($($i:literal)*) => {{
            let f: extern "C" fn($(replace!($i W)),*) -> ShimRet = core::mem::transmute(address);
            f($(args[$i]),*)
        }};
    }
    macro_rules! replace {
        ($i:literal $t:ty) => {
            $t
        };
    }
    match args.len() {
        0 => call!(),
        1 => call!(0),
        2 => call!(0 1),
        3 => call!(0 1 2),
        4 => call!(0 1 2 3),
        5 => call!(0 1 2 3 4),
        6 => call!(0 1 2 3 4 5),
        7 => call!(0 1 2 3 4 5 6),
        8 => call!(0 1 2 3 4 5 6 7),
        n => unreachable!("residual calls take at most {MAX_ARGS} arguments, not {n}"),
    }
}

/// A readable name for a function type: `module::name`, or `module::{{closure}}`.
pub(crate) fn callee_name<F>() -> &'static str {
    let full = std::any::type_name::<F>();
    // The last two path segments, `::` inside generic arguments not counting.
    let bytes = full.as_bytes();
    let (mut depth, mut cuts, mut i) = (0i32, Vec::new(), 0);
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'<' => depth += 1,
            b'>' => depth -= 1,
            b':' if depth == 0 && bytes[i + 1] == b':' => {
                cuts.push(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    let start = match cuts.len() {
        0 | 1 => 0,
        n => cuts[n - 2] + 2,
    };
    let name = &full[start..];
    if name.contains('<') {
        crate::jitcode::descr::short_type_name(name)
    } else {
        name
    }
}

/// The value a shim returned, decoded as `T`.
///
/// # Safety
/// `ret` must come from a shim of a function returning `T` (or `Result<T, _>` with no error).
pub unsafe fn decode<T: JitValue>(ret: ShimRet) -> T {
    T::from_value_word(ret.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jitcode::Reg;

    fn add(a: i64, b: i32) -> i64 {
        a + b as i64
    }

    fn checked(a: i64) -> Result<i64, crate::gc::GcRef> {
        Ok(a * 2)
    }

    fn shim_of<F: StagedFn<Args>, Args>(_: &F) -> usize {
        F::shim_address()
    }

    #[test]
    fn shims_call_the_function() {
        let address = shim_of::<_, (Reg<i64>, Reg<i32>)>(&add);
        let ret = unsafe { call_shim(address, &[40, JitType::to_word(-2i32)]) };
        assert_eq!(
            ret,
            ShimRet {
                value: 38,
                error: 0
            }
        );
        let address = shim_of::<_, (Reg<i64>,)>(&checked);
        let ret = unsafe { call_shim(address, &[21]) };
        assert_eq!(unsafe { decode::<i64>(ret) }, 42);
        let closure = |x: f64| x * 0.5;
        let address = shim_of::<_, (Reg<f64>,)>(&closure);
        let ret = unsafe { call_shim(address, &[JitType::to_word(3.0f64)]) };
        assert_eq!(f64::from_bits(ret.value), 1.5);
    }

    #[test]
    fn names() {
        assert_eq!(callee_name::<fn()>(), "fn()");
        assert!(callee_name::<i64>().ends_with("i64"));
    }
}
