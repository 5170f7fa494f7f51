//! What the CI-format tests (`gate_cli`, `sarif_cli`) share: the drinks pathway, two
//! recommendations on one fact that always come together without a declaration, locked in a
//! temporary folder beside its guideline, and running `cairn` there.

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

/// The drinks pathway: `cairn check --deny-warnings` passes, `cairn analyse` warns that tea and
/// coffee come together.
pub const DRINKS: &str = "pathway drinks {
  title \"Drinks\"
  guideline \"guideline.txt\"
}
fact thirsty: bool \"The visitor is thirsty\"
recommend tea: offer \"Offer tea\" when thirsty cites \"Offer tea to every thirsty visitor.\"
recommend coffee: offer \"Offer coffee\" when thirsty cites \"Offer coffee to every thirsty visitor.\"
";

/// The guideline both recommendations cite.
pub const GUIDELINE: &str =
    "• Offer tea to every thirsty visitor.\n• Offer coffee to every thirsty visitor.\n";

/// Runs `cairn` in `dir`, so that the paths it prints are the relative ones given.
pub fn cairn(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(dir).output().unwrap()
}

/// `pathway` as `drinks.pathway` beside [`GUIDELINE`], locked by `cairn lock`, in a temporary
/// folder.
pub fn locked(pathway: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("drinks.pathway"), pathway).unwrap();
    std::fs::write(dir.path().join("guideline.txt"), GUIDELINE).unwrap();
    let lock = cairn(dir.path(), &["lock", "drinks.pathway"]);
    assert!(lock.status.success(), "{}", String::from_utf8_lossy(&lock.stderr));
    dir
}
