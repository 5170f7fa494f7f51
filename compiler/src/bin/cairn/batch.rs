//! `cairn run <file.pathway> --batch <file|->`: evaluates the pathway in the interpreter
//! (prepared once, `interp::Prepared`) on
//! every line of a JSON Lines stream and writes one plan per line, streaming.
//!
//! Memory stays flat in the number of records: one line is read into a reused buffer, its plan
//! is written through a buffered writer, and nothing else is kept. Output lines come in input
//! order. A refused line gives an error line `{"line":N,"error":{...}}` (the refusal's JSON, as
//! `--error-format json` prints it for one document) and the rest go on, unless `--fail-fast`.
//! Blank lines (only whitespace) are skipped without an output line, as JSON Lines readers
//! commonly do, but they count in the line numbers, which are those of the input file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use cairn_compiler::interp::Prepared;
use cairn_compiler::ir::Pathway;
use cairn_runtime::FactsError;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

/// The longest line read, in bytes (the same limit as one facts document); a longer line is an
/// error line, read past without being held in memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// Size of the input and output buffers: large enough that system calls are rare.
const BUFFER_BYTES: usize = 1 << 16;

/// What a batch does with a refused line.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Stop at the first refused line (after writing its error line).
    pub fail_fast: bool,
}

/// The error line of a refused input line.
#[derive(Serialize)]
struct ErrorLine<'a> {
    /// The line number in the input, from 1.
    line: u64,
    /// Why the line was refused.
    error: &'a FactsError,
}

/// One line of input, as the bounded reader found it.
enum Line {
    /// The line is in the buffer, without its end of line.
    Text,
    /// The line was longer than [`MAX_LINE_BYTES`]; it was read past and dropped.
    TooLong,
    /// The input has ended.
    End,
}

/// Runs the batch and says how it went: 0 when every line gave a plan, 1 when any line was
/// refused or the input could not be read.
pub fn run(pathway: &Pathway, input: &Path, options: Options) -> ExitCode {
    let reader: Box<dyn Read> = if input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(input) {
            Ok(file) => Box::new(file),
            Err(e) => {
                eprintln!("error: cannot read the batch file `{}`: {e}", input.display());
                return ExitCode::FAILURE;
            }
        }
    };
    // Every plan entry is built once, not once per line (see `interp::Prepared`).
    let prepared = Prepared::new(pathway);
    let progress = progress_bar(input);
    let stdout = io::stdout().lock();
    let outcome = stream(
        &prepared,
        BufReader::with_capacity(BUFFER_BYTES, reader),
        BufWriter::with_capacity(BUFFER_BYTES, stdout),
        options,
        &progress,
    );
    progress.finish_and_clear();
    match outcome {
        Ok(Summary { refused: 0, .. }) => ExitCode::SUCCESS,
        Ok(Summary { refused, records }) => {
            eprintln!("error: {refused} of {records} records were refused");
            ExitCode::FAILURE
        }
        // The reader of the output has gone (`| head`): stop quietly, as other tools do.
        Err(Failure::Closed) => ExitCode::FAILURE,
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// How many records (non-blank lines) a batch saw, and how many were refused.
struct Summary {
    records: u64,
    refused: u64,
}

/// Why a batch stopped before the end of its input.
enum Failure {
    /// Standard output was closed by its reader.
    Closed,
    /// Reading or writing failed, with what happened.
    Io(String),
}

/// Reads every line, evaluates it, and writes its plan or error line.
fn stream(
    prepared: &Prepared<'_>,
    mut reader: impl BufRead,
    mut writer: impl Write,
    options: Options,
    progress: &ProgressBar,
) -> Result<Summary, Failure> {
    let mut buffer: Vec<u8> = Vec::new();
    let mut summary = Summary { records: 0, refused: 0 };
    let mut number: u64 = 0;
    loop {
        let line = read_line(&mut reader, &mut buffer)
            .map_err(|e| Failure::Io(format!("cannot read the batch input: {e}")))?;
        number += 1;
        let outcome = match line {
            Line::End => break,
            Line::TooLong => Err(FactsError::Invalid {
                message: format!("the line is longer than the limit of {MAX_LINE_BYTES} bytes"),
            }),
            Line::Text => {
                // A byte order mark may start the first line (some Windows tools write one).
                let bytes = match buffer.strip_prefix(b"\xEF\xBB\xBF".as_slice()) {
                    Some(rest) if number == 1 => rest,
                    _ => buffer.as_slice(),
                };
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match std::str::from_utf8(bytes) {
                    Ok(text) => prepared.run_json(text),
                    Err(e) => Err(FactsError::Invalid {
                        message: format!(
                            "the line is not UTF-8 text: invalid byte at offset {}",
                            e.valid_up_to()
                        ),
                    }),
                }
            }
        };
        summary.records += 1;
        progress.inc(1);
        let written = match &outcome {
            Ok(plan) => serde_json::to_writer(&mut writer, plan),
            Err(error) => serde_json::to_writer(&mut writer, &ErrorLine { line: number, error }),
        };
        written.map_err(|e| write_failure(e.into()))?;
        writer.write_all(b"\n").map_err(write_failure)?;
        if outcome.is_err() {
            summary.refused += 1;
            if options.fail_fast {
                break;
            }
        }
    }
    writer.flush().map_err(write_failure)?;
    Ok(summary)
}

/// What a failed write means: the reader has gone, or something worth saying.
fn write_failure(error: io::Error) -> Failure {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Io(format!("cannot write the plans: {error}"))
    }
}

/// Reads one line into `buffer` (cleared first) without its `\n` or `\r\n`, holding at most
/// [`MAX_LINE_BYTES`] of it: past that the rest of the line is consumed and dropped.
fn read_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> io::Result<Line> {
    buffer.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..at], at + 1, true),
            None => (available, available.len(), false),
        };
        if !too_long {
            if buffer.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                buffer.clear();
                buffer.shrink_to(BUFFER_BYTES);
            } else {
                buffer.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    if !read_any {
        return Ok(Line::End);
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    if buffer.last() == Some(&b'\r') {
        buffer.pop();
    }
    Ok(Line::Text)
}

/// A progress bar on standard error when it is a terminal, counting records (and bytes of a
/// file); hidden otherwise, so that nothing is written to a pipe or a log.
fn progress_bar(input: &Path) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {msg} {human_pos} records ({rate}) {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
            // Whole records per second: indicatif's `{per_sec}` prints four decimals.
            .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", state.per_sec());
            });
    bar.set_style(style);
    if input.as_os_str() != "-" {
        bar.set_message(input.display().to_string());
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<String> {
        let mut reader = io::Cursor::new(input.to_vec());
        let mut buffer = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line(&mut reader, &mut buffer).unwrap() {
                Line::End => return out,
                Line::TooLong => out.push("<too long>".to_string()),
                Line::Text => out.push(String::from_utf8(buffer.clone()).unwrap()),
            }
        }
    }

    #[test]
    fn lines_end_with_lf_or_crlf_and_the_last_may_have_none() {
        assert_eq!(lines(b"a\r\nb\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(lines(b""), Vec::<String>::new());
        assert_eq!(lines(b"\n"), [""]);
    }

    #[test]
    fn a_line_over_the_limit_is_dropped_and_the_next_is_read() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 1];
        input.extend_from_slice(b"\nnext\n");
        assert_eq!(lines(&input), ["<too long>", "next"]);
        let mut exact = vec![b'y'; MAX_LINE_BYTES];
        exact.push(b'\n');
        assert_eq!(lines(&exact).first().map(String::len), Some(MAX_LINE_BYTES));
    }
}
