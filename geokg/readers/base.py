"""What every reader hands on: options, a read article with where it came from, or a failure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..lexicon.lang import detect_language
from ..model import Article

#: JSON field names tried for each article attribute, first match wins; --field overrides one.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "date": ("date", "published", "pubDate"),
    "url": ("url", "source", "link"),
    "lang": ("lang", "language"),
    "author": ("author",),
}
#: One article larger than this is refused: news articles are kilobytes, not megabytes.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: forced language and encoding, JSON field names, size limit."""

    lang: str | None = None
    encoding: str | None = None
    fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    max_bytes: int = MAX_ARTICLE_BYTES

    def with_fields(self, overrides: dict[str, str]) -> ReadOptions:
        """Return these options with the JSON field names in *overrides* (attribute -> field) first."""
        unknown = sorted(set(overrides) - set(DEFAULT_FIELDS))
        if unknown:
            from ..errors import InputError

            raise InputError(f"unknown article field {unknown[0]!r} (known: {', '.join(DEFAULT_FIELDS)})")
        fields = dict(self.fields)
        for key, name in overrides.items():
            fields[key] = (name,)
        return ReadOptions(self.lang, self.encoding, fields, self.max_bytes)


@dataclass(frozen=True, slots=True)
class ReadArticle:
    """An article and where it was read (file, file:line or file#item), with reader warnings."""

    where: str
    article: Article
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into an article: where and why."""

    where: str
    reason: str


def size_text(size: int) -> str:
    """Return a byte count as messages write it: MB, or KB under one MB (1 MB = 2**20 bytes).

    >>> size_text(20 * 2**20), size_text(512 * 2**10)
    ('20 MB', '512 KB')
    """
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"


def parse_date(value: str) -> date | None:
    """Return the first ISO date (YYYY-MM-DD) in *value*, or None.

    >>> parse_date("2024-07-04T10:00:00Z")
    datetime.date(2024, 7, 4)
    """
    m = _DATE.search(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def make_article(text: str, meta: dict[str, str], where: str, options: ReadOptions) -> Article:
    """Return an Article from *text* and its metadata (title, date, url/source, lang, author)."""
    from ..errors import InputError

    if not text.strip():
        raise InputError("empty article (no text)")
    title = meta.get("title") or next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:200]
    return Article(
        text=text,
        lang=options.lang or (meta.get("lang") or "")[:2].lower() or detect_language(text),
        title=title,
        source=meta.get("source") or meta.get("url") or where,
        published=parse_date(meta.get("date", "")),
        author=meta.get("author", ""),
    )
