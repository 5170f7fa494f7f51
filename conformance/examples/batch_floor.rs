//! The floor of `cairn run --batch` on the NICE pathway: the same streaming loop (a line read
//! into a reused buffer, the plan written compact through a buffered stdout) with the
//! generated engine instead of the interpreter, in one process. BENCHMARKS.md compares the two
//! on the same JSON Lines file.
//!
//! `cargo run --release -p cairn-conformance --example batch_floor -- FILE > /dev/null`

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use cairn_conformance::engine::generated::spinal_metastases as nice;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: batch_floor FILE");
        return ExitCode::from(2);
    };
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("error: cannot read {path}");
        return ExitCode::FAILURE;
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut line = String::new();
    let mut failed = false;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return ExitCode::FAILURE,
        }
        let plan = serde_json::from_str::<nice::Facts>(&line)
            .map_err(|e| cairn_runtime::FactsError::Invalid { message: e.to_string() })
            .and_then(|facts| nice::evaluate(&facts));
        let written = match &plan {
            Ok(plan) => serde_json::to_writer(&mut out, plan),
            Err(error) => serde_json::to_writer(&mut out, error),
        };
        failed |= plan.is_err();
        if written.is_err() || out.write_all(b"\n").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() || failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
