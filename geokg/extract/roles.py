"""Role phrases: "وزير الدفاع الصيني لي شانج فو", "Russia's foreign minister Sergei Lavrov".

A role phrase binds a person (named, minted from the text, or the office-holder the gazetteer
knows for the article date) to a state or organisation, and yields leaderOf / ministerOf /
ambassadorTo statements when the person is named in the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Token
from .rules import Role, RuleSet
from .units import Unit

_AFFILIATION_KINDS = {"state", "igo", "org", "armed_group", "party"}
_NAME_TOKEN = {"ar": re.compile(r"^[\u0621-\u064A]{2,}$"), "en": re.compile(r"^[A-Z][a-zA-Z'\-]+$")}
_NAME_PARTICLES = {"bin", "bint", "al", "el", "de", "van", "von", "der", "da", "ibn", "abu"}


@dataclass(slots=True)
class RoleBinding:
    """A role phrase resolved: who holds which office of which actor, and where it is written."""

    role: Role
    t0: int
    t1: int
    person: str | None  # entity id
    named: bool  # the person's name is written in the phrase
    affiliation: tuple[str, ...]  # states / organisations the office belongs to
    host: str | None = None  # ambassadors: the receiving state
    new_person: tuple[str, str] | None = None  # (surface, lang) of a person minted from the text


def bind_roles(tokens: list[Token], units: list[Unit], role_hits, rs: RuleSet, original: str) -> list[RoleBinding]:
    """Return role bindings for each role-noun hit, reading affiliations and names around it."""
    by_start = {u.t0: u for u in units}
    out = []
    for t0, t1, role in role_hits:
        aff: list[str] = []
        host = None
        k = t1
        left = _left_affiliation(tokens, t0, units, rs) if rs.lang.data.get("affiliation_before_role") else []
        aff.extend(left)
        # Affiliations and hosts to the right: "الصيني", "بيلاروسيا", "لدى بيلاروسيا", "of Belarus".
        while k < len(tokens):
            u = by_start.get(k)
            tok = tokens[k].f
            if u is not None and u.kind in _AFFILIATION_KINDS and u.form != "role":
                if u.marker in ("لدي", "to", "in") and role.relation == "ambassadorTo":
                    host = u.entity_id
                elif u.marker in ("", "of", "و", "and") or u.form == "demonym":
                    aff.extend(u.entity_ids)
                else:
                    break
                u.absorbed = True
                k = u.t1
                continue
            if tok in rs.fillers or tok in ("و", "and", "of", "the", "لدي", "to", "'s") or (tok in ("in",) and role.relation == "ambassadorTo"):
                k += 1
                continue
            break
        person, named, new = None, False, None
        u = by_start.get(k)
        if u is not None and u.kind == "person":
            person, named = u.entity_id, True
            u.absorbed = True
            k = u.t1
        elif k < len(tokens) and (aff or host or rs.lang.code == "en"):
            span = _unknown_name(tokens, k, rs, by_start, original)
            if span:
                a, b = span
                surface = original[tokens[a].start : tokens[b - 1].end]
                new = (surface, rs.lang.code)
                k = b
        if rs.lang.code == "en" and person is None and new is None:
            # Post-name apposition: "Sergei Lavrov, Russia's foreign minister".
            prev = _apposed_person(tokens, t0, units, left)
            if prev is not None:
                person, named = prev.entity_id, True
        if not aff and not host and person is None and new is None:
            continue
        out.append(RoleBinding(role, min(t0, _left_start(tokens, t0, units, left)), k, person, named, tuple(dict.fromkeys(aff)), host, new))
    return out


def _left_affiliation(tokens: list[Token], t0: int, units: list[Unit], rs: RuleSet) -> list[str]:
    """Return affiliations written before the role ("Chinese", "Russia's new", "NATO")."""
    for u in reversed(units):
        if u.t1 <= t0:
            gap = [t.f for t in tokens[u.t1 : t0]]
            if u.kind in _AFFILIATION_KINDS and all(g in rs.fillers or g in ("'s", "'", "s") for g in gap) and u.form != "role":
                u.absorbed = True
                return list(u.entity_ids)
            return []
    return []


def _left_start(tokens: list[Token], t0: int, units: list[Unit], left: list[str]) -> int:
    """Return the first token of the phrase, including a left affiliation when there is one."""
    if not left:
        return t0
    for u in reversed(units):
        if u.t1 <= t0:
            return u.t0
    return t0


def _apposed_person(tokens: list[Token], t0: int, units: list[Unit], left: list[str]) -> Unit | None:
    """Return the person named just before ", [the] [STATE's] ROLE", if any."""
    k = t0 - 1
    if left:
        for u in reversed(units):
            if u.t1 <= t0:
                k = u.t0 - 1
                break
    while k >= 0 and tokens[k].f in ("the", "a"):
        k -= 1
    if k < 0 or tokens[k].f != ",":
        return None
    for u in reversed(units):
        if u.t1 == k and u.kind == "person":
            return u
    return None


def _unknown_name(tokens: list[Token], k: int, rs: RuleSet, by_start: dict[int, Unit], original: str) -> tuple[int, int] | None:
    """Return the token span of a person's name written after a role, when it looks like one."""
    pattern = _NAME_TOKEN[rs.lang.code] if rs.lang.code in _NAME_TOKEN else None
    if pattern is None:
        return None
    b = k
    while b < len(tokens) and b - k < 4 and b not in by_start:
        tok = tokens[b]
        raw = tok.f
        if raw in rs.stopwords or raw in rs.trigger_words:
            break
        if rs.lang.code == "en":
            word = original[tok.start : tok.end]
            if not (pattern.match(word) or (b > k and raw in _NAME_PARTICLES)):
                break
            if word in rs.stopwords:
                break
        elif not pattern.match(raw) or raw in rs.role_words or raw[1:] in rs.role_words or raw[1:] in rs.stopwords:
            break
        elif raw.startswith("ال") and not original[tok.start : tok.end].startswith("أل"):
            # The article marks a common noun; names like ألكسندر are written with hamza.
            break
        b += 1
    if rs.lang.code == "en" and b - k < 2:
        return None  # one capitalised word after a role is too often not a name
    return (k, b) if b > k else None
