//! Benchmarks for jitgen clients.
//!
//! The benchmark runner (side-by-side timings against CPython and PyPy, medians, peak RSS)
//! arrives with the first issue that has something to compare: blackhole-everything mode
//! versus the native interpreter.
