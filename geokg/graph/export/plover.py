"""PLOVER-style JSON Lines events: one line per statement, read a bounded batch of articles at a time.

The article graphs are sorted by IRI and read BATCH at a time: their statements, the statements'
details and the articles' are read, turned into events and written before the next batch is read.
Memory holds one batch's rows and the list of article IRIs, whatever the size of the store. Events
come sorted by article IRI, then statement IRI: an order fixed by the data alone (not by the
engine, the order the articles were written in, or the batch size).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO

from ...namespaces import GKG, PREFIXES
from ...ontology import load_ontology, relation_names
from ..query.texts import run_query
from ..store import Store
from ..view.edges import Select
from ..view.project import display_label, entities, gkg_name
from ..view.resolve import text_selector
from .formats import text_stream

#: Articles whose statements are read and held at once (about 14 statements an article).
BATCH = 400

#: Detail property IRI -> the name the event fields are built from.
_DETAILS = {
    **{PREFIXES["gkg"] + name: name for name in ("confidence", "date", "start", "end")},
    PREFIXES["gkg"] + "text": "evidence",
    **{PREFIXES["dcterms"] + name: name for name in ("issued", "title", "source", "language")},
}


@text_stream
def write_plover(store: Store, text: TextIO) -> None:
    """Write one PLOVER-style JSON line per statement of *store*, a batch of articles at a time; return None."""
    for event in plover_events(store):
        text.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")


def plover_events(store: Store) -> Iterator[dict[str, Any]]:
    """Yield one PLOVER-style event dict per statement node, sorted by article IRI then statement IRI.

    ``event_type`` is the relation's PLOVER category from the ontology (``gkg:ploverCode``,
    None where PLOVER has none), ``mode`` the geokg relation that refines it, ``modality``
    how the article presents it (asserted, planned, negated, reported). ``date`` is the
    article's issue date and ``event_date`` the date the sentence gives, when it gives one;
    ``offsets`` are character offsets of the sentence in the article text.
    """
    select = text_selector(store)
    # Every entity's labels are held for the whole export: entities are few (thousands, growing
    # far slower than the articles), unlike statements, which are read a batch at a time.
    nodes = entities(select)
    codes = _codes()
    articles = article_iris(select)
    for i in range(0, len(articles), BATCH):
        yield from _batch_events(select, articles[i:i + BATCH], nodes, codes)


def article_iris(select: Select) -> list[str]:
    """Return the IRI of every article graph, sorted.

    The one list held for the whole store (about 150 bytes an article): sorting it in SPARQL, a
    page at a time, made Oxigraph sort every article for each page (0.8 s a page at 10,000 articles).
    """
    return sorted(str(row["article"]) for row in run_query(select, "article-graphs"))


def _batch_events(select: Select, articles: Sequence[str], nodes: Mapping[str, dict],
                  codes: Mapping[str, tuple[str | None, str | None]]) -> Iterator[dict[str, Any]]:
    """Yield the events of the statements of *articles*, sorted by article IRI then statement IRI."""
    block = " ".join(f"<{iri}>" for iri in articles)
    statements: dict[str, list[Mapping]] = defaultdict(list)
    for row in run_query(select, "plover-statements", article=block):
        statements[str(row["statement"])].append(row)
    details = _details(run_query(select, "plover-details", article=block), "statement")
    about = _details(run_query(select, "article-details", article=block), "article")
    for iri in sorted(statements, key=lambda s: (str(statements[s][0]["article"]), s)):
        group = statements[iri]
        relation = gkg_name(group[0]["predicate"])
        if relation in codes:
            article = str(group[0]["article"])
            values = {**details.get(iri, {}), **about.get(article, {}),
                      "modality": min(str(row["modality"]) for row in group)}
            yield _event(iri, relation, group[0], values, nodes, codes[relation])


def _details(rows: Sequence[Mapping], key: str) -> dict[str, dict[str, str]]:
    """Return {row[key]: {detail name: its smallest value}} from rows of ``?key ?property ?value``.

    The smallest value as text, as the one event field when a node has several: a fixed pick.
    """
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        values, name, value = out[str(row[key])], _DETAILS[str(row["property"])], str(row["value"])
        values[name] = min(values.get(name, value), value)
    return out


def _event(iri: str, relation: str, row: Mapping, values: Mapping[str, str], nodes: Mapping[str, dict],
           code: tuple[str | None, str | None]) -> dict[str, Any]:
    """Return the event of statement *iri*: *row* of plover-statements.rq, *values* its details and its article's."""
    start, end, confidence = values.get("start"), values.get("end"), values.get("confidence")
    return {
        "id": iri,
        "date": values.get("issued") or None,
        "event_date": values.get("date") or None,
        "event_type": code[0],
        "mode": relation,
        "modality": gkg_name(values["modality"]).lower(),
        "cameo": code[1],
        "actor": _actor(str(row["subject"]), nodes),
        "recipient": _actor(str(row["object"]), nodes),
        "text": values.get("evidence", ""),
        "offsets": {"start": int(start), "end": int(end)} if start and end else None,
        "confidence": float(confidence) if confidence else None,
        "article": {"id": str(row["article"]), "title": values.get("title") or None,
                    "source": values.get("source") or None, "language": values.get("language") or None},
    }


def _codes() -> dict[str, tuple[str | None, str | None]]:
    """Return relation -> (PLOVER category, CAMEO code) for every relation (the smallest CAMEO code when several)."""
    ontology = load_ontology()
    out = {}
    for name in relation_names():
        plover = sorted(str(v) for v in ontology.objects(GKG[name], GKG.ploverCode))
        cameo = sorted(str(v) for v in ontology.objects(GKG[name], GKG.cameoCode))
        out[name] = (plover[0] if plover else None, cameo[0] if cameo else None)
    return out


def _actor(iri: str, nodes: Mapping[str, dict]) -> dict[str, Any]:
    node = nodes.get(iri) or {}
    labels = node.get("labels") or {}
    return {"id": iri, "name": display_label(labels, iri),
            "names": dict(sorted(labels.items())), "type": node.get("type", "Entity"), "wikidata": node.get("qid")}
