//! Parsing the text form (`display.rs`) back into a [`TraceLoop`]: `parse(print(t))` prints
//! as `t` does. Names resolve through a [`Namespace`].
//!
//! The parser checks the syntax, the names, that every variable keeps one kind, and each
//! op's operand count and kinds, its result's kind, and resume frames against their jitcode
//! (pc and registers in range, kinds matching). What [`TraceLoop::verify`] checks
//! (definitions before uses, guards and resume data, the final `jump`) it leaves to it, so a
//! broken trace can be written down to test the verifier.

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use crate::jitcode::{
    display as names, kind_of_value, AnyReg, DivOp, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp,
    IntCmpOp, IntWidth, Kind, OvfOp, ShiftOp,
};
use crate::layout::ValueKind;
use crate::trace::IndexCheck::{Checked, Proven};
use crate::trace::{
    Allocation, Arg, MergePointMark, Namespace, Op, OpKind, PendingStore, ResumeData, ResumeFrame,
    TraceLoop, VableState, VirtualObject,
};

/// Why a text is not a trace: where (1-based line and column, in characters) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line.
    pub line: usize,
    /// The column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for ParseError {}

impl TraceLoop {
    /// Parses the text form of a trace (as `Display` prints it); blank lines and lines
    /// starting with `;` are comments, as is `; ...` after an op.
    pub fn parse(text: &str, names: &Namespace) -> Result<TraceLoop, ParseError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, line)| Cursor::new(i + 1, line))
            .filter(|c| !c.is_comment());
        let Some(mut header) = lines.next() else {
            return Err(ParseError {
                line: 1,
                col: 1,
                message: "expected `loop NAME(INPUTS)`, found no trace".into(),
            });
        };
        let mut parser = Parser {
            names,
            kinds: HashMap::new(),
            trace: TraceLoop::new(String::new(), &[]),
            previous_resume: None,
        };
        parser.header(&mut header)?;
        for mut line in lines {
            let op = parser.op(&mut line)?;
            parser.trace.ops.push(op);
        }
        Ok(parser.finish())
    }
}

/// A position in one line.
struct Cursor<'l> {
    number: usize,
    text: &'l str,
    /// Byte offset.
    pos: usize,
}

impl<'l> Cursor<'l> {
    fn new(number: usize, text: &'l str) -> Cursor<'l> {
        Cursor {
            number,
            text,
            pos: 0,
        }
    }

    fn is_comment(&self) -> bool {
        let t = self.text.trim_start();
        t.is_empty() || t.starts_with(';')
    }

    fn rest(&self) -> &'l str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Consumes `s` if the text continues with it.
    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: &str) -> Result<(), ParseError> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{s}`")))
        }
    }

    /// Whether only spaces (or a `;` comment) are left.
    fn at_end(&self) -> bool {
        let rest = self.rest().trim_start();
        rest.is_empty() || rest.starts_with(';')
    }

    /// An error at byte offset `pos`.
    fn error_at(&self, pos: usize, message: String) -> ParseError {
        ParseError {
            line: self.number,
            col: self.text[..pos].chars().count() + 1,
            message,
        }
    }

    fn error(&self, message: String) -> ParseError {
        self.error_at(self.pos, message)
    }

    /// "expected X, found ..." at the current position.
    fn unexpected(&self, expected: &str) -> ParseError {
        let found = match self.rest().split_whitespace().next() {
            Some(word) => format!("`{word}`"),
            None => "the end of the line".into(),
        };
        self.error(format!("expected {expected}, found {found}"))
    }

    /// A name: up to a space, a comma, `]`, `;` or `@` outside brackets (`<..>`, `(..)`),
    /// so `GcArray<Option<GcRef>>`, `Gc::new(IntObj)` and `Frame::push` are one name.
    fn name(&mut self, what: &str) -> Result<(usize, &'l str), ParseError> {
        let start = self.pos;
        let mut depth = 0usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '<' | '(' => depth += 1,
                '>' | ')' if depth > 0 => depth -= 1,
                c if depth == 0
                    && (c.is_whitespace() || matches!(c, ',' | ']' | ';' | '@' | ')' | '>')) =>
                {
                    self.pos += i;
                    return self.named(start, what);
                }
                _ => {}
            }
        }
        if depth > 0 {
            return Err(self.error_at(start, format!("unclosed bracket in the {what}")));
        }
        self.pos = self.text.len();
        self.named(start, what)
    }

    fn named(&self, start: usize, what: &str) -> Result<(usize, &'l str), ParseError> {
        if self.pos == start {
            return Err(self.unexpected(what));
        }
        Ok((start, &self.text[start..self.pos]))
    }

    /// `<..>` up to the matching `>`: what is inside, and where the `<` is.
    fn bracketed(&mut self, what: &str) -> Result<(usize, &'l str), ParseError> {
        let start = self.pos;
        if !self.eat("<") {
            return Err(self.unexpected(what));
        }
        let mut depth = 1usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '<' => depth += 1,
                '>' if depth == 1 => {
                    let inside = &self.rest()[..i];
                    self.pos += i + 1;
                    return Ok((start, inside));
                }
                '>' => depth -= 1,
                _ => {}
            }
        }
        Err(self.error_at(start, format!("unclosed `<` in the {what}")))
    }

    /// `i3`, `r0`, `f1`: a kind and a number.
    fn numbered(&mut self, what: &str) -> Result<(usize, Kind, &'l str), ParseError> {
        let start = self.pos;
        let kind = match self.peek() {
            Some('i') => Kind::Int,
            Some('r') => Kind::Ref,
            Some('f') => Kind::Float,
            _ => return Err(self.unexpected(what)),
        };
        let digits = self.rest()[1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest().len() - 1);
        if digits == 0 {
            return Err(self.unexpected(what));
        }
        self.pos += 1 + digits;
        Ok((start, kind, &self.text[start + 1..self.pos]))
    }

    /// `(DEPTH) LOCATION` after `debug_merge_point`: the location is the rest of the line.
    fn merge_point_mark(&mut self) -> Result<Rc<MergePointMark>, ParseError> {
        self.expect("(")?;
        let at = self.pos;
        let rest = self.rest();
        let depth = &rest[..rest.find(')').unwrap_or(rest.len())];
        self.pos += depth.len();
        let depth = depth
            .parse()
            .map_err(|_| self.error_at(at, format!("bad inlining depth `{depth}`")))?;
        self.expect(")")?;
        let location = self.rest().trim().to_string();
        self.pos = self.text.len();
        Ok(Rc::new(MergePointMark { depth, location }))
    }

    /// Text up to `,`, `]`, `;` or a space: a number's.
    fn word(&mut self) -> &'l str {
        let rest = self.rest();
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | ';'))
            .unwrap_or(rest.len());
        self.pos += len;
        &rest[..len]
    }
}

/// The parser's state: the trace so far.
struct Parser<'n> {
    names: &'n Namespace,
    /// The kind of every variable seen.
    kinds: HashMap<u32, Kind>,
    trace: TraceLoop,
    /// The last resume data, for `[same]`.
    previous_resume: Option<Rc<ResumeData>>,
}

impl Parser<'_> {
    /// `loop NAME(INPUTS)[ entered when INPUT == CONSTANT, ...]`.
    fn header(&mut self, c: &mut Cursor<'_>) -> Result<(), ParseError> {
        c.skip_spaces();
        c.expect("loop ")?;
        let line = c.text.trim_end();
        let end = line.rfind(ENTERED_WHEN).map_or(line.len(), |at| at + 1);
        let (Some(open), true) = (line[..end].rfind('('), line[..end].ends_with(')')) else {
            return Err(c.error("expected `loop NAME(INPUTS)`".into()));
        };
        self.trace.name = line[c.pos..open].trim().to_string();
        c.pos = open + 1;
        c.skip_spaces();
        while !c.eat(")") {
            if !self.trace.inputs.is_empty() {
                c.expect(",")?;
                c.skip_spaces();
            }
            let input = self.var(c)?;
            self.trace.inputs.push(input);
            c.skip_spaces();
        }
        if c.eat(&ENTERED_WHEN[1..]) {
            loop {
                self.entry_condition(c)?;
                c.skip_spaces();
                if !c.eat(",") {
                    break;
                }
            }
        }
        if !c.at_end() {
            return Err(c.unexpected("the end of the header"));
        }
        Ok(())
    }

    /// `INPUT == CONSTANT`: what an input holds whenever the loop is entered.
    fn entry_condition(&mut self, c: &mut Cursor<'_>) -> Result<(), ParseError> {
        c.skip_spaces();
        let at = c.pos;
        let input = self.var(c)?;
        let Some(index) = self.trace.inputs.iter().position(|&i| i == input) else {
            return Err(c.error_at(at, "not an input of the loop".into()));
        };
        c.skip_spaces();
        c.expect("==")?;
        c.skip_spaces();
        let value_at = c.pos;
        let value = self.typed_arg(c, self.kinds[&input])?;
        if !value.is_const() {
            return Err(c.error_at(value_at, "expected a constant".into()));
        }
        self.trace.entry_conditions.push((index, value));
        Ok(())
    }

    /// A variable, whose kind must be the one it had before.
    fn var(&mut self, c: &mut Cursor<'_>) -> Result<u32, ParseError> {
        let (start, kind, digits) = c.numbered("a variable")?;
        let n: u32 = digits
            .parse()
            .ok()
            .filter(|n| *n < MAX_VARS)
            .ok_or_else(|| c.error_at(start, format!("variable number {digits} too large")))?;
        match self.kinds.insert(n, kind) {
            Some(old) if old != kind => Err(c.error_at(
                start,
                format!("variable {n} is {}{n} elsewhere", old.letter()),
            )),
            _ => Ok(n),
        }
    }

    /// `[RESULT = ]NAME[ ARGS][ [RESUME]]`.
    fn op(&mut self, c: &mut Cursor<'_>) -> Result<Op, ParseError> {
        c.skip_spaces();
        let start = c.pos;
        let result = match c.numbered("") {
            Ok(_) => {
                c.skip_spaces();
                if c.eat("=") {
                    c.pos = start;
                    let var = self.var(c)?;
                    c.skip_spaces();
                    c.expect("=")?;
                    c.skip_spaces();
                    Some((start, var))
                } else {
                    c.pos = start;
                    None
                }
            }
            Err(_) => None,
        };
        let name_at = c.pos;
        let kind = self.op_kind(c)?;
        c.skip_spaces();
        let mut args = Vec::new();
        if !c.at_end() && c.peek() != Some('[') {
            loop {
                args.push(self.arg(c)?);
                c.skip_spaces();
                if !c.eat(",") {
                    break;
                }
                c.skip_spaces();
            }
        }
        let resume = if c.eat("[") {
            Some(self.resume(c)?)
        } else {
            None
        };
        c.skip_spaces();
        if !c.at_end() {
            return Err(c.unexpected("the end of the op"));
        }
        let op = Op {
            kind,
            args: args.iter().map(|(_, a)| *a).collect(),
            result: result.map(|(_, var)| var),
            resume,
        };
        self.check_signature(c, name_at, &op, &args, result.map(|(at, _)| at))?;
        Ok(op)
    }

    /// An op's name, with its width or descriptor.
    fn op_kind(&mut self, c: &mut Cursor<'_>) -> Result<OpKind, ParseError> {
        let start = c.pos;
        let len = c
            .rest()
            .find(|ch: char| !(ch.is_ascii_lowercase() || ch == '_'))
            .unwrap_or(c.rest().len());
        let name = &c.rest()[..len];
        c.pos += len;
        let unknown = |c: &Cursor<'_>| c.error_at(start, format!("unknown op `{name}`"));
        if let Some(kind) = plain_op(name) {
            return Ok(kind);
        }
        if name.is_empty() {
            return Err(c.unexpected("an op"));
        }
        if name == "debug_merge_point" {
            return c.merge_point_mark().map(OpKind::DebugMergePoint);
        }
        if name == "class_is" || name == "new" {
            let (at, ty) = c.bracketed("type")?;
            let info = self.names.type_info(ty).map_err(|e| c.error_at(at, e))?;
            if name == "class_is" {
                return Ok(OpKind::ClassIs(info));
            }
            if !info.jit_allocatable() {
                return Err(c.error_at(at, format!("`new` cannot make a `{ty}`")));
            }
            return Ok(OpKind::New(info));
        }
        if c.eat("(") {
            let (at, width) = c.name("an integer type")?;
            let Some(width) = IntWidth::ALL.iter().copied().find(|w| w.name() == width) else {
                return Err(c.error_at(at, format!("unknown integer type `{width}`")));
            };
            c.expect(")")?;
            return width_op(name, width).ok_or_else(|| unknown(c));
        }
        let descr_op: fn(&Namespace, &str) -> Result<OpKind, String> = match name {
            "getfield" => |n, d| n.field(d).map(OpKind::GetField),
            "setfield" => |n, d| n.field(d).map(OpKind::SetField),
            "getarrayitem" => |n, d| n.array(d).map(|a| OpKind::GetArrayItem(a, Checked)),
            "setarrayitem" => |n, d| n.array(d).map(|a| OpKind::SetArrayItem(a, Checked)),
            "getarrayitem_unchecked" => |n, d| n.array(d).map(|a| OpKind::GetArrayItem(a, Proven)),
            "setarrayitem_unchecked" => |n, d| n.array(d).map(|a| OpKind::SetArrayItem(a, Proven)),
            "call" => |n, d| n.call(d).map(OpKind::Call),
            "call_assembler" => |n, d| n.assembler_call(d).map(OpKind::CallAssembler),
            _ => return Err(unknown(c)),
        };
        if !c.eat(" ") {
            return Err(c.unexpected(&format!("the descriptor of `{name}`")));
        }
        c.skip_spaces();
        let (at, descr) = c.name("descriptor")?;
        descr_op(self.names, descr).map_err(|e| c.error_at(at, e))
    }

    /// An operand, and where it starts.
    fn arg(&mut self, c: &mut Cursor<'_>) -> Result<(usize, Arg), ParseError> {
        let start = c.pos;
        let arg = match c.peek() {
            Some('<') => {
                let (at, label) = c.bracketed("reference constant")?;
                let object = self.names.object(label).map_err(|e| c.error_at(at, e))?;
                Arg::Ref(Some(object))
            }
            Some('i' | 'r' | 'f') if c.rest()[1..].starts_with(|ch: char| ch.is_ascii_digit()) => {
                Arg::Var(self.var(c)?)
            }
            Some(_) => {
                let word = c.word();
                if word == "None" {
                    Arg::Ref(None)
                } else if let Ok(v) = word.parse::<i64>() {
                    Arg::Int(v)
                } else if word
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                {
                    return Err(c.error_at(start, format!("integer `{word}` out of range")));
                } else if let Ok(v) = word.parse::<f64>() {
                    Arg::Float(v)
                } else {
                    c.pos = start;
                    return Err(c.unexpected("an operand"));
                }
            }
            None => return Err(c.unexpected("an operand")),
        };
        Ok((start, arg))
    }

    /// The kind of an operand.
    fn kind_of(&self, arg: Arg) -> Kind {
        match arg {
            Arg::Var(n) => self.kinds[&n],
            Arg::Int(_) => Kind::Int,
            Arg::Float(_) => Kind::Float,
            Arg::Ref(_) => Kind::Ref,
        }
    }

    /// A virtual object of resume data after `virtual`: `r5 = call Gc::new(S) i1, i2`.
    fn virtual_object(&mut self, c: &mut Cursor<'_>) -> Result<VirtualObject, ParseError> {
        c.skip_spaces();
        let (at, var) = self.arg(c)?;
        let Arg::Var(var) = var else {
            return Err(c.error_at(at, "a virtual object is named by a variable".into()));
        };
        c.skip_spaces();
        c.expect("=")?;
        c.skip_spaces();
        let alloc_at = c.pos;
        let Some(alloc) = Allocation::of(&self.op_kind(c)?) else {
            return Err(c.error_at(
                alloc_at,
                "a virtual object is made by `new` or an allocating `call`".into(),
            ));
        };
        let mut args = Vec::new();
        c.skip_spaces();
        while !c.rest().starts_with([';', ']']) {
            args.push(self.arg(c)?.1);
            c.skip_spaces();
            if !c.eat(",") {
                break;
            }
            c.skip_spaces();
        }
        Ok(VirtualObject { var, alloc, args })
    }

    /// A store of resume data (its `setfield` name starts at `at`): `setfield S.f r1, i2`.
    fn pending_store(&mut self, c: &mut Cursor<'_>, at: usize) -> Result<PendingStore, ParseError> {
        c.pos = at;
        let OpKind::SetField(field) = self.op_kind(c)? else {
            return Err(c.error_at(at, "expected `setfield` and a field".into()));
        };
        c.skip_spaces();
        let (_, object) = self.arg(c)?;
        c.skip_spaces();
        c.expect(",")?;
        c.skip_spaces();
        let (_, value) = self.arg(c)?;
        Ok(PendingStore {
            field,
            object,
            value,
        })
    }

    /// Resume data after the `[`, up to the `]`.
    fn resume(&mut self, c: &mut Cursor<'_>) -> Result<Rc<ResumeData>, ParseError> {
        c.skip_spaces();
        let same = c.pos;
        if c.eat("same") {
            c.skip_spaces();
            if c.eat("]") {
                return self.previous_resume.clone().ok_or_else(|| {
                    c.error_at(
                        same,
                        "`[same]` without an earlier guard's resume data".into(),
                    )
                });
            }
            c.pos = same;
        }
        let mut data = ResumeData {
            frames: Vec::new(),
            vable: None,
            after_call: None,
            virtuals: Vec::new(),
            pending: Vec::new(),
        };
        while !c.eat("]") {
            c.skip_spaces();
            let (at, name) = c.name("a resume frame (`jitcode@pc`)")?;
            if c.eat("@") {
                data.frames.push(self.frame(c, at, name)?);
            } else if let Some(ty) = name
                .strip_prefix("vable<")
                .and_then(|n| n.strip_suffix('>'))
            {
                data.vable = Some(self.vable(c, at, ty)?);
            } else if name == "virtual" {
                data.virtuals.push(self.virtual_object(c)?);
            } else if name == "setfield" {
                data.pending.push(self.pending_store(c, at)?);
            } else if name == "after_call" {
                c.skip_spaces();
                data.after_call = Some(if c.eat("()") {
                    (Arg::Int(0), None)
                } else {
                    let (_, value) = self.arg(c)?;
                    (value, Some(self.kind_of(value)))
                });
                c.skip_spaces();
                c.expect("]")?;
                break;
            } else {
                return Err(c.unexpected("`@` and the frame's pc"));
            }
            c.skip_spaces();
            if !c.rest().starts_with(']') {
                c.expect(";")?;
            }
        }
        let data = Rc::new(data);
        self.previous_resume = Some(data.clone());
        Ok(data)
    }

    /// A resume frame after its `jitcode@`: the pc and the registers.
    fn frame(
        &mut self,
        c: &mut Cursor<'_>,
        at: usize,
        name: &str,
    ) -> Result<ResumeFrame, ParseError> {
        let (code, jitcode) = self.names.jitcode(name).map_err(|e| c.error_at(at, e))?;
        let pc_at = c.pos;
        let pc = c.word();
        let pc: usize = pc
            .parse()
            .map_err(|_| c.error_at(pc_at, format!("expected a pc, found `{pc}`")))?;
        if pc >= jitcode.insns.len() {
            return Err(c.error_at(
                pc_at,
                format!("{name} has {} instructions", jitcode.insns.len()),
            ));
        }
        let mut regs = Vec::new();
        loop {
            c.skip_spaces();
            if matches!(c.peek(), Some(';' | ']')) {
                break;
            }
            let (reg_at, kind, digits) = c.numbered("a register or `;` or `]`")?;
            let index: u16 = digits
                .parse()
                .ok()
                .filter(|i| *i < jitcode.num_regs.of(kind))
                .ok_or_else(|| {
                    c.error_at(
                        reg_at,
                        format!(
                            "{name} has {} {} registers",
                            jitcode.num_regs.of(kind),
                            kind.letter()
                        ),
                    )
                })?;
            c.expect("=")?;
            let (value_at, value) = self.arg(c)?;
            if self.kind_of(value) != kind {
                return Err(c.error_at(
                    value_at,
                    format!(
                        "{} cannot hold {}",
                        AnyReg { kind, index },
                        kind_name(self.kind_of(value))
                    ),
                ));
            }
            regs.push((AnyReg { kind, index }, value));
        }
        Ok(ResumeFrame {
            code,
            jitcode,
            pc,
            regs,
        })
    }

    /// A virtualizable's values in resume data, after `vable<Struct>`: the object, each field
    /// (`name=value`) and each array's items (`name=[items]`), in the layout's order.
    fn vable(&mut self, c: &mut Cursor<'_>, at: usize, ty: &str) -> Result<VableState, ParseError> {
        let layout = self.names.vable_layout(ty).map_err(|e| c.error_at(at, e))?;
        c.skip_spaces();
        let object = self.typed_arg(c, Kind::Ref)?;
        let mut fields = Vec::new();
        for field in &layout.fields {
            c.skip_spaces();
            c.expect(field.descr.name)?;
            c.expect("=")?;
            let kind = stored_kind(field.descr.kind, "field").map_err(|e| c.error(e))?;
            fields.push(self.typed_arg(c, kind)?);
        }
        let mut arrays = Vec::new();
        for array in &layout.arrays {
            c.skip_spaces();
            c.expect(array.field.descr.name)?;
            c.expect("=")?;
            c.expect("[")?;
            let kind = stored_kind(array.items.item_kind, "item").map_err(|e| c.error(e))?;
            let mut items = Vec::new();
            c.skip_spaces();
            while !c.eat("]") {
                if !items.is_empty() {
                    c.expect(",")?;
                    c.skip_spaces();
                }
                items.push(self.typed_arg(c, kind)?);
                c.skip_spaces();
            }
            // Resume data do not keep the array (it is read again from the object).
            arrays.push((Arg::Ref(None), items));
        }
        Ok(VableState {
            layout,
            object,
            fields,
            arrays,
        })
    }

    /// An operand that must be of `kind`.
    fn typed_arg(&mut self, c: &mut Cursor<'_>, kind: Kind) -> Result<Arg, ParseError> {
        let (at, arg) = self.arg(c)?;
        let actual = self.kind_of(arg);
        if actual != kind {
            let message = format!("expected {}, found {}", kind_name(kind), kind_name(actual));
            return Err(c.error_at(at, message));
        }
        Ok(arg)
    }

    /// Checks an op's operands and result against what its kind takes and gives.
    fn check_signature(
        &self,
        c: &Cursor<'_>,
        name_at: usize,
        op: &Op,
        args: &[(usize, Arg)],
        result_at: Option<usize>,
    ) -> Result<(), ParseError> {
        let name = super::display::op_name(&op.kind);
        let (params, mut result) = signature(&op.kind).map_err(|e| c.error_at(name_at, e))?;
        if let (OpKind::SameAs, [(_, arg)]) = (&op.kind, args) {
            result = Some(self.kind_of(*arg));
        }
        if let Some(params) = params {
            if params.len() != args.len() {
                return Err(c.error_at(
                    name_at,
                    format!("{name} takes {} operands, not {}", params.len(), args.len()),
                ));
            }
            for (i, (param, (at, arg))) in params.iter().zip(args).enumerate() {
                let kind = self.kind_of(*arg);
                if let Some(param) = param.filter(|p| *p != kind) {
                    return Err(c.error_at(
                        *at,
                        format!(
                            "operand {} of {name} must be {}, not {}",
                            i + 1,
                            kind_name(param),
                            kind_name(kind)
                        ),
                    ));
                }
            }
            if params == [ANY, ANY] && self.kind_of(args[0].1) != self.kind_of(args[1].1) {
                return Err(c.error_at(args[1].0, "operands of different kinds".into()));
            }
        }
        match (result, op.result, result_at) {
            (Some(kind), Some(var), Some(at)) if self.kinds[&var] != kind => {
                Err(c.error_at(at, format!("{name} gives {}", kind_name(kind))))
            }
            (Some(kind), None, _) => Err(c.error_at(
                name_at,
                format!(
                    "{name} gives {}: name it (`{}N = {name} ..`)",
                    kind_name(kind),
                    kind.letter()
                ),
            )),
            (None, Some(_), Some(at)) => Err(c.error_at(at, format!("{name} gives no value"))),
            _ => Ok(()),
        }
    }

    /// The trace, its variables' kinds filled in (numbers not used stay integers) and its
    /// constants rooted.
    fn finish(mut self) -> TraceLoop {
        let count = self.kinds.keys().max().map_or(0, |&n| n as usize + 1);
        let mut kinds = vec![Kind::Int; count];
        for (&n, &kind) in &self.kinds {
            kinds[n as usize] = kind;
        }
        self.trace.kinds = kinds;
        self.trace.jump_arity = match self.trace.ops.last() {
            Some(op) if matches!(op.kind, OpKind::Jump) => op.args.len(),
            Some(op) if matches!(op.kind, OpKind::Exit | OpKind::Finish { .. }) => 0,
            _ => self.trace.inputs.len(),
        };
        let entry = self.trace.entry_conditions.iter().map(|(_, c)| *c);
        for arg in entry.chain(self.trace.ops.iter().flat_map(super::display::op_args)) {
            self.trace.keep_alive(arg);
        }
        self.trace
    }
}

/// What follows a loop's inputs when it has entry conditions.
const ENTERED_WHEN: &str = ") entered when ";

/// The register kind of a field's or an array item's value.
fn stored_kind(kind: ValueKind, what: &str) -> Result<Kind, String> {
    kind_of_value(kind).ok_or_else(|| format!("the {what} is opaque to the JIT"))
}

/// Variables are numbered below this (their kinds are a vector indexed by number).
const MAX_VARS: u32 = 1 << 20;

/// "Any kind" in a signature (`guard_value` compares two values of one kind).
const ANY: Option<Kind> = None;

/// What an op takes and gives: its operands' kinds (`ANY` for any kind; `None`: any number
/// of any kind) and its result's kind.
type Signature = (Option<Vec<Option<Kind>>>, Option<Kind>);

/// The signature of an op of `kind` (an error for a descriptor of opaque data).
fn signature(kind: &OpKind) -> Result<Signature, String> {
    const I: Option<Kind> = Some(Kind::Int);
    const R: Option<Kind> = Some(Kind::Ref);
    const F: Option<Kind> = Some(Kind::Float);
    let stored = stored_kind;
    let (params, result) = match kind {
        OpKind::IntBin(_)
        | OpKind::IntCmp { .. }
        | OpKind::Shift { .. }
        | OpKind::IntDiv { .. }
        | OpKind::IntOvf { .. } => (vec![I, I], I),
        OpKind::IntUn { .. } | OpKind::BoolNot | OpKind::IntCast(_) => (vec![I], I),
        OpKind::FloatBin(_) => (vec![F, F], F),
        OpKind::FloatCmp(_) => (vec![F, F], I),
        OpKind::FloatUn(_) => (vec![F], F),
        OpKind::IntToFloat(_) => (vec![I], F),
        OpKind::FloatToInt(_) => (vec![F], I),
        OpKind::PtrEq { .. } => (vec![R, R], I),
        OpKind::IsNull | OpKind::ClassIs(_) | OpKind::ArrayLen => (vec![R], I),
        OpKind::GetField(field) => (vec![R], Some(stored(field.descr.kind, "field")?)),
        OpKind::SetField(field) => (vec![R, Some(stored(field.descr.kind, "field")?)], None),
        OpKind::GetArrayItem(descr, _) => (vec![R, I], Some(stored(descr.item_kind, "item")?)),
        OpKind::SetArrayItem(descr, _) => {
            (vec![R, I, Some(stored(descr.item_kind, "item")?)], None)
        }
        OpKind::Call(descr) => (
            descr.arg_kinds.iter().map(|k| Some(*k)).collect(),
            descr.result,
        ),
        OpKind::CallAssembler(call) => (
            call.call.arg_kinds.iter().map(|k| Some(*k)).collect(),
            call.call.result,
        ),
        OpKind::New(info) => (
            info.fields
                .iter()
                .map(|f| stored(f.kind, "field").map(Some))
                .collect::<Result<_, _>>()?,
            R,
        ),
        OpKind::WriteBarrier => (vec![R], None),
        OpKind::GuardTrue | OpKind::GuardFalse => (vec![I], None),
        OpKind::GuardValue => (vec![ANY, ANY], None),
        OpKind::GuardNoOverflow | OpKind::GuardOverflow | OpKind::GuardNoError => (vec![], None),
        OpKind::GuardError => (vec![], Some(Kind::Ref)),
        OpKind::SameAs => (vec![ANY], None),
        OpKind::Exit => (vec![], None),
        OpKind::Finish { .. } => (vec![ANY], None),
        OpKind::GuardNotInvalidated => (vec![], None),
        OpKind::Jump | OpKind::Label => return Ok((None, None)),
        OpKind::DebugMergePoint(_) => (vec![], None),
    };
    Ok((Some(params), result))
}

/// A value of this kind, in messages.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Int => "an integer",
        Kind::Ref => "a reference",
        Kind::Float => "a float",
    }
}

/// An op without width or descriptor, by name.
fn plain_op(name: &str) -> Option<OpKind> {
    use IntBinOp as B;
    use IntCmpOp as C;
    let int_bin = [B::Add, B::Sub, B::Mul, B::And, B::Or, B::Xor];
    if let Some(op) = int_bin.into_iter().find(|o| names::int_bin(*o) == name) {
        return Some(OpKind::IntBin(op));
    }
    let cmps = [C::Eq, C::Ne, C::Lt, C::Le, C::Gt, C::Ge];
    for signed in [true, false] {
        if let Some(op) = cmps
            .into_iter()
            .find(|o| names::int_cmp(*o, signed) == name)
        {
            return Some(OpKind::IntCmp { op, signed });
        }
    }
    use FloatBinOp as FB;
    let float_bin = [FB::Add, FB::Sub, FB::Mul, FB::Div, FB::Rem];
    if let Some(op) = float_bin.into_iter().find(|o| names::float_bin(*o) == name) {
        return Some(OpKind::FloatBin(op));
    }
    use FloatCmpOp as FC;
    let float_cmp = [FC::Eq, FC::Ne, FC::Lt, FC::Le, FC::Gt, FC::Ge];
    if let Some(op) = float_cmp.into_iter().find(|o| names::float_cmp(*o) == name) {
        return Some(OpKind::FloatCmp(op));
    }
    let float_un = [FloatUnOp::Neg, FloatUnOp::Abs, FloatUnOp::Sqrt];
    if let Some(op) = float_un.into_iter().find(|o| names::float_un(*o) == name) {
        return Some(OpKind::FloatUn(op));
    }
    Some(match name {
        "bool_not" => OpKind::BoolNot,
        "ptr_eq" => OpKind::PtrEq { negate: false },
        "ptr_ne" => OpKind::PtrEq { negate: true },
        "is_null" => OpKind::IsNull,
        "arraylen" => OpKind::ArrayLen,
        "guard_true" => OpKind::GuardTrue,
        "guard_false" => OpKind::GuardFalse,
        "guard_value" => OpKind::GuardValue,
        "guard_no_overflow" => OpKind::GuardNoOverflow,
        "guard_overflow" => OpKind::GuardOverflow,
        "guard_no_error" => OpKind::GuardNoError,
        "guard_error" => OpKind::GuardError,
        "same_as" => OpKind::SameAs,
        "exit" => OpKind::Exit,
        "finish" => OpKind::Finish { error: false },
        "finish_error" => OpKind::Finish { error: true },
        "guard_not_invalidated" => OpKind::GuardNotInvalidated,
        "write_barrier" => OpKind::WriteBarrier,
        "label" => OpKind::Label,
        "jump" => OpKind::Jump,
        _ => return None,
    })
}

/// An op written `name(width)`, by name.
fn width_op(name: &str, width: IntWidth) -> Option<OpKind> {
    if let Some(op) = [ShiftOp::Shl, ShiftOp::Shr]
        .into_iter()
        .find(|o| names::shift(*o) == name)
    {
        return Some(OpKind::Shift { op, width });
    }
    if let Some(not) = [true, false]
        .into_iter()
        .find(|n| names::int_un(*n) == name)
    {
        return Some(OpKind::IntUn { not, width });
    }
    if let Some(op) = [DivOp::Div, DivOp::Rem]
        .into_iter()
        .find(|o| names::div(*o) == name)
    {
        return Some(OpKind::IntDiv { op, width });
    }
    if let Some(op) = [OvfOp::Add, OvfOp::Sub, OvfOp::Mul]
        .into_iter()
        .find(|o| names::ovf(*o) == name)
    {
        return Some(OpKind::IntOvf { op, width });
    }
    Some(match name {
        "int_cast" => OpKind::IntCast(width),
        "int_to_float" => OpKind::IntToFloat(width),
        "float_to_int" => OpKind::FloatToInt(width),
        _ => return None,
    })
}
