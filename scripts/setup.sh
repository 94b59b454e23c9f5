#!/usr/bin/env bash
# Quick start, step 1: install the Debian packages kgbuild needs (if missing), build it
# in Release, and build the graph of the bundled examples into out/examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Cytoscape.js for graph.html, from the npm registry (optional: without it the page
# says the drawing library is missing and the browser test skips)
bash scripts/vendor-js.sh || true
cmake --preset release
cmake --build --preset release
./build/release/cli/kgbuild build examples -o out/examples
echo
echo "kgbuild is built: ./build/release/cli/kgbuild"
echo "graph of examples/: out/examples/graph.ttl (also graph.jsonld, graph.nq, graph.trig, report.json)"
echo "run the tests with: ctest --preset release"
