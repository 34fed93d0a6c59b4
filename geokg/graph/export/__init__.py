"""Export the whole knowledge graph in one RDF serialisation, or in a format for other tools."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from .catalogue import ALL_FORMATS, EXPORT_FORMATS, INTERCHANGE_FORMATS

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["ALL_FORMATS", "EXPORT_FORMATS", "INTERCHANGE_FORMATS", "export"]


def export(store: Store, out: BinaryIO, fmt: str) -> None:
    """Write every article in *store* to the binary stream *out* as *fmt* (a key of ALL_FORMATS); return None."""
    ALL_FORMATS.write(fmt, store, out)
