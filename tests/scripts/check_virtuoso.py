#!/usr/bin/python3
"""Compares what a Virtuoso server holds and answers with rdflib over the same N-Quads.

  check_virtuoso.py graphs URL FILE.nq       every named graph of FILE, term for term
  check_virtuoso.py queries URL FILE.nq      the SELECT queries below, row for row
  check_virtuoso.py count URL GRAPH          prints the number of triples in GRAPH

Exit 0 when everything matches, 1 otherwise (differences printed). Run with Debian's
/usr/bin/python3 (rdflib).
"""
import json
import sys
import urllib.parse
import urllib.request

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

KG = "https://w3id.org/kgbuild/"

# Queries over kgbuild's vocabulary only: Virtuoso's default graph is the union of all
# its graphs, system graphs included, so wildcard patterns would see more there.
QUERIES = {
    "entities per class": """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class
          FILTER(STRSTARTS(STR(?class), "https://w3id.org/kgbuild/ontology#")) }
        GROUP BY ?class""",
    "labels of people": """
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?p ?label WHERE { ?p a kg:Person ; rdfs:label ?label }""",
    "relations with their evidence and source": """
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?p ?o ?evidence ?file WHERE {
          ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             kg:evidence ?evidence ; prov:wasDerivedFrom ?doc .
          ?doc kg:fileName ?file }""",
    "statements per source graph": """
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a kg:Assertion } } GROUP BY ?g""",
    "names in labels or altLabels (UNION + FILTER)": """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        SELECT DISTINCT ?x ?n WHERE { ?x kg:mentionedIn ?d .
          { ?x rdfs:label ?n } UNION { ?x skos:altLabel ?n }
          FILTER(CONTAINS(LCASE(STR(?n)), "a")) }""",
    "statistics": """
        PREFIX kg: <https://w3id.org/kgbuild/ontology#>
        SELECT ?st ?v ?unit WHERE { ?st a kg:Statistic ; kg:value ?v .
          OPTIONAL { ?st kg:unit ?unit } }""",
}


def sparql(url, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url.rstrip("/") + "/sparql", data=data,
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)


NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float}


def norm(term):
    """rdflib term with xsd:string dropped (Virtuoso returns plain literals)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def by_value(term):
    """Numbers as (datatype, value): Virtuoso stores them as values and gives back the
    canonical lexical form ("14.0"^^xsd:decimal comes back as "14")."""
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return ("number", str(term.datatype), term.toPython())
    return term


def from_json(b):
    if b is None:
        return None
    if b["type"] == "uri":
        return URIRef(b["value"])
    if b["type"] == "bnode":
        return ("bnode", b["value"])
    dt = b.get("datatype")
    lang = b.get("xml:lang")
    return norm(Literal(b["value"], lang=lang, datatype=URIRef(dt) if dt else None))


def load(path):
    ds = Dataset(default_union=True)
    ds.parse(path, format="nquads")
    return ds


def check_graphs(url, path):
    ds = load(path)
    bad = 0
    graphs = sorted(str(g.identifier) for g in ds.graphs() if len(g) > 0)
    lexical = 0
    for g in graphs:
        want = {tuple(norm(t) for t in tr) for tr in ds.graph(URIRef(g))}
        rows = sparql(url, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        got = {tuple(from_json(b[v]) for v in ("s", "p", "o"))
               for b in rows["results"]["bindings"]}
        lexical += len(want - got)
        want = {tuple(map(by_value, t)) for t in want}
        got = {tuple(map(by_value, t)) for t in got}
        lexical -= len(want - got)
        if want != got:
            bad += 1
            print(f"graph <{g}>: {len(want)} triples in the file, {len(got)} in Virtuoso")
            for t in sorted(want - got, key=str)[:5]:
                print("   only in file:    ", " ".join(x.n3() for x in t))
            for t in sorted(got - want, key=str)[:5]:
                print("   only in Virtuoso:", " ".join(str(x) for x in t))
    print(f"{len(graphs)} graphs compared, {bad} differ; {lexical} numeric literals come back "
          "with the same value in canonical form")
    return bad == 0


def check_queries(url, path):
    ds = load(path)
    bad = 0
    for name, q in QUERIES.items():
        res = ds.query(q)
        names = [str(v) for v in res.vars]
        want = sorted(tuple(norm(r[v]) if r[v] is not None else None for v in names)
                      for r in res)
        rows = sparql(url, q)["results"]["bindings"]
        got = sorted(tuple(from_json(b.get(v)) for v in names) for b in rows)
        ok = [tuple(map(repr, r)) for r in want] == [tuple(map(repr, r)) for r in got]
        # Numbers come back as the same value, not always the same lexical form.
        if not ok:
            ok = [tuple(x.toPython() if isinstance(x, Literal) else x for x in r) for r in want] \
                == [tuple(x.toPython() if isinstance(x, Literal) else x for x in r) for r in got]
        print(f"{'ok  ' if ok else 'DIFF'} {name}: {len(want)} rows (rdflib), {len(got)} (Virtuoso)")
        if not ok:
            bad += 1
            for r in sorted(set(want) - set(got), key=str)[:5]:
                print("   only rdflib:  ", r)
            for r in sorted(set(got) - set(want), key=str)[:5]:
                print("   only Virtuoso:", r)
        if not want:
            print("   (no rows: the query tests nothing on this graph)")
            bad += 1
    return bad == 0


def main(argv):
    if len(argv) == 4 and argv[1] == "graphs":
        return 0 if check_graphs(argv[2], argv[3]) else 1
    if len(argv) == 4 and argv[1] == "queries":
        return 0 if check_queries(argv[2], argv[3]) else 1
    if len(argv) == 4 and argv[1] == "count":
        rows = sparql(argv[2], f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{argv[3]}> {{ ?s ?p ?o }} }}")
        print(rows["results"]["bindings"][0]["n"]["value"])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except OSError as e:  # urllib.error.URLError is one
        print(f"check_virtuoso.py: error: {e}", file=sys.stderr)
        sys.exit(1)
