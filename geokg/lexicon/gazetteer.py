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
import gc
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from ..errors import GazetteerError
from ..model import KIND_CLASSES, Entity

FORMS = ("label", "alias", "abbr", "demonym", "capital", "surname")
# Ministerial portfolios: a minister's office role is "<portfolio>_minister" (the rule tables name the
# same roles, "justice minister" -> justice_minister); "minister" alone is a post of no known portfolio.
PORTFOLIOS = frozenset({
    "foreign", "defence", "finance", "interior", "justice", "health", "education", "agriculture",
    "culture", "environment", "transport", "tourism", "economy", "energy", "oil", "mining", "labour",
    "youth", "sports", "industry", "trade", "investment", "communications", "information",
    "infrastructure", "housing", "water", "science", "social_affairs", "women", "religious_affairs",
    "veterans", "human_rights", "emergencies", "migration", "civil_service", "local_government",
    "parliamentary_affairs", "cabinet_affairs", "european_affairs", "development", "security",
    "reconstruction",
})
# The offices ``offices.tsv`` may record; the gazetteer build and its data tests check against these.
OFFICE_ROLES = frozenset({
    "head_of_state", "head_of_government", "secretary_general", "president", "high_representative",
    "crown_prince", "vice_president", "ambassador", "deputy", "envoy", "spokesperson",
    "intelligence_chief", "chief_of_staff", "commander", "minister",
}) | {f"{p}_minister" for p in PORTFOLIOS}
_QID = re.compile(r"Q[1-9][0-9]*")
_DATA = files("geokg.lexicon") / "data" / "gazetteer"


class Office(NamedTuple):
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

    def offices_held(self, of: str, day: date | None) -> tuple[Office, ...]:
        """Return the offices of *of* held on *day*, in file order (cached: an article asks about the same few states)."""
        cache = self._office_index.setdefault("held", {})
        key = (of, day, len(self.offices))
        found = cache.get(key)
        if found is None:
            if len(cache) > 4096:
                cache.clear()
            found = cache[key] = tuple(o for o in self.offices_for(of) if o.held_on(day))
        return found

    def offices_for_by_role(self, of: str) -> dict[str, list[Office]]:
        """Return role -> the offices of that role of state or body *of*, in file order."""
        key = ("of_role", len(self.offices))
        if self._office_index.get("key_of_role") != key:
            grouped: dict[str, dict[str, list[Office]]] = defaultdict(lambda: defaultdict(list))
            for o in self.offices:
                grouped[o.of][o.role].append(o)
            self._office_index["of_role"] = grouped
            self._office_index["key_of_role"] = key
        return self._office_index["of_role"].get(of, {})

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


def _packaged_rows(name: str, header: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Return the rows of a packaged TSV file as tuples, its header checked.

    The packaged files are generated (every row complete, no quoting, no comments), so the whole
    text is split on tabs and newlines at once and cut into rows of the header's width: several
    times faster than the csv module and a dict per row, which user files get.
    """
    head, _, body = (_DATA / name).read_text("utf-8").partition("\n")
    if tuple(head.split("\t")) != header:
        raise GazetteerError(f"{name}: header must be {' '.join(header)!r}")
    cells = body.rstrip("\n").replace("\n", "\t").split("\t") if body.strip() else []
    if len(cells) % len(header):
        raise GazetteerError(f"{name}: rows must have {len(header)} cells")
    return list(zip(*[iter(cells)] * len(header)))


@lru_cache(maxsize=1)
def _packaged() -> Gazetteer:
    """Return the gazetteer shipped with the package (cached; treat as read-only)."""
    # Tens of thousands of new tuples would set off the cyclic collector again and again, which
    # then costs more than the reading itself; nothing made here forms a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_packaged()
    finally:
        if enabled:
            gc.enable()


def _read_packaged() -> Gazetteer:
    """Return the gazetteer read from the package data.

    The build and the data tests validate these files, so rows become objects unchecked.
    """
    gaz = Gazetteer()
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for lang_file in sorted((_DATA / "names").iterdir(), key=lambda p: p.name):
        if not lang_file.name.endswith(".tsv"):
            continue
        lang = lang_file.name[:-4]
        rows = _packaged_rows(f"names/{lang_file.name}", ("id", "name", "form"))
        gaz.names[lang] = rows
        for eid, name, form in rows:
            if form == "label":
                labels[eid].setdefault(lang, name)
    entities = gaz.entities
    for eid, kind, qid, country, label_en in _packaged_rows("entities.tsv", ("id", "kind", "qid", "country", "label_en")):
        lab = labels[eid]
        lab.setdefault("en", label_en)
        entities[eid] = Entity(eid, kind, tuple(sorted(lab.items())), qid or None, country or None)
    if (_DATA / "offices.tsv").is_file():
        gaz.offices = list(map(Office._make, _packaged_rows("offices.tsv", ("person", "role", "of", "start", "end"))))
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
