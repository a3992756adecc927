//! The `itertools` module: CPython's lazy iterator types (`count`, `cycle`, `repeat`,
//! `accumulate`, `chain`, `compress`, `dropwhile`, `takewhile`, `filterfalse`, `groupby`,
//! `islice`, `starmap`, `tee`, `zip_longest`, the combinatoric ones, `pairwise`) as Python
//! classes with `__next__` (`itertools.py`), calling what they are given through the
//! interpreter's own dispatch, with the argument errors of CPython's C types.

/// The module's Python code.
pub const SOURCE: &str = include_str!("itertools.py");

/// The file name of that code's frames (which tracebacks leave out).
pub const FILENAME: &str = "<itertools>";
