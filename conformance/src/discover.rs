//! Finding the workspace's pathways and their cases. Shared, through `#[path]`, by the build
//! script (which generates an engine for every pathway) and the library (which runs the
//! cases), so that both see the same pathways; it depends on nothing but std.
//!
//! - `pathways/<folder>/<name>.pathway`, with cases in `conformance/cases/<folder>/`;
//! - `conformance/language/<construct>/<name>.pathway`, with cases in `cases/` beside it.

use std::io;
use std::path::{Path, PathBuf};

/// A pathway file of the workspace and where its cases are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathwaySource {
    /// The pathway file.
    pub file: PathBuf,
    /// Its path from the workspace root, with `/` separators, e.g.
    /// `pathways/spinal-metastases/spinal-metastases.pathway`.
    pub relative: String,
    /// The folder of its cases, when there is one.
    pub cases: Option<PathBuf>,
    /// Whether it belongs to the language suite (`conformance/language/`).
    pub language: bool,
}

/// Every pathway of the workspace rooted at `root`, sorted by relative path.
pub fn pathways(root: &Path) -> io::Result<Vec<PathwaySource>> {
    let mut found = Vec::new();
    for (base, language) in [("pathways", false), ("conformance/language", true)] {
        for folder in sorted_entries(&root.join(base))? {
            if !folder.is_dir() {
                continue;
            }
            for file in sorted_entries(&folder)? {
                if file.extension().is_none_or(|ext| ext != "pathway") {
                    continue;
                }
                let folder_name = folder.file_name().map(|n| n.to_string_lossy().into_owned());
                let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                let (Some(folder_name), Some(file_name)) = (folder_name, file_name) else {
                    continue;
                };
                let cases = if language {
                    folder.join("cases")
                } else {
                    root.join("conformance").join("cases").join(&folder_name)
                };
                found.push(PathwaySource {
                    relative: format!("{base}/{folder_name}/{file_name}"),
                    file,
                    cases: cases.is_dir().then_some(cases),
                    language,
                });
            }
        }
    }
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(found)
}

/// The case files (`*.toml`) of a folder, sorted.
pub fn case_files(folder: &Path) -> io::Result<Vec<PathBuf>> {
    Ok(sorted_entries(folder)?
        .into_iter()
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "toml"))
        .collect())
}

/// The entries of a folder, sorted; none when it does not exist.
fn sorted_entries(folder: &Path) -> io::Result<Vec<PathBuf>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut entries = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<PathBuf>>>()?;
    entries.sort();
    Ok(entries)
}
