"""Tokens and sentences of one article, over folded text with original offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.normalize import Folded

_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? ؟ followed by space and not inside a number or an abbreviation;
# a line break always ends one (headlines, captions).
_SENT_END = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+|\n\s*")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|Prof|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx)|\b[A-Z](?:\.[A-Z])*)\.$")


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A word or punctuation mark: folded text and original span."""

    i: int
    f: str
    start: int
    end: int


class Tokens(list):
    """An article's tokens, plus their start and end offsets as plain lists for bisecting."""

    __slots__ = ("starts", "ends")

    def __init__(self, tokens: list[Token]) -> None:
        super().__init__(tokens)
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]


def tokenize(folded: Folded) -> Tokens:
    """Return the tokens of the folded text with their original spans."""
    kept = folded._kept
    if kept is None:
        return Tokens([Token(i, m.group(), m.start(), m.end()) for i, m in enumerate(_TOKEN.finditer(folded.text))])
    return Tokens([Token(i, m.group(), kept[m.start()], kept[m.end() - 1] + 1) for i, m in enumerate(_TOKEN.finditer(folded.text))])


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of *text*, without surrounding space.

    >>> t = "U.S. officials met. وقال الوزير: 3.5 مليار دولار؟ نعم"
    >>> [t[s:e] for s, e in sentences(t)]
    ['U.S. officials met.', 'وقال الوزير: 3.5 مليار دولار؟', 'نعم']
    """
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start()
        if "\n" not in m.group() and _ABBREV.search(text[max(start, end - 12):end]):
            continue
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) narrowed past leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
