#!/usr/bin/env bash
# The generated lexicons are reproducible from the Debian data packages, and every
# data file is well-formed: lexicons have 4 columns, a class of the ontology, no
# duplicate (class, label) and are sorted; cues and demonyms have their columns.
# usage: bash test_lexicons.sh <kgbuild-binary> <repo-root> <scratch-dir>
# exit: 0 pass, 1 fail, 77 skipped (iso-codes or wordnet-base not installed)
set -uo pipefail
ROOT=$2; OUT=$3
if [ ! -d /usr/share/iso-codes/json ] || [ ! -d /usr/share/wordnet ]; then
  echo "skipped: /usr/share/iso-codes or /usr/share/wordnet missing (apt-get install iso-codes wordnet-base)"
  exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT"
fail=0
pass=0
if python3 "$ROOT/scripts/gen_lexicons.py" --out "$OUT" > "$OUT/gen.log" 2>&1; then
  for f in lexicon/countries.tsv lexicon/regions.tsv lexicon/wordnet.tsv lexicon/groups_wordnet.tsv demonyms.tsv part_of.tsv; do
    if ! cmp -s "$OUT/$f" "$ROOT/extract/data/$f"; then
      echo "FAILED: extract/data/$f differs from a fresh run of scripts/gen_lexicons.py:"
      diff "$ROOT/extract/data/$f" "$OUT/$f" | head -20
      fail=1
    else
      pass=$((pass + 1))
    fi
  done
else
  echo "FAILED: scripts/gen_lexicons.py"; cat "$OUT/gen.log"; fail=1
fi
python3 - "$ROOT/extract/data" <<'PY'
import os, sys
data = sys.argv[1]
classes = {"Person", "Organization", "GovernmentBody", "Group", "Country", "Region", "Settlement",
           "Waterbody", "Event", "LegalInstrument", "Publication"}
sources = {"iso3166-1", "iso3166-2", "iso3166-3", "wordnet-3.0", "curated"}
bad = 0

def report(name, n, problem):
    global bad
    bad += 1
    if bad <= 50:
        print(f"{name}:{n}: {problem}")

def rows(path):
    with open(path, encoding="utf-8") as f:  # also checks UTF-8
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            yield n, line.rstrip("\n").split("\t")

lex = os.path.join(data, "lexicon")
for name in sorted(os.listdir(lex)):
    if not name.endswith(".tsv"):
        continue
    seen, prev = set(), None
    with open(os.path.join(lex, name), encoding="utf-8") as f:
        if not f.readline().startswith("#"):
            report(name, 1, "no header comment (source and licence)")
    for n, cols in rows(os.path.join(lex, name)):
        if len(cols) != 4:
            report(name, n, f"{len(cols)} columns"); continue
        cls, label, aliases, source = cols
        key = (cls, label)
        if cls not in classes: report(name, n, f"unknown class {cls!r}")
        elif source not in sources: report(name, n, f"unknown source {source!r}")
        elif not label.strip() or label != label.strip(): report(name, n, f"empty or padded label {label!r}")
        elif key in seen: report(name, n, f"duplicate {cls} {label!r}")
        elif prev is not None and key < prev: report(name, n, f"not sorted: {cls} {label!r} after {prev}")
        elif aliases and any(not a.strip() for a in aliases.split("|")): report(name, n, "empty alias")
        seen.add(key); prev = key
    print(f"lexicon/{name}: {len(seen)} entries")

positions = {"head", "prefix", "title", "group_head", "migrant_head", "not_name"}
for n, cols in rows(os.path.join(data, "cues.tsv")):
    if len(cols) != 4: report("cues.tsv", n, f"{len(cols)} columns (cue, position, class, note)")
    elif cols[1] not in positions: report("cues.tsv", n, f"unknown position {cols[1]!r}")
    elif cols[1] in ("head", "prefix") and cols[2] not in classes | {"Document"}: report("cues.tsv", n, f"unknown class {cols[2]!r}")
for name in sorted(os.listdir(data)):
    if name.startswith("demonyms") and name.endswith(".tsv"):
        for n, cols in rows(os.path.join(data, name)):
            if len(cols) != 4 or not cols[0] or not cols[2]:
                report(name, n, "expected demonym, plural, country, source")
words = [l.strip() for l in open(os.path.join(data, "stopwords.txt"), encoding="utf-8") if l.strip() and not l.startswith("#")]
if len(words) != len(set(words)) or any(w != w.lower() for w in words):
    report("stopwords.txt", 0, "duplicate or non-lower-case word")
sys.exit(1 if bad else 0)
PY
if [ $? = 0 ]; then pass=$((pass + 1)); else fail=1; fi
echo "lexicons: $pass passed, $fail failed"
exit $fail
