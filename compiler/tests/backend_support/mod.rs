//! Helpers shared by the backend tests (`tests/backend_*.rs`): compiling pathways from disk or
//! from text, and the NICE pathway's paths.

// Allowed: shared by several binaries, each of which uses only part of it; clippy's
// allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use cairn_compiler::analysis::Analysis;
use cairn_compiler::ir::Pathway;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The NICE pathway file.
pub fn nice_path() -> PathBuf {
    workspace().join("pathways/spinal-metastases/spinal-metastases.pathway")
}

/// A test pathway of `tests/backend_cases`: `constructs` or `hostile`.
pub fn case_path(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/backend_cases")
        .join(case)
        .join(format!("{case}.pathway"))
}

/// Compiles a pathway file; panics with the rendered diagnostics when it has errors.
pub fn compile(path: &Path) -> (Pathway, Analysis) {
    let compilation = cairn_compiler::compile_file(path);
    if compilation.has_errors() {
        panic!(
            "{}",
            cairn_compiler::driver::render_human(
                &compilation.diagnostics,
                compilation.sources(),
                100
            )
        );
    }
    let (pathway, analysis) = compilation.checked().unwrap();
    (pathway.clone(), analysis.clone())
}

/// The NICE pathway, checked.
pub fn nice() -> (Pathway, Analysis) {
    compile(&nice_path())
}

/// Writes a pathway and its guideline into a temporary folder and compiles it.
pub fn compile_text(pathway: &str, guideline: &str) -> (tempfile::TempDir, Pathway, Analysis) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("guideline.txt"), guideline).unwrap();
    let file = dir.path().join("test.pathway");
    std::fs::write(&file, pathway).unwrap();
    let (p, a) = compile(&file);
    (dir, p, a)
}

/// The source name the tests give the generators.
pub const NICE_SOURCE: &str = "spinal-metastases.pathway";
