//! The runtime: objects on jitgen's GC heap and the interpreter that runs bytecode.
//!
//! [`objects`] lays out every value; [`load`] puts code and the run's context on the
//! heap ([`interned`]: what shapes CPython's frozenset constants); [`interp`] is the dispatch loop (the JIT's portal) and [`frame`] its frames;
//! [`call`] binds arguments and runs functions ([`generators`] suspends and resumes them);
//! [`ops`], [`matching`] (the `match` statement's tests), [`numbers`] ([`complex`], [`decimal`]: the arithmetic of the `decimal` module), [`seq`], [`dict`] ([`siphash`]), [`set`],
//! [`bytes`] ([`codecs`]), [`structseq`], [`iter`] and [`attr`] ([`descriptors`],
//! [`functions`]) are the semantics of operators, numbers, sequences, dicts, sets, bytes,
//! struct sequences, iteration and attributes; [`classes`] makes classes; [`text`] and [`format`] write values as text; [`builtins`] and [`methods`]
//! are the native functions and methods ([`percent`]: `str % values`; [`introspect`]:
//! `globals`/`locals`/`vars`/`dir`; [`eval`]: `eval`/`exec`/`compile`); [`modules`] is the import system and the built-in
//! modules, [`stdio`] the standard streams, [`signals`] Ctrl-C; [`exceptions`] raises,
//! matches and reports exceptions; [`values`] makes values and knows the built-in types.

pub mod attr;
pub mod builtins;
pub mod bytes;
pub mod call;
pub mod classes;
pub mod codecs;
pub mod complex;
pub mod data_attrs;
pub mod decimal;
pub mod derived;
pub mod descriptors;
pub mod dict;
pub mod eval;
pub mod exceptions;
pub mod files;
pub mod floathex;
pub mod format;
pub mod frame;
pub mod functions;
pub mod generators;
pub mod interned;
pub mod interp;
pub mod introspect;
pub mod iter;
pub mod load;
pub mod mappingproxy;
pub mod matching;
pub mod metaclasses;
pub mod methods;
pub mod modules;
pub mod native_attrs;
pub mod numbers;
pub mod objects;
pub mod ops;
pub mod oserror;
pub mod percent;
pub mod regex;
pub mod seq;
pub mod set;
pub mod signals;
pub mod siphash;
pub mod slots;
pub mod stdio;
pub mod strformat;
pub mod structseq;
pub mod text;
pub mod timsort;
pub mod unicode;
pub mod values;
