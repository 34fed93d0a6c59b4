"""The per-article state the extraction passes read and fill, and the records they pass on.

Each field of :class:`Doc` after the first three is set by exactly one pass of
``extractor.PASSES``, which declares it; reading a field before its pass has run raises
AttributeError rather than returning a stale or empty value.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import compress, count

from ..lexicon.gazetteer import Gazetteer
from ..lexicon.normalize import Folded
from ..model import Article, Entity, Extraction, Statement
from .document import Tokens
from .modality import Cue
from .roles import RoleBinding
from .rules import RuleSet, Trigger
from .units import Unit

#: (person, relation, state or body, first token, end token, portfolio, modality) stated by a role
#: phrase; modality "ended" for a former holder.
OfficeFact = tuple[str, str, str, int, int, "str | None", str]
#: (backer, backed, token) from "Iran-backed Hezbollah".
Backing = tuple[str, str, int]


def _t0(u: Unit) -> int:
    return u.t0


def sentence_at(starts: list[int], t: int) -> int:
    """Return the index of the sentence holding token *t*, given the sentences' first tokens."""
    return max(0, bisect_right(starts, t) - 1)


class Units(list):
    """An article's actor units in text order, each placed in its sentence as it comes in.

    Units added later go after the ones already there that start on the same token.
    """

    __slots__ = ("_starts",)

    def __init__(self, units: Iterable[Unit], sentences: list[tuple[int, int]]) -> None:
        super().__init__(sorted(units, key=_t0))
        self._starts = [a for a, _ in sentences]
        for u in self:
            self._place(u)

    def add(self, units: Iterable[Unit]) -> None:
        """Insert *units* in text order."""
        for u in units:
            self._place(u)
            insort(self, u, key=_t0)

    def _place(self, u: Unit) -> None:
        u.sentence = sentence_at(self._starts, u.t0)


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """A trigger occurrence: token span, its rule, and whether a future particle is fused to it."""

    t0: int
    t1: int
    trigger: Trigger
    future: bool = False
    possessive: bool = False  # "عمليتها", "its operation": the owner is the nearest actor before


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class Found:
    """A statement found by the engine, before evidence text is attached."""

    subject: str
    predicate: str
    object: str
    sentence: int
    modality: str
    confidence: float
    rule: str


@dataclass(slots=True, eq=False)
class Doc:
    """One article as the passes see it: the inputs, then what each pass found (comment: the pass)."""

    article: Article
    gaz: Gazetteer
    rs: RuleSet
    folded: Folded = field(init=False)  # document
    tokens: Tokens = field(init=False)  # document
    spans: list[tuple[int, int]] = field(init=False)  # document: sentences, original offsets
    sentences: list[tuple[int, int]] = field(init=False)  # document: sentences, token spans
    cues: list[Cue] = field(init=False)  # cues
    units: Units = field(init=False)  # names, then added to by the passes that say "units.<name>"
    bindings: list[RoleBinding] = field(init=False)  # roles
    people: dict[str, Entity] = field(init=False)  # offices: people minted from the text
    office_facts: list[OfficeFact] = field(init=False)  # offices
    pairs: list[Unit] = field(init=False)  # pairs: "the two countries"; pronouns adds them to units
    backed: list[Backing] = field(init=False)  # backing
    groups: dict[int, list[Unit]] = field(init=False)  # groups: coordination group id -> units
    kinds: Mapping[str, str] = field(init=False)  # actors: entity id -> kind
    countries: Mapping[str, str] = field(init=False)  # actors: person id -> state id
    places: Mapping[str, str] = field(init=False)  # actors: city/place id -> state id
    skipped: set[int] = field(init=False)  # boilerplate: sentences of "read more" blocks
    hits: list[Hit] = field(init=False)  # triggers
    topic: tuple[str, ...] = field(init=False)  # relations: pro-drop subject of the trigger being read
    before: list[Unit] = field(init=False)  # relations: actors before that trigger, clause bounds ignored (antecedents)
    found: list[Found] = field(init=False)  # relations
    visits: list[Found] = field(init=False)  # attendance
    said: dict[int, str] = field(init=False)  # attribution: sentence -> who says it
    rule_statements: list[Statement] = field(init=False)  # statements, with the confidences the rules gave
    statements: list[Statement] = field(init=False)  # statements, confidences calibrated
    extraction: Extraction = field(init=False)  # extraction
    _cues_by_kind: dict[str, list[Cue]] = field(default_factory=dict, repr=False)  # cues_of: filled as asked

    def cues_of(self, kind: str) -> list[Cue]:
        """Return the cues of *kind* in text order (listed once per article and kind: rules ask per trigger)."""
        found = self._cues_by_kind.get(kind)
        if found is None:
            found = self._cues_by_kind[kind] = [c for c in self.cues if c.kind == kind]
        return found

    def coordinated(self, u: Unit) -> list[Unit]:
        """Return the units of the coordination group *u* belongs to (just *u* when it is in none)."""
        return self.groups.get(u.group, [u]) if u.group >= 0 else [u]

    def fits(self, rel: str, a: str, b: str) -> bool:
        """Return whether entities *a* and *b* have kinds the signature of *rel* allows as agent and patient."""
        agent_kinds, patient_kinds = self.rs.signatures[rel]
        return self.kinds.get(a, "") in agent_kinds and self.kinds.get(b, "") in patient_kinds

    def word_hits(self, words) -> list[tuple[int, int]]:
        """Return (token, sentence) for every token whose folded form is in *words*, outside boilerplate sentences."""
        found = list(compress(count(), map(words.__contains__, self.tokens.forms)))  # no Python call per token
        if not found:
            return []
        firsts = [s0 for s0, _ in self.sentences]
        located = ((t, bisect_right(firsts, t) - 1) for t in found)
        return [(t, si) for t, si in located if si >= 0 and t < self.sentences[si][1] and si not in self.skipped]


#: The fields passes set (everything but the inputs).
PASS_FIELDS = frozenset(f.name for f in fields(Doc) if not f.init)
