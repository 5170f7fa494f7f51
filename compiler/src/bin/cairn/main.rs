//! The `cairn` command: a thin layer of clap over the compiler library, one file per
//! subcommand. Exit codes: 0 success, 1 the input has errors (or a check failed), 2 usage.

mod analyse;
mod batch;
mod build;
mod check;
mod coverage;
mod output;
mod run;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Cairn: clinical guidelines as code.
#[derive(Parser)]
#[command(name = "cairn", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Also let pathways read the files they name (their guideline) inside DIR. Without it, a
    /// pathway reads only regular files inside its own folder.
    #[arg(long = "allow-dir", value_name = "DIR", global = true)]
    allow_dirs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Prove what the pathway does over every consistent input: assertions, overlaps, scopes.
    Analyse(analyse::Args),
    /// Generate the Rust engine, the Markdown document and the flowchart of a pathway.
    Build(build::Args),
    /// Type-check a pathway and report every error and warning.
    Check(check::Args),
    /// Report which sentences of the guideline the pathway accounts for.
    Coverage(coverage::Args),
    /// Evaluate the pathway on facts and print the plan as JSON.
    Run(run::Args),
    /// Run conformance cases through the interpreter and report what they exercise.
    Test(test::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let _ = error.print();
            return if error.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Analyse(args) => analyse::run(&args, &cli.allow_dirs),
        Command::Build(args) => build::run(&args, &cli.allow_dirs),
        Command::Check(args) => check::run(&args, &cli.allow_dirs),
        Command::Coverage(args) => coverage::run(&args, &cli.allow_dirs),
        Command::Run(args) => run::run(&args, &cli.allow_dirs),
        Command::Test(args) => test::run(&args, &cli.allow_dirs),
    }
}
