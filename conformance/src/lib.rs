//! Cairn's conformance suites: language cases and pathway cases, run against the generated
//! engines and the interpreter (see `conformance/README.md`).
//!
//! The build script compiles every pathway of the workspace and generates its Rust engine;
//! [`engine::ENGINES`] lists them. The tests load each pathway's cases ([`suite`]), judge
//! every case on both engines, and hold the two engines to each other ([`agree`]) on the cases
//! and on random facts ([`facts`]).

pub mod agree;
#[path = "discover.rs"]
pub mod discover;
pub mod engine;
pub mod facts;
pub mod nice;
pub mod patients;
pub mod suite;
pub mod synthetic;

/// The workspace root: the folder above this crate.
pub fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
