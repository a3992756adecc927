//! The interpreter: the dispatch loop (the JIT's portal, greens `pc` and `code`, reds the
//! frame and the context) and one handler per instruction. Handlers that do real work are
//! residual calls (`#[dont_look_inside]`) for now; the loop, the stack traffic and the
//! jumps are what the JIT traces. An exception raised by an instruction is recorded for
//! the traceback and sent to the handler the code's exception table names, or returned.

use jitgen_core::gc::{Gc, GcVec, Mut};
use jitgen_core::{can_enter_jit, jit_merge_point};

use crate::bytecode::{opcode, Op, ALL_BINARY, ALL_COMPARE, INPLACE};
use crate::runtime::attr::{del_attr, get_attr, lookup_in_mro, set_attr};
use crate::runtime::call::{
    call_simple, call_value, call_with_keywords, function_str, make_cells, run_frame, Args,
};
use crate::runtime::descriptors::call_special;
use crate::runtime::dict::{dict_get, dict_remove, dict_set, new_dict};
use crate::runtime::exceptions::{is_subclass, matches, record_frame, to_exception};
use crate::runtime::generators;
use crate::runtime::matching;
use crate::runtime::metaclasses;
use crate::runtime::modules;
use crate::runtime::objects::*;
use crate::runtime::ops;
use crate::runtime::values::*;

/// jitpy's JIT driver: the program position is (pc, code); the frame (virtualizable) and
/// the context are red.
#[jitgen_core::jit_driver(virtualizables(frame), location = py_location)]
pub struct PyDriver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<CodeObj>,
    #[red]
    frame: Gc<Frame>,
    #[red]
    ctx: Gc<Ctx>,
}

/// `qualname:pc Op [name] (FILE line L)` for JIT logs: where the function is, the
/// instruction about to run (with the variable or name it uses) and its source line.
fn py_location(driver: &PyDriver) -> String {
    let (code, pc) = (driver.code, driver.pc);
    let function = code.qualname.as_str();
    if pc >= code.ops.len() {
        return format!("{function}:{pc}");
    }
    let instr = code.ops.get(pc);
    let arg = (instr >> 8) as usize;
    let op = opcode(instr);
    let named = match op {
        Op::LoadFast | Op::StoreFast | Op::DeleteFast => code.varnames.try_get(arg),
        Op::LoadGlobal
        | Op::StoreGlobal
        | Op::DeleteGlobal
        | Op::LoadName
        | Op::StoreName
        | Op::DeleteName
        | Op::LoadAttr
        | Op::StoreAttr
        | Op::DeleteAttr => code.names.try_get(arg),
        _ => None,
    };
    let name = named
        .and_then(|n| n.downcast::<StrObj>())
        .map_or(String::new(), |n| format!(" {}", n.as_str()));
    let line = code.positions.try_get(pc).map_or(0, |p| p >> 32);
    let path = code.filename.as_str();
    let file = std::path::Path::new(path)
        .file_name()
        .map_or(path.into(), |f| f.to_string_lossy());
    format!("{function}:{pc} {op:?}{name} ({file} line {line})")
}

/// Runs `code` in `frame` from `pc` until it returns, yields (a generator's frame) or an
/// exception escapes it.
#[jitgen_core::portal]
pub fn execute(pc: usize, code: Gc<CodeObj>, frame: Gc<Frame>, ctx: Gc<Ctx>) -> PyResult<Value> {
    let mut pc: usize = pc;
    loop {
        jit_merge_point!(PyDriver {
            pc,
            code,
            frame,
            ctx
        });
        let instr = code.ops.get(pc);
        let arg = (instr >> 8) as usize;
        let op = opcode(instr);
        let op_pc = pc;
        pc += 1;
        let outcome: PyResult<()> = match op {
            Op::LoadConst => {
                frame.push(code.consts.get(arg));
                Ok(())
            }
            Op::LoadFast => load_fast(frame, ctx, arg),
            Op::StoreFast => {
                frame.set_local(arg, frame.pop());
                Ok(())
            }
            Op::DeleteFast => delete_fast(frame, ctx, arg),
            Op::LoadDeref => load_deref(frame, arg),
            Op::StoreDeref => store_deref(frame, arg),
            Op::DeleteDeref => delete_deref(frame, arg),
            Op::LoadClosure => {
                frame.push(frame.local(frame.code.nlocals as usize + arg));
                Ok(())
            }
            Op::LoadGlobal => load_global(frame, ctx, arg),
            Op::StoreGlobal => store_global(frame, arg),
            Op::DeleteGlobal => delete_global(frame, arg),
            Op::LoadName => load_name(frame, ctx, arg),
            Op::StoreName => store_name(frame, arg),
            Op::DeleteName => delete_name(frame, arg),
            Op::LoadAttr => load_attr(frame, arg),
            Op::StoreAttr => store_attr(frame, arg),
            Op::DeleteAttr => delete_attr(frame, arg),
            Op::BinarySubscr => binary_subscr(frame),
            Op::StoreSubscr => store_subscr(frame),
            Op::DeleteSubscr => delete_subscr(frame),
            Op::BinaryOp => binary_op(frame, arg),
            Op::CompareOp => compare_op(frame, arg),
            Op::IsOp => {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(new_bool_in(ctx, (a == b) != (arg == 1)));
                Ok(())
            }
            Op::ContainsOp => contains_op(frame, arg),
            Op::UnaryNegative => unary(frame, 0),
            Op::UnaryPositive => unary(frame, 1),
            Op::UnaryInvert => unary(frame, 2),
            Op::UnaryNot => unary_not(frame, ctx),
            Op::Pop => {
                frame.pop();
                Ok(())
            }
            Op::PrintExpr => print_expr(frame, ctx),
            Op::Copy => {
                frame.push(frame.peek(arg - 1));
                Ok(())
            }
            Op::Dup2 => {
                let b = frame.peek(0);
                let a = frame.peek(1);
                frame.push(a);
                frame.push(b);
                Ok(())
            }
            Op::Swap => {
                let top = frame.peek(0);
                frame.poke(0, frame.peek(arg - 1));
                frame.poke(arg - 1, top);
                Ok(())
            }
            Op::Rot3 => {
                let c = frame.pop();
                let b = frame.pop();
                let a = frame.pop();
                frame.push(c);
                frame.push(a);
                frame.push(b);
                Ok(())
            }
            Op::Jump => {
                pc = arg;
                Ok(())
            }
            Op::JumpBackward => match crate::runtime::signals::check() {
                Ok(_checked) => {
                    pc = arg;
                    can_enter_jit!(PyDriver {
                        pc,
                        code,
                        frame,
                        ctx
                    });
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => match ops::is_true(frame.pop()) {
                Ok(truth) => {
                    if truth == (op == Op::PopJumpIfTrue) {
                        pc = arg;
                    }
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => match ops::is_true(frame.peek(0)) {
                Ok(truth) => {
                    if truth == (op == Op::JumpIfTrueOrPop) {
                        pc = arg;
                    } else {
                        frame.pop();
                    }
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Op::GetIter => get_iter(frame),
            Op::ForIter => match for_iter(frame) {
                Ok(more) => {
                    if !more {
                        pc = arg;
                    }
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Op::BuildTuple => build_sequence(frame, arg, true),
            Op::BuildList => build_sequence(frame, arg, false),
            Op::BuildDict => build_dict(frame, arg),
            Op::BuildSet => build_set(frame, arg),
            Op::SetAdd => set_add(frame, arg),
            Op::SetUpdate => set_update(frame, arg),
            Op::BuildSlice => build_slice(frame, arg),
            Op::BuildString => build_string(frame, arg),
            Op::FormatValue => format_value(frame, arg),
            Op::ListAppend => list_append(frame, arg),
            Op::ListExtend => list_extend(frame, arg),
            Op::MapAdd => map_add(frame, arg),
            Op::DictUpdate => dict_update(frame, arg),
            Op::DictMerge => dict_merge(frame, arg),
            Op::ListToTuple => list_to_tuple(frame),
            Op::UnpackSequence => unpack_sequence(frame, arg),
            Op::UnpackEx => unpack_ex(frame, arg),
            Op::MakeFunction => make_function(frame, arg),
            Op::Call => call(frame, arg, false),
            Op::CallKw => call(frame, arg, true),
            Op::CallEx => call_ex(frame),
            Op::BuildClass => build_class(frame, ctx, arg == 1),
            Op::ReturnValue => return Ok(frame.pop()),
            Op::Raise => raise(frame, ctx, arg),
            Op::Reraise => reraise(frame.pop()),
            Op::PushExcInfo => {
                push_exc_info(frame, ctx);
                Ok(())
            }
            Op::PopExcept => {
                pop_except(frame, ctx);
                Ok(())
            }
            Op::PopExceptReraise => {
                let error = frame.pop();
                pop_except(frame, ctx);
                reraise(error)
            }
            Op::CheckExcMatch => check_exc_match(frame, ctx),
            Op::LoadAssertionError => {
                load_assertion_error(frame);
                Ok(())
            }
            Op::ImportName => import_name(frame, arg),
            Op::ImportFrom => import_from(frame, arg),
            Op::ImportStar => import_star(frame),
            Op::YieldValue => return Ok(suspend(frame, pc)),
            Op::ResumeYield => resume_yield(frame),
            Op::Send => match send(frame) {
                Ok(more) => {
                    if !more {
                        pc = arg;
                    }
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Op::BeforeWith => before_with(frame),
            Op::WithExceptStart => with_except_start(frame),
            Op::GetLen => get_len(frame),
            Op::MatchMapping | Op::MatchSequence => {
                match_kind(frame, ctx, op == Op::MatchSequence);
                Ok(())
            }
            Op::MatchKeys => match_keys(frame),
            Op::MatchClass => match_class(frame, arg),
        };
        if let Err(error) = outcome {
            if !is_reraise(op, arg) {
                record_frame(error, code, op_pc);
            }
            let entry = handler_entry(code, op_pc);
            if entry < 0 {
                return Err(error);
            }
            // The handler's pc is a green: a constant for the JIT (one guard).
            pc = jitgen_core::hints::promote(enter_handler(frame, code, entry as usize, error));
        }
    }
}

/// Whether an instruction re-raises an exception that already passed this frame (its
/// traceback has the frame).
fn is_reraise(op: Op, arg: usize) -> bool {
    matches!(op, Op::Reraise | Op::PopExceptReraise) || (op == Op::Raise && arg == 0)
}

/// The index of the exception-table entry covering `pc`, or -1. Pure: code never changes.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
fn handler_entry(code: Gc<CodeObj>, pc: usize) -> i64 {
    let table = code.exception_table;
    let pc = pc as u32;
    for entry in 0..table.len() / 4 {
        if table.get(4 * entry) <= pc && pc < table.get(4 * entry + 1) {
            return entry as i64;
        }
    }
    -1
}

/// Cuts the stack back to the handler's depth, pushes the exception and returns the
/// handler's pc.
#[jitgen_core::dont_look_inside]
fn enter_handler(
    frame: Gc<Frame>,
    code: Gc<CodeObj>,
    entry: usize,
    error: Gc<InstanceObj>,
) -> usize {
    let table = code.exception_table;
    let depth = table.get(4 * entry + 3) as usize;
    frame.sp.set(frame.stack_base() + depth);
    frame.push(error.erase());
    table.get(4 * entry + 2) as usize
}

#[jitgen_core::look_inside]
fn new_bool_in(ctx: Gc<Ctx>, value: bool) -> Value {
    let ctx = jitgen_core::hints::promote(ctx);
    if value {
        ctx.true_value
    } else {
        ctx.false_value
    }
}

/// `LoadFast`: an unset local is an `UnboundLocalError`.
#[jitgen_core::look_inside]
fn load_fast(frame: Gc<Frame>, ctx: Gc<Ctx>, index: usize) -> PyResult<()> {
    let value = frame.local(index);
    if value == ctx.unbound {
        return Err(unbound_local(frame, index));
    }
    frame.push(value);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn unbound_local(frame: Gc<Frame>, index: usize) -> Gc<InstanceObj> {
    let name = frame.code.varnames.get(index);
    let name = name
        .downcast::<StrObj>()
        .map_or(String::new(), |n| n.as_str().to_string());
    exception(
        TypeId::UnboundLocalError,
        &format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

#[jitgen_core::dont_look_inside]
fn delete_fast(frame: Gc<Frame>, ctx: Gc<Ctx>, index: usize) -> PyResult<()> {
    if frame.local(index) == ctx.unbound {
        return Err(unbound_local(frame, index));
    }
    frame.set_local(index, ctx.unbound);
    Ok(())
}

/// The cell at cell index `index` of the frame.
fn cell(frame: Gc<Frame>, index: usize) -> Gc<CellObj> {
    frame
        .local(frame.code.nlocals as usize + index)
        .downcast::<CellObj>()
        .expect("cell slots hold cells")
}

/// The name of cell `index` (cell variables, then free variables).
fn cell_name(frame: Gc<Frame>, index: usize) -> String {
    let code = frame.code;
    let name = code.varnames.try_get(code.nlocals as usize + index);
    name.and_then(|n| n.downcast::<StrObj>())
        .map_or(String::new(), |n| n.as_str().to_string())
}

#[jitgen_core::dont_look_inside]
fn load_deref(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    match cell(frame, index).value.get() {
        Some(value) => {
            frame.push(value);
            Ok(())
        }
        None => {
            let name = cell_name(frame, index);
            if index < frame.code.ncells as usize {
                return Err(exception(
                    TypeId::UnboundLocalError,
                    &format!("cannot access local variable '{name}' where it is not associated with a value"),
                ));
            }
            Err(exception(
                TypeId::NameError,
                &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            ))
        }
    }
}

#[jitgen_core::dont_look_inside]
fn store_deref(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let value = frame.pop();
    cell(frame, index).value.set(Some(value));
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn delete_deref(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let cell = cell(frame, index);
    if cell.value.get().is_none() {
        let name = cell_name(frame, index);
        return Err(exception(
            TypeId::UnboundLocalError,
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        ));
    }
    cell.value.set(None);
    Ok(())
}

/// The name `names[index]` of the running code.
fn name_at(frame: Gc<Frame>, index: usize) -> Gc<StrObj> {
    frame
        .code
        .names
        .get(index)
        .downcast::<StrObj>()
        .expect("names are strs")
}

fn name_error(name: Gc<StrObj>) -> Gc<InstanceObj> {
    exception(
        TypeId::NameError,
        &format!("name '{}' is not defined", name.as_str()),
    )
}

#[jitgen_core::dont_look_inside]
fn load_global(frame: Gc<Frame>, ctx: Gc<Ctx>, index: usize) -> PyResult<()> {
    let name = name_at(frame, index);
    let value = match dict_get(frame.globals, name.erase())? {
        Some(value) => value,
        None => dict_get(ctx.builtins, name.erase())?.ok_or_else(|| name_error(name))?,
    };
    frame.push(value);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn store_global(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let value = frame.pop();
    dict_set(frame.globals, name_at(frame, index).erase(), value)
}

#[jitgen_core::dont_look_inside]
fn delete_global(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let name = name_at(frame, index);
    match dict_remove(frame.globals, name.erase())? {
        Some(_) => Ok(()),
        None => Err(name_error(name)),
    }
}

/// The namespace `LoadName`/`StoreName` use: the class body's, else the globals.
fn namespace(frame: Gc<Frame>) -> Gc<DictObj> {
    frame.namespace.unwrap_or(frame.globals)
}

#[jitgen_core::dont_look_inside]
fn load_name(frame: Gc<Frame>, ctx: Gc<Ctx>, index: usize) -> PyResult<()> {
    let name = name_at(frame, index);
    let dicts = [frame.namespace, Some(frame.globals), Some(ctx.builtins)];
    for dict in dicts.into_iter().flatten() {
        if let Some(value) = dict_get(dict, name.erase())? {
            frame.push(value);
            return Ok(());
        }
    }
    Err(name_error(name))
}

#[jitgen_core::dont_look_inside]
fn store_name(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let value = frame.pop();
    dict_set(namespace(frame), name_at(frame, index).erase(), value)
}

#[jitgen_core::dont_look_inside]
fn delete_name(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let name = name_at(frame, index);
    match dict_remove(namespace(frame), name.erase())? {
        Some(_) => Ok(()),
        None => Err(name_error(name)),
    }
}

#[jitgen_core::dont_look_inside]
fn load_attr(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let obj = frame.pop();
    frame.push(get_attr(obj, name_at(frame, index))?);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn store_attr(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let obj = frame.pop();
    let value = frame.pop();
    set_attr(obj, name_at(frame, index), value)
}

#[jitgen_core::dont_look_inside]
fn delete_attr(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let obj = frame.pop();
    del_attr(obj, name_at(frame, index))
}

#[jitgen_core::dont_look_inside]
fn binary_subscr(frame: Gc<Frame>) -> PyResult<()> {
    let index = frame.pop();
    let container = frame.pop();
    frame.push(ops::get_item(container, index)?);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn store_subscr(frame: Gc<Frame>) -> PyResult<()> {
    let index = frame.pop();
    let container = frame.pop();
    let value = frame.pop();
    ops::set_item(container, index, value)
}

#[jitgen_core::dont_look_inside]
fn delete_subscr(frame: Gc<Frame>) -> PyResult<()> {
    let index = frame.pop();
    let container = frame.pop();
    ops::del_item(container, index)
}

#[jitgen_core::dont_look_inside]
fn binary_op(frame: Gc<Frame>, arg: usize) -> PyResult<()> {
    let b = frame.pop();
    let a = frame.pop();
    let inplace = arg as u32 & INPLACE != 0;
    let kind = ALL_BINARY[arg & 15];
    frame.push(ops::binary(kind, a, b, inplace)?);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn compare_op(frame: Gc<Frame>, arg: usize) -> PyResult<()> {
    let b = frame.pop();
    let a = frame.pop();
    frame.push(ops::compare(ALL_COMPARE[arg], a, b)?);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn contains_op(frame: Gc<Frame>, arg: usize) -> PyResult<()> {
    let container = frame.pop();
    let item = frame.pop();
    let found = ops::contains(container, item)?;
    frame.push(new_bool(found != (arg == 1)));
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn unary(frame: Gc<Frame>, which: usize) -> PyResult<()> {
    let value = frame.pop();
    frame.push(ops::unary(which, value)?);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn unary_not(frame: Gc<Frame>, ctx: Gc<Ctx>) -> PyResult<()> {
    let truth = ops::is_true(frame.pop())?;
    frame.push(if truth {
        ctx.false_value
    } else {
        ctx.true_value
    });
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn get_iter(frame: Gc<Frame>) -> PyResult<()> {
    let iterable = frame.pop();
    frame.push(crate::runtime::iter::get_iter(iterable)?);
    Ok(())
}

/// `ForIter`: pushes the next item and returns true, or pops the iterator at the end.
#[jitgen_core::dont_look_inside]
fn for_iter(frame: Gc<Frame>) -> PyResult<bool> {
    match crate::runtime::iter::next(frame.peek(0))? {
        Some(item) => {
            frame.push(item);
            Ok(true)
        }
        None => {
            frame.pop();
            Ok(false)
        }
    }
}

/// Pops `count` values into a GC vector, in push order.
fn pop_values(frame: Gc<Frame>, count: usize) -> Gc<GcVec<Value>> {
    let items = GcVec::with_capacity(count);
    let base = frame.sp.get() - count;
    for i in 0..count {
        items.push(frame.slots.get(base + i));
    }
    frame.sp.set(base);
    items
}

#[jitgen_core::dont_look_inside]
fn build_sequence(frame: Gc<Frame>, count: usize, tuple: bool) -> PyResult<()> {
    let items = pop_values(frame, count);
    frame.push(if tuple {
        new_tuple(items)
    } else {
        new_list(items)
    });
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn build_dict(frame: Gc<Frame>, pairs: usize) -> PyResult<()> {
    let items = pop_values(frame, 2 * pairs);
    let dict = new_dict();
    for i in 0..pairs {
        dict_set(dict, items.get(2 * i), items.get(2 * i + 1))?;
    }
    frame.push(dict.erase());
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn build_slice(frame: Gc<Frame>, count: usize) -> PyResult<()> {
    let step = if count == 3 { frame.pop() } else { none() };
    let stop = frame.pop();
    let start = frame.pop();
    frame.push(Gc::new(SliceObj { start, stop, step }).erase());
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn build_string(frame: Gc<Frame>, count: usize) -> PyResult<()> {
    let parts = pop_values(frame, count);
    let mut text = String::new();
    for i in 0..parts.len() {
        if let Some(s) = parts.get(i).downcast::<StrObj>() {
            text.push_str(s.as_str());
        }
    }
    frame.push(new_str(&text));
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn format_value(frame: Gc<Frame>, flags: usize) -> PyResult<()> {
    let spec = if flags & 4 != 0 {
        Some(frame.pop())
    } else {
        None
    };
    let value = frame.pop();
    let converted = match flags & 3 {
        1 => new_str(&crate::runtime::text::to_str(value)?),
        2 => new_str(&crate::runtime::text::to_repr(value)?),
        3 => new_str(&crate::runtime::builtins::ascii_of(value)?),
        _ => value,
    };
    let spec_text = match spec.and_then(|s| s.downcast::<StrObj>()) {
        Some(s) => s.as_str().to_string(),
        None => String::new(),
    };
    frame.push(new_str(&crate::runtime::builtins::format_of(
        converted, &spec_text,
    )?));
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn list_append(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let value = frame.pop();
    let list = frame
        .peek(depth - 1)
        .downcast::<ListObj>()
        .expect("ListAppend finds its list");
    list.items.push(value);
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn list_extend(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let iterable = frame.pop();
    let list = frame
        .peek(depth - 1)
        .downcast::<ListObj>()
        .expect("ListExtend finds its list");
    crate::runtime::iter::extend(list.items, iterable)
}

#[jitgen_core::dont_look_inside]
fn map_add(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let value = frame.pop();
    let key = frame.pop();
    let dict = frame
        .peek(depth - 1)
        .downcast::<DictObj>()
        .expect("MapAdd finds its dict");
    dict_set(dict, key, value)
}

#[jitgen_core::dont_look_inside]
fn print_expr(frame: Gc<Frame>, ctx: Gc<Ctx>) -> PyResult<()> {
    let value = frame.pop();
    if value == ctx.none {
        return Ok(());
    }
    dict_set(ctx.builtins, new_str("_"), none())?;
    let text = crate::runtime::text::to_repr(value)?;
    if let Some(print) = crate::runtime::dict::dict_get_str(ctx.builtins, "print") {
        call_simple(print, &[new_str(&text)])?;
    }
    dict_set(ctx.builtins, new_str("_"), value)
}

#[jitgen_core::dont_look_inside]
fn build_set(frame: Gc<Frame>, count: usize) -> PyResult<()> {
    let items = pop_values(frame, count);
    let set = crate::runtime::set::new_set(false);
    for i in 0..items.len() {
        crate::runtime::set::add(set, items.get(i))?;
    }
    frame.push(set.erase());
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn set_add(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let value = frame.pop();
    let set = frame
        .peek(depth - 1)
        .downcast::<SetObj>()
        .expect("SetAdd finds its set");
    crate::runtime::set::add(set, value)
}

#[jitgen_core::dont_look_inside]
fn set_update(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let iterable = frame.pop();
    let set = frame
        .peek(depth - 1)
        .downcast::<SetObj>()
        .expect("SetUpdate finds its set");
    crate::runtime::set::update(set, iterable)
}

#[jitgen_core::dont_look_inside]
fn dict_update(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let mapping = frame.pop();
    let dict = frame
        .peek(depth - 1)
        .downcast::<DictObj>()
        .expect("DictUpdate finds its dict");
    let Some(source) = mapping_entries(mapping)? else {
        return type_error(format!("'{}' object is not a mapping", type_name(mapping)));
    };
    for (_, key, value) in crate::runtime::dict::entries(source) {
        dict_set(dict, key, value)?;
    }
    Ok(())
}

/// `DictMerge`: a call's `**mapping` into its keyword arguments; the callee, named by the
/// errors, is two below the dict.
#[jitgen_core::dont_look_inside]
fn dict_merge(frame: Gc<Frame>, depth: usize) -> PyResult<()> {
    let mapping = frame.pop();
    let dict = frame
        .peek(depth - 1)
        .downcast::<DictObj>()
        .expect("DictMerge finds its dict");
    let callee = frame.peek(depth + 1);
    let Some(source) = mapping_entries(mapping)? else {
        return type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            function_str(callee),
            type_name(mapping)
        ));
    };
    for (_, key, value) in crate::runtime::dict::entries(source) {
        if dict_get(dict, key)?.is_some() {
            return type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                function_str(callee),
                crate::runtime::text::to_str(key)?
            ));
        }
        dict_set(dict, key, value)?;
    }
    Ok(())
}

/// The entries of a `**` argument or a `{**mapping}` display: a dict's own (a derived
/// dict's as `derived::merged_dict` says); a mapping proxy's dict's; those of any other
/// object with `keys()`, read by `[]` (CPython's mapping protocol). `None` for an object
/// without `keys`.
fn mapping_entries(mapping: Value) -> PyResult<Option<Gc<DictObj>>> {
    if let Some(dict) = crate::runtime::derived::merged_dict(mapping) {
        return Ok(Some(dict));
    }
    if let Some(dict) = crate::runtime::mappingproxy::target(mapping) {
        return Ok(Some(dict));
    }
    let Ok(keys) = get_attr(mapping, StrObj::new("keys")) else {
        return Ok(None);
    };
    let entries = new_dict();
    let keys = crate::runtime::iter::collect(call_simple(keys, &[])?)?;
    for i in 0..keys.len() {
        let key = keys.get(i);
        dict_set(entries, key, ops::get_item(mapping, key)?)?;
    }
    Ok(Some(entries))
}

#[jitgen_core::dont_look_inside]
fn list_to_tuple(frame: Gc<Frame>) -> PyResult<()> {
    let list = frame
        .pop()
        .downcast::<ListObj>()
        .expect("ListToTuple finds a list");
    frame.push(new_tuple(list.items));
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn unpack_sequence(frame: Gc<Frame>, count: usize) -> PyResult<()> {
    let items = crate::runtime::iter::collect(frame.pop())?;
    if items.len() != count {
        return value_error(if items.len() > count {
            format!("too many values to unpack (expected {count})")
        } else {
            format!(
                "not enough values to unpack (expected {count}, got {})",
                items.len()
            )
        });
    }
    for i in (0..count).rev() {
        frame.push(items.get(i));
    }
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn unpack_ex(frame: Gc<Frame>, arg: usize) -> PyResult<()> {
    let (before, after) = (arg & 0xff, arg >> 8);
    let items = crate::runtime::iter::collect(frame.pop())?;
    if items.len() < before + after {
        return value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        ));
    }
    let middle_end = items.len() - after;
    for i in (middle_end..items.len()).rev() {
        frame.push(items.get(i));
    }
    let middle = GcVec::new();
    for i in before..middle_end {
        middle.push(items.get(i));
    }
    frame.push(new_list(middle));
    for i in (0..before).rev() {
        frame.push(items.get(i));
    }
    Ok(())
}

#[jitgen_core::dont_look_inside]
fn make_function(frame: Gc<Frame>, flags: usize) -> PyResult<()> {
    let qualname = frame.pop();
    let code = frame
        .pop()
        .downcast::<CodeObj>()
        .expect("MakeFunction finds a code object");
    let closure = if flags as u32 & crate::bytecode::make::CLOSURE != 0 {
        frame.pop().downcast::<TupleObj>()
    } else {
        None
    };
    let kwdefaults = if flags as u32 & crate::bytecode::make::KW_DEFAULTS != 0 {
        frame.pop().downcast::<DictObj>()
    } else {
        None
    };
    let defaults = if flags as u32 & crate::bytecode::make::DEFAULTS != 0 {
        frame.pop().downcast::<TupleObj>()
    } else {
        None
    };
    let function = Gc::new(FunctionObj {
        code,
        globals: frame.globals,
        defaults: Mut::new(defaults),
        kwdefaults: Mut::new(kwdefaults),
        closure,
        name: Mut::new(code.name.erase()),
        qualname: Mut::new(qualname),
        doc: Mut::new(code.doc),
        module: Mut::new(None),
        dict: Mut::new(None),
    });
    frame.push(function.erase());
    Ok(())
}

/// `Call`/`CallKw`: the callee and its arguments are on the stack; the callee's slot is
/// the scratch slot before the arguments.
#[jitgen_core::dont_look_inside]
fn call(frame: Gc<Frame>, count: usize, with_names: bool) -> PyResult<()> {
    let kwnames = if with_names {
        frame.pop().downcast::<TupleObj>()
    } else {
        None
    };
    let nkw = kwnames.map_or(0, |k| k.items.len());
    let base = frame.sp.get() - count - 1;
    let callee = frame.slots.get(base);
    let args = Args {
        array: frame.slots,
        start: base + 1,
        npos: count - nkw,
        kwnames,
    };
    let in_frame = callee
        .downcast::<BuiltinObj>()
        .filter(|b| b.receiver.is_none() && crate::runtime::introspect::uses_frame(b.id, &args));
    let result = match in_frame {
        Some(builtin) => crate::runtime::introspect::call_in_frame(builtin.id, frame, args)?,
        None => call_value(callee, args)?,
    };
    frame.sp.set(base);
    frame.push(result);
    Ok(())
}

/// `CallEx`: `f(*args, **kwargs)` with a tuple and a dict (or None) on the stack.
#[jitgen_core::dont_look_inside]
fn call_ex(frame: Gc<Frame>) -> PyResult<()> {
    let kwargs = frame.pop().downcast::<DictObj>();
    let positional = frame
        .pop()
        .downcast::<TupleObj>()
        .expect("CallEx finds a tuple");
    let callee = frame.pop();
    let result = call_with_keywords(callee, positional.items.as_slice(), kwargs)?;
    frame.push(result);
    Ok(())
}

/// `BuildClass` (`arg` 1: with the class statement's keywords, a dict): runs the body
/// function in the namespace the metaclass prepares, then calls the metaclass.
#[jitgen_core::dont_look_inside]
fn build_class(frame: Gc<Frame>, ctx: Gc<Ctx>, with_keywords: bool) -> PyResult<()> {
    let keywords = match with_keywords {
        true => frame.pop().downcast::<DictObj>(),
        false => None,
    };
    let bases = frame
        .pop()
        .downcast::<TupleObj>()
        .expect("BuildClass finds its bases");
    let name = frame
        .pop()
        .downcast::<StrObj>()
        .expect("BuildClass finds its name");
    let body = frame
        .pop()
        .downcast::<FunctionObj>()
        .expect("BuildClass finds its body");
    let meta = metaclasses::of_statement(bases, keywords)?;
    let namespace = metaclasses::prepare(meta, name, bases, keywords)?;
    let body_frame = Frame::new(body.code, ctx, body.globals, Some(namespace));
    make_cells(body_frame, body.code, body.closure)?;
    let result = run_frame(body.code, body_frame, ctx)?;
    if result.is::<CellObj>() {
        dict_set(namespace, new_str("__classcell__"), result)?;
    }
    let class = metaclasses::make(meta, name, bases, namespace, keywords)?;
    frame.push(class);
    Ok(())
}

/// `Raise`: `raise` (the handled exception again), `raise exc`, `raise exc from cause`.
#[jitgen_core::dont_look_inside]
fn raise(frame: Gc<Frame>, ctx: Gc<Ctx>, count: usize) -> PyResult<()> {
    if count == 0 {
        return match ctx.handled.get().and_then(|e| e.downcast::<InstanceObj>()) {
            Some(handled) => Err(handled),
            None => Err(exception(
                TypeId::RuntimeError,
                "No active exception to reraise",
            )),
        };
    }
    if count == 2 {
        let cause = frame.pop();
        let error = to_exception(frame.pop())?;
        // `from None` suppresses the context too: the cause is then the None marker.
        let cause = if is_none(cause) {
            cause
        } else if crate::runtime::exceptions::is_exception_class(cause)
            || crate::runtime::exceptions::exception_instance(cause).is_some()
        {
            to_exception(cause)?.erase()
        } else {
            return type_error("exception causes must derive from BaseException".into());
        };
        error.cause.set(Some(cause));
        return Err(error);
    }
    Err(to_exception(frame.pop())?)
}

#[jitgen_core::dont_look_inside]
fn reraise(error: Value) -> PyResult<()> {
    match error.downcast::<InstanceObj>() {
        Some(instance) => Err(instance),
        None => type_error("exceptions must derive from BaseException".into()),
    }
}

/// `PushExcInfo`: `exc -> prev exc`, exc becomes the handled exception.
#[jitgen_core::dont_look_inside]
fn push_exc_info(frame: Gc<Frame>, ctx: Gc<Ctx>) {
    let error = frame.pop();
    frame.push(ctx.handled.get().unwrap_or(ctx.none));
    frame.push(error);
    ctx.handled.set(Some(error));
}

/// `PopExcept`: `prev ->`, prev becomes the handled exception again.
#[jitgen_core::dont_look_inside]
fn pop_except(frame: Gc<Frame>, ctx: Gc<Ctx>) {
    let previous = frame.pop();
    ctx.handled.set((previous != ctx.none).then_some(previous));
}

#[jitgen_core::dont_look_inside]
fn load_assertion_error(frame: Gc<Frame>) {
    frame.push(builtin_type(TypeId::AssertionError).erase());
}

#[jitgen_core::dont_look_inside]
fn check_exc_match(frame: Gc<Frame>, ctx: Gc<Ctx>) -> PyResult<()> {
    let clause = frame.pop();
    let matched = matches(frame.peek(0), clause)?;
    frame.push(if matched {
        ctx.true_value
    } else {
        ctx.false_value
    });
    Ok(())
}

/// `GetLen`: pushes the length of the value on top.
#[jitgen_core::dont_look_inside]
fn get_len(frame: Gc<Frame>) -> PyResult<()> {
    let len = ops::len(frame.peek(0))?;
    frame.push(new_int(len));
    Ok(())
}

/// `MatchSequence` (`sequence`) or `MatchMapping`: pushes whether the subject on top is a
/// sequence (or mapping) for patterns.
#[jitgen_core::dont_look_inside]
fn match_kind(frame: Gc<Frame>, ctx: Gc<Ctx>, sequence: bool) {
    let subject = frame.peek(0);
    let accepted = match sequence {
        true => matching::is_sequence(subject),
        false => matching::is_mapping(subject),
    };
    frame.push(new_bool_in(ctx, accepted));
}

/// `MatchKeys`: pushes the values of the keys on top in the mapping below them.
#[jitgen_core::dont_look_inside]
fn match_keys(frame: Gc<Frame>) -> PyResult<()> {
    let values = matching::match_keys(frame.peek(1), frame.peek(0))?;
    frame.push(values);
    Ok(())
}

/// `MatchClass`: replaces subject, class and attribute names by the attributes matched.
#[jitgen_core::dont_look_inside]
fn match_class(frame: Gc<Frame>, positional: usize) -> PyResult<()> {
    let names = frame.pop();
    let cls = frame.pop();
    let subject = frame.pop();
    frame.push(matching::match_class(subject, cls, positional, names)?);
    Ok(())
}

/// `ImportName`: imports `names[index]` with the level and fromlist on the stack.
#[jitgen_core::dont_look_inside]
fn import_name(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let fromlist = frame.pop();
    let level = frame.pop().downcast::<IntObj>().map_or(0, |l| l.value);
    let name = name_at(frame, index);
    let module = modules::import_name(frame.globals, name.as_str(), fromlist, level)?;
    frame.push(module);
    Ok(())
}

/// `ImportFrom`: pushes `names[index]` from the module on the stack.
#[jitgen_core::dont_look_inside]
fn import_from(frame: Gc<Frame>, index: usize) -> PyResult<()> {
    let value = modules::import_from(frame.peek(0), name_at(frame, index))?;
    frame.push(value);
    Ok(())
}

/// `ImportStar`: binds the public names of the module on the stack.
#[jitgen_core::dont_look_inside]
fn import_star(frame: Gc<Frame>) -> PyResult<()> {
    let module = frame.pop();
    modules::import_star(module, namespace(frame))
}

/// `BeforeWith`: looks up the manager's `__enter__` and `__exit__` on its class, pushes
/// the bound `__exit__` and `__enter__()`'s result.
#[jitgen_core::dont_look_inside]
fn before_with(frame: Gc<Frame>) -> PyResult<()> {
    let manager = frame.pop();
    let cls = type_of(manager);
    let unsupported = |detail: &str| {
        type_error(format!(
            "'{}' object does not support the context manager protocol{detail}",
            cls.name.as_str()
        ))
    };
    let Some(enter) = lookup_in_mro(cls, "__enter__") else {
        return unsupported("");
    };
    let Some(exit) = lookup_in_mro(cls, "__exit__") else {
        return unsupported(" (missed __exit__ method)");
    };
    frame.push(
        Gc::new(MethodObj {
            function: exit,
            receiver: manager,
        })
        .erase(),
    );
    frame.push(call_special(enter, manager, &[])?);
    Ok(())
}

/// `WithExceptStart`: calls `exit(type(exc), exc, traceback)` and pushes its result.
#[jitgen_core::dont_look_inside]
fn with_except_start(frame: Gc<Frame>) -> PyResult<()> {
    let error = frame.peek(0);
    let exit = frame.peek(2);
    let traceback = error
        .downcast::<InstanceObj>()
        .and_then(|e| e.traceback.get())
        .map_or_else(none, |t| t.erase());
    let result = call_simple(exit, &[type_of(error).erase(), error, traceback])?;
    frame.push(result);
    Ok(())
}

/// `YieldValue`: notes that the frame resumes at `pc` and pops the value to yield.
#[jitgen_core::dont_look_inside]
fn suspend(frame: Gc<Frame>, pc: usize) -> Value {
    frame.resume.set(pc as i64);
    frame.pop()
}

/// `ResumeYield`: raises the exception thrown into the generator, if one was.
#[jitgen_core::dont_look_inside]
fn resume_yield(frame: Gc<Frame>) -> PyResult<()> {
    if frame.resume.get() != generators::THROWING {
        return Ok(());
    }
    frame.resume.set(-1);
    Err(to_exception(frame.pop())?)
}

/// `Send` (`yield from`): resumes the iterator below the sent value; pushes what it
/// yields and returns true, or replaces it with its result and returns false.
#[jitgen_core::dont_look_inside]
fn send(frame: Gc<Frame>) -> PyResult<bool> {
    let sent = frame.pop();
    let iterator = frame.peek(0);
    let resumed = match iterator.downcast::<GeneratorObj>() {
        Some(generator) => generators::resume(generator, sent, false)?,
        None if is_none(sent) => match crate::runtime::iter::next(iterator)? {
            Some(value) => generators::Resumed::Yielded(value),
            None => generators::Resumed::Returned(none()),
        },
        None => {
            let method = get_attr(iterator, StrObj::new("send"))?;
            match call_simple(method, &[sent]) {
                Ok(value) => generators::Resumed::Yielded(value),
                Err(error) if is_subclass(error.cls, builtin_type(TypeId::StopIteration)) => {
                    generators::Resumed::Returned(generators::stop_value(error))
                }
                Err(error) => return Err(error),
            }
        }
    };
    match resumed {
        generators::Resumed::Yielded(value) => {
            frame.push(value);
            Ok(true)
        }
        generators::Resumed::Returned(value) => {
            frame.pop();
            frame.push(value);
            Ok(false)
        }
    }
}
