//! Invalidation of compiled code that depends on quasi-immutable fields.
//!
//! A trace that folds the value of a [`QuasiImmut`](crate::gc::QuasiImmut) field registers a
//! watcher on the field's address; writing the field runs (and forgets) every watcher of that
//! address. Watchers are kept per thread, like the heap.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Callbacks to run when a field changes, by field address.
type Watchers = HashMap<usize, Vec<Rc<dyn Fn()>>>;

thread_local! {
    static WATCHERS: RefCell<Watchers> = RefCell::new(HashMap::new());
}

/// Registers `on_invalidate` to run when the quasi-immutable field at `field_addr` is written.
pub fn watch(field_addr: usize, on_invalidate: Rc<dyn Fn()>) {
    WATCHERS.with(|w| {
        w.borrow_mut()
            .entry(field_addr)
            .or_default()
            .push(on_invalidate)
    });
}

/// Runs and removes the watchers of the field at `field_addr`. Called by `QuasiImmut::set`.
pub fn invalidate(field_addr: usize) {
    let fired = WATCHERS
        .try_with(|w| {
            let mut w = w.borrow_mut();
            if w.is_empty() {
                None
            } else {
                w.remove(&field_addr)
            }
        })
        .ok()
        .flatten();
    for watcher in fired.into_iter().flatten() {
        watcher();
    }
}

/// How many fields currently have watchers (for tests and logs).
pub fn watched_fields() -> usize {
    WATCHERS.with(|w| w.borrow().len())
}
