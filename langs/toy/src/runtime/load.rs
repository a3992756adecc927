//! Loading a compiled [`Program`] onto the GC heap: code objects, constants, classes, symbols,
//! and the execution context with the built-ins defined.

use jitgen_core::gc::{Gc, GcImmutableArray, GcTable, GcVec, Mut, QuasiImmut, Root};

use crate::bytecode::{Const, Program};
use crate::runtime::builtins::Builtin;
use crate::runtime::objects::{
    BoolObj, BuiltinObj, ClassObj, Code, Ctx, FunctionObj, Map, NilObj, StrObj, Symbol, Value,
};
use crate::runtime::values::{new_float, new_int, new_str};

/// Builds the heap objects of one program.
struct Loader<'p> {
    program: &'p Program,
    names: Gc<GcImmutableArray<Gc<Symbol>>>,
    /// Function values by index into `program.functions`, built on first use.
    functions: Vec<Option<Root<FunctionObj>>>,
    /// Classes by index into `program.classes`, built on first use (a method refers to its
    /// own class for `super`, so a class is registered before its methods are loaded).
    classes: Vec<Option<Root<ClassObj>>>,
}

/// Loads `program`; returns the context and the code of its top level.
pub fn load(program: &Program) -> (Gc<Ctx>, Gc<Code>) {
    let symbols = GcVec::with_capacity(program.names.len());
    for name in &program.names {
        symbols.push(Gc::new(Symbol {
            name: name.as_str().into(),
        }));
    }
    let names = GcImmutableArray::from_gc_vec(symbols);
    let nil = Gc::new(NilObj { unused: 0 }).erase();
    let init = match program.names.iter().position(|n| n == "init") {
        Some(index) => names.get(index),
        None => Gc::new(Symbol {
            name: "init".into(),
        }),
    };
    let chars = GcVec::with_capacity(128);
    for code in 0..128u8 {
        chars.push(StrObj::new(char::from(code).encode_utf8(&mut [0; 4])).erase());
    }
    let ctx = Gc::new(Ctx {
        init,
        ascii_chars: GcImmutableArray::from_gc_vec(chars),
        globals: GcTable::new(),
        nil,
        true_value: Gc::new(BoolObj { value: true }).erase(),
        false_value: Gc::new(BoolObj { value: false }).erase(),
        depth: Mut::new(0),
    });
    for builtin in Builtin::ALL {
        if let Some(index) = program.names.iter().position(|n| n == builtin.name()) {
            let builtin = Gc::new(BuiltinObj { id: builtin as i64 }).erase();
            let cell = crate::runtime::interp::global_cell(ctx, names.get(index));
            crate::runtime::interp::define_global(cell, builtin);
        }
    }
    let mut loader = Loader {
        program,
        names,
        functions: vec![None; program.functions.len()],
        classes: vec![None; program.classes.len()],
    };
    let main = loader.code(program.main, ctx);
    (ctx, main)
}

impl Loader<'_> {
    fn code(&mut self, index: usize, ctx: Gc<Ctx>) -> Gc<Code> {
        let proto = &self.program.functions[index];
        let consts = GcVec::with_capacity(proto.consts.len());
        for constant in &proto.consts {
            consts.push(self.constant(constant, ctx));
        }
        let positions: Vec<u64> = proto
            .positions
            .iter()
            .map(|&(line, col)| (u64::from(line) << 32) | u64::from(col))
            .collect();
        Gc::new(Code {
            name: StrObj::new(proto.name.as_str()),
            arity: i64::from(proto.arity),
            is_method: proto.is_method,
            num_locals: i64::from(proto.num_locals),
            max_stack: i64::from(proto.max_stack),
            ops: GcImmutableArray::from_slice(&proto.code),
            positions: GcImmutableArray::from_slice(&positions),
            consts: GcImmutableArray::from_gc_vec(consts),
            names: self.names,
        })
    }

    fn constant(&mut self, constant: &Const, ctx: Gc<Ctx>) -> Value {
        match constant {
            Const::Int(i) => new_int(*i),
            Const::Float(f) => new_float(*f),
            Const::Str(s) => new_str(s),
            Const::Function(index) => self.function(*index, ctx).erase(),
            Const::Class(index) => self.class(*index, ctx).erase(),
        }
    }

    fn class(&mut self, index: usize, ctx: Gc<Ctx>) -> Gc<ClassObj> {
        if let Some(done) = &self.classes[index] {
            return done.get();
        }
        let proto = &self.program.classes[index];
        let class = Gc::new(ClassObj {
            name: StrObj::new(proto.name.as_str()),
            methods: GcTable::new(),
            empty_map: Map::empty(),
            superclass: QuasiImmut::new(None),
        });
        self.classes[index] = Some(Root::new(class));
        for &method in &proto.methods {
            let code = self.code(method, ctx);
            let name = &self.program.functions[method].name;
            let symbol = self.symbol(name, ctx);
            class.methods.insert(symbol, code);
        }
        class
    }

    fn function(&mut self, index: usize, ctx: Gc<Ctx>) -> Gc<FunctionObj> {
        if let Some(done) = &self.functions[index] {
            return done.get();
        }
        let function = Gc::new(FunctionObj {
            code: self.code(index, ctx),
        });
        self.functions[index] = Some(Root::new(function));
        function
    }

    /// The symbol of a method name: the one in the program's name table, or `init`, or else
    /// a fresh one (a method the program never names cannot be called).
    fn symbol(&self, name: &str, ctx: Gc<Ctx>) -> Gc<Symbol> {
        match self.program.names.iter().position(|n| n == name) {
            Some(index) => self.names.get(index),
            None if name == "init" => ctx.init,
            None => Gc::new(Symbol { name: name.into() }),
        }
    }
}
