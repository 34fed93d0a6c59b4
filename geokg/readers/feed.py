"""RSS and Atom feed files: one article per item, its HTML content reduced to text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from .base import ReadArticle, ReadFailure, ReadOptions, make_article

_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)
_DECLARED = re.compile(r"\A(\ufeff?<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']")


def is_feed(text: str) -> bool:
    """Return True when *text* opens like an RSS or Atom document."""
    return bool(_ROOT.search(text[:2048]))


def _item_text(entry: dict) -> str:
    """Return the plain text of a feed entry: full content if given, else its summary."""
    import trafilatura

    parts = [c.get("value", "") for c in entry.get("content") or []] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if "<" not in html:
        return html
    return trafilatura.html2txt(f"<html><body>{html}</body></html>") or ""


def read_feed(text: str, where: str, options: ReadOptions) -> Iterator[ReadArticle | ReadFailure]:
    """Yield one article per RSS/Atom item, or a failure per item without text."""
    import io

    import feedparser

    # Hand feedparser bytes in a stream, never a str (which it may take for a URL or a path to
    # fetch); the text is already decoded, so its XML declaration must not name another charset.
    body = _DECLARED.sub(r"\1", text, count=1).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-type": "application/xml; charset=utf-8"})
    if not parsed.entries:
        reason = f"not a readable RSS/Atom feed ({parsed.bozo_exception})" if parsed.bozo else "feed has no items"
        yield ReadFailure(where, reason)
        return
    lang = (parsed.feed.get("language") or "")[:2]
    for i, entry in enumerate(parsed.entries, start=1):
        at = f"{where}#{i}"
        meta = {
            "title": entry.get("title", ""),
            "url": entry.get("link", ""),
            "author": entry.get("author", ""),
            "date": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "lang": lang,
        }
        try:
            yield ReadArticle(at, make_article(_item_text(entry), {k: v for k, v in meta.items() if v}, at, options))
        except InputError as exc:
            yield ReadFailure(at, "feed item has no text" if "empty" in str(exc) else str(exc))


def _iso(parsed: object) -> str:
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else ""
