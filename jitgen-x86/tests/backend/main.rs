//! The x86 backend's tests: hand-built traces (`unit`) and the randomized differential test
//! against the reference backend (`random`).

mod common;
mod random;
mod unit;
