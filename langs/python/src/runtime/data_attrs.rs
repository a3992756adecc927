//! Data attributes of built-in values: `real` and `imag` of numbers, `numerator` and
//! `denominator` of ints, `start`, `stop` and `step` of ranges and slices, a deque's
//! `maxlen`, the attributes of files.

use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The data attribute `name` of a built-in value, if it has one.
pub fn attribute(value: Value, name: &str) -> Option<Value> {
    if let Some(z) = value.downcast::<ComplexObj>() {
        return match name {
            "real" => Some(new_float(z.re)),
            "imag" => Some(new_float(z.im)),
            _ => None,
        };
    }
    if let Some(file) = value.downcast::<FileObj>() {
        return crate::runtime::files::attribute(file, name);
    }
    if let Some(pattern) = value.downcast::<PatternObj>() {
        return crate::runtime::modules::re::pattern_attribute(pattern, name);
    }
    if let Some(m) = value.downcast::<MatchObj>() {
        return crate::runtime::modules::re::match_attribute(m, name);
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return (name == "maxlen").then(|| crate::runtime::modules::deque::maxlen(d));
    }
    if let Some(range) = value.downcast::<RangeObj>() {
        return match name {
            "start" => Some(new_int(range.start)),
            "stop" => Some(new_int(range.stop)),
            "step" => Some(new_int(range.step)),
            _ => None,
        };
    }
    if let Some(slice) = value.downcast::<SliceObj>() {
        return match name {
            "start" => Some(slice.start),
            "stop" => Some(slice.stop),
            "step" => Some(slice.step),
            _ => None,
        };
    }
    match (as_num(value)?, name) {
        (Num::Float(x), "real") => Some(new_float(x)),
        (Num::Float(_), "imag") => Some(new_float(0.0)),
        (Num::Float(_), _) => None,
        // An int's parts are ints, a bool's too.
        (Num::Int(i), "real" | "numerator") => Some(new_int(i)),
        (Num::Big(b), "real" | "numerator") => Some(new_bigint(b)),
        (_, "imag") => Some(new_int(0)),
        (_, "denominator") => Some(new_int(1)),
        _ => None,
    }
}
