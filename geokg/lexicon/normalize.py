"""Fold text for matching, keeping a map from folded offsets back to the original text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Presentation forms and compatibility characters need NFKC, which may change lengths;
# they are rare in news text, so only those articles take the slow path.
_COMPAT = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]")
# Runs of horizontal space collapse to one space so "لي  شانج" matches "لي شانج".
_SPACE_RUN = re.compile(r"(?<=[ \t\u00A0\u2000-\u200A\u202F\u3000])[ \t\u00A0\u2000-\u200A\u202F\u3000]+")
_SPACE_CHARS = {ord(c): " " for c in "\t\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u3000"}


@lru_cache(maxsize=None)
def _lower_table() -> dict[int, str]:
    """Return a translate table lower-casing every BMP letter whose lower case is one character."""
    table = {}
    for cp in range(0x41, 0x590):
        ch = chr(cp)
        low = ch.lower()
        if low != ch and len(low) == 1:
            table[cp] = low
    table[0x130] = "i"  # İ lowers to two code points; keep lengths equal
    return table


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus the deleted original offsets needed to map spans back."""

    text: str
    original: str
    _kept: tuple[int, ...] | None = None  # original offset of each folded char; None = identity

    def to_original(self, i: int) -> int:
        """Return the offset in the original text of folded offset *i* (end offsets allowed)."""
        if self._kept is None:
            return i
        return self._kept[i] if i < len(self._kept) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) for a folded span."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end - 1) + 1


def make_table(char_map: dict[str, str]) -> dict[int, str]:
    """Return a str.translate table: lower-casing, space unification and *char_map*."""
    table = dict(_lower_table())
    table.update(_SPACE_CHARS)
    table.update({ord(k): v for k, v in char_map.items()})
    return table


def fold(text: str, table: dict[int, str], delete: re.Pattern[str]) -> Folded:
    """Return *text* folded for matching with *table* after removing *delete* matches.

    >>> f = fold("وبِدمشق  Ali", make_table({}), re.compile("[\\u064B-\\u065F]"))
    >>> f.text
    'وبدمشق ali'
    >>> f.span(2, 6)
    (3, 7)
    """
    if _COMPAT.search(text):
        return _fold_slow(text, table, delete)
    cuts = [m.span() for m in delete.finditer(text)]
    # _SPACE_RUN's classes hold every character _SPACE_CHARS maps to a space: no need to map them first.
    cuts += [m.span() for m in _SPACE_RUN.finditer(text)]
    if not cuts:
        return Folded(_translate(text, table), text)
    cuts.sort()
    # Keep what lies between the cuts; ranges and slices keep the per-character work in C.
    kept: list[int] = []
    pieces: list[str] = []
    pos = 0
    for start, end in cuts:
        if start > pos:
            kept.extend(range(pos, start))
            pieces.append(text[pos:start])
        pos = max(pos, end)
    kept.extend(range(pos, len(text)))
    pieces.append(text[pos:])
    return Folded(_translate("".join(pieces), table), text, tuple(kept))


def _translate(text: str, table: dict[int, str]) -> str:
    """Return ``text.translate(table)``, replacing only the characters *table* changes when *text* is not ASCII.

    str.translate looks every character up in the table unless the text is ASCII; in Arabic
    text, or English with typographic quotes, few characters change, and replacing just
    those is several times faster.
    """
    if text.isascii():
        return text.translate(table)
    changed, by_char = _changes(table)
    # Split on the changed characters (captured) and map every second piece: no Python call per character.
    pieces = changed.split(text)
    pieces[1::2] = map(by_char.__getitem__, pieces[1::2])
    return "".join(pieces)


def _changes(table: dict[int, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a pattern matching the characters *table* maps, and character -> replacement (once per table)."""
    cached = _CHANGES.get(id(table))
    if cached is None or cached[0] is not table:
        pattern = re.compile("([" + "".join(re.escape(chr(k)) for k in sorted(table)) + "])")
        cached = _CHANGES[id(table)] = (table, pattern, {chr(k): v for k, v in table.items()})
    return cached[1], cached[2]


#: id(table) -> (table, pattern, replacements); the table is kept so its id stays its own.
_CHANGES: dict[int, tuple[dict[int, str], re.Pattern[str], dict[str, str]]] = {}


def _fold_slow(text: str, table: dict[int, str], delete: re.Pattern[str]) -> Folded:
    """Return the folding of text with compatibility characters, mapping each char explicitly."""
    out: list[str] = []
    kept: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if delete.fullmatch(ch):
            continue
        norm = unicodedata.normalize("NFKC", ch) if _COMPAT.match(ch) else ch
        for c in norm:
            if delete.fullmatch(c):
                continue
            c = c.translate(table)
            if c == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            kept.append(i)
    return Folded("".join(out), text, tuple(kept))
