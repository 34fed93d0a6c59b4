"""Plain text and Markdown, with optional YAML-like front matter (title, date, source, lang, author)."""

from __future__ import annotations

import re

from ..model import Article
from .base import ReadOptions, make_article

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Return the body of *text* and its front-matter fields (lower-cased keys).

    >>> split_front_matter("---\\ntitle: SCO\\n---\\nBody")
    ('Body', {'title': 'SCO'})
    """
    m = _FRONT.match(text)
    if not m:
        return text, {}
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        if key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return text[m.end():], meta


def read_text(text: str, where: str, options: ReadOptions) -> Article:
    """Return the Article in a .txt/.md text (front matter optional); raise InputError when empty."""
    body, meta = split_front_matter(text)
    return make_article(body, meta, where, options)
