//! Writes the synthetic pathway of N recommendations (and its guideline) into a folder, for
//! measuring `cairn check`/`cairn build` from the command line (peak memory in
//! `conformance/BENCHMARKS.md`).
//!
//! `cargo run --release -p cairn-conformance --example synthetic -- N FOLDER`

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_conformance::synthetic;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(folder)) = (args.next().and_then(|a| a.parse().ok()), args.next()) else {
        eprintln!("usage: synthetic N FOLDER");
        return ExitCode::from(2);
    };
    match synthetic::generate(n).write(&PathBuf::from(folder)) {
        Ok(file) => {
            println!("{}", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
