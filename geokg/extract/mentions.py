"""Find gazetteer names in folded text: Aho-Corasick scan, clitic-aware boundaries, longest match."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

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
        self._clitic_before, self._clitic_reach = _clitic_pattern(rules)
        by_pattern: dict[str, list[Candidate]] = {}
        for stem, cand in pairs:
            # A match must begin a word or follow proclitics inside one: a pattern opening on
            # punctuation never does.
            bucket = by_pattern.setdefault(stem, []) if _is_word(stem[0]) else []
            if cand not in bucket:
                bucket.append(cand)
        self.patterns = list(by_pattern)
        self.candidates = [tuple(_ranked(by_pattern[p])) for p in self.patterns]
        self.cased = [any(c.cased for c in cands) for cands in self.candidates]
        self._article = [any(c.had_article for c in cands) for cands in self.candidates]
        self._tails = [_common_tails(rules, cands) for cands in self.candidates]
        # A pattern ending in a letter whose entries allow no ending never ends inside a word.
        self._closed = [tails == _NO_TAIL and _is_word(p[-1]) for p, tails in zip(self.patterns, self._tails)]
        self._prefixed: dict[tuple[int, str], tuple[tuple[Candidate, ...], int | None]] = {}
        self._cased: dict[tuple[int, str, str], tuple[Candidate, ...]] = {}
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=implementation) if self.patterns else None

    def find(self, folded: Folded) -> list[RawMention]:
        """Return non-overlapping mentions in *folded*, longest first, in text order."""
        if self._ac is None:
            return []
        text = folded.text
        size = len(text)
        kept = folded._kept  # Folded.span inlined below: the loop runs for every match
        clitic_before, reach, candidates, cased = self._clitic_before, self._clitic_reach, self.candidates, self.cased
        prefixed, case_memo, original, closed = self._prefixed, self._cased, folded.original, self._closed
        hits: list[tuple[int, int, int, int, tuple[Candidate, ...]]] = []
        for arrival, (idx, s, e) in enumerate(self._ac.find_matches_as_indexes(text, overlapping=True)):
            t = s  # where the word holding the match begins
            if s and ((c := text[s - 1]).isalnum() or c == "_"):
                # Inside a word ("un" in "fund"), most matches; in a language with proclitics a
                # name may still start after them.
                if clitic_before is None:
                    continue
                m = clitic_before.search(text, s - reach if s > reach else 0, s)
                if m is None:
                    continue
                t = m.start()
            whole = cands = candidates[idx]
            if e < size and text[e].isalnum():
                if closed[idx]:
                    continue  # a name no ending may follow, cut off inside a word: most such matches
                cands, e = self._right_edge(text, idx, cands, e)
                if not cands:
                    continue
            o_start, o_end = (s, e) if kept is None else (kept[s], kept[e - 1] + 1)
            if s != t or cased[idx]:
                # Proclitics (and perhaps the article) before the name, or a case to check; most
                # matches have neither.
                prefix = text[t:s]
                if cands is not whole:  # narrowed by the right edge: rare, nothing to memoise
                    o_start, cands = self._edges(folded, idx, cands, o_start, o_end, t, prefix)
                else:
                    if prefix:
                        # What proclitics allow depends on the pattern and the proclitics alone.
                        cands, art = prefixed.get((idx, prefix)) or self._left(idx, prefix)
                        if art is not None and cands:
                            o_start = t + art if kept is None else kept[t + art]
                    if cased[idx] and cands:
                        surface = original[o_start:o_end]
                        cands = case_memo.get((idx, prefix, surface))
                        if cands is None:
                            cands = self._cased_ok(idx, prefix, surface)
                if not cands:
                    continue
            hits.append((o_start - o_end, o_start, arrival, o_end, cands))
        return _longest(hits, folded.original)

    def _right_edge(self, text: str, idx: int, cands: tuple[Candidate, ...], e: int) -> tuple[tuple[Candidate, ...], int]:
        """Return the entries of pattern *idx* a match ending inside a word keeps, and its end (open-ended triggers take the word)."""
        # Arabic suffixes are listed in the data; multi-word names end in a later word.
        k = _word_end(text, e)
        tail = text[e:k]
        common = self._tails[idx]
        if common is not None:
            return (cands if tail in common else ()), e  # one set of endings for all: no per-entry check
        rules = self.rules
        cands = tuple(c for c in cands if c.open_end or tail in _suffixes(rules, c))
        if cands and all(c.open_end for c in cands):
            e = k
        return cands, e

    def _left(self, idx: int, prefix: str) -> tuple[tuple[Candidate, ...], int | None]:
        """Return the entries of pattern *idx* that may follow the proclitics *prefix*, and where in
        *prefix* the name's article begins (None: not there), memoised: both are from closed sets."""
        left = self._prefixed.get((idx, prefix))
        if left is None:
            cands = tuple(c for c in self.candidates[idx] if _prefix_ok(prefix, c, self.rules))
            art = _article_start(prefix, self.rules) if self._article[idx] and any(c.had_article for c in cands) else None
            left = self._prefixed[idx, prefix] = cands, art
        return left

    def _edges(self, folded: Folded, idx: int, cands: tuple[Candidate, ...], o_start: int, o_end: int, t: int, prefix: str) -> tuple[int, tuple[Candidate, ...]]:
        """Return the original start and the entries of *cands* (narrowed from pattern *idx*'s) left of a
        match at original [o_start, o_end) after *prefix* in the word starting at folded *t*."""
        rules = self.rules
        if prefix:
            cands = tuple(c for c in cands if _prefix_ok(prefix, c, rules))
            if not cands:
                return o_start, cands
        if self._article[idx] and any(c.had_article for c in cands):
            # Include the article (not conjunctions or prepositions) in the surface span.
            art = _article_start(prefix, rules)
            if art is not None:
                o_start = folded.to_original(t + art)
        if self.cased[idx]:
            cands = _case_checked(cands, folded.original[o_start:o_end], rules)
        return o_start, cands

    def _cased_ok(self, idx: int, prefix: str, surface: str) -> tuple[Candidate, ...]:
        """Return the entries of pattern *idx* after *prefix* whose case *surface* fits (memoised: names recur as written)."""
        key = (idx, prefix, surface)
        cands = self._cased.get(key)
        if cands is None:
            whole = self._left(idx, prefix)[0] if prefix else self.candidates[idx]
            cands = self._cased[key] = _case_checked(whole, surface, self.rules)
        return cands


def _case_checked(cands: tuple[Candidate, ...], surface: str, rules: LanguageRules) -> tuple[Candidate, ...]:
    """Return the entries of *cands* the language's case check accepts as written *surface*."""
    return tuple(c for c in cands if not c.cased or rules.accept_surface(surface, c.name, c.form))


@lru_cache(maxsize=None)
def _clitic_pattern(rules: LanguageRules) -> tuple[re.Pattern[str] | None, int]:
    """Return the pattern of a word's proclitics ending where the searched text ends, and the longest's length (cached).

    A name may start after them inside a word: searched from that many characters before a
    match to its start, the match object's start is the word's. None when the language has none.
    """
    # Word characters only (no other can be in a word), so that at most one start has a word
    # boundary before it and word characters up to the match.
    clitics = sorted(c for c in rules.plain_prefixes | rules.article_prefixes | rules.verb_prefixes if c and all(map(_is_word, c)))
    if not clitics:
        return None, 0
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, clitics)) + r")\Z"), max(map(len, clitics))


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


def _is_word(char: str) -> bool:
    """Return whether *char* is a word character (what ``\\w`` matches)."""
    return char.isalnum() or char == "_"


_WORD_RUN = re.compile(r"\w*")


def _word_end(text: str, e: int) -> int:
    """Return the end of the word a match ending at *e* (before a letter or digit) ends in.

    A match ending on punctuation ends in no word: it gets the end of the last word before it,
    so its tail is empty.
    """
    if _is_word(text[e - 1]):
        return _WORD_RUN.match(text, e).end()
    k = e - 1
    while not _is_word(text[k - 1]):
        k -= 1
    return k


_NO_TAIL = frozenset({""})


def _common_tails(rules: LanguageRules, cands: tuple[Candidate, ...]) -> frozenset[str] | None:
    """Return the endings every entry of a pattern allows after it inside a word, or None when they differ or one is open-ended."""
    if any(c.open_end for c in cands):
        return None
    tails = {_suffixes(rules, c) for c in cands}
    return next(iter(tails)) if len(tails) == 1 else None


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
    Only hits that overlap another compete, so the text splits into runs of overlapping hits and
    most runs hold one hit, kept as it is.
    """
    hits.sort(key=_START_OF)  # stable: arrival order among equal starts
    hits.append(_CLOSING)
    out: list[RawMention] = []
    run: list[tuple[int, int, int, int, tuple[Candidate, ...]]] = []
    reach = -1  # the furthest end in the run so far
    for hit in hits:
        if hit[1] >= reach:  # overlaps nothing before it: the run before it is complete
            if len(run) == 1:
                _, s, _, e, cands = run[0]
                out.append(RawMention(s, e, original[s:e], cands))
            elif run:
                out += _longest_of_run(run, original)
            run = [hit]
        else:
            run.append(hit)
        if hit[3] > reach:
            reach = hit[3]
    return out


_START_OF = itemgetter(1)  # a sort key called in C, not a Python function per hit
_CLOSING = (0, math.inf, 0, math.inf, ())  # after every hit: closes the last run


def _longest_of_run(run: list[tuple[int, int, int, int, tuple[Candidate, ...]]], original: str) -> list[RawMention]:
    """Return the hits of a run of overlapping ones a longest-first choice keeps, in text order."""
    run.sort()
    kept: list[tuple[int, int, tuple[Candidate, ...]]] = []
    for _, s, _, e, cands in run:
        if all(e <= ks or ke <= s for ks, ke, _ in kept):
            kept.append((s, e, cands))
    kept.sort(key=_FIRST)  # kept spans do not overlap: their starts differ
    return [RawMention(s, e, original[s:e], cands) for s, e, cands in kept]


_FIRST = itemgetter(0)


def _suffixes(rules: LanguageRules, cand: Candidate) -> frozenset[str]:
    """Return the endings a word may add after the name *cand* (a trigger's, a demonym's or a name's)."""
    if cand.any_prefix:
        return rules.trigger_suffixes
    return rules.demonym_suffixes if cand.form == "demonym" else rules.suffixes
