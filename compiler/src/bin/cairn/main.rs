//! The `cairn` command: a thin layer of clap over the compiler library, one file per
//! subcommand. Exit codes: 0 success, 1 the input has errors (or a check failed), 2 usage.

mod analyse;
mod batch;
mod build;
mod check;
mod coverage;
mod gate;
mod lock;
mod output;
mod revise;
mod run;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Cairn: clinical guidelines as code.
#[derive(Parser)]
#[command(name = "cairn", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    /// Fail on anything `check` or `analyse` would report, warnings included: the CI gate.
    Gate(gate::Args),
    /// Record the full text of every cited statement in the lock file beside the pathway.
    Lock(lock::Args),
    /// The impact of a new revision of the guideline: what changed and what rests on it.
    Revise(revise::Args),
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
        Command::Analyse(args) => analyse::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Coverage(args) => coverage::run(&args),
        Command::Gate(args) => gate::run(&args),
        Command::Lock(args) => lock::run(&args),
        Command::Revise(args) => revise::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Test(args) => test::run(&args),
    }
}
