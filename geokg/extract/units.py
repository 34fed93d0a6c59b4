"""Actor units: entity references laid over the token stream, with markers and coordination."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .document import Token, Tokens

@dataclass(slots=True)
class Unit:
    """A run of tokens that refers to one actor, or to several (a pair anaphor, a dual role)."""

    t0: int  # first token index
    t1: int  # one past the last token
    start: int  # original offsets
    end: int
    entity_ids: tuple[str, ...]
    kind: str
    form: str = "name"  # name | demonym | capital | role | pair | coref | surname
    marker: str = ""  # folded preposition (or proclitic) governing the unit; "" = none
    absorbed: bool = False  # part of a larger unit (demonym inside a role phrase)
    group: int = -1  # coordination group id
    sentence: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        """Return the first (usually only) entity id."""
        return self.entity_ids[0]


def token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int]:
    """Return the [t0, t1) token indexes covering the original span [start, end)."""
    t0 = bisect_right(tokens.ends, start)
    t1 = bisect_left(tokens.starts, end, lo=t0)
    return t0, (t1 if t1 > t0 else t0 + 1)  # max(t1, t0 + 1) without a call: this runs for every match


def across_lines(text: str, before: Token, after: Token) -> bool:
    """Return whether a line break separates two tokens (a headline's last word and the body)."""
    return "\n" in text[before.end : after.start]


def proclitic_marker(token: Token, mention_start: int, folded_prefix: str, conj: frozenset[str], article: str) -> str:
    """Return the prepositional proclitic (ب ل ك) fused to a mention's word, or ""."""
    if mention_start <= token.start:
        return ""
    prefix = folded_prefix
    while prefix and prefix[0] in conj:
        prefix = prefix[1:]
    if article and prefix.endswith(article):
        prefix = prefix[: -len(article)]
    return prefix[:1] if prefix else ""
