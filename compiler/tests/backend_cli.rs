//! `cairn build` from the outside: what it writes by default and on request, that it writes
//! nothing when anything fails (errors in the pathway, names that cannot become Rust, a missing
//! Graphviz, an `--out` that is a file or a symbolic link), and that it replaces files
//! atomically instead of writing through them.

// Allowed: clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they
// share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backend_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use backend_support::*;
use cairn_compiler::backend;

fn cairn(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).output().unwrap()
}

fn build(pathway: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["build".as_ref(), pathway.as_os_str(), "--out".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    cairn(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        walk(dir).into_iter().map(|p| p.strip_prefix(dir).unwrap().display().to_string()).collect();
    names.sort();
    names
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn default_build_writes_rust_markdown_and_dot_as_the_backends_generate_them() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("new/folder");
    let output = build(&nice_path(), &target, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        listing(&target),
        ["spinal_metastases.dot", "spinal_metastases.md", "spinal_metastases.rs"]
    );
    let (pathway, analysis) = nice();
    let read = |name: &str| std::fs::read_to_string(target.join(name)).unwrap();
    assert_eq!(
        read("spinal_metastases.rs"),
        backend::rust::generate(&pathway, &analysis, NICE_SOURCE).unwrap()
    );
    assert_eq!(
        read("spinal_metastases.md"),
        backend::markdown::generate(&pathway, &analysis, NICE_SOURCE)
    );
    assert_eq!(
        read("spinal_metastases.dot"),
        backend::dot::generate(&pathway, &analysis, NICE_SOURCE)
    );
    assert!(stderr(&output).contains("wrote "), "{}", stderr(&output));
}

#[test]
fn svg_and_crate_on_request() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&nice_path(), out.path(), &["--emit", "svg,crate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        listing(out.path()),
        [
            "spinal_metastases.svg",
            "spinal_metastases/Cargo.toml",
            "spinal_metastases/src/engine.rs",
            "spinal_metastases/src/lib.rs"
        ]
    );
    let (pathway, analysis) = nice();
    let dot = backend::dot::generate(&pathway, &analysis, NICE_SOURCE);
    let svg = std::fs::read_to_string(out.path().join("spinal_metastases.svg")).unwrap();
    assert!(svg.contains(&backend::dot::svg_stamp(&dot, NICE_SOURCE)));
    // The runtime is found from the pathway's place in the workspace.
    let manifest =
        std::fs::read_to_string(out.path().join("spinal_metastases/Cargo.toml")).unwrap();
    let runtime = std::fs::canonicalize(workspace().join("runtime")).unwrap();
    let expected = format!("cairn-runtime = {{ path = \"{}\" }}", runtime.display());
    assert!(manifest.contains(&expected), "{manifest}");
}

#[test]
fn a_runtime_path_that_holds_no_runtime_is_refused() {
    let out = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let runtime = elsewhere.path().to_str().unwrap();
    let output =
        build(&nice_path(), &out.path().join("o"), &["--emit", "crate", "--runtime-path", runtime]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cairn::build::runtime_not_found"), "{}", stderr(&output));
    assert!(!out.path().join("o").exists());
}

#[test]
fn a_pathway_with_errors_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("guideline.txt"), "Offer tea.\n").unwrap();
    let broken = dir.path().join("broken.pathway");
    std::fs::write(
        &broken,
        "pathway broken {\n  title \"t\"\n  guideline \"guideline.txt\"\n}\nrecommend tea: offer \"Tea\" when nothing\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = build(&broken, &out, &["--emit", "rust,markdown,dot,crate"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cairn::sema::unknown_name"), "{}", stderr(&output));
    assert!(!out.exists(), "nothing may be written");

    // Names that check but cannot become Rust stop the build too, before anything is written.
    std::fs::write(
        &broken,
        "pathway broken {\n  title \"t\"\n  guideline \"guideline.txt\"\n}\nfact mri: bool\nfact MRI: bool\nrecommend tea: offer \"Tea\" when mri and MRI\n  cites \"Offer tea.\"\n",
    )
    .unwrap();
    let output = build(&broken, &out, &["--emit", "markdown,rust"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cairn::backend::name_collision"), "{}", stderr(&output));
    assert!(!out.exists(), "nothing may be written");
    let output = build(&broken, &out, &["--emit", "markdown,rust", "--error-format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "cairn::backend::name_collision");
}

#[test]
fn out_must_be_a_real_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "keep me").unwrap();
    let output = build(&nice_path(), &file, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cairn::build::not_a_folder"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    #[cfg(unix)]
    {
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let output = build(&nice_path(), &link, &[]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains("cairn::build::out_is_symlink"), "{}", stderr(&output));
        assert!(listing(&real).is_empty());
    }

    // A folder where a file goes.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("spinal_metastases.md")).unwrap();
    let output = build(&nice_path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cairn::build::target_is_folder"), "{}", stderr(&output));
    assert!(!out.join("spinal_metastases.rs").exists());
}

#[cfg(unix)]
#[test]
fn files_are_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A hard link to the old file keeps the old contents when the file is replaced by a
    // rename; a symbolic link's target is left alone.
    let old = out.join("spinal_metastases.md");
    std::fs::write(&old, "old").unwrap();
    let kept = dir.path().join("kept");
    std::fs::hard_link(&old, &kept).unwrap();
    let outside = dir.path().join("outside.rs");
    std::fs::write(&outside, "outside").unwrap();
    std::os::unix::fs::symlink(&outside, out.join("spinal_metastases.rs")).unwrap();

    let output = build(&nice_path(), &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside");
    assert!(std::fs::read_to_string(&old).unwrap().starts_with("<!-- @generated"));
    let rust = out.join("spinal_metastases.rs");
    assert!(!std::fs::symlink_metadata(&rust).unwrap().file_type().is_symlink());
    // No temporary file is left behind.
    assert_eq!(
        listing(&out),
        ["spinal_metastases.dot", "spinal_metastases.md", "spinal_metastases.rs"]
    );
}

#[test]
fn svg_without_graphviz_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["build".as_ref(), nice_path().as_os_str(), "--out".as_ref(), out.as_os_str()])
        .args(["--emit", "rust,svg"])
        // A PATH with no `dot` on it.
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cairn::build::graphviz_missing"), "{message}");
    assert!(message.contains("install Graphviz"), "{message}");
    assert!(!out.exists());
}

#[test]
fn a_failing_graphviz_is_a_clear_error_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A `dot` that fails the way a broken Graphviz install does.
    let fake = dir.path().join("dot");
    std::fs::write(&fake, "#!/bin/sh\necho 'dot: cannot load plugins' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["build".as_ref(), nice_path().as_os_str(), "--out".as_ref(), out.as_os_str()])
        .args(["--emit", "rust,svg"])
        .env("PATH", format!("{}:/usr/bin:/bin", dir.path().display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cairn::build::graphviz_failed"), "{message}");
    assert!(message.contains("cannot load plugins"), "{message}");
    assert!(!out.exists());
}

/// Every file and folder under `dir` with its permission bits, relative path first.
#[cfg(unix)]
fn modes(dir: &Path) -> Vec<(String, u32)> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let mode = std::fs::symlink_metadata(&path).unwrap().permissions().mode() & 0o777;
            found.push((path.strip_prefix(dir).unwrap().display().to_string(), mode));
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Generated files get the mode the umask gives, as `File::create` would (0644 under umask
/// 022, 0600 under 077), both when written anew and when replacing a file: the umask is set in
/// a shell that then runs the binary, since the test process's own umask is not ours to change.
#[cfg(unix)]
#[test]
fn generated_files_get_the_permissions_the_umask_gives() {
    let out = tempfile::tempdir().unwrap();
    for (umask, file_mode, folder_mode) in [("022", 0o644, 0o755), ("077", 0o600, 0o700)] {
        let target = out.path().join(format!("umask-{umask}"));
        for round in ["new", "replacing"] {
            let status = Command::new("sh")
                .arg("-c")
                .arg(format!("umask {umask} && exec \"$0\" build \"$1\" --out \"$2\" --emit rust,markdown,dot,crate"))
                .arg(env!("CARGO_BIN_EXE_cairn"))
                .arg(nice_path())
                .arg(&target)
                .status()
                .unwrap();
            assert!(status.success(), "umask {umask}, {round}");
            let found = modes(&target);
            assert!(found.len() >= 6, "the engine, the documents and the crate: {found:?}");
            for (path, mode) in found {
                let expected = if target.join(&path).is_dir() { folder_mode } else { file_mode };
                assert_eq!(mode, expected, "umask {umask}, {round}: {path} has mode {mode:o}");
            }
        }
    }
}
