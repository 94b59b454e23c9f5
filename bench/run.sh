#!/usr/bin/env bash
# Throughput benchmark: builds a graph from the corpus scaled to at least 50 MB
# (distinct copies under new file names) and prints MB/s, triples/s and peak memory,
# next to `wc -w` over the same input on the same machine as the reference.
#   bench/run.sh [KGBUILD] [CORPUS_DIR] [MIN_MB]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/release/cli/kgbuild}
CORPUS=${2:-$ROOT/../shared/corpus}
MIN_MB=${3:-50}
WORK=${KG_BENCH_DIR:-$ROOT/bench/out}
if [ ! -d "$CORPUS" ]; then echo "bench: corpus not found: $CORPUS" >&2; exit 1; fi
rm -rf "$WORK"; mkdir -p "$WORK/input"

# Scale: copy the corpus files under new names until MIN_MB is reached.
bytes=0; copy=0; target=$((MIN_MB * 1024 * 1024))
while [ "$bytes" -lt "$target" ]; do
  for f in "$CORPUS"/*; do
    cp "$f" "$WORK/input/c$(printf %04d $copy)_$(basename "$f")"
    bytes=$((bytes + $(stat -c %s "$f")))
  done
  copy=$((copy + 1))
done
files=$(ls "$WORK/input" | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

# Reference: wc -w over the same files (page cache warm for both after this).
cat "$WORK/input"/* > /dev/null
t0=$(date +%s.%N); wc -w "$WORK/input"/* > /dev/null; t1=$(date +%s.%N)
wc_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

# kgbuild, with GNU time for wall clock and peak RSS.
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$BIN" build "$WORK/input" -o "$WORK/out" -q
read -r kg_s rss_kb < "$WORK/time.txt"
triples=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['counts']['triples'])" "$WORK/out/report.json")
timings=$(/usr/bin/python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['timings_ms']; print(' '.join(f'{k}={v/1000:.1f}s' for k,v in t.items()))" "$WORK/out/report.json")

awk -v mb="$mb" -v files="$files" -v kg="$kg_s" -v wc="$wc_s" -v tr="$triples" -v rss="$rss_kb" -v cores="$(nproc)" -v st="$timings" 'BEGIN {
  printf "input: %s MB in %d files (%d cores)\n", mb, files, cores
  printf "wc -w:   %8.2f s  %10.1f MB/s\n", wc, mb / wc
  printf "kgbuild: %8.2f s  %10.2f MB/s  %10.0f triples/s  %d triples  peak RSS %.0f MB\n", kg, mb / kg, tr / kg, tr, rss / 1024
  printf "kgbuild stages: %s\n", st
  printf "throughput ratio kgbuild / wc -w: %.4f (wc is %.0fx faster)\n", (mb / kg) / (mb / wc), kg / wc
}' | tee "$WORK/summary.txt"
