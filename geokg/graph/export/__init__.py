"""Export the whole knowledge graph in one RDF serialisation, or in a format for other tools."""

from __future__ import annotations

from typing import BinaryIO

from .interchange import INTERCHANGE_FORMATS, write_interchange
from ..store import Store

#: Export format -> what it keeps (the keys are store.DUMP_FORMATS); ttl and nt have no named graphs.
EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle: all articles merged into one graph; provenance kept by the statement nodes",
    "nt": "N-Triples: all articles merged into one graph; provenance kept by the statement nodes",
    "nq": "N-Quads: one named graph per article, so every triple keeps its article",
    "trig": "TriG: one named graph per article, so every triple keeps its article",
    "jsonld": "JSON-LD: one named graph per article, so every triple keeps its article",
}

#: Every format `export` writes: the RDF ones, then graph, table and event formats.
ALL_FORMATS: dict[str, str] = {**EXPORT_FORMATS, **INTERCHANGE_FORMATS}


def export(store: Store, out: BinaryIO, fmt: str) -> None:
    """Write every article in *store* to the binary stream *out* as *fmt* (a key of ALL_FORMATS); return None."""
    if fmt in INTERCHANGE_FORMATS:
        write_interchange(store, out, fmt)
        return
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(ALL_FORMATS)})")
    store.dump(out, fmt)
