"""Readers: one module per input format, all yielding ReadArticle or ReadFailure."""

from .articles import from_text, read_path
from .base import DEFAULT_FIELDS, MAX_ARTICLE_BYTES, ReadArticle, ReadFailure, ReadOptions, parse_date
from .decode import decode, detect_encoding
from .files import (
    FORMATS, STDIN, SUFFIXES, FileUnit, LinesUnit, TextUnit, Unit, iter_paths, iter_units, read_bytes, read_file, read_unit,
)
from .text import read_text

__all__ = [
    "DEFAULT_FIELDS", "FORMATS", "MAX_ARTICLE_BYTES", "STDIN", "SUFFIXES", "FileUnit", "LinesUnit", "ReadArticle",
    "ReadFailure", "ReadOptions", "TextUnit", "Unit", "decode", "detect_encoding", "iter_paths", "iter_units",
    "from_text", "parse_date", "read_bytes", "read_file", "read_path", "read_text", "read_unit",
]
