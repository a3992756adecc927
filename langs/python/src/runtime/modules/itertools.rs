//! The `itertools` module: CPython's lazy iterator types (`count`, `cycle`, `repeat`,
//! `accumulate`, `chain`, `compress`, `dropwhile`, `takewhile`, `filterfalse`, `groupby`,
//! `islice`, `starmap`, `tee`, `zip_longest`, the combinatoric ones, `pairwise`) as Python
//! classes with `__next__` (`itertools.py`), calling what they are given through the
//! interpreter's own dispatch, with the argument errors of CPython's C types.

use jitgen_core::gc::Gc;

use crate::runtime::objects::*;

/// The module's Python code.
const SOURCE: &str = include_str!("itertools.py");

/// The file name of that code's frames (which tracebacks leave out).
pub const FILENAME: &str = "<itertools>";

/// Runs `itertools.py` in the module's namespace.
pub fn fill(dict: Gc<DictObj>) {
    super::run_source(dict, SOURCE, FILENAME);
}
