#!/usr/bin/env python3
"""Generates kgbuild's derived lexicons from Debian data packages.

    python3 scripts/gen_lexicons.py [--out DIR]      (default DIR: extract/data)

Reads iso-codes (/usr/share/iso-codes/json, LGPL-2.1+) and WordNet 3.0
(/usr/share/wordnet, WordNet 3.0 licence) and writes, deterministically:
  lexicon/countries.tsv   ISO 3166-1 and former countries of ISO 3166-3 (Country)
  lexicon/regions.tsv     ISO 3166-2 subdivisions (Region, or Settlement for cities)
  lexicon/wordnet.tsv     WordNet instance nouns typed by their hypernyms
  demonyms.tsv            "a native or inhabitant of X" nouns of WordNet
Lexicon columns: class, label, aliases (|-separated), source.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

ISO = "/usr/share/iso-codes/json"
WN = "/usr/share/wordnet"

# ---------------------------------------------------------------- WordNet


def read_synsets(pos):
    """offset -> (words, pointers, gloss) for data.<pos>."""
    out = {}
    with open(os.path.join(WN, "data." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            parts = head.split()
            offset = parts[0]
            n_words = int(parts[3], 16)
            words = [parts[4 + 2 * i] for i in range(n_words)]
            k = 4 + 2 * n_words
            n_ptrs = int(parts[k])
            ptrs = []
            for i in range(n_ptrs):
                sym, off, ppos = parts[k + 1 + 4 * i: k + 4 + 4 * i]
                ptrs.append((sym, off, ppos))
            out[offset] = (words, ptrs, gloss.strip())
    return out


def sense_offsets(lemma, pos="noun"):
    with open(os.path.join(WN, "index." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith(lemma + " "):
                parts = line.split()
                n = int(parts[2])
                return parts[-n:]
    return []


def common_words():
    """Lower-case lemmas of all parts of speech: ordinary English words."""
    words = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WN, "index." + pos), encoding="latin-1") as f:
            for line in f:
                if not line.startswith(" "):
                    words.add(line.split()[0].replace("_", " "))
    # A lemma is common when some synset writes it in lower case.
    lower = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WN, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split(" | ")[0].split()
                n = int(parts[3], 16)
                for i in range(n):
                    w = re.sub(r"\(.*\)$", "", parts[4 + 2 * i])
                    if w == w.lower():
                        lower.add(w.replace("_", " "))
    return lower


# (class, [(lemma, sense numbers)]) in priority order: more specific first.
ANCHORS = [
    ("Settlement", [("city", [1]), ("town", [1]), ("village", [1, 2]), ("port", [1]),
                    ("national_capital", [1]), ("state_capital", [1]), ("provincial_capital", [1])]),
    ("Country", [("country", [1, 2]), ("kingdom", [2, 3]), ("empire", [1, 3]), ("sultanate", [1]),
                 ("republic", [1])]),
    ("Region", [("state", [1]), ("province", [1]), ("region", [3]), ("district", [1]),
                ("administrative_district", [1]), ("geographical_area", [1]), ("peninsula", [1]),
                ("desert", [1]), ("island", [1])]),
    ("Waterbody", [("river", [1]), ("sea", [1]), ("lake", [1]), ("ocean", [1]), ("bay", [1]),
                   ("strait", [1]), ("gulf", [1])]),
    ("GovernmentBody", [("government_department", [1]), ("legislature", [1]),
                        ("law_enforcement_agency", [1]), ("secret_police", [1]),
                        ("executive_department", [1]), ("court", [2])]),
    ("Publication", [("newspaper", [1]), ("periodical", [1]), ("magazine", [1]), ("book", [1, 2]),
                     ("publication", [1])]),
    ("LegalInstrument", [("treaty", [1]), ("law", [2]), ("statute", [1]), ("act", [2]),
                         ("pact", [1]), ("declaration", [3])]),
    ("Event", [("war", [1]), ("battle", [1]), ("military_operation", [1]), ("revolution", [1, 2]),
               ("rebellion", [1]), ("massacre", [1]), ("famine", [1]), ("deportation", [1]),
               ("conference", [1]), ("crisis", [1]), ("migration", [1, 2])]),
    ("Organization", [("organization", [1]), ("institution", [1]), ("political_party", [1]),
                      ("university", [1, 2]), ("company", [1]), ("army", [1]), ("military_unit", [1])]),
    ("Person", [("person", [1])]),
]


def build_anchor_map():
    m = {}
    for cls, entries in ANCHORS:
        for lemma, senses in entries:
            offs = sense_offsets(lemma)
            for s in senses:
                if s <= len(offs) and offs[s - 1] not in m:
                    m[offs[s - 1]] = cls
    return m


def classify(offset, synsets, anchors):
    """Nearest anchor over instance-hypernym and hypernym links (BFS)."""
    frontier = [p[1] for p in synsets[offset][1] if p[0] == "@i"]
    seen = set(frontier)
    depth = 0
    while frontier and depth < 20:
        hits = [anchors[o] for o in frontier if o in anchors]
        if hits:
            order = [c for c, _ in ANCHORS]
            return min(hits, key=order.index)
        nxt = []
        for o in frontier:
            for sym, off, pos in synsets.get(o, ((), (), ""))[1]:
                if sym in ("@", "@i") and pos == "n" and off not in seen:
                    seen.add(off)
                    nxt.append(off)
        frontier = nxt
        depth += 1
    return None


def clean(word):
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ")


def wordnet_lexicon(common):
    synsets = read_synsets("noun")
    anchors = build_anchor_map()
    rows = []
    for off in sorted(synsets):
        words, ptrs, gloss = synsets[off]
        if not any(p[0] == "@i" for p in ptrs):
            continue
        cls = classify(off, synsets, anchors)
        if cls is None:
            continue
        names = []
        for w in words:
            w = clean(w)
            if w not in names:
                names.append(w)
        # Keep capitalised names that are not ordinary words.
        names = [n for n in names if n[:1].isupper() and n.lower() not in common]
        if not names:
            continue
        if cls == "Person":
            multi = [n for n in names if len(n.split()) >= 2]
            # WordNet lists the common full name first among multi-word names
            # ("Stalin", "Joseph Stalin", "Iosif Vissarionovich Dzhugashvili").
            label = multi[0] if multi else names[0]
            # A bare surname alone is too ambiguous to be a lexicon name.
            aliases = [n for n in names if n != label and len(n.split()) >= 2]
        else:
            label = names[0]
            aliases = [n for n in names[1:]]
        rows.append((cls, label, aliases, "wordnet-3.0"))
    # A name that is both a place and an event (a battle named after a river) is
    # left to the place: the event reading needs its head word ("Battle of …").
    place_names = {n for cls, label, aliases, _ in rows if cls in ("Settlement", "Country", "Region", "Waterbody")
                   for n in [label, *aliases]}
    return [r for r in rows if not (r[0] == "Event" and r[1] in place_names)]


def demonyms(common):
    """Nouns glossed "a native or inhabitant of X" (Korean -> Korea)."""
    synsets = read_synsets("noun")
    out = {}
    pat = re.compile(r"^(?:a )?(?:native or inhabitant|native|inhabitant|citizen)s? of (?:the )?([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)")
    for off in sorted(synsets):
        words, ptrs, gloss = synsets[off]
        m = pat.match(gloss)
        if not m:
            continue
        place = m.group(1).strip()
        for w in words:
            w = clean(w)
            if not w[:1].isupper() or " " in w and len(w.split()) > 2:
                continue
            plural = w if w.endswith(("ese", "ss", "ch", "sh")) else (w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s")
            out.setdefault(w, (w, plural, place))
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------- iso-codes

def load(name, key):
    with open(os.path.join(ISO, name), encoding="utf-8") as f:
        return json.load(f)[key]


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def country_rows():
    rows = []
    for c in load("iso_3166-1.json", "3166-1"):
        names = [c.get("common_name"), c["name"], c.get("official_name")]
        plain = [n for n in names if n and "," not in n]
        names = plain or [n for n in names if n]
        label = names[0]
        aliases = sorted(set(n for n in names[1:] if n != label))
        rows.append(("Country", label, aliases, "iso3166-1"))
    for c in load("iso_3166-3.json", "3166-3"):
        name = c["name"]
        if "," in name:
            head, tail = [x.strip() for x in name.split(",", 1)]
            names = [head, tail] if len(head) > 4 else [tail, head]
        else:
            names = [name]
        names = [n for n in names if n]
        rows.append(("Country", names[0], names[1:], "iso3166-3"))
    return rows


TYPE_WORDS = {
    "province": "Province", "oblast": "Oblast", "region": "Region", "administrative region": "Oblast",
    "administrative territory": "Krai", "autonomous region": "Autonomous Region", "prefecture": "Prefecture",
    "state": "State", "republic": "Republic", "autonomous republic": "Autonomous Republic",
    "governorate": "Governorate", "county": "County", "district": "District", "territory": "Territory",
    "autonomous district": "Autonomous Okrug", "department": "Department",
}
SETTLEMENT_TYPES = {"city", "capital city", "municipality", "metropolitan city", "special city",
                    "capital", "capital district", "autonomous city", "city municipality"}


def korean_province(name):
    n = ascii_fold(name).replace("'", "")
    for suffix, side in (("-bukto", "North "), ("-namdo", "South "), ("-do", ""), ("-to", "")):
        if n.endswith(suffix):
            base = n[: -len(suffix)]
            return [f"{side}{base} Province", f"{side}{base}".strip(), n]
    return [n]


def russian_forms(name, type_word):
    n = ascii_fold(name).replace("'", "")
    out = [n]
    n2 = re.sub(r"^H", "Kh", n).replace("ja", "ya").replace("ij ", "iy ")
    m = re.match(r"^(\w+?)(skij|skiy|skaja|skaya|inskaja|ij|aja|yj)\s+(kraj|oblast|kray)$", n2, re.I)
    if m:
        stem = m.group(1)
        kind = "Krai" if m.group(3).lower().startswith("kra") else "Oblast"
        if kind == "Krai":
            out += [f"{stem}sky Krai", f"{stem}skiy Krai", f"{stem}sk Krai", f"{stem}sky Kray"]
        else:
            out += [f"{stem} Oblast", f"{stem}skaya Oblast"]
    return out


def region_rows(common):
    rows = []
    for s in load("iso_3166-2.json", "3166-2"):
        name, typ, cc = s["name"], s["type"].lower(), s["code"][:2]
        cls = "Settlement" if typ in SETTLEMENT_TYPES else "Region"
        names = [name]
        if cc == "CN":
            base = re.sub(r"\s+(Sheng|Shi|Zizhiqu|SAR|Zhuangzu Zizhiqu|Huizi Zizhiqu|Uygur Zizhiqu)$", "", name)
            names = [base, name] + ([base + " Province"] if typ == "province" else [])
            if typ == "autonomous region":
                names.append(base + " Autonomous Region")
        elif cc == "KP" or cc == "KR":
            names = korean_province(name) if typ == "province" else [ascii_fold(name).replace("'", "")] + [name]
        elif cc in ("RU", "KZ", "KG", "TJ", "UA", "BY"):
            names = russian_forms(name, typ) + ([name] if ascii_fold(name) != name else [])
        else:
            word = TYPE_WORDS.get(typ)
            if word and cls == "Region" and not name.endswith(word):
                names.append(f"{name} {word}")
            if ascii_fold(name) != name:
                names.append(ascii_fold(name))
        seen, uniq = set(), []
        for n in names:
            if n and n not in seen:
                seen.add(n)
                uniq.append(n)
        label = uniq[0]
        if len(label.split()) == 1 and label.lower() in common:
            continue  # an ordinary English word: too ambiguous
        rows.append((cls, label, uniq[1:], "iso3166-2"))
    return rows


# ---------------------------------------------------------------- output

def write_tsv(path, header, rows):
    merged = collections.OrderedDict()
    for cls, label, aliases, source in rows:
        label = label.strip()
        key = (cls, label)
        if key in merged:
            merged[key][0].update(a for a in aliases if a != label)
            continue
        merged[key] = (set(a.strip() for a in aliases if a.strip() and a.strip() != label), source)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for (cls, label), (aliases, source) in sorted(merged.items()):
            clean_aliases = sorted(a.replace("\t", " ").replace("|", "/") for a in aliases)
            f.write(f"{cls}\t{label}\t{'|'.join(clean_aliases)}\t{source}\n")
    return len(merged)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "extract", "data"))
    a = ap.parse_args(argv)
    for d in (ISO, WN):
        if not os.path.isdir(d):
            print(f"gen_lexicons: {d} not found (install iso-codes and wordnet-base)", file=sys.stderr)
            return 1
    os.makedirs(os.path.join(a.out, "lexicon"), exist_ok=True)
    common = common_words()
    gen = "# Generated by scripts/gen_lexicons.py; do not edit by hand.\n"
    cols = "# columns: class<TAB>label<TAB>aliases (|-separated)<TAB>source\n"
    n = write_tsv(os.path.join(a.out, "lexicon", "countries.tsv"),
                  "# Countries of ISO 3166-1 and former countries of ISO 3166-3.\n"
                  "# Source: Debian iso-codes (/usr/share/iso-codes/json), LGPL-2.1+.\n" + gen + cols, country_rows())
    print(f"countries.tsv: {n}")
    n = write_tsv(os.path.join(a.out, "lexicon", "regions.tsv"),
                  "# Subdivisions of ISO 3166-2 (Region; Settlement for city-level units), with English\n"
                  "# forms of the type word (Province, Oblast, Krai). Names that are ordinary English\n"
                  "# words in WordNet are left out.\n"
                  "# Source: Debian iso-codes (/usr/share/iso-codes/json), LGPL-2.1+.\n" + gen + cols, region_rows(common))
    print(f"regions.tsv: {n}")
    rows = wordnet_lexicon(common)
    n = write_tsv(os.path.join(a.out, "lexicon", "wordnet.tsv"),
                  "# Named instances of WordNet 3.0 nouns, typed by their nearest hypernym anchor\n"
                  "# (city, country, river, person, organization, war, treaty, newspaper, ...).\n"
                  "# Source: Debian wordnet-base (/usr/share/wordnet), WordNet 3.0 licence (Princeton).\n" + gen + cols, rows)
    print(f"wordnet.tsv: {n} " + str(dict(collections.Counter(r[0] for r in rows))))
    dem = demonyms(common)
    with open(os.path.join(a.out, "demonyms.tsv"), "w", encoding="utf-8") as f:
        f.write("# Demonyms: WordNet 3.0 nouns glossed \"a native or inhabitant of X\".\n"
                "# Source: Debian wordnet-base, WordNet 3.0 licence (Princeton).\n" + gen +
                "# columns: demonym<TAB>plural<TAB>place<TAB>source\n")
        for w, p, place in dem:
            f.write(f"{w}\t{p}\t{place}\twordnet-3.0\n")
    print(f"demonyms.tsv: {len(dem)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
