"""English: case-sensitive acceptance of matches on top of case-folded matching."""

from __future__ import annotations

from functools import lru_cache

from .base import load_rules


# Memoised like folded names: the same names recur in article after article, and every match of
# a capitalised name is checked.
@lru_cache(maxsize=1 << 16)
def accept_surface(surface: str, name: str, form: str) -> bool:
    """Return whether *surface* is written the way a proper-name use of *name* would be.

    Acronyms must match case exactly ("US" is not "us"); other names need each capitalised
    word of the name capitalised in the text ("Turkey", not "turkey"), except in all-caps text.

    >>> accept_surface("US", "US", "abbr"), accept_surface("us", "US", "abbr")
    (True, False)
    >>> accept_surface("turkey", "Turkey", "label"), accept_surface("TURKEY", "Turkey", "label")
    (False, True)
    """
    if form == "abbr" or (name.isupper() and len(name) <= 5):
        return surface.replace(" ", "") == name.replace(" ", "")
    if surface.isupper() and len(surface) > 3:
        return True
    words, want = surface.split(), name.split()
    if len(words) != len(want):
        return surface[:1].isupper() or not name[:1].isupper()
    return all(not w[:1].isupper() or s[:1].isupper() for s, w in zip(words, want))


RULES = load_rules("en", accept_surface=accept_surface)
