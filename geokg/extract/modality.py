"""Modality (asserted / planned / negated / reported) and attribution of a trigger occurrence."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Token

# How many tokens before a trigger a negation word may stand and still negate it.
NEG_WINDOW = 4
PLAN_WINDOW = 6


# Not frozen: a frozen dataclass is built about 3x slower, and every article makes hundreds.
@dataclass(slots=True, unsafe_hash=True)
class Cue:
    """A cue word occurrence: its kind and token range."""

    kind: str
    t0: int
    t1: int


def modality_of(t0: int, t1: int, sent: tuple[int, int], cues: list[Cue], tokens: list[Token], future: bool, denials: frozenset[str]) -> str:
    """Return the modality of the trigger at tokens [t0, t1) in sentence *sent*.

    *future*: the verb carries a future particle; *denials*: verbs ("denied", "نفت") that negate
    whatever follows them in the sentence, not only the next few words.
    """
    s0, s1 = sent
    near = [c for c in cues if s0 <= c.t0 < s1]
    for c in near:
        if c.kind == "negated" and (0 < t0 - c.t1 + 1 <= NEG_WINDOW or (c.t1 <= t0 and tokens[c.t0].f in denials)):
            return "negated"
    if future:
        return "planned"
    for c in near:
        if c.kind == "planned" and (c.t1 <= t0 and t0 - c.t1 <= PLAN_WINDOW or 0 <= c.t0 - t1 <= 3):
            return "planned"
    if any(c.kind == "reported" and c.t1 <= t0 for c in near):
        return "reported"
    return "asserted"
