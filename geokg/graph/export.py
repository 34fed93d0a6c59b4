"""Export the whole knowledge graph in one RDF serialisation."""

from __future__ import annotations

from typing import BinaryIO

from .store import Store

#: Export format -> what it keeps (the keys are store.DUMP_FORMATS); ttl and nt have no named graphs.
EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle: all articles merged into one graph; provenance kept by the statement nodes",
    "nt": "N-Triples: all articles merged into one graph; provenance kept by the statement nodes",
    "nq": "N-Quads: one named graph per article, so every triple keeps its article",
    "trig": "TriG: one named graph per article, so every triple keeps its article",
    "jsonld": "JSON-LD: one named graph per article, so every triple keeps its article",
}


def export(store: Store, out: BinaryIO, fmt: str) -> None:
    """Write every article in *store* to the binary stream *out* as *fmt*; return None."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    store.dump(out, fmt)
