"""Find gazetteer names in folded text: Aho-Corasick scan, clitic-aware boundaries, longest match."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import ahocorasick_rs

from ..lexicon.lang.base import LanguageRules, accept_any
from ..lexicon.normalize import Folded

# A form's rank breaks ties when one name belongs to several entities (lower wins).
FORM_RANK = {"label": 0, "alias": 1, "abbr": 2, "surname": 3, "capital": 4, "demonym": 5}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a pattern stands for."""

    entity_id: str
    form: str
    name: str  # as written in the gazetteer, for surface checks
    had_article: bool
    any_prefix: bool = False  # triggers: article optional, clitics allowed either way
    open_end: bool = False  # triggers written "stem*": any continuation of the word
    cased: bool = False  # the language's surface check can reject it (English "US", "Turkey")


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class RawMention:
    """A matched span (original offsets) and the entries it may refer to."""

    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]


class NameIndex:
    """An Aho-Corasick automaton over the folded names of one language."""

    def __init__(self, rules: LanguageRules, entries: list[tuple[str, str, str]], *, triggers: bool = False):
        self.rules = rules
        self._clitics = rules.plain_prefixes | rules.article_prefixes | rules.verb_prefixes
        by_pattern: dict[str, list[Candidate]] = {}
        for eid, name, form in entries:
            open_end = triggers and name.endswith("*")
            folded = rules.fold_name(name.rstrip("*"))
            if len(folded) < 2:
                continue
            stem, had_article = rules.split_article(folded)
            # A lower-case name passes any case check ("met" at a sentence start is still "met").
            cased = rules.accept_surface is not accept_any and (form == "abbr" or name != name.lower())
            cand = Candidate(eid, form, name, had_article, triggers, open_end, cased)
            bucket = by_pattern.setdefault(stem, [])
            if cand not in bucket:
                bucket.append(cand)
        self.patterns = list(by_pattern)
        self.candidates = [tuple(sorted(by_pattern[p], key=lambda c: FORM_RANK.get(c.form, 9))) for p in self.patterns]
        self.cased = [any(c.cased for c in cands) for cands in self.candidates]
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard) if self.patterns else None

    def find(self, folded: Folded, among: AbstractSet[str] | None = None) -> list[RawMention]:
        """Return non-overlapping mentions in *folded*, longest first, in text order.

        With *among*, only entries of those entities count (and compete for the longest match).
        """
        if self._ac is None:
            return []
        text = folded.text
        rules = self.rules
        starts, ends = word_bounds(folded)
        clitics = self._clitics
        hits: list[tuple[int, int, tuple[Candidate, ...]]] = []
        for idx, s, e in self._ac.find_matches_as_indexes(text, overlapping=True):
            cands = self.candidates[idx]
            if among is not None:
                cands = tuple(c for c in cands if c.entity_id in among)
                if not cands:
                    continue
            w = bisect_right(starts, s) - 1
            if w < 0 or ends[w] <= s:
                continue  # the match starts on punctuation or space
            if s > starts[w] and text[starts[w]:s] not in clitics:
                continue  # inside a word ("un" in "fund"), the common case: rejected before any other check
            word_end = ends[w]
            # Right edge: the name must end a word (Arabic suffixes are listed in the data);
            # open-ended triggers take the rest of the word. Multi-word names end in a later word.
            if e < len(text) and text[e].isalnum():
                k = ends[bisect_right(starts, e - 1) - 1] if e > word_end else word_end
                tail = text[e:k]
                cands = tuple(c for c in cands if c.open_end or tail in _suffixes(rules, c))
                if not cands:
                    continue
                if all(c.open_end for c in cands):
                    e = k
            # Left edge: the word may begin with proclitics, checked against the name's article.
            t = starts[w]
            prefix = text[t:s]
            if prefix:
                cands = tuple(c for c in cands if _prefix_ok(prefix, c, rules))
                if not cands:
                    continue
            o_start, o_end = folded.span(s, e)
            if any(c.had_article for c in cands):
                # Include the article (not conjunctions or prepositions) in the surface span.
                art = _article_start(prefix, rules)
                if art is not None:
                    o_start = folded.to_original(t + art)
            surface = folded.original[o_start:o_end]
            if self.cased[idx]:
                cands = tuple(c for c in cands if not c.cased or rules.accept_surface(surface, c.name, c.form))
            if cands:
                hits.append((o_start, o_end, cands))
        return _longest(hits, folded.original)


_WORD = re.compile(r"\w+")


def word_bounds(folded: Folded) -> tuple[list[int], list[int]]:
    """Return the start and end offsets of the words of the folded text (computed once per text)."""
    cached = _BOUNDS.get(id(folded))
    if cached is not None and cached[0] is folded:
        return cached[1]
    starts, ends = [], []
    for m in _WORD.finditer(folded.text):
        starts.append(m.start())
        ends.append(m.end())
    _BOUNDS.clear()  # one article at a time: keep only the current text
    _BOUNDS[id(folded)] = (folded, (starts, ends))
    return starts, ends


_BOUNDS: dict[int, tuple[Folded, tuple[list[int], list[int]]]] = {}


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _prefix_ok(prefix: str, cand: Candidate, rules: LanguageRules) -> bool:
    """Return whether *prefix* may stand before this entry inside one word."""
    if cand.any_prefix:
        # A finite verb never carries the article: "السافرة" (flagrant) is not "سافر" (travelled).
        return prefix in rules.plain_prefixes or prefix in rules.verb_prefixes or (cand.form != "verb" and prefix in rules.article_prefixes)
    if cand.had_article:
        return prefix in rules.article_prefixes
    return prefix in rules.plain_prefixes


def _article_start(prefix: str, rules: LanguageRules) -> int | None:
    """Return the offset in *prefix* where the definite article begins, if it is there."""
    if rules.article and prefix.endswith(rules.article):
        return len(prefix) - len(rules.article)
    if rules.article and prefix.endswith(rules.article[-1] * 2):
        return len(prefix) - 1  # "للصين": the second lam is the article
    return None


def _longest(hits: list[tuple[int, int, tuple[Candidate, ...]]], original: str) -> list[RawMention]:
    """Return non-overlapping hits preferring longer spans, then earlier ones, in text order."""
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken = bytearray(len(original) + 1)
    out: list[RawMention] = []
    for s, e, cands in hits:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(RawMention(s, e, original[s:e], cands))
    out.sort(key=lambda m: m.start)
    return out


def _suffixes(rules: LanguageRules, cand: Candidate) -> frozenset[str]:
    """Return the endings a word may add after the name *cand* (a trigger's, a demonym's or a name's)."""
    if cand.any_prefix:
        return rules.trigger_suffixes
    return rules.demonym_suffixes if cand.form == "demonym" else rules.suffixes
