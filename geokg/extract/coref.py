"""Coreference and coordination over actor units: pairs, pronouns, group anaphors, lists."""

from __future__ import annotations

from functools import lru_cache

from .modality import Cue
from .rules import RuleSet
from .state import Doc
from .units import Unit


def backing_facts(units: list[Unit], tokens, rs: RuleSet) -> list[tuple[str, str, int]]:
    """Return (backer, backed, token of the backer's end) for "Iran-backed Hezbollah"; the backer stops being an actor.

    The modifier is marked absorbed, so "a ceasefire between Israel and Iran-backed Hezbollah"
    pairs Israel with Hezbollah.
    """
    words = rs.cues.get("backing", frozenset())
    out: list[tuple[str, str, int]] = []
    if not words:
        return out
    for a, b in zip(units, units[1:]):
        gap = [t.f for t in tokens[a.t1 : b.t0]]
        if len(gap) == 2 and gap[0] == "-" and gap[1] in words and not a.absorbed:
            out.extend((e, f, a.t1 - 1) for e in a.entity_ids for f in b.entity_ids)
            a.absorbed = True
    return out


def absorb_member_phrases(units: list[Unit], tokens, rs: RuleSet) -> None:
    """Mark "EU member states", "NATO allies" as not the organisation acting: its members are."""
    heads = rs.cues.get("members_of", frozenset())
    for u in units:
        if u.kind in ("igo", "initiative") and u.t1 < len(tokens):
            following = " ".join(t.f for t in tokens[u.t1 : u.t1 + 2])
            listing = any(t.f in rs.cues.get("listing_verb", ()) for t in tokens[u.t1 + 1 : u.t1 + 3])
            if (tokens[u.t1].f in heads or following in heads) and not listing:
                u.absorbed = True  # "EU member states recognise", not "the bloc's members include X"


def pronoun_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
    """Return units for a subject "he"/"she": the last person named before, within two sentences."""
    out = []
    for c in cues:
        if c.kind != "person_pronoun":
            continue
        before = [u for u in units if u.t1 <= c.t0 and u.kind == "person" and not u.absorbed and c.t0 - u.t1 < 80]
        if before:
            # Prefer the last person in subject position (unmarked, first actor of its sentence).
            subjects = [u for u in before if not u.marker and not any(o.sentence == u.sentence and o.t0 < u.t0 for o in units)]
            ref = subjects[-1] if subjects and subjects[-1].sentence >= before[-1].sentence - 1 else before[-1]
            out.append(Unit(c.t0, c.t1, tokens[c.t0].start, tokens[c.t1 - 1].end, ref.entity_ids, "person", "coref", ""))
    return out


def anaphor_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
    """Return units for "the organisation / المنظمة" and "the Strip / القطاع": the last one named before."""
    out = []
    covered = {t for u in units for t in range(u.t0, u.t1)}
    for c in cues:
        if c.kind not in ("org_anaphor", "place_anaphor") or c.t0 in covered:
            continue
        kinds = ("igo", "initiative", "armed_group", "org", "party") if c.kind == "org_anaphor" else ("place", "city")
        before = [u for u in units if u.t1 <= c.t0 and u.kind in kinds]
        if not before:
            continue
        ref = before[-1]
        if c.kind == "org_anaphor":
            # As with "he": an organisation in subject position outranks one named after it in
            # the same sentence ("Hezbollah fired ... in support of its ally Hamas. ... the
            # group's leader" is Hezbollah's).
            subjects = [u for u in before if not u.marker and not any(o.sentence == u.sentence and o.t0 < u.t0 for o in units)]
            if subjects and subjects[-1].sentence == ref.sentence:
                ref = subjects[-1]
        marker = tokens[c.t0 - 1].f if c.t0 > 0 and tokens[c.t0 - 1].f in rs.markers else ""
        out.append(Unit(c.t0, c.t1, tokens[c.t0].start, tokens[c.t1 - 1].end, ref.entity_ids, ref.kind, "coref", marker))
    return out


# Collective anaphor cue kind -> (kinds of actor it stands for, how many).
_COLLECTIVES = {
    "pair": (frozenset({"state"}), 2),
    "pair_people": (frozenset({"person"}), 2),
    "pair_any": (frozenset({"state", "person"}), 2),
    "trio": (frozenset({"state"}), 3),
    "trio_people": (frozenset({"person"}), 3),
}


def pair_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
    """Return units for "the two countries / البلدين", "the two leaders", "the three states / الدول الثلاث": the last ones named before."""
    collective = [c for c in cues if c.kind in _COLLECTIVES]
    if not collective:
        return []  # most articles: no need to list the covered tokens
    out = []
    covered = {t for u in units for t in range(u.t0, u.t1)}
    for c in collective:
        if c.t0 in covered:
            continue
        kinds, n = _COLLECTIVES[c.kind]
        before = [u for u in units if u.t1 <= c.t0 and u.kind in kinds and u.form != "pair" and not u.absorbed]
        ids, kind = _written_together(before, c.t0, n, tokens, rs) or _only_ones_near(units, c.t0, n, kinds, rs) or _last_named(before, n)
        if len(ids) >= n:
            # "بينهما": a preposition fused to the pair word marks it.
            marker = next((w for w in rs.words["fused_marker"] if tokens[c.t0].f.startswith(w)), "")
            if not marker and c.t0 > 0 and tokens[c.t0 - 1].f in rs.markers:
                marker = tokens[c.t0 - 1].f
            out.append(Unit(c.t0, c.t1, tokens[c.t0].start, tokens[c.t1 - 1].end, tuple(ids[:n]), kind, "pair", marker))
    return out


def _written_together(before: list[Unit], at: int, n: int, tokens, rs: RuleSet) -> tuple[list[str], str] | None:
    """Return (ids, kind) of the last *n* distinct actors written side by side ("Finland and Sweden") before token *at*, or None."""
    glue, conjunctions = rs.words["pair_glue"], rs.lang.conjunctions
    for end in range(len(before) - 1, n - 2, -1):
        run = before[end - n + 1 : end + 1]
        if at - run[-1].t1 >= 120 or len({u.entity_ids for u in run}) < n:
            continue
        if all(_glued(a, b, tokens, glue, conjunctions) for a, b in zip(run, run[1:])):
            if end >= n and _glued(before[end - n], run[0], tokens, glue, conjunctions):
                return None  # "U.S., South Korean, Chinese and Russian companies": the last two of four are no pair
            return [u.entity_id for u in run], run[-1].kind
    return None


def _glued(a: Unit, b: Unit, tokens, glue: frozenset[str], conjunctions: frozenset[str]) -> bool:
    """Return whether only "and", commas or a conjunction fused to *b* stand between actors *a* and *b*."""
    gap = [t.f for t in tokens[a.t1 : b.t0]]
    fused = tokens[b.t0].start < b.start and tokens[b.t0].f[:1] in conjunctions
    return bool(fused and not gap or gap and all(g in glue for g in gap))


def _only_ones_near(units, at: int, n: int, kinds: frozenset[str], rs: RuleSet) -> tuple[list[str], str] | None:
    """Return (ids, kind) when exactly *n* distinct actors of *kinds* are named in the 40 tokens before *at*, or None.

    "Egypt hosted a Jordanian delegation. The two countries signed ...": two states named
    apart are the pair when no third one is named near them (a third leaves the pair unsure).
    Demonyms inside role phrases count: they name states too. A place where something happens
    ("in Addis Ababa") is a venue, not a party, and leaves the pair unsure.
    """
    near = [u for u in units if u.t1 <= at and at - u.t0 <= 40 and u.kind in kinds and u.form != "pair" and len(u.entity_ids) == 1]
    if any(u.form == "capital" or u.marker in rs.words["venue"] for u in near):
        return None
    ids = list(dict.fromkeys(u.entity_id for u in near))
    return (ids, near[-1].kind) if len(ids) == n and len({u.kind for u in near}) == 1 else None


def _last_named(before: list[Unit], n: int) -> tuple[list[str], str]:
    """Return (ids, kind) of the last actor named before when it names *n* or more ("the presidents of A and B").

    Two actors named apart are not taken: the last two distinct actors of a kind are too
    often a host and a third party rather than the pair the text goes on about.
    """
    if not before:
        return [], "state"
    last = before[-1]
    return list(dict.fromkeys(last.entity_ids))[-n:], last.kind


def group_units(doc: Doc) -> dict[int, list[Unit]]:
    """Return coordination group id -> units, setting each unit's group: units joined only by و / and / commas / list openers."""
    list_words, phrases, modifier_words = _list_words(doc.rs)
    list_open = doc.rs.cues.get("list_open", frozenset())
    joining = list_words | _phrase_words(tuple(phrases))  # the only words a gap between list members holds
    groups: dict[int, list[Unit]] = {}
    gid = 0
    prev: Unit | None = None
    # Modifiers inside a gap ("Iran-backed") do not break a list.
    hidden = {t for o in doc.units if o.absorbed for t in range(o.t0, o.t1)}
    for u in doc.units:
        if u.absorbed:
            continue  # part of a role phrase: neither joins nor breaks a list
        joined = False
        if prev is not None and prev.sentence == u.sentence and not _foreign_word(doc.tokens, prev.t1, u.t0, hidden, modifier_words, joining):
            gap = [t.f for i, t in enumerate(doc.tokens[prev.t1 : u.t0], start=prev.t1) if i not in hidden and t.f not in modifier_words]
            # With no words between them, only a conjunction fused to the second name joins two
            # actors ("وبيلاروسيا"), not a name that begins with the same letter ("وليام").
            fused = doc.tokens[u.t0].f[:1] in doc.rs.lang.conjunctions and (doc.tokens[u.t0].start < u.start or _role_after_conjunction(doc, u))
            # "كل من", "namely", "including" open a new list rather than continuing one.
            # "sold arms to Spain, and Bangladesh imports ...": a comma before "and" after a single
            # actor joins two clauses; a list of two takes no comma ("Egypt and Jordan").
            clauses = 2 <= len(gap) <= 3 and len(groups[gid]) == 1 and _joins_clauses(gap, doc.rs)
            if not clauses and _only_coordinators(gap, list_words, phrases) and (gap or fused) and not _opens_list(gap, list_open):
                joined = True
        if not joined:
            gid += 1
            groups[gid] = []
        u.group = gid
        groups[gid].append(u)
        if joined and not u.marker:
            u.marker = prev.marker
        prev = u
    return groups


@lru_cache(maxsize=None)
def _list_words(rs: RuleSet) -> tuple[frozenset[str], list[str], frozenset[str]]:
    """Return a language's coordinators and list openers, its multi-word ones longest first, and the modifiers a gap may hold (cached)."""
    list_words = rs.cues.get("list", frozenset()) | rs.cues.get("list_open", frozenset()) | rs.cues.get("coord", frozenset())
    # Multi-word coordinators ("إلى جانب كل من", "along with") must appear whole in the gap.
    phrases = sorted((p for p in list_words if " " in p), key=len, reverse=True)
    return list_words, phrases, rs.cues.get("backing", frozenset()) | {"-"}


def _foreign_word(tokens, t0: int, t1: int, hidden: set[int], modifiers: frozenset[str], joining: frozenset[str]) -> bool:
    """Return whether tokens [t0, t1) hold a word that joins nothing: two actors it separates form no list."""
    # Checked first and left at the first such word: most gaps are clauses, not lists.
    return any(tokens[i].f not in joining and tokens[i].f not in modifiers and i not in hidden for i in range(t0, t1))


def _joins_clauses(gap: list[str], rs: RuleSet) -> bool:
    """Return whether a gap is a comma and "and" (past a determiner): ", and the EU ..." opens a clause."""
    bare = [g for g in gap if g not in rs.cues.get("determiner", frozenset())]
    return len(bare) == 2 and bare[0] in rs.words["comma"] and bare[1] in rs.words["and"]


def _opens_list(gap: list[str], list_open: frozenset[str]) -> bool:
    """Return whether the tokens between two actors hold or are a list opener ("كل من", "namely")."""
    return any(g in list_open for g in gap) or " ".join(gap) in list_open


def _role_after_conjunction(doc: Doc, u: Unit) -> bool:
    """Return whether a role unit's first word is a conjunction fused to a role noun ("والرئيس"; not "وزير")."""
    if u.form not in ("role", "coref"):
        return False
    return doc.rs.lang.split_article(doc.tokens[u.t0].f[1:])[0] in _role_stems(doc.rs)


@lru_cache(maxsize=None)
def _role_stems(rs: RuleSet) -> frozenset[str]:
    """Return the first words of the language's role nouns without their article (cached)."""
    return frozenset(rs.lang.split_article(w)[0] for w in rs.role_words)


def _only_coordinators(gap: list[str], words: frozenset[str], phrases: list[str]) -> bool:
    """Return whether the tokens between two actors are only commas, "and" and list phrases."""
    # Most gaps hold a word that is neither a coordinator nor in any list phrase: no need to join them.
    in_phrases = _phrase_words(tuple(phrases))
    if any(t not in words and t not in in_phrases for t in gap):
        return False
    rest = f" {' '.join(gap)} "
    for phrase in phrases:
        rest = rest.replace(f" {phrase} ", " ")
    return all(t in words for t in rest.split())


@lru_cache(maxsize=16)
def _phrase_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """Return the words of the multi-word list phrases (cached: a language has one set)."""
    return frozenset(w for p in phrases for w in p.split())
