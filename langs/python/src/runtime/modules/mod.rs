//! Modules and the import system: module objects, `sys.modules`, finding a module (a
//! built-in one, or `NAME.py` / `NAME/__init__.py` on `sys.path` or in its package's
//! `__path__`), running its code once in its own namespace, and the three import
//! instructions (`import`, `from ... import name`, `from ... import *`) with CPython's
//! errors. The built-in modules written in Rust are [`sys`], [`math`], [`time`], [`io`],
//! [`os`], [`re`], [`decimal`] (its classes are Python code over native functions; the
//! arithmetic is `crate::runtime::decimal`), [`itertools`], [`functools`], [`operator`],
//! [`random`] and [`heapq`] (native functions beside Python code, as `decimal`;
//! `random`'s twister is native, its distributions Python code), [`bisect`], `_collections`
//! ([`deque`]; its `defaultdict` is Python code, as `collections` is: [`collections`]) and
//! [`gc`] (and `builtins`, the namespace every module falls back to). The Python code of a built-in module runs in
//! its namespace when it is imported (`run_source`); its frames are left out of
//! tracebacks ([`hides_frames`]) and its classes are named in messages as CPython's C
//! types are ([`c_type_name`]).

pub mod bisect;
pub mod collections;
pub mod decimal;
pub mod deque;
pub mod functools;
pub mod gc;
pub mod heapq;
pub mod io;
pub mod itertools;
pub mod math;
pub mod operator;
pub mod os;
pub mod random;
pub mod re;
pub mod sys;
pub mod time;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use jitgen_core::gc::{Gc, GcVec};

use crate::front::{compile, CompileError};
use crate::runtime::builtins::Builtin;
use crate::runtime::call::{run_frame, Args};
use crate::runtime::dict::{dict_get_str, dict_remove, dict_set, dict_set_str, entries, new_dict};
use crate::runtime::exceptions::{is_subclass, syntax_error};
use crate::runtime::iter::collect;
use crate::runtime::load::load_code;
use crate::runtime::objects::*;
use crate::runtime::text::to_str;
use crate::runtime::values::*;

/// The modules implemented in Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinModule {
    /// `builtins`: the built-in functions and types.
    Builtins,
    /// `sys`.
    Sys,
    /// `math`.
    Math,
    /// `time`.
    Time,
    /// `io`.
    Io,
    /// `os`.
    Os,
    /// `re`.
    Re,
    /// `decimal`.
    Decimal,
    /// `itertools`.
    Itertools,
    /// `functools`.
    Functools,
    /// `operator`.
    Operator,
    /// `random`.
    Random,
    /// `gc`.
    Gc,
    /// `heapq`.
    Heapq,
    /// `bisect`.
    Bisect,
    /// `_collections`.
    UnderscoreCollections,
    /// `collections`.
    Collections,
}

impl BuiltinModule {
    /// Every built-in module.
    const ALL: [BuiltinModule; 17] = [
        BuiltinModule::Builtins,
        BuiltinModule::Sys,
        BuiltinModule::Math,
        BuiltinModule::Time,
        BuiltinModule::Io,
        BuiltinModule::Os,
        BuiltinModule::Re,
        BuiltinModule::Decimal,
        BuiltinModule::Itertools,
        BuiltinModule::Functools,
        BuiltinModule::Operator,
        BuiltinModule::Random,
        BuiltinModule::Gc,
        BuiltinModule::Heapq,
        BuiltinModule::Bisect,
        BuiltinModule::UnderscoreCollections,
        BuiltinModule::Collections,
    ];

    /// The module's name.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinModule::Builtins => "builtins",
            BuiltinModule::Sys => "sys",
            BuiltinModule::Math => "math",
            BuiltinModule::Time => "time",
            BuiltinModule::Io => "io",
            BuiltinModule::Os => "os",
            BuiltinModule::Re => "re",
            BuiltinModule::Decimal => "decimal",
            BuiltinModule::Itertools => "itertools",
            BuiltinModule::Functools => "functools",
            BuiltinModule::Operator => "operator",
            BuiltinModule::Random => "random",
            BuiltinModule::Gc => "gc",
            BuiltinModule::Heapq => "heapq",
            BuiltinModule::Bisect => "bisect",
            BuiltinModule::UnderscoreCollections => "_collections",
            BuiltinModule::Collections => "collections",
        }
    }

    /// The module's native functions.
    fn functions(self) -> &'static [Builtin] {
        match self {
            BuiltinModule::Builtins
            | BuiltinModule::Io
            | BuiltinModule::Itertools
            | BuiltinModule::UnderscoreCollections
            | BuiltinModule::Collections => &[],
            BuiltinModule::Os => os::FUNCTIONS,
            BuiltinModule::Heapq => heapq::FUNCTIONS,
            BuiltinModule::Bisect => bisect::FUNCTIONS,
            BuiltinModule::Functools => functools::FUNCTIONS,
            BuiltinModule::Operator => operator::FUNCTIONS,
            BuiltinModule::Random => random::FUNCTIONS,
            BuiltinModule::Gc => gc::FUNCTIONS,
            BuiltinModule::Re => re::FUNCTIONS,
            BuiltinModule::Decimal => decimal::FUNCTIONS,
            BuiltinModule::Sys => sys::FUNCTIONS,
            BuiltinModule::Math => math::FUNCTIONS,
            BuiltinModule::Time => time::FUNCTIONS,
        }
    }

    /// The module a native function belongs to.
    pub fn of_function(id: Builtin) -> Option<BuiltinModule> {
        Self::ALL.into_iter().find(|m| m.functions().contains(&id))
    }

    /// Calls one of the module's native functions.
    pub fn call(self, id: Builtin, args: Args) -> PyResult<Value> {
        match self {
            BuiltinModule::Builtins
            | BuiltinModule::Io
            | BuiltinModule::Itertools
            | BuiltinModule::UnderscoreCollections
            | BuiltinModule::Collections => type_error("unknown built-in".into()),
            BuiltinModule::Os => os::call(id, args),
            BuiltinModule::Heapq => heapq::call(id, args),
            BuiltinModule::Bisect => bisect::call(id, args),
            BuiltinModule::Functools => functools::call(id, args),
            BuiltinModule::Operator => operator::call(id, args),
            BuiltinModule::Random => random::call(id, args),
            BuiltinModule::Gc => gc::call(id, args),
            BuiltinModule::Re => re::call(id, args),
            BuiltinModule::Decimal => decimal::call(id, args),
            BuiltinModule::Sys => sys::call(id, args),
            BuiltinModule::Math => math::call(id, args),
            BuiltinModule::Time => time::call(id, args),
        }
    }

    /// The module's Python code and the file name of its frames, if it has some (it runs
    /// in the module's namespace when the module is imported).
    fn python_code(self) -> Option<(&'static str, &'static str)> {
        match self {
            BuiltinModule::Decimal => Some((decimal::SOURCE, decimal::FILENAME)),
            BuiltinModule::Itertools => Some((itertools::SOURCE, itertools::FILENAME)),
            BuiltinModule::Functools => Some((functools::SOURCE, functools::FILENAME)),
            BuiltinModule::Operator => Some((operator::SOURCE, operator::FILENAME)),
            BuiltinModule::Random => Some((random::SOURCE, random::FILENAME)),
            BuiltinModule::Heapq => Some((heapq::SOURCE, "<heapq>")),
            BuiltinModule::UnderscoreCollections => {
                Some((collections::UNDERSCORE_SOURCE, "<_collections>"))
            }
            BuiltinModule::Collections => Some((collections::SOURCE, "<collections>")),
            _ => None,
        }
    }

    /// A new module object with the module's namespace (`builtins` is the run's own).
    fn create(self) -> Gc<ModuleObj> {
        let dict = match self {
            BuiltinModule::Builtins => ctx().builtins,
            BuiltinModule::Sys => ctx().sys,
            _ => new_dict(),
        };
        let module = module_with(dict, self.name(), None);
        for &function in self.functions() {
            let value = Gc::new(BuiltinObj {
                id: function as i64,
                receiver: Some(module.erase()),
                owner: None,
            })
            .erase();
            dict_set_str(
                dict,
                crate::runtime::builtins::builtin_name(function as i64),
                value,
            );
        }
        match self {
            BuiltinModule::Math => math::fill(dict),
            BuiltinModule::Io => io::fill(dict),
            BuiltinModule::Re => re::fill(dict),
            BuiltinModule::Gc => gc::fill(dict),
            BuiltinModule::Bisect => bisect::fill(dict),
            BuiltinModule::UnderscoreCollections => collections::fill(dict),
            BuiltinModule::Time
            | BuiltinModule::Builtins
            | BuiltinModule::Sys
            | BuiltinModule::Os
            | BuiltinModule::Decimal
            | BuiltinModule::Itertools
            | BuiltinModule::Functools
            | BuiltinModule::Operator
            | BuiltinModule::Random
            | BuiltinModule::Heapq
            | BuiltinModule::Collections => {}
        }
        module
    }
}

/// Runs the Python code of a built-in module (`source`, its frames named `filename`) in
/// the module's namespace `dict`.
fn run_source(dict: Gc<DictObj>, source: &str, filename: &str) -> PyResult<()> {
    let unit = compile(source).map_err(|error| compile_error(&error, filename, source))?;
    let ctx = ctx();
    dict_set_str(dict, "__builtins__", builtin_module_value());
    let code = load_code(&unit, filename);
    let frame = Frame::new(code, ctx, dict, None);
    run_frame(code, frame, ctx).map(|_| ())
}

/// Whether frames of code from `filename` are left out of tracebacks: the Python code of
/// the built-in modules CPython writes in C, whose functions leave no entries.
pub fn hides_frames(filename: &str) -> bool {
    BuiltinModule::ALL
        .into_iter()
        .filter_map(BuiltinModule::python_code)
        .any(|(_, name)| name == filename)
}

/// The name messages give a class of a built-in module written in Python here and in C
/// by CPython: C types are named with their module (`'decimal.Decimal'`,
/// `'itertools.count'`, `'collections.deque'`); `None` for other classes.
pub fn c_type_name(cls: Gc<TypeObj>) -> Option<String> {
    let module = cls.module.downcast::<StrObj>()?;
    let name = cls.name.as_str();
    let c_type = match module.as_str() {
        "decimal" => !name.starts_with('_') && name != "DecimalTuple",
        "itertools" | "operator" => true,
        "functools" => matches!(name, "partial" | "KeyWrapper"),
        "collections" => matches!(name, "deque" | "defaultdict" | "OrderedDict"),
        _ => false,
    };
    c_type.then(|| format!("{}.{name}", module.as_str()))
}

thread_local! {
    /// The names of the modules whose code is running (being imported), innermost last:
    /// CPython's "partially initialized" modules.
    static INITIALIZING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A module object around `dict`, which gets the standard names.
fn module_with(dict: Gc<DictObj>, name: &str, file: Option<&str>) -> Gc<ModuleObj> {
    dict_set_str(dict, "__name__", new_str(name));
    dict_set_str(dict, "__doc__", none());
    let package = name.rsplit_once('.').map_or("", |(parent, _)| parent);
    dict_set_str(dict, "__package__", new_str(package));
    if let Some(file) = file {
        dict_set_str(dict, "__file__", new_str(file));
    }
    Gc::new(ModuleObj { dict })
}

/// Sets up the modules of a run: `sys` (with `argv`, `path0` as `sys.path[0]` and the `-X`
/// options), `builtins`, and `__main__` around the program's `globals`.
pub fn init(
    argv: &[String],
    path0: &str,
    xoptions: &[String],
    main_globals: Gc<DictObj>,
    main_file: Option<&str>,
) {
    let ctx = ctx();
    for builtin in [BuiltinModule::Sys, BuiltinModule::Builtins] {
        let module = builtin.create();
        dict_set_str(ctx.modules, builtin.name(), module.erase());
    }
    sys::fill(ctx.sys, argv, path0, xoptions);
    let main = module_with(main_globals, "__main__", main_file);
    dict_set_str(main_globals, "__package__", none());
    dict_set_str(ctx.modules, "__main__", main.erase());
}

/// The text of a str value, if it is one.
fn text_of(value: Option<Value>) -> Option<String> {
    value
        .and_then(|v| v.downcast::<StrObj>())
        .map(|s| s.as_str().to_string())
}

/// The module's `__name__`.
fn module_name(module: Gc<ModuleObj>) -> Option<String> {
    text_of(dict_get_str(module.dict, "__name__"))
}

/// `repr(module)`: `<module 'math' (built-in)>`, `<module 'helper' from '/x/helper.py'>`.
pub fn module_repr(module: Gc<ModuleObj>) -> PyResult<String> {
    let name = match dict_get_str(module.dict, "__name__") {
        Some(name) => crate::runtime::text::to_repr(name)?,
        None => "'?'".to_string(),
    };
    Ok(match dict_get_str(module.dict, "__file__") {
        Some(file) => format!(
            "<module {name} from {}>",
            crate::runtime::text::to_repr(file)?
        ),
        None => format!("<module {name} (built-in)>"),
    })
}

/// Whether the module named `name` is being imported (its code is running).
fn is_initializing(name: &str) -> bool {
    INITIALIZING.with(|stack| stack.borrow().iter().any(|n| n == name))
}

/// The `AttributeError` of a missing module attribute.
pub fn missing_attribute(module: Gc<ModuleObj>, attribute: &str) -> Gc<InstanceObj> {
    let Some(name) = module_name(module) else {
        return exception(
            TypeId::AttributeError,
            &format!("module has no attribute '{attribute}'"),
        );
    };
    let message = if is_initializing(&name) {
        format!("partially initialized module '{name}' has no attribute '{attribute}' (most likely due to a circular import)")
    } else {
        format!("module '{name}' has no attribute '{attribute}'")
    };
    exception(TypeId::AttributeError, &message)
}

/// An `ImportError` (or subclass `id`) with its `name` and `path` attributes.
fn import_error(
    id: TypeId,
    message: &str,
    name: Option<&str>,
    path: Option<&str>,
) -> Gc<InstanceObj> {
    let error = exception(id, message);
    let text = |t: Option<&str>| t.map_or_else(none, new_str);
    dict_set_str(error.dict, "name", text(name));
    dict_set_str(error.dict, "path", text(path));
    dict_set_str(error.dict, "msg", new_str(message));
    error
}

/// `ModuleNotFoundError: No module named 'name'` (with `extra` after the quote).
fn not_found(name: &str, extra: &str) -> Gc<InstanceObj> {
    import_error(
        TypeId::ModuleNotFoundError,
        &format!("No module named '{name}'{extra}"),
        Some(name),
        None,
    )
}

/// `ImportName`: imports `name` (relative to the importing module's package when
/// `level > 0`); returns the top-level package, or the module itself when `fromlist`
/// names something to import from it.
pub fn import_name(
    globals: Gc<DictObj>,
    name: &str,
    fromlist: Value,
    level: i64,
) -> PyResult<Value> {
    let absolute = resolve_name(globals, name, level)?;
    let module = import_absolute(&absolute)?;
    let wanted = if is_none(fromlist) {
        GcVec::new()
    } else {
        collect(fromlist)?
    };
    if wanted.is_empty() {
        if level > 0 && name.is_empty() {
            return Ok(module);
        }
        // `import a.b.c` binds `a`: cut the dotted tail off the absolute name.
        let head_len = name.split('.').next().unwrap_or("").len();
        let top = &absolute[..absolute.len() - (name.len() - head_len)];
        return match dict_get_str(ctx().modules, top) {
            Some(top) => Ok(top),
            None => Err(exception(
                TypeId::KeyError,
                &format!("'{top}' not in sys.modules as expected"),
            )),
        };
    }
    if let Some(package) = module.downcast::<ModuleObj>() {
        if dict_get_str(package.dict, "__path__").is_some() {
            import_submodules(package, &absolute, wanted)?;
        }
    }
    Ok(module)
}

/// `from package import a, b`: imports the submodules `a` and `b` that are not
/// attributes of the package yet (a missing one is left to `ImportFrom` to report).
fn import_submodules(
    package: Gc<ModuleObj>,
    absolute: &str,
    wanted: Gc<GcVec<Value>>,
) -> PyResult<()> {
    for i in 0..wanted.len() {
        let Some(item) = text_of(Some(wanted.get(i))) else {
            continue;
        };
        if item == "*" || dict_get_str(package.dict, &item).is_some() {
            continue;
        }
        let full = format!("{absolute}.{item}");
        if let Err(error) = import_absolute(&full) {
            let missing = is_subclass(error.cls, builtin_type(TypeId::ModuleNotFoundError))
                && text_of(dict_get_str(error.dict, "name")).as_deref() == Some(full.as_str());
            if !missing {
                return Err(error);
            }
        }
    }
    Ok(())
}

/// The absolute name of `name` imported `level` packages up from the module of `globals`.
fn resolve_name(globals: Gc<DictObj>, name: &str, level: i64) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    // `__package__`, else the module's name (minus its last part unless a package's).
    let package = match text_of(dict_get_str(globals, "__package__")) {
        Some(package) => package,
        None => {
            let name = text_of(dict_get_str(globals, "__name__")).unwrap_or_default();
            match name.rsplit_once('.') {
                _ if dict_get_str(globals, "__path__").is_some() => name.clone(),
                Some((parent, _)) => parent.to_string(),
                None => String::new(),
            }
        }
    };
    if package.is_empty() {
        return Err(import_error(
            TypeId::ImportError,
            "attempted relative import with no known parent package",
            None,
            None,
        ));
    }
    let parts: Vec<&str> = package.split('.').collect();
    let up = (level - 1) as usize;
    if up >= parts.len() {
        return Err(import_error(
            TypeId::ImportError,
            "attempted relative import beyond top-level package",
            None,
            None,
        ));
    }
    let base = parts[..parts.len() - up].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// The module `name` (dotted, absolute): from `sys.modules`, else found and run.
fn import_absolute(name: &str) -> PyResult<Value> {
    let modules = ctx().modules;
    if let Some(module) = dict_get_str(modules, name) {
        if is_none(module) {
            return Err(import_error(
                TypeId::ModuleNotFoundError,
                &format!("import of {name} halted; None in sys.modules"),
                Some(name),
                None,
            ));
        }
        return Ok(module);
    }
    let (parent, search) = match name.rsplit_once('.') {
        Some((parent_name, _)) => {
            let parent = import_absolute(parent_name)?;
            // Importing the parent may have imported this module too.
            if let Some(module) = dict_get_str(modules, name) {
                return Ok(module);
            }
            let path = parent
                .downcast::<ModuleObj>()
                .and_then(|p| dict_get_str(p.dict, "__path__"));
            let Some(path) = path else {
                return Err(not_found(
                    name,
                    &format!("; '{parent_name}' is not a package"),
                ));
            };
            (Some(parent), path)
        }
        None => {
            if let Some(builtin) = BuiltinModule::ALL.into_iter().find(|m| m.name() == name) {
                let module = builtin.create();
                dict_set_str(modules, name, module.erase());
                if let Some((source, filename)) = builtin.python_code() {
                    if let Err(error) = run_source(module.dict, source, filename) {
                        let _ = dict_remove(modules, new_str(name));
                        return Err(error);
                    }
                }
                return Ok(module.erase());
            }
            let path = dict_get_str(ctx().sys, "path").unwrap_or_else(none);
            (None, path)
        }
    };
    let short = name.rsplit('.').next().unwrap_or(name);
    let Some(found) = find_source(short, search) else {
        return Err(not_found(name, ""));
    };
    let module = run_module(name, &found)?;
    if let (Some(parent), Some(child)) = (parent, module.downcast::<ModuleObj>()) {
        if let Some(parent) = parent.downcast::<ModuleObj>() {
            dict_set_str(parent.dict, short, child.erase());
        }
    }
    Ok(module)
}

/// Where a module's source was found.
struct Found {
    /// The file to run (`NAME.py`, or `NAME/__init__.py` for a package).
    file: PathBuf,
    /// For a package: its directory (its `__path__`).
    package_dir: Option<PathBuf>,
}

/// Looks for `NAME/__init__.py` (a package), then `NAME.py` in each directory of `path`
/// (a list of strs; `''` is the current directory).
fn find_source(name: &str, path: Value) -> Option<Found> {
    let list = path.downcast::<ListObj>()?;
    for i in 0..list.items.len() {
        let Some(dir) = text_of(Some(list.items.get(i))) else {
            continue;
        };
        let dir = if dir.is_empty() {
            std::env::current_dir().unwrap_or_default()
        } else {
            PathBuf::from(dir)
        };
        let package = dir.join(name);
        let init = package.join("__init__.py");
        if init.is_file() {
            return Some(Found {
                file: init,
                package_dir: Some(package),
            });
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() {
            return Some(Found {
                file,
                package_dir: None,
            });
        }
    }
    None
}

/// Compiles and runs a module's file in a new module registered in `sys.modules` first
/// (so a circular import sees it partially initialized); a failure unregisters it.
fn run_module(name: &str, found: &Found) -> PyResult<Value> {
    let file = std::path::absolute(&found.file).unwrap_or_else(|_| found.file.clone());
    let filename = file.display().to_string();
    let source = match std::fs::read_to_string(&file) {
        Ok(source) => source,
        Err(error) => {
            return Err(import_error(
                TypeId::ImportError,
                &format!("cannot read '{filename}': {error}"),
                Some(name),
                Some(&filename),
            ))
        }
    };
    let unit = compile(&source).map_err(|error| compile_error(&error, &filename, &source))?;
    jitgen_core::log::source_file(&filename, &source);
    let ctx = ctx();
    let module = module_with(new_dict(), name, Some(&filename));
    dict_set_str(module.dict, "__builtins__", builtin_module_value());
    if let Some(dir) = &found.package_dir {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        let path = GcVec::new();
        path.push(new_str(&dir.display().to_string()));
        dict_set_str(module.dict, "__path__", new_list(path));
        dict_set_str(module.dict, "__package__", new_str(name));
    }
    dict_set_str(ctx.modules, name, module.erase());
    let code = load_code(&unit, &filename);
    let frame = Frame::new(code, ctx, module.dict, None);
    INITIALIZING.with(|stack| stack.borrow_mut().push(name.to_string()));
    let result = run_frame(code, frame, ctx);
    INITIALIZING.with(|stack| stack.borrow_mut().pop());
    if let Err(error) = result {
        let _ = dict_remove(ctx.modules, new_str(name));
        return Err(error);
    }
    // The module may have replaced itself in `sys.modules`.
    match dict_get_str(ctx.modules, name) {
        Some(module) => Ok(module),
        None => Err(import_error(
            TypeId::ImportError,
            &format!("Loaded module {name} not found in sys.modules"),
            Some(name),
            None,
        )),
    }
}

/// The `builtins` module, as a module's `__builtins__`.
fn builtin_module_value() -> Value {
    dict_get_str(ctx().modules, "builtins").unwrap_or_else(|| ctx().builtins.erase())
}

/// The exception of source text that does not compile.
pub fn compile_error(error: &CompileError, filename: &str, source: &str) -> Gc<InstanceObj> {
    use crate::front::error::ErrorKind;
    match error.kind {
        ErrorKind::NotImplemented => exception(TypeId::NotImplementedError, &error.message),
        ErrorKind::Syntax | ErrorKind::Indentation => syntax_error(error, filename, source),
    }
}

/// `ImportFrom`: `from module import name`, falling back to the submodule
/// `module.name` in `sys.modules`.
pub fn import_from(module: Value, name: Gc<StrObj>) -> PyResult<Value> {
    let attribute = crate::runtime::attr::get_attr(module, name);
    let Err(error) = attribute else {
        return attribute;
    };
    if !is_subclass(error.cls, builtin_type(TypeId::AttributeError)) {
        return Err(error);
    }
    let module = module.downcast::<ModuleObj>();
    let module_name = module.and_then(module_name);
    if let Some(module_name) = &module_name {
        if let Some(sub) = dict_get_str(ctx().modules, &format!("{module_name}.{}", name.as_str()))
        {
            return Ok(sub);
        }
    }
    let shown = module_name
        .clone()
        .unwrap_or_else(|| "<unknown module name>".into());
    let file = module.and_then(|m| text_of(dict_get_str(m.dict, "__file__")));
    let location = file.clone().unwrap_or_else(|| "unknown location".into());
    let message = if module_name.as_deref().is_some_and(is_initializing) {
        format!(
            "cannot import name '{}' from partially initialized module '{shown}' (most likely due to a circular import) ({location})",
            name.as_str()
        )
    } else {
        format!(
            "cannot import name '{}' from '{shown}' ({location})",
            name.as_str()
        )
    };
    Err(import_error(
        TypeId::ImportError,
        &message,
        module_name.as_deref(),
        file.as_deref(),
    ))
}

/// `ImportStar`: `from module import *` into `namespace`: the names in the module's
/// `__all__`, else every name not starting with an underscore.
pub fn import_star(module: Value, namespace: Gc<DictObj>) -> PyResult<()> {
    let Some(module) = module.downcast::<ModuleObj>() else {
        return type_error(format!("'{}' object is not a module", type_name(module)));
    };
    if let Some(all) = dict_get_str(module.dict, "__all__") {
        let names = collect(all)?;
        for i in 0..names.len() {
            let name = names.get(i);
            let Some(text) = name.downcast::<StrObj>() else {
                return type_error(format!(
                    "Item in {}.__all__ must be str, not {}",
                    module_name(module).unwrap_or_default(),
                    type_name(name)
                ));
            };
            let value = crate::runtime::attr::get_attr(module.erase(), text)?;
            dict_set(namespace, name, value)?;
        }
        return Ok(());
    }
    let public = GcVec::new();
    for (_, key, value) in entries(module.dict) {
        if !to_str(key)?.starts_with('_') {
            public.push(key);
            public.push(value);
        }
    }
    for i in 0..public.len() / 2 {
        dict_set(namespace, public.get(2 * i), public.get(2 * i + 1))?;
    }
    Ok(())
}

/// `sys.path[0]` for a script: its directory, absolute.
pub fn script_dir(script: &str) -> String {
    let path = Path::new(script);
    let dir = path.parent().unwrap_or(Path::new(""));
    if dir.as_os_str().is_empty() {
        return std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
    }
    std::path::absolute(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string()
}
