//! Writes seeded random consistent NICE patients as JSON Lines on standard output: the input
//! of the `cairn run --batch` throughput measurement in `conformance/BENCHMARKS.md`.
//!
//! `cargo run --release -p cairn-conformance --example patients -- [COUNT] [SEED]`
//! (100,000 patients and the benchmarks' seed by default).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use cairn_conformance::patients;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(patients::SEED);
    let file = cairn_conformance::workspace_root()
        .join("pathways/spinal-metastases/spinal-metastases.pathway");
    let compilation = cairn_compiler::compile_file(&file);
    let Some((pathway, _)) = compilation.checked() else {
        eprintln!("error: the NICE pathway does not check");
        return ExitCode::FAILURE;
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in patients::consistent_json(pathway, count, seed) {
        if writeln!(out, "{line}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
