"""Query results as text (table, CSV, TSV, JSON) and summary statistics of a store."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ...namespaces import GKG, PREFIXES
from ..store import QueryResult, Store, Term
from .texts import query_text

RESULT_FORMATS = ("table", "json", "csv", "tsv")

_TRIPLE_COLUMNS = ["subject", "predicate", "object"]
_ONE_LINE = str.maketrans("\t\n\r", "   ")  # a table row stays on one line
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


def shorten(iri: str) -> str:
    """Return *iri* as prefix:local with the longest project namespace, else unchanged."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def format_result(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write *result* to *out* as table, json, csv or tsv; return None."""
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r} (known: {', '.join(RESULT_FORMATS)})")
    if result.kind == "ask":
        _write_boolean(bool(result.boolean), fmt, out)
    elif result.kind == "graph" and fmt == "json":
        # SPARQL has no JSON result form for triples; JSON-LD belongs to `export`.
        out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in result.triples)
    else:
        variables, rows = result.variables, result.rows
        if result.kind == "graph":
            variables, rows = _TRIPLE_COLUMNS, result.triples
        _WRITERS[fmt](variables, rows, out)


def _write_boolean(value: bool, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump({"head": {}, "boolean": value}, out)
        out.write("\n")
    else:
        out.write("true\n" if value else "false\n")


def _write_table(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    cells = [[_display(term) for term in row] for row in rows]
    widths = [max([_width(v)] + [_width(row[i]) for row in cells]) for i, v in enumerate(variables)]
    lines = [list(variables), ["-" * w for w in widths], *cells]
    for line in lines:
        padded = [text + " " * (widths[i] - _width(text)) for i, text in enumerate(line)]
        out.write("  ".join(padded).rstrip() + "\n")


def _write_csv(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # SPARQL 1.1 CSV results follow RFC 4180
    writer.writerow(variables)
    writer.writerows([_csv_value(term) for term in row] for row in rows)


def _write_tsv(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    out.write("\t".join(f"?{v}" for v in variables) + "\n")
    for row in rows:
        out.write("\t".join("" if term is None else _nt(term) for term in row) + "\n")


def _write_json(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    bindings = [
        {v: _json_term(term) for v, term in zip(variables, row, strict=True) if term is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


_WRITERS = {"table": _write_table, "csv": _write_csv, "tsv": _write_tsv, "json": _write_json}


def _display(term: Term | None) -> str:
    """Return the text shown in a table cell: prefixed IRIs, bare literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term).translate(_ONE_LINE)


def _width(text: str) -> int:
    """Return the terminal columns *text* takes: marks take none, wide characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue  # Arabic harakat, joiners and direction marks
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _nt(term: Term) -> str:
    """Return *term* in N-Triples syntax (literals always spelled out)."""
    if isinstance(term, Literal):
        text = (
            str(term).replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        )
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Return counts of articles, statements, entities per class, relation triples, and top entities."""
    classes = store.query(query_text("entity-classes")).rows
    relations: Counter[str] = Counter()
    degree: Counter[Term] = Counter()
    for s, p, o in store.query(query_text("relation-triples")).rows:
        if str(p).startswith(str(GKG)):
            relations[str(p)] += 1
        degree.update((s, o))  # a triple from an entity to itself counts twice
    return {
        "articles": _count(store, "gkg:Article"),
        "statements": _count(store, "gkg:Statement"),
        "entities": {shorten(str(cls)): int(n) for cls, n in classes},
        "relations": {shorten(p): n for p, n in sorted(relations.items())},
        "top_entities": _top_entities(store, degree, top),
    }


def _count(store: Store, cls: str) -> int:
    """Return the number of distinct resources typed *cls*."""
    rows = store.query(query_text("instances", **{"class": cls})).rows
    return int(rows[0][0])


def _top_entities(store: Store, degree: Counter[Term], top: int) -> list[dict[str, Any]]:
    """Return the *top* entities by degree, each with its IRI, English label (or None) and degree."""
    ranked = sorted(degree.items(), key=lambda item: (-item[1], str(item[0])))[: max(top, 0)]
    iris = " ".join(_nt(entity) for entity, _ in ranked if isinstance(entity, URIRef))
    labels: dict[str, str] = {}
    if iris:
        for entity, label in store.query(query_text("english-labels", e=iris)).rows:
            known = labels.get(str(entity))
            labels[str(entity)] = min(known, str(label)) if known else str(label)
    return [{"iri": str(entity), "label": labels.get(str(entity)), "degree": n} for entity, n in ranked]
