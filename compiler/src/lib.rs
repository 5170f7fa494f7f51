//! Cairn: a compiler for clinical pathways written as code.
//!
//! The pipeline reads off the module names, each stage behind one function, and only the
//! `driver` chains them:
//!
//! ```text
//! source text -> syntax (pest -> AST with spans) -> sema (names, types -> IR)
//!             -> analysis (coverage, lints, behaviour) -> backend (rust, markdown, dot)
//! ```
//!
//! What several stages share sits below them: `ir` (the IR, fact values, the evaluator, the
//! explanation helpers), `guideline`, `span`, `text`, `suggest` and `diagnostics`. The
//! interpreter (`interp`, behind `cairn run`) and the case runner (`cases`, behind `cairn test`)
//! consume the IR like the backends; no stage imports them. Only `driver` (and the `cairn`
//! binary) do IO; every stage takes values and returns values. `compiler/ARCHITECTURE.md` has
//! the map.

pub mod analysis;
pub mod backend;
pub mod cases;
pub mod diagnostics;
pub mod driver;
pub mod guideline;
pub mod interp;
pub mod ir;
pub mod lock;
pub mod sarif;
pub mod sema;
pub mod span;
pub mod suggest;
pub mod syntax;
#[cfg(test)]
mod test_pathways;
pub mod text;
pub mod units;

pub use driver::{Compilation, compile_file, compile_source};
