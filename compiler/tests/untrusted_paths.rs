//! A pathway may come from anyone (a pull request), so the files it names are read only inside
//! its own folder, or a folder the user allows with `--allow-dir`. These tests run the `cairn`
//! binary on pathways that name files outside: an absolute path, a `..`, a symbolic link out, a
//! link into `/proc`, a device, a pipe and a folder. Each must be refused with a diagnostic, and
//! nothing of the target's content may reach stdout or stderr, in every command that reads a
//! pathway.

// Clippy's allow-unwrap-in-tests covers `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A string that stands for a secret: it is in every file outside the folder, and in the
/// environment of the `cairn` process, so `/proc/self/environ` holds it too.
const SECRET: &str = "CANARY-7f3a9c-do-not-print";

/// The guideline text beside the NICE-free test pathway.
const GUIDELINE: &str = "Offer tea to every visitor.\n";

/// A pathway over [`GUIDELINE`] that names `guideline` as its guideline.
fn pathway(guideline: &str) -> String {
    format!(
        "pathway tea {{\n  title \"Tea\"\n  guideline \"{guideline}\"\n}}\n\
         recommend tea: offer \"Offer tea\" when true\n  cites \"Offer tea to every visitor.\"\n"
    )
}

/// A workspace: `outside/secret.txt` (a guideline-shaped file holding the secret, so that a
/// read of it would echo the secret in coverage reports and citation errors) and the folder
/// `repo/` that holds the pathway under test.
struct Workspace {
    _root: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

fn workspace() -> Workspace {
    let root = tempfile::tempdir().unwrap();
    let repo = root.path().join("repo");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{SECRET} is the token.\n{GUIDELINE}"))
        .unwrap();
    std::fs::write(repo.join("guideline.txt"), GUIDELINE).unwrap();
    Workspace { _root: root, repo, outside }
}

/// Runs `cairn` with `args`, the secret in its environment.
fn cairn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_TEST_TOKEN", SECRET)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Every command that reads a pathway, with the arguments that make it do so.
fn commands(pathway: &str, out: &str) -> Vec<Vec<String>> {
    let facts = Path::new(out).join("facts.json");
    std::fs::write(&facts, "{}").unwrap();
    let facts = facts.to_str().unwrap().to_string();
    [
        vec!["check", pathway],
        vec!["coverage", pathway],
        vec!["coverage", pathway, "--format", "json"],
        vec!["analyse", pathway],
        vec!["build", pathway, "--out", out],
        vec!["run", pathway, "--facts", &facts],
        vec!["test", pathway, "--cases", out],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(String::from).collect())
    .collect()
}

/// Asserts that every command refuses the pathway at `path` with `why` and shows no secret.
fn assert_refused_everywhere(path: &Path, why: &str) {
    let out = tempfile::tempdir().unwrap();
    for args in commands(path.to_str().unwrap(), out.path().to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = cairn(&args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown = format!("`cairn {}`\nstdout:\n{stdout}\nstderr:\n{stderr}", args.join(" "));
        assert_eq!(output.status.code(), Some(1), "{shown}");
        assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET), "secret shown: {shown}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains("cairn::driver::guideline_refused"), "{shown}");
        assert!(all.contains(why), "expected `{why}`: {shown}");
        assert!(!all.contains("panicked"), "{shown}");
    }
    // A refused build writes nothing.
    let written: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| name != "facts.json")
        .collect();
    assert!(written.is_empty(), "a refused build wrote {written:?}");
}

/// Writes the pathway naming `guideline` into the workspace's repo and returns its path.
fn write_pathway(ws: &Workspace, guideline: &str) -> PathBuf {
    let path = ws.repo.join("tea.pathway");
    std::fs::write(&path, pathway(guideline)).unwrap();
    path
}

#[test]
fn an_absolute_path_is_refused() {
    let ws = workspace();
    for named in
        ["/proc/self/environ", "/etc/passwd", ws.outside.join("secret.txt").to_str().unwrap()]
    {
        let path = write_pathway(&ws, named);
        assert_refused_everywhere(&path, "an absolute path");
    }
}

#[test]
fn a_parent_folder_is_refused() {
    let ws = workspace();
    let path = write_pathway(&ws, "../outside/secret.txt");
    assert_refused_everywhere(&path, "leads outside the pathway's folder");
    // A `..` that climbs out and back in is no escape, and is allowed.
    let path = write_pathway(&ws, "../repo/guideline.txt");
    assert_eq!(cairn(&["check", path.to_str().unwrap()]).status.code(), Some(0));
    // Nor does a file that does not exist outside let the path through.
    let path = write_pathway(&ws, "../outside/missing.txt");
    assert_refused_everywhere(&path, "leads outside the pathway's folder");
}

#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let ws = workspace();
    symlink(ws.outside.join("secret.txt"), ws.repo.join("linked.txt")).unwrap();
    let path = write_pathway(&ws, "linked.txt");
    assert_refused_everywhere(&path, "leads outside the pathway's folder");
    // A folder linked in from outside is outside too.
    symlink(&ws.outside, ws.repo.join("shared")).unwrap();
    let path = write_pathway(&ws, "shared/secret.txt");
    assert_refused_everywhere(&path, "leads outside the pathway's folder");
}

#[test]
fn system_files_devices_pipes_and_folders_are_refused() {
    let ws = workspace();
    symlink("/proc/self/environ", ws.repo.join("environ.txt")).unwrap();
    let path = write_pathway(&ws, "environ.txt");
    assert_refused_everywhere(&path, "a file of the running system");
    symlink("/dev/zero", ws.repo.join("zero.txt")).unwrap();
    let path = write_pathway(&ws, "zero.txt");
    assert_refused_everywhere(&path, "leads outside the pathway's folder");
    // A named pipe inside the folder would block a reader forever; a folder is no text.
    let made = Command::new("mkfifo").arg(ws.repo.join("pipe.txt")).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let path = write_pathway(&ws, "pipe.txt");
    assert_refused_everywhere(&path, "not a regular file");
    std::fs::create_dir(ws.repo.join("folder")).unwrap();
    let path = write_pathway(&ws, "folder");
    assert_refused_everywhere(&path, "not a regular file");
}

#[test]
fn an_allowed_folder_may_be_read_and_nothing_else() {
    let ws = workspace();
    std::fs::write(ws.outside.join("shared.txt"), GUIDELINE).unwrap();
    let path = write_pathway(&ws, "../outside/shared.txt");
    let path = path.to_str().unwrap();
    let allow = ws.outside.to_str().unwrap();
    // Refused by default, read when the user allows its folder, before or after the command.
    assert_eq!(cairn(&["check", path]).status.code(), Some(1));
    let output = cairn(&["--allow-dir", allow, "check", path]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(cairn(&["check", path, "--allow-dir", allow]).status.code(), Some(0));
    // Allowing one folder does not open the system's files.
    let path = write_pathway(&ws, "/proc/self/environ");
    let output = cairn(&["--allow-dir", "/", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&output.stderr).contains(SECRET));
    symlink("/proc/self/environ", ws.repo.join("environ.txt")).unwrap();
    let path = write_pathway(&ws, "environ.txt");
    let output = cairn(&["--allow-dir", "/", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a file of the running system") && !stderr.contains(SECRET),
        "{stderr}"
    );
    // Nor a device, though `/` is allowed.
    symlink("/dev/zero", ws.repo.join("zero.txt")).unwrap();
    let path = write_pathway(&ws, "zero.txt");
    let output = cairn(&["--allow-dir", "/", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a regular file"));
}
