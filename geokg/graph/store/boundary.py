"""The stores' error boundary: tables of engine exception -> geokg error, applied by ``translated``.

Each table is read top to bottom and the first rule whose engine type (and message pattern,
when it has one) fits the exception wins; its geokg error is raised from the engine's, so the
cause stays chained. An exception no rule fits passes through unchanged (a bug, not a user error).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ...errors import GeokgError, QuerySyntaxError, StoreError, StoreLocked, StoreUnavailable


@dataclass(frozen=True, slots=True)
class Rule:
    """An engine exception of type *engine* (matching *when*, if given) becomes *error* saying *message*."""

    engine: type[BaseException]
    error: type[GeokgError]
    message: str  # format fields: {url} of the store, {line}, the first line of the engine's message
    when: re.Pattern[str] | None = None  # searched in the engine's message
    exact: bool = False  # the type itself only, not its subclasses

    def fits(self, exc: BaseException) -> bool:
        """Return True when this rule translates *exc*."""
        fits_type = type(exc) is self.engine if self.exact else isinstance(exc, self.engine)
        return fits_type and (self.when is None or self.when.search(str(exc)) is not None)


ErrorTable = tuple[Rule, ...]

SPARQL_SYNTAX = "SPARQL syntax error: {line}"
_LOCKED = (
    "{url} is locked by another process (a running `geokg ingest`, or a `geokg serve` of this store); "
    "wait for it to finish or stop the server, then try again"
)

#: The store's files and the engine's own failures, under every operation.
FILE_ERRORS: ErrorTable = (
    # RocksDB: "While lock file: <path>/LOCK: Resource temporarily unavailable"
    Rule(OSError, StoreLocked, _LOCKED, when=re.compile(r"[/\\]LOCK: ")),
    Rule(OSError, StoreUnavailable, "cannot use the store at {url}: {line}"),
)

#: Queries and updates (and opening, reading, dropping): pyoxigraph raises SyntaxError.
SPARQL_ERRORS: ErrorTable = (Rule(SyntaxError, QuerySyntaxError, SPARQL_SYNTAX), *FILE_ERRORS)

#: Writes: quads that do not parse (only a ``Quads`` built around foreign text has them).
WRITE_ERRORS: ErrorTable = (
    Rule(SyntaxError, StoreError, "cannot write to {url}: N-Quads syntax error: {line}"),
    *FILE_ERRORS,
)


def first_line(exc: BaseException) -> str:
    """Return the first non-empty line of an exception's message, cut before long "expected" lists."""
    line = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    head, sep, _ = line.partition(": expected one of")
    return head + (": unexpected token" if sep else "") if len(line) > 160 or sep else line


@contextmanager
def translated(url: str, table: ErrorTable) -> Iterator[None]:
    """Raise the geokg error of *table* for an engine exception raised in the block; yield nothing."""
    try:
        yield
    except GeokgError:
        raise
    except Exception as exc:
        rule = next((rule for rule in table if rule.fits(exc)), None)
        if rule is None:
            raise
        raise rule.error(rule.message.format(url=url, line=first_line(exc))) from exc
