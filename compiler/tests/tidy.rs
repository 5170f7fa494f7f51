//! Tidy: the architecture's invariants, enforced by reading the sources (in the spirit of
//! rust-analyzer's tidy test). Each rule fails with the file and line that breaks it and what
//! the rule is for:
//!
//! - the dependencies between the compiler's modules are the ones in [`ALLOWED`] (a new
//!   back-edge fails);
//! - only `syntax` knows pest;
//! - only the driver and the CLI touch the file system;
//! - every Rust file opens with a `//!` line saying what it is;
//! - every `#[allow]` says why (`reason = "..."`, or a comment on the line above).
//!
//! `compiler/ARCHITECTURE.md` explains the map these rules keep true.

use std::fs;
use std::path::{Path, PathBuf};

/// Which of the compiler's top-level modules each module may import (`crate::<module>`), besides
/// itself. Below the stages: `span`, `text`, `suggest`, `units`, `diagnostics`, `guideline` and
/// `ir`; then the pipeline `syntax -> sema -> analysis -> backend`; the interpreter (`interp`) is a
/// leaf that only the case runner (`cases`), the driver's callers and the CLI use; `driver`
/// chains everything.
const ALLOWED: &[(&str, &[&str])] = &[
    // SARIF renders the driver's list of diagnostics through the one JSON schema, with the
    // witnesses of the analysis's findings.
    ("sarif", &["analysis", "diagnostics", "driver", "guideline", "span"]),
    ("span", &[]),
    ("text", &[]),
    ("suggest", &[]),
    ("units", &[]),
    ("diagnostics", &["span", "text"]),
    ("syntax", &["span", "text"]),
    ("guideline", &["span", "text"]),
    // The IR shares one enum with the AST (`OverlapKind`); nothing else of the syntax.
    ("ir", &["guideline", "span", "suggest", "syntax", "text"]),
    ("sema", &["guideline", "ir", "span", "suggest", "syntax", "text", "units"]),
    ("analysis", &["guideline", "ir", "span", "suggest", "text"]),
    ("interp", &["guideline", "ir", "span", "suggest", "text"]),
    ("backend", &["analysis", "diagnostics", "guideline", "ir", "span", "text"]),
    ("cases", &["analysis", "diagnostics", "guideline", "interp", "ir", "span", "suggest", "text"]),
    // The lock file checks a checked pathway against its record and writes TOML through the
    // backends' escaping.
    ("lock", &["analysis", "backend", "guideline", "ir", "span", "text"]),
    (
        "driver",
        &[
            "analysis",
            "backend",
            "diagnostics",
            "guideline",
            "ir",
            "lock",
            "sema",
            "span",
            "syntax",
            "text",
        ],
    ),
];

/// Why the module table exists, for its failures.
const WHY_MODULES: &str = "the pipeline reads off the module names: a stage imports only what sits \
    below it (compiler/ARCHITECTURE.md); the interpreter is a leaf; backends read the IR, never the \
    AST. Change the table in tests/tidy.rs only with the map in ARCHITECTURE.md";

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !matches!(name, "target" | "snapshots") {
                found.extend(rust_files(&path));
            }
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
    found
}

/// A file's path relative to the workspace, for messages.
fn shown(path: &Path) -> String {
    let root = root();
    let root = root.canonicalize().unwrap_or(root);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}

/// The lines of a file's code, numbered from 1, without line comments, up to its unit tests
/// (`#[cfg(test)]`): tests may use what the code may not (the driver, the file system).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = match line.find("//") {
            // `//` inside a string literal (a URL) is code; a crude test that is right here.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        lines.push((i + 1, code.to_string()));
    }
    lines
}

/// The compiler's library sources (not the CLI), with the top-level module each belongs to.
fn library_files() -> Vec<(String, PathBuf)> {
    let src = root().join("compiler/src");
    rust_files(&src)
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).ok()?.to_path_buf();
            let first = relative.components().next()?.as_os_str().to_str()?.to_string();
            if first == "bin" {
                return None;
            }
            Some((first.trim_end_matches(".rs").to_string(), path))
        })
        .collect()
}

/// The module a `crate::name` path names: the crate root's re-exports are the driver's.
fn module_of(name: &str) -> &str {
    match name {
        "compile_file" | "compile_source" | "Compilation" => "driver",
        other => other,
    }
}

/// Every `crate::<name>` a line uses.
fn crate_paths(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter(|(at, _)| {
            // Not `cairn_crate::` or the like: `crate` as a whole word.
            !line[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        })
        .map(|(at, m)| {
            let rest = &line[at + m.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn modules_import_only_what_the_table_allows() {
    let mut broken = Vec::new();
    let files = library_files();
    assert!(files.len() > 50, "found only {} library files: wrong folder?", files.len());
    for (module, path) in &files {
        if module == "lib" || module == "test_pathways" {
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| m == module) else {
            broken.push(format!(
                "{}: module `{module}` is not in the table of tests/tidy.rs; {WHY_MODULES}",
                shown(path)
            ));
            continue;
        };
        let text = fs::read_to_string(path).unwrap_or_default();
        for (line, code) in code_lines(&text) {
            for name in crate_paths(&code) {
                let target = module_of(name);
                if target != module && !target.is_empty() && !allowed.contains(&target) {
                    broken.push(format!(
                        "{}:{line}: `{module}` imports `{target}`; {WHY_MODULES}",
                        shown(path)
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

#[test]
fn only_syntax_knows_pest() {
    let mut broken = Vec::new();
    for (module, path) in library_files() {
        if module == "syntax" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        for (line, code) in code_lines(&text) {
            if code.contains("pest::") || code.contains("pest_derive") || code.contains("use pest")
            {
                broken.push(format!(
                    "{}:{line}: pest outside `syntax`; only the parser knows pest, so no pest type \
                     reaches the AST, the IR or a public signature, and the grammar can change \
                     without touching any other stage",
                    shown(&path)
                ));
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

#[test]
fn only_the_driver_and_the_cli_touch_the_file_system() {
    let mut broken = Vec::new();
    for (module, path) in library_files() {
        if module == "driver" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        for (line, code) in code_lines(&text) {
            let touches = ["std::fs", "fs::", "File::", "OpenOptions", "read_dir", "std::env::"]
                .iter()
                .any(|word| code.contains(word));
            if touches {
                broken.push(format!(
                    "{}:{line}: file system access outside the driver and the CLI; the library \
                     takes text and returns values, so it can be tested, fuzzed and embedded \
                     without a disk, and what a pathway may read is decided in one place",
                    shown(&path)
                ));
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

/// The Rust sources the style rules cover: every crate's sources, tests, benches, examples and
/// fuzz targets, except generated files (which say so in their first line).
fn all_rust_sources() -> Vec<PathBuf> {
    let root = root();
    let mut files = Vec::new();
    for dir in
        ["compiler/src", "compiler/tests", "compiler/fuzz/fuzz_targets", "runtime", "conformance"]
    {
        files.extend(rust_files(&root.join(dir)));
    }
    files
        .into_iter()
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            !text.lines().next().unwrap_or_default().contains("@generated")
        })
        .collect()
}

#[test]
fn every_file_says_what_it_is() {
    let files = all_rust_sources();
    assert!(files.len() > 100, "found only {} Rust files: wrong folder?", files.len());
    let broken: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            !text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().starts_with("//!")
        })
        .map(|path| {
            format!(
                "{}:1: no `//!` line; every file opens by saying what it is and where it sits, so \
                 a newcomer can read the tree file by file",
                shown(path)
            )
        })
        .collect();
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

#[test]
fn every_allow_says_why() {
    let mut broken = Vec::new();
    for path in all_rust_sources() {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            if !(trimmed.starts_with("#[allow(") || trimmed.starts_with("#![allow(")) {
                continue;
            }
            // The attribute, to its closing bracket (it may span lines).
            let mut attribute = String::new();
            for next in &lines[i..] {
                attribute.push_str(next);
                if next.trim_end().ends_with(")]") {
                    break;
                }
            }
            let commented = i > 0 && lines[i - 1].trim_start().starts_with("//");
            // A string that writes the attribute into generated code is not one.
            let generated = trimmed.contains('"') && !attribute.contains("reason");
            if !attribute.contains("reason =") && !commented && !generated {
                broken.push(format!(
                    "{}:{}: `allow` without a reason; a silenced lint says why (`reason = \"...\"` \
                     or a comment on the line above), so the next reader knows whether it still \
                     applies",
                    shown(&path),
                    i + 1
                ));
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}
