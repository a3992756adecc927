//! Staging a method call `recv.m(args)` by the receiver's type ("autoref specialization").
//! The staging macro cannot see types, so it emits `(&&Probe::<M, _>::new(regs)).call(b, &f)`
//! where `f` is a non-capturing closure calling the method and `M` a marker:
//! - [`Method`]`<ID>` (any method name, `ID` = `layout::field_id("m")`): when the receiver's
//!   owner type has a method `m` in a `#[look_inside] impl` ([`StagedMethod`]), the
//!   [`ViaCall`] impl on `&Probe` (one auto-ref fewer) wins and keys the call by the method
//!   (its jitcode, or its declared effects);
//! - [`Len`], [`Get`], [`Set`] (`len()`, `get(i)`, `set(i, v)`): when the receiver is a GC
//!   array, [`ViaInstruction`] wins and emits the builder's array instruction;
//! - `Method<ID>` of `sqrt()` and `abs()` on an `f64`: [`ViaInstruction`] wins and emits the
//!   float instruction (a pure op, not a call that may write memory);
//! - otherwise method resolution falls back to the [`ViaCall`] impl on `&&Probe`: a residual
//!   call of the closure.

use std::any::TypeId;

use super::builder::{Builder, Reg, RetValue};
use super::result::CallReturn;
use super::shim::StagedFn;
use super::types::{ArrayType, JitReturn, JitType, JitValue};
use crate::gc::{Gc, GcArray, GcType, GcVec};

/// Marks a `recv.len()` probe.
pub struct Len;
/// Marks a `recv.get(i)` probe.
pub struct Get;
/// Marks a `recv.set(i, v)` probe.
pub struct Set;
/// Marks a `recv.m(..)` probe, `ID` being the hash of the name `m`.
pub struct Method<const ID: u64>;

/// The registers of a method call (receiver first), tagged with the marker `M`.
pub struct Probe<M, Args>(pub Args, pub core::marker::PhantomData<M>);

impl<M, Args> Probe<M, Args> {
    /// A probe over the call's registers.
    pub fn new(args: Args) -> Self {
        Probe(args, core::marker::PhantomData)
    }
}

/// Implemented by `#[look_inside] impl T` on `T` for each method with a receiver, `ID`
/// being the hash of the method's name: calls are keyed by the method's fn item, so a
/// staged method's jitcode is called inline and a residual one carries the effects declared
/// on it (`#[dont_look_inside(effects(..))]`).
pub trait StagedMethod<const ID: u64> {
    /// The `TypeId` of the method's fn item (its jitcode's or declared effects' key).
    fn key() -> TypeId;
    /// `Type::method`, for listings.
    fn name() -> &'static str;
}

/// The type whose methods a receiver register's type calls: `T` for `Gc<T>` (`&self`
/// methods); a type with by-value `self` methods is its own owner (`#[look_inside] impl`
/// says so).
pub trait MethodOwner {
    /// The type whose `impl` holds the methods.
    type Owner;
}

impl<T: GcType> MethodOwner for Gc<T> {
    type Owner = T;
}

/// A tuple of registers whose first element is a method call's receiver.
pub trait Receiver {
    /// The receiver's type.
    type Recv;
}

macro_rules! receiver_tuples {
    ($(($($rest:ident),*)),* $(,)?) => {$(
        impl<R, $($rest),*> Receiver for (Reg<R>, $($rest,)*) {
            type Recv = R;
        }
    )*};
}
receiver_tuples!(
    (),
    (A),
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F),
    (A, B, C, D, E, F, G)
);

/// The owner type of a method call's receiver.
type OwnerOf<Args> = <<Args as Receiver>::Recv as MethodOwner>::Owner;

/// The key of the method `ID` of the receiver's owner, after naming the call after it.
fn method_key<const ID: u64, Args: Receiver>(b: &mut Builder<'_>) -> TypeId
where
    Args::Recv: MethodOwner,
    OwnerOf<Args>: StagedMethod<ID>,
{
    b.name_next_call(<OwnerOf<Args> as StagedMethod<ID>>::name());
    <OwnerOf<Args> as StagedMethod<ID>>::key()
}

/// The inline path (one auto-ref fewer than the fallback): the receiver's owner type has a
/// method of this name in a `#[look_inside] impl`, so the call is keyed by that method.
impl<const ID: u64, Args: Receiver + Copy> ViaCall<Args> for &Probe<Method<ID>, Args>
where
    Args::Recv: MethodOwner,
    OwnerOf<Args>: StagedMethod<ID>,
{
    fn call<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        _shown_as: &'static str,
    ) -> <F::Ret as CallReturn>::Out
    where
        F::Ret: CallReturn,
    {
        let key = method_key::<ID, Args>(b);
        b.call_keyed(key, f, self.0)
    }
    fn propagate<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        _shown_as: &'static str,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out {
        let key = method_key::<ID, Args>(b);
        b.call_propagate_keyed(key, f, self.0)
    }
    fn ret<F: StagedFn<Args>>(&self, b: &mut Builder<'_>, f: &F, _shown_as: &'static str)
    where
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue,
    {
        let key = method_key::<ID, Args>(b);
        b.ret_call_keyed(key, f, self.0);
    }
}

/// The instruction path: the receiver's type has an instruction for the method (a GC
/// array's `len`/`get`/`set`, an `f64`'s `sqrt`/`abs`).
pub trait ViaInstruction {
    /// The register (or `()`) the instruction produces.
    type Out: RetValue;
    /// Emits the instruction; `f` (the residual closure) is unused.
    fn call<F>(&self, b: &mut Builder<'_>, f: &F, shown_as: &'static str) -> Self::Out;
    /// Emits the instruction and returns its result.
    fn ret<F>(&self, b: &mut Builder<'_>, f: &F, shown_as: &'static str) {
        let value = self.call(b, f, shown_as);
        b.ret_value(value);
    }
}

impl<A: ArrayType> ViaInstruction for &Probe<Len, (Reg<Gc<A>>,)> {
    type Out = Reg<usize>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<usize> {
        b.array_len(self.0 .0)
    }
}

impl<A: ArrayType> ViaInstruction for &Probe<Get, (Reg<Gc<A>>, Reg<usize>)> {
    type Out = Reg<A::Item>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<A::Item> {
        b.getarrayitem(self.0 .0, self.0 .1)
    }
}

impl<T: JitType> ViaInstruction for &Probe<Set, (Reg<Gc<GcArray<T>>>, Reg<usize>, Reg<T>)>
where
    GcArray<T>: ArrayType<Item = T>,
{
    type Out = ();
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) {
        b.setarrayitem(self.0 .0, self.0 .1, self.0 .2);
    }
}

impl<T> ViaInstruction for &Probe<Len, (Reg<Gc<GcVec<T>>>,)>
where
    GcVec<T>: GcType,
{
    type Out = Reg<usize>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<usize> {
        b.vec_len(self.0 .0)
    }
}

impl<T: JitType> ViaInstruction for &Probe<Get, (Reg<Gc<GcVec<T>>>, Reg<usize>)>
where
    GcVec<T>: GcType,
    GcArray<T>: ArrayType<Item = T>,
{
    type Out = Reg<T>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<T> {
        b.vec_get(self.0 .0, self.0 .1)
    }
}

impl<T: JitType> ViaInstruction for &Probe<Set, (Reg<Gc<GcVec<T>>>, Reg<usize>, Reg<T>)>
where
    GcVec<T>: GcType,
    GcArray<T>: ArrayType<Item = T>,
{
    type Out = ();
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) {
        b.vec_set(self.0 .0, self.0 .1, self.0 .2);
    }
}

impl ViaInstruction for &Probe<Method<{ crate::layout::field_id("sqrt") }>, (Reg<f64>,)> {
    type Out = Reg<f64>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<f64> {
        b.float_sqrt(self.0 .0)
    }
}

impl ViaInstruction for &Probe<Method<{ crate::layout::field_id("abs") }>, (Reg<f64>,)> {
    type Out = Reg<f64>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F, _shown_as: &'static str) -> Reg<f64> {
        b.float_abs(self.0 .0)
    }
}

/// A method call emitted through the closure calling it: implemented on `&Probe` for a
/// method of a `#[look_inside] impl` (keyed by the method) and, as the fallback for any
/// receiver, on `&&Probe` (a residual call of the closure over the registers).
pub trait ViaCall<Args> {
    /// Emits the residual call of `f` for its value (see [`Builder::call`]).
    fn call<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        shown_as: &'static str,
    ) -> <F::Ret as CallReturn>::Out
    where
        F::Ret: CallReturn;
    /// Emits the residual call of `f` under `?`.
    fn propagate<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        shown_as: &'static str,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out;
    /// Emits the residual call of `f` and returns its result (or propagates its error).
    fn ret<F: StagedFn<Args>>(&self, b: &mut Builder<'_>, f: &F, shown_as: &'static str)
    where
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue;
}

/// The fallback: a residual call of the closure.
impl<M, Args: Copy> ViaCall<Args> for &&Probe<M, Args> {
    fn call<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        shown_as: &'static str,
    ) -> <F::Ret as CallReturn>::Out
    where
        F::Ret: CallReturn,
    {
        b.name_next_call(shown_as);
        b.call(f, self.0)
    }
    fn propagate<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
        shown_as: &'static str,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out {
        b.name_next_call(shown_as);
        b.call_propagate(f, self.0)
    }
    fn ret<F: StagedFn<Args>>(&self, b: &mut Builder<'_>, f: &F, shown_as: &'static str)
    where
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue,
    {
        b.name_next_call(shown_as);
        b.ret_call(f, self.0);
    }
}
