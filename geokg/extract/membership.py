"""Membership stated by lists and appositions: "the bloc's members - A, B and C", "X، العضو في Y"."""

from __future__ import annotations

from .modality import modality_of
from .rules import priors
from .state import Doc, Found
from .units import Unit

_REL = "memberOf"
_CONFIDENCE = 0.8
_BEFORE = 4  # words allowed between an owning organisation and the member noun ("'s five permanent")
_OPENER_GAP = 3  # words allowed between the member phrase and the list opener ("states", "of the alliance")


def membership_lists(doc: Doc) -> list[Found]:
    """Return memberOf statements for every actor listed after, or apposed to, a member noun."""
    rs, tokens = doc.rs, doc.tokens
    observers = rs.words["observer_noun"]
    hits = doc.word_hits(rs.words["member_noun"] | observers)
    if not hits:
        return []
    units = [u for u in doc.units if not u.absorbed]
    starts = {u.t0: u for u in units}
    # "NATO members" is absorbed as an actor ("NATO members objected" is the members acting); it
    # still owns the list that follows.
    ends = {u.t1: u for u in doc.units if not u.absorbed or _is_org(doc, u)}
    out: list[Found] = []
    for t, si in hits:
        s0, s1 = doc.sentences[si]
        if tokens[t].f in observers:
            org, members = _observer(doc, t, s0, s1, starts, ends)
        else:
            org, after = _organisation(doc, t, s0, s1, starts, ends)
            members = _listed(doc, after, s1, starts) or _apposed(doc, t, s0, ends) if org else []
        if org is None:
            continue
        mod = modality_of(t, t + 1, (s0, s1), doc.cues, tokens, False, rs.words["denial"])
        for m in members:
            for a in m.entity_ids:
                for b in org.entity_ids:
                    if a not in org.entity_ids and doc.fits(_REL, a, b):
                        out.append(Found(a, _REL, b, si, mod, min(_CONFIDENCE, priors()[_REL]), f"{rs.lang.code}:{_REL}:list"))
    return out


def _organisation(doc: Doc, t: int, s0: int, s1: int, starts: dict[int, Unit], ends: dict[int, Unit]) -> tuple[Unit | None, int]:
    """Return the organisation a member noun at *t* belongs to and the token after the member phrase."""
    tokens, words = doc.tokens, doc.rs.words
    k = t + 1
    while k < s1 and tokens[k].f in words["member_filler"]:
        k += 1  # "member states", "member countries"
    if k + 1 < s1 and tokens[k].f in words["member_of"] and _is_org(doc, starts.get(k + 1)):
        org = starts[k + 1]
        return org, org.t1
    if k < s1 and _is_org(doc, starts.get(k)):  # genitive construct: "أعضاء الحلف"
        return starts[k], starts[k].t1
    if k < s1 and (named := _named_head(doc, k, ends)) is not None:
        return named, k + 1
    for j in range(t - 1, max(s0, t - _BEFORE) - 1, -1):
        u = ends.get(j + 1) or _named_head(doc, j, ends)
        if _is_org(doc, u):
            return u, k
        if not (tokens[j].f.isalnum() or tokens[j].f in words["possessive_mark"]):
            break
    return None, k


def _named_head(doc: Doc, j: int, ends: dict[int, Unit]) -> Unit | None:
    """Return the last body named before token *j* whose name has the head noun at *j* ("the council's" -> Security Council)."""
    word = doc.tokens[j].f
    for ending in doc.rs.words["possessive_ending"]:
        word = word.removesuffix(ending)
    if word not in doc.rs.words["body_head"]:
        return None
    named = [u for t1, u in ends.items() if t1 <= j and _is_org(doc, u) and any(doc.tokens[i].f == word for i in range(u.t0, u.t1))]
    return max(named, key=lambda u: u.t0) if named else None


def _observer(doc: Doc, t: int, s0: int, s1: int, starts: dict[int, Unit], ends: dict[int, Unit]) -> tuple[Unit | None, list[Unit]]:
    """Return the body and the holder of observer status: "X has observer status at Y", "Y, where X has observer status"."""
    tokens, words = doc.tokens, doc.rs.words
    k = t + 1
    while k < s1 and tokens[k].f in words["member_filler"]:
        k += 1
    org, first = None, s0
    at = k + 1 + (k + 1 < s1 and tokens[k + 1].f in words["definite"])
    if at < s1 and tokens[k].f in words["observer_at"] and _is_org(doc, starts.get(at)):
        org = starts[at]
    else:
        where = next((w for w in range(t - 1, s0, -1) if tokens[w].f in words["where_relative"]), None)
        if where is not None and tokens[where - 1].f in words["comma"] and _is_org(doc, ends.get(where - 1)):
            org, first = ends[where - 1], where
    holders = [u for u in ends.values() if first <= u.t0 and u.t1 <= t and u is not org and not u.absorbed]
    return org, [max(holders, key=lambda u: u.t0)] if org and holders else []


def _listed(doc: Doc, k: int, s1: int, starts: dict[int, Unit]) -> list[Unit]:
    """Return the coordinated actors after a list opener within a few words of token *k*."""
    tokens, openers = doc.tokens, doc.rs.words["member_list_open"]
    for j in range(k, min(s1, k + _OPENER_GAP)):
        if tokens[j].f in openers:
            nxt = j + 1
            while nxt < s1 and tokens[nxt].f in openers:
                nxt += 1  # "such as", "من بينها"
            first = starts.get(nxt)
            if first is None:
                return []
            return doc.coordinated(first)
    return []


def _apposed(doc: Doc, t: int, s0: int, ends: dict[int, Unit]) -> list[Unit]:
    """Return the actor named right before a comma opening the member phrase ("Turkey, a member of")."""
    tokens, words = doc.tokens, doc.rs.words
    j = t - 1
    if j >= s0 and tokens[j].f in words["indefinite"]:
        j -= 1
    u = ends.get(j) if j > s0 and tokens[j].f in words["comma"] else None
    return [u] if u is not None else []


def _is_org(doc: Doc, u: Unit | None) -> bool:
    """Return whether *u* names a body states can be members of."""
    return u is not None and u.kind in doc.rs.signatures[_REL][1] and u.kind != "state"
