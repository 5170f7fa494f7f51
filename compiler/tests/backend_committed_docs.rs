//! Each shipped pathway's generated Markdown and SVG are committed beside it
//! (`pathways/spinal-metastases/spinal-metastases.md` and `.svg`, and the same for
//! `pathways/pneumonia-severity/`) so that they can be read without building anything, and the
//! NICE pathway's generated Rust is committed in the embedding example
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

/// A shipped pathway whose documents are committed beside it.
struct Shipped {
    /// Its folder under `pathways/`, which also names its files.
    folder: &'static str,
    /// The name `cairn build` gives its outputs (the pathway's name).
    output: &'static str,
}

/// The NICE pathway.
const NICE: Shipped = Shipped { folder: "spinal-metastases", output: "spinal_metastases" };
/// The pneumonia severity pathway.
const PNEUMONIA: Shipped = Shipped { folder: "pneumonia-severity", output: "pneumonia_severity" };

impl Shipped {
    fn source(&self) -> PathBuf {
        workspace().join(format!("pathways/{0}/{0}.pathway", self.folder))
    }

    fn source_name(&self) -> String {
        format!("{}.pathway", self.folder)
    }

    fn committed(&self, extension: &str) -> PathBuf {
        workspace().join(format!("pathways/{0}/{0}.{extension}", self.folder))
    }
}

fn updating() -> bool {
    std::env::var_os("CAIRN_UPDATE_DOCS").is_some_and(|v| v == "1")
}

/// Runs `cairn build` on a shipped pathway into a fresh folder; returns the folder.
fn build(shipped: &Shipped, emit: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("build")
        .arg(shipped.source())
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

fn built(shipped: &Shipped, out: &Path, extension: &str) -> String {
    std::fs::read_to_string(out.join(format!("{}.{extension}", shipped.output))).unwrap()
}

/// The first lines where two texts differ, for the failure message.
fn diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(2).to_string();
    text.lines().take(40).collect::<Vec<_>>().join("\n")
}

/// The committed Markdown of `shipped` is what `cairn build` writes now.
fn check_markdown(shipped: &Shipped) {
    let out = build(shipped, "markdown");
    let now = built(shipped, out.path(), "md");
    // The build writes what the backend generates.
    let (pathway, analysis) = compile(&shipped.source());
    assert_eq!(now, backend::markdown::generate(&pathway, &analysis, &shipped.source_name()));
    let committed = shipped.committed("md");
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

/// The committed SVG of `shipped` was rendered from the DOT `cairn build` writes now.
fn check_svg(shipped: &Shipped) {
    let out = build(shipped, "dot");
    let dot = built(shipped, out.path(), "dot");
    let stamp = backend::dot::svg_stamp(&dot, &shipped.source_name());
    let committed = shipped.committed("svg");
    if updating() {
        let out = build(shipped, "svg");
        let svg = built(shipped, out.path(), "svg");
        assert!(svg.contains(&stamp));
        std::fs::write(&committed, svg).unwrap();
        return;
    }
    let svg = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        svg.contains(&stamp),
        "{} is stale (it was not rendered from today's DOT); regenerate it with\n  {REGENERATE}",
        committed.display()
    );
    // And it is a real rendering: an SVG that shows every recommendation's id.
    assert!(svg.contains("<svg"), "not an SVG");
    let (pathway, _) = compile(&shipped.source());
    for rec in &pathway.recommendations {
        assert!(svg.contains(&rec.name.node), "the SVG does not show `{}`", rec.name.node);
    }
}

#[test]
fn committed_markdown_is_what_cairn_build_writes() {
    check_markdown(&NICE);
}

#[test]
fn committed_svg_was_rendered_from_the_dot_cairn_build_writes() {
    check_svg(&NICE);
}

#[test]
fn committed_pneumonia_markdown_is_what_cairn_build_writes() {
    check_markdown(&PNEUMONIA);
}

#[test]
fn committed_pneumonia_svg_was_rendered_from_the_dot_cairn_build_writes() {
    check_svg(&PNEUMONIA);
}

#[test]
fn committed_embedding_example_engine_is_what_cairn_build_writes() {
    let out = build(&NICE, "rust");
    let now = built(&NICE, out.path(), "rs");
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
