"""geokg: news articles -> geopolitical knowledge graph with provenance."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import GeokgError
from .model import Article, Entity, Extraction, Mention, Statement

if TYPE_CHECKING:
    from .extract import extract
    from .graph.map.build import build_map as map
    from .graph.store import open_store
    from .ingest import IngestReport, ingest

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Extraction", "GeokgError", "IngestReport", "Mention", "Statement", "extract", "ingest", "map", "open_store"]

# The rest of the API is imported on first use, so that `import geokg` and every command start
# without loading the extraction tables, the store or the map's layout libraries.
_LAZY = {
    "extract": ("geokg.extract", "extract"),
    "open_store": ("geokg.graph.store", "open_store"),
    "map": ("geokg.graph.map.build", "build_map"),
    "ingest": ("geokg.ingest", "ingest"),
    "IngestReport": ("geokg.ingest", "IngestReport"),
}


def __getattr__(name: str) -> Any:
    """Return a public name of the package, importing its module on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'geokg' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(module), attr)
    globals()[name] = value  # importing geokg.ingest set the attribute to the module: the function wins
    return value
