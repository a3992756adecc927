//! Value buffers reused across moves between the interpreter and compiled code, so entering
//! a compiled loop (its inputs gathered from the reds and the virtualizable) allocates nothing
//! once the thread has a spare buffer. Entries nest (compiled code calls the interpreter,
//! which enters compiled code), so buffers come from a small per-thread stack.

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

use crate::blackhole::Value;

/// Spare buffers kept per thread (at most this many).
const SPARE_KEPT: usize = 8;

thread_local! {
    static SPARE: RefCell<Vec<Vec<Value>>> = const { RefCell::new(Vec::new()) };
}

/// An empty `Vec<Value>` taken from the thread's spare buffers, given back when dropped.
pub(crate) struct SpareValues(Vec<Value>);

impl SpareValues {
    /// An empty buffer (a spare one if the thread has one).
    pub(crate) fn take() -> SpareValues {
        SpareValues(
            SPARE
                .with(|spare| spare.borrow_mut().pop())
                .unwrap_or_default(),
        )
    }
}

impl Drop for SpareValues {
    fn drop(&mut self) {
        let mut values = std::mem::take(&mut self.0);
        values.clear();
        // A thread being torn down may have dropped its spares already.
        let _ = SPARE.try_with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < SPARE_KEPT {
                spare.push(values);
            }
        });
    }
}

impl Deref for SpareValues {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl DerefMut for SpareValues {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty() {
        let mut first = SpareValues::take();
        first.extend([Value::of(1_i64), Value::of(2_i64)]);
        let storage = first.as_ptr();
        drop(first);
        let again = SpareValues::take();
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), storage);
    }
}
