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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::{watch, watched_fields};
    use crate::gc::{Gc, QuasiImmut};

    #[crate::layout]
    struct Class {
        #[quasi_immutable]
        version: QuasiImmut<i64>,
        #[quasi_immutable]
        other: QuasiImmut<i64>,
    }

    #[test]
    fn writing_a_quasi_immutable_field_runs_its_watchers_once() {
        let class = Gc::new(Class {
            version: QuasiImmut::new(1),
            other: QuasiImmut::new(0),
        });
        let fired = Rc::new(Cell::new(0));
        let counter = fired.clone();
        watch(
            &class.version as *const _ as usize,
            Rc::new(move || counter.set(counter.get() + 1)),
        );
        assert_eq!(watched_fields(), 1);
        class.set_other(5);
        assert_eq!(fired.get(), 0, "writing another field must not invalidate");
        class.set_version(2);
        assert_eq!((fired.get(), class.version.get()), (1, 2));
        class.set_version(3);
        assert_eq!(fired.get(), 1, "a watcher runs once, then is forgotten");
        assert_eq!(watched_fields(), 0);
    }
}
