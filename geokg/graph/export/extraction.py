"""Extraction -> JSON-ready dicts, plain-text tables and Turtle: the formats of `geokg extract`."""

from __future__ import annotations

from typing import Any, BinaryIO

from ...extract import EXTRACTOR_VERSION
from ...model import Entity, Extraction
from ...namespaces import PREFIXES, entity_iri
from .formats import json_document, rendered


def entity_dict(ent: Entity) -> dict[str, Any]:
    """Return the JSON form of an entity: iri, label (English when known), qid, type, labels."""
    return {"iri": entity_iri(ent.qid or ent.id), "label": ent.label("en"), "qid": ent.qid, "type": ent.type}


def extraction_dict(ex: Extraction) -> dict[str, Any]:
    """Return the JSON document `geokg extract --format json` prints."""
    art = ex.article
    ents = {e.id: e for e in ex.entities}
    return {
        "article": {
            "sha256": art.sha256,
            "title": art.title,
            "source": art.source,
            "published": art.published.isoformat() if art.published else None,
            "lang": art.lang,
            "extractor": EXTRACTOR_VERSION,
        },
        "entities": [{**entity_dict(e), "labels": dict(e.labels)} for e in ex.entities],
        "relations": [
            {
                "subject": entity_dict(ents[s.subject]),
                "predicate": s.predicate,
                "object": entity_dict(ents[s.object]),
                "evidence": s.evidence,
                "start": s.start,
                "end": s.end,
                "modality": s.modality,
                "confidence": s.confidence,
                "role": s.role,
                "qualifiers": dict(s.qualifiers),
                "rule": s.rule,
            }
            for s in ex.statements
        ],
    }


def extraction_table(ex: Extraction) -> str:
    """Return one line per relation: subject, predicate, object, modality, confidence."""
    ents = {e.id: e for e in ex.entities}
    rows = [("subject", "predicate", "object", "modality", "confidence")]
    for s in ex.statements:
        rows.append((ents[s.subject].label("en"), s.predicate, ents[s.object].label("en"), s.modality, f"{s.confidence:.2f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in rows)


def extraction_turtle(ex: Extraction) -> bytes:
    """Return the article graph of *ex* as Turtle (the graph name is dropped)."""
    import pyoxigraph as ox

    from ..rdf import article_quads

    triples = sorted((q.triple for q in article_quads(ex, EXTRACTOR_VERSION)), key=str)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_turtle(ex: Extraction, out: BinaryIO) -> None:
    """Write the article graph of *ex* as Turtle; return None."""
    out.write(extraction_turtle(ex))


#: The writers of `geokg extract`'s formats (registered in catalogue.py).
write_json = json_document(extraction_dict)
write_table = rendered(extraction_table)
