//! The interpreter: the dispatch loop (the JIT's portal) and calls.

use jitgen_core::gc::{Gc, GcVec, Mut, QuasiImmut};
use jitgen_core::{can_enter_jit, jit_merge_point};

use crate::bytecode::{method_argc, method_name, opcode, Op};
use crate::runtime::arith::{arith, bitwise, compare, invert, negate, ArithOp, BitOp, CmpOp};
use crate::runtime::builtins::call_builtin;
use crate::runtime::dict::{dict_get, dict_set, make_dict};
use crate::runtime::format::type_name;
use crate::runtime::objects::{
    ArrayObj, BuiltinObj, ClassObj, Code, Ctx, DictObj, ErrorObj, Frame, FunctionObj, GlobalCell,
    InstanceObj, StrObj, Symbol, Value,
};
use crate::runtime::text::contains;
use crate::runtime::values::{
    is_truthy, new_bool, new_str, runtime_error, thrown_error, values_equal, ToyResult,
};

/// Deepest allowed nesting of toy calls; one more is a "stack overflow" runtime error.
pub const MAX_DEPTH: i64 = 10_000;

/// The toy interpreter's JIT driver: the program position is (pc, code); the frame and the
/// context are the red variables, the frame being virtualizable.
#[jitgen_core::jit_driver(virtualizables(frame), location = toy_location)]
pub struct ToyDriver {
    #[green]
    pc: usize,
    #[green]
    code: Gc<Code>,
    #[red]
    frame: Gc<Frame>,
    #[red]
    ctx: Gc<Ctx>,
}

/// `function:pc Op [name] (line L:C)` for JIT logs: where the function is, the instruction
/// about to run (with the global, field or method it names) and its source position.
fn toy_location(driver: &ToyDriver) -> String {
    let (code, pc) = (driver.code, driver.pc);
    let function = code.name.as_str();
    if pc >= code.ops.len() {
        return format!("{function}:{pc}");
    }
    let instr = code.ops.get(pc);
    let arg = (instr >> 8) as usize;
    let op = opcode(instr);
    let named = match op {
        Op::LoadGlobal | Op::StoreGlobal | Op::DefineGlobal | Op::GetField | Op::SetField => {
            Some(arg)
        }
        Op::CallMethod | Op::CallSuper => Some(method_name(arg)),
        _ => None,
    };
    let name = named.map_or(String::new(), |n| format!(" {}", code.names.get(n).name));
    let packed = code.positions.get(pc);
    let (line, col) = (packed >> 32, packed as u32);
    format!("{function}:{pc} {op:?}{name} (line {line}:{col})")
}

/// Runs `code` in `frame` until it returns a value or an error escapes it.
#[jitgen_core::portal]
pub fn execute(code: Gc<Code>, frame: Gc<Frame>, ctx: Gc<Ctx>) -> ToyResult<Value> {
    let mut pc: usize = 0;
    loop {
        jit_merge_point!(ToyDriver {
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
        let outcome: ToyResult<()> = match op {
            Op::LoadConst => {
                frame.push(code.consts.get(arg));
                Ok(())
            }
            Op::LoadNil => {
                frame.push(ctx.nil);
                Ok(())
            }
            Op::LoadTrue => {
                frame.push(ctx.true_value);
                Ok(())
            }
            Op::LoadFalse => {
                frame.push(ctx.false_value);
                Ok(())
            }
            Op::LoadLocal => {
                frame.push(frame.local(arg));
                Ok(())
            }
            Op::StoreLocal => {
                frame.set_local(arg, frame.pop(ctx));
                Ok(())
            }
            Op::LoadGlobal => push_global(frame, ctx, code.names.get(arg)),
            Op::StoreGlobal => store_global(ctx, code.names.get(arg), frame.pop(ctx)),
            Op::DefineGlobal => {
                define_global(global_cell(ctx, code.names.get(arg)), frame.pop(ctx));
                Ok(())
            }
            Op::Pop => {
                frame.pop(ctx);
                Ok(())
            }
            Op::Add => binary_arith(frame, ctx, ArithOp::Add),
            Op::Sub => binary_arith(frame, ctx, ArithOp::Sub),
            Op::Mul => binary_arith(frame, ctx, ArithOp::Mul),
            Op::Div => binary_arith(frame, ctx, ArithOp::Div),
            Op::Mod => binary_arith(frame, ctx, ArithOp::Mod),
            Op::BitAnd => binary_bitwise(frame, ctx, BitOp::And),
            Op::BitOr => binary_bitwise(frame, ctx, BitOp::Or),
            Op::BitXor => binary_bitwise(frame, ctx, BitOp::Xor),
            Op::Shl => binary_bitwise(frame, ctx, BitOp::Shl),
            Op::Shr => binary_bitwise(frame, ctx, BitOp::Shr),
            Op::In => binary_contains(frame, ctx),
            Op::Lt => binary_compare(frame, ctx, CmpOp::Lt),
            Op::Le => binary_compare(frame, ctx, CmpOp::Le),
            Op::Gt => binary_compare(frame, ctx, CmpOp::Gt),
            Op::Ge => binary_compare(frame, ctx, CmpOp::Ge),
            Op::Eq | Op::Ne => {
                let b = frame.pop(ctx);
                let a = frame.pop(ctx);
                frame.push(new_bool(ctx, values_equal(a, b) == (op == Op::Eq)));
                Ok(())
            }
            Op::Neg => unary_negate(frame, ctx),
            Op::Invert => unary_invert(frame, ctx),
            Op::Not => {
                let value = frame.pop(ctx);
                frame.push(new_bool(ctx, !is_truthy(value)));
                Ok(())
            }
            Op::Jump => {
                pc = arg;
                Ok(())
            }
            Op::JumpIfFalse => {
                if !is_truthy(frame.pop(ctx)) {
                    pc = arg;
                }
                Ok(())
            }
            Op::JumpIfFalseOrPop => {
                if is_truthy(frame.peek(0)) {
                    frame.pop(ctx);
                } else {
                    pc = arg;
                }
                Ok(())
            }
            Op::JumpIfTrueOrPop => {
                if is_truthy(frame.peek(0)) {
                    pc = arg;
                } else {
                    frame.pop(ctx);
                }
                Ok(())
            }
            Op::Loop => {
                pc = arg;
                can_enter_jit!(ToyDriver {
                    pc,
                    code,
                    frame,
                    ctx
                });
                Ok(())
            }
            Op::Call => call(frame, ctx, arg),
            Op::CallMethod => {
                let name = code.names.get(method_name(arg));
                call_method(frame, ctx, name, method_argc(arg))
            }
            Op::GetField => push_field(frame, ctx, code.names.get(arg)),
            Op::SetField => {
                let value = frame.pop(ctx);
                set_field(ctx, frame.pop(ctx), code.names.get(arg), value)
            }
            Op::GetIndex => push_index(frame, ctx),
            Op::SetIndex => {
                let value = frame.pop(ctx);
                let index = frame.pop(ctx);
                set_index(frame.pop(ctx), index, value)
            }
            Op::MakeArray => {
                frame.push(make_array(frame, arg));
                Ok(())
            }
            Op::MakeDict => {
                frame.push(make_dict(frame, arg));
                Ok(())
            }
            Op::Inherit => {
                let superclass = frame.pop(ctx);
                inherit(frame.peek(0), superclass)
            }
            Op::CallSuper => {
                let name = code.names.get(method_name(arg));
                call_super(frame, ctx, name, method_argc(arg))
            }
            Op::Return => return Ok(frame.pop(ctx)),
            Op::Throw => Err(thrown_error(frame.pop(ctx))),
            Op::SetupTry => {
                frame.push_handler(arg);
                Ok(())
            }
            Op::PopTry => {
                frame.pop_handler();
                Ok(())
            }
        };
        if let Err(error) = outcome {
            record_trace(error, code, op_pc);
            if !frame.has_handler() {
                return Err(error);
            }
            // The handler's pc is a green: a constant for the JIT (one guard).
            pc = jitgen_core::hints::promote(frame.unwind_to_handler(error.value));
        }
    }
}

/// `LoadGlobal`: pushes the global `name`. (The run's one context is promoted, so the
/// cell lookup folds in traces.)
#[jitgen_core::look_inside]
fn push_global(frame: Gc<Frame>, ctx: Gc<Ctx>, name: Gc<Symbol>) -> ToyResult<()> {
    let ctx = jitgen_core::hints::promote(ctx);
    if let Some(value) = global_value(global_cell(ctx, name)) {
        frame.push(value);
        return Ok(());
    }
    Err(undefined_variable(name))
}

/// `Invert`: replaces the top value by its bitwise complement.
#[jitgen_core::look_inside]
fn unary_invert(frame: Gc<Frame>, ctx: Gc<Ctx>) -> ToyResult<()> {
    frame.push(invert(frame.pop(ctx))?);
    Ok(())
}

/// `Neg`: replaces the top value by its negation.
#[jitgen_core::look_inside]
fn unary_negate(frame: Gc<Frame>, ctx: Gc<Ctx>) -> ToyResult<()> {
    frame.push(negate(frame.pop(ctx))?);
    Ok(())
}

/// `GetField`: replaces the top value by its field `name`.
#[jitgen_core::look_inside]
fn push_field(frame: Gc<Frame>, ctx: Gc<Ctx>, name: Gc<Symbol>) -> ToyResult<()> {
    frame.push(get_field(frame.pop(ctx), name)?);
    Ok(())
}

/// `GetIndex`: replaces `container, index` on top by the item.
#[jitgen_core::look_inside]
fn push_index(frame: Gc<Frame>, ctx: Gc<Ctx>) -> ToyResult<()> {
    let index = frame.pop(ctx);
    frame.push(get_index(ctx, frame.pop(ctx), index)?);
    Ok(())
}

/// Notes that `error` passed through `code` at `pc` (for the traceback).
#[jitgen_core::dont_look_inside]
fn record_trace(error: Gc<ErrorObj>, code: Gc<Code>, pc: usize) {
    error.trace_codes.push(code);
    error.trace_pcs.push(pc as i64);
}

#[jitgen_core::look_inside]
fn binary_arith(frame: Gc<Frame>, ctx: Gc<Ctx>, op: ArithOp) -> ToyResult<()> {
    let b = frame.pop(ctx);
    let a = frame.pop(ctx);
    frame.push(arith(op, a, b)?);
    Ok(())
}

#[jitgen_core::look_inside]
fn binary_bitwise(frame: Gc<Frame>, ctx: Gc<Ctx>, op: BitOp) -> ToyResult<()> {
    let b = frame.pop(ctx);
    let a = frame.pop(ctx);
    frame.push(bitwise(op, a, b)?);
    Ok(())
}

/// `In`: replaces `item, container` on top by whether the container holds the item.
#[jitgen_core::look_inside]
fn binary_contains(frame: Gc<Frame>, ctx: Gc<Ctx>) -> ToyResult<()> {
    let container = frame.pop(ctx);
    let item = frame.pop(ctx);
    frame.push(new_bool(ctx, contains(item, container)?));
    Ok(())
}

#[jitgen_core::look_inside]
fn binary_compare(frame: Gc<Frame>, ctx: Gc<Ctx>, op: CmpOp) -> ToyResult<()> {
    let b = frame.pop(ctx);
    let a = frame.pop(ctx);
    frame.push(compare(ctx, op, a, b)?);
    Ok(())
}

/// The cell of the global `name`, made (empty) the first time it is asked for: the same
/// cell for the same name ever after, which makes the lookup elidable.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
pub fn global_cell(ctx: Gc<Ctx>, name: Gc<Symbol>) -> Gc<GlobalCell> {
    if let Some(cell) = ctx.globals.get(name) {
        return cell;
    }
    let cell = Gc::new(GlobalCell {
        constant: QuasiImmut::new(None),
        varies: QuasiImmut::new(false),
        value: Mut::new(None),
    });
    ctx.globals.insert(name, cell);
    cell
}

/// `StoreGlobal`: assigns the global `name`, which must be defined.
#[jitgen_core::look_inside]
fn store_global(ctx: Gc<Ctx>, name: Gc<Symbol>, value: Value) -> ToyResult<()> {
    let ctx = jitgen_core::hints::promote(ctx);
    let cell = global_cell(ctx, name);
    if global_value(cell).is_none() {
        return Err(undefined_variable(name));
    }
    set_global(cell, value);
    Ok(())
}

/// A global's value (`None`: undefined). In a trace, a global that does not vary is a
/// constant.
#[jitgen_core::look_inside]
fn global_value(cell: Gc<GlobalCell>) -> Option<Value> {
    if cell.varies.get() {
        cell.value.get()
    } else {
        cell.constant.get()
    }
}

/// Assigns a defined global: the first change makes it vary (compiled code that folded
/// its value is invalidated).
#[jitgen_core::look_inside]
fn set_global(cell: Gc<GlobalCell>, value: Value) {
    cell.value.set(Some(value));
    if !cell.varies.get() {
        cell.set_varies(true);
    }
}

/// `DefineGlobal` (a top-level `let`): the first definition makes the global's constant
/// value; defining it again changes it.
pub fn define_global(cell: Gc<GlobalCell>, value: Value) {
    if !cell.varies.get() && cell.constant.get().is_none() {
        cell.set_constant(Some(value));
    } else {
        set_global(cell, value);
    }
}

/// The error for a use of an undefined global.
#[jitgen_core::dont_look_inside]
fn undefined_variable(name: Gc<Symbol>) -> Gc<ErrorObj> {
    runtime_error(format!("undefined variable: {}", name.name))
}

/// Pops `count` values into a new array, in push order.
#[jitgen_core::dont_look_inside]
fn make_array(frame: Gc<Frame>, count: usize) -> Value {
    let items = GcVec::with_capacity(count);
    let base = frame.sp.get() - count;
    for i in 0..count {
        items.push(frame.slots.get(base + i));
    }
    frame.sp.set(base);
    Gc::new(ArrayObj { items }).erase()
}

/// `callee(args...)` with `[callee, args...]` on top of the caller's stack.
#[jitgen_core::look_inside]
fn call(frame: Gc<Frame>, ctx: Gc<Ctx>, argc: usize) -> ToyResult<()> {
    let base = frame.sp.get() - argc - 1;
    let callee = frame.slots.get(base);
    if let Some(function) = callee.downcast::<FunctionObj>() {
        let result = call_code(frame, ctx, function.code, None, base + 1, argc)?;
        frame.drop_to(base, ctx);
        frame.push(result);
        return Ok(());
    }
    if let Some(class) = callee.downcast::<ClassObj>() {
        let instance = InstanceObj::new(class, ctx).erase();
        if let Some(init) = method_of(class, ctx.init) {
            call_code(frame, ctx, init, Some(instance), base + 1, argc)?;
        } else if argc != 0 {
            return Err(init_arity_error(class, argc));
        }
        frame.drop_to(base, ctx);
        frame.push(instance);
        return Ok(());
    }
    if let Some(builtin) = callee.downcast::<BuiltinObj>() {
        let result = call_builtin(frame, ctx, builtin.id, base + 1, argc)?;
        frame.drop_to(base, ctx);
        frame.push(result);
        return Ok(());
    }
    Err(not_callable(callee))
}

/// The error of calling a class without `init` with arguments.
#[jitgen_core::dont_look_inside]
fn init_arity_error(class: Gc<ClassObj>, argc: usize) -> Gc<ErrorObj> {
    runtime_error(format!(
        "wrong number of arguments: {} expects 0, got {argc}",
        class.name.as_str()
    ))
}

/// The error of calling something that is not callable.
#[jitgen_core::dont_look_inside]
fn not_callable(callee: Value) -> Gc<ErrorObj> {
    runtime_error(format!("not callable: {}", type_name(callee)))
}

/// `receiver.name(args...)` with `[receiver, args...]` on top of the caller's stack.
#[jitgen_core::look_inside]
fn call_method(frame: Gc<Frame>, ctx: Gc<Ctx>, name: Gc<Symbol>, argc: usize) -> ToyResult<()> {
    let base = frame.sp.get() - argc - 1;
    let receiver = frame.slots.get(base);
    let Some(instance) = receiver.downcast::<InstanceObj>() else {
        return Err(no_method_on(name, receiver));
    };
    let class = jitgen_core::hints::promote(instance.class);
    let Some(method) = method_of(class, name) else {
        return Err(no_method(name));
    };
    let result = call_code(frame, ctx, method, Some(receiver), base + 1, argc)?;
    frame.drop_to(base, ctx);
    frame.push(result);
    Ok(())
}

/// `super.name(args...)` with `[class, self, args...]` on top of the caller's stack:
/// calls the method `name` of `class`'s superclass. Without a superclass `init`, a
/// `super.init()` without arguments does nothing (as calling a class without `init`).
#[jitgen_core::look_inside]
fn call_super(frame: Gc<Frame>, ctx: Gc<Ctx>, name: Gc<Symbol>, argc: usize) -> ToyResult<()> {
    let base = frame.sp.get() - argc - 2;
    let class = class_of_method(frame.slots.get(base));
    let receiver = frame.slots.get(base + 1);
    let Some(superclass) = class.superclass.get() else {
        return Err(no_superclass(class));
    };
    let mut result = ctx.nil;
    if let Some(method) = method_of(superclass, name) {
        result = call_code(frame, ctx, method, Some(receiver), base + 2, argc)?;
    } else {
        missing_super_method(ctx, name, argc)?;
    }
    frame.drop_to(base, ctx);
    frame.push(result);
    Ok(())
}

/// A `super` call of a method the superclass lacks: fine for `super.init()` without
/// arguments, else the error.
#[jitgen_core::dont_look_inside]
fn missing_super_method(ctx: Gc<Ctx>, name: Gc<Symbol>, argc: usize) -> ToyResult<()> {
    if Gc::ptr_eq(name, ctx.init) && argc == 0 {
        return Ok(());
    }
    Err(no_method(name))
}

/// The class constant a `CallSuper` finds below the receiver (the compiler puts it there).
#[jitgen_core::dont_look_inside]
fn class_of_method(value: Value) -> Gc<ClassObj> {
    value
        .downcast::<ClassObj>()
        .expect("CallSuper finds the method's class below the receiver")
}

/// The error of `super` in a class whose superclass is not set.
#[jitgen_core::dont_look_inside]
fn no_superclass(class: Gc<ClassObj>) -> Gc<ErrorObj> {
    runtime_error(format!("class {} has no superclass", class.name.as_str()))
}

/// `Inherit`: `class` inherits the methods it does not define from `superclass`.
#[jitgen_core::dont_look_inside]
fn inherit(class: Value, superclass: Value) -> ToyResult<()> {
    let Some(superclass) = superclass.downcast::<ClassObj>() else {
        return Err(runtime_error(format!(
            "superclass must be a class, not {}",
            type_name(superclass)
        )));
    };
    let class = class_of_method(class);
    let table = superclass.methods;
    for slot in 0..table.entry_slots() {
        if let Some((name, code)) = table.entry_at(slot) {
            if !class.methods.contains_key(name) {
                class.methods.insert(name, code);
            }
        }
    }
    class.set_superclass(Some(superclass));
    Ok(())
}

/// The method `name` of `class`. Pure: a class's methods never change after loading.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
fn method_of(class: Gc<ClassObj>, name: Gc<Symbol>) -> Option<Gc<Code>> {
    class.methods.get(name)
}

/// The error of calling a method on something that is not an instance.
#[jitgen_core::dont_look_inside]
fn no_method_on(name: Gc<Symbol>, receiver: Value) -> Gc<ErrorObj> {
    runtime_error(format!(
        "no method {} on {}",
        name.name,
        type_name(receiver)
    ))
}

/// The error of calling a method an instance's class does not have.
#[jitgen_core::dont_look_inside]
fn no_method(name: Gc<Symbol>) -> Gc<ErrorObj> {
    runtime_error(format!("no method {}", name.name))
}

/// Runs `code` in a new frame, with `receiver` as `self` (methods) and the `argc` arguments
/// found at `frame.slots[args..]`. Checks the arity and the call depth.
#[jitgen_core::look_inside]
fn call_code(
    frame: Gc<Frame>,
    ctx: Gc<Ctx>,
    code: Gc<Code>,
    receiver: Option<Value>,
    args: usize,
    argc: usize,
) -> ToyResult<Value> {
    if argc as i64 != code.arity {
        return Err(arity_error(code, argc));
    }
    let depth = ctx.depth.get();
    if depth >= MAX_DEPTH {
        return Err(stack_overflow());
    }
    let callee_frame = Frame::new(code, ctx);
    let first_arg = if let Some(receiver) = receiver {
        callee_frame.set_local(0, receiver);
        1
    } else {
        0
    };
    let mut i = 0;
    while i < argc {
        callee_frame.set_local(first_arg + i, frame.slots.get(args + i));
        i += 1;
    }
    ctx.depth.set(depth + 1);
    let result = execute(code, callee_frame, ctx);
    ctx.depth.set(depth);
    result
}

/// The error of calling `code` with the wrong number of arguments.
#[jitgen_core::dont_look_inside]
fn arity_error(code: Gc<Code>, argc: usize) -> Gc<ErrorObj> {
    runtime_error(format!(
        "wrong number of arguments: {} expects {}, got {argc}",
        code.name.as_str(),
        code.arity
    ))
}

/// The error of calling deeper than [`MAX_DEPTH`].
#[jitgen_core::dont_look_inside]
fn stack_overflow() -> Gc<ErrorObj> {
    runtime_error("stack overflow".into())
}

/// `object.name` on an instance, else the error.
#[jitgen_core::look_inside]
fn get_field(object: Value, name: Gc<Symbol>) -> ToyResult<Value> {
    let Some(instance) = object.downcast::<InstanceObj>() else {
        return Err(no_field_on(name, object));
    };
    let Some(value) = instance.field(name) else {
        return Err(no_field(name));
    };
    Ok(value)
}

/// The error of reading a field of something that is not an instance.
#[jitgen_core::dont_look_inside]
fn no_field_on(name: Gc<Symbol>, object: Value) -> Gc<ErrorObj> {
    runtime_error(format!("no field {} on {}", name.name, type_name(object)))
}

/// The error of reading a field an instance does not have.
#[jitgen_core::dont_look_inside]
fn no_field(name: Gc<Symbol>) -> Gc<ErrorObj> {
    runtime_error(format!("no field {}", name.name))
}

/// `object.name = value` on an instance, else the error.
#[jitgen_core::look_inside]
fn set_field(ctx: Gc<Ctx>, object: Value, name: Gc<Symbol>, value: Value) -> ToyResult<()> {
    let Some(instance) = object.downcast::<InstanceObj>() else {
        return Err(cannot_set_field(name, object));
    };
    instance.set_field(name, value, ctx);
    Ok(())
}

/// The error of setting a field of something that is not an instance.
#[jitgen_core::dont_look_inside]
fn cannot_set_field(name: Gc<Symbol>, object: Value) -> Gc<ErrorObj> {
    runtime_error(format!(
        "cannot set field {} on {}",
        name.name,
        type_name(object)
    ))
}

/// Checks an index value against a length.
#[jitgen_core::look_inside]
fn checked_index(index: Value, len: usize) -> ToyResult<usize> {
    let Some(i) = index.downcast::<crate::runtime::objects::IntObj>() else {
        return Err(index_type_error(index));
    };
    if i.value < 0 || i.value as u64 >= len as u64 {
        return Err(index_out_of_range());
    }
    Ok(i.value as usize)
}

/// The error of indexing with a value that is not an int.
#[jitgen_core::dont_look_inside]
fn index_type_error(index: Value) -> Gc<ErrorObj> {
    runtime_error(format!("index must be an int, not {}", type_name(index)))
}

/// The error of an index outside `0..len`.
#[jitgen_core::dont_look_inside]
fn index_out_of_range() -> Gc<ErrorObj> {
    runtime_error("index out of range".into())
}

/// `container[index]`: an item of an array, a value of a dict, a character of a string.
#[jitgen_core::look_inside]
fn get_index(ctx: Gc<Ctx>, container: Value, index: Value) -> ToyResult<Value> {
    if let Some(array) = container.downcast::<ArrayObj>() {
        let i = checked_index(index, array.items.len())?;
        return Ok(array.items.get(i));
    }
    if let Some(dict) = container.downcast::<DictObj>() {
        return dict_get(dict, index);
    }
    if let Some(s) = container.downcast::<StrObj>() {
        // As many characters as bytes: ASCII, one byte a character.
        if s.chars as usize == s.bytes.len() {
            let i = checked_index(index, s.bytes.len())?;
            let ctx = jitgen_core::hints::promote(ctx);
            return Ok(ctx.ascii_chars.get(s.bytes.get(i) as usize));
        }
    }
    index_string(container, index)
}

/// The error of assigning to an index of something that is not an array.
#[jitgen_core::dont_look_inside]
fn cannot_assign_index(container: Value) -> Gc<ErrorObj> {
    runtime_error(format!(
        "cannot assign to an index of {}",
        type_name(container)
    ))
}

/// `s[i]` on a string with characters beyond ASCII (or on something else: the error): the
/// `i`-th character, as a string.
#[jitgen_core::dont_look_inside]
fn index_string(container: Value, index: Value) -> ToyResult<Value> {
    let Some(s) = container.downcast::<StrObj>() else {
        return Err(runtime_error(format!(
            "cannot index {}",
            type_name(container)
        )));
    };
    let i = checked_index(index, s.chars as usize)?;
    Ok(new_str(s.char_slice(i, i + 1)))
}

/// `container[index] = value` on an array or a dict, else the error.
#[jitgen_core::look_inside]
fn set_index(container: Value, index: Value, value: Value) -> ToyResult<()> {
    if let Some(dict) = container.downcast::<DictObj>() {
        dict_set(dict, index, value);
        return Ok(());
    }
    let Some(array) = container.downcast::<ArrayObj>() else {
        return Err(cannot_assign_index(container));
    };
    let i = checked_index(index, array.items.len())?;
    array.items.set(i, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use jitgen_core::blackhole::{self, Mode, Outcome, Value as Word};
    use jitgen_core::jitcode::Registry;

    use super::{checked_index, get_field};
    use crate::runtime::format::to_display;
    use crate::runtime::objects::{ErrorObj, Symbol};
    use crate::runtime::values::{new_int, new_str};

    /// `checked_index` natively and through its staged jitcode: the index, or the message.
    #[test]
    fn checked_index_matches_native() {
        let registry = Registry::with_staged();
        let id = registry
            .lookup(jitgen_core::__private::type_id_of(&checked_index))
            .expect("checked_index is staged");
        // Locals, not a `Vec`: the conservative stack scan keeps them alive.
        let (zero, two, three, minus) = (new_int(0), new_int(2), new_int(3), new_int(-1));
        let text = new_str("0");
        for index in [zero, two, three, minus, text] {
            let native = checked_index(index, 3).map_err(|e| to_display(e.value));
            let args = [Word::of(index), Word::of(3usize)];
            let staged = match blackhole::call(&registry, id, &args, Mode::Complete) {
                Outcome::Return(Word::Int(i)) => Ok(i as usize),
                Outcome::Err(e) => Err(to_display(
                    e.downcast::<ErrorObj>().expect("an ErrorObj").value,
                )),
                other => panic!("unexpected outcome {other:?}"),
            };
            assert_eq!(staged, native);
        }
    }

    /// `get_field` on values that are not instances, natively and through its staged
    /// jitcode: the same error message.
    #[test]
    fn get_field_matches_native() {
        let registry = Registry::with_staged();
        let id = registry
            .lookup(jitgen_core::__private::type_id_of(&get_field))
            .expect("get_field is staged");
        let name = jitgen_core::gc::Gc::new(Symbol { name: "x".into() });
        let (int, text) = (new_int(4), new_str("s"));
        for object in [int, text] {
            let native = get_field(object, name).map_err(|e| to_display(e.value));
            let args = [Word::of(object), Word::of(name)];
            let staged = match blackhole::call(&registry, id, &args, Mode::Complete) {
                Outcome::Return(Word::Ref(Some(v))) => Ok(v),
                Outcome::Err(e) => Err(to_display(
                    e.downcast::<ErrorObj>().expect("an ErrorObj").value,
                )),
                other => panic!("unexpected outcome {other:?}"),
            };
            assert_eq!(staged, native);
            assert!(native.is_err());
        }
    }
}
