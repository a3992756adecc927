//! Staging `recv.len()`, `recv.get(i)` and `recv.set(i, v)` by the receiver's type
//! ("autoref specialization"). The staging macro cannot see types, so for these method names
//! it emits `(&&Probe::<M, _>(regs)).call(b, &closure)`: when the receiver register holds a
//! GC array, [`ViaArray`] (implemented on `&Probe`, one auto-ref fewer) wins and emits the
//! builder's array instruction; for any other receiver (`GcVec`, `Mut`, ...) method
//! resolution falls back to [`ViaResidual`] (on `&&Probe`), a residual call of the closure.

use super::builder::{Builder, Reg, RetValue};
use super::shim::StagedFn;
use super::types::{ArrayType, JitReturn, JitType, JitValue};
use crate::gc::{Gc, GcArray};

/// Marks a `recv.len()` probe.
pub struct Len;
/// Marks a `recv.get(i)` probe.
pub struct Get;
/// Marks a `recv.set(i, v)` probe.
pub struct Set;

/// The registers of a method call (receiver first), tagged with the method `M`.
pub struct Probe<M, Args>(pub Args, pub core::marker::PhantomData<M>);

impl<M, Args> Probe<M, Args> {
    /// A probe over the call's registers.
    pub fn new(args: Args) -> Self {
        Probe(args, core::marker::PhantomData)
    }
}

/// The array path: the receiver is a GC array and the method has an instruction.
pub trait ViaArray {
    /// The register (or `()`) the instruction produces.
    type Out: RetValue;
    /// Emits the instruction; `f` (the residual closure) is unused.
    fn call<F>(&self, b: &mut Builder<'_>, f: &F) -> Self::Out;
    /// Emits the instruction and returns its result.
    fn ret<F>(&self, b: &mut Builder<'_>, f: &F) {
        let value = self.call(b, f);
        b.ret_value(value);
    }
}

impl<A: ArrayType> ViaArray for &Probe<Len, (Reg<Gc<A>>,)> {
    type Out = Reg<usize>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F) -> Reg<usize> {
        b.array_len(self.0 .0)
    }
}

impl<A: ArrayType> ViaArray for &Probe<Get, (Reg<Gc<A>>, Reg<usize>)> {
    type Out = Reg<A::Item>;
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F) -> Reg<A::Item> {
        b.getarrayitem(self.0 .0, self.0 .1)
    }
}

impl<T: JitType> ViaArray for &Probe<Set, (Reg<Gc<GcArray<T>>>, Reg<usize>, Reg<T>)>
where
    GcArray<T>: ArrayType<Item = T>,
{
    type Out = ();
    fn call<F>(&self, b: &mut Builder<'_>, _f: &F) {
        b.setarrayitem(self.0 .0, self.0 .1, self.0 .2);
    }
}

/// The fallback for any other receiver: a residual call of the closure over the registers.
pub trait ViaResidual<Args> {
    /// Emits the residual call of `f` (an infallible callee).
    fn call<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out;
    /// Emits the residual call of `f` and returns its result (or propagates its error).
    fn ret<F: StagedFn<Args>>(&self, b: &mut Builder<'_>, f: &F)
    where
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue;
}

impl<M, Args: Copy> ViaResidual<Args> for &&Probe<M, Args> {
    fn call<F: StagedFn<Args>>(
        &self,
        b: &mut Builder<'_>,
        f: &F,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out {
        b.call(f, self.0)
    }
    fn ret<F: StagedFn<Args>>(&self, b: &mut Builder<'_>, f: &F)
    where
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue,
    {
        b.ret_call(f, self.0);
    }
}
