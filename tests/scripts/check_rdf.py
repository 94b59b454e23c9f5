#!/usr/bin/python3
"""RDF checks used by the ctest scripts (Debian's python3-rdflib).

  check_rdf.py same TTL JSONLD            JSON-LD expands to exactly the Turtle's triples
  check_rdf.py named TTL NQ TRIG          union of the named graphs equals the Turtle's triples
  check_rdf.py union ALL.ttl PART.ttl...  the union of the parts equals ALL
  check_rdf.py evidence TTL CORPUS_DIR    every Assertion's evidence == file text[charStart:charEnd]
Exit 0 when the check holds, 1 with a report otherwise.
"""
import os
import sys

import rdflib
from rdflib import ConjunctiveGraph, Graph, URIRef

KG = "https://w3id.org/kgbuild/ontology#"


def triples(path, fmt):
    if fmt in ("nquads", "trig"):
        g = ConjunctiveGraph()
        g.parse(path, format=fmt)
        return {(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))}
    g = Graph()
    g.parse(path, format=fmt)
    return set(g)


def diff(name_a, a, name_b, b):
    if a == b:
        return 0
    print(f"{name_a}: {len(a)} triples, {name_b}: {len(b)} triples")
    for t in sorted(a - b)[:10]:
        print(f"  only in {name_a}: {t}")
    for t in sorted(b - a)[:10]:
        print(f"  only in {name_b}: {t}")
    return 1


def main(argv):
    cmd = argv[1]
    if cmd == "same":
        return diff("turtle", triples(argv[2], "turtle"), "json-ld", triples(argv[3], "json-ld"))
    if cmd == "named":
        ttl = triples(argv[2], "turtle")
        rc = diff("turtle", ttl, "n-quads", triples(argv[3], "nquads"))
        rc |= diff("turtle", ttl, "trig", triples(argv[4], "trig"))
        g = ConjunctiveGraph()
        g.parse(argv[3], format="nquads")
        names = {c.identifier for c in g.contexts()}
        if len(names) < 2:
            print(f"expected one named graph per source document, found {len(names)}")
            rc = 1
        # Each source graph is self-contained: every resource it uses (other than
        # Assertions and classes) has its rdf:type and rdfs:label in the same graph.
        res = "https://w3id.org/kgbuild/resource/"
        for c in g.contexts():
            used = {t for s, p, o in c for t in (s, o) if isinstance(t, URIRef) and str(t).startswith(res)
                    and "/assertion/" not in str(t)}
            typed = set(c.subjects(rdflib.RDF.type, None))
            labelled = set(c.subjects(rdflib.RDFS.label, None))
            missing = sorted(str(u) for u in used if u not in typed or u not in labelled)
            if missing:
                print(f"graph {c.identifier} uses {len(missing)} resource(s) it does not describe, e.g. {missing[:3]}")
                rc = 1
        return rc
    if cmd == "union":
        union = set()
        for p in argv[3:]:
            union |= triples(p, "turtle")
        return diff("combined", triples(argv[2], "turtle"), "union of separate builds", union)
    if cmd == "evidence":
        g = Graph()
        g.parse(argv[2], format="turtle")
        texts = {}
        bad = checked = 0
        for a in g.subjects(rdflib.RDF.type, URIRef(KG + "Assertion")):
            src = g.value(a, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
            name = str(g.value(src, URIRef(KG + "fileName")))
            if name not in texts:
                with open(os.path.join(argv[3], name), "rb") as f:
                    texts[name] = f.read().decode("utf-8")
            start = int(g.value(a, URIRef(KG + "charStart")))
            end = int(g.value(a, URIRef(KG + "charEnd")))
            ev = str(g.value(a, URIRef(KG + "evidence")))
            checked += 1
            if texts[name][start:end] != ev:
                bad += 1
                if bad <= 5:
                    print(f"{name}[{start}:{end}] != evidence of {a}:\n  file: {texts[name][start:end]!r}\n  evidence: {ev!r}")
        print(f"{checked} assertions checked, {bad} mismatches")
        return 1 if bad or not checked else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
