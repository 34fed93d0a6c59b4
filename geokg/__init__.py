"""geokg: news articles -> geopolitical knowledge graph with provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import GeokgError
from .extract import extract
from .graph.store import open_store
from .model import Article, Entity, Extraction, Mention, Statement
from .ingest import IngestReport, ingest

if TYPE_CHECKING:
    from .graph.map.build import build_map as map

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Extraction", "GeokgError", "IngestReport", "Mention", "Statement", "extract", "ingest", "map", "open_store"]


def __getattr__(name: str) -> Any:
    """Return `geokg.map`, imported on first use: the map's layout libraries take most of a second to load."""
    if name != "map":
        raise AttributeError(f"module 'geokg' has no attribute {name!r}")
    from .graph.map.build import build_map

    globals()["map"] = build_map
    return build_map
