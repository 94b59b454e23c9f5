#!/usr/bin/env bash
# graph.html in a real browser: builds examples/, opens graph.html from disk in headless
# Chromium (DevTools protocol over a pipe, tests/browser/check_html.py) and checks the
# stats line, the drawn nodes, search and evidence against graph.graphml; saves a
# screenshot as graph.png beside the outputs.
# usage: test_views_browser.sh KGBUILD SOURCE_DIR SCRATCH_DIR
# Exit 77 (skipped) without chromium or python3, or when kgbuild was built without
# Cytoscape.js (scripts/vendor-js.sh not run).
set -euo pipefail
KG=$1
SRC=$2
TMP=$3

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "skipped: chromium not installed (Debian package chromium; scripts/install-deps.sh installs it)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skipped: python3 not installed"
  exit 77
fi

rm -rf "$TMP"
mkdir -p "$TMP"
"$KG" build "$SRC/examples" -o "$TMP/out" -q --data "$SRC/extract/data"
if grep -q 'id="kg-missing"' "$TMP/out/graph.html"; then
  echo "skipped: this kgbuild was built without Cytoscape.js (run scripts/vendor-js.sh, then rebuild)"
  exit 77
fi

# What the page must show, from graph.graphml (counts; the searched entity is the one of
# highest degree whose name is unique, ties by IRI) and the page's own data (evidence).
python3 - "$TMP/out" >"$TMP/expect.json" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(out + "/graph.graphml").getroot()
keys = {k.get("attr.name") + "/" + k.get("for"): k.get("id") for k in root.findall("g:key", ns)}
def data(el, name, kind):
    d = el.find(f"g:data[@key='{keys[name + '/' + kind]}']", ns)
    return d.text if d is not None else ""
nodes = root.findall("g:graph/g:node", ns)
edges = root.findall("g:graph/g:edge", ns)
html = open(out + "/graph.html", encoding="utf-8").read()
page = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
names = {}
for n in page["nodes"]:
    for name in [n["label"]] + n["alt"]:
        names.setdefault(name.lower(), set()).add(n["id"])
candidates = sorted(((-int(data(n, "degree", "node")), data(n, "IRI", "node"), data(n, "label", "node")) for n in nodes))
_, iri, label = next(c for c in candidates if names[c[2].lower()] == {c[1]})
index = [n["id"] for n in page["nodes"]].index(iri)
edge = next(e for e in page["edges"] if index in (e["s"], e["t"]))
json.dump({"entities": len(nodes), "relations": len(edges), "label": label, "iri": iri,
           "evidence": edge["ev"][0]["text"], "source": edge["ev"][0]["file"]}, sys.stdout)
PY
echo "expect: $(cat "$TMP/expect.json")"
python3 "$SRC/tests/browser/check_html.py" "$CHROMIUM" "$TMP/out/graph.html" "$TMP/expect.json" "$TMP/graph.png"
