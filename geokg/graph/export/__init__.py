"""Export the whole knowledge graph in one RDF serialisation, or in a format for other tools."""

from __future__ import annotations

from functools import partial
from typing import BinaryIO

from ..store import Store
from .formats import Formats
from .interchange import INTERCHANGE_FORMATS


def _rdf_formats() -> Formats:
    """Return the RDF formats (the store's dump formats), each with what it keeps; ttl and nt have no named graphs."""
    formats = Formats("export")
    merged = "all articles merged into one graph; provenance kept by the statement nodes"
    per_article = "one named graph per article, so every triple keeps its article"
    for name, help in (("ttl", f"Turtle: {merged}"), ("nt", f"N-Triples: {merged}"), ("nq", f"N-Quads: {per_article}"),
                       ("trig", f"TriG: {per_article}"), ("jsonld", f"JSON-LD: {per_article}")):
        formats.add(name, help, partial(_dump, name))
    return formats


def _dump(fmt: str, store: Store, out: BinaryIO) -> None:
    store.dump(out, fmt)


#: The RDF formats and what each keeps.
EXPORT_FORMATS = _rdf_formats()

#: Every format `export` writes: the RDF ones, then graph, table and event formats.
ALL_FORMATS = (EXPORT_FORMATS | INTERCHANGE_FORMATS).with_help(
    "ttl/nt merge all articles into one graph (provenance stays on statement nodes); nq/trig/jsonld keep one "
    "graph per article; graphml/gexf (Gephi) and csv-nodes/csv-edges hold the aggregated entity graph; "
    "plover writes one PLOVER-style JSON event per statement."
)


def export(store: Store, out: BinaryIO, fmt: str) -> None:
    """Write every article in *store* to the binary stream *out* as *fmt* (a key of ALL_FORMATS); return None."""
    ALL_FORMATS.write(fmt, store, out)
