"""Articles from a path or a string: the entry points over the per-format readers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .base import ReadFailure, ReadOptions
from .files import read_file
from .text import read_text


def read_path(path: Path, lang: str | None = None, options: ReadOptions | None = None) -> Iterator[Article | ReadFailure]:
    """Yield the articles in one file, or a ReadFailure per unreadable file, feed item or JSON line."""
    opts = options or ReadOptions(lang=lang)
    for item in read_file(Path(path), opts):
        yield item if isinstance(item, ReadFailure) else item.article


def from_text(text: str, source: str, lang: str | None = None, *, html: bool = False) -> Article:
    """Return an Article from plain text, Markdown with front matter, or HTML; raise InputError when empty."""
    from .html import read_html

    options = ReadOptions(lang=lang)
    if html:
        return read_html(text, source, options).article
    if not text.strip():
        raise InputError("empty article (no text)")
    return read_text(text, source, options)
