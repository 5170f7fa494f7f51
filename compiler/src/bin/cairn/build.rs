//! `cairn build <file.pathway> --out <dir> [--emit rust,markdown,dot,svg,crate]`: generates the
//! embeddable engine and the documents of a pathway. All or nothing: everything is generated in
//! memory first (the SVG through Graphviz's `dot`), and only then written, each file replaced
//! atomically (a temporary file in the same folder, renamed over the old one).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use cairn_compiler::Compilation;
use cairn_compiler::analysis::Analysis;
use cairn_compiler::backend::{self, cargo::Runtime};
use cairn_compiler::diagnostics::Diagnostic;
use cairn_compiler::ir::Pathway;
use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::output::{ErrorFormat, WIDTH, print_diagnostics, print_json};

/// What `cairn build` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Emit {
    /// `<name>.rs`: the engine, a module needing only `cairn-runtime` and `serde`.
    Rust,
    /// `<name>.md`: the document for reviewers.
    Markdown,
    /// `<name>.dot`: the flowchart, for Graphviz.
    Dot,
    /// `<name>.svg`: the flowchart rendered by Graphviz's `dot`.
    Svg,
    /// `<name>/`: a Cargo crate around the engine.
    Crate,
}

/// Arguments of `cairn build`.
#[derive(clap::Args)]
pub struct Args {
    /// The pathway file.
    file: PathBuf,
    /// The folder to write into (created if missing; must not be a symbolic link).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// What to write, comma separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_values_t = [Emit::Rust, Emit::Markdown, Emit::Dot]
    )]
    emit: Vec<Emit>,
    /// The folder of the `cairn-runtime` crate, for `--emit crate`. By default, the `runtime`
    /// folder of the Cairn workspace that holds the pathway file (searched upwards from it).
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    error_format: ErrorFormat,
}

/// Why a build wrote nothing.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BuildError {
    /// `--out` is a symbolic link.
    #[error("`{path}` is a symbolic link; cairn build does not write through links")]
    #[diagnostic(
        code(cairn::build::out_is_symlink),
        help("pass the real folder the link points to, or another folder")
    )]
    OutIsSymlink {
        /// The path.
        path: String,
    },

    /// A path that must be a folder is something else.
    #[error("`{path}` exists and is not a folder")]
    #[diagnostic(
        code(cairn::build::not_a_folder),
        help("pass a folder, or a path that does not exist yet")
    )]
    NotAFolder {
        /// The path.
        path: String,
    },

    /// A file to write is a folder.
    #[error("`{path}` is a folder, where cairn build writes a file")]
    #[diagnostic(
        code(cairn::build::target_is_folder),
        help("move the folder away, or write elsewhere")
    )]
    TargetIsFolder {
        /// The path.
        path: String,
    },

    /// Reading or writing failed.
    #[error("cannot {action} `{path}`: {reason}")]
    #[diagnostic(code(cairn::build::io), help("check the path and its permissions"))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path.
        path: String,
        /// What the operating system said.
        reason: String,
    },

    /// Graphviz is not installed.
    #[error("`--emit svg` needs Graphviz's `dot` command, which was not found")]
    #[diagnostic(
        code(cairn::build::graphviz_missing),
        help(
            "install Graphviz (`apt-get install graphviz`, `dnf install graphviz`, `brew install graphviz`, or https://graphviz.org/download/), or leave `svg` out of `--emit` and render the `.dot` file elsewhere"
        )
    )]
    GraphvizMissing,

    /// Graphviz failed.
    #[error("Graphviz's `dot` failed to render the flowchart: {stderr}")]
    #[diagnostic(
        code(cairn::build::graphviz_failed),
        help("this is a bug in cairn's DOT output; please report it")
    )]
    GraphvizFailed {
        /// What `dot` printed.
        stderr: String,
    },

    /// No runtime crate for `--emit crate`.
    #[error("cannot find the `cairn-runtime` crate for `--emit crate`")]
    #[diagnostic(
        code(cairn::build::runtime_not_found),
        help(
            "pass `--runtime-path <folder>` with the folder of cairn-runtime (the `runtime` folder of the Cairn repository); {detail}"
        )
    )]
    RuntimeNotFound {
        /// What was looked at.
        detail: String,
    },
}

/// Exit 0 when every file was written; 1 when the pathway has errors or nothing could be
/// written.
pub fn run(args: &Args, allowed_dirs: &[PathBuf]) -> ExitCode {
    let compilation = cairn_compiler::driver::compile_file_in(&args.file, allowed_dirs);
    // The pathway and its analysis are borrowed, not cloned: for a large pathway a copy is
    // tens of megabytes at the build's peak.
    let Some((pathway, analysis)) = compilation.checked() else {
        print_diagnostics(&compilation, args.error_format);
        return ExitCode::FAILURE;
    };
    if let Err(error) = check_folder(&args.out) {
        return report(&error, &args.file, args.error_format);
    }
    let source_name = args
        .file
        .file_name()
        .map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let files = match generate(args, pathway, analysis, &source_name) {
        Ok(files) => files,
        Err(Failed::Build(error)) => return report(&error, &args.file, args.error_format),
        Err(Failed::Backend(errors)) => {
            let mut compilation = compilation;
            return backend_errors(&mut compilation, errors, args.error_format);
        }
    };

    match write_all(&args.out, &files) {
        Ok(written) => {
            // Warnings (unused items, coverage) do not stop a build, but are shown; in JSON the
            // document is printed whatever it holds, as `cairn check` does.
            if args.error_format == ErrorFormat::Json || !compilation.diagnostics.is_empty() {
                print_diagnostics(&compilation, args.error_format);
            }
            if args.error_format == ErrorFormat::Human {
                // What the author checks first: the pathway checked, and how much of the
                // guideline it accounts for.
                let coverage = &analysis.coverage;
                eprintln!(
                    "checked {}: {} of {} guideline statements accounted for ({:.2}%), {} recommendations",
                    args.file.display(),
                    coverage.implemented + coverage.informational,
                    coverage.total,
                    coverage.percent,
                    pathway.recommendations.len()
                );
                for path in written {
                    eprintln!("wrote {}", path.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => report(&error, &args.file, args.error_format),
    }
}

/// Why nothing was generated.
enum Failed {
    /// A backend refused the pathway (names it cannot spell, too many explanations...).
    Backend(Vec<backend::BackendError>),
    /// Graphviz or the runtime crate failed us.
    Build(BuildError),
}

/// Every file `--emit` asks for, in memory (paths relative to the output folder).
fn generate(
    args: &Args,
    pathway: &Pathway,
    analysis: &Analysis,
    source_name: &str,
) -> Result<Vec<(PathBuf, String)>, Failed> {
    let name = &pathway.name.node;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let emit = |what| args.emit.contains(&what);
    if emit(Emit::Rust) {
        let code =
            backend::rust::generate(pathway, analysis, source_name).map_err(Failed::Backend)?;
        files.push((PathBuf::from(format!("{name}.rs")), code));
    }
    if emit(Emit::Markdown) {
        let markdown = backend::markdown::generate(pathway, analysis, source_name);
        files.push((PathBuf::from(format!("{name}.md")), markdown));
    }
    let dot = backend::dot::generate(pathway, analysis, source_name);
    if emit(Emit::Svg) {
        let svg = render_svg(&dot).map_err(Failed::Build)?;
        let svg = backend::dot::stamp_svg(&svg, &dot, source_name);
        files.push((PathBuf::from(format!("{name}.svg")), svg));
    }
    if emit(Emit::Dot) {
        files.push((PathBuf::from(format!("{name}.dot")), dot));
    }
    if emit(Emit::Crate) {
        let runtime = find_runtime(args).map_err(Failed::Build)?;
        let crate_files = backend::cargo::generate(pathway, analysis, source_name, &runtime)
            .map_err(Failed::Backend)?;
        for file in crate_files {
            files.push((Path::new(name).join(file.path), file.contents));
        }
    }
    Ok(files)
}

/// Prints backend errors with the compilation's other diagnostics.
fn backend_errors(
    compilation: &mut Compilation,
    errors: Vec<backend::BackendError>,
    format: ErrorFormat,
) -> ExitCode {
    compilation.diagnostics.extend(errors.into_iter().map(Diagnostic::from));
    print_diagnostics(compilation, format);
    ExitCode::FAILURE
}

/// Prints a build error (it points into no file) and fails.
fn report(error: &BuildError, file: &Path, format: ErrorFormat) -> ExitCode {
    match format {
        ErrorFormat::Human => {
            let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .with_width(WIDTH)
                .with_links(false);
            let mut out = String::new();
            if handler.render_report(&mut out, error).is_err() {
                out = error.to_string();
            }
            eprint!("{out}");
        }
        ErrorFormat::Json => {
            use miette::Diagnostic as _;
            print_json(&serde_json::json!({
                "file": file.display().to_string(),
                "errors": 1,
                "warnings": 0,
                "diagnostics": [{
                    "code": error.code().map(|c| c.to_string()).unwrap_or_default(),
                    "severity": "error",
                    "message": error.to_string(),
                    "help": error.help().map(|h| h.to_string()),
                }],
            }));
        }
    }
    ExitCode::FAILURE
}

/// `path` is a folder or nothing yet, and not a symbolic link.
fn check_folder(path: &Path) -> Result<(), BuildError> {
    let shown = path.display().to_string();
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(BuildError::OutIsSymlink { path: shown }),
        Ok(meta) if !meta.is_dir() => Err(BuildError::NotAFolder { path: shown }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BuildError::Io { action: "inspect", path: shown, reason: e.to_string() }),
    }
}

/// Renders DOT to SVG with Graphviz.
fn render_svg(dot: &str) -> Result<String, BuildError> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BuildError::GraphvizMissing);
        }
        Err(e) => return Err(BuildError::GraphvizFailed { stderr: e.to_string() }),
    };
    let failed = |e: std::io::Error| BuildError::GraphvizFailed { stderr: e.to_string() };
    // `dot` reads its whole input before it writes, so writing first cannot fill the pipes. A
    // `dot` that dies early closes its input: the write then fails with a broken pipe, and
    // what `dot` said on stderr is the better explanation, so it is read before giving up.
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(dot.as_bytes()));
    let output = child.wait_with_output().map_err(failed)?;
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        return Err(BuildError::GraphvizFailed { stderr });
    }
    if let Some(Err(error)) = written {
        return Err(failed(error));
    }
    if !stderr.is_empty() {
        eprintln!("warning: Graphviz: {stderr}");
    }
    String::from_utf8(output.stdout)
        .map_err(|_| BuildError::GraphvizFailed { stderr: "its output is not UTF-8".to_string() })
}

/// The runtime crate for `--emit crate`: `--runtime-path`, or the `runtime` folder of the
/// workspace above the pathway file.
fn find_runtime(args: &Args) -> Result<Runtime, BuildError> {
    let mut looked = Vec::new();
    let candidates: Vec<PathBuf> = match &args.runtime_path {
        Some(path) => vec![path.clone()],
        None => {
            let start = std::fs::canonicalize(&args.file).unwrap_or_else(|_| args.file.clone());
            start.ancestors().skip(1).map(|dir| dir.join("runtime")).collect()
        }
    };
    for candidate in candidates {
        looked.push(candidate.display().to_string());
        if is_runtime(&candidate) {
            let path = std::fs::canonicalize(&candidate).unwrap_or(candidate);
            return path.to_str().map(|p| Runtime::Path(p.to_string())).ok_or_else(|| {
                BuildError::RuntimeNotFound {
                    detail: format!("`{}` is not a UTF-8 path", path.display()),
                }
            });
        }
    }
    let detail = match &args.runtime_path {
        Some(path) => format!("`{}` holds no Cargo.toml of cairn-runtime", path.display()),
        None => format!("looked in {}", looked.join(", ")),
    };
    Err(BuildError::RuntimeNotFound { detail })
}

/// Whether `dir` holds the `cairn-runtime` package.
fn is_runtime(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml")) else { return false };
    let Ok(manifest) = text.parse::<toml::Table>() else { return false };
    manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .is_some_and(|n| n == "cairn-runtime")
}

/// Writes every file under `out`: first checks every target, then writes each to a temporary
/// file beside it, then renames them all into place. Returns the paths written.
fn write_all(out: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, BuildError> {
    let io = |action, path: &Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| BuildError::Io { action, path, reason: e.to_string() }
    };
    // Every folder on the way must be a real folder (or not exist yet), every target a file
    // (or nothing).
    let mut folders: Vec<PathBuf> = vec![out.to_path_buf()];
    for (relative, _) in files {
        let mut folder = relative.parent();
        while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
            folders.push(out.join(f));
            folder = f.parent();
        }
    }
    folders.sort();
    folders.dedup();
    for folder in &folders {
        check_folder(folder)?;
    }
    for (relative, _) in files {
        let target = out.join(relative);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(BuildError::TargetIsFolder { path: target.display().to_string() });
        }
    }
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(io("create", folder))?;
    }
    let mut staged = Vec::with_capacity(files.len());
    for (relative, contents) in files {
        let target = out.join(relative);
        let folder = target.parent().unwrap_or(out);
        let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(io("write into", folder))?;
        temp.write_all(contents.as_bytes()).map_err(io("write", &target))?;
        temp.as_file().sync_all().map_err(io("write", &target))?;
        staged.push((temp, target));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (temp, target) in staged {
        temp.persist(&target).map_err(|e| BuildError::Io {
            action: "replace",
            path: target.display().to_string(),
            reason: e.error.to_string(),
        })?;
        written.push(target);
    }
    Ok(written)
}
