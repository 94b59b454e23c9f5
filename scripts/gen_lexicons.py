#!/usr/bin/env python3
"""Generates kgbuild's derived lexicons from Debian data packages.

    python3 scripts/gen_lexicons.py [--out DIR]      (default DIR: extract/data)

Reads iso-codes (/usr/share/iso-codes/json, LGPL-2.1+) and WordNet 3.0
(/usr/share/wordnet, WordNet 3.0 licence) and writes, deterministically:
  lexicon/countries.tsv       ISO 3166-1 and former countries of ISO 3166-3 (Country;
                              Region for dependent territories and Soviet republics)
  lexicon/regions.tsv         ISO 3166-2 subdivisions (Region, or Settlement for cities)
  lexicon/wordnet.tsv         WordNet instance nouns and proper-named organisations,
                              typed by their hypernyms
  lexicon/groups_wordnet.tsv  peoples and nationalities of WordNet as plural Group names
  demonyms.tsv                WordNet nouns glossed "a native or inhabitant of X"
Lexicon columns: class, label, aliases (|-separated), source.
Only the standard library is used; the output does not depend on the machine.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lexicon"))
import iso_english  # noqa: E402  (curated English names of ISO 3166-2 units)

ISO = "/usr/share/iso-codes/json"
WN = "/usr/share/wordnet"
PLACE_CLASSES = ("Country", "Region", "Settlement", "Waterbody")

# ---------------------------------------------------------------- WordNet

_SYNSETS = {}


def read_synsets(pos="noun"):
    """offset -> (words, pointers, gloss) for data.<pos> (cached)."""
    if pos in _SYNSETS:
        return _SYNSETS[pos]
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
    _SYNSETS[pos] = out
    return out


_INDEX = {}


def sense_offsets(lemma, pos="noun"):
    """Synset offsets of a lemma in sense order (index.<pos>)."""
    if pos not in _INDEX:
        idx = {}
        with open(os.path.join(WN, "index." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                n = int(parts[2])
                idx[parts[0]] = parts[-n:]
        _INDEX[pos] = idx
    return _INDEX[pos].get(lemma.lower(), [])


def clean(word):
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ")


def common_words():
    """Lemmas that some WordNet synset writes in lower case: ordinary English words."""
    lower = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for words, _, _ in read_synsets(pos).values():
            for w in words:
                w = clean(w)
                if w == w.lower():
                    lower.add(w)
    return lower


# (class, [(lemma, sense numbers)]) in priority order: on a tie at the same distance
# the earlier class wins.  Sense numbers were checked against the glosses.
ANCHORS = [
    ("Settlement", [("city", [1, 2]), ("town", [1]), ("village", [1, 2]), ("port", [1]),
                    ("national_capital", [1]), ("state_capital", [1]), ("provincial_capital", [1]),
                    ("urban_area", [1])]),
    ("Country", [("country", [1, 2]), ("kingdom", [2, 3, 4]), ("empire", [1, 3]), ("sultanate", [1]),
                 ("republic", [1, 2]), ("khanate", [1]), ("caliphate", [1])]),
    ("Region", [("state", [1]), ("province", [1]), ("region", [3]), ("district", [1]),
                ("administrative_district", [1]), ("geographical_area", [1]), ("peninsula", [1]),
                ("desert", [1]), ("island", [1]), ("archipelago", [1]), ("county", [1]),
                ("continent", [1]), ("colony", [2]), ("american_state", [1])]),
    ("Waterbody", [("river", [1]), ("sea", [1]), ("lake", [1]), ("ocean", [1]), ("bay", [1]),
                   ("strait", [1]), ("gulf", [1]), ("canal", [3]), ("channel", [1]), ("inlet", [1]),
                   ("firth", [1]), ("estuary", [1]), ("sound", [4]), ("body_of_water", [1])]),
    ("GovernmentBody", [("government_department", [1]), ("legislature", [1]),
                        ("law_enforcement_agency", [1]), ("secret_police", [1]),
                        ("executive_department", [1]), ("court", [1, 8]), ("agency", [1]),
                        ("intelligence_agency", [1]), ("government", [1]), ("ministry", [1]),
                        ("armed_forces", [1]), ("army", [1, 3]), ("navy", [1]), ("air_force", [1])]),
    ("Publication", [("newspaper", [1]), ("periodical", [1]), ("magazine", [1]), ("book", [1]),
                     ("publication", [1]), ("novel", [1]), ("epic_poem", [1]), ("manifesto", [1])]),
    ("LegalInstrument", [("treaty", [1]), ("law", [2]), ("statute", [1]), ("act", [1]),
                         ("resolution", [1]), ("amendment", [2]),
                         ("charter", [1]), ("constitution", [3])]),
    ("Event", [("war", [1]), ("battle", [1]), ("military_operation", [1]), ("military_campaign", [1]),
               ("revolution", [2]), ("rebellion", [2]), ("massacre", [1]), ("famine", [2]),
               ("deportation", [1]), ("conference", [1]), ("crisis", [1]), ("migration", [1, 2]),
               ("siege", [1]), ("crusade", [2]), ("expedition", [1]), ("coup", [1]), ("genocide", [1]),
               ("olympic_games", [1]), ("purge", [1]), ("riot", [1])]),
    ("Organization", [("organization", [1]), ("institution", [1]), ("political_party", [1]),
                      ("university", [1, 2]), ("company", [1]), ("military_unit", [1]),
                      ("terrorist_organization", [1]), ("news_agency", [1])]),
    ("Person", [("person", [1])]),
]
CLASS_ORDER = [c for c, _ in ANCHORS]

# Synsets that must not type anything (generic nodes that the anchors pass through).
ANCHOR_STOPS = [("group", [1]), ("social_group", [1])]


def build_anchor_map():
    m = {}
    for cls, entries in ANCHORS:
        for lemma, senses in entries:
            offs = sense_offsets(lemma)
            for s in senses:
                if s <= len(offs) and offs[s - 1] not in m:
                    m[offs[s - 1]] = (cls, f"{lemma}.{s}")
    return m


def classify(offset, synsets, anchors):
    """Nearest anchor over instance-hypernym and hypernym links (BFS): (class, anchor)."""
    frontier = [p[1] for p in synsets[offset][1] if p[0] in ("@i", "@") and p[2] == "n"]
    seen = set(frontier)
    depth = 0
    while frontier and depth < 20:
        hits = [anchors[o] for o in frontier if o in anchors]
        if hits:
            return min(hits, key=lambda h: (CLASS_ORDER.index(h[0]), h[1]))
        nxt = []
        for o in frontier:
            for sym, off, pos in synsets.get(o, ((), (), ""))[1]:
                if sym in ("@", "@i") and pos == "n" and off not in seen:
                    seen.add(off)
                    nxt.append(off)
        frontier = nxt
        depth += 1
    return None


def is_proper(name, common):
    """A capitalised name that is not an ordinary lower-case English word."""
    return name[:1].isupper() and name.lower() not in common


TITLES = {"President", "Sir", "Dame", "Saint", "St.", "Bishop", "Lord", "Lady", "King", "Queen",
          "Pope", "Emperor", "Empress", "General", "Mrs.", "Mr.", "Dr.", "Prince", "Princess",
          "Cardinal", "Captain", "Admiral", "Chief", "Duke", "Earl", "Czar", "Tsar", "Mother",
          "Father", "Brother", "Sister", "Rabbi", "Rev.", "Mahatma", "Baron", "Count"}
CONNECTORS = {"of", "the", "and", "de", "du", "des", "la", "le", "les", "del", "della", "di", "da",
              "von", "van", "der", "den", "y", "e", "i", "al", "el", "on", "upon", "am", "an", "in",
              "for", "to", "a", "bin", "ibn", "ben", "dos", "das", "do", "zu", "ter", "ap", "al-"}
EVENT_WORDS = re.compile(r"\b(War|Wars|Battle|Siege|Revolution|Rebellion|Revolt|Uprising|Crusade|Massacre|"
                         r"Campaign|Offensive|Invasion|Raid|Mutiny|Insurrection|Conquest|Crisis|Famine|"
                         r"Blockade|Airlift|Operation|Games|Olympics|Conference|Congress|Riots?|Party|"
                         r"Putsch|Coup|Holocaust|Purge|Terror|Reign|Evacuation|Landing|Expedition)\b")
WATER_WORDS = re.compile(r"\b(River|Lake|Loch|Sea|Ocean|Bay|Strait|Straits|Gulf|Canal|Channel|Sound|"
                         r"Firth|Inlet|Estuary|Bight|Lagoon|Reservoir|Creek|Fjord)\b")


def alias_ok(name, cls):
    """Drops descriptive aliases ("Haitian capital") and postal codes ("VA")."""
    if len(name) <= 2:
        return False
    if cls == "Person":
        return True
    for w in name.replace("-", " ").split():
        if w[:1].islower() and w not in CONNECTORS and len(w) > 3 and not w.startswith(("al-", "el-")):
            return False
    return True


def wordnet_instances(common):
    """(offset, class, anchor, [names], gloss) for typed named synsets."""
    synsets = read_synsets("noun")
    anchors = build_anchor_map()
    out = []
    for off in sorted(synsets):
        words, ptrs, gloss = synsets[off]
        instance = any(p[0] == "@i" for p in ptrs)
        typed = classify(off, synsets, anchors) if (instance or words[0][:1].isupper()) else None
        if typed is None:
            continue
        cls, anchor = typed
        # Classes that are types of people, not individuals: only instances name one.
        if not instance and cls in ("Person", "Settlement", "Country", "Region", "Waterbody"):
            continue
        names = []
        for w in words:
            w = clean(w)
            if w not in names:
                names.append(w)
        names = [n for n in names if is_proper(n, common)]
        if not instance:
            # A proper-named kind ("United Nations", "KGB") must be named by every word.
            if len(names) != len(set(clean(w) for w in words)) or not all(alias_ok(n, cls) for n in names):
                continue
        if not names:
            continue
        out.append((off, cls, anchor, names, gloss))
    return out


def person_rows(items, place_names, common):
    def plain(n):
        return n.split()[0] not in TITLES
    persons = [it for it in items if it[1] == "Person"]
    given, surname_count = collections.Counter(), collections.Counter()
    for _, _, _, names, _ in persons:
        for n in names:
            parts = n.split()
            if len(parts) >= 2 and plain(n):
                given[parts[0]] += 1
            elif len(parts) == 1:
                surname_count[n] += 1
    rows = []
    for _, _, _, names, _ in persons:
        multi = [n for n in names if len(n.split()) >= 2]
        two = [n for n in multi if len(n.split()) == 2 and plain(n) and "." not in n]
        label = (two or [n for n in multi if plain(n)] or multi or names)[0]
        aliases = [n for n in multi if n != label]
        for n in names:
            if len(n.split()) == 1 and n != label and surname_count[n] == 1 and not given[n] \
                    and n not in place_names and n.lower() not in common:
                aliases.append(n)  # a bare surname unique among WordNet's persons ("Stalin")
        if len(label.split()) == 1 and (given[label] or label in place_names or surname_count[label] > 1):
            continue  # a bare given name ("Abraham") or a place name is not a person's name
        rows.append(("Person", label, aliases, "wordnet-3.0"))
    return rows


def wordnet_lexicon(common, demonym_words, external_places):
    items = wordnet_instances(common)
    # Names of places (here and in ISO) that other entries must not take as bare aliases.
    place_names = set(external_places)
    for _, cls, _, names, _ in items:
        if cls in PLACE_CLASSES:
            place_names.update(names)
    country_names = set(external_places.get("Country", ())) | {
        n for _, cls, _, names, _ in items if cls == "Country" for n in names}
    settlement_names = set(external_places.get("Settlement", ())) | {
        n for _, cls, _, names, _ in items if cls == "Settlement" for n in names}
    person_names = {n for _, cls, _, names, _ in items if cls == "Person" for n in names}
    rows = person_rows(items, place_names, common)
    for off, cls, anchor, names, gloss in items:
        if cls == "Person":
            continue
        names = [n for n in names if alias_ok(n, cls) or n == names[0]]
        if cls in ("Country", "Region"):
            # "Kazakh" (language, people) is not Kazakhstan; "Missouri" (also a language) is Missouri.
            names = [n for n in names if n not in demonym_words
                     or not any(m != n and m.startswith(n) for m in names)]
            if not names:
                continue
        label = names[0]
        if cls == "Waterbody":
            watery = [n for n in names if WATER_WORDS.search(n)]
            if watery:
                label = watery[0]
            elif anchor.startswith("river") and (label in place_names - set(names) or label in person_names
                                                   or any(label in external_places[c] for c in external_places)):
                label = label + " River"
            others = [n for n in names if n != label]
            # A bare "Delaware" stays with the state; keep it only when nothing else has it.
            names = [label] + [n for n in others if WATER_WORDS.search(n) or not (
                n in person_names or any(n in external_places[c] for c in external_places))]
        elif cls == "Event":
            eventy = [n for n in names if EVENT_WORDS.search(n)]
            if eventy:
                label = eventy[0]
            elif anchor.startswith("battle") or anchor.startswith("siege"):
                word = "Siege" if anchor.startswith("siege") or gloss.lower().startswith(("siege", "a siege")) \
                    else "Battle"
                label = f"{word} of {names[0]}"
            else:
                if label in place_names or label in person_names:
                    continue
            names = [label] + [n for n in names if n != label and EVENT_WORDS.search(n)]
        elif cls in ("Organization", "GovernmentBody") and label in place_names:
            continue  # "Washington" for the US government: the place reading wins
        elif cls == "Region" and anchor.split(".")[0] in ("island", "archipelago", "peninsula", "desert",
                                                           "geographical_area", "continent", "region"):
            # An island state is the country ("Cuba"), a city-island the city.
            if label in country_names or label in settlement_names:
                continue
        aliases = [n for n in names if n != label]
        rows.append((cls, label, aliases, "wordnet-3.0"))
    return rows


def plural(word):
    """English plural of a demonym noun ("Korean" -> "Koreans", "Frenchman" -> "Frenchmen")."""
    if " " in word:
        head, _, last = word.rpartition(" ")
        if last in ("people", "peoples"):
            return word
        return head + " " + plural(last)
    if word.endswith(("ese", "ss", "sh", "ch", "x", "z", "Sioux")) or word in ("Inuit", "Maori", "Bantu", "Hopi"):
        return word
    if re.search(r"(?<=[hsx])man$", word) or word.endswith("woman"):
        return word[:-3] + "men"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


NATIVE = re.compile(r"^(?:a |an )?(?:(?:man|woman|person) who is a )?(?:native or inhabitant|native|inhabitant|"
                    r"citizen|resident)s? of (?:the )?([A-Z][\w'-]*(?:(?: of the| of| and)? [A-Z][\w'-]*)*)")
MEMBER = re.compile(r"^(?:a |an )?(?:member|members|native|natives|person) (?:of|belonging to) (?:a |an |the )?"
                    r"(?:[\w-]+ ){0,6}(?:people|peoples|ethnic group|tribe|nation|nationality|race)\b")


def demonyms(common):
    """Nouns glossed "a native or inhabitant of X" (Korean -> Korea)."""
    synsets = read_synsets("noun")
    out = {}
    for off in sorted(synsets):
        words, ptrs, gloss = synsets[off]
        m = NATIVE.match(gloss)
        if not m:
            continue
        place = m.group(1).strip()
        for w in words:
            w = clean(w)
            if not w[:1].isupper() or len(w.split()) > 2 or w.endswith(("man", "woman")) and len(w) > 7 \
                    or not all(x[:1].isupper() for x in w.split()):
                continue
            out.setdefault(w, (w, plural(w), place))
    return [out[k] for k in sorted(out)]


def language_names():
    """Capitalised names of languages ("Kazakh", "Uzbek"): never a country's name."""
    synsets = read_synsets("noun")
    root = set(sense_offsets("language")[:1])
    out = set()
    for off, (words, ptrs, _) in synsets.items():
        frontier, seen = [p[1] for p in ptrs if p[0] == "@"], set()
        for _ in range(8):
            if root & set(frontier):
                out.update(clean(w) for w in words if w[:1].isupper())
                break
            nxt = []
            for o in frontier:
                for sym, t, pos in synsets[o][1]:
                    if sym == "@" and t not in seen:
                        seen.add(t)
                        nxt.append(t)
            frontier = nxt
    return out


def group_rows(common, place_names):
    """Peoples and nationalities: person nouns of a people ("Chechen": "a native or
    inhabitant of Chechnya"; "Uzbek": "a member of a Turkic people") and collective
    nouns under ethnic group / nationality ("Walloons"), as plural Group names."""
    synsets = read_synsets("noun")
    anchors = {}
    for lemma, senses, kind in (("person", [1], "person"), ("ethnic_group", [1], "group"),
                                ("nationality", [1], "group"), ("nation", [4], "group"),
                                ("tribe", [1, 2], "group"), ("people", [2], "group"),
                                ("peoples", [1], "group"), ("race", [3], "group")):
        offs = sense_offsets(lemma)
        for s in senses:
            if s <= len(offs):
                anchors[offs[s - 1]] = kind
    rows = {}
    for off in sorted(synsets):
        words, ptrs, gloss = synsets[off]
        if any(p[0] == "@i" for p in ptrs) or not words[0][:1].isupper():
            continue
        # nearest anchor
        frontier, seen, kind = [p[1] for p in ptrs if p[0] == "@"], set(), None
        for _ in range(12):
            hits = [anchors[o] for o in frontier if o in anchors]
            if hits:
                kind = "group" if "group" in hits else "person"
                break
            nxt = []
            for o in frontier:
                for sym, t, pos in synsets[o][1]:
                    if sym == "@" and t not in seen:
                        seen.add(t)
                        nxt.append(t)
            frontier = nxt
        if kind is None:
            continue
        if kind == "person" and not (NATIVE.match(gloss) or MEMBER.match(gloss)):
            continue
        names = []
        for w in words:
            w = clean(w)
            if not is_proper(w, common) or not re.match(r"^[A-Z][\w' -]*$", w) or not alias_ok(w, "Group") \
                    or re.search(r"wom[ae]n$", w):
                continue
            n = plural(w) if kind == "person" or not w.endswith("s") and not w.endswith(("ish", "ch")) \
                and " " not in w else w
            if kind == "group" and (w.endswith("s") or " " in w or w.endswith(("ish", "ch"))):
                n = w
            if kind == "person" and n == w:
                continue  # "Chinese", "Swiss": the adjective itself; left to demonyms.tsv
            if n not in names and n not in place_names:  # "Balkans" is the region
                names.append(n)
        if not names:
            continue
        label = names[0]
        entry = rows.setdefault(label, set())
        entry.update(n for n in names[1:])
    out = []
    for label in sorted(rows):
        out.append(("Group", label, sorted(rows[label] - {label}), "wordnet-3.0"))
    return out


# ---------------------------------------------------------------- iso-codes

def load(name, key):
    with open(os.path.join(ISO, name), encoding="utf-8") as f:
        return json.load(f)[key]


def ascii_fold(s):
    s = s.replace("ǒ", "o").replace("ŏ", "o").replace("ŭ", "u").replace("‘", "'").replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def uninvert(name):
    """"Korea, Republic of" -> "Republic of Korea"; "Congo, The Democratic Republic of the"."""
    if "," not in name:
        return name
    head, tail = [x.strip() for x in name.split(",", 1)]
    tail = re.sub(r"^The ", "the ", tail)
    if tail.endswith(" the"):
        return (tail[:1].upper() + tail[1:] + " " + head).strip()
    if tail.endswith(" of") or tail.endswith(" of the"):
        return tail[:1].upper() + tail[1:] + " " + head
    return name


# Labels where the ISO name is not the usual English one; the ISO names stay aliases.
COUNTRY_LABELS = {"RU": "Russia", "TR": "Turkey", "CD": "Democratic Republic of the Congo",
                  "CG": "Republic of the Congo", "VA": "Vatican City", "PS": "Palestine",
                  "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde", "SZ": "Eswatini",
                  "CI": "Ivory Coast", "TL": "East Timor", "MK": "North Macedonia", "KP": "North Korea",
                  "KR": "South Korea", "LA": "Laos", "SY": "Syria", "IR": "Iran", "VN": "Vietnam",
                  "MM": "Myanmar", "CZ": "Czech Republic", "GB": "United Kingdom", "US": "United States",
                  "TW": "Taiwan", "MD": "Moldova", "VI": "United States Virgin Islands",
                  "VG": "British Virgin Islands", "CC": "Cocos (Keeling) Islands", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania"}
COUNTRY_ALIASES = {"RU": ["Russian Federation"], "TR": ["Türkiye", "Turkiye"], "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Zaire"],
                   "CG": ["Congo-Brazzaville"], "VA": ["Holy See"], "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
                   "CZ": ["Czechia"], "MM": ["Burma"], "SZ": ["Swaziland"], "MK": ["Macedonia"],
                   "TL": ["Timor-Leste"], "VI": ["U.S. Virgin Islands", "US Virgin Islands"], "CC": ["Cocos Islands"], "CV": ["Cabo Verde"], "US": ["USA", "U.S.A.", "United States of America"],
                   "GB": ["UK", "U.K.", "Great Britain", "Britain"], "VN": ["Viet Nam"]}
# ISO 3166-1 entries that are not sovereign states: dependent territories, special areas.
DEPENDENT = set("AS AI AQ AW AX BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GU HK HM IM IO JE KY MF MO MP "
                "MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT BL".split())
# ISO 3166-3 (former countries): code -> (label, aliases, class)
FORMER = {
    "AIDJ": ("French Territory of the Afars and the Issas", ["French Afars and Issas"], "Region"),
    "ANHH": ("Netherlands Antilles", [], "Region"),
    "BQAQ": ("British Antarctic Territory", [], "Region"),
    "BUMM": ("Burma", ["Socialist Republic of the Union of Burma", "Union of Burma"], "Country"),
    "BYAA": ("Byelorussian SSR", ["Byelorussian Soviet Socialist Republic", "Belorussian SSR",
                                  "Soviet Belarus"], "Region"),
    "CSHH": ("Czechoslovakia", ["Czechoslovak Socialist Republic", "Czechoslovak Republic"], "Country"),
    "CSXX": ("Serbia and Montenegro", ["State Union of Serbia and Montenegro"], "Country"),
    "CTKI": ("Canton and Enderbury Islands", [], "Region"),
    "DDDE": ("East Germany", ["German Democratic Republic", "GDR"], "Country"),
    "DHBJ": ("Dahomey", ["Republic of Dahomey"], "Country"),
    "FQHH": ("French Southern and Antarctic Territories", [], "Region"),
    "FXFR": ("Metropolitan France", ["France, Metropolitan"], "Region"),
    "GEHH": ("Gilbert and Ellice Islands", [], "Region"),
    "HVBF": ("Upper Volta", ["Republic of Upper Volta"], "Country"),
    "JTUM": ("Johnston Island", ["Johnston Atoll"], "Region"),
    "MIUM": ("Midway Islands", ["Midway Atoll"], "Region"),
    "NHVU": ("New Hebrides", [], "Region"),
    "NQAQ": ("Dronning Maud Land", ["Queen Maud Land"], "Region"),
    "NTHH": ("Saudi–Iraqi Neutral Zone", ["Saudi-Iraqi Neutral Zone"], "Region"),
    "PCHH": ("Trust Territory of the Pacific Islands", [], "Region"),
    "PUUM": ("United States Miscellaneous Pacific Islands", ["US Miscellaneous Pacific Islands"], "Region"),
    "PZPA": ("Panama Canal Zone", ["Canal Zone"], "Region"),
    "RHZW": ("Rhodesia", ["Southern Rhodesia"], "Country"),
    "SKIN": ("Sikkim", ["Kingdom of Sikkim"], "Country"),
    "SUHH": ("Soviet Union", ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"], "Country"),
    "TPTL": ("Portuguese Timor", [], "Region"),
    "VDVN": ("North Vietnam", ["Democratic Republic of Vietnam", "Democratic Republic of Viet-Nam"], "Country"),
    "WKUM": ("Wake Island", [], "Region"),
    "YDYE": ("South Yemen", ["People's Democratic Republic of Yemen", "Democratic Yemen"], "Country"),
    "YUCS": ("Yugoslavia", ["Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia",
                            "SFRY", "FRY"], "Country"),
    "ZRCD": ("Zaire", ["Republic of Zaire"], "Country"),
}


def country_rows():
    rows = []
    for c in load("iso_3166-1.json", "3166-1"):
        code = c["alpha_2"]
        names = [c.get("common_name"), uninvert(c["name"]), c.get("official_name"), c["name"]]
        names = [n for n in names if n]
        names = [re.sub(r"^the ", "", n) for n in names]
        label = COUNTRY_LABELS.get(code) or names[0]
        label = re.sub(r" \(.*\)$", "", label)
        aliases = [n for n in names + COUNTRY_ALIASES.get(code, []) if n != label and "," not in n]
        if ascii_fold(label) != label:
            aliases.append(ascii_fold(label))
        cls = "Region" if code in DEPENDENT else "Country"
        rows.append((cls, label, aliases, "iso3166-1"))
        COUNTRY_NAMES[code] = [label, *aliases]
    for c in load("iso_3166-3.json", "3166-3"):
        code = c["alpha_4"]
        if code in FORMER:
            label, aliases, cls = FORMER[code]
        else:  # an entry added to iso-codes after this table was written
            label, aliases, cls = uninvert(c["name"]), [], "Country"
        rows.append((cls, label, aliases, "iso3166-3"))
    return rows


TYPE_WORDS = {
    "province": "Province", "oblast": "Oblast", "region": "Region", "administrative region": "Oblast",
    "administrative territory": "Krai", "autonomous region": "Autonomous Region", "prefecture": "Prefecture",
    "republic": "Republic", "autonomous republic": "Autonomous Republic",
    "governorate": "Governorate", "county": "County", "district": "District", "territory": "Territory",
    "autonomous district": "Autonomous Okrug", "department": "Department", "voivodship": "Voivodeship",
    "canton": "Canton", "emirate": "Emirate", "division": "Division", "rayon": "District",
}
SETTLEMENT_TYPES = {"city", "capital city", "municipality", "metropolitan city", "special city",
                    "capital", "capital district", "autonomous city", "city municipality", "city with county rights",
                    "urban municipality", "republican city", "special self-governing city", "capital territory"}


# Filled by country_rows and region_rows for part_of_rows: ISO alpha-2 code -> the
# country's names; (subdivision names, alpha-2 code of its country).
COUNTRY_NAMES = {}
SUBDIVISION_COUNTRY = []


def part_of_rows(common, demonym_words):
    """(part names, whole names, source): every ISO 3166-2 subdivision lies in its
    country; a WordNet place instance lies in the place instances it names as part
    holonyms ("#p": Tashkent -> Uzbekistan). Names that are demonyms ("Uzbek") are
    left out: they name peoples, not places."""
    rows = []
    for names, cc in SUBDIVISION_COUNTRY:
        if cc in COUNTRY_NAMES:
            rows.append((names, COUNTRY_NAMES[cc], "iso3166-2"))
    synsets = read_synsets("noun")
    places = {off: names for off, cls, _, names, _ in wordnet_instances(common) if cls in PLACE_CLASSES}
    for off, names in places.items():
        for sym, target, ppos in synsets[off][1]:
            if sym == "#p" and ppos == "n" and target in places:
                rows.append((names, places[target], "wordnet-3.0"))
    out, seen = [], set()
    for part, whole, source in rows:
        part = sorted({n.replace("\t", " ").replace("|", "/") for n in part if n not in demonym_words})
        whole = sorted({n.replace("\t", " ").replace("|", "/") for n in whole if n not in demonym_words})
        if not part or not whole:
            continue
        key = ("|".join(part), "|".join(whole))
        if key not in seen:
            seen.add(key)
            out.append((key[0], key[1], source))
    return sorted(out)


def region_rows(common, settlement_names, given_names=frozenset()):
    """ISO 3166-2 units.  A Region whose bare name is also a city's ("Tashkent") is
    labelled with its type word ("Tashkent Region") and loses the bare alias."""
    rows = []
    for s in load("iso_3166-2.json", "3166-2"):
        code, name, typ = s["code"], s["name"], s["type"].lower()
        cc = code[:2]
        cls = "Settlement" if typ in SETTLEMENT_TYPES else "Region"
        if code in iso_english.CITY_CODES:
            cls = "Settlement"
        if code in iso_english.REGION_CODES:
            cls = "Region"
        if code in iso_english.NAMES:
            label, extra = iso_english.NAMES[code]
            names = [label] + extra + [name, ascii_fold(name).replace("'", "")]
        elif cc == "CN":
            base = re.sub(r"\s+(Sheng|Shi|Zizhiqu|SAR)$", "", name)
            names = [base, name]
            if typ == "province":
                names.append(base + " Province")
        else:
            names = [name]
            word = TYPE_WORDS.get(typ)
            if word and cls == "Region" and not name.endswith(word) and " " not in name:
                names.append(f"{name} {word}")
            if ascii_fold(name) != name:
                names.append(ascii_fold(name))
        names = [re.sub(r"\s*\(.*\)$", "", n).strip() for n in names]
        uniq = []
        for n in names:
            if n and n not in uniq:
                uniq.append(n)
        label = uniq[0]
        if cls == "Region" and label in settlement_names and len(uniq) > 1:
            typed = [n for n in uniq[1:] if n not in settlement_names and n.startswith(label)]
            if typed:
                uniq = [typed[0]] + [n for n in uniq if n != typed[0] and n not in settlement_names]
                label = uniq[0]
        if len(label.split()) == 1 and label in given_names:
            typed = [n for n in uniq[1:] if n.startswith(label + " ")]
            if not typed:
                continue  # "Mary" (Turkmenistan) is first a given name
            uniq = [typed[0]] + [n for n in uniq if n not in (typed[0], label)]
            label = uniq[0]
        if len(label.split()) == 1 and label.lower() in common:
            continue  # an ordinary English word: too ambiguous
        if "," in label:
            continue  # iso-codes inverted forms are kept only through NAMES
        aliases = [n for n in uniq[1:] if n.lower() not in common and n not in given_names]
        if cls == "Region":
            aliases = [n for n in aliases if n not in settlement_names]  # "Toshkent" is the city
        rows.append((cls, label, aliases, "iso3166-2"))
        SUBDIVISION_COUNTRY.append(([label, *aliases], cc))
    return rows


# ---------------------------------------------------------------- output

CURATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extract", "data", "lexicon", "domain.tsv")


def name_key(n):
    return re.sub(r"\s+", " ", n.replace(".", "").replace("–", "-").replace("—", "-")).strip().casefold()


def read_lexicon(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cls, label, aliases, source = line.rstrip("\n").split("\t")
            rows.append((cls, label, aliases.split("|") if aliases else [], source))
    return rows


def unify(rows, *references):
    """Aligns generated entries with reference lexicons (curated first, then ISO
    countries for WordNet), tried in order:
    - an entry whose label is a name of a reference entry of the same class takes the
      reference label ("Chechen Republic" -> curated "Chechnya"); failing that, one
      that has a reference label among its aliases takes it ("Zhou En-lai" with alias
      "Zhou Enlai"); alias-to-alias matches ("NPC") do not count;
    - an agent, event or document named like a reference entry of another such class
      takes that class (WordNet's Organization "Committee for State Security" -> KGB);
    - an alias that is another reference entry's label is dropped (WordNet's "Russia"
      for the Soviet Union)."""
    indexes = []
    for reference in references:
        by_name, labels, any_class = collections.defaultdict(set), collections.defaultdict(dict), collections.defaultdict(set)
        for cls, label, aliases, _ in reference:
            labels[cls][name_key(label)] = label
            for n in [label, *aliases]:
                by_name[(cls, name_key(n))].add(label)
                if cls not in PLACE_CLASSES:
                    any_class[name_key(n)].add((cls, label))
        indexes.append((by_name, labels, any_class))
    out = []
    for cls, label, aliases, source in rows:
        if cls not in PLACE_CLASSES and not any(ix[0].get((cls, name_key(label))) for ix in indexes):
            for _, _, any_class in indexes:
                other = any_class.get(name_key(label), set())
                if len(other) == 1:
                    cls = next(iter(other))[0]
                    break
        new = None
        for by_name, _, _ in indexes:
            cands = by_name.get((cls, name_key(label)), set())
            if cands:
                new = next(iter(cands)) if len(cands) == 1 else None
                break
        else:
            for _, labels, _ in indexes:
                cands = {labels[cls][name_key(a)] for a in aliases if name_key(a) in labels[cls]}
                if cands:
                    new = next(iter(cands)) if len(cands) == 1 else None
                    break
        if new and new != label:
            aliases = [label, *[a for a in aliases if a != new]]
            label = new
        for _, labels, _ in indexes:
            aliases = [a for a in aliases if name_key(a) not in labels[cls] or name_key(a) == name_key(label)]
        out.append((cls, label, aliases, source))
    return out


def merge(rows):
    merged = {}
    for cls, label, aliases, source in rows:
        label = label.strip()
        key = (cls, label)
        entry = merged.setdefault(key, [set(), source])
        entry[0].update(a.strip() for a in aliases if a.strip() and a.strip() != label)
    return merged


def write_tsv(path, header, rows):
    merged = merge(rows)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for (cls, label), (aliases, source) in sorted(merged.items()):
            clean_aliases = sorted(a.replace("\t", " ").replace("|", "/") for a in aliases)
            f.write(f"{cls}\t{label}\t{'|'.join(clean_aliases)}\t{source}\n")
    return merged


def counts(merged):
    return dict(sorted(collections.Counter(cls for cls, _ in merged).items()))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extract", "data"),
                    help="data folder to write into (lexicon/ is created inside it)")
    a = ap.parse_args(argv)
    for d in (ISO, WN):
        if not os.path.isdir(d):
            print(f"gen_lexicons: {d} not found (install iso-codes and wordnet-base)", file=sys.stderr)
            return 1
    os.makedirs(os.path.join(a.out, "lexicon"), exist_ok=True)
    common = common_words()
    gen = "# Generated by scripts/gen_lexicons.py (python3 scripts/gen_lexicons.py); do not edit by hand.\n"
    cols = "# columns: class<TAB>label<TAB>aliases (|-separated)<TAB>source\n"
    iso_lic = "# Source: Debian iso-codes (/usr/share/iso-codes/json), LGPL-2.1+.\n"
    wn_lic = "# Source: Debian wordnet-base (/usr/share/wordnet), WordNet 3.0 licence (Princeton University).\n"

    curated = read_lexicon(CURATED) if os.path.exists(CURATED) else []
    crow = unify(country_rows(), curated)
    m = write_tsv(os.path.join(a.out, "lexicon", "countries.tsv"),
                  "# Countries of ISO 3166-1 and former countries of ISO 3166-3 (Region for dependent\n"
                  "# territories and Soviet republics). English labels for a few ISO names are set in\n"
                  "# the generator (COUNTRY_LABELS, FORMER).\n" + iso_lic + gen + cols, crow)
    print(f"countries.tsv: {len(m)} {counts(m)}")

    # Settlement names known before the regions are typed: ISO cities and WordNet's.
    dem = demonyms(common)
    demonym_words = {d[0] for d in dem} | {d[1] for d in dem} | language_names()
    iso_places = collections.defaultdict(set)
    for cls, label, aliases, _ in crow:
        iso_places[cls].update([label, *aliases])
    wn_settlements, given = set(), set()
    for _, cls, _, names, _ in wordnet_instances(common):
        if cls == "Settlement":
            wn_settlements.update(names)
        if cls == "Person":
            given.update(n.split()[0] for n in names if len(n.split()) >= 2 and n.split()[0] not in TITLES)
    iso_settlements = set()
    for code, (label, extra) in iso_english.NAMES.items():
        if code in iso_english.CITY_CODES:
            iso_settlements.update([label, *extra])
    rrows = unify(region_rows(common, wn_settlements | iso_settlements, given), curated)
    m = write_tsv(os.path.join(a.out, "lexicon", "regions.tsv"),
                  "# Subdivisions of ISO 3166-2 (Region; Settlement for city-level units). Usual English\n"
                  "# names of Russian, Central Asian, Korean and other units come from the curated table\n"
                  "# scripts/lexicon/iso_english.py; the ISO names stay aliases. Names that are ordinary\n"
                  "# English words in WordNet are left out.\n" + iso_lic + gen + cols, rrows)
    print(f"regions.tsv: {len(m)} {counts(m)}")
    for cls, label, aliases, _ in rrows:
        iso_places[cls].update([label, *aliases])

    rows = unify(wordnet_lexicon(common, demonym_words, iso_places), curated, crow)
    place_names = {n for cls, label, aliases, _ in rows + crow + rrows if cls in PLACE_CLASSES
                   for n in [label, *aliases]}
    m = write_tsv(os.path.join(a.out, "lexicon", "wordnet.tsv"),
                  "# Named instances of WordNet 3.0 nouns (and proper-named organisations such as \"KGB\"),\n"
                  "# typed by their nearest hypernym anchor (city, country, river, person, organization,\n"
                  "# agency, war, battle, treaty, newspaper, ...; see ANCHORS in the generator).\n"
                  "# Persons: label = first plain \"First Last\" name; a bare surname is an alias only\n"
                  "# when no other WordNet person, place or ordinary word has it.\n" + wn_lic + gen + cols, rows)
    print(f"wordnet.tsv: {len(m)} {counts(m)}")

    m = write_tsv(os.path.join(a.out, "lexicon", "groups_wordnet.tsv"),
                  "# Peoples and nationalities of WordNet 3.0 as plural Group names: nouns glossed\n"
                  "# \"a native or inhabitant of X\" or \"a member of ... people\", and proper-named\n"
                  "# collectives under ethnic group / nationality / tribe. Plurals are formed by rule.\n"
                  + wn_lic + gen + cols, unify(group_rows(common, place_names), curated))
    print(f"groups_wordnet.tsv: {len(m)} {counts(m)}")

    # The place column names a lexicon entry: the label of the Country (or Region,
    # Settlement) that has WordNet's place name ("Communist China" stays as it is).
    place_label = {}
    for source_rows in (curated, crow, rrows, rows):
        for cls in ("Country", "Region", "Settlement"):
            for c, label, aliases, _ in source_rows:
                if c == cls:
                    for n in [label, *aliases]:
                        place_label.setdefault(name_key(n), label)
    dem = [(w, p, place_label[name_key(place)]) for w, p, place in dem if name_key(place) in place_label]
    with open(os.path.join(a.out, "demonyms.tsv"), "w", encoding="utf-8") as f:
        f.write("# Demonyms: WordNet 3.0 nouns glossed \"a native or inhabitant of X\"; the plural is\n"
                "# formed by rule; the country column is the label of the lexicon entry named like\n"
                "# WordNet's X (a Country, else a Region or Settlement). demonyms_curated.tsv (loaded\n"
                "# after this file) corrects and extends it.\n" + wn_lic + gen +
                "# columns: demonym<TAB>plural<TAB>country<TAB>source\n")
        for w, p, place in dem:
            f.write(f"{w}\t{p}\t{place}\twordnet-3.0\n")
    print(f"demonyms.tsv: {len(dem)}")

    part_of = part_of_rows(common, demonym_words)
    with open(os.path.join(a.out, "part_of.tsv"), "w", encoding="utf-8") as f:
        f.write("# Places that lie inside other places (locatedIn), by name: every ISO 3166-2\n"
                "# subdivision in its country, and WordNet 3.0 place instances in the places they\n"
                "# give as part holonyms (\"#p\": Tashkent -> Uzbekistan). A row applies to a document\n"
                "# that names both places (any of their names).\n" + iso_lic + wn_lic + gen +
                "# columns: part names (|-separated)<TAB>whole names (|-separated)<TAB>source\n")
        for part, whole, source in part_of:
            f.write(f"{part}\t{whole}\t{source}\n")
    print(f"part_of.tsv: {len(part_of)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
