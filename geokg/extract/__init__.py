"""Extraction: article text -> linked entities and typed statements (no graph code here)."""

from .extractor import EXTRACTOR_VERSION, extract
from ..lexicon.gazetteer import Gazetteer, load_gazetteer

__all__ = ["EXTRACTOR_VERSION", "Gazetteer", "extract", "load_gazetteer"]
