"""HTML pages: main text and title/date/author/URL metadata by trafilatura; truncation noticed."""

from __future__ import annotations

import re

from ..errors import InputError
from .base import ReadArticle, ReadOptions, make_article

_END = re.compile(r"</(html|body)\s*>\s*\Z", re.I)
_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2})", re.I)


def read_html(html: str, where: str, options: ReadOptions) -> ReadArticle:
    """Return the article in an HTML page, with a warning when the page is cut off."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False
    )
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        # Short pages can fall under trafilatura's main-text thresholds: keep all visible text.
        text = trafilatura.html2txt(html) or ""
    truncated = not _END.search(html[-4096:])
    if not text.strip():
        raise InputError("truncated HTML with no article text" if truncated else "HTML page has no article text")
    meta: dict[str, str] = {}
    if doc is not None:
        for key, value in (("title", doc.title), ("date", doc.date), ("author", doc.author), ("url", doc.url)):
            if value:
                meta[key] = str(value)
    m = _LANG.search(html[:4096])
    if m:
        meta["lang"] = m.group(1)
    warnings = ("truncated HTML (no closing </html> tag); ingested the text before the cut",) if truncated else ()
    return ReadArticle(where, make_article(text.strip() + "\n", meta, where, options), warnings)
