//! The engines a case runs on: every generated engine, registered by the build script, and
//! the interpreter, behind one signature (facts JSON in, plan or refusal out).

use cairn_compiler::interp;
use cairn_compiler::ir::Pathway;
use cairn_runtime::{FactsError, Plan};

/// Evaluates facts given as JSON text.
pub type Evaluate = fn(&str) -> Result<Plan, FactsError>;

/// A generated engine and the pathway it was generated from.
#[derive(Debug, Clone, Copy)]
pub struct Engine {
    /// The pathway's name (`spinal_metastases`), which is also its module here.
    pub name: &'static str,
    /// The pathway file, from the workspace root (`pathways/.../x.pathway`).
    pub pathway: &'static str,
    /// Reads the facts with the generated `Facts` (serde, `deny_unknown_fields`) and calls the
    /// generated `evaluate`; malformed facts are `FactsError::Invalid` with serde's message.
    pub evaluate: Evaluate,
}

/// The generated engines and the registry of them, written by `build.rs`: one module per
/// pathway (`generated::spinal_metastases::{Facts, evaluate}`), public for the benchmarks,
/// which call an engine with typed facts.
#[allow(missing_docs)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/engines.rs"));
}

pub use generated::ENGINES;

/// The generated engine of a pathway file (path from the workspace root).
pub fn generated(pathway: &str) -> Option<&'static Engine> {
    ENGINES.iter().find(|engine| engine.pathway == pathway)
}

/// The interpreter on facts JSON, as `cairn run` and `cairn test` run it.
pub fn interpret(pathway: &Pathway, json: &str) -> Result<Plan<'static>, FactsError> {
    interp::run_json(pathway, json)
}
