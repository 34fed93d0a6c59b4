"""Gazetteer names in an article -> actor units: full names, surnames, markers, ambiguity checks."""

from __future__ import annotations

from functools import lru_cache

from ..lexicon.gazetteer import Gazetteer
from ..lexicon.normalize import Folded
from .document import Tokens
from .link import choose, surname_entries
from .mentions import Candidate, NameIndex, pattern_of
from .rules import RuleSet, load_ruleset
from .units import Unit, across_lines, proclitic_marker, token_range


@lru_cache(maxsize=8)
def name_index(gaz: Gazetteer, lang: str) -> NameIndex:
    """Return the name index of *gaz* for *lang* (cached per gazetteer)."""
    rs = load_ruleset(lang)
    return NameIndex(rs.lang, list(gaz.names.get(lang, ())))


def _surname_index(gaz: Gazetteer, lang: str, people: set[str]) -> NameIndex:
    """Return an automaton over the surnames of *people* in *lang*, in the gazetteer's order.

    Built per article: an article names a few people in full, and scanning for their surnames
    alone is much cheaper than scanning for every surname and dropping the others.
    """
    table, order = _surname_patterns(gaz, lang), _surname_order(gaz, lang)
    return NameIndex.of_patterns(load_ruleset(lang).lang, [p for pid in sorted(people, key=order.__getitem__) for p in table[pid]])


@lru_cache(maxsize=8)
def _surname_order(gaz: Gazetteer, lang: str) -> dict[str, int]:
    """Return person id -> their place in the surname table (cached per gazetteer)."""
    return {pid: i for i, pid in enumerate(_surnames(gaz, lang))}


@lru_cache(maxsize=8)
def _surname_patterns(gaz: Gazetteer, lang: str) -> dict[str, list[tuple[str, Candidate]]]:
    """Return person id -> the (pattern, candidate) of each of their surnames in *lang* (cached per gazetteer)."""
    rules = load_ruleset(lang).lang
    table = {pid: [pattern_of(rules, *e) for e in entries] for pid, entries in _surnames(gaz, lang).items()}
    return {pid: [p for p in pairs if p is not None] for pid, pairs in table.items()}


@lru_cache(maxsize=8)
def given_names(gaz: Gazetteer, lang: str) -> frozenset[str]:
    """Return the folded first words of the people's names in *lang*: known given names."""
    rs = load_ruleset(lang)
    return frozenset(
        rs.lang.fold_name(name.split()[0]) for eid, name, form in gaz.names.get(lang, ())
        if form in ("label", "alias") and " " in name and gaz.entities.get(eid) is not None and gaz.entities[eid].kind == "person"
    )


@lru_cache(maxsize=8)
def _surnames(gaz: Gazetteer, lang: str) -> dict[str, list[tuple[str, str, str]]]:
    """Return person id -> their surname entries in *lang* (cached per gazetteer)."""
    table: dict[str, list[tuple[str, str, str]]] = {}
    for entry in surname_entries(gaz, lang):
        table.setdefault(entry[0], []).append(entry)
    return table


def entity_units(folded: Folded, tokens: Tokens, gaz: Gazetteer, rs: RuleSet, list_ends: set[int]) -> list[Unit]:
    """Return units for gazetteer names in text order, full names first so surnames can lean on them.

    *list_ends*: tokens that end a list opener ("كل من"), whose preposition governs nothing.
    """
    raw = name_index(gaz, rs.lang.code).find(folded)
    # Each mention's full-name readings, listed once: the checks below all ask for them.
    readings = {id(m): {c.entity_id for c in m.candidates if c.form != "surname"} for m in raw}
    seen = set().union(*readings.values())
    # Surnames only for people this article names in full.
    table = _surnames(gaz, rs.lang.code)
    named = {pid for pid in seen if pid in table}
    if named:
        taken = bytearray(len(folded.original) + 1)  # characters inside a full name: a surname there is part of it
        for m in raw:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        extra = [m for m in _surname_index(gaz, rs.lang.code, named).find(folded) if taken.find(1, m.start, m.end) == -1]
        readings.update((id(m), set()) for m in extra)  # a surname automaton holds surnames only
        raw = sorted(raw + extra, key=lambda m: m.start)
    surname_stop, ambiguous = _name_lists(rs)
    elsewhere = _backing_names(raw, [readings[id(m)] for m in raw], gaz)
    units = []
    for m in raw:
        cand = choose(m, gaz, seen, elsewhere)
        if cand is None or (cand.form == "surname" and rs.lang.fold_name(m.surface) in surname_stop):
            continue
        t0, t1 = token_range(tokens, m.start, m.end)
        ent = gaz.entities[cand.entity_id]
        marker = _marker(folded, tokens, m.start, t0, cand.form, rs, list_ends) if tokens else ""
        unit = Unit(t0, t1, m.start, m.end, (cand.entity_id,), ent.kind, _form(cand.form), marker)
        unit.absorbed = (unit.form == "demonym" and _origin_only(tokens, unit, rs)) or _names_event(tokens, unit, rs)
        if len(readings[id(m)]) > 1:
            unit.extra["readings"] = True  # chosen among several readings (عمان, "Congolese")
        units.append(unit)
    return [u for u in units if rs.lang.fold_name(folded.original[u.start : u.end]) not in ambiguous or _corroborated(u, units, tokens, rs)]


# Words that may stand between a demonym and the noun it labels ("Palestinian suicide bombers").
ORIGIN_GAP = 1


def _origin_only(tokens: Tokens, u: Unit, rs: RuleSet) -> bool:
    """Return whether a demonym only labels people or bodies by origin ("Syrian rebels", "Irish
    newspapers", words kind ``nonstate_noun``): they are not its state, so it names no actor."""
    nouns = rs.words["nonstate_noun"]
    if not nouns:
        return False
    if rs.lang.data.get("adjective_after_noun"):
        near = range(max(0, u.t0 - 1 - ORIGIN_GAP), u.t0)
    else:
        near = range(u.t1, min(len(tokens), u.t1 + 1 + ORIGIN_GAP))
    return any(tokens[k].f in nouns and all(tokens[j].f.isalpha() for j in near if j != k) for k in near)


def _names_event(tokens: Tokens, u: Unit, rs: RuleSet) -> bool:
    """Return whether the actor only names an event it stands right before ("the Arab League summit",
    "the NATO summit"; words kind ``event_name_noun``): it is no party to what happens there.
    A hyphenated pair ("the Putin-Trump summit") still names the parties."""
    nouns = rs.words["event_name_noun"]
    if not nouns or u.t1 >= len(tokens) or tokens[u.t1].f not in nouns:
        return False
    k = u.t0 - 1
    while k >= 0 and tokens[k].f in rs.cues.get("determiner", frozenset()):
        k -= 1
    # "The G7 summit condemned X": an event phrase opening its clause speaks for its body.
    return k >= 0 and tokens[k].f.isalnum() and tokens[k].f != "-"


def _backing_names(raw, readings: list[set[str]], gaz: Gazetteer) -> dict[str, set[str]]:
    """Return entity id (or a person's country) -> surfaces of the names that name it alone; {} when no name has several readings.

    *readings*: the full-name entity ids of each mention of *raw*.
    """
    if all(len(ids) < 2 for ids in readings):
        return {}
    out: dict[str, set[str]] = {}
    for m, ids in zip(raw, readings):
        if len(ids) == 1 and (eid := next(iter(ids))) in gaz.entities:  # only unambiguous names back a reading
            for backed in (eid, gaz.entities[eid].country):
                if backed:
                    out.setdefault(backed, set()).add(m.surface)
    return out


def _marker(folded: Folded, tokens: Tokens, start: int, t0: int, form: str, rs: RuleSet, list_ends: set[int]) -> str:
    """Return the preposition governing a name at original offset *start* (token *t0*), or ""."""
    tok = tokens[t0]
    prefix = rs.lang.fold_name(folded.original[tok.start : start]) if start > tok.start else ""
    marker = proclitic_marker(tok, start, prefix, rs.lang.conjunctions, rs.lang.article)
    if not marker:
        marker = _preceding_marker(tokens, t0, rs, list_ends, folded.original)
    if not marker and form == "demonym" and rs.lang.data.get("adjective_after_noun"):
        marker = _inherited_marker(tokens, t0, rs)
    return marker


@lru_cache(maxsize=None)
def _name_lists(rs: RuleSet) -> tuple[frozenset[str], frozenset[str]]:
    """Return the folded surname stop-list and ambiguous names of a language (cached)."""
    cfg = rs.lang.data.get("names", {})
    stop = frozenset(rs.lang.fold_name(w) for w in cfg.get("surname_stop", [])) | rs.stopwords
    return stop, frozenset(rs.lang.fold_name(w) for w in cfg.get("ambiguous", []))


def _corroborated(u: Unit, units: list[Unit], tokens, rs: RuleSet) -> bool:
    """Return whether an ambiguous name (Jordan, Chad, مالي) is backed by its context.

    Another form of the same entity in the article, a preposition before it, or another
    state right next to it (a list) all count.
    """
    if u.marker:
        return True
    if any(o is not u and o.entity_ids == u.entity_ids and rs.lang.fold_name(tokens[o.t0].f) != rs.lang.fold_name(tokens[u.t0].f) for o in units):
        return True
    neighbours = [o for o in units if o is not u and o.kind == "state" and (0 <= u.t0 - o.t1 <= 1 or 0 <= o.t0 - u.t1 <= 1)]
    return bool(neighbours)


def _preceding_marker(tokens, t0: int, rs: RuleSet, list_ends: set[int], text: str) -> str:
    """Return the preposition governing the actor at *t0*, looking past "the", "south of" and "positions of".

    "كل من X", "إضافة إلى X" open a list: their preposition governs nothing, nor does the last
    word of a headline ("... not over") the line before.
    """
    skip = _skippable(rs)
    k = t0 - 1
    while k >= 0 and t0 - k <= 3 and tokens[k].f in skip:
        k -= 1
    if k < 0 or k + 1 in list_ends or across_lines(text, tokens[k], tokens[t0]):
        return ""
    if k > 0 and tokens[k].f in rs.words["marker_tail"]:
        k -= 1  # "من قبل X" (by X) is governed by من
    return _as_marker(tokens[k].f, rs)


@lru_cache(maxsize=None)
def _skippable(rs: RuleSet) -> frozenset[str]:
    """Return the words between a preposition and the actor it governs: determiners, regions and
    "positions of" (cached)."""
    return rs.cues.get("determiner", frozenset()) | rs.cues.get("region", frozenset()) | rs.cues.get("holding", frozenset())


def _as_marker(word: str, rs: RuleSet) -> str:
    """Return the preposition *word* is, past a fused conjunction ("وفي القاهرة"), or ""."""
    if word in rs.markers:
        return word
    if word[:1] in rs.lang.conjunctions and word[1:] in rs.markers:
        return word[1:]
    return ""


def _inherited_marker(tokens, t0: int, rs: RuleSet) -> str:
    """Return the preposition of the noun a demonym modifies: "على مواقع حدودية باكستانية" -> على,
    "للشعب الفلسطيني" -> ل."""
    for k in range(t0 - 1, max(-1, t0 - 4), -1):
        word = tokens[k].f
        marker = _as_marker(word, rs) or _fused_preposition(word, rs)
        if marker:
            return marker
        if not word.isalpha() or word in rs.trigger_words or word[1:] in rs.trigger_words:
            return ""
    return ""


def _fused_preposition(word: str, rs: RuleSet) -> str:
    """Return the one-letter preposition fused with the article to a noun ("للشعب", "وبالقوات"), or ""."""
    lang = rs.lang
    stem = word[1:] if word[:1] in lang.conjunctions else word
    if stem[:1] not in lang.prepositions or not lang.article:
        return ""
    rest = stem[1:]
    # لل: the article's alef drops after the preposition ل.
    fused = rest.startswith(lang.article) or (rest.startswith(lang.article[1:]) and stem[0] == lang.article[1:])
    return stem[0] if fused and len(rest) > len(lang.article) + 1 else ""


def _form(form: str) -> str:
    return {"label": "name", "alias": "name", "abbr": "name"}.get(form, form)
