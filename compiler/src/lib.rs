//! Cairn: a compiler for clinical pathways written as code.
//!
//! The pipeline reads off the module names, each stage behind one function:
//!
//! ```text
//! source text -> syntax (pest -> AST with spans) -> sema (names, types -> IR)
//!             -> analysis (coverage, lints, ...) -> interp / backend (rust, markdown, dot)
//! ```
//!
//! Only `driver` (and the `cairn` binary) do IO; every stage takes values and returns values.

pub mod analysis;
pub mod diagnostics;
pub mod driver;
pub mod guideline;
pub mod interp;
pub mod lock;
pub mod sarif;
pub mod sema;
pub mod span;
pub mod syntax;
#[cfg(test)]
mod test_pathways;
pub mod text;

pub use driver::{Compilation, compile_file, compile_source};
pub mod backend;
pub mod cases;
