"""Clause bounds for argument choice: which actors of a sentence a trigger may not take.

A trigger takes its arguments from its own clause. The clause openers are data (cues.tsv):
``relative`` pronouns (التي، who), ``content`` verbs whose complement is a reported or
discussed matter (accusing Y of ..., welcomed the signing of ..., لبحث), ``presence`` words
whose actors only attend an act (بحضور, in the presence of) and ``topic`` nouns whose actors
are subjects of talk, not parties (ملفي X وY, the issue of X), ``participants`` nouns
whose list takes part in the event they govern, and a fronted ``subordinate`` clause
(قبل أن ...، / Before ...,) that the main clause takes nothing from.
"""

from __future__ import annotations

from .modality import Cue
from .state import Doc, Hit
from .units import Unit

# A topic noun governs the actor at most this many tokens after it ("ملفي أفغانستان", "the file of X").
TOPIC_REACH = 2
# Words that may separate an actor from the relative pronoun it is the antecedent of ("X were
# among the leaders who"), or a participants noun from the event noun it governs.
PHRASE_GAP = 4


def clause_cues(doc: Doc) -> list[Cue]:
    """Return the clause-bound cues of *doc*, an accusation trigger counting as a content verb."""
    cues = [c for c in doc.cues if c.kind in _KINDS]
    # An accusation's complement is what the accused did: "accusing her of supporting X".
    cues += [Cue("content", h.t0, h.t1) for h in doc.hits if h.trigger.relation in _CONTENT]
    return cues


def clause_units(doc: Doc, hit: Hit, units: list[Unit], cues: list[Cue]) -> list[Unit]:
    """Return those of *units* (one sentence's) that *hit* may take as arguments, given the sentence's clause cues."""
    if not cues:
        return units
    openers = [c.t1 for c in cues if c.kind == "content" and c.t1 <= hit.t0]
    # "X, Y and Z are the parties in the Syrian war": the list takes part in the war the phrase
    # governs; a verb after it ("the two parties to the war, met") has them as subject again.
    openers += [c.t1 for c in cues if c.kind == "participants" and c.t1 <= hit.t0 and _plain_gap(doc, c.t1, hit.t0)]
    s0, s1 = doc.sentences[units[0].sentence] if units else (0, 0)
    blocked: set[int] = set()
    groups: set[int] = set()
    start = max(openers, default=-1)
    for u in units:
        # Verb-first languages put the content verb's own subject right after it ("رحبت فرنسا
        # بتوقيع"): it is outside the complement too.
        if u.t1 <= start or (u.t0 == start and not u.marker and doc.rs.lang.data.get("pro_drop")):
            blocked.add(id(u))
            groups.add(u.group)
    for c in cues:
        if c.kind == "relative" and c.t1 <= hit.t0:
            # Inside a relative clause only its antecedent ("X, which ...") reaches the trigger.
            before = [u for u in units if u.t1 <= c.t0]
            antecedent = before[-1] if before and _head_noun_only(doc, before[-1].t1, c.t0) else None
            blocked.update(id(u) for u in before if u is not antecedent)
        elif c.kind == "subordinate" and _fronted(doc, c.t0, s0):
            # "Before the Tehran summit began, a Russian strike hit Idlib": a fronted clause ends
            # at its comma; the main clause after it takes nothing from it.
            end = next((k for k in range(c.t1, s1) if doc.tokens[k].f in doc.rs.words["comma"]), s1)
            if end <= hit.t0:
                blocked.update(id(u) for u in units if c.t1 <= u.t0 < end)
        elif c.kind in _SCOPED:
            end = c.t1 + TOPIC_REACH + 1 if c.kind == "topic" else _scope_end(doc, c.t1, s1)
            for u in units:
                if c.t1 <= u.t0 < end:
                    blocked.add(id(u))
                    groups.add(u.group)
    groups.discard(-1)
    if not blocked:
        return units
    return [u for u in units if id(u) not in blocked and u.group not in groups]


_KINDS = frozenset({"content", "participants", "relative", "presence", "topic", "subordinate"})
_SCOPED = frozenset({"presence", "topic"})
# Relations whose trigger takes a clause as complement: its actors are not the trigger's.
_CONTENT = frozenset({"accuses"})


def _scope_end(doc: Doc, t: int, s1: int) -> int:
    """Return where the phrase a presence word opens at token *t* ends: a comma, a trigger or the sentence end."""
    starts = {h.t0 for h in doc.hits}
    for k in range(t, s1):
        if doc.tokens[k].f in doc.rs.words["comma"] or k in starts:
            return k
    return s1


def _head_noun_only(doc: Doc, a: int, b: int) -> bool:
    """Return whether tokens [a, b) are a comma or a few plain words: an actor then is the antecedent."""
    return b <= a or (b - a == 1 and doc.tokens[a].f in doc.rs.words["comma"]) or _plain_gap(doc, a, b)


def _plain_gap(doc: Doc, a: int, b: int) -> bool:
    """Return whether tokens [a, b) are at most a few words, with no punctuation."""
    return b - a <= PHRASE_GAP and all(doc.tokens[k].f.isalpha() for k in range(a, b))


def _fronted(doc: Doc, t: int, s0: int) -> bool:
    """Return whether token *t* opens its sentence (only particles before it)."""
    particles = doc.rs.cues.get("particle", frozenset())
    return all(doc.tokens[k].f in particles for k in range(s0, t))
