"""Tokens and sentences of one article, over folded text with original offsets; "read more" blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from functools import lru_cache

from ..lexicon.normalize import Folded
from .rules import RuleSet

_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? ؟ followed by space and not inside a number or an abbreviation;
# a line break always ends one (headlines, captions).
_SENT_END = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+|\n\s*")
# A wire dateline opening a paragraph: place, then the agency in brackets, then a dash
# ("LONDON (Reuters) - ", "دبي، الإمارات (CNN)-- "). It is a sentence of its own: its place is
# no argument of the first clause's verb.
_DATELINE = re.compile(r"[^\n()]{1,60}?\([^()\n]{1,25}\)\s*[-–—]{1,2}\s+")


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A word or punctuation mark: folded text and original span."""

    i: int
    f: str
    start: int
    end: int


class Tokens(list):
    """An article's tokens, plus their start and end offsets as plain lists for bisecting and their
    folded forms as a plain list for lookups done in C."""

    __slots__ = ("starts", "ends", "forms")

    def __init__(self, tokens: list[Token], starts: list[int] | None = None, ends: list[int] | None = None, forms: list[str] | None = None) -> None:
        super().__init__(tokens)
        self.starts = [t.start for t in tokens] if starts is None else starts
        self.ends = [t.end for t in tokens] if ends is None else ends
        self.forms = [t.f for t in tokens] if forms is None else forms


# Splitting on the tokens (captured) leaves only whitespace between them: the pieces' lengths give
# every offset without a match object per token.
_SPLIT = re.compile(f"({_TOKEN.pattern})", re.UNICODE)


def tokenize(folded: Folded) -> Tokens:
    """Return the tokens of the folded text with their original spans."""
    pieces = _SPLIT.split(folded.text)  # [space, token, space, token, ..., space]
    offsets = list(accumulate(map(len, pieces), initial=0))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    kept = folded._kept
    if kept is not None:
        starts, ends = list(map(kept.__getitem__, starts)), [kept[e - 1] + 1 for e in ends]
    forms = pieces[1::2]
    return Tokens(list(map(Token, range(len(starts)), forms, starts, ends)), starts, ends, forms)


def sentences(text: str, abbreviations: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of *text*, without surrounding space.

    A full stop after an initial ("U.S.") or one of the language's *abbreviations* ("Mr") ends none.

    >>> t = "U.S. officials met Mr. Li. وقال الوزير: 3.5 مليار دولار؟ نعم"
    >>> [t[s:e] for s, e in sentences(t, ("Mr",))]
    ['U.S. officials met Mr. Li.', 'وقال الوزير: 3.5 مليار دولار؟', 'نعم']
    >>> t = "PARIS (Reuters) - Talks began."
    >>> [t[s:e] for s, e in sentences(t)]
    ['PARIS (Reuters) -', 'Talks began.']
    """
    abbrev = _abbreviation(abbreviations)
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start()
        if "\n" not in m.group() and abbrev.search(text[max(start, end - 12):end]):
            continue
        spans.extend(_split_dateline(text, start, end))
        start = m.end()
    spans.extend(_split_dateline(text, start, len(text)))
    return spans


def _split_dateline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the stripped span [start, end) as one sentence, or two when a dateline opens it ([] when blank)."""
    if not text[start:end].strip():
        return []
    # A dateline's bracket opens within its first 61 characters: most sentences have none there.
    m = _DATELINE.match(text, start, end) if text.find("(", start, min(end, start + 61)) != -1 else None
    if m is None or m.end() >= end:
        return [_strip(text, start, end)]
    return [_strip(text, start, m.end()), _strip(text, m.end(), end)]


@lru_cache(maxsize=None)
def _abbreviation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Return the pattern of a text ending in an initial or in one of *words*, then a full stop."""
    listed = rf"\b(?:{'|'.join(map(re.escape, words))})|" if words else ""
    return re.compile(rf"(?:{listed}\b[A-Z](?:\.[A-Z])*)\.$")


def boilerplate_sentences(text: str, spans: list[tuple[int, int]], rs: RuleSet) -> set[int]:
    """Return the indexes of the sentences in a page's "read more" / "اقرأ أيضا" link block.

    Scraped pages end (or break) with headlines of other stories; what those say is not what
    this article says. The block is the header line and the short lines that follow it.
    """
    headers = rs.cues.get("boilerplate", frozenset())
    skipped: set[int] = set()
    in_block = False
    for i, (s, e) in enumerate(spans):
        line = rs.lang.fold(text[s:e]).text.strip(" :.-") if e - s <= MAX_LINK_LINE else ""  # headers are short
        if line in headers:
            in_block = True
            skipped.add(i)
        elif in_block and e - s <= MAX_LINK_LINE and "\n" not in text[s:e]:
            skipped.add(i)
        else:
            in_block = False
    return skipped


# A "read more" block holds headlines: short lines. A paragraph ends it.
MAX_LINK_LINE = 120


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) narrowed past leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
