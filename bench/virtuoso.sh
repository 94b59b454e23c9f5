#!/usr/bin/env bash
# Load rate into Virtuoso: builds the corpus (and the corpus scaled to SCALE_MB, distinct
# copies under new names, so one named graph per copy) with kgbuild, starts a private
# Virtuoso (scripts/virtuoso.sh) in the bench folder, and times loading graph.nq with
# kg::store::virtuoso (one PUT per named graph): into an empty store, and again
# (replacing every graph).
# Prints triples/s for each, and the time of one large query. The server is stopped at
# the end.
#   bench/virtuoso.sh [BUILD_DIR] [CORPUS_DIR] [SCALE_MB]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/release}
CORPUS=${2:-$ROOT/../shared/corpus}
SCALE_MB=${3:-10}
BIN=$BUILD/cli/kgbuild
DRIVER=$BUILD/tests/kg_virtuoso
WORK=${KG_BENCH_DIR:-$ROOT/bench/out/virtuoso}
[ -d "$CORPUS" ] || { echo "bench: corpus not found: $CORPUS" >&2; exit 1; }
[ -x "$BIN" ] && [ -x "$DRIVER" ] || { echo "bench: build $BIN and $DRIVER first" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK/scaled"

export KG_VIRTUOSO_DIR=$WORK/server
export KG_VIRTUOSO_PORT=${KG_VIRTUOSO_PORT:-21211} KG_VIRTUOSO_HTTP_PORT=${KG_VIRTUOSO_HTTP_PORT:-28990}
V=$ROOT/scripts/virtuoso.sh
trap '"$V" stop >/dev/null 2>&1 || true' EXIT

echo "== kgbuild: corpus and corpus scaled to $SCALE_MB MB"
"$BIN" build "$CORPUS" -o "$WORK/corpus" -q
bytes=0; copy=0
while [ "$bytes" -lt $((SCALE_MB * 1024 * 1024)) ]; do
  for f in "$CORPUS"/*; do
    cp "$f" "$WORK/scaled/c$(printf %04d $copy)_$(basename "$f")"
    bytes=$((bytes + $(stat -c %s "$f")))
  done
  copy=$((copy + 1))
done
"$BIN" build "$WORK/scaled" -o "$WORK/scaled-out" -q

t0=$(date +%s.%N)
"$V" start
t1=$(date +%s.%N)
URL=$("$V" url)
echo "server start: $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s (fresh database)"

load() {  # name, extra driver options..., file
  local name=$1; shift
  local json
  json=$("$DRIVER" "${@:1:$#-1}" load "virtuoso:$URL" "${@: -1}")
  /usr/bin/python3 - "$name" "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[2])
g, t, b, s = d["graphs"], d["triples"], d["bytes"] / 1048576, d["seconds"]
print(f"{sys.argv[1]:<36} {g:6d} graphs {t:9d} triples {b:7.1f} MB {s:8.2f} s {t / s:10.0f} triples/s")
PY
}
{
  echo "Virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/^Version \([^ ]*\).*/\1/p' | head -1), NumberOfBuffers ${KG_VIRTUOSO_BUFFERS:-170000}, $(nproc) cores"
  load "corpus, empty store" "$WORK/corpus/graph.nq"
  load "corpus, replacing" "$WORK/corpus/graph.nq"
  load "scaled ($SCALE_MB MB), empty store" "$WORK/scaled-out/graph.nq"
  load "scaled, replacing" "$WORK/scaled-out/graph.nq"
  # One query over everything loaded (the scaled graphs and the corpus's own): all
  # Assertions with their evidence and source file, as SPARQL JSON.
  q='PREFIX kg: <https://w3id.org/kgbuild/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o ?evidence ?file WHERE { ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ;
  rdf:object ?o ; kg:evidence ?evidence ; prov:wasDerivedFrom ?doc . ?doc kg:fileName ?file }'
  t0=$(date +%s.%N)
  "$DRIVER" query "virtuoso:$URL" "$q" > "$WORK/assertions.json"
  t1=$(date +%s.%N)
  rows=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$WORK/assertions.json")
  echo "query: $rows Assertions with evidence, $(du -m "$WORK/assertions.json" | cut -f1) MB of JSON, $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
  echo "server RSS: $(ps -o rss= -p "$(cat "$KG_VIRTUOSO_DIR/virtuoso.pid")" | awk '{printf "%.0f MB", $1/1024}')"
} | tee "$WORK/summary.txt"
