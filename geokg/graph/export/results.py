"""SPARQL query results as text: an aligned table, SPARQL 1.1 CSV, TSV and JSON results (`geokg query`)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..query.sparql import shorten
from ..store import QueryResult, Term
from .formats import Writer, text_stream

_TRIPLE_COLUMNS = ["subject", "predicate", "object"]
_ONE_LINE = str.maketrans("\t\n\r", "   ")  # a table row stays on one line


def format_result(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write *result* to the text stream *out* as *fmt*, a key of RESULT_FORMATS; return None."""
    from .catalogue import RESULT_FORMATS

    written = io.BytesIO()
    RESULT_FORMATS.write(fmt, result, written)
    out.write(written.getvalue().decode("utf-8"))


def _solutions(write_rows) -> Writer:
    """Return a writer of a result that writes booleans as a true or false line, triples and solutions as rows."""

    def write(result: QueryResult, out: TextIO) -> None:
        if result.kind == "ask":
            out.write("true\n" if result.boolean else "false\n")
        elif result.kind == "graph":
            write_rows(_TRIPLE_COLUMNS, result.triples, out)
        else:
            write_rows(result.variables, result.rows, out)

    return text_stream(write)


def _write_json_result(result: QueryResult, out: TextIO) -> None:
    if result.kind == "ask":
        json.dump({"head": {}, "boolean": bool(result.boolean)}, out)
        out.write("\n")
    elif result.kind == "graph":
        # SPARQL has no JSON result form for triples; JSON-LD belongs to `export`.
        out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in result.triples)
    else:
        _write_json(result.variables, result.rows, out)


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


#: The writers of `geokg query`'s formats (registered in catalogue.py).
write_table = _solutions(_write_table)
write_csv = _solutions(_write_csv)
write_tsv = _solutions(_write_tsv)
write_json = text_stream(_write_json_result)
