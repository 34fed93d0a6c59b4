"""Find gazetteer names in folded text: Aho-Corasick scan, clitic-aware boundaries, longest match."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

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
        pairs = (pattern_of(rules, eid, name, form, triggers) for eid, name, form in entries)
        # Rule tables (triggers, roles, cues) are small and scanned in every article: their DFA is
        # built in milliseconds and scans up to twice as fast. The gazetteer's would take much longer to build.
        self._build(rules, [p for p in pairs if p is not None], ahocorasick_rs.Implementation.DFA if triggers else None)

    @classmethod
    def of_patterns(cls, rules: LanguageRules, pairs: list[tuple[str, Candidate]]) -> NameIndex:
        """Return an index over (pattern, candidate) pairs made by :func:`pattern_of` (cheap: for a per-article index)."""
        index = cls.__new__(cls)
        # A few patterns, scanned once: the automaton that is quickest to build beats the quickest to scan.
        index._build(rules, pairs, ahocorasick_rs.Implementation.NoncontiguousNFA)
        return index

    def _build(self, rules: LanguageRules, pairs: list[tuple[str, Candidate]], implementation) -> None:
        """Group the candidates by pattern and build the automaton (*implementation*: ahocorasick_rs's, None = its choice)."""
        self.rules = rules
        self._clitics = _clitics(rules)
        self._proclitics = any(self._clitics)  # English has none: a name starts a word
        by_pattern: dict[str, list[Candidate]] = {}
        for stem, cand in pairs:
            bucket = by_pattern.setdefault(stem, [])
            if cand not in bucket:
                bucket.append(cand)
        self.patterns = list(by_pattern)
        self.candidates = [tuple(_ranked(by_pattern[p])) for p in self.patterns]
        self.cased = [any(c.cased for c in cands) for cands in self.candidates]
        self._article = [any(c.had_article for c in cands) for cands in self.candidates]
        self._prefixed: dict[tuple[int, str], tuple[Candidate, ...]] = {}
        self._cased: dict[tuple[int, str, str], tuple[Candidate, ...]] = {}
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=implementation) if self.patterns else None

    def find(self, folded: Folded) -> list[RawMention]:
        """Return non-overlapping mentions in *folded*, longest first, in text order."""
        if self._ac is None:
            return []
        text = folded.text
        size = len(text)
        starts, ends, word_at = word_bounds(folded)
        kept = folded._kept  # Folded.span inlined below: the loop runs for every match
        proclitics = self._proclitics
        hits: list[tuple[int, int, int, int, tuple[Candidate, ...]]] = []
        for idx, s, e in self._ac.find_matches_as_indexes(text, overlapping=True):
            w = word_at.get(s)
            if w is None:
                # Inside a word ("un" in "fund") or on punctuation, most matches; in a language
                # with proclitics a name may still start after them.
                w = self._inner_start(text, s, starts, ends) if proclitics else None
                if w is None:
                    continue
            cands = self.candidates[idx]
            if e < size and text[e].isalnum():
                cands, e = self._right_edge(text, cands, e, ends[w], starts, ends)
                if not cands:
                    continue
            o_start, o_end = (s, e) if kept is None else (kept[s], kept[e - 1] + 1)
            if s != starts[w] or self.cased[idx]:
                # A proclitic (and perhaps an article) before the name, or a case to check; most
                # matches have neither.
                o_start, cands = self._edges(folded, idx, cands, s, o_start, o_end, starts[w])
                if not cands:
                    continue
            hits.append((o_start - o_end, o_start, len(hits), o_end, cands))
        return _longest(hits, folded.original)

    def _inner_start(self, text: str, s: int, starts: list[int], ends: list[int]) -> int | None:
        """Return the word a match starting inside it may begin in (after proclitics only), or None."""
        w = bisect_right(starts, s) - 1
        if w < 0 or ends[w] <= s or text[starts[w] : s] not in self._clitics:
            return None
        return w

    def _right_edge(self, text: str, cands: tuple[Candidate, ...], e: int, word_end: int, starts: list[int], ends: list[int]) -> tuple[tuple[Candidate, ...], int]:
        """Return the entries a match ending inside a word keeps, and its end (open-ended triggers take the word)."""
        # Arabic suffixes are listed in the data; multi-word names end in a later word.
        k = ends[bisect_right(starts, e - 1) - 1] if e > word_end else word_end
        tail = text[e:k]
        rules = self.rules
        cands = tuple(c for c in cands if c.open_end or tail in _suffixes(rules, c))
        if cands and all(c.open_end for c in cands):
            e = k
        return cands, e

    def _after_prefix(self, idx: int, prefix: str) -> tuple[Candidate, ...]:
        """Return the entries of pattern *idx* that may follow the proclitics *prefix* (memoised: both are from closed sets)."""
        key = (idx, prefix)
        cands = self._prefixed.get(key)
        if cands is None:
            cands = self._prefixed[key] = tuple(c for c in self.candidates[idx] if _prefix_ok(prefix, c, self.rules))
        return cands

    def _edges(self, folded: Folded, idx: int, cands: tuple[Candidate, ...], s: int, o_start: int, o_end: int, t: int) -> tuple[int, tuple[Candidate, ...]]:
        """Return the original start and the entries left of a match at folded *s* (original [o_start, o_end)) in the word starting at *t*."""
        rules = self.rules
        whole = cands is self.candidates[idx]  # not narrowed by the right edge: the case check may be memoised
        # Left edge: the word may begin with proclitics, checked against the name's article.
        prefix = folded.text[t:s]
        if prefix:
            cands = self._after_prefix(idx, prefix) if cands is self.candidates[idx] else tuple(c for c in cands if _prefix_ok(prefix, c, rules))
            if not cands:
                return o_start, cands
        if self._article[idx] and any(c.had_article for c in cands):
            # Include the article (not conjunctions or prepositions) in the surface span.
            art = _article_start(prefix, rules)
            if art is not None:
                o_start = folded.to_original(t + art)
        if self.cased[idx]:
            surface = folded.original[o_start:o_end]
            cands = self._cased_ok(idx, prefix, surface) if whole else _case_checked(cands, surface, rules)
        return o_start, cands

    def _cased_ok(self, idx: int, prefix: str, surface: str) -> tuple[Candidate, ...]:
        """Return the entries of pattern *idx* after *prefix* whose case *surface* fits (memoised: names recur as written)."""
        key = (idx, prefix, surface)
        cands = self._cased.get(key)
        if cands is None:
            whole = self._after_prefix(idx, prefix) if prefix else self.candidates[idx]
            cands = self._cased[key] = _case_checked(whole, surface, self.rules)
        return cands


def _case_checked(cands: tuple[Candidate, ...], surface: str, rules: LanguageRules) -> tuple[Candidate, ...]:
    """Return the entries of *cands* the language's case check accepts as written *surface*."""
    return tuple(c for c in cands if not c.cased or rules.accept_surface(surface, c.name, c.form))


@lru_cache(maxsize=None)
def _clitics(rules: LanguageRules) -> frozenset[str]:
    """Return every proclitic of a language: a name may start after one inside a word (cached)."""
    return rules.plain_prefixes | rules.article_prefixes | rules.verb_prefixes


def _ranked(cands: list[Candidate]) -> list[Candidate]:
    """Return *cands* by form rank (a name's label before its alias), keeping their order within a rank."""
    return sorted(cands, key=form_rank) if len(cands) > 1 else cands


def form_rank(c: Candidate) -> int:
    """Return the rank of a candidate's form: lower wins when one name belongs to several entities."""
    return FORM_RANK.get(c.form, 9)


def pattern_of(rules: LanguageRules, eid: str, name: str, form: str, triggers: bool = False) -> tuple[str, Candidate] | None:
    """Return the folded pattern of a gazetteer entry and the candidate it stands for, or None when too short to match."""
    open_end = triggers and name.endswith("*")
    folded = rules.fold_name(name.rstrip("*"))
    if len(folded) < 2:
        return None
    stem, had_article = rules.split_article(folded)
    # A lower-case name passes any case check ("met" at a sentence start is still "met").
    cased = rules.accept_surface is not accept_any and (form == "abbr" or name != name.lower())
    return stem, Candidate(eid, form, name, had_article, triggers, open_end, cased)


_WORD = re.compile(r"\w+")
_START, _END = re.Match.start, re.Match.end


def word_bounds(folded: Folded) -> tuple[list[int], list[int], dict[int, int]]:
    """Return the start and end offsets of the words of the folded text, and word start -> word (once per text)."""
    cached = _BOUNDS.get(id(folded))
    if cached is not None and cached[0] is folded:
        return cached[1]
    found = list(_WORD.finditer(folded.text))
    starts = list(map(_START, found))
    bounds = starts, list(map(_END, found)), dict(zip(starts, range(len(starts))))
    _BOUNDS.clear()  # one article at a time: keep only the current text
    _BOUNDS[id(folded)] = (folded, bounds)
    return bounds


_BOUNDS: dict[int, tuple[Folded, tuple[list[int], list[int], dict[int, int]]]] = {}


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


def _longest(hits: list[tuple[int, int, int, int, tuple[Candidate, ...]]], original: str) -> list[RawMention]:
    """Return non-overlapping hits preferring longer spans, then earlier ones, in text order.

    A hit is (-length, start, arrival, end, entries): sorting it ranks longest, then earliest, then first found.
    """
    hits.sort()
    taken = bytearray(len(original) + 1)
    out: list[RawMention] = []
    for _, s, _, e, cands in hits:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(RawMention(s, e, original[s:e], cands))
    out.sort(key=_START_OF)
    return out


_START_OF = attrgetter("start")  # a sort key called in C, not a Python function per mention


def _suffixes(rules: LanguageRules, cand: Candidate) -> frozenset[str]:
    """Return the endings a word may add after the name *cand* (a trigger's, a demonym's or a name's)."""
    if cand.any_prefix:
        return rules.trigger_suffixes
    return rules.demonym_suffixes if cand.form == "demonym" else rules.suffixes
