"""Attending an event held abroad is a visit: "بحضور الرئيس البيلاروسي" at a summit in Astana,
"the ceremony, attended by X" in Washington.

The event's place is where the sentence says before the attendance ("وفي القاهرة ...") or else where the
article's opening sentences put it (news leads state it: "خلال قمتهم في العاصمة الكازاخية
أستانا"). Attendees are people; a person whose own state is the host was not visiting.
"""

from __future__ import annotations

from .modality import modality_of
from .relations import sentence_of
from .state import Doc, Found

# How far a venue marker ("في", "in") may stand before the place ("في العاصمة الكازاخية أستانا").
VENUE_REACH = 3
# The opening sentences that may set the article's venue.
LEAD_SENTENCES = 2


def attendance_visits(doc: Doc) -> list[Found]:
    """Return visits statements for people the text says attended an event in another state (not in "read more" blocks)."""
    cues = [c for c in doc.cues if c.kind in ("attend_after", "attend_before")]
    if not cues:
        return []
    out = []
    for cue in cues:
        si = sentence_of(doc, cue.t0)
        if si in doc.skipped:
            continue
        # An earlier lead sentence counts whole; the cue's own sentence only before the cue.
        host = _venue(doc, si, cue.t0) or next((v for j in range(min(LEAD_SENTENCES, si)) if (v := _venue(doc, j)) is not None), None)
        if host is None:
            continue
        s0, s1 = doc.sentences[si]
        mod = modality_of(cue.t0, cue.t1, (s0, s1), doc.cues, doc.tokens, False, doc.rs.words["denial"])
        for person in _attendees(doc, cue, s0, s1):
            home = doc.countries.get(person)
            if home and home != host:
                out.append(Found(person, "visits", host, si, mod, 0.6, f"{doc.rs.lang.code}:visits:attends"))
    return out


def _venue(doc: Doc, si: int, before: int | None = None) -> str | None:
    """Return the state whose capital or city sentence *si* (up to token *before*) places something in ("في أستانا", "in Riyadh")."""
    markers = doc.rs.words["venue"]
    s0, s1 = doc.sentences[si]
    if before is not None:
        s1 = min(s1, before)  # a place after the attendance belongs to another clause ("... السفارة في طهران")
    for u in doc.units:
        if not s0 <= u.t0 < s1 or u.absorbed:
            continue
        host = u.entity_id if u.form == "capital" else doc.places.get(u.entity_id)
        if host and (u.marker in markers or any(t.f in markers for t in doc.tokens[max(s0, u.t0 - VENUE_REACH) : u.t0])):
            return host
    return None


def _attendees(doc: Doc, cue, s0: int, s1: int) -> list[str]:
    """Return the people the cue says attended: those after "بحضور"/"attended by", or the one just before "attended"."""
    people = [u for u in doc.units if s0 <= u.t0 < s1 and not u.absorbed and doc.kinds.get(u.entity_id) == "person"]
    if cue.kind == "attend_after":
        # The list of attendees ends where a new clause begins: "بحضور X، الذي قال إن ...",
        # "في حين غاب Y", or another trigger.
        stops = [c.t0 for c in doc.cues if c.kind in ("relative", "speech", "clause_break") and c.t0 >= cue.t1]
        stops += [h.t0 for h in doc.hits if h.t0 >= cue.t1]
        end = min(stops, default=s1)
        return [e for u in people if cue.t1 <= u.t0 < end for e in u.entity_ids]
    before = [u for u in people if u.t1 <= cue.t0]
    return list(before[-1].entity_ids) if before else []
