"""What a SPARQL text is, read without a full parser: its form, whether it updates, what it federates.

SPARQL lets ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes stand for any character anywhere in a query,
keywords included, and engines decode them before parsing; so do these checks, which would
otherwise miss ``\\u0053ERVICE``. Comments, strings and IRIs are blanked out before keywords are
looked for, so a keyword inside a literal does not count.
"""

from __future__ import annotations

import re

# Comments, IRIs and strings are skipped before looking for keywords.
_NOISE = re.compile(
    r"#[^\n]*|<[^<>\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_QUERY_FORM = re.compile(r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b(?!:)", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)<[^<>\s]*>\s*)*", re.IGNORECASE)
_UPDATE = re.compile(
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE\b(?!:)(\s+SILENT\b)?\s*(<[^<>\s]*>|[?$]\w+|\S+)", re.IGNORECASE)


def unescaped(sparql: str) -> str:
    r"""Return *sparql* with its ``\u`` and ``\U`` escapes decoded, as a SPARQL parser reads it.

    >>> unescaped(r"\u0053ERVICE <x>")
    'SERVICE <x>'
    """
    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(decode, sparql)


def _keywords(sparql: str) -> str:
    """Return *sparql* decoded, with comments and strings blanked (IRIs kept for SERVICE)."""
    return _NOISE.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ", unescaped(sparql))


def query_form(sparql: str) -> str:
    """Return the form of a query: "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE" (SELECT if unsure).

    >>> query_form('PREFIX ask: <urn:x#select> # CONSTRUCT\\nASK { ?s ask:p "SELECT" }')
    'ASK'
    """
    match = _QUERY_FORM.search(_NOISE.sub(" ", unescaped(sparql)))
    return match.group(1).upper() if match else "SELECT"


def is_update(sparql: str) -> bool:
    """Return True when *sparql* is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP, …), not a query.

    >>> is_update('PREFIX ex: <urn:x> INSERT DATA { ex:a ex:b "SELECT" }'), is_update("SELECT * {}")
    (True, False)
    """
    text = _keywords(sparql)
    return _UPDATE.match(text, _PROLOGUE.match(text).end()) is not None


def services(sparql: str) -> list[str]:
    """Return what each SERVICE clause of *sparql* names: an ``<IRI>``, a ``?variable`` or other text.

    >>> services("SELECT * { SERVICE SILENT <http://a/q> { ?s ?p ?o } SERVICE ?x {} }")
    ['<http://a/q>', '?x']
    """
    return [match.group(2) for match in _SERVICE.finditer(_keywords(sparql))]
