//! Loading a suite: a pathway compiled with the compiler library, and its case files checked
//! against it. Any error (a pathway that does not check, a malformed case) is returned
//! rendered, as `cairn check` and `cairn test` would print it.

use std::path::PathBuf;

use cairn_compiler::analysis::Analysis;
use cairn_compiler::cases::{self, Case};
use cairn_compiler::driver::read_text;
use cairn_compiler::driver::render_human;
use cairn_compiler::ir::Pathway;
use cairn_compiler::{Compilation, compile_file};

use crate::discover::{self, PathwaySource};

/// The width at which diagnostics are rendered.
const WIDTH: usize = 100;
/// The largest case file read.
const MAX_CASE_BYTES: u64 = 1 << 20;

/// A compiled pathway and its checked cases.
#[derive(Debug)]
pub struct Suite {
    /// Where the pathway and its cases are.
    pub source: PathwaySource,
    /// The compiled pathway; it checked without errors.
    pub compilation: Compilation,
    /// Its cases, by file name.
    pub cases: Vec<LoadedCase>,
}

/// A case file and the case in it.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    /// The file.
    pub file: PathBuf,
    /// The case.
    pub case: Case,
}

impl Suite {
    /// The checked pathway.
    pub fn pathway(&self) -> &Pathway {
        // `load` only builds a suite from a compilation that checked.
        match self.compilation.checked() {
            Some((pathway, _)) => pathway,
            None => unreachable!("a suite holds a pathway that checked"),
        }
    }

    /// The analyses of the pathway.
    pub fn analysis(&self) -> &Analysis {
        match self.compilation.checked() {
            Some((_, analysis)) => analysis,
            None => unreachable!("a suite holds a pathway that checked"),
        }
    }
}

/// Every pathway of the workspace, each with its cases.
pub fn load_all() -> Result<Vec<Suite>, String> {
    let root = crate::workspace_root();
    let sources = discover::pathways(&root)
        .map_err(|e| format!("cannot list the pathways under {}: {e}", root.display()))?;
    sources.into_iter().map(load).collect()
}

/// Compiles a pathway and checks its cases; all problems are reported together.
pub fn load(source: PathwaySource) -> Result<Suite, String> {
    let compilation = compile_file(&source.file);
    let Some((pathway, _)) = compilation.checked() else {
        return Err(render_human(&compilation.diagnostics, compilation.sources(), WIDTH));
    };
    let mut cases = Vec::new();
    let mut problems = String::new();
    let files = match &source.cases {
        Some(folder) => discover::case_files(folder)
            .map_err(|e| format!("cannot list the cases in {}: {e}", folder.display()))?,
        None => Vec::new(),
    };
    for file in files {
        let shown = file.display().to_string();
        let name = file.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let text = match read_text(&file, MAX_CASE_BYTES) {
            Ok(text) => text,
            Err(error) => {
                problems.push_str(&format!("{error}\n"));
                continue;
            }
        };
        match cases::check_case(&name, &text, pathway) {
            Ok(case) => cases.push(LoadedCase { file, case }),
            Err(errors) => problems.push_str(&cases::render_human(&errors, &shown, &text, WIDTH)),
        }
    }
    if problems.is_empty() { Ok(Suite { source, compilation, cases }) } else { Err(problems) }
}
