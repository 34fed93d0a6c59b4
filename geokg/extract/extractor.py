"""Article -> Extraction: folding, mentions, entities, roles, relations, evidence."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import ChainMap
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..model import Article, Entity, Extraction, Mention, Statement
from .attribution import attributions
from .document import tokenize, sentences
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import NameIndex
from .modality import Cue
from .qualifiers import qualifiers_in
from .relations import Doc, Found, Hit, find_relations
from .resolve import choose, surname_entries
from .roles import RoleBinding, bind_roles
from .rules import RuleSet, load_ruleset
from .units import Unit, proclitic_marker, token_range

EXTRACTOR_VERSION = "0.1.0"
_CONJ = frozenset("وف")
# Possessive pronouns fused to (Arabic) or standing before (English) a trigger noun.
_POSSESSIVE = frozenset({"ه", "ها", "هم", "هما", "its", "his", "her", "their"})


@lru_cache(maxsize=8)
def _name_index(gaz: Gazetteer, lang: str) -> NameIndex:
    """Return the name index of *gaz* for *lang* (cached per gazetteer)."""
    rs = load_ruleset(lang)
    return NameIndex(rs.lang, list(gaz.names.get(lang, ())))


@lru_cache(maxsize=8)
def _given_names(gaz: Gazetteer, lang: str) -> frozenset[str]:
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


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Return the entities, mentions and statements found in *article*."""
    gaz = gazetteer or load_gazetteer()
    rs = load_ruleset(article.lang)
    text = article.text
    folded = rs.lang.fold(text)
    tokens = tokenize(folded)
    sent_spans = sentences(text)
    sent_tokens = [token_range(tokens, s, e) if tokens else (0, 0) for s, e in sent_spans]
    index = _name_index(gaz, article.lang)

    cues = [Cue(c.entity_id, *token_range(tokens, m.start, m.end)) for m in rs.cue_index.find(folded) for c in m.candidates[:1]]
    list_ends = {c.t1 for c in cues if c.kind in ("list", "list_open")}
    units = _entity_units(folded, tokens, index, gaz, rs, list_ends)
    units.sort(key=lambda u: u.t0)
    units += _anaphor_units(units, cues, tokens, rs)  # "the group's leader X" needs the group first
    units.sort(key=lambda u: u.t0)
    roles = [(*token_range(tokens, m.start, m.end), rs.roles[int(m.candidates[0].entity_id)]) for m in rs.role_index.find(folded)]
    bindings = bind_roles(tokens, units, roles, rs, text, _given_names(gaz, article.lang))
    new_people: dict[str, Entity] = {}
    office_facts: list[tuple[str, str, str, int, int, str | None]] = []
    backed: list[tuple[str, str, int]] = []  # (backer, backed, token) from "Iran-backed Hezbollah"
    units = _apply_roles(units, bindings, tokens, gaz, article, rs, new_people, office_facts)
    office_facts += _possessive_offices(units, tokens, gaz, article)
    units.sort(key=lambda u: u.t0)
    _place(units, sent_tokens)
    units += _pair_units(units, cues, tokens, rs)
    units += _pronoun_units(units, cues, tokens, rs)
    units += _backing_facts(units, tokens, rs, backed)
    units.sort(key=lambda u: u.t0)
    _place(units, sent_tokens)
    doc = Doc(tokens, sent_tokens, units, cues, rs, _kinds(gaz, new_people), _countries(gaz, new_people, bindings), _gazetteer_places(gaz))
    _group(doc)
    hits = []
    for m in rs.trigger_index.find(folded):
        t0, t1 = token_range(tokens, m.start, m.end)
        prefix = rs.lang.fold(text[tokens[t0].start : m.start]).text
        suffix = rs.lang.fold(text[m.end : tokens[t1 - 1].end]).text
        # One phrase may carry several rows ("الحرب على" attacks, "الحرب بين" at war): the
        # argument markers decide which of them fire.
        if any(t0 == t + 2 for _, _, t in backed):
            continue  # the "backed" of "Iran-backed" is already a statement
        for cand in m.candidates:
            trig = rs.triggers[int(cand.entity_id)]
            possessive = trig.possessive or suffix in _POSSESSIVE or (t0 > 0 and tokens[t0 - 1].f in _POSSESSIVE)
            hits.append(Hit(t0, t1, trig, future=prefix.lstrip("وف") == "س", possessive=possessive))
    found = [f for f in find_relations(doc, hits) if f.predicate not in ("leaderOf", "ministerOf") or _plausible_office(gaz, f.subject, f.predicate, f.object)]
    for backer, target, t in backed:
        si = max(0, bisect_right([a for a, _ in sent_tokens], t) - 1)
        found.append(Found(backer, "supports", target, si, "asserted", 0.8, f"{rs.lang.code}:supports:backed"))

    said = attributions(tokens, [u for u in units if not u.absorbed], cues, sent_tokens, text, bool(rs.lang.data.get("speaker_after_verb")))
    statements = []
    for subj, pred, obj, t0, t1, role in office_facts:
        si = next((i for i, (a, b) in enumerate(sent_tokens) if a <= t0 < b), 0)
        statements.append(_statement(article, sent_spans[si], subj, pred, obj, "asserted", 0.9, f"{rs.lang.code}:{pred}:role", role, None))
    for f in found:
        statements.append(_statement(article, sent_spans[f.sentence], f.subject, f.predicate, f.object, f.modality, f.confidence, f.rule, None, said.get(f.sentence)))
    qualifiers: dict[tuple[int, int], tuple] = {}
    statements = [replace(st, qualifiers=qualifiers.setdefault((st.start, st.end), qualifiers_in(st.evidence, article))) for st in statements]
    statements = _dedupe(statements)
    used = {s.subject for s in statements} | {s.object for s in statements}
    ent_ids = list(dict.fromkeys([e for u in units for e in u.entity_ids] + sorted(used)))
    entities = tuple(new_people[e] if e in new_people else gaz.entities[e] for e in ent_ids if e in new_people or e in gaz.entities)
    mentions = tuple(
        Mention(u.start, u.end, text[u.start : u.end], e, u.form) for u in units for e in u.entity_ids if u.form != "pair"
    )
    return Extraction(article, entities, mentions, tuple(statements))


def _entity_units(folded, tokens, index: NameIndex, gaz: Gazetteer, rs: RuleSet, list_ends: set[int]) -> list[Unit]:
    """Return units for gazetteer names, full names first so surnames can lean on them."""
    raw = index.find(folded)
    seen = {c.entity_id for m in raw for c in m.candidates if c.form != "surname"}
    # Surnames only for people this article names in full: a small second automaton.
    table = _surnames(gaz, rs.lang.code)
    entries = [e for pid in sorted(seen) for e in table.get(pid, ())]
    if entries:
        taken = [(m.start, m.end) for m in raw]
        extra = [m for m in NameIndex(rs.lang, entries).find(folded) if not any(m.start < e and s < m.end for s, e in taken)]
        raw = sorted(raw + extra, key=lambda m: m.start)
    surname_stop, ambiguous = _name_lists(rs)
    units = []
    for m in raw:
        cand = choose(m, gaz, seen)
        if cand is None or (cand.form == "surname" and rs.lang.fold_name(m.surface) in surname_stop):
            continue
        t0, t1 = token_range(tokens, m.start, m.end)
        ent = gaz.entities[cand.entity_id]
        marker = ""
        if tokens:
            tok = tokens[t0]
            prefix = rs.lang.fold(folded.original[tok.start : m.start]).text if m.start > tok.start else ""
            marker = proclitic_marker(tok, m.start, prefix, _CONJ, rs.lang.article)
            if not marker:
                marker = _preceding_marker(tokens, t0, rs, list_ends)
            if not marker and cand.form == "demonym" and rs.lang.data.get("adjective_after_noun"):
                marker = _inherited_marker(tokens, t0, rs)
        units.append(Unit(t0, t1, m.start, m.end, (cand.entity_id,), ent.kind, _form(cand.form), marker))
    return [u for u in units if rs.lang.fold_name(folded.original[u.start : u.end]) not in ambiguous or _corroborated(u, units, tokens, rs)]


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


def _place(units: list[Unit], sent_tokens: list[tuple[int, int]]) -> None:
    """Set each unit's sentence index from the sentences' token spans."""
    starts = [a for a, _ in sent_tokens]
    for u in units:
        u.sentence = max(0, bisect_right(starts, u.t0) - 1)


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Return one statement per (subject, predicate, object, span, modality), the most confident."""
    best: dict[tuple, Statement] = {}
    for st in statements:
        key = (st.subject, st.predicate, st.object, st.start, st.end, st.modality)
        if key not in best or st.confidence > best[key].confidence:
            best[key] = st
    return list(best.values())


def _preceding_marker(tokens, t0: int, rs: RuleSet, list_ends: set[int]) -> str:
    """Return the preposition governing the actor at *t0*, looking past "the" and "south of".

    "كل من X", "إضافة إلى X" open a list: their preposition governs nothing.
    """
    skip = rs.cues.get("determiner", frozenset()) | rs.cues.get("region", frozenset())
    k = t0 - 1
    while k >= 0 and t0 - k <= 3 and tokens[k].f in skip:
        k -= 1
    if k < 0 or k + 1 in list_ends:
        return ""
    word = tokens[k].f
    if word in rs.markers:
        return word
    if word[:1] in _CONJ and word[1:] in rs.markers:
        return word[1:]  # "وفي القاهرة"
    return ""


def _inherited_marker(tokens, t0: int, rs: RuleSet) -> str:
    """Return the preposition of the noun a demonym modifies: "على مواقع حدودية باكستانية" -> على."""
    for k in range(t0 - 1, max(-1, t0 - 4), -1):
        word = tokens[k].f
        if word in rs.markers:
            return word
        if word[:1] in _CONJ and word[1:] in rs.markers:
            return word[1:]
        if not word.isalpha() or word in rs.trigger_words or word[1:] in rs.trigger_words:
            return ""
    return ""


def _form(form: str) -> str:
    return {"label": "name", "alias": "name", "abbr": "name"}.get(form, form)


def _apply_roles(units, bindings: list[RoleBinding], tokens, gaz: Gazetteer, article: Article, rs: RuleSet, new_people, office_facts) -> list[Unit]:
    """Return units with each role phrase folded into one person unit; record office facts."""
    keep = [u for u in units]
    named_here = {u.entity_id for u in units if u.kind == "person" and u.form != "surname"}
    named_here |= {b.person for b in bindings if b.person}
    for b in bindings:
        people: list[str] = []
        if b.person:
            people = [b.person]
        elif b.new_person:
            surface, lang = b.new_person
            pid = mint_person_id(surface, lang)
            country = b.affiliation[0] if b.affiliation else None
            new_people[pid] = Entity(pid, "person", ((lang, surface),), None, country)
            people = [pid]
        elif b.role.role in _VAGUE_ROLES or (rs.lang.code == "en" and b.t0 > 0 and tokens[b.t0 - 1].f == ","):
            # "a minister" names no one office, and ", Rwanda's minister of state" describes the
            # name before the comma: neither is a reference to an office-holder.
            people = []
        elif b.role.role and b.affiliation:
            people = _office_holders(gaz, b, article, named_here)
        elif b.role.role:
            # "المرشد الأعلى", "the president": the one person named here who holds such an office.
            holders = sorted(p for p in named_here if any(_same_office(b.role.role, o.role) for o in gaz.offices_of(p)))
            people = holders if len(holders) == 1 else []
        named = b.person is not None or b.new_person is not None
        relation, portfolio = b.role.relation, b.role.portfolio
        if named and b.person and not relation and b.affiliation:
            # "نظيره الروسي فلاديمير بوتين", "his Ukrainian counterpart": the gazetteer says which office.
            relation, portfolio = _known_office(gaz, b.person, b.affiliation[0], article)
        if named and relation and not b.former:
            target = b.host if relation == "ambassadorTo" else (b.affiliation[0] if b.affiliation else None)
            if target is None and b.person:
                target = _office_of(gaz, b.person, b.role.role, article)
            if b.role.holders == "list" and b.person and not b.affiliation and target is None:
                continue
            if target and _in_scope(b.role.role, target, gaz, new_people) and _plausible_office(gaz, people[0], relation, target):
                office_facts.append((people[0], relation, target, b.t0, b.t1, portfolio or None))
        ids = tuple(people) or tuple(b.affiliation)
        if b.role.role in _SPOKESPERSON_ROLES and b.affiliation:
            # A spokesperson speaks for the state or body, not for themself: the phrase acts as
            # the state, and the person stays a (non-acting) mention.
            if people:
                keep.append(Unit(b.t0, max(b.t1, b.t0 + 1), tokens[b.t0].start, tokens[max(b.t0, b.t1 - 1)].end, tuple(people), "person", "role", "", absorbed=True))
            ids = (_speaker_state(gaz, b.affiliation),)
        if not ids:
            continue
        start, end = tokens[b.t0].start, tokens[max(b.t0, b.t1 - 1)].end
        inside = [u for u in keep if b.t0 <= u.t0 and u.t1 <= max(b.t1, b.t0 + 1) and not u.absorbed]
        for u in inside:
            # Names inside the phrase stay mentions (the demonym names a state) but not actors.
            u.absorbed = True
        marker = ""
        if b.t0 > 0 and tokens[b.t0 - 1].f in rs.markers:
            marker = tokens[b.t0 - 1].f
        kind = "person" if people else (inside[0].kind if inside else "state")
        # A person the phrase does not name ("الرئيس الصيني" -> Xi) is coreference, not a mention.
        form = "coref" if people and not named else "role"
        keep.append(Unit(b.t0, max(b.t1, b.t0 + 1), start, end, ids, kind, form, marker))
    return keep


def _office_holders(gaz: Gazetteer, b: RoleBinding, article: Article, named_here: set[str]) -> list[str]:
    """Return who "the Chinese president" means: one person per affiliation, or [] if unsure.

    A holder the article names elsewhere wins; otherwise the holder on the article date.
    Undated articles resolve only to people they name, never to today's office-holder.
    """
    out = []
    for aff in b.affiliation:
        ever = {o.person for o in gaz.offices_for(aff) if _same_office(b.role.role, o.role)}
        here = sorted(ever & named_here)
        if len(here) == 1:
            out.append(here[0])
            continue
        dated = _holders_on(gaz, b.role.role, aff, article.published) if article.published else []
        if len(dated) != 1:
            return []
        out.append(dated[0])
    return out


_SPOKESPERSON_ROLES = frozenset({"spokesperson"})
_VAGUE_ROLES = frozenset({"commander", "deputy", "envoy"})
# Gazetteer office roles -> the relation a text stating that office asserts.
_OFFICE_RELATIONS = {"head_of_state": "leaderOf", "head_of_government": "leaderOf", "secretary_general": "leaderOf", "president": "leaderOf", "commander": "leaderOf", "ambassador": "ambassadorTo"}
# Roles that only make someone the leader of a non-state body ("قائد الجيش السوداني", not "قائد روسي").
_BODY_ONLY_ROLES = frozenset({"commander"})


def _speaker_state(gaz: Gazetteer, affiliation: tuple[str, ...]) -> str:
    """Return the state a spokesperson speaks for: a state in the affiliation, else its body's state."""
    for a in affiliation:
        ent = gaz.entities.get(a)
        if ent is not None and ent.kind == "state":
            return a
    first = gaz.entities.get(affiliation[0])
    return first.country if first is not None and first.country else affiliation[0]


def _possessive_offices(units: list[Unit], tokens, gaz: Gazetteer, article: Article) -> list[tuple]:
    """Return office facts for "Kazakhstan's Kassym-Jomart Tokayev" when the gazetteer knows the office."""
    out = []
    for a, b in zip(units, units[1:]):
        if a.kind == "state" and b.kind == "person" and b.form != "role" and b.t0 == a.t1 and tokens[a.t1 - 1].f.endswith("'s"):
            relation, portfolio = _known_office(gaz, b.entity_id, a.entity_id, article)
            if relation and relation != "ambassadorTo":
                out.append((b.entity_id, relation, a.entity_id, a.t0, b.t1, portfolio or None))
    return out


def _known_office(gaz: Gazetteer, person: str, of: str, article: Article) -> tuple[str, str]:
    """Return (relation, portfolio) for the office *person* holds of *of* per the gazetteer, or ("", "")."""
    for o in gaz.offices_of(person):
        if o.of == of and (article.published is None or o.held_on(article.published)):
            if o.role.endswith("_minister"):
                return "ministerOf", o.role.removesuffix("_minister")
            if o.role in _OFFICE_RELATIONS:
                return _OFFICE_RELATIONS[o.role], ""
    return "", ""


def _plausible_office(gaz: Gazetteer, person: str, relation: str, target: str) -> bool:
    """Return False when the gazetteer lists the person's offices and none fits the stated one.

    Role words are ambiguous ("المستشار" is a chancellor or an adviser); for people whose
    career the gazetteer knows, it arbitrates.
    """
    offices = gaz.offices_of(person)
    if not offices or relation == "ambassadorTo":
        return True
    wanted = {"leaderOf": _LEADER_ROLES, "ministerOf": None}[relation] if relation in ("leaderOf", "ministerOf") else None
    for o in offices:
        if o.of == target and (wanted is None and o.role.endswith("minister") or wanted is not None and o.role in wanted):
            return True
    return False


_LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "secretary_general", "president", "commander", "high_representative", "vice_president"})


def _in_scope(role: str, target: str, gaz: Gazetteer, new_people) -> bool:
    """Return whether a role can relate its holder to *target* (commanders lead bodies, not states)."""
    if role not in _BODY_ONLY_ROLES:
        return True
    ent = gaz.entities.get(target)
    return ent is not None and ent.kind in ("org", "armed_group", "igo", "party")


def _office_of(gaz: Gazetteer, person: str, role: str, article: Article) -> str | None:
    """Return what *person* held *role* of on the article date, per the gazetteer."""
    offices = {
        o.of for o in gaz.offices_of(person)
        if _same_office(role, o.role) and (article.published is None or o.held_on(article.published))
    }
    return offices.pop() if len(offices) == 1 else None


def _holders_on(gaz: Gazetteer, role: str, of: str, day: date) -> list[str]:
    """Return who held *role* of *of* on *day*: the exact office first, then compatible ones."""
    offices = [o for o in gaz.offices_for(of) if o.held_on(day)]
    exact = sorted({o.person for o in offices if o.role == role})
    return exact or sorted({o.person for o in offices if _same_office(role, o.role)})


def _same_office(text_role: str, office_role: str) -> bool:
    """Return whether a role named in text can denote a gazetteer office ("president" ~ head of government)."""
    if text_role == office_role:
        return True
    if text_role == "minister":
        return office_role.endswith("_minister")
    return {text_role, office_role} <= {"head_of_state", "head_of_government"}


def _backing_facts(units: list[Unit], tokens, rs: RuleSet, out: list[tuple[str, str, int]]) -> list[Unit]:
    """Record "Iran-backed Hezbollah" as Iran supports Hezbollah; the backer stops being an actor.

    Returns no new units: the modifier is only marked absorbed, so "a ceasefire between Israel
    and Iran-backed Hezbollah" pairs Israel with Hezbollah.
    """
    words = rs.cues.get("backing", frozenset())
    if not words:
        return []
    for a, b in zip(units, units[1:]):
        gap = [t.f for t in tokens[a.t1 : b.t0]]
        if len(gap) == 2 and gap[0] == "-" and gap[1] in words and not a.absorbed:
            out.extend((e, f, a.t1 - 1) for e in a.entity_ids for f in b.entity_ids)
            a.absorbed = True
    return []


def _pronoun_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
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


def _anaphor_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
    """Return units for "the organisation / the alliance / المنظمة": the last organisation named before."""
    out = []
    covered = {t for u in units for t in range(u.t0, u.t1)}
    for c in cues:
        if c.kind != "org_anaphor" or c.t0 in covered:
            continue
        before = [u for u in units if u.t1 <= c.t0 and u.kind in ("igo", "initiative", "armed_group", "org", "party")]
        if not before:
            continue
        marker = tokens[c.t0 - 1].f if c.t0 > 0 and tokens[c.t0 - 1].f in rs.markers else ""
        out.append(Unit(c.t0, c.t1, tokens[c.t0].start, tokens[c.t1 - 1].end, before[-1].entity_ids, before[-1].kind, "coref", marker))
    return out


_PAIR_GLUE = frozenset({"و", "and", "the", ",", "،"})


def _pair_units(units, cues: list[Cue], tokens, rs: RuleSet) -> list[Unit]:
    """Return units for "the two countries / البلدين" (or "the two leaders"): the last two named before."""
    out = []
    covered = {t for u in units for t in range(u.t0, u.t1)}
    for c in cues:
        if c.kind not in ("pair", "pair_people", "pair_any") or c.t0 in covered:
            continue
        kinds = {"pair": {"state"}, "pair_people": {"person"}}.get(c.kind, {"state", "person"})
        before = [u for u in units if u.t1 <= c.t0 and u.kind in kinds and u.form != "pair" and not u.absorbed]
        ids: list[str] = []
        kind = "state"
        # The pair just discussed is, first, the last two actors written side by side ("Finland
        # and Sweden"); failing that, the last two distinct actors named.
        for a, b in reversed(list(zip(before, before[1:]))):
            gap = [t.f for t in tokens[a.t1 : b.t0]]
            fused = tokens[b.t0].start < b.start and tokens[b.t0].f[:1] in _CONJ
            if c.t0 - b.t1 < 120 and a.entity_ids != b.entity_ids and (fused and not gap or gap and all(g in _PAIR_GLUE for g in gap)):
                ids = [b.entity_id, a.entity_id]
                kind = b.kind
                break
        for u in reversed(before):
            if ids:
                break
            for e in reversed(u.entity_ids):
                if e not in ids:
                    ids.append(e)
            kind = u.kind
            if len(ids) >= 2:
                break
        if len(ids) >= 2:
            marker = "بين" if tokens[c.t0].f.startswith("بين") else ""
            if not marker and c.t0 > 0 and tokens[c.t0 - 1].f in rs.markers:
                marker = tokens[c.t0 - 1].f
            out.append(Unit(c.t0, c.t1, tokens[c.t0].start, tokens[c.t1 - 1].end, tuple(reversed(ids[:2])), kind, "pair", marker))
    return out


def _group(doc: Doc) -> None:
    """Assign coordination groups: units joined only by و / and / commas / list openers."""
    list_words = doc.rs.cues.get("list", frozenset()) | doc.rs.cues.get("list_open", frozenset()) | doc.rs.cues.get("coord", frozenset()) | {"،", ",", "و", "and"}
    # Multi-word coordinators ("إلى جانب كل من", "along with") must appear whole in the gap.
    phrases = sorted((p for p in list_words if " " in p), key=len, reverse=True)
    modifier_words = doc.rs.cues.get("backing", frozenset()) | {"-"}
    gid = 0
    prev: Unit | None = None
    # Modifiers inside a gap ("Iran-backed") do not break a list.
    hidden = {t for o in doc.units if o.absorbed for t in range(o.t0, o.t1)}
    for u in doc.units:
        if u.absorbed:
            continue  # part of a role phrase: neither joins nor breaks a list
        joined = False
        if prev is not None and prev.sentence == u.sentence:
            gap = [t.f for i, t in enumerate(doc.tokens[prev.t1 : u.t0], start=prev.t1) if i not in hidden and t.f not in modifier_words]
            opener = " ".join(gap) in doc.rs.cues.get("list_open", frozenset())
            # With no words between them, only a conjunction fused to the second name joins two
            # actors ("وبيلاروسيا"), not a name that begins with the same letter ("وليام").
            fused = doc.tokens[u.t0].start < u.start and doc.tokens[u.t0].f[:1] in _CONJ
            if not opener and _only_coordinators(gap, list_words, phrases) and (gap or fused):
                joined = True
        if not joined:
            gid += 1
            doc.groups[gid] = []
        u.group = gid
        doc.groups[gid].append(u)
        if joined and not u.marker:
            u.marker = prev.marker
        prev = u


def _only_coordinators(gap: list[str], words: frozenset[str], phrases: list[str]) -> bool:
    """Return whether the tokens between two actors are only commas, "and" and list phrases."""
    rest = f" {' '.join(gap)} "
    for phrase in phrases:
        rest = rest.replace(f" {phrase} ", " ")
    return all(t in words for t in rest.split())


def _kinds(gaz: Gazetteer, new_people) -> ChainMap:
    """Return entity id -> kind for the gazetteer plus the people minted from this article."""
    return ChainMap({e: ent.kind for e, ent in new_people.items()}, _gazetteer_kinds(gaz))


def _countries(gaz: Gazetteer, new_people, bindings) -> ChainMap:
    """Return person id -> state id, the article's role phrases first, then the gazetteer."""
    local = {e: ent.country for e, ent in new_people.items() if ent.country}
    for b in bindings:
        if b.person and b.affiliation:
            local[b.person] = b.affiliation[0]
    return ChainMap(local, _gazetteer_countries(gaz))


@lru_cache(maxsize=8)
def _gazetteer_places(gaz: Gazetteer) -> dict[str, str]:
    return {e: ent.country for e, ent in gaz.entities.items() if ent.kind in ("city", "place") and ent.country}


@lru_cache(maxsize=8)
def _gazetteer_kinds(gaz: Gazetteer) -> dict[str, str]:
    return {e: ent.kind for e, ent in gaz.entities.items()}


@lru_cache(maxsize=8)
def _gazetteer_countries(gaz: Gazetteer) -> dict[str, str]:
    return {e: ent.country for e, ent in gaz.entities.items() if ent.kind == "person" and ent.country}


def _statement(article: Article, span, subj, pred, obj, modality, confidence, rule, role, attribution) -> Statement:
    """Return a Statement whose evidence is the sentence *span* of the article."""
    s, e = span
    return Statement(subj, pred, obj, s, e, article.text[s:e], modality, confidence, attribution, (), rule, role)


_TRANSLIT = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a",
    "ء": "", "ئ": "y", "ؤ": "w",
})


def mint_person_id(surface: str, lang: str) -> str:
    """Return a stable id for a person found only in the text, e.g. "person/shyh-shyawywnj"."""
    slug = re.sub(r"[^a-z0-9]+", "-", surface.translate(_TRANSLIT).lower()).strip("-")
    if not slug:
        slug = hashlib.sha1(surface.encode()).hexdigest()[:12]
    return f"person/{slug}"
