"""Name finding: the automaton's mentions are exactly those of a word-by-word reading of the text.

The reference below looks every pattern up with ``str.find``, lists the text's words, and applies
the rules as they are stated: a name begins a word or follows proclitics inside one, ends a word
or adds an ending the language allows, keeps the entries its proclitics and its case allow, and
among overlapping matches the longest, then the earliest, wins.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest

from geokg.extract import load_gazetteer
from geokg.extract.mentions import NameIndex, _article_start, _prefix_ok, _suffixes
from geokg.extract.names import name_index
from geokg.extract.rules import load_ruleset
from geokg.lexicon.normalize import Folded

_WORD = re.compile(r"\w+")


def reference_find(index: NameIndex, folded: Folded) -> list[tuple[int, int, str, tuple]]:
    """Return (start, end, surface, entries) of the mentions in *folded*, found the slow, plain way."""
    text, rules = folded.text, index.rules
    words = [m.span() for m in _WORD.finditer(text)]
    clitics = rules.plain_prefixes | rules.article_prefixes | rules.verb_prefixes
    found = []
    for idx, pattern in enumerate(index.patterns):
        s = text.find(pattern)
        while s != -1:
            found += _reading(index, folded, words, clitics, idx, s, s + len(pattern))
            s = text.find(pattern, s + 1)
    # The automaton reports matches by end, the longest first: the order that breaks exact ties.
    found.sort(key=lambda f: (f[0], -f[1]))
    ranked = sorted(((o_start - o_end, o_start, n, o_end, cands) for n, (_, _, o_start, o_end, cands) in enumerate(found)))
    chosen: list[tuple[int, int, tuple]] = []
    for _, o_start, _, o_end, cands in ranked:
        if all(o_end <= s or e <= o_start for s, e, _ in chosen):
            chosen.append((o_start, o_end, cands))
    return [(s, e, folded.original[s:e], cands) for s, e, cands in sorted(chosen, key=lambda c: c[0])]


def _reading(index: NameIndex, folded: Folded, words, clitics, idx: int, s: int, e: int) -> list:
    """Return [(folded end, pattern length, original start, original end, entries)] for a match at folded [s, e), or []."""
    text, rules = folded.text, index.rules
    word = next(((a, b) for a, b in words if a <= s < b), None)
    if word is None or text[word[0] : s] not in clitics:
        return []  # not a word's start, nor after proclitics only
    start_of_word, prefix = word[0], text[word[0] : s]
    cands = index.candidates[idx]
    end = e
    if e < len(text) and text[e].isalnum():  # the match stops inside a word: its ending must be allowed
        k = max(b for a, b in words if a <= e - 1)
        cands = tuple(c for c in cands if c.open_end or text[e:k] in _suffixes(rules, c))
        if cands and all(c.open_end for c in cands):
            end = k
    if prefix:
        cands = tuple(c for c in cands if _prefix_ok(prefix, c, rules))
    o_start, o_end = folded.span(s, end)
    if any(c.had_article for c in cands):
        art = _article_start(prefix, rules)
        if art is not None:
            o_start = folded.to_original(start_of_word + art)
    surface = folded.original[o_start:o_end]
    cands = tuple(c for c in cands if not c.cased or rules.accept_surface(surface, c.name, c.form))
    return [(e, e - s, o_start, o_end, cands)] if cands else []


#: Words glued before and after names, punctuation and filler, per language.
GLUE = {
    "ar": {
        "before": ["", "", "و", "ب", "ل", "وب", "ال", "وال", "بال", "لل", "س", "وس", "لي", "م", "ت", "كتاب"],
        "after": ["", "", "", "ا", "ه", "ها", "هم", "ات", "ين", "ية", "ي"],
        "filler": ["في", "من", "الى", "قال", "الوزير", "امس", "اليوم", "2024", "مع"],
        "marks": ["", "", "", "َ", "ـ", "ّ"],  # harakat and tatweel: folding drops them
    },
    "en": {
        "before": ["", "", "", "pre", "un", "x"],
        "after": ["", "", "", "s", "ian", "'s", "n", "ese"],
        "filler": ["in", "the", "of", "said", "minister", "on", "Monday", "2024", "with"],
        "marks": [""],
    },
}
PUNCTUATION = [" ", " ", " ", "  ", ", ", ". ", " - ", "-", " (", ") ", " «", "» ", "\n", "_", "'"]


def generated_text(rnd: random.Random, names: list[str], lang: str, words: int = 40) -> str:
    """Return a text of *words* pieces: names (whole, cut, cased or nested in others) among filler."""
    glue = GLUE[lang]
    pieces = []
    for _ in range(words):
        if rnd.random() < 0.6:
            name = rnd.choice(names)
            if rnd.random() < 0.2:
                name = name[: rnd.randrange(1, len(name) + 1)]  # cut short: a prefix of a name
            if lang == "en":
                name = rnd.choice([name, name.upper(), name.lower(), name.title()])
            else:
                k = rnd.randrange(len(name) + 1)
                name = name[:k] + rnd.choice(glue["marks"]) + name[k:]
            pieces.append(rnd.choice(glue["before"]) + name + rnd.choice(glue["after"]))
        else:
            pieces.append(rnd.choice(glue["filler"]))
        pieces.append(rnd.choice(PUNCTUATION))
    return "".join(pieces)


@lru_cache(maxsize=None)
def _names(lang: str, table: str) -> list[str]:
    """Return names written as in the gazetteer or the rule tables: nested and overlapping ones abound."""
    gaz = load_gazetteer()
    rs = load_ruleset(lang)
    if table == "gazetteer":
        entries = sorted({name for _, name, _ in gaz.names.get(lang, ())})
        # Frequent names and those holding others ("United States", "United States Army").
        return random.Random(7).sample(entries, 400) + [n for n in entries if n.split()[0] in ("United", "South", "North", "الولايات", "جمهورية", "المملكة")][:200]
    rows = {"triggers": [t.phrase for t in rs.triggers], "roles": [r.phrase for r in rs.roles]}[table]
    return [p.rstrip("*") for p in random.Random(7).sample(rows, min(300, len(rows)))]


def _index(lang: str, table: str) -> NameIndex:
    """Return the index the extraction scans for *table* in *lang*."""
    rs = load_ruleset(lang)
    return {"gazetteer": lambda: name_index(load_gazetteer(), lang), "triggers": lambda: rs.trigger_index, "roles": lambda: rs.role_index}[table]()


@pytest.mark.parametrize("table", ["gazetteer", "triggers", "roles"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_finder_returns_the_mentions_of_a_word_by_word_reading(lang, table):
    index, rules, rnd = _index(lang, table), load_ruleset(lang).lang, random.Random(f"{lang}-{table}")
    names = _names(lang, table)
    for _ in range(60):
        folded = rules.fold(generated_text(rnd, names, lang))
        found = [(m.start, m.end, m.surface, m.candidates) for m in index.find(folded)]
        assert found == reference_find(index, folded), folded.original


@pytest.mark.parametrize(
    ("lang", "text", "surfaces"),
    [
        ("en", "Saudi Arabia and South Korea met.", ["Saudi Arabia", "South Korea"]),  # the longest name, not "Arabia"
        ("en", "Iranian and Iran, but not Iranx or preIran.", ["Iranian", "Iran"]),  # word edges
        # Proclitics before the article stay out of the span; the article stays in, even as لل.
        ("ar", "وبالصين والولايات المتحدة وللسعودية", ["الصين", "الولايات المتحدة", "لسعودية"]),
    ],
)
def test_finder_keeps_whole_words_and_the_longest_name(lang, text, surfaces):
    index = name_index(load_gazetteer(), lang)
    assert [m.surface for m in index.find(load_ruleset(lang).lang.fold(text))] == surfaces
