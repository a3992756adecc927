//! Calls: binding arguments to parameters with CPython's errors, running a function's
//! frame (with the recursion limit), bound methods, instantiating classes, and calls from
//! native helpers. Arguments are a run of an array -- the caller's value stack, or a
//! temporary one -- with one scratch slot before them, where a receiver goes for a bound
//! call, so calling a method copies nothing.

use jitgen_core::gc::{Gc, GcArray, GcVec, Mut};

use crate::runtime::attr::{get_attr, lookup_in_mro};
use crate::runtime::dict::{dict_get, dict_set, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::interp::execute;
use crate::runtime::objects::*;
use crate::runtime::text::to_str;
use crate::runtime::values::*;

/// Where a call's arguments are: `args[start..start + count]`, the last `kwnames.len()`
/// of them keyword arguments; `args[start - 1]` is scratch.
#[derive(Clone, Copy)]
pub struct Args {
    /// The array.
    pub array: Gc<GcArray<Value>>,
    /// The first argument.
    pub start: usize,
    /// Positional arguments.
    pub npos: usize,
    /// Keyword argument names (a tuple of strs), if any.
    pub kwnames: Option<Gc<TupleObj>>,
}

impl Args {
    /// The number of keyword arguments.
    pub fn nkw(&self) -> usize {
        self.kwnames.map_or(0, |k| k.items.len())
    }

    /// Positional argument `i`.
    pub fn get(&self, i: usize) -> Value {
        self.array.get(self.start + i)
    }

    /// Stores each keyword argument in `dict`, its name as the key.
    pub fn store_keywords(&self, dict: Gc<DictObj>) -> PyResult<()> {
        let Some(kwnames) = self.kwnames else {
            return Ok(());
        };
        for k in 0..kwnames.items.len() {
            let value = self.array.get(self.start + self.npos + k);
            dict_set(dict, kwnames.items.get(k), value)?;
        }
        Ok(())
    }

    /// The same arguments with `receiver` before them (written to the scratch slot).
    fn with_receiver(self, receiver: Value) -> Args {
        self.array.set(self.start - 1, receiver);
        Args {
            start: self.start - 1,
            npos: self.npos + 1,
            ..self
        }
    }
}

/// Calls `callee` with `args` from native code.
pub fn call_simple(callee: Value, args: &[Value]) -> PyResult<Value> {
    let array = GcArray::new(args.len() + 2, ctx().none);
    for (i, &arg) in args.iter().enumerate() {
        array.set(i + 2, arg);
    }
    call_value(
        callee,
        Args {
            array,
            start: 2,
            npos: args.len(),
            kwnames: None,
        },
    )
}

/// Calls `callee` with `receiver` and then `args` from native code (a special method).
pub fn call_bound(callee: Value, receiver: Value, args: &[Value]) -> PyResult<Value> {
    let array = GcArray::new(args.len() + 3, ctx().none);
    array.set(2, receiver);
    for (i, &arg) in args.iter().enumerate() {
        array.set(i + 3, arg);
    }
    call_value(
        callee,
        Args {
            array,
            start: 2,
            npos: args.len() + 1,
            kwnames: None,
        },
    )
}

/// Calls `callee` with `positional` arguments and the entries of `keywords` (whose keys
/// must be strs) as keyword arguments (`f(*args, **kwargs)`).
pub fn call_with_keywords(
    callee: Value,
    positional: &[Value],
    keywords: Option<Gc<DictObj>>,
) -> PyResult<Value> {
    let npos = positional.len();
    let nkw = keywords.map_or(0, |d| d.table.len());
    let array = GcArray::new(npos + nkw + 1, ctx().none);
    for (i, &arg) in positional.iter().enumerate() {
        array.set(i + 1, arg);
    }
    let mut kwnames = None;
    if let Some(dict) = keywords {
        let names = GcVec::new();
        for (_, key, value) in crate::runtime::dict::entries(dict) {
            if !key.is::<StrObj>() {
                return type_error("keywords must be strings".into());
            }
            array.set(1 + npos + names.len(), value);
            names.push(key);
        }
        kwnames = new_tuple(names).downcast::<TupleObj>();
    }
    call_value(
        callee,
        Args {
            array,
            start: 1,
            npos,
            kwnames,
        },
    )
}

/// How call errors name a callable (CPython's `_PyObject_FunctionStr`): `module.qualname()`
/// (no module for built-ins), or `str(callee)` when it has no `__qualname__`.
pub fn function_str(callee: Value) -> String {
    let text = |name: &str| get_attr(callee, StrObj::new(name)).and_then(to_str).ok();
    let Some(qualname) = text("__qualname__") else {
        return to_str(callee).unwrap_or_default();
    };
    match text("__module__") {
        Some(module) if module != "builtins" => format!("{module}.{qualname}()"),
        _ => format!("{qualname}()"),
    }
}

/// Calls any callable.
pub fn call_value(callee: Value, args: Args) -> PyResult<Value> {
    if let Some(function) = callee.downcast::<FunctionObj>() {
        return call_function(function, args);
    }
    if let Some(method) = callee.downcast::<MethodObj>() {
        let args = args.with_receiver(method.receiver);
        return match method.function.downcast::<FunctionObj>() {
            Some(function) => call_function(function, args),
            None => call_value(method.function, args),
        };
    }
    if let Some(builtin) = callee.downcast::<BuiltinObj>() {
        return crate::runtime::builtins::call_builtin(builtin, args);
    }
    if let Some(cls) = callee.downcast::<TypeObj>() {
        // A metaclass's own `__call__` (which may call `type.__call__`, `instantiate`).
        if let Some(call) = crate::runtime::metaclasses::hook(cls, "__call__") {
            return call_method_attr(call, callee, type_of(callee), args);
        }
        return instantiate(cls, args);
    }
    if let Some(method) = callee.downcast::<StaticMethodObj>() {
        return call_value(method.function, args);
    }
    if let Some(instance) = callee.downcast::<InstanceObj>() {
        if let Some(call) = lookup_in_mro(instance.cls, "__call__") {
            return call_method_attr(call, callee, instance.cls, args);
        }
    }
    type_error(format!("'{}' object is not callable", type_name(callee)))
}

/// Calls `method`, a special method found on `cls` (the class of `receiver`), on
/// `receiver` with `args`: a function takes the receiver first (in the scratch slot),
/// other descriptors are bound first (`__get__`).
fn call_method_attr(
    method: Value,
    receiver: Value,
    cls: Gc<TypeObj>,
    args: Args,
) -> PyResult<Value> {
    if method.is::<FunctionObj>() {
        return call_value(method, args.with_receiver(receiver));
    }
    let bound = crate::runtime::descriptors::get(method, Some(receiver), cls)?;
    call_value(bound, args)
}

/// `cls(args...)` (`type.__call__`): built-in types convert; classes defined in Python
/// make an instance and run `__init__`.
pub fn instantiate(cls: Gc<TypeObj>, args: Args) -> PyResult<Value> {
    if cls.layout == Layout::Builtin as i64 {
        return crate::runtime::builtins::construct(cls, args);
    }
    let custom_new = lookup_in_mro(cls, "__new__").filter(|new| !new.is::<BuiltinObj>());
    let instance = match custom_new {
        Some(new) => {
            let made = call_value(new, args.with_receiver(cls.erase()))?;
            // `__init__` runs only on an instance of the class.
            if !is_subclass(type_of(made), cls) {
                return Ok(made);
            }
            made
        }
        None => new_instance(cls, args)?,
    };
    let init = lookup_in_mro(cls, "__init__");
    match init {
        Some(init) if !init.is::<BuiltinObj>() => {
            let result = call_method_attr(init, instance, cls, args)?;
            if !is_none(result) {
                return type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(result)
                ));
            }
        }
        _ if cls.value_type >= 0 => {
            if let Some(instance) = instance.downcast::<InstanceObj>() {
                crate::runtime::derived::init(instance, args).transpose()?;
            }
        }
        _ if custom_new.is_none()
            && !is_subclass(cls, builtin_type(TypeId::BaseException))
            && args.npos + args.nkw() > 0 =>
        {
            return type_error(format!("{}() takes no arguments", cls.name.as_str()));
        }
        _ => {}
    }
    Ok(instance)
}

/// `object.__new__(cls, ...)`: a new instance of a class whose instances are
/// `InstanceObj`s, with no attributes (an exception's `args` are the arguments, and
/// `OSError(errno, ...)` makes the errno's subclass and sets its attributes; a class
/// derived from a built-in value type's carries a value made from them; a metaclass's is
/// a class, `type.__new__`).
pub fn new_instance(cls: Gc<TypeObj>, args: Args) -> PyResult<Value> {
    if crate::runtime::derived::value_type_id(cls) == Some(TypeId::Type) {
        return crate::runtime::metaclasses::type_new(cls, args);
    }
    let class = crate::runtime::oserror::class_to_make(cls, &args);
    let instance = crate::runtime::derived::new_instance(class, args)?;
    if is_subclass(cls, builtin_type(TypeId::BaseException)) {
        crate::runtime::exceptions::set_arguments(instance, args);
    }
    Ok(instance.erase())
}

/// Calls a Python function: binds the arguments into a new frame and runs it.
pub fn call_function(function: Gc<FunctionObj>, args: Args) -> PyResult<Value> {
    let ctx = ctx();
    let code = function.code;
    let frame = Frame::new(code, ctx, function.globals, None);
    bind_arguments(function, frame, args)?;
    make_cells(frame, code, function.closure)?;
    if code.is_generator {
        return Ok(crate::runtime::generators::new_generator(frame));
    }
    run_frame(code, frame, ctx)
}

/// Runs a frame's code from its start, counting the call depth against the recursion
/// limit.
pub fn run_frame(code: Gc<CodeObj>, frame: Gc<Frame>, ctx: Gc<Ctx>) -> PyResult<Value> {
    resume_frame(0, code, frame, ctx)
}

/// Runs a frame's code from `pc` (a generator's from where it yielded), counting the
/// call depth against the recursion limit.
pub fn resume_frame(
    pc: usize,
    code: Gc<CodeObj>,
    frame: Gc<Frame>,
    ctx: Gc<Ctx>,
) -> PyResult<Value> {
    let depth = ctx.depth.get();
    if depth >= ctx.recursion_limit.get() {
        return Err(exception(
            TypeId::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    crate::runtime::signals::check()?;
    ctx.depth.set(depth + 1);
    let result = execute(pc, code, frame, ctx);
    ctx.depth.set(depth);
    result
}

/// Puts the cell variables (parameters moved into theirs) and the closure's cells in place.
pub fn make_cells(
    frame: Gc<Frame>,
    code: Gc<CodeObj>,
    closure: Option<Gc<TupleObj>>,
) -> PyResult<()> {
    let (nlocals, ncells) = (code.nlocals as usize, code.ncells as usize);
    let unbound = ctx().unbound;
    for cell in 0..ncells {
        frame.set_local(
            nlocals + cell,
            Gc::new(CellObj {
                value: Mut::new(None),
            })
            .erase(),
        );
    }
    for pair in 0..code.cell_params.len() / 2 {
        let (cell, param) = (
            code.cell_params.get(2 * pair) as usize,
            code.cell_params.get(2 * pair + 1) as usize,
        );
        let value = frame.local(param);
        if let Some(cell) = frame.local(nlocals + cell).downcast::<CellObj>() {
            cell.value.set((value != unbound).then_some(value));
        }
    }
    if let Some(closure) = closure {
        for i in 0..code.nfree as usize {
            frame.set_local(nlocals + ncells + i, closure.items.get(i));
        }
    }
    Ok(())
}

/// The function's name as its errors show it (its qualified name).
fn function_name(function: Gc<FunctionObj>) -> String {
    to_str(function.qualname.get()).unwrap_or_default()
}

/// Binds positional and keyword arguments, defaults, `*args` and `**kwargs` to the
/// parameter slots of `frame`, raising CPython's `TypeError`s.
fn bind_arguments(function: Gc<FunctionObj>, frame: Gc<Frame>, args: Args) -> PyResult<()> {
    let code = function.code;
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let posonly = code.posonlyargcount as usize;
    let unbound = ctx().unbound;
    let name = || function_name(function);
    let positional = args.npos.min(argcount);
    for i in 0..positional {
        frame.set_local(i, args.get(i));
    }
    let mut next_slot = argcount + kwonly;
    if code.has_varargs {
        let extra = GcVec::new();
        for i in argcount..args.npos {
            extra.push(args.get(i));
        }
        frame.set_local(next_slot, new_tuple(extra));
        next_slot += 1;
    } else if args.npos > argcount {
        return Err(too_many_positional(function, args.npos, args.nkw()));
    }
    let kwargs = if code.has_varkw {
        let dict = new_dict();
        frame.set_local(next_slot, dict.erase());
        Some(dict)
    } else {
        None
    };
    if let Some(kwnames) = args.kwnames {
        for k in 0..kwnames.items.len() {
            let key = kwnames.items.get(k);
            let value = args.array.get(args.start + args.npos + k);
            let key_text = to_str(key)?;
            // Positional-only parameters take no keywords: `**kwargs` gets those.
            let slot = (posonly..argcount + kwonly).find(|&i| param_named(code, i, &key_text));
            match slot {
                Some(slot) if frame.local(slot) != unbound => {
                    return type_error(format!(
                        "{}() got multiple values for argument '{key_text}'",
                        name()
                    ));
                }
                Some(slot) => frame.set_local(slot, value),
                None => match kwargs {
                    Some(dict) => dict_set(dict, key, value)?,
                    None => {
                        positional_only_as_keywords(function, kwnames)?;
                        return type_error(format!(
                            "{}() got an unexpected keyword argument '{key_text}'",
                            name()
                        ));
                    }
                },
            }
        }
    }
    // Defaults of positional parameters, then the ones still missing.
    let ndefaults = function.defaults.get().map_or(0, |d| d.items.len());
    let mut missing: Vec<String> = Vec::new();
    for i in positional..argcount {
        if frame.local(i) != unbound {
            continue;
        }
        if i + ndefaults >= argcount {
            if let Some(defaults) = function.defaults.get() {
                frame.set_local(i, defaults.items.get(i + ndefaults - argcount));
                continue;
            }
        }
        missing.push(to_str(code.varnames.get(i))?);
    }
    if !missing.is_empty() {
        return Err(missing_arguments(&name(), &missing, "positional"));
    }
    for i in argcount..argcount + kwonly {
        if frame.local(i) != unbound {
            continue;
        }
        let param = code.varnames.get(i);
        if let Some(kwdefaults) = function.kwdefaults.get() {
            if let Some(default) = dict_get(kwdefaults, param)? {
                frame.set_local(i, default);
                continue;
            }
        }
        missing.push(to_str(param)?);
    }
    if !missing.is_empty() {
        return Err(missing_arguments(&name(), &missing, "keyword-only"));
    }
    Ok(())
}

/// Whether parameter `i` of `code` is named `name`.
fn param_named(code: Gc<CodeObj>, i: usize, name: &str) -> bool {
    code.varnames
        .get(i)
        .downcast::<StrObj>()
        .is_some_and(|n| n.as_str() == name)
}

/// Raises `f() got some positional-only arguments passed as keyword arguments: 'a, b'`
/// if any of `kwnames` names a positional-only parameter (listed in parameter order).
fn positional_only_as_keywords(function: Gc<FunctionObj>, kwnames: Gc<TupleObj>) -> PyResult<()> {
    let code = function.code;
    let mut passed = Vec::new();
    for i in 0..code.posonlyargcount as usize {
        let named = (0..kwnames.items.len())
            .any(|k| to_str(kwnames.items.get(k)).is_ok_and(|name| param_named(code, i, &name)));
        if named {
            passed.push(to_str(code.varnames.get(i))?);
        }
    }
    if passed.is_empty() {
        return Ok(());
    }
    type_error(format!(
        "{}() got some positional-only arguments passed as keyword arguments: '{}'",
        function_name(function),
        passed.join(", ")
    ))
}

/// `f() takes 2 positional arguments but 3 were given`.
fn too_many_positional(function: Gc<FunctionObj>, given: usize, nkw: usize) -> Gc<InstanceObj> {
    let argcount = function.code.argcount as usize;
    let ndefaults = function.defaults.get().map_or(0, |d| d.items.len());
    let takes = if ndefaults > 0 {
        format!("from {} to {argcount}", argcount - ndefaults)
    } else {
        argcount.to_string()
    };
    let plural = if argcount == 1 && ndefaults == 0 {
        ""
    } else {
        "s"
    };
    let kw = if nkw > 0 {
        format!(
            " positional argument{} (and {nkw} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if nkw == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let was = if given == 1 { "was" } else { "were" };
    let message = if kw.is_empty() {
        format!(
            "{}() takes {takes} positional argument{plural} but {given} {was} given",
            function_name(function)
        )
    } else {
        format!(
            "{}() takes {takes} positional argument{plural} but {given}{kw} were given",
            function_name(function)
        )
    };
    exception(TypeId::TypeError, &message)
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`.
fn missing_arguments(name: &str, missing: &[String], kind: &str) -> Gc<InstanceObj> {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    exception(
        TypeId::TypeError,
        &format!(
            "{name}() missing {} required {kind} argument{plural}: {list}",
            missing.len()
        ),
    )
}
