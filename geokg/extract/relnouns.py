"""Relational stance nouns: "its arch-rival X", "X's rival Y", "وخصمه NAME" state a stance."""

from __future__ import annotations

from functools import lru_cache

from ..ontology import symmetric_relations
from .modality import modality_of
from .rules import RuleSet, priors
from .state import Doc, Found
from .units import Unit

#: words.tsv kind -> the relation its nouns state between the possessor and the named actor.
_NOUNS = {"rival_noun": "opposes", "ally_noun": "alliedWith"}
#: words.tsv kind -> the relation a noun after a hyphenated pair of actors states ("the U.S.-Japan alliance").
_PAIR_NOUNS = {"pair_alliance_noun": "alliedWith", "pair_partnership_noun": "cooperatesWith", "pair_rivalry_noun": "opposes"}
#: words.tsv kind -> the relation a prefix hyphened to an actor states for its owner ("his pro-Israel rhetoric").
_PREFIXES = {"pro_prefix": "supports"}
_CONFIDENCE = 0.65
_CLASH_REACH = 3  # words after "X and Y troops" where a verb may say they fought each other
_MODIFIERS = 3  # adjectives and hyphen pieces allowed between the possessor and the noun ("main", "arch -")


def relational_nouns(doc: Doc) -> list[Found]:
    """Return opposes / alliedWith statements from possessed stance nouns followed by a named actor."""
    rs, tokens = doc.rs, doc.tokens
    nouns = _forms(rs)
    pair_nouns = {w: rel for kind, rel in _PAIR_NOUNS.items() for w in rs.words[kind]}
    prefixes = {w: rel for kind, rel in _PREFIXES.items() for w in rs.words[kind]}
    forces = rs.words["joint_force_noun"]
    hits = doc.word_hits(nouns.keys() | pair_nouns.keys() | prefixes.keys() | forces)
    if not hits:
        return []
    starts = {u.t0: u for u in doc.units if not u.absorbed}
    ends = {u.t1: u for u in doc.units if not u.absorbed}
    out: list[Found] = []
    for t, si in hits:
        s0, s1 = doc.sentences[si]
        rel, pronoun = nouns.get(tokens[t].f, (None, ""))
        obj = starts.get(t + 1)
        if obj is None and rel is not None and t + 2 < s1 and tokens[t + 1].f in rs.words["comma"]:
            obj = starts.get(t + 2)  # "Iran's enemies, Israel and the U.S., ..."
        if rel is not None and obj is not None:
            pairs = [(a, b) for a in _owners(doc, t, s0, pronoun) for b in _members(doc, obj)] or _mutual(doc, t, obj)
        elif tokens[t].f in pair_nouns:
            rel, pairs = pair_nouns[tokens[t].f], _hyphen_pair(doc, t, s0, ends)
            if rel not in symmetric_relations():
                pairs += [(b, a) for a, b in pairs]  # "the India-Pakistan rivalry": each side's stance
        elif tokens[t].f in forces:
            rel, pairs = "militaryCooperation", _joint_forces(doc, t, s0, s1, ends)
        elif tokens[t].f in prefixes and t + 2 < s1 and tokens[t + 1].f == "-" and (obj := starts.get(t + 2)):
            rel, pairs = prefixes[tokens[t].f], [(a, b) for a in _owners(doc, t, s0, "") for b in obj.entity_ids]
        else:
            continue
        mod = modality_of(t, t + 1, (s0, s1), doc.cues, tokens, False, rs.words["denial"])
        for a, b in pairs:
            if a != b and doc.fits(rel, a, b):
                out.append(Found(a, rel, b, si, mod, min(_CONFIDENCE, priors()[rel]), f"{rs.lang.code}:{rel}:noun"))
    return out


@lru_cache(maxsize=8)
def _forms(rs: RuleSet) -> dict[str, tuple[str, str]]:
    """Return every written form of a stance noun (with a conjunction, with a pronoun suffix) -> (relation, suffix)."""
    out: dict[str, tuple[str, str]] = {}
    for kind, rel in _NOUNS.items():
        for noun in rs.words[kind]:
            for conj in ("", *rs.lang.conjunctions):
                out[conj + noun] = (rel, "")
                out.update({conj + noun + suffix: (rel, suffix) for suffix in rs.words["possessive_suffix"]})
    return out


def _owners(doc: Doc, t: int, s0: int, pronoun: str) -> list[str]:
    """Return the entity ids owning the noun at *t*: a possessive name, or a pronoun's antecedent."""
    tokens, words = doc.tokens, doc.rs.words
    j = t - 1
    while not pronoun and j >= s0 and t - j <= _MODIFIERS and tokens[j].f not in words["possessive"] and not _owner_end(doc, j):
        if not (tokens[j].f.isalpha() or tokens[j].f == "-"):
            return []
        j -= 1
    if not pronoun and j >= s0 and tokens[j].f in words["possessive"]:
        pronoun = tokens[j].f
    if pronoun:
        return _antecedent(doc, t, s0, pronoun in words["plural_possessive"])
    owner = next((u for u in doc.units if u.t1 == j + 1 and not u.absorbed), None) if j >= s0 and _owner_end(doc, j) else None
    return _members(doc, owner) if owner else []


def _mutual(doc: Doc, t: int, obj: Unit) -> list[tuple[str, str]]:
    """Return both directions of the pair a plural stance noun names ("longtime rivals India and Pakistan"), or []."""
    members = list(dict.fromkeys(_members(doc, obj)))
    if doc.tokens[t].f not in doc.rs.words["mutual_noun"] or len(members) != 2:
        return []
    a, b = members
    return [(a, b), (b, a)]


def _joint_forces(doc: Doc, t: int, s0: int, s1: int, ends: dict[int, Unit]) -> list[tuple[str, str]]:
    """Return the pair of "Mozambican and Rwandan forces": two demonyms joined by "and" right before
    a force noun fight side by side; not "between Indian and Chinese troops" nor forces that clash
    (words kinds ``joint_force_noun``, ``clash_verb``)."""
    words, tokens = doc.rs.words, doc.tokens
    b = ends.get(t)
    a = ends.get(b.t0 - 1) if b is not None and b.t0 - 1 > s0 and tokens[b.t0 - 1].f in words["and"] else None
    if a is None or a.form != "demonym" or b.form != "demonym" or (a.t0 > 0 and tokens[a.t0 - 1].f in words["between"]):
        return []
    if any(tokens[k].f in words["clash_verb"] for k in range(t + 1, min(s1, t + 1 + _CLASH_REACH))):
        return []
    return [(x, y) for x in a.entity_ids for y in b.entity_ids if x != y]


def _hyphen_pair(doc: Doc, t: int, s0: int, ends: dict[int, Unit]) -> list[tuple[str, str]]:
    """Return the pair "A-B" right before the noun at *t*, allowing two modifier words ("strategic cooperative")."""
    for end in (t, t - 1, t - 2):
        b = ends.get(end)
        if b is None or not all(doc.tokens[k].f.isalpha() for k in range(end, t)):
            continue
        a = ends.get(b.t0 - 1) if b.t0 - 1 > s0 and doc.tokens[b.t0 - 1].f == "-" else None
        if a is not None:
            return [(x, y) for x in a.entity_ids for y in b.entity_ids]
    return []


def _antecedent(doc: Doc, t: int, s0: int, plural: bool) -> list[str]:
    """Return the ids of the nearest unmarked actor before *t* in its sentence; a plural pronoun wants a coordination."""
    before = [u for u in reversed(list(doc.units)) if s0 <= u.t0 and u.t1 <= t and not u.absorbed and not u.marker]
    if plural:
        before = [u for u in before if len(_members(doc, u)) > 1] or before
    return _members(doc, before[0]) if before else []


def _owner_end(doc: Doc, j: int) -> bool:
    """Return whether token *j* closes a possessive name ("Cuba's")."""
    return doc.tokens[j].f.endswith(tuple(doc.rs.words["possessive_ending"])) and any(u.t1 == j + 1 for u in doc.units)


def _members(doc: Doc, u: Unit) -> list[str]:
    """Return the entity ids of *u* and of the units coordinated with it."""
    return [e for m in doc.coordinated(u) for e in m.entity_ids]
