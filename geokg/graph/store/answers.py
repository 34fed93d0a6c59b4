"""What a remote server's answer must look like before geokg believes it.

A SPARQL server is trusted with the data, not with the shape of its answers: a SELECT answer must
name exactly the variables the query projects, bind only those, and each value must be a
well-formed term (numbers that parse as numbers). Anything else is one ``UntrustedAnswer`` naming
the endpoint, never a traceback further on, in a map or a count.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ...errors import UntrustedAnswer
from ...namespaces import PREFIXES
from .sparql_text import services

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_DECIMAL = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
_DOUBLE = re.compile(r"^\s*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)\s*$")
_LEXICAL = {  # datatype -> the lexical forms geokg reads as numbers or truth values
    **{_XSD + name: _INTEGER for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "unsignedInt",
        "unsignedLong", "nonPositiveInteger", "negativeInteger", "unsignedShort", "unsignedByte")},
    _XSD + "decimal": _DECIMAL, _XSD + "double": _DOUBLE, _XSD + "float": _DOUBLE,
    _XSD + "boolean": re.compile(r"^\s*(true|false|1|0)\s*$"),
}
_TERM_TYPES = frozenset({"uri", "bnode", "literal", "typed-literal"})


def projected(sparql: str, *, prologue: bool = True) -> list[str] | None:
    """Return the variables a SELECT projects, None for another form or a query geokg cannot read itself.

    The query is planned on an empty store, never run: solutions are not asked for.
    """
    if services(sparql):
        return None  # planning a federated query would call the service
    try:
        result = ox.Store().query(sparql, prefixes=PREFIXES if prologue else None)
    except (SyntaxError, OSError):
        return None  # another engine's dialect: the server alone can read it
    return [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else None


def checked_bindings(doc: object, expected: list[str] | None, where: str) -> tuple[list[str], list[dict]]:
    """Return the variables and bindings of a SPARQL JSON SELECT answer, checked against *expected*.

    Raises:
        UntrustedAnswer: If the answer is not a SELECT answer over exactly the expected variables
            with well-formed terms.
    """
    def refuse(what: str) -> UntrustedAnswer:
        return UntrustedAnswer(f"{where} sent {what}; geokg does not use this answer")

    head = doc.get("head") if isinstance(doc, dict) else None
    variables = head.get("vars", []) if isinstance(head, dict) else None
    results = doc.get("results") if isinstance(doc, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables) or not isinstance(bindings, list):
        raise refuse("a malformed SPARQL JSON result")
    if expected is not None and sorted(variables) != sorted(expected):
        raise refuse(f"variables {', '.join(variables) or '(none)'} to a query for {', '.join(expected) or '(none)'}")
    allowed = set(variables)
    for row in bindings:
        if not isinstance(row, dict) or not set(row) <= allowed:
            raise refuse(f"a row binding {', '.join(sorted(row)) if isinstance(row, dict) else row!r}, not the query's variables")
        for name, term in row.items():
            problem = term_problem(term)
            if problem:
                raise refuse(f"{problem} for ?{name}")
    return variables, bindings


def term_problem(term: object) -> str | None:
    """Return what is wrong with one SPARQL JSON term, None when it is well formed."""
    if not isinstance(term, dict) or term.get("type") not in _TERM_TYPES or not isinstance(term.get("value"), str):
        return f"a term that is not a SPARQL JSON term ({str(term)[:80]})"
    datatype = term.get("datatype")
    if datatype is not None and not isinstance(datatype, str):
        return "a literal with a malformed datatype"
    lexical = _LEXICAL.get(datatype or "")
    if lexical is not None and not lexical.match(term["value"]):
        return f"{term['value'][:40]!r}, not a valid {datatype.removeprefix(_XSD)}"
    return None
