//! The driver: reads a pathway file and the guideline it names, and chains the stages
//! (syntax -> guideline segmentation -> sema -> analysis). With the CLI, the only code that
//! touches the file system for reading; every stage it calls is pure, and `compile_source` runs
//! them all on text alone.

mod error;

use std::io::Read;

pub use error::{Refusal, SourceError};
use std::path::{Path, PathBuf};

use crate::analysis::{self, Analysis};
use crate::diagnostics::{Diagnostic, Sources};
use crate::guideline;
use crate::ir::Pathway;
use crate::sema;
use crate::span::Span;
use crate::syntax::{self, ast};
use crate::text::for_terminal;

/// The largest pathway file read, in bytes.
pub const MAX_PATHWAY_BYTES: u64 = 1 << 20;
/// The largest guideline text read, in bytes.
pub const MAX_GUIDELINE_BYTES: u64 = 16 << 20;

/// Everything known after compiling one pathway file.
#[derive(Debug, Clone)]
pub struct Compilation {
    /// The pathway file, as given.
    pub path: PathBuf,
    /// Its text (empty when it could not be read).
    pub source: String,
    /// The guideline file, resolved against the pathway's folder.
    pub guideline_path: Option<PathBuf>,
    /// The guideline's text, when it was read.
    pub guideline_source: Option<String>,
    /// The checked pathway, when there were no errors.
    pub pathway: Option<Pathway>,
    /// The analyses' results, when the pathway checked.
    pub analysis: Option<Analysis>,
    /// Every diagnostic, errors and warnings, in stage order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The checked pathway and its analysis, when there is no error.
    pub fn checked(&self) -> Option<(&Pathway, &Analysis)> {
        if self.has_errors() {
            return None;
        }
        Some((self.pathway.as_ref()?, self.analysis.as_ref()?))
    }

    /// The texts the diagnostics point into.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            pathway: (display_path(&self.path), &self.source),
            guideline: self.guideline_source.as_deref().map(|text| {
                (self.guideline_path.as_deref().map_or("<guideline>", display_path), text)
            }),
        }
    }
}

fn display_path(path: &Path) -> &str {
    path.to_str().unwrap_or("<non-UTF-8 path>")
}

/// Reads a text file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, SourceError> {
    let name = path.display().to_string();
    let unreadable =
        |e: std::io::Error| SourceError::Unreadable { path: name.clone(), reason: e.to_string() };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "exactly the limit" from "more", without reading a
    // huge file whole.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        // A device or a pipe reports no length: what was read is then the best known size.
        let size = std::fs::metadata(path).map_or(0, |m| m.len()).max(bytes.len() as u64);
        return Err(SourceError::TooLarge { path: name, size, limit });
    }
    String::from_utf8(bytes).map_err(|e| SourceError::InvalidUtf8 {
        path: name.clone(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Compiles a pathway file: reads it and its guideline, checks, analyses. The guideline must be
/// a regular file inside the pathway's folder (see [`confine`]).
pub fn compile_file(path: &Path) -> Compilation {
    compile_file_in(path, &[])
}

/// Like [`compile_file`], but the guideline may also lie inside one of `allowed_dirs`: folders
/// the user named on the command line, never the pathway.
pub fn compile_file_in(path: &Path, allowed_dirs: &[PathBuf]) -> Compilation {
    let mut compilation = Compilation::new(path.to_path_buf());
    match read_text(path, MAX_PATHWAY_BYTES) {
        Ok(text) => compilation.source = text,
        Err(error) => {
            compilation.diagnostics.push(error.into());
            return compilation;
        }
    }
    compile_with(compilation, |relative| match confine(path, relative, allowed_dirs) {
        Ok(resolved) => {
            // Read what was judged; show the path as the pathway names it, so that reports do
            // not depend on where the checkout is.
            let text = read_text(&resolved, MAX_GUIDELINE_BYTES)
                .map_err(|error| Loaded::Unreadable(error.reason()));
            (path_beside(path, relative), text)
        }
        Err(why) => (path_beside(path, relative), Err(Loaded::Refused(why))),
    })
}

/// Resolves `named`, a path a pathway file names, to a regular file the pathway may read: after
/// `..` and symbolic links it must lie inside the pathway's folder or one of `allowed_dirs`,
/// and not in `/proc` or `/sys`. A pathway may come from anyone, and what it names is
/// printed in diagnostics and reports, so reading outside its folder would let a pull request
/// print the CI job's secrets (`/proc/self/environ`, `../../.git-credentials`) into its log.
/// Nothing is opened here: a refused file is never read.
pub fn confine(
    pathway_file: &Path,
    named: &str,
    allowed_dirs: &[PathBuf],
) -> Result<PathBuf, Refusal> {
    let relative = Path::new(named);
    if relative.has_root() || relative.is_absolute() {
        return Err(Refusal::Absolute);
    }
    let folder = match pathway_file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let joined = folder.join(relative);
    let roots = allowed_roots(&folder, allowed_dirs);
    let inside = |path: &Path| roots.iter().any(|root| path.starts_with(root));
    let Ok(resolved) = joined.canonicalize() else {
        // It does not resolve: the read that follows says so in the OS's words. Judge the folder
        // it would be in, so that a `..` out of the pathway's folder is refused all the same.
        let parent = joined.parent().and_then(|parent| parent.canonicalize().ok());
        return if parent.is_none_or(|parent| inside(&parent)) {
            Ok(joined)
        } else {
            Err(Refusal::OutsideFolder)
        };
    };
    // `/proc` and `/sys` hold regular-looking files that describe the running system (the
    // environment, with its tokens, is `/proc/self/environ`): never, whatever is allowed.
    if ["/proc", "/sys"].iter().any(|system| resolved.starts_with(system)) {
        return Err(Refusal::SystemFile);
    }
    if !inside(&resolved) {
        return Err(Refusal::OutsideFolder);
    }
    match std::fs::metadata(&resolved) {
        Ok(metadata) if metadata.is_file() => Ok(resolved),
        Ok(_) => Err(Refusal::NotAFile),
        // Vanished between the two looks: the read reports it.
        Err(_) => Ok(resolved),
    }
}

/// The pathway's folder and the allowed folders, with symbolic links resolved; folders that do
/// not exist allow nothing.
fn allowed_roots(folder: &Path, allowed_dirs: &[PathBuf]) -> Vec<PathBuf> {
    std::iter::once(folder)
        .chain(allowed_dirs.iter().map(PathBuf::as_path))
        .filter_map(|dir| dir.canonicalize().ok())
        .collect()
}

/// Why the guideline could not be had.
enum Loaded {
    /// It was refused before it was opened.
    Refused(Refusal),
    /// Reading it failed, for this reason.
    Unreadable(String),
}

/// Compiles pathway text without touching the file system: `guideline` is the text of the
/// guideline it names, whatever the header says. For tests, fuzzing and embedding.
pub fn compile_source(path: &str, source: &str, guideline: &str) -> Compilation {
    let mut compilation = Compilation::new(PathBuf::from(path));
    compilation.source = source.to_string();
    compile_with(compilation, |relative| (PathBuf::from(relative), Ok(guideline.to_string())))
}

impl Compilation {
    fn new(path: PathBuf) -> Self {
        Compilation {
            path,
            source: String::new(),
            guideline_path: None,
            guideline_source: None,
            pathway: None,
            analysis: None,
            diagnostics: Vec::new(),
        }
    }
}

/// The stages after reading the pathway; `load` fetches the guideline named in the header.
fn compile_with(
    mut compilation: Compilation,
    load: impl FnOnce(&str) -> (PathBuf, Result<String, Loaded>),
) -> Compilation {
    let ast = match syntax::parse(&compilation.source) {
        Ok(ast) => ast,
        Err(errors) => {
            compilation.diagnostics.extend(errors.into_iter().map(Diagnostic::from));
            return compilation;
        }
    };
    let guideline = read_guideline(&mut compilation, &ast, load);
    check_parsed(&mut compilation, &ast, guideline.as_ref());
    compilation
}

/// Reads and segments the guideline named in the header; reports why when it cannot.
fn read_guideline(
    compilation: &mut Compilation,
    ast: &ast::File,
    load: impl FnOnce(&str) -> (PathBuf, Result<String, Loaded>),
) -> Option<guideline::Guideline> {
    let relative = sema::guideline_path(ast)?;
    let (resolved, loaded) = load(relative);
    compilation.guideline_path = Some(resolved.clone());
    let text = match loaded {
        Ok(text) => text,
        Err(Loaded::Unreadable(reason)) => {
            compilation.diagnostics.push(
                SourceError::GuidelineUnreadable {
                    path: resolved.display().to_string(),
                    reason,
                    at: guideline_field_span(ast).map(Into::into),
                }
                .into(),
            );
            return None;
        }
        Err(Loaded::Refused(why)) => {
            compilation.diagnostics.push(
                SourceError::GuidelineRefused {
                    path: for_terminal(relative),
                    why,
                    at: guideline_field_span(ast).map(Into::into),
                }
                .into(),
            );
            return None;
        }
    };
    let segmented = guideline::segment(&text);
    compilation.guideline_source = Some(text);
    match segmented {
        Ok(guideline) => Some(guideline),
        Err(errors) => {
            compilation.diagnostics.extend(errors.into_iter().map(Diagnostic::from));
            None
        }
    }
}

/// Runs sema and the analyses on a parsed file.
fn check_parsed(
    compilation: &mut Compilation,
    ast: &ast::File,
    guideline: Option<&guideline::Guideline>,
) {
    match sema::check(ast, guideline) {
        Ok(pathway) => {
            // Without a guideline, citations were not resolved: the pathway is not usable.
            if guideline.is_none() {
                return;
            }
            let analysis = analysis::analyse(&pathway);
            compilation.diagnostics.extend(analysis.findings.iter().cloned().map(Diagnostic::from));
            compilation.pathway = Some(pathway);
            compilation.analysis = Some(analysis);
        }
        Err(errors) => compilation.diagnostics.extend(errors.into_iter().map(Diagnostic::from)),
    }
}

/// `relative` resolved against the folder of `pathway_file`.
pub fn path_beside(pathway_file: &Path, relative: &str) -> PathBuf {
    pathway_file.parent().map_or_else(|| PathBuf::from(relative), |dir| dir.join(relative))
}

fn guideline_field_span(ast: &ast::File) -> Option<Span> {
    ast.items.iter().find_map(|item| match item {
        ast::Item::Header(h) => {
            h.fields.iter().find(|f| f.key.node == ast::HeaderKey::Guideline).map(|f| f.value.span)
        }
        _ => None,
    })
}
