#!/usr/bin/env bash
# Store and query benchmark: load rate of `kgbuild load` into the SQLite store (fresh,
# reload = replace, and without the transaction) and the latency of each queries/*.rq
# against graph files (--graph: parse + query) and the store (--store), median of 3.
#   bench/query.sh [KGBUILD] [GRAPH.nq]
# GRAPH.nq defaults to a build of ../shared/corpus; bench/run.sh's scaled output
# (bench/out/out/graph.nq) can be given instead.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/release/cli/kgbuild}
GRAPH=${2:-}
WORK=${KG_BENCH_DIR:-$ROOT/bench/out-query}
rm -rf "$WORK"; mkdir -p "$WORK"
if [ -z "$GRAPH" ]; then
  CORPUS=$ROOT/../shared/corpus
  if [ ! -d "$CORPUS" ]; then echo "bench: corpus not found: $CORPUS" >&2; exit 1; fi
  "$BIN" build "$CORPUS" -o "$WORK/corpus" -q
  GRAPH=$WORK/corpus/graph.nq
fi
TTL=${GRAPH%.nq}.ttl
[ -f "$TTL" ] || TTL=$GRAPH
quads=$(wc -l < "$GRAPH")
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

echo "graph: $GRAPH ($quads quads, $(du -h "$GRAPH" | cut -f1)), $(nproc) cores"
printf '%-34s %10s %12s\n' "load into sqlite" "seconds" "quads/s"
t0=$(now); "$BIN" load -q --store "sqlite:$WORK/s.db" "$GRAPH"; t1=$(now)
printf '%-34s %10s %12.0f\n' "fresh store, one transaction/graph" "$(secs "$t0" "$t1")" "$(awk -v q="$quads" -v s="$(secs "$t0" "$t1")" 'BEGIN { print q / s }')"
t0=$(now); "$BIN" load -q --store "sqlite:$WORK/s.db" "$GRAPH"; t1=$(now)
printf '%-34s %10s %12.0f\n' "reload (replaces every graph)" "$(secs "$t0" "$t1")" "$(awk -v q="$quads" -v s="$(secs "$t0" "$t1")" 'BEGIN { print q / s }')"
# Without the transaction a load is ~20x slower: measured on graphs up to 100,000 quads
# (or always with KG_BENCH_NO_TX=1).
if [ "$quads" -le 100000 ] || [ "${KG_BENCH_NO_TX:-0}" = 1 ]; then
  t0=$(now); KG_STORE_NO_TRANSACTION=1 "$BIN" load -q --store "sqlite:$WORK/n.db" "$GRAPH"; t1=$(now)
  printf '%-34s %10s %12.0f\n' "fresh store, no transaction" "$(secs "$t0" "$t1")" "$(awk -v q="$quads" -v s="$(secs "$t0" "$t1")" 'BEGIN { print q / s }')"
fi
echo "store file: $(du -h "$WORK/s.db" | cut -f1)"
echo

declare -A PARAM=([who-signed]="document=1428" [parties]="document=protocol" [group-movements]="group=defector"
                  [sources-mentioning]="entity=NKVD" [events-in-place]="place=kazakh")
printf '%-22s %-22s %6s %12s %12s\n' "query" "parameter" "rows" "--graph s" "--store s"
for rq in "$ROOT"/queries/*.rq; do
  name=$(basename "$rq" .rq)
  p=${PARAM[$name]:-}
  args=(); [ -n "$p" ] && args=(-p "$p")
  rows=$("$BIN" query -q --store "sqlite:$WORK/s.db" -f tsv "${args[@]}" @"$rq" | tail -n +2 | wc -l)
  g=(); s=()
  for i in 1 2 3; do
    t0=$(now); "$BIN" query -q --graph "$TTL" -f tsv "${args[@]}" @"$rq" > /dev/null; t1=$(now); g+=("$(secs "$t0" "$t1")")
    t0=$(now); "$BIN" query -q --store "sqlite:$WORK/s.db" -f tsv "${args[@]}" @"$rq" > /dev/null; t1=$(now); s+=("$(secs "$t0" "$t1")")
  done
  printf '%-22s %-22s %6s %12s %12s\n' "$name" "$p" "$rows" "$(median3 "${g[@]}")" "$(median3 "${s[@]}")"
done
t0=$(now); "$BIN" query -q --graph "$TTL" -f tsv 'ASK { }' > /dev/null; t1=$(now)
echo "(--graph includes parsing $(basename "$TTL"): ASK {} alone takes $(secs "$t0" "$t1") s)"
