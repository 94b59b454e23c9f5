#!/usr/bin/env bash
# kgbuild query / load / build --store, black-box: the same answers from graph files
# (in memory), from the SQLite store and from rdflib (a second engine) for queries/*.rq
# and the Rasqal pitfalls, on graphs written for the test (tests/scripts/query/);
# loading twice keeps one copy, A then B equals A+B; exit codes and messages of the
# error cases. With ../shared/corpus present: the corpus questions (eval/questions)
# through kgbuild (file and store) and rdflib, which must agree, and ask.py's score
# (printed, not checked: extraction quality is measured elsewhere).
set -uo pipefail
BIN=$1; ROOT=$2; OUT=$3
PY=/usr/bin/python3
if ! $PY -c "import rdflib" 2>/dev/null; then
  echo "skipped: $PY has no rdflib (Debian python3-rdflib)"; exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT"
DATA="$ROOT/tests/scripts/query"
fail=0
step() { echo "== $*"; }
check() { if "$@"; then echo "   ok"; else echo "   FAILED: $*"; fail=1; fi; }
# expect RC PATTERN CMD...: exit code RC and stderr matching PATTERN
expect() {
  local rc=$1 pat=$2; shift 2
  "$@" >"$OUT/out.txt" 2>"$OUT/err.txt"; local got=$?
  if [ "$got" -eq "$rc" ] && grep -qE -- "$pat" "$OUT/err.txt"; then echo "   ok ($rc: $(head -1 "$OUT/err.txt"))"
  else echo "   FAILED: exit $got (want $rc), stderr: $(cat "$OUT/err.txt") — $*"; fail=1; fi
}
# dump STORE: every quad of a store, sorted (TSV)
dump() { "$BIN" query -q --store "$1" -f tsv 'SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }'; }

cat "$DATA/source_a.trig" "$DATA/source_b.trig" > "$OUT/ab.trig"

step "load A, B into a store; A again, then B again: nothing is duplicated"
check "$BIN" load -q --store "sqlite:$OUT/s.db" "$DATA/source_a.trig" "$DATA/source_b.trig"
dump "sqlite:$OUT/s.db" > "$OUT/dump1.tsv"
check "$BIN" load -q --store "sqlite:$OUT/s.db" "$DATA/source_a.trig"
check "$BIN" load -q --store "sqlite:$OUT/s.db" "$DATA/source_b.trig"
dump "sqlite:$OUT/s.db" > "$OUT/dump2.tsv"
check cmp "$OUT/dump1.tsv" "$OUT/dump2.tsv"
quads=$($PY -c "
import rdflib, sys
d = rdflib.Dataset(); d.parse(sys.argv[1], format='trig')
print(sum(len(g) for g in d.graphs() if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID))" "$OUT/ab.trig")
check test "$(($(wc -l < "$OUT/dump1.tsv") - 1))" -eq "$quads"
step "A then B equals A+B (one file)"
check "$BIN" load -q --store "sqlite:$OUT/one.db" "$OUT/ab.trig"
dump "sqlite:$OUT/one.db" > "$OUT/dump3.tsv"
check cmp "$OUT/dump1.tsv" "$OUT/dump3.tsv"

step "queries/*.rq: --graph, --store and rdflib agree"
check $PY "$ROOT/tests/scripts/compare_engines.py" "$BIN" --rq "$ROOT/queries" --graph "$OUT/ab.trig" \
  --store "sqlite:$OUT/s.db" --param document=accord --param group=marshfolk --param entity="i. marsh" --param place=vessel
step "Rasqal pitfalls (UNION join, two UNIONs, OPTIONAL, ASK, GRAPH, aggregates): --graph, --store and rdflib agree"
check $PY "$ROOT/tests/scripts/compare_engines.py" "$BIN" --questions "$DATA/questions.json" --graph "$OUT/ab.trig" \
  --store "sqlite:$OUT/s.db"
step "the pitfall query answers the council only (roqet alone would add the committee)"
pitfall=$($PY -c "import json,sys; print([q['sparql'] for q in json.load(open(sys.argv[1])) if q['id'] == 'pitfall'][0])" "$DATA/questions.json")
"$BIN" query --graph "$OUT/ab.trig" -f csv "$pitfall" > "$OUT/pitfall.csv"
check cmp "$OUT/pitfall.csv" <(printf 'b\r\nhttps://w3id.org/kgbuild/resource/government-body/harbour-council\r\n')
if command -v roqet >/dev/null; then
  n=$(roqet -q -i sparql -D "$DATA/source_a.trig" -r tsv -e "PREFIX kg: <https://w3id.org/kgbuild/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?b WHERE { ?r a kg:LegalInstrument ; kg:issuedBy ?b . { ?r rdfs:label ?n } UNION { ?r skos:altLabel ?n } FILTER(CONTAINS(LCASE(STR(?n)), \"resolution 77\")) }" 2>/dev/null | tail -n +2 | wc -l)
  echo "   (roqet answers $n bodies where 1 is right)"
fi

step "output formats: JSON results parse, TSV header, Turtle for CONSTRUCT"
"$BIN" query --graph "$OUT/ab.trig" -f json @"$ROOT/queries/who-signed.rq" -p document=HA-12 > "$OUT/who.json"
check $PY -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['head']['vars']==['signer','signerName'], j; assert len(j['results']['bindings'])==2" "$OUT/who.json"
"$BIN" query --graph "$OUT/ab.trig" 'CONSTRUCT { ?p kg:signed ?d } WHERE { ?d kg:signedBy ?p }' > "$OUT/c.ttl"
check rapper -q -i turtle -c "$OUT/c.ttl"
"$BIN" query --graph "$OUT/ab.trig" -o "$OUT/ask.json" -f json 'ASK { ?d kg:signedBy ?p }'
check grep -q '"boolean": true' "$OUT/ask.json"

step "errors: usage 2, SPARQL syntax 2 with Rasqal's message, unreadable store 1"
expect 2 "query:2: error: .*syntax error" "$BIN" query --graph "$OUT/ab.trig" $'SELECT ?x\nWHERE { ?x kg:signedBy FILTER( }'
expect 2 "property paths \('\|'\) are not supported" "$BIN" query --graph "$OUT/ab.trig" 'SELECT ?n WHERE { ?s rdfs:label|skos:altLabel ?n }'
expect 2 "not both" "$BIN" query --graph "$OUT/ab.trig" --store "sqlite:$OUT/s.db" 'ASK {}'
expect 2 "unknown --format" "$BIN" query --graph "$OUT/ab.trig" -f xml 'ASK {}'
expect 2 "parameter 'who' is not used" "$BIN" query --graph "$OUT/ab.trig" -p who=x 'ASK {}'
expect 2 "COUNT\(DISTINCT ...\) is refused" "$BIN" query --graph "$OUT/ab.trig" 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }'
expect 2 "unknown store URI" "$BIN" query --store "mysql:x" 'ASK {}'
expect 1 "cannot open the store: no such file" "$BIN" query --store "sqlite:$OUT/missing.db" 'ASK {}'
printf 'plain text, not a database\n' > "$OUT/text.db"
expect 1 "cannot open the store: not an SQLite database" "$BIN" query --store "sqlite:$OUT/text.db" 'ASK {}'
expect 1 "cannot open the store: not an SQLite database" "$BIN" load --store "sqlite:$OUT/text.db" "$DATA/source_a.trig"
expect 1 "cannot read the query file" "$BIN" query --graph "$OUT/ab.trig" @"$OUT/none.rq"

step "build --store: one context per source document, a rebuild replaces them"
check "$BIN" build "$ROOT/examples" -o "$OUT/ex" -q --store "sqlite:$OUT/ex.db"
dump "sqlite:$OUT/ex.db" > "$OUT/ex1.tsv"
check test "$("$BIN" query -q --store "sqlite:$OUT/ex.db" -f csv 'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } }' | tail -1 | tr -d '\r')" = "$(ls "$ROOT/examples" | wc -l)"
check "$BIN" build "$ROOT/examples" -o "$OUT/ex" -q --store "sqlite:$OUT/ex.db"
dump "sqlite:$OUT/ex.db" > "$OUT/ex2.tsv"
check cmp "$OUT/ex1.tsv" "$OUT/ex2.tsv"
"$BIN" load -q --store "sqlite:$OUT/ex-nq.db" "$OUT/ex/graph.nq"
dump "sqlite:$OUT/ex-nq.db" > "$OUT/ex3.tsv"
check cmp "$OUT/ex1.tsv" "$OUT/ex3.tsv"

SHARED="$ROOT/../shared"
if [ -d "$SHARED/corpus" ] && [ -f "$SHARED/eval/questions/corpus.json" ]; then
  step "corpus: build --store, the eval questions through kgbuild (file, store) and rdflib"
  check "$BIN" build "$SHARED/corpus" -o "$OUT/corpus" -q --store "sqlite:$OUT/corpus.db"
  check $PY "$ROOT/tests/scripts/compare_engines.py" "$BIN" --questions "$SHARED/eval/questions/corpus.json" \
    --graph "$OUT/corpus/graph.ttl" --store "sqlite:$OUT/corpus.db"
  $PY "$SHARED/eval/ask.py" --questions "$SHARED/eval/questions/corpus.json" --graph "$OUT/corpus/graph.ttl" | tail -1
else
  echo "(corpus checks skipped: $SHARED/corpus not found)"
fi
exit $fail
