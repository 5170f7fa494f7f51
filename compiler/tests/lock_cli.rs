//! The lock file from the outside: `cairn lock` writes it, `cairn check` compares the guideline
//! with it, and every pathway under `pathways/` commits a current one. Then the promise that
//! no edit of the guideline goes unseen, tested by generating edits from each guideline's own
//! text (a new paragraph after every paragraph and at both ends, a new bullet after every
//! bullet, the last word of every line changed, every number changed, every line deleted):
//! each must fail `cairn check` or the coverage gate `cairn coverage --fail-under 100`.

// A test fails loudly on what it did not expect; clippy's allow-unwrap-in-tests covers
// `#[test]` functions but not the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cairn_compiler::driver::lock_path;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every pathway file under `pathways/`, sorted: a pathway added later is tested too.
fn pathway_files() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in std::fs::read_dir(workspace().join("pathways")).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "pathway") {
                found.push(file);
            }
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no pathway under pathways/");
    found
}

fn cairn(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A pathway copied into a temporary folder with its lock file and guideline, so that edits
/// never touch the committed files. Returns the folder, the pathway's and the guideline's file
/// names, and the guideline's text.
struct Copy {
    dir: tempfile::TempDir,
    pathway: String,
    guideline: String,
    text: String,
}

fn copy(pathway: &Path) -> Copy {
    let compilation = cairn_compiler::compile_file(pathway);
    let guideline_path = compilation.guideline_path.clone().expect("the pathway names a guideline");
    let dir = tempfile::tempdir().unwrap();
    let name = |p: &Path| p.file_name().unwrap().to_str().unwrap().to_string();
    for file in [pathway.to_path_buf(), lock_path(pathway), guideline_path.clone()] {
        std::fs::copy(&file, dir.path().join(name(&file))).unwrap();
    }
    Copy {
        dir,
        pathway: name(pathway),
        guideline: name(&guideline_path),
        text: compilation.guideline_source.expect("the guideline was read"),
    }
}

#[test]
fn every_pathway_commits_a_current_lock_file() {
    for pathway in pathway_files() {
        let lock = lock_path(&pathway);
        let committed = std::fs::read_to_string(&lock).unwrap_or_else(|e| {
            panic!("{} has no lock file {}: {e}", pathway.display(), lock.display())
        });
        let copied = copy(&pathway);
        let output = cairn(copied.dir.path(), &["lock", &copied.pathway]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            std::fs::read_to_string(copied.dir.path().join(lock.file_name().unwrap())).unwrap(),
            committed,
            "{} is stale: run `cairn lock` on the pathway after reviewing",
            lock.display()
        );
        assert!(
            stderr(&output).contains("(0 changed, 0 new, 0 dropped since the last lock)"),
            "{}",
            stderr(&output)
        );
        let check = cairn(copied.dir.path(), &["check", "--deny-warnings", &copied.pathway]);
        assert!(check.status.success(), "{}", stderr(&check));
    }
}

/// One generated edit: what it does, in words, and the edited text.
struct Edit {
    what: String,
    text: String,
}

/// Whether a line starts with a bullet, as the segmenter reads them.
fn is_bullet(line: &str) -> bool {
    let body = line.trim_start();
    body.starts_with(['•', '●', '▪', '◦', '‣'])
        || ((body.starts_with("- ") || body.starts_with("* ")) && body.len() > 2)
}

/// Every edit of the kinds the issue names, generated from the text itself.
fn edits(text: &str) -> Vec<Edit> {
    let lines: Vec<&str> = text.split('\n').collect();
    let with = |f: &dyn Fn(usize, &str) -> Option<String>| -> String {
        lines.iter().enumerate().filter_map(|(i, l)| f(i, l)).collect::<Vec<_>>().join("\n")
    };
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut out = Vec::new();
    // A new paragraph at both ends and after every paragraph (a run of lines with text).
    out.push(Edit {
        what: "a new paragraph at the start".into(),
        text: format!("A new paragraph of advice\n\n{text}"),
    });
    out.push(Edit {
        what: "a new paragraph at the end".into(),
        text: format!("{text}\n\nA new paragraph of advice\n"),
    });
    for i in 0..lines.len() {
        if !blank(i) && blank(i + 1) {
            out.push(Edit {
                what: format!("a new paragraph after line {}", i + 1),
                text: with(&|j, l| {
                    Some(if j == i {
                        format!("{l}\n\nA new paragraph of advice\n")
                    } else {
                        l.to_string()
                    })
                }),
            });
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if is_bullet(line) {
            out.push(Edit {
                what: format!("a new bullet after line {}", i + 1),
                text: with(&|j, l| {
                    Some(if j == i {
                        format!("{l}\n• A new bullet of advice")
                    } else {
                        l.to_string()
                    })
                }),
            });
        }
        if line.trim().is_empty() {
            continue;
        }
        // The last word of the line changed, whatever space follows it.
        let body = line.trim_end();
        let start = body
            .rfind(char::is_whitespace)
            .map_or(0, |p| p + body[p..].chars().next().map_or(1, char::len_utf8));
        let changed = format!("{}altered{}", &line[..start], &line[body.len()..]);
        out.push(Edit {
            what: format!("the last word of line {} changed", i + 1),
            text: with(&|j, l| Some(if j == i { changed.clone() } else { l.to_string() })),
        });
        out.push(Edit {
            what: format!("line {} deleted", i + 1),
            text: with(&|j, l| (j != i).then(|| l.to_string())),
        });
    }
    // Every number, one at a time.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_digit() && (at == 0 || !bytes[at - 1].is_ascii_digit()) {
            let end =
                (at..bytes.len()).find(|&e| !bytes[e].is_ascii_digit()).unwrap_or(bytes.len());
            let number: u64 = text[at..end].parse().unwrap();
            out.push(Edit {
                what: format!("the number {number} at byte {at} changed"),
                text: format!("{}{}{}", &text[..at], number + 1, &text[end..]),
            });
            at = end;
        } else {
            at += 1;
        }
    }
    out.retain(|e| e.text != text);
    out
}

#[test]
fn every_generated_edit_of_every_guideline_is_caught() {
    for pathway in pathway_files() {
        let copied = copy(&pathway);
        let edits = edits(&copied.text);
        let kinds = ["new paragraph", "new bullet", "last word", "deleted", "number"];
        for kind in kinds {
            assert!(edits.iter().any(|e| e.what.contains(kind)), "no edit of kind {kind}");
        }
        // Two workers: the machine has two cores.
        let missed: Vec<String> = std::thread::scope(|scope| {
            let halves: Vec<_> = [0, 1]
                .map(|worker| {
                    let (edits, copied) = (&edits, &copied);
                    scope.spawn(move || {
                        let dir = tempfile::tempdir().unwrap();
                        for entry in std::fs::read_dir(copied.dir.path()).unwrap() {
                            let entry = entry.unwrap().path();
                            std::fs::copy(&entry, dir.path().join(entry.file_name().unwrap()))
                                .unwrap();
                        }
                        let mut missed = Vec::new();
                        for edit in edits.iter().skip(worker).step_by(2) {
                            std::fs::write(dir.path().join(&copied.guideline), &edit.text).unwrap();
                            let check = cairn(dir.path(), &["check", &copied.pathway]);
                            if !check.status.success() {
                                continue;
                            }
                            let gate = cairn(
                                dir.path(),
                                &["coverage", &copied.pathway, "--fail-under", "100"],
                            );
                            if gate.status.success() {
                                missed.push(edit.what.clone());
                            }
                        }
                        missed
                    })
                })
                .into();
            halves.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        eprintln!(
            "{}: {} generated edits, {} missed",
            pathway.display(),
            edits.len(),
            missed.len()
        );
        assert!(edits.len() >= 100, "{}: only {} edits", pathway.display(), edits.len());
        assert_eq!(
            missed,
            Vec::<String>::new(),
            "{}: edits that pass both gates",
            pathway.display()
        );
    }
}

fn nice() -> PathBuf {
    workspace().join("pathways/spinal-metastases/spinal-metastases.pathway")
}

/// The NICE footer is declared informational by a prefix quote: a changed last word is only
/// seen through the lock file, and `cairn check` shows it as a word diff with what rests on it,
/// until `cairn lock` records it.
#[test]
fn a_changed_statement_fails_check_until_it_is_locked() {
    let copied = copy(&nice());
    let dir = copied.dir.path();
    let edited = copied.text.replacen("spinal cord compression", "spinal cord injury", 1);
    assert_ne!(edited, copied.text);
    std::fs::write(dir.join(&copied.guideline), edited).unwrap();
    let check = cairn(dir, &["check", &copied.pathway]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let shown = stderr(&check);
    assert!(shown.contains("cairn::lock::changed"), "{shown}");
    assert!(shown.contains("[-compression-]{+injury+}"), "{shown}");
    assert!(shown.contains("resting on it: its informational declaration"), "{shown}");
    assert!(shown.contains("1 error, 0 warnings"), "{shown}");

    let json = cairn(dir, &["check", &copied.pathway, "--error-format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "cairn::lock::changed");
    assert_eq!(json["diagnostics"][0]["line"], 446, "the informational declaration's quote");

    let lock = cairn(dir, &["lock", &copied.pathway]);
    assert!(lock.status.success(), "{}", stderr(&lock));
    assert!(
        stderr(&lock).contains("42 citations (1 changed, 0 new, 0 dropped"),
        "{}",
        stderr(&lock)
    );
    let check = cairn(dir, &["check", "--deny-warnings", &copied.pathway]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// A pathway without a lock file checks with a warning (so a new author can start), which
/// `--deny-warnings` turns into a failure; a malformed lock file is an error.
#[test]
fn a_missing_lock_warns_and_a_malformed_one_fails() {
    let copied = copy(&nice());
    let dir = copied.dir.path();
    let lock_file = lock_path(Path::new(&copied.pathway));
    std::fs::remove_file(dir.join(&lock_file)).unwrap();
    let check = cairn(dir, &["check", &copied.pathway]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).contains("cairn::lock::missing"), "{}", stderr(&check));
    let denied = cairn(dir, &["check", "--deny-warnings", &copied.pathway]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));

    std::fs::write(dir.join(&lock_file), "version = 1\n[[citation]]\nquote = 3\n").unwrap();
    let check = cairn(dir, &["check", &copied.pathway]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("cairn::lock::malformed"), "{}", stderr(&check));

    // `cairn lock` writes a fresh one over it.
    let lock = cairn(dir, &["lock", &copied.pathway]);
    assert!(lock.status.success(), "{}", stderr(&lock));
    let check = cairn(dir, &["check", "--deny-warnings", &copied.pathway]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// The lock file is read through the guideline's confinement: a lock file that is a symbolic
/// link out of the pathway's folder is refused unread, and nothing of its target is printed.
#[cfg(unix)]
#[test]
fn a_lock_file_linked_out_of_the_folder_is_refused_unread() {
    let copied = copy(&nice());
    let dir = copied.dir.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.lock");
    std::fs::write(&secret, "version = \"TOKEN-1234-SECRET\"\n").unwrap();
    let lock_file = dir.join(lock_path(Path::new(&copied.pathway)));
    std::fs::remove_file(&lock_file).unwrap();
    std::os::unix::fs::symlink(&secret, &lock_file).unwrap();
    for format in ["human", "json", "sarif"] {
        let check = cairn(dir, &["check", &copied.pathway, "--error-format", format]);
        assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
        let everything = format!("{}{}", String::from_utf8_lossy(&check.stdout), stderr(&check));
        assert!(everything.contains("cairn::lock::malformed"), "{everything}");
        assert!(everything.contains("outside the pathway's folder"), "{everything}");
        assert!(!everything.contains("TOKEN-1234"), "the target's content leaked: {everything}");
    }
}

/// `cairn lock` writes like `cairn build`: atomically, with the mode the umask gives (here
/// 027, so 0640), not tempfile's 0600.
#[cfg(unix)]
#[test]
fn the_lock_file_gets_the_permissions_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt as _;
    let copied = copy(&nice());
    let dir = copied.dir.path();
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 027 && exec \"$0\" lock \"$1\"")
        .arg(env!("CARGO_BIN_EXE_cairn"))
        .arg(&copied.pathway)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success());
    let lock = dir.join(lock_path(Path::new(&copied.pathway)));
    let mode = std::fs::metadata(&lock).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}
