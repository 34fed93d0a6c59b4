"""PLOVER-style JSON Lines events: one line per statement, read a bounded batch of articles at a time.

The article graphs are walked in IRI order, a page of IRIs at a time, and the statements of
BATCH articles are read, turned into events and written before the next batch is read: memory
holds one batch's rows and one page of IRIs, whatever the size of the store. Events come sorted
by article IRI, then statement IRI: an order fixed by the data alone (not by the engine, the
order the articles were written in, or the batch size).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TextIO

from ...namespaces import GKG, sparql_prologue
from ...ontology import load_ontology, relation_names
from ..query.texts import query_text, run_query, with_limit
from ..store import Store
from ..view.edges import Select, chunks, literal
from ..view.project import display_label, entities, first_value, gkg_name
from ..view.resolve import text_selector
from .formats import text_stream

#: Article IRIs read per page of the listing (a few hundred kB of text): each page is one query
#: that scans the article list, so larger pages mean fewer scans.
ARTICLE_PAGE = 5000

#: Articles whose statements are read and held at once (about 14 statements, one row each, per article).
BATCH = 400


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
    for batch in _batches(article_iris(select), BATCH):
        yield from _batch_events(select, batch, nodes, codes)


def article_iris(select: Select, page: int | None = None) -> Iterator[str]:
    """Yield the IRI of every article graph in IRI order, reading *page* (default ARTICLE_PAGE) at a time."""
    page = page or ARTICLE_PAGE
    after = ""
    while True:
        text = with_limit(query_text("articles-after", after=literal(after)), page)
        iris = [str(row["article"]) for row in select(sparql_prologue() + text)]
        yield from iris
        if len(iris) < page:
            return
        after = iris[-1]


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Yield *items* in lists of *size* (the last one shorter)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _batch_events(select: Select, articles: Sequence[str], nodes: Mapping[str, dict],
                  codes: Mapping[str, tuple[str | None, str | None]]) -> Iterator[dict[str, Any]]:
    """Yield the events of the statements of *articles*, sorted by article IRI then statement IRI."""
    rows: dict[str, list[Mapping]] = defaultdict(list)
    for block in chunks(articles):
        for row in run_query(select, "events", article=block):
            rows[str(row["statement"])].append(row)
    for iri in sorted(rows, key=lambda s: (str(rows[s][0]["article"]), s)):
        group = rows[iri]
        relation = gkg_name(group[0]["predicate"])
        if relation in codes:
            yield _event(iri, relation, group, nodes, codes[relation])


def _event(iri: str, relation: str, group: list[Mapping], nodes: Mapping[str, dict],
           code: tuple[str | None, str | None]) -> dict[str, Any]:
    """Return the event of statement *iri* from its rows of events.rq."""
    start, end = first_value(group, "start"), first_value(group, "end")
    confidence = first_value(group, "confidence")
    return {
        "id": iri,
        "date": first_value(group, "issued") or None,
        "event_date": first_value(group, "date") or None,
        "event_type": code[0],
        "mode": relation,
        "modality": gkg_name(first_value(group, "modality")).lower(),
        "cameo": code[1],
        "actor": _actor(str(group[0]["subject"]), nodes),
        "recipient": _actor(str(group[0]["object"]), nodes),
        "text": first_value(group, "evidence"),
        "offsets": {"start": int(start), "end": int(end)} if start and end else None,
        "confidence": float(confidence) if confidence else None,
        "article": {"id": str(group[0]["article"]), "title": first_value(group, "title") or None,
                    "source": first_value(group, "source") or None,
                    "language": first_value(group, "language") or None},
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
