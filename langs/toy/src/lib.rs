pub mod bytecode;
pub mod frontend;
