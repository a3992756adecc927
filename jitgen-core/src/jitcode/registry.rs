//! The jitcode registry: which functions have a jitcode, keyed by the `TypeId` of the Rust fn
//! item they came from, built lazily on first use.
//!
//! Never key by fn-pointer address: identical functions share an address in release builds.
//! A function without a jitcode is called residually (through its shim), with the effects
//! declared for it by `#[dont_look_inside(effects(...))]`, or "everything" by default.
//!
//! A registry belongs to one thread (its jitcodes root reference constants in that thread's
//! heap).

use std::any::TypeId;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::jitcode::builder::Builder;
use crate::jitcode::descr::Effects;
use crate::jitcode::JitCode;

/// Identifies a registered jitcode (an index into its registry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JitCodeId(pub u32);

/// Builds the jitcode of one function (emitted by the staging macro).
pub type BuildFn = fn(&mut Builder<'_>);

/// A function staged by `#[look_inside]`, submitted by the generated code (through
/// `inventory`) so that [`Registry::with_staged`] finds it.
pub struct StagedEntry {
    /// The `TypeId` of the function's fn item.
    pub type_id: fn() -> TypeId,
    /// The function's name.
    pub name: &'static str,
    /// The generated builder.
    pub build: BuildFn,
}

inventory::collect!(StagedEntry);

/// The effects declared by `#[dont_look_inside(effects(...))]` on a free function, submitted
/// by the generated code (through `inventory`) so that [`Registry::register_all_staged`]
/// records them with [`Registry::declare_residual`].
pub struct DeclaredEffects {
    /// The `TypeId` of the function's fn item.
    pub type_id: fn() -> TypeId,
    /// The declared effects.
    pub effects: fn() -> Effects,
}

inventory::collect!(DeclaredEffects);

/// A portal: calls of its runner (the function the user wrote, e.g. a recursive call from
/// the interpreter's call helper) are calls of its body's jitcode, which the tracer inlines
/// up to a depth and the blackhole interpreter runs directly.
pub struct PortalEntry {
    /// The `TypeId` of the runner's fn item.
    pub runner: fn() -> TypeId,
    /// The `TypeId` of the hidden body's fn item (a staged function).
    pub body: fn() -> TypeId,
}

inventory::collect!(PortalEntry);

/// A function marked `#[elidable]` (its result depends only on its arguments), submitted by
/// the generated code so that calls with constant arguments fold when tracing.
pub struct DeclaredElidable {
    /// The `TypeId` of the function's fn item.
    pub type_id: fn() -> TypeId,
}

inventory::collect!(DeclaredElidable);

struct Entry {
    name: &'static str,
    build: BuildFn,
    unroll_safe: bool,
    code: Option<Rc<JitCode>>,
}

/// The jitcodes of one interpreter (one thread).
#[derive(Default)]
pub struct Registry {
    entries: RefCell<Vec<Entry>>,
    by_type: RefCell<HashMap<TypeId, JitCodeId>>,
    residual: RefCell<HashMap<TypeId, Effects>>,
    elidable: RefCell<std::collections::HashSet<TypeId>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers the function whose fn item has `type_id`; `build` runs on first use.
    /// Registering the same function again returns its existing id.
    pub fn register(&self, type_id: TypeId, name: &'static str, build: BuildFn) -> JitCodeId {
        if let Some(&id) = self.by_type.borrow().get(&type_id) {
            return id;
        }
        let mut entries = self.entries.borrow_mut();
        let id = JitCodeId(entries.len() as u32);
        entries.push(Entry {
            name,
            build,
            unroll_safe: false,
            code: None,
        });
        self.by_type.borrow_mut().insert(type_id, id);
        id
    }

    /// A registry holding every function staged by `#[look_inside]` in the program, and the
    /// effects declared by `#[dont_look_inside(effects(...))]` on free functions.
    pub fn with_staged() -> Registry {
        let registry = Registry::new();
        registry.register_all_staged();
        registry
    }

    /// Registers every function staged by `#[look_inside]` in the program (those already
    /// registered keep their ids), declares the residual effects of every function marked
    /// `#[dont_look_inside(effects(...))]` and the elidable functions, and makes each portal's
    /// runner resolve to its body's jitcode.
    pub fn register_all_staged(&self) {
        for entry in inventory::iter::<StagedEntry> {
            self.register((entry.type_id)(), entry.name, entry.build);
        }
        for declared in inventory::iter::<DeclaredEffects> {
            self.declare_residual((declared.type_id)(), (declared.effects)());
        }
        for declared in inventory::iter::<DeclaredElidable> {
            self.declare_elidable((declared.type_id)());
        }
        for portal in inventory::iter::<PortalEntry> {
            if let Some(body) = self.lookup((portal.body)()) {
                self.by_type.borrow_mut().insert((portal.runner)(), body);
            }
        }
    }

    /// Registers the fn item `f` (convenience for [`Registry::register`]).
    pub fn register_fn<F: 'static>(&self, _f: &F, name: &'static str, build: BuildFn) -> JitCodeId {
        self.register(TypeId::of::<F>(), name, build)
    }

    /// Marks a jitcode `#[unroll_safe]`: inlinable even though it contains a loop.
    pub fn mark_unroll_safe(&self, id: JitCodeId) {
        self.entries.borrow_mut()[id.0 as usize].unroll_safe = true;
    }

    /// Whether the jitcode was marked `#[unroll_safe]`.
    pub fn is_unroll_safe(&self, id: JitCodeId) -> bool {
        self.entries.borrow()[id.0 as usize].unroll_safe
    }

    /// Declares the effects of a residual (`#[dont_look_inside]`) function.
    pub fn declare_residual(&self, type_id: TypeId, effects: Effects) {
        self.residual.borrow_mut().insert(type_id, effects);
    }

    /// Declares the function with `type_id` elidable.
    pub fn declare_elidable(&self, type_id: TypeId) {
        self.elidable.borrow_mut().insert(type_id);
    }

    /// Whether the function with `type_id` was declared elidable.
    pub fn is_elidable(&self, type_id: TypeId) -> bool {
        self.elidable.borrow().contains(&type_id)
    }

    /// The effects of a residual call to the function with `type_id`: as declared, or
    /// "writes everything, can raise".
    pub fn residual_effects(&self, type_id: TypeId) -> Effects {
        self.residual
            .borrow()
            .get(&type_id)
            .cloned()
            .unwrap_or_else(Effects::everything)
    }

    /// The jitcode of the function with `type_id`, if it has one.
    pub fn lookup(&self, type_id: TypeId) -> Option<JitCodeId> {
        self.by_type.borrow().get(&type_id).copied()
    }

    /// The registered function's name.
    pub fn name(&self, id: JitCodeId) -> &'static str {
        self.entries.borrow()[id.0 as usize].name
    }

    /// The number of registered jitcodes.
    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// Whether nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of all registered jitcodes.
    pub fn ids(&self) -> impl Iterator<Item = JitCodeId> {
        (0..self.len() as u32).map(JitCodeId)
    }

    /// The jitcode, built now if this is its first use.
    ///
    /// Panics if the build function produces invalid code: that is a bug in the generated
    /// builder, not in the interpreted program.
    pub fn get(&self, id: JitCodeId) -> Rc<JitCode> {
        let (name, build) = {
            let entries = self.entries.borrow();
            let entry = &entries[id.0 as usize];
            if let Some(code) = &entry.code {
                return code.clone();
            }
            (entry.name, entry.build)
        };
        // The borrow is released: building resolves calls through this registry.
        let mut builder = Builder::new(self, name);
        build(&mut builder);
        let code = match builder.finish() {
            Ok(code) => Rc::new(code),
            Err(error) => panic!("jitgen: invalid jitcode for `{name}`: {error}"),
        };
        let mut entries = self.entries.borrow_mut();
        entries[id.0 as usize].code.get_or_insert(code).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one() -> i64 {
        1
    }
    fn two() -> i64 {
        1
    }

    fn build_one(b: &mut Builder<'_>) {
        b.returns::<i64>();
        let r = b.constant(1i64);
        b.ret(r);
    }

    #[test]
    fn keyed_by_type_id_and_built_lazily() {
        let registry = Registry::new();
        let id = registry.register_fn(&one, "one", build_one);
        assert_eq!(registry.register_fn(&one, "one", build_one), id);
        assert_eq!(registry.lookup(TypeId::of::<fn() -> i64>()), None);
        // `two` has the same body (and may share an address) but is a different function.
        assert_eq!(
            registry.lookup(crate::jitcode::registry::tests::type_id_of(&two)),
            None
        );
        let code = registry.get(id);
        assert!(Rc::ptr_eq(&code, &registry.get(id)));
        assert_eq!(code.insns.len(), 2);
        assert_eq!(one() + two(), 2);
    }

    fn type_id_of<F: 'static>(_: &F) -> TypeId {
        TypeId::of::<F>()
    }

    #[test]
    fn residual_effects_default_to_everything() {
        let registry = Registry::new();
        assert_eq!(
            registry.residual_effects(type_id_of(&one)),
            Effects::everything()
        );
        registry.declare_residual(type_id_of(&one), Effects::none());
        assert_eq!(registry.residual_effects(type_id_of(&one)), Effects::none());
    }
}
