//! `Result` values held in registers, and the register form of any staged value.
//!
//! A `Result<T, E>` that staged code keeps in a variable (`let r = f(x);`, a `match` whose
//! arms are `Ok(..)`, `Err(..)` or fallible calls) lives in two registers: the success
//! value's (nothing for `()`) and a nullable error register, null meaning `Ok`. Calling a
//! fallible function for its value ([`Builder::call`]) catches the error into such a pair;
//! `r?`, returning `r`, `if let Err(e) = r` and `match r { Ok(v) => .., Err(e) => .. }`
//! read it back. The staging macro cannot see types, so it moves values with the generic
//! [`Builder::fresh_value`] / [`Builder::assign`], which work for plain registers, `()` and
//! pairs alike.

use std::marker::PhantomData;

use crate::gc::GcRef;
use crate::jitcode::builder::{Builder, Reg, RetValue};
use crate::jitcode::insn::ErrorPath;
use crate::jitcode::types::{JitReturn, JitType, JitValue, RefType};

/// A `Result<T, E>` in registers: `ok` is the success value's form (`Reg<T>`, or `()`),
/// `err` is null for `Ok`. After an `Err`, `ok` holds nothing meaningful.
pub struct ResultReg<O, E> {
    /// The success value (meaningful only when `err` is null).
    pub ok: O,
    /// The error, or null.
    pub err: Reg<Option<GcRef>>,
    _error: PhantomData<fn() -> E>,
}

impl<O: Copy, E> Clone for ResultReg<O, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<O: Copy, E> Copy for ResultReg<O, E> {}

/// A staged value's register form that can be allocated and copied without knowing its
/// type: `Reg<T>`, `()` and [`ResultReg`].
pub trait StagedValue: Copy {
    /// Fresh registers for a value of this form.
    fn fresh(b: &mut Builder<'_>) -> Self;
    /// Emits `dst = src`.
    fn assign(b: &mut Builder<'_>, dst: Self, src: Self);
}

impl<T: JitType> StagedValue for Reg<T> {
    fn fresh(b: &mut Builder<'_>) -> Self {
        b.reg::<T>()
    }
    fn assign(b: &mut Builder<'_>, dst: Self, src: Self) {
        b.mov(dst, src);
    }
}

impl StagedValue for () {
    fn fresh(_: &mut Builder<'_>) {}
    fn assign(_: &mut Builder<'_>, _: (), _: ()) {}
}

impl<O: StagedValue, E: 'static> StagedValue for ResultReg<O, E> {
    fn fresh(b: &mut Builder<'_>) -> Self {
        let ok = O::fresh(b);
        let err = b.reg();
        ResultReg {
            ok,
            err,
            _error: PhantomData,
        }
    }
    fn assign(b: &mut Builder<'_>, dst: Self, src: Self) {
        O::assign(b, dst.ok, src.ok);
        b.mov(dst.err, src.err);
    }
}

impl<O: StagedValue + RetValue, E: RefType> RetValue for ResultReg<O, E> {
    /// `return r`: the error if there is one, else the value.
    fn emit_ret(self, b: &mut Builder<'_>) {
        let value = b.try_value(self);
        b.ret_value(value);
    }
}

/// The register form of a Rust type, for `let x: T = ..` in staged code: `Reg<T>` for
/// register types, [`ResultReg`] for `Result`s.
pub trait InRegisters {
    /// The form.
    type Regs;
}

impl<T: JitType> InRegisters for T {
    type Regs = Reg<T>;
}

impl<T: JitValue, E: RefType> InRegisters for Result<T, E> {
    type Regs = ResultReg<T::Out, E>;
}

/// What calling a function for its value gives the builder: its value's register form for
/// an infallible function, a [`ResultReg`] (the error caught) for one returning `Result`.
pub trait CallReturn: JitReturn {
    /// The form.
    type Out;
    /// Emits the call through `emit`, which takes what to do with an error.
    fn emit_call(
        b: &mut Builder<'_>,
        emit: impl FnOnce(&mut Builder<'_>, ErrorPath) -> <Self::Value as JitValue>::Out,
    ) -> Self::Out;
}

impl<T: JitValue> CallReturn for T {
    type Out = T::Out;
    fn emit_call(
        b: &mut Builder<'_>,
        emit: impl FnOnce(&mut Builder<'_>, ErrorPath) -> T::Out,
    ) -> T::Out {
        emit(b, ErrorPath::Infallible)
    }
}

impl<T: JitValue, E: RefType> CallReturn for Result<T, E>
where
    T::Out: StagedValue,
{
    type Out = ResultReg<T::Out, E>;
    fn emit_call(
        b: &mut Builder<'_>,
        emit: impl FnOnce(&mut Builder<'_>, ErrorPath) -> T::Out,
    ) -> Self::Out {
        let err = b.reg::<Option<GcRef>>();
        let null = b.constant::<Option<GcRef>>(None);
        b.mov(err, null);
        let after = b.new_label();
        let ok = emit(b, ErrorPath::Catch(after, err.any()));
        b.bind(after);
        ResultReg {
            ok,
            err,
            _error: PhantomData,
        }
    }
}

impl Builder<'_> {
    /// Fresh registers for a value whose form the uses will tell.
    pub fn fresh_value<V: StagedValue>(&mut self) -> V {
        V::fresh(self)
    }

    /// `dst = src` for any register form.
    pub fn assign<V: StagedValue>(&mut self, dst: V, src: V) {
        V::assign(self, dst, src);
    }

    /// `Ok(value)` as a value.
    pub fn ok_value<O: StagedValue, E>(&mut self, value: O) -> ResultReg<O, E> {
        let err = self.constant::<Option<GcRef>>(None);
        ResultReg {
            ok: value,
            err,
            _error: PhantomData,
        }
    }

    /// `Err(error)` as a value.
    pub fn err_value<O: StagedValue, E: RefType>(&mut self, error: Reg<E>) -> ResultReg<O, E> {
        let ok = O::fresh(self);
        let err = self.cast_ref::<E, Option<GcRef>>(error);
        ResultReg {
            ok,
            err,
            _error: PhantomData,
        }
    }

    /// Whether `r` is an `Err`.
    pub fn is_err<O, E>(&mut self, r: &ResultReg<O, E>) -> Reg<bool> {
        let null = self.is_none(r.err);
        self.not(null)
    }

    /// The error of `r` (which must be an `Err`).
    pub fn err_of<O, E: RefType>(&mut self, r: &ResultReg<O, E>) -> Reg<E> {
        self.cast_ref(r.err)
    }

    /// `r?`: returns the error if `r` is an `Err`; the success value otherwise.
    pub fn try_value<O, E: RefType>(&mut self, r: ResultReg<O, E>) -> O {
        let proceed = self.new_label();
        let failed = self.is_err(&r);
        self.goto_if_not(failed, proceed);
        let error = self.err_of(&r);
        self.ret_err(error);
        self.bind(proceed);
        r.ok
    }
}
