"""Trigger occurrences: where a relation's phrase stands, with its fused future particle or possessive."""

from __future__ import annotations

from bisect import bisect_right

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
    sent_starts = [a for a, _ in doc.sentences]
    # A trigger up to two tokens after "on the sidelines of" and the like.
    after_transparent = {c.t1 + d for c in doc.cues if c.kind == "transparent" for d in (0, 1, 2)}
    inside = {t for u in doc.units if u.form not in ("role", "coref") for t in range(u.t0, u.t1)}
    return [
        h for h in hits
        if bisect_right(sent_starts, h.t0) - 1 not in doc.skipped
        and h.t0 not in after_transparent
        and h.t0 not in inside
    ]
