"""Extract a very long text in paragraph-aligned parts, so that time stays linear in its length.

News articles are a few thousand characters; the rules compare the units of one article with
each other, which is cheap there and quadratic on a book-length text (a whole feed pasted into
one file). Beyond SEGMENT_CHARS a text is cut at paragraph ends (else sentence ends, else
spaces) into parts of at most that size, each part is extracted as an article of its own with
the same metadata, and the parts' results are put back together at their offsets. What a part
loses is context from earlier parts: a pronoun or "the two countries" whose antecedents are in
the previous part, and the opening's dateline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Article, Entity, Extraction

#: Texts up to this many characters are extracted whole (every real article we have seen is).
SEGMENT_CHARS = 20_000

_CUTS = ("\n\n", "\n", ". ", "。", "؟ ", "? ", " ")  # preferred cut points, best first


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """Return (start, end) spans covering *text* in order, each at most *limit* characters."""
    spans, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(c) + len(c) for c in _CUTS if window.rfind(c) > limit // 2), limit)
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def extract_in_parts(article: Article, extract_one: Callable[[Article], Extraction], limit: int = SEGMENT_CHARS) -> Extraction:
    """Return the extraction of *article*, made part by part when its text is longer than *limit*."""
    if len(article.text) <= limit:
        return extract_one(article)
    entities: dict[str, Entity] = {}
    mentions, statements = [], []
    for start, end in segments(article.text, limit):
        part = extract_one(replace(article, text=article.text[start:end]))
        for ent in part.entities:
            entities.setdefault(ent.id, ent)
        mentions += [replace(m, start=m.start + start, end=m.end + start) for m in part.mentions]
        statements += [replace(s, start=s.start + start, end=s.end + start) for s in part.statements]
    return Extraction(article, tuple(entities.values()), tuple(mentions), tuple(statements))
