//! The names a trace's text uses, resolved for [`TraceLoop::parse`](crate::trace::TraceLoop::parse):
//! field descriptors (`Frame.sp`), array descriptors (`GcArray<GcRef>`), type infos
//! (`class_is<IntObj>`, `new<IntObj>`), call descriptors (`call op.holds`), jitcodes of resume
//! frames (`compare@9`), virtualizables' layouts (`vable<Frame>`), reference constants
//! (`<IntObj>`, `<IntObj#2>`) and `call_assembler` targets (`call_assembler run#1`; like
//! constants, only the trace holding them names them).
//!
//! Descriptors are named as the text form prints them, so a namespace is a set of values:
//! [`Namespace::from_registry`] collects everything a client's staged code uses, tests add
//! what they need by hand. Two different values under one name make that name ambiguous: the
//! parser rejects it where the text uses it.

use std::collections::HashMap;
use std::rc::Rc;

use crate::gc::{GcRef, GcVec, Root, TypeInfo};
use crate::jitcode::{ArrayDescr, CallDescr, FieldRef, Insn, JitCode, JitCodeId, Registry};
use crate::trace::{AssemblerCall, OpKind, TraceLoop};
use crate::virtualizable::{VableLayout, VirtualizableType};

/// One name's meaning.
enum Entry<T> {
    One(T),
    /// Several different values share the name.
    Ambiguous,
}

/// A table of names of one sort.
struct Table<T> {
    /// What the names stand for, for messages (`field`, `call descriptor`, ...).
    what: &'static str,
    entries: HashMap<String, Entry<T>>,
}

impl<T: Clone> Table<T> {
    fn new(what: &'static str) -> Table<T> {
        Table {
            what,
            entries: HashMap::new(),
        }
    }

    /// Adds `value` under `name`; a different value already there makes the name ambiguous.
    fn add(&mut self, name: String, value: T, same: impl Fn(&T, &T) -> bool) {
        match self.entries.get(&name) {
            None => {
                self.entries.insert(name, Entry::One(value));
            }
            Some(Entry::One(old)) if same(old, &value) => {}
            Some(_) => {
                self.entries.insert(name, Entry::Ambiguous);
            }
        }
    }

    fn get(&self, name: &str) -> Result<T, String> {
        match self.entries.get(name) {
            Some(Entry::One(value)) => Ok(value.clone()),
            Some(Entry::Ambiguous) => Err(format!(
                "ambiguous {} `{name}`: the namespace holds several of that name",
                self.what
            )),
            None => Err(format!("unknown {} `{name}`", self.what)),
        }
    }
}

/// What the names in a trace's text stand for.
pub struct Namespace {
    fields: Table<FieldRef>,
    arrays: Table<ArrayDescr>,
    types: Table<&'static TypeInfo>,
    calls: Table<Rc<CallDescr>>,
    assembler_calls: Table<Rc<AssemblerCall>>,
    jitcodes: Table<(JitCodeId, Rc<JitCode>)>,
    vables: Table<&'static VableLayout>,
    objects: Table<GcRef>,
    /// Keeps the objects alive.
    roots: Root<GcVec<Option<GcRef>>>,
}

impl Default for Namespace {
    fn default() -> Namespace {
        Namespace::new()
    }
}

impl Namespace {
    /// An empty namespace.
    pub fn new() -> Namespace {
        Namespace {
            fields: Table::new("field"),
            arrays: Table::new("array descriptor"),
            types: Table::new("type"),
            calls: Table::new("call descriptor"),
            assembler_calls: Table::new("call_assembler target"),
            jitcodes: Table::new("jitcode"),
            vables: Table::new("virtualizable"),
            objects: Table::new("reference constant"),
            roots: Root::new(GcVec::new()),
        }
    }

    /// Every jitcode of `registry` (built now if not yet) with the fields, arrays, types and
    /// residual calls they use, and the program's virtualizables with their fields and
    /// arrays: what the traces of the client owning the registry name, except their
    /// reference constants.
    pub fn from_registry(registry: &Registry) -> Namespace {
        let mut names = Namespace::new();
        for vable in inventory::iter::<VirtualizableType> {
            let layout = (vable.layout)();
            for field in &layout.fields {
                names.add_field(*field);
            }
            for array in &layout.arrays {
                names.add_field(array.field);
                names.add_array(array.items);
            }
            names.add_vable_layout(layout);
        }
        for id in registry.ids() {
            let code = registry.get(id);
            for insn in &code.insns {
                match insn {
                    Insn::GetField { field, .. } | Insn::SetField { field, .. } => {
                        names.add_field(*field)
                    }
                    Insn::GetArrayItem { descr, .. } | Insn::SetArrayItem { descr, .. } => {
                        names.add_array(*descr)
                    }
                    Insn::ClassIs { info, .. } => names.add_type(info),
                    _ => {}
                }
            }
            for call in &code.call_descrs {
                let effects = &call.effects;
                for field in effects.reads_fields.iter().chain(&effects.writes_fields) {
                    names.add_field(*field);
                }
                for array in effects.reads_arrays.iter().chain(&effects.writes_arrays) {
                    names.add_array(*array);
                }
                if let Some(alloc) = &call.allocates {
                    names.add_type(alloc.type_info);
                }
                names.add_call(call.clone());
            }
            names.add_jitcode(id, code);
        }
        names
    }

    /// Names `field` `Owner.name`.
    pub fn add_field(&mut self, field: FieldRef) {
        let name = format!("{}.{}", field.owner, field.descr.name);
        self.fields.add(name, field, |a, b| a == b);
    }

    /// Names the array descriptor by its type's name.
    pub fn add_array(&mut self, descr: ArrayDescr) {
        self.arrays
            .add(descr.name.to_string(), descr, |a, b| a == b);
    }

    /// Names the type by its name (`class_is<Name>`).
    pub fn add_type(&mut self, info: &'static TypeInfo) {
        self.types
            .add(info.name.to_string(), info, |a, b| std::ptr::eq(*a, *b));
    }

    /// Names the call descriptor by its callee's name. Descriptors differing only in their
    /// shim count as one (a residual method call is named by its source text, e.g.
    /// `array.items.len`, and each call site has a shim of its own).
    pub fn add_call(&mut self, descr: CallDescr) {
        let without_shim = |d: &CallDescr| CallDescr {
            shim: 0,
            ..d.clone()
        };
        self.calls
            .add(descr.name.to_string(), Rc::new(descr), |a, b| {
                without_shim(a) == without_shim(b)
            });
    }

    /// Names the jitcode (registered as `id`) by its name, for resume frames.
    pub fn add_jitcode(&mut self, id: JitCodeId, code: Rc<JitCode>) {
        self.jitcodes
            .add(code.name.clone(), (id, code), |a, b| a.0 == b.0);
    }

    /// Names a virtualizable's layout by its struct's name (`vable<Frame>` in resume data).
    pub fn add_vable_layout(&mut self, layout: &'static VableLayout) {
        let name = super::display::vable_name(layout).to_string();
        self.vables.add(name, layout, |a, b| std::ptr::eq(*a, *b));
    }

    /// Names a reference constant `<label>`. The label is the object's type name, followed
    /// by `#N` when a trace holds several objects of that type (as the text form numbers
    /// them). Panics if the label does not start with the type's name (a test's mistake).
    pub fn add_object(&mut self, label: &str, object: GcRef) {
        let ty = object.type_info().name;
        let numbered = label
            .strip_prefix(ty)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'));
        assert!(numbered, "the label `{label}` of an object of type {ty}");
        self.roots.get().push(Some(object));
        self.objects
            .add(label.to_string(), object, |a, b| a.addr() == b.addr());
    }

    /// Names the reference constants and the `call_assembler` targets of `trace` as its text
    /// does (to parse that text back while the trace's objects are alive).
    pub fn add_constants_of(&mut self, trace: &TraceLoop) {
        for (object, label) in super::display::constant_labels(trace) {
            self.add_object(&label, object);
        }
        for op in &trace.ops {
            if let OpKind::CallAssembler(call) = &op.kind {
                // Calls of one entry from different call sites differ in their runner
                // call's shim only, which the text does not show.
                let same = |a: &Rc<AssemblerCall>, b: &Rc<AssemblerCall>| {
                    Rc::ptr_eq(&a.token, &b.token)
                        && a.reds == b.reds
                        && a.call.arg_kinds == b.call.arg_kinds
                };
                self.assembler_calls.add(call.name(), call.clone(), same);
            }
        }
    }

    pub(super) fn field(&self, name: &str) -> Result<FieldRef, String> {
        self.fields.get(name)
    }

    pub(super) fn array(&self, name: &str) -> Result<ArrayDescr, String> {
        self.arrays.get(name)
    }

    pub(super) fn type_info(&self, name: &str) -> Result<&'static TypeInfo, String> {
        self.types.get(name)
    }

    pub(super) fn call(&self, name: &str) -> Result<Rc<CallDescr>, String> {
        self.calls.get(name)
    }

    pub(super) fn assembler_call(&self, name: &str) -> Result<Rc<AssemblerCall>, String> {
        self.assembler_calls.get(name)
    }

    pub(super) fn jitcode(&self, name: &str) -> Result<(JitCodeId, Rc<JitCode>), String> {
        self.jitcodes.get(name)
    }

    pub(super) fn vable_layout(&self, name: &str) -> Result<&'static VableLayout, String> {
        self.vables.get(name)
    }

    pub(super) fn object(&self, label: &str) -> Result<GcRef, String> {
        self.objects.get(label)
    }
}
