"""English spellings for people's names written in another script, for people no list knows.

A word the gazetteer spells in both scripts for some person ("محمد" -> "Mohammed") is spelt
that way; other words go letter by letter with the language's table ([romanise] in
lexicon/data/lang/<code>.toml): consonants, long-vowel letters read as vowels between
consonants and as glides elsewhere, and the article written "al-".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from .gazetteer import Gazetteer
from .lang import get_rules
from .phonetic import loose, skeleton, phonetic_key


def romanise(name: str, lang: str, known: dict[str, str] | None = None) -> str:
    """Return an English spelling of *name* written in *lang* ("" when the language has no table).

    >>> romanise("سيسا غومباني", "ar"), romanise("عوض بن تشوي", "ar")
    ('Sisa Ghumbani', 'Awd bin Chuy')
    """
    table = get_rules(lang).data.get("romanise")
    if not table:
        return ""
    fold = get_rules(lang).fold_name
    fixed = {fold(k): v for k, v in table.get("words", {}).items()}
    words = ["-".join(fixed.get(fold(p)) or (known or {}).get(fold(p)) or _spell(p, table) for p in w.split("-")) for w in name.split()]
    return " ".join(w for w in words if w.strip("-"))


def _spell(word: str, table: dict) -> str:
    """Return one word spelt letter by letter: the article as "al-", vowel letters by their neighbours."""
    out = ""
    article = table.get("article", "")
    if article and word.startswith(article) and len(word) > len(article) + 1:
        return "al-" + _spell(word[len(article):], table)
    letters, vowels, glides = table["letters"], table["vowels"], table.get("glides", {})
    after_consonant = False  # whether the sound before is a consonant (a glide is one)
    for i, ch in enumerate(word):
        pair = word[i - 1 : i + 1] if i else ""
        if pair in table.get("digraphs", {}):
            out = out[: -len(letters.get(word[i - 1], ""))] + table["digraphs"][pair]
            after_consonant = True
        elif i == 0 and ch in table.get("initial", {}):
            out += table["initial"][ch]
        elif ch in vowels and (after_consonant or ch not in glides):
            out += vowels[ch]
            after_consonant = False
        elif ch in glides:
            out += glides[ch]
            after_consonant = True
        else:
            out += letters.get(ch, "")
            after_consonant = ch not in table.get("silent", ())
    return out[:1].upper() + out[1:] if not out.startswith("al-") else out


@lru_cache(maxsize=8)
def name_words(gaz: Gazetteer, lang: str) -> dict[str, str]:
    """Return folded word in *lang* -> its usual English spelling, from people whose names the gazetteer has in both.

    Words pair by position when both names have as many words and each pair sounds alike.
    """
    fold = get_rules(lang).fold_name
    seen: dict[str, Counter] = defaultdict(Counter)
    for ent in gaz.entities.values():
        if ent.kind != "person":
            continue
        labels = dict(ent.labels)
        mine, english = labels.get(lang, "").split(), labels.get("en", "").split()
        if not mine or len(mine) != len(english):
            continue
        for a, b in zip(mine, english):
            key = phonetic_key(a, lang)
            if loose(key[0] if key else "") == loose(skeleton(b)) and b[:1].isupper():
                seen[fold(a)][b] += 1
    return {w: c.most_common(1)[0][0] for w, c in seen.items()}
