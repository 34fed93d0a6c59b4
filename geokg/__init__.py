"""geokg: news articles -> geopolitical knowledge graph with provenance."""

from .errors import GeokgError
from .extract import extract
from .graph.store import open_store
from .graph.map.build import build_map as map
from .model import Article, Entity, Extraction, Mention, Statement
from .ingest import IngestReport, ingest

__version__ = "0.1.0"

__all__ = ["Article", "Entity", "Extraction", "GeokgError", "IngestReport", "Mention", "Statement", "extract", "ingest", "map", "open_store"]
