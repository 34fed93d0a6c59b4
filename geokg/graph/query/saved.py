"""Saved SPARQL queries (``geokg/graph/query/queries/*.rq``) and safe binding of their parameters.

A saved query declares its parameters in header comments::

    # title: Members of an organisation
    # param org (entity, default Shanghai Cooperation Organisation): the organisation

Each parameter is a variable of the query. A value given by the user is checked for its
kind and written as one RDF term (an IRI, or an escaped literal) in a ``VALUES``
block at the start of the query's WHERE clause, so it can only ever be a value, never
SPARQL. A parameter left out stays unbound and matches anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ...errors import SavedQueryError
from ...namespaces import PREFIXES
from ...ontology import relation_names
from .texts import SAVED, WHERE, bind_values, query_files

#: Parameter kinds and what a value of each must look like.
KINDS: dict[str, str] = {
    "entity": "a name in any language, an IRI or a QID, looked up in the store",
    "string": "any text, matched as a literal",
    "relation": "a geokg relation name such as memberOf",
    "date": "YYYY, YYYY-MM or YYYY-MM-DD",
    "int": "a whole number",
    "lang": "a language tag such as en or ar",
}

_HEADER = re.compile(r"#\s*(title):\s*(.+)")
_PARAM = re.compile(r"#\s*param\s+([a-z][a-z0-9_]*)\s+\((\w+)(?:,\s*(required|default\s+(.+?)))?\)\s*:\s*(.*)")
_DATE = re.compile(r"[0-9]{4}(-[01][0-9](-[0-3][0-9])?)?")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_INT = re.compile(r"[+-]?[0-9]{1,18}")
# SPARQL ECHAR escapes: inside "..." nothing else can end the string or the query.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r",
                          "\t": "\\t", "\b": "\\b", "\f": "\\f"})
# An absolute IRI with none of the characters SPARQL forbids inside <...>.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a saved query: a variable, its kind, and whether it is required or defaulted."""

    name: str
    kind: str
    help: str
    required: bool = False
    default: str | None = None


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A packaged SPARQL query with its title and declared parameters."""

    name: str
    title: str
    text: str
    params: tuple[Param, ...]


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, SavedQuery]:
    """Return every packaged saved query by name (its file name without ``.rq``), sorted by name."""
    return {name: parse_saved(name, text) for name, text in query_files(SAVED).items()}


def describe_saved() -> str:
    """Return one paragraph per saved query: its name and title, then one line per parameter."""
    lines = []
    for saved in saved_queries().values():
        lines.append(f"{saved.name}: {saved.title}")
        for p in saved.params:
            flag = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            lines.append(f"    --param {p.name}=… ({p.kind}, {flag}): {p.help}")
    return "\n".join(lines) + "\n"


def parse_saved(name: str, text: str) -> SavedQuery:
    """Return the saved query *name* read from *text* (header comments, then SPARQL).

    Raises:
        SavedQueryError: If a parameter line is malformed or names an unknown kind.
    """
    title, params = name, []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        if m := _HEADER.fullmatch(line.strip()):
            title = m.group(2).strip()
        elif line.lstrip("# ").startswith("param"):
            m = _PARAM.fullmatch(line.strip())
            if m is None or m.group(2) not in KINDS:
                raise SavedQueryError(f"saved query {name}: malformed parameter line {line!r}")
            params.append(Param(m.group(1), m.group(2), m.group(5).strip(),
                                required=m.group(3) == "required", default=m.group(4)))
    if params and not WHERE.search(text):
        raise SavedQueryError(f"saved query {name} has parameters but no WHERE {{ to bind them in")
    return SavedQuery(name, title, text, tuple(params))


def get_saved(name: str) -> SavedQuery:
    """Return the saved query *name*.

    Raises:
        SavedQueryError: If there is none (the message lists the known names).
    """
    known = saved_queries()
    if name not in known:
        raise SavedQueryError(f"no saved query {name!r} (known: {', '.join(known)}; see geokg query --list-saved)")
    return known[name]


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Return ``{key: value}`` from ``key=value`` strings (the value may contain ``=``).

    >>> parse_params(["org=SCO", "name=a=b"])
    {'org': 'SCO', 'name': 'a=b'}

    Raises:
        SavedQueryError: If a pair has no ``=`` or no key, or a key is given twice.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise SavedQueryError(f"--param {pair!r}: give KEY=VALUE")
        if key in out:
            raise SavedQueryError(f"--param {key} is given twice")
        out[key] = value
    return out


def bind(query: SavedQuery, values: Mapping[str, str], resolve: Callable[[str], str]) -> str:
    """Return the SPARQL text of *query* with the given and default parameter values bound.

    Args:
        query: The saved query.
        values: Parameter name -> value as the user typed it.
        resolve: Returns the IRI of an entity from a name in any language, an IRI or a QID
            (raising ``EntityNotFound`` when there is none).

    Raises:
        SavedQueryError: If a parameter is unknown, missing or malformed.
        EntityNotFound: If an entity parameter names nothing in the store.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        listed = ", ".join(declared) or "none"
        raise SavedQueryError(f"saved query {query.name} has no parameter {unknown[0]!r} (parameters: {listed})")
    terms = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise SavedQueryError(f"saved query {query.name} needs --param {param.name}=… ({param.help})")
            continue
        terms[param.name] = render(param, value, resolve)
    return bind_values(query.text, terms)  # parse_saved checked there is a WHERE to bind in


def render(param: Param, value: str, resolve: Callable[[str], str]) -> str:
    """Return *value* as one SPARQL term for *param*'s kind: an ``<IRI>`` or an escaped literal.

    >>> print(render(Param("name", "string", ""), 'Foo" } ; DROP ALL ; { "', str))
    "Foo\\" } ; DROP ALL ; { \\""

    Raises:
        SavedQueryError: If *value* is not of the parameter's kind.
    """
    def bad(why: str) -> SavedQueryError:
        return SavedQueryError(f"--param {param.name}={value!r}: {why}")

    if param.kind == "entity":
        if not value.strip():
            raise bad("give an entity name, IRI or QID")
        return _iri(resolve(value), bad)
    if param.kind == "relation":
        name = value.strip().removeprefix("gkg:").removeprefix(PREFIXES["gkg"])
        if name not in relation_names():
            raise bad(f"not a relation (known: {', '.join(sorted(relation_names()))})")
        return _iri(PREFIXES["gkg"] + name, bad)
    if param.kind == "date" and not _DATE.fullmatch(value.strip()):
        raise bad(f"not a date: {KINDS['date']}")
    if param.kind == "lang" and not _LANG.fullmatch(value.strip()):
        raise bad(f"not a language tag: {KINDS['lang']}")
    if param.kind == "int":
        if not _INT.fullmatch(value.strip()):
            raise bad(KINDS["int"])
        return f'"{int(value)}"^^<{PREFIXES["xsd"]}integer>'  # as rdflib's Literal(int).n3() writes it
    return string_literal(value if param.kind == "string" else value.strip())


def string_literal(text: str) -> str:
    r"""Return *text* as a SPARQL short string literal, every quote, backslash and line break escaped.

    >>> print(string_literal('a "b" \\ {?x}'))
    "a \"b\" \\ {?x}"
    """
    return '"' + text.translate(_ESCAPES) + '"'


def _iri(text: str, bad: Callable[[str], SavedQueryError]) -> str:
    """Return ``<text>`` after checking it is an absolute IRI SPARQL can hold unescaped."""
    if not _IRI.fullmatch(text):
        raise bad("not an absolute IRI")
    return f"<{text}>"
