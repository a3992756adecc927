//! Constant folding: operators applied to constants, and tuples of constants, become
//! constants before compilation -- only where the result is exactly what the operation
//! gives at run time (no folding that could raise, or build a huge value).

use num_bigint::BigInt;

use crate::front::ast::*;

/// Longest string or tuple a fold may build (CPython's limit too).
const MAX_FOLDED_LEN: usize = 4096;

/// Folds `expr` in place, children first.
pub fn fold_expr(expr: &mut Expr) {
    match &mut expr.kind {
        ExprKind::BinOp { left, op, right } => {
            fold_expr(left);
            fold_expr(right);
            if let (ExprKind::Constant(a), ExprKind::Constant(b)) = (&left.kind, &right.kind) {
                if let Some(value) = binary(a, *op, b) {
                    expr.kind = ExprKind::Constant(value);
                }
            }
        }
        ExprKind::UnaryOp { op, operand } => {
            fold_expr(operand);
            if let ExprKind::Constant(value) = &operand.kind {
                if let Some(value) = unary(*op, value) {
                    expr.kind = ExprKind::Constant(value);
                }
            }
        }
        ExprKind::Tuple {
            elts,
            ctx: Context::Load,
        } => {
            elts.iter_mut().for_each(fold_expr);
            let constants: Option<Vec<Constant>> = elts
                .iter()
                .map(|e| match &e.kind {
                    ExprKind::Constant(c) => Some(c.clone()),
                    _ => None,
                })
                .collect();
            if let Some(constants) = constants {
                expr.kind = ExprKind::Constant(Constant::Tuple(constants));
            }
        }
        _ => {}
    }
}

fn unary(op: UnaryOp, value: &Constant) -> Option<Constant> {
    match (op, value) {
        (UnaryOp::Neg, Constant::Int(i)) => Some(
            i.checked_neg()
                .map_or_else(|| Constant::BigInt(-BigInt::from(*i)), Constant::Int),
        ),
        (UnaryOp::Neg, Constant::BigInt(b)) => Some(small_or_big(-b)),
        (UnaryOp::Neg, Constant::Float(f)) => Some(Constant::Float(-f)),
        (UnaryOp::Pos, Constant::Int(_) | Constant::Float(_) | Constant::BigInt(_)) => {
            Some(value.clone())
        }
        (UnaryOp::Invert, Constant::Int(i)) => Some(Constant::Int(!i)),
        _ => None,
    }
}

fn binary(a: &Constant, op: BinOp, b: &Constant) -> Option<Constant> {
    use Constant::{Float, Int, Str};
    match (a, b) {
        (Int(x), Int(y)) => {
            let (x, y) = (*x, *y);
            match op {
                BinOp::Add => Some(
                    x.checked_add(y)
                        .map_or_else(|| small_or_big(BigInt::from(x) + y), Int),
                ),
                BinOp::Sub => Some(
                    x.checked_sub(y)
                        .map_or_else(|| small_or_big(BigInt::from(x) - y), Int),
                ),
                BinOp::Mul => Some(
                    x.checked_mul(y)
                        .map_or_else(|| small_or_big(BigInt::from(x) * y), Int),
                ),
                BinOp::BitAnd => Some(Int(x & y)),
                BinOp::BitOr => Some(Int(x | y)),
                BinOp::BitXor => Some(Int(x ^ y)),
                // CPython's limit: the result has at most 128 bits (sized by the base).
                BinOp::Pow if y >= 0 => {
                    let bits = u64::from(64 - x.unsigned_abs().leading_zeros());
                    if x != 0 && y > 0 && bits > 128 / y as u64 {
                        return None;
                    }
                    Some(small_or_big(num_traits::Pow::pow(
                        BigInt::from(x),
                        y as u64,
                    )))
                }
                _ => None,
            }
        }
        (Float(x), Float(y)) => float_binary(*x, op, *y),
        (Float(x), Int(y)) if y.unsigned_abs() < 1 << 53 => float_binary(*x, op, *y as f64),
        (Int(x), Float(y)) if x.unsigned_abs() < 1 << 53 => float_binary(*x as f64, op, *y),
        (Str(x), Str(y)) if op == BinOp::Add && x.len() + y.len() <= MAX_FOLDED_LEN => {
            Some(Str(format!("{x}{y}")))
        }
        _ => None,
    }
}

fn float_binary(x: f64, op: BinOp, y: f64) -> Option<Constant> {
    let value = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv if y != 0.0 => x / y,
        _ => return None,
    };
    Some(Constant::Float(value))
}

fn small_or_big(value: BigInt) -> Constant {
    match i64::try_from(&value) {
        Ok(small) => Constant::Int(small),
        Err(_) => Constant::BigInt(value),
    }
}
