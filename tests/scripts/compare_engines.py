#!/usr/bin/env python3
"""Runs SPARQL questions through `kgbuild query` (graph files in memory, and a store)
and through rdflib (Debian python3-rdflib), and compares the answers as sets of rows.

Usage: compare_engines.py KGBUILD --questions FILE.json|--rq DIR --graph G.ttl
                          [--store sqlite:PATH] [--param NAME=VALUE ...] [--engine-graph G.ttl]
Each question is {"id", "sparql"} (eval/questions format) or a .rq file of DIR.
kgbuild predeclares its prefixes; rdflib gets the same PREFIX lines. Prints one line per
question and `agree=K/N`; exits 1 when an answer differs or a query fails.
"""
import argparse
import json
import os
import re
import subprocess
import sys

import rdflib
from rdflib.term import BNode, Literal, URIRef

PREFIXES = {}


def load_prefixes(ontology_context):
    with open(ontology_context, encoding="utf-8") as f:
        ctx = json.load(f)["@context"]
    for k, v in ctx.items():
        if isinstance(v, str) and (v.endswith("/") or v.endswith("#")):
            PREFIXES[k] = v


def with_prefixes(q):
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items())) + q


NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("decimal", "integer", "double", "float", "int", "long")}


def lexical(value, dt):
    """Numbers by value: servers answer in canonical form ("14" for "14.0"^^xsd:decimal)."""
    if dt in NUMERIC:
        try:
            from decimal import Decimal
            return str(Decimal(value).normalize())
        except Exception:
            return value
    return value


def key_rdflib(v):
    if v is None:
        return ""
    if isinstance(v, URIRef):
        return "<" + str(v) + ">"
    if isinstance(v, BNode):
        return "_:"
    if isinstance(v, Literal):
        dt = str(v.datatype) if v.datatype else ""
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = ""
        return json.dumps([lexical(str(v), dt), v.language or "", dt])
    return str(v)


def key_json(b):
    if b is None:
        return ""
    if b["type"] == "uri":
        return "<" + b["value"] + ">"
    if b["type"] == "bnode":
        return "_:"
    dt = b.get("datatype", "")
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        dt = ""
    return json.dumps([lexical(b["value"], dt), b.get("xml:lang", ""), dt])


def run_kgbuild(kgbuild, source, query, params):
    cmd = [kgbuild, "query", *source, "--format", "json", "-q"]
    for p in params:
        cmd += ["--param", p]
    cmd.append(query)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip()
    j = json.loads(r.stdout)
    if "boolean" in j:
        return {str(j["boolean"]).lower()}, None
    vs = j["head"]["vars"]
    return {tuple(key_json(b.get(v)) for v in vs) for b in j["results"]["bindings"]}, None


def sparql_term(value):
    """A --param value as SPARQL text: <IRI> as is, anything else a string literal
    (escaped here independently of kgbuild; rdflib's initBindings loses rows when the
    query has a UNION, so the substitution is textual for both engines)."""
    if value.startswith("<") and value.endswith(">"):
        return value
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + esc + '"'


def substitute(query, params):
    for p in params:
        name, value = p.split("=", 1)
        query = re.sub(r"\$" + re.escape(name) + r"(?![A-Za-z0-9_])", lambda m: sparql_term(value), query)
    return query


def run_rdflib(graph, query, params):
    res = graph.query(with_prefixes(substitute(query, params)))
    if res.type == "ASK":
        return {str(res.askAnswer).lower()}
    return {tuple(key_rdflib(v) for v in row) for row in res}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kgbuild")
    ap.add_argument("--questions")
    ap.add_argument("--rq")
    ap.add_argument("--graph", required=True)
    ap.add_argument("--store")
    ap.add_argument("--param", action="append", default=[])
    ap.add_argument("--context", default=os.path.join(os.path.dirname(__file__), "..", "..", "ontology", "context.jsonld"))
    a = ap.parse_args()
    load_prefixes(a.context)
    questions = []
    if a.questions:
        with open(a.questions, encoding="utf-8") as f:
            questions = [(q["id"], q["sparql"], []) for q in json.load(f)]
    if a.rq:
        for name in sorted(os.listdir(a.rq)):
            if name.endswith(".rq"):
                with open(os.path.join(a.rq, name), encoding="utf-8") as f:
                    text = f.read()
                used = [p for p in a.param if "$" + p.split("=", 1)[0] in text]
                questions.append((name, text, used))
    g = rdflib.Dataset() if a.graph.endswith((".nq", ".trig")) else rdflib.Graph()
    g.parse(a.graph)
    if isinstance(g, rdflib.Dataset):  # the union of the named graphs as the default graph
        g.default_union = True
    agree = 0
    for qid, sparql, params in questions:
        expect = run_rdflib(g, sparql, params)
        got_file, err_file = run_kgbuild(a.kgbuild, ["--graph", a.graph], sparql, params)
        line = f"{qid}: rdflib {len(expect)} rows; kgbuild --graph "
        ok = got_file == expect
        line += "same" if ok else f"DIFFERENT ({err_file or sorted(got_file ^ expect)[:4]})"
        if a.store:
            got_store, err_store = run_kgbuild(a.kgbuild, ["--store", a.store], sparql, params)
            same = got_store == expect
            ok = ok and same
            line += "; --store " + ("same" if same else f"DIFFERENT ({err_store or sorted(got_store ^ expect)[:4]})")
        agree += ok
        print(line)
    print(f"agree={agree}/{len(questions)}")
    return 0 if agree == len(questions) else 1


if __name__ == "__main__":
    sys.exit(main())
