"""Phonetic keys of people's names: one name spelt in Arabic or Latin letters gets one key.

"سليمان صويلو", "Süleyman Soylu" and "Suleyman Soilu" all key to ("slmn", "sl"): each word is
taken to Latin letters (the language's own table), spelling variants of one sound are merged
and vowels, glides and doubled letters dropped. Word joins and articles are language data
([phonetic] in lexicon/data/lang/<code>.toml): "عبد الحميد" and "Abdulhamit" are one word,
"داود أوغلو" and "Davutoğlu" too, and "al-"/"ال" before a name word is not part of it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lang import get_rules

# Latin letters a diacritic does not just decorate: Turkish ş/ç are "sh"/"ch", dotless ı an i.
# Arabic writes Turkish ç (a "ch") with ج, so it keys as j.
_LATIN = str.maketrans({"ş": "sh", "ç": "j", "ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "đ": "d", "ł": "l"})
# Latin spellings of one sound, longest first ("tsh" ~ "ch"); "C" marks the ch/sh sound.
_DIGRAPHS = (("tsh", "C"), ("tch", "C"), ("ch", "C"), ("sh", "C"), ("ts", "s"), ("tz", "s"), ("th", "t"), ("dh", "d"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("ck", "k"))
# Letters merged with the one most scripts write for them; vowels, glides and marks dropped.
_MERGE = str.maketrans({"q": "k", "c": "k", "z": "s", "j": "g", "v": "f", "p": "b", "x": "k", "d": "t", **{v: None for v in "aeiouywh'’`ʻʼ.-"}})
_SPLIT = re.compile(r"[\s\-‐‑]+")


def skeleton(latin: str) -> str:
    """Return the consonant skeleton of one Latin-script word ("Ghandour", "ghndwr" -> "gntr").

    >>> skeleton("Ghandour"), skeleton("ghndwr"), skeleton("Kurz"), skeleton("kwrts"), skeleton("Chalabi"), skeleton("tshlby")
    ('gntr', 'gntr', 'krs', 'krs', 'Clb', 'Clb')
    """
    word = unicodedata.normalize("NFKD", latin.lower().translate(_LATIN))
    word = "".join(c for c in word if not unicodedata.combining(c))
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = word.translate(_MERGE)
    return "".join(c for i, c in enumerate(word) if c.isalpha() and (i == 0 or c != word[i - 1]))


@lru_cache(maxsize=8192)
def phonetic_key(name: str, lang: str) -> tuple[str, ...]:
    """Return the skeleton of each word of *name* written in *lang*, joined words merged, empty ones left out."""
    rules = get_rules(lang)
    data = rules.data.get("phonetic", {})
    table = _letters(lang)
    words = [w for w in _SPLIT.split(rules.fold_name(name)) if w and w not in data.get("dropped", ())]
    joined: list[str] = []
    glue = False
    for w in words:
        if joined and (glue or w in data.get("joined_after", ())):
            joined[-1] += w
        else:
            joined.append(_without_article(w, data.get("article", "")))
        glue = w in data.get("joined_before", ())
    return tuple(k for w in joined if (k := skeleton(w.translate(table))))


def _without_article(word: str, article: str) -> str:
    """Return *word* without a leading definite article when a name word of two letters or more remains."""
    if article and word.startswith(article) and len(word) >= len(article) + 2:
        return word[len(article):]
    return word


@lru_cache(maxsize=None)
def _letters(lang: str) -> dict[int, str]:
    """Return the translate table taking *lang*'s letters to Latin ones (empty for Latin scripts)."""
    return str.maketrans(get_rules(lang).data.get("ids", {}).get("translit", {}))


def sounds_like(written: tuple[str, ...], known: tuple[str, ...], *, strict: bool = False) -> bool:
    """Return whether a name written as key *written* may be the name with key *known*.

    The last words (surnames) must be equal and the first words must begin alike; *strict*
    (no state narrows the candidates) also wants every written word in the known name, in order.
    """
    if len(written) < 2 or len(known) < 2 or loose(written[-1]) != loose(known[-1]) or written[0][:2] != known[0][:2]:
        return False
    if not strict:
        return True
    rest = iter(known)
    return all(any(loose(w) == loose(k) for k in rest) for w in written)


@lru_cache(maxsize=8192)
def loose(key: str) -> str:
    """Return a word's skeleton without f, which Arabic writes for v as well as و ("Davut" ~ "داود", "Lavrov" ~ "لافروف")."""
    word = key.replace("f", "")
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])
