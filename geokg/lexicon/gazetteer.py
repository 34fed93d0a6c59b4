"""Load the gazetteer: entities, their names per language, and dated offices.

Package data lives in ``lexicon/data/gazetteer/``:

* ``entities.tsv``  ``id kind qid country label_en`` — one row per entity;
* ``names/<lang>.tsv``  ``id name form`` — form is label | alias | abbr | demonym | capital;
* ``offices.tsv``  ``person role of start end`` — ISO dates, empty end = in office.

A user gazetteer (``--gazetteer FILE``) is one TSV in long form with the header
``id kind qid country lang name form`` (one row per name; rows for an existing id add
names or override kind/qid/country), or a Turtle file using rdfs:label/skos:altLabel
(see README, "Extending the gazetteer").
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..errors import GazetteerError
from ..model import KIND_CLASSES, Entity

FORMS = ("label", "alias", "abbr", "demonym", "capital", "surname")
# The offices ``offices.tsv`` may record; the gazetteer build and its data tests check against these.
OFFICE_ROLES = frozenset({
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "secretary_general", "president", "high_representative", "crown_prince", "vice_president",
    "ambassador", "deputy", "envoy", "spokesperson", "intelligence_chief", "chief_of_staff",
    "commander", "minister", "finance_minister", "interior_minister",
})
_QID = re.compile(r"Q[1-9][0-9]*")
_DATA = files("geokg.lexicon") / "data" / "gazetteer"


@dataclass(frozen=True, slots=True)
class Office:
    """A dated office: *person* held *role* of *of* between *start* and *end*."""

    person: str
    role: str
    of: str
    start: str = ""
    end: str = ""

    def held_on(self, day: date | None) -> bool:
        """Return whether the office was held on *day* (None means "now")."""
        when = (day or date.today()).isoformat()
        return (not self.start or self.start[: len(when)] <= when) and (not self.end or when <= _end_bound(self.end))


def _end_bound(end: str) -> str:
    """Return an ISO end date padded so "2023" and "2023-05" cover their whole period."""
    return end + "-12-31"[len(end) - 4:] if len(end) < 10 else end


@dataclass(eq=False)
class Gazetteer:
    """All known entities with their names per language and their offices."""

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    offices: list[Office] = field(default_factory=list)
    _office_index: dict = field(default_factory=dict, repr=False)

    def languages(self) -> list[str]:
        """Return the language codes that have names."""
        return sorted(self.names)

    def holders(self, role: str, of: str, day: date | None) -> list[str]:
        """Return ids of the people holding *role* of *of* on *day*."""
        return [o.person for o in self.offices_for(of) if o.role == role and o.held_on(day)]

    def offices_of(self, person: str) -> list[Office]:
        """Return the offices held by *person*, in file order."""
        return self._index("person").get(person, [])

    def offices_for(self, of: str) -> list[Office]:
        """Return the offices of state or body *of*, in file order."""
        return self._index("of").get(of, [])

    def offices_by_role(self) -> dict[str, list[Office]]:
        """Return role -> the offices of that role, in file order."""
        return self._index("role")

    def _index(self, attr: str) -> dict[str, list[Office]]:
        """Return offices grouped by *attr*, rebuilt when the office list changed."""
        key = (attr, len(self.offices))
        if self._office_index.get("key_" + attr) != key:
            grouped: dict[str, list[Office]] = defaultdict(list)
            for o in self.offices:
                grouped[getattr(o, attr)].append(o)
            self._office_index[attr] = grouped
            self._office_index["key_" + attr] = key
        return self._office_index[attr]

    def by_english_name(self) -> dict[str, str]:
        """Return a map from lower-cased English names (any form but demonym) to entity ids."""
        out: dict[str, str] = {}
        for eid, name, form in self.names.get("en", ()):
            if form != "demonym":
                out.setdefault(name.lower(), eid)
        for eid, ent in self.entities.items():
            out[ent.label("en").lower()] = eid
        return out

    def add_file(self, path: Path) -> None:
        """Merge a user gazetteer file (long TSV or Turtle) into this gazetteer."""
        if path.suffix.lower() in {".ttl", ".turtle"}:
            _merge_turtle(self, path)
        else:
            _merge_long_tsv(self, path)


def _read_tsv(text: str, where: str, header: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the rows of a TSV whose header must start with *header*."""
    rows = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = [r for r in rows if r and not r[0].startswith("#")]
    if not rows or tuple(rows[0][: len(header)]) != header:
        raise GazetteerError(f"{where}: header must be {' '.join(header)!r}")
    names = rows[0]
    return [dict(zip(names, r + [""] * (len(names) - len(r)))) for r in rows[1:]]


def _entity(eid: str, kind: str, qid: str, country: str, labels: dict[str, str], where: str) -> Entity:
    """Return a validated Entity."""
    if kind not in KIND_CLASSES:
        raise GazetteerError(f"{where}: {eid}: unknown kind {kind!r} (known: {', '.join(KIND_CLASSES)})")
    if qid and not _QID.fullmatch(qid):
        raise GazetteerError(f"{where}: {eid}: {qid!r} is not a Wikidata QID")
    return Entity(id=eid, kind=kind, labels=tuple(sorted(labels.items())), qid=qid or None, country=country or None)


def _packaged_rows(name: str, header: tuple[str, ...]) -> list[list[str]]:
    """Return the rows of a packaged TSV file, its header checked.

    The packaged files are generated (every row complete, no quoting), so they are split on tabs
    directly: three times faster than the csv module and a dict per row, which user files get.
    """
    lines = (_DATA / name).read_text("utf-8").split("\n")
    if tuple(lines[0].split("\t")[: len(header)]) != header:
        raise GazetteerError(f"{name}: header must be {' '.join(header)!r}")
    return [line.split("\t") for line in lines[1:] if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _packaged() -> Gazetteer:
    """Return the gazetteer shipped with the package (cached; treat as read-only)."""
    gaz = Gazetteer()
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for lang_file in sorted((_DATA / "names").iterdir(), key=lambda p: p.name):
        if not lang_file.name.endswith(".tsv"):
            continue
        lang = lang_file.name[:-4]
        names = gaz.names[lang]
        for eid, name, form in _packaged_rows(f"names/{lang_file.name}", ("id", "name", "form")):
            names.append((eid, name, form))
            if form == "label":
                labels[eid].setdefault(lang, name)
    for eid, kind, qid, country, label_en in _packaged_rows("entities.tsv", ("id", "kind", "qid", "country", "label_en")):
        lab = labels[eid]
        lab.setdefault("en", label_en)
        gaz.entities[eid] = _entity(eid, kind, qid, country, lab, "entities.tsv")
    if (_DATA / "offices.tsv").is_file():
        for person, role, of, start, end in _packaged_rows("offices.tsv", ("person", "role", "of", "start", "end")):
            gaz.offices.append(Office(person, role, of, start, end))
    return gaz


def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """Return the packaged gazetteer, extended with the user files in *extra*."""
    base = _packaged()
    if not extra:
        return base
    gaz = Gazetteer(dict(base.entities), defaultdict(list, {k: list(v) for k, v in base.names.items()}), list(base.offices))
    for path in extra:
        gaz.add_file(Path(path))
    return gaz


def _merge_long_tsv(gaz: Gazetteer, path: Path) -> None:
    """Merge a long-form user TSV (id kind qid country lang name form) into *gaz*."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
    header = ("id", "kind", "qid", "country", "lang", "name", "form")
    for n, r in enumerate(_read_tsv(text, str(path), header), start=2):
        where = f"{path}:{n}"
        form = r["form"] or "alias"
        if form not in FORMS:
            raise GazetteerError(f"{where}: unknown form {form!r} (known: {', '.join(FORMS)})")
        old = gaz.entities.get(r["id"])
        labels = dict(old.labels) if old else {}
        if form == "label" or r["lang"] not in labels:
            labels[r["lang"]] = r["name"]
        kind = r["kind"] or (old.kind if old else "")
        gaz.entities[r["id"]] = _entity(
            r["id"], kind, r["qid"] or (old.qid or "" if old else ""), r["country"] or (old.country or "" if old else ""), labels, where
        )
        gaz.names[r["lang"]].append((r["id"], r["name"], form))


def _merge_turtle(gaz: Gazetteer, path: Path) -> None:
    """Merge a Turtle gazetteer (gkg classes, rdfs:label / skos:altLabel, owl:sameAs wd:) into *gaz*."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from ..namespaces import GKG, WD

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise GazetteerError(f"cannot parse gazetteer {path}: {exc}") from exc
    class_kinds = {v: k for k, v in KIND_CLASSES.items()}
    for subj, cls in graph.subject_objects(RDF.type):
        kind = class_kinds.get(str(cls).removeprefix(str(GKG)))
        if kind is None:
            continue
        qid = ""
        for same in graph.objects(subj, OWL.sameAs):
            if str(same).startswith(str(WD)):
                qid = str(same).removeprefix(str(WD))
        eid = qid or str(subj).rsplit("/", 1)[-1]
        labels = {}
        for pred, form in ((RDFS.label, "label"), (SKOS.prefLabel, "label"), (SKOS.altLabel, "alias")):
            for lit in graph.objects(subj, pred):
                lang = getattr(lit, "language", None) or "en"
                gaz.names[lang].append((eid, str(lit), form))
                if form == "label":
                    labels.setdefault(lang, str(lit))
        gaz.entities[eid] = _entity(eid, kind, qid, "", labels or {"en": eid}, str(path))
