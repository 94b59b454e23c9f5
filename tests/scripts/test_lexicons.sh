#!/usr/bin/env bash
# The generated lexicons are reproducible from the Debian data packages, and every
# lexicon line is well-formed (4 columns, a class of the ontology, no duplicates).
set -uo pipefail
ROOT=$2; OUT=$3
if [ ! -d /usr/share/iso-codes/json ] || [ ! -d /usr/share/wordnet ]; then
  echo "skipped: iso-codes or wordnet-base not installed"
  exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT"
fail=0
python3 "$ROOT/scripts/gen_lexicons.py" --out "$OUT" > /dev/null || fail=1
for f in lexicon/countries.tsv lexicon/regions.tsv lexicon/wordnet.tsv demonyms.tsv; do
  if ! cmp -s "$OUT/$f" "$ROOT/extract/data/$f"; then
    echo "FAILED: extract/data/$f differs from a fresh run of scripts/gen_lexicons.py"; fail=1
  fi
done
python3 - "$ROOT/extract/data/lexicon" <<'PY' || fail=1
import os, sys
classes = {"Agent","Person","Organization","GovernmentBody","Group","Place","Country","Region","Settlement",
           "Waterbody","Event","Document","LegalInstrument","Publication"}
bad = 0
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith(".tsv"):
        continue
    seen = set()
    for n, line in enumerate(open(os.path.join(sys.argv[1], name), encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        problem = None
        if len(cols) != 4: problem = f"{len(cols)} columns"
        elif cols[0] not in classes: problem = f"unknown class {cols[0]!r}"
        elif (cols[0], cols[1]) in seen: problem = f"duplicate {cols[0]} {cols[1]!r}"
        if problem:
            bad += 1
            print(f"{name}:{n}: {problem}")
        else:
            seen.add((cols[0], cols[1]))
    print(f"{name}: {len(seen)} entries")
sys.exit(1 if bad else 0)
PY
[ $fail = 0 ] && echo "lexicons: ok"
exit $fail
