"""Extraction: article text -> linked entities and typed statements (no graph code here)."""

from ..callable_module import callable_module
from .extractor import EXTRACTOR_VERSION, extract
from ..lexicon.gazetteer import Gazetteer, load_gazetteer

__all__ = ["EXTRACTOR_VERSION", "Gazetteer", "extract", "load_gazetteer"]

callable_module(__name__, extract)
