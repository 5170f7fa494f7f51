//! The NICE pathway's generated Markdown and SVG are committed beside it
//! (`pathways/spinal-metastases/spinal-metastases.md` and `.svg`) so that they can be read
//! without building anything, and its generated Rust is committed in the embedding example
//! (`conformance/examples/embedding/src/spinal_metastases.rs`). These tests fail when they are
//! stale, that is when `cairn build` would now write something else.
//!
//! The Markdown must be equal byte for byte. The SVG depends on the Graphviz version and the
//! fonts installed, so it carries a stamp with the digest of the DOT it was rendered from, and
//! that digest must be the one of the DOT `cairn build` writes now.
//!
//! To regenerate them all (the SVG needs Graphviz):
//! `CAIRN_UPDATE_DOCS=1 cargo test -p cairn-compiler --test backend_committed_docs`

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backend_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use backend_support::*;
use cairn_compiler::backend;

const REGENERATE: &str =
    "CAIRN_UPDATE_DOCS=1 cargo test -p cairn-compiler --test backend_committed_docs";

fn committed(extension: &str) -> PathBuf {
    workspace().join(format!("pathways/spinal-metastases/spinal-metastases.{extension}"))
}

fn updating() -> bool {
    std::env::var_os("CAIRN_UPDATE_DOCS").is_some_and(|v| v == "1")
}

/// Runs `cairn build` on the NICE pathway into a fresh folder; returns the folder.
fn build(emit: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("build")
        .arg(nice_path())
        .arg("--out")
        .arg(out.path())
        .args(["--emit", emit])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cairn build --emit {emit} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn built(out: &Path, extension: &str) -> String {
    std::fs::read_to_string(out.join(format!("spinal_metastases.{extension}"))).unwrap()
}

/// The first lines where two texts differ, for the failure message.
fn diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(2).to_string();
    text.lines().take(40).collect::<Vec<_>>().join("\n")
}

#[test]
fn committed_markdown_is_what_cairn_build_writes() {
    let out = build("markdown");
    let now = built(out.path(), "md");
    // The build writes what the backend generates.
    let (pathway, analysis) = nice();
    assert_eq!(now, backend::markdown::generate(&pathway, &analysis, NICE_SOURCE));
    if updating() {
        std::fs::write(committed("md"), &now).unwrap();
        return;
    }
    let old = std::fs::read_to_string(committed("md")).unwrap_or_default();
    assert!(
        old == now,
        "{} is stale; regenerate it with\n  {REGENERATE}\n{}",
        committed("md").display(),
        diff(&old, &now)
    );
}

#[test]
fn committed_svg_was_rendered_from_the_dot_cairn_build_writes() {
    let out = build("dot");
    let dot = built(out.path(), "dot");
    let stamp = backend::dot::svg_stamp(&dot, NICE_SOURCE);
    if updating() {
        let out = build("svg");
        let svg = built(out.path(), "svg");
        assert!(svg.contains(&stamp));
        std::fs::write(committed("svg"), svg).unwrap();
        return;
    }
    let svg = std::fs::read_to_string(committed("svg")).unwrap_or_default();
    assert!(
        svg.contains(&stamp),
        "{} is stale (it was not rendered from today's DOT); regenerate it with\n  {REGENERATE}",
        committed("svg").display()
    );
    // And it is a real rendering: an SVG that shows every recommendation's id.
    assert!(svg.contains("<svg"), "not an SVG");
    let (pathway, _) = nice();
    for rec in &pathway.recommendations {
        assert!(svg.contains(&rec.name.node), "the SVG does not show `{}`", rec.name.node);
    }
}

#[test]
fn committed_embedding_example_engine_is_what_cairn_build_writes() {
    let out = build("rust");
    let now = built(out.path(), "rs");
    let committed = workspace().join("conformance/examples/embedding/src/spinal_metastases.rs");
    if updating() {
        std::fs::write(&committed, &now).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == now,
        "{} is stale; regenerate it with\n  {REGENERATE}\n{}",
        committed.display(),
        diff(&old, &now)
    );
}
