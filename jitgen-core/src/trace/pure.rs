//! The meaning of the pure ops on values: what constant folding computes and what the
//! reference backend runs.

use crate::blackhole::Value;
use crate::jitcode::eval::{
    float_bin, float_cmp, float_to_int, float_un, int_bin, int_compare, int_to_float, int_un, shift,
};
use crate::trace::OpKind;

impl OpKind {
    /// The value of this op kind if it is an operation on values alone (arithmetic, comparisons,
    /// identity, class tests: what may fold when its operands are constants), with operand `i`
    /// given by `arg(i)`; `None` for any other op (without reading its operands).
    pub fn pure_value(&self, arg: impl Fn(usize) -> Value) -> Option<Value> {
        let int = |i: usize| arg(i).word() as i64;
        let float = |i: usize| f64::from_bits(arg(i).word());
        let bool_value = |b: bool| Value::Int(b as i64);
        Some(match self {
            OpKind::IntBin(o) => Value::Int(int_bin(*o, int(0), int(1))),
            OpKind::IntCmp { op, signed } => bool_value(int_compare(*op, *signed, int(0), int(1))),
            OpKind::Shift { op, width } => Value::Int(shift(*op, *width, int(0), int(1))),
            OpKind::IntUn { not, width } => Value::Int(int_un(*not, *width, int(0))),
            OpKind::BoolNot => bool_value(int(0) == 0),
            OpKind::IntCast(width) => Value::Int(width.wrap(int(0))),
            OpKind::FloatBin(o) => Value::Float(float_bin(*o, float(0), float(1))),
            OpKind::FloatCmp(o) => bool_value(float_cmp(*o, float(0), float(1))),
            OpKind::FloatUn(o) => Value::Float(float_un(*o, float(0))),
            OpKind::IntToFloat(width) => Value::Float(int_to_float(*width, int(0))),
            OpKind::FloatToInt(width) => Value::Int(float_to_int(*width, float(0))),
            OpKind::PtrEq { negate } => bool_value((arg(0).word() == arg(1).word()) != *negate),
            OpKind::IsNull => bool_value(arg(0).word() == 0),
            OpKind::ClassIs(info) => bool_value(match arg(0) {
                Value::Ref(Some(r)) => std::ptr::eq(r.type_info(), *info),
                _ => false,
            }),
            _ => return None,
        })
    }
}
