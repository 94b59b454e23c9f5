#!/usr/bin/env bash
# End-to-end checks on ../shared/corpus (skipped, exit 77, when it is absent):
# exit codes, rapper/serdi parse, JSON-LD == Turtle, named graphs == Turtle,
# determinism, union of separate builds == combined build, evidence offsets,
# SHACL validation, `path` on the corpus and score.py's entity F1 > 0 for every answer-key file.
set -uo pipefail
BIN=$1; ROOT=$2; OUT=$3
SHARED="$ROOT/../shared"
if [ ! -d "$SHARED/corpus" ]; then
  echo "skipped: $SHARED/corpus not found (the corpus lives beside the checkout in CI)"
  exit 77
fi
PY=/usr/bin/python3
rm -rf "$OUT"; mkdir -p "$OUT"
fail=0
step() { echo "== $*"; }
check() { if "$@"; then echo "   ok"; else echo "   FAILED: $*"; fail=1; fi; }

step "build the whole corpus"
check "$BIN" build "$SHARED/corpus" -o "$OUT/all" -q
step "second build is byte-identical"
check "$BIN" build "$SHARED/corpus" -o "$OUT/again" -q -j 1
for f in graph.ttl graph.jsonld graph.nq graph.trig ontology.ttl; do
  check cmp "$OUT/all/$f" "$OUT/again/$f"
done
step "rapper and serdi parse every RDF output"
check rapper -q -i turtle -c "$OUT/all/graph.ttl"
check rapper -q -i nquads -c "$OUT/all/graph.nq"
check rapper -q -i trig -c "$OUT/all/graph.trig"
check rapper -q -i turtle -c "$OUT/all/ontology.ttl"
check serdi -i turtle "$OUT/all/graph.ttl" >/dev/null
check serdi -i nquads "$OUT/all/graph.nq" >/dev/null
check serdi -i trig "$OUT/all/graph.trig" >/dev/null
step "JSON-LD gives exactly the Turtle's triples; named graphs union to the Turtle"
check $PY "$ROOT/tests/scripts/check_rdf.py" same "$OUT/all/graph.ttl" "$OUT/all/graph.jsonld"
check $PY "$ROOT/tests/scripts/check_rdf.py" named "$OUT/all/graph.ttl" "$OUT/all/graph.nq" "$OUT/all/graph.trig"
step "separate builds unite to the combined build"
parts=()
for f in "$SHARED"/corpus/*; do
  n=$(basename "$f")
  check "$BIN" build "$f" -o "$OUT/one/$n" -q
  parts+=("$OUT/one/$n/graph.ttl")
done
check $PY "$ROOT/tests/scripts/check_rdf.py" union "$OUT/all/graph.ttl" "${parts[@]}"
step "every Assertion's evidence is the source text at its offsets"
check $PY "$ROOT/tests/scripts/check_rdf.py" evidence "$OUT/all/graph.ttl" "$SHARED/corpus"
step "SHACL validation passes"
check "$BIN" validate "$OUT/all/graph.ttl" -q
step "path joins Joseph Stalin and Hanawon (the issue's example)"
check "$BIN" path --graph "$OUT/all/graph.ttl" "Joseph Stalin" "Hanawon" > "$OUT/path.txt"
check grep -q "^path 1: Joseph Stalin - .* - Hanawon$" "$OUT/path.txt"
step "score.py: entity F1 above zero for every answer-key file"
$PY "$SHARED/eval/score.py" --gold "$SHARED/eval/gold" --graph "$OUT/all/graph.ttl" --json-out "$OUT/score.json" --no-details | tail -3
check $PY - "$OUT/score.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
docs = d.get("docs") or d.get("documents") or []
bad = [x["doc"] for x in docs if not (x["entities"]["f1"] or 0) > 0]
print(f"   {len(docs)} files scored; F1 = 0 for: {bad or 'none'}")
sys.exit(1 if bad or not docs else 0)
PY
exit $fail
