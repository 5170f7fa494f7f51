#!/usr/bin/env bash
# Runs every fuzz target for the given number of seconds (default 600), one after another,
# seeding the compiler's corpus from the UI tests and the NICE pathway. Stable Rust works:
# `-O -s none` builds without a sanitizer; RUSTC_BOOTSTRAP=1 and `-s address` add ASan.
# Usage: compiler/fuzz/run-all.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(compile segment facts escape)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds: every UI input and the NICE pathway, prefixed with the byte that selects "check
# against the NICE guideline" in the compile target; the facts of the run tests.
mkdir -p corpus/compile corpus/facts
for f in ../tests/ui/*/*.pathway ../../pathways/spinal-metastases/spinal-metastases.pathway; do
  { printf 'P'; cat "$f"; } > "corpus/compile/seed-$(basename "$f")"
done
cp ../tests/fixtures/run/*.json corpus/facts/ 2>/dev/null || true

cargo +stable fuzz build -O -s none
for target in "${targets[@]}"; do
  echo "== $target for ${seconds}s"
  cargo +stable fuzz run -O -s none "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 |
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|panicked|ERROR|SUMMARY|Test unit written'
done
