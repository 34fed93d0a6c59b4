"""Every output format geokg writes, per kind of output: its name, what it holds, and where its writer is.

Writers are named by path and imported when they write (``formats.lazy``), so listing the
formats, which every ``--format`` option and ``geokg --help`` do, loads no writer module.
"""

from __future__ import annotations

from functools import partial
from typing import Any, BinaryIO

from .formats import Formats, json_document, lazy, rendered

_EXPORT = "geokg.graph.export"


def _dump(fmt: str, store: Any, out: BinaryIO) -> None:
    store.dump(out, fmt)


def _rdf_formats() -> Formats:
    """Return the RDF formats (the store's dump formats), each with what it keeps; ttl and nt have no named graphs."""
    formats = Formats("export")
    merged = "all articles merged into one graph; provenance kept by the statement nodes"
    per_article = "one named graph per article, so every triple keeps its article"
    for name, help in (("ttl", f"Turtle: {merged}"), ("nt", f"N-Triples: {merged}"), ("nq", f"N-Quads: {per_article}"),
                       ("trig", f"TriG: {per_article}"), ("jsonld", f"JSON-LD: {per_article}")):
        formats.add(name, help, partial(_dump, name))
    return formats


def _registry(kind: str, *rows: tuple[str, str, str]) -> Formats:
    """Return a registry of *kind* from (name, help, writer path) rows, in order."""
    formats = Formats(kind)
    for name, help, path in rows:
        formats.add(name, help, lazy(path))
    return formats


def _report(kind: str, table: str, json: str | None = None) -> Formats:
    """Return the formats of one kind of report: ``table`` (the default), then ``json``.

    *table* names the function rendering the report as text; *json*, the one turning it into a
    JSON document (default: the report as it is).
    """
    formats = Formats(kind)
    formats.add("table", "plain text for reading", lazy(table, rendered))
    formats.add("json", "the same report as JSON", lazy(json, json_document) if json else json_document())
    return formats


#: The RDF formats and what each keeps.
EXPORT_FORMATS = _rdf_formats()

#: Formats for other tools; `geokg export --format` offers these beside the RDF formats.
INTERCHANGE_FORMATS = _registry(
    "export",
    ("graphml", "GraphML: entities and aggregated relation edges with scalar attributes (networkx, yEd, Cytoscape)",
     f"{_EXPORT}.interchange:write_graphml"),
    ("gexf", "GEXF 1.2: the same graph for Gephi", f"{_EXPORT}.interchange:write_gexf"),
    ("csv-nodes", "CSV: one row per entity (id, labels, type, Wikidata id, degree)", f"{_EXPORT}.interchange:write_nodes"),
    ("csv-edges", "CSV: one row per aggregated relation edge (support, first/last date, one evidence sentence)",
     f"{_EXPORT}.interchange:write_edges"),
    ("plover", "JSON Lines: one PLOVER-style event per statement (actor, recipient, event type, mode, date, offsets)",
     f"{_EXPORT}.plover:write_plover"),
)

#: Every format `export` writes: the RDF ones, then graph, table and event formats.
ALL_FORMATS = (EXPORT_FORMATS | INTERCHANGE_FORMATS).with_help(
    "ttl/nt merge all articles into one graph (provenance stays on statement nodes); nq/trig/jsonld keep one "
    "graph per article; graphml/gexf (Gephi) and csv-nodes/csv-edges hold the aggregated entity graph; "
    "plover writes one PLOVER-style JSON event per statement."
)

#: The formats `geokg extract` prints an article's extraction in.
EXTRACTION_FORMATS = _registry(
    "extraction",
    ("json", "JSON: the article, its entities, and its relations with evidence and offsets", f"{_EXPORT}.extraction:write_json"),
    ("ttl", "Turtle: the triples ingest would store for the article", f"{_EXPORT}.extraction:write_turtle"),
    ("table", "Plain text: one line per relation (subject, predicate, object, modality, confidence)",
     f"{_EXPORT}.extraction:write_table"),
)

#: The formats `geokg query` prints a result in.
RESULT_FORMATS = _registry(
    "result",
    ("table", "aligned columns, IRIs prefixed, one line per row", f"{_EXPORT}.results:write_table"),
    ("csv", "SPARQL 1.1 CSV results (RFC 4180)", f"{_EXPORT}.results:write_csv"),
    ("tsv", "SPARQL 1.1 TSV results: terms in N-Triples syntax", f"{_EXPORT}.results:write_tsv"),
    ("json", "SPARQL 1.1 JSON results; N-Triples for a CONSTRUCT", f"{_EXPORT}.results:write_json"),
)

STATS_FORMATS = _report("stats", "geokg.graph.query.sparql:format_stats")
CARD_FORMATS = _report("card", "geokg.graph.view.cards:format_card")  # option: lang of the table
ANALYSIS_FORMATS = _report("analysis", "geokg.graph.view.analysis:format_analysis")
VALIDATION_FORMATS = _report("validation", "geokg.graph.query.validate:format_violations", "geokg.graph.query.validate:violations_dict")
EVALUATION_FORMATS = _report("evaluation", f"{_EXPORT}.reports:evaluation_table", f"{_EXPORT}.reports:evaluation_doc")
