"""The relation edges of a projection, read from the facts graph: figures, figures over a period, evidence.

Each fact is stored once with its figures (see docs/data-model.md), so the whole graph costs one row
per fact and modality, not one per statement. A period (``since``/``until``) changes the figures:
they are then counted from the statements of the facts asked for, in article graphs issued within
the period, so that cost grows with those facts' statements. Evidence is read last, and only for
the edges a caller keeps: the sentences of the facts' example statements (or, over a period, of
the period's best statements).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from rdflib.term import Identifier

from ...namespaces import PREFIXES
from ..query.texts import run_query

#: ``select(sparql)`` returns one dict per solution; unbound variables are absent or None. Values are
#: rdflib terms or ``Store.query_rows``' plain text: the projection reads only ``str(value)`` and a
#: literal's ``language``, which both have.
Select = Callable[[str], list[Mapping[str, Identifier | str | None]]]

#: Most evidence sentences kept per edge.
MAX_EVIDENCE = 5

#: IRIs per VALUES block: queries stay small for any server, rows stay few in memory at once.
CHUNK = 400

_GKG = PREFIXES["gkg"]
_NEGATED = "negated"


@dataclass(slots=True)
class Fact:
    """One relation between two entities, with its figures (for the whole store or for a period)."""

    iri: str
    subject: str
    relation: str  # gkg local name
    object: str
    support: int = 0  # articles with a non-negated statement
    first: str = ""  # earliest and latest issue date of those articles, "" when none is dated
    last: str = ""
    modalities: set[str] = field(default_factory=set)  # lower-case names, negated included
    positive: set[str] = field(default_factory=set)  # the non-negated ones
    examples: tuple[str, ...] | None = None  # statements to show; None: the fact's stored examples

    def attributes(self) -> dict:
        """Return the edge attributes ``project`` documents, evidence not yet read."""
        return {"relation": self.relation, "fact": self.iri, "modalities": frozenset(self.modalities),
                "planned": self.positive == {"planned"}, "support": self.support,
                "first": self.first, "last": self.last, "examples": self.examples, "evidence": []}


def read_facts(select: Select, *, entities: Sequence[str] | None = None,
               relations: Collection[str] | None = None,
               since: str | None = None, until: str | None = None) -> dict[str, Fact]:
    """Return {fact IRI: Fact} for the supported facts (those involving *entities*, when given).

    With *since* or *until* the figures are those of the period, and facts it does not support are left out.
    """
    if relations is not None and not relations:
        return {}
    bound = {"predicate": " ".join(f"<{_GKG}{r}>" for r in sorted(relations))} if relations is not None else {}
    if entities is None:
        facts = _facts(run_query(select, "facts", **bound))
    else:
        facts = {}
        for block in chunks(entities):
            facts.update(_facts(run_query(select, "entity-facts", entity=block, **bound)))
    if since is None and until is None:
        return facts
    return over_period(select, facts, since, until)


def _facts(rows: Iterable[Mapping]) -> dict[str, Fact]:
    """Return the facts read from rows of facts.rq (one row per fact and modality)."""
    facts: dict[str, Fact] = {}
    for row in rows:
        relation = _local(row["predicate"])
        if not relation:
            continue
        iri = str(row["fact"])
        fact = facts.get(iri)
        if fact is None:
            fact = facts[iri] = Fact(iri, sys.intern(str(row["subject"])), relation,
                                     sys.intern(str(row["object"])), int(str(row["support"])))
        modality = _local(row["modality"]).lower()
        fact.modalities.add(modality)
        if modality != _NEGATED:
            fact.positive.add(modality)
            _widen(fact, str(row.get("first") or ""), str(row.get("last") or ""))
    return {iri: fact for iri, fact in facts.items() if fact.support > 0 and fact.positive}


def over_period(select: Select, facts: Mapping[str, Fact], since: str | None, until: str | None) -> dict[str, Fact]:
    """Return *facts* with the figures of their statements from articles issued in [since, until]; unsupported ones left out."""
    bounds = {"since": literal(since or ""), "until": literal(until or "9")}
    out: dict[str, Fact] = {}
    for block in chunks(list(facts)):
        said: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for row in run_query(select, "statements", fact=block, **bounds):
            said[str(row["fact"])].append((str(row["statement"]), str(row["article"]),
                                           _local(row["modality"]).lower(), str(row["issued"])))
        for iri, statements in said.items():
            fact = _counted(facts[iri], statements)
            if fact.support:
                out[iri] = fact
    return out


def _counted(stored: Fact, statements: list[tuple[str, str, str, str]]) -> Fact:
    """Return *stored*'s fact with figures counted from *statements* (statement, article, modality, date)."""
    fact = Fact(stored.iri, stored.subject, stored.relation, stored.object)
    fact.modalities = {m for _, _, m, _ in statements}
    positive = [s for s in statements if s[2] != _NEGATED]
    fact.positive = {m for _, _, m, _ in positive}
    fact.support = len({article for _, article, _, _ in positive})
    for _, _, _, date in positive:
        _widen(fact, date, date)
    # Shown first: non-negated, newest, then a fixed order (every statement here is dated).
    ordered = sorted(statements, key=lambda s: (s[1], s[0]))
    ordered.sort(key=lambda s: s[3], reverse=True)
    ordered.sort(key=lambda s: s[2] == _NEGATED)
    fact.examples = tuple(dict.fromkeys(s[0] for s in ordered))[:MAX_EVIDENCE]
    return fact


def add_evidence(select: Select, graph: nx.MultiDiGraph) -> None:
    """Fill the ``evidence`` of every edge of *graph* read by ``read_facts``; return None.

    Each edge gets up to MAX_EVIDENCE dicts with ``text``, ``title``, ``date``, ``source``,
    ``modality`` and ``article``: supporting sentences first, dated before undated, newest first.
    """
    edges = [data for _, _, data in graph.edges(data=True) if "fact" in data]
    stored = sorted({data["fact"] for data in edges if data.get("examples") is None})
    examples: dict[str, list[str]] = defaultdict(list)
    for block in chunks(stored):
        for row in run_query(select, "examples", fact=block):
            examples[str(row["fact"])].append(str(row["statement"]))
    for data in edges:
        if data.get("examples") is None:
            data["examples"] = tuple(examples.get(data["fact"], ()))
    details = _details(select, sorted({st for data in edges for st in data["examples"]}))
    for data in edges:
        data["evidence"] = _shown([details[st] for st in data.pop("examples") if st in details])


def _details(select: Select, statements: Sequence[str]) -> dict[str, dict[str, str]]:
    """Return {statement IRI: evidence dict} for *statements*."""
    out: dict[str, dict[str, str]] = {}
    for block in chunks(statements):
        for row in run_query(select, "evidence", statement=block):
            out[str(row["statement"])] = {
                "text": str(row["text"]), "title": _text(row, "title"), "date": _text(row, "issued"),
                "source": _text(row, "source"), "modality": _local(row["modality"]).lower(),
                "article": str(row["article"]),
            }
    return out


def _shown(evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return *evidence* in the order shown, one per article and sentence, at most MAX_EVIDENCE."""
    ordered = sorted(evidence, key=lambda e: (e["title"], e["article"], e["text"]))
    ordered.sort(key=lambda e: e["date"], reverse=True)
    ordered.sort(key=lambda e: (e["modality"] == _NEGATED, not e["date"]))
    shown: dict[tuple[str, str], dict[str, str]] = {}
    for e in ordered:
        shown.setdefault((e["article"], e["text"]), e)
    return list(shown.values())[:MAX_EVIDENCE]


def chunks(iris: Sequence[str]) -> Iterator[str]:
    """Yield the VALUES bodies (``<iri> <iri> …``) of at most CHUNK of *iris* each."""
    iris = list(iris)
    for i in range(0, len(iris), CHUNK):
        yield " ".join(f"<{iri}>" for iri in iris[i:i + CHUNK])


def _widen(fact: Fact, first: str, last: str) -> None:
    """Widen *fact*'s first and last dates to include [first, last] ("" is no date)."""
    if first:
        fact.first = min(fact.first or first, first)
    if last:
        fact.last = max(fact.last, last)


def literal(text: str) -> str:
    """Return *text* as a SPARQL string literal.

    >>> print(literal('say "hi"'))
    "say \\"hi\\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(row: Mapping, name: str) -> str:
    value = row.get(name)
    return str(value) if value is not None else ""


def _local(term) -> str:
    text = str(term) if term is not None else ""
    return text[len(_GKG):] if text.startswith(_GKG) else ""
