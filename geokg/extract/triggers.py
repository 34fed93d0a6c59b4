"""Trigger occurrences: where a relation's phrase stands, with its fused future particle or possessive."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from .state import Doc, Hit
from .units import token_range


def trigger_hits(doc: Doc) -> list[Hit]:
    """Return the trigger occurrences of *doc* that can state something, in text order.

    Not those in a "read more" block, right after "on the sidelines of", inside a name
    ("منظمة شنغهاي للتعاون"), or the "backed" of "Iran-backed" (already a statement).
    """
    rs, tokens, text = doc.rs, doc.tokens, doc.article.text
    possessives = rs.words["possessive"]
    backed_at = {t + 2 for _, _, t in doc.backed}
    hits = []
    for m in rs.trigger_index.find(doc.folded):
        t0, t1 = token_range(tokens, m.start, m.end)
        if t0 in backed_at:
            continue
        prefix = rs.lang.fold_name(text[tokens[t0].start : m.start])  # clitics: memoised
        suffix = rs.lang.fold_name(text[m.end : tokens[t1 - 1].end])
        future = bool(rs.lang.future) and prefix.lstrip("".join(rs.lang.conjunctions)) == rs.lang.future
        # One phrase may carry several rows ("الحرب على" attacks, "الحرب بين" at war): the
        # argument markers decide which of them fire.
        for cand in m.candidates:
            trig = rs.triggers[int(cand.entity_id)]
            possessive = trig.possessive or suffix in possessives or (t0 > 0 and tokens[t0 - 1].f in possessives)
            hits.append(Hit(t0, t1, trig, future=future, possessive=possessive))
    # "with the support of X" is one trigger, not also "support" inside it.
    spans: dict[str, set[tuple[int, int]]] = {}
    for h in hits:
        spans.setdefault(h.trigger.relation, set()).add((h.t0, h.t1))
    hits = [h for h in hits if not any(a <= h.t0 and h.t1 <= b and b - a > h.t1 - h.t0 for a, b in spans[h.trigger.relation])]
    sent_starts = [a for a, _ in doc.sentences]
    # A trigger up to two tokens after "on the sidelines of" and the like.
    after_transparent = {c.t1 + d for c in doc.cues if c.kind == "transparent" for d in (0, 1, 2)}
    inside = {t for u in doc.units if u.form not in ("role", "coref") for t in range(u.t0, u.t1)}
    ends = [b for _, b in doc.sentences]
    return [
        h for h in hits
        if bisect_right(sent_starts, h.t0) - 1 not in doc.skipped
        # "held talks" is no "held X responsible": a trigger whose closing words are missing is none.
        and (not h.trigger.closing or closing_at(doc, h.t1, h.trigger.closing, ends[bisect_right(sent_starts, h.t0) - 1]) is not None)
        and h.t0 not in after_transparent
        and h.t0 not in inside
    ]


# How far after a trigger the words closing its object may start ("held the group's leaders responsible").
CLOSING_REACH = 10


def closing_at(doc: Doc, t1: int, runs: tuple[tuple[str, ...], ...], s1: int) -> int | None:
    """Return the token where one of the word *runs* starts within reach after token *t1* and before *s1*, or None."""
    tokens = doc.tokens
    by_first = _by_first_word(runs)
    for k in range(t1 + 1, min(s1, t1 + CLOSING_REACH + 1)):
        for run in by_first.get(tokens[k].f, ()):
            if k + len(run) <= s1 and all(tokens[k + i].f == w for i, w in enumerate(run)):
                return k
    return None


@lru_cache(maxsize=256)
def _by_first_word(runs: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Return the closing *runs* by their first word (a trigger's runs are looked up at every occurrence of it)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for run in runs:
        out.setdefault(run[0], []).append(run)
    return out
