"""Article -> Extraction: folding, mentions, entities, roles, relations, evidence."""

from __future__ import annotations

from bisect import bisect_right
from collections import ChainMap
from dataclasses import replace
from functools import lru_cache

from ..model import Article, Entity, Extraction, Mention, Statement
from .attendance import attendance_visits
from .attribution import attributions
from .coref import anaphor_units, backing_facts, group_units, pair_units, pronoun_units
from .document import tokenize, sentences
from ..lexicon.gazetteer import Gazetteer, load_gazetteer
from .mentions import NameIndex
from .modality import Cue
from .offices import apply_roles, plausible_office, possessive_offices
from .qualifiers import qualifiers_in
from .relations import Doc, Found, Hit, find_relations
from .link import choose, surname_entries
from .roles import bind_roles
from .rules import RuleSet, load_ruleset
from .units import Unit, proclitic_marker, token_range

EXTRACTOR_VERSION = "0.1.0"


@lru_cache(maxsize=8)
def _name_index(gaz: Gazetteer, lang: str) -> NameIndex:
    """Return the name index of *gaz* for *lang* (cached per gazetteer)."""
    rs = load_ruleset(lang)
    return NameIndex(rs.lang, list(gaz.names.get(lang, ())))


@lru_cache(maxsize=8)
def _surname_index(gaz: Gazetteer, lang: str) -> NameIndex:
    """Return an automaton over the surnames of every person of *gaz* in *lang* (cached per gazetteer)."""
    return NameIndex(load_ruleset(lang).lang, [e for entries in _surnames(gaz, lang).values() for e in entries])


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
    sent_spans = sentences(text, tuple(rs.lang.data.get("sentences", {}).get("abbreviations", ())))
    sent_tokens = [token_range(tokens, s, e) if tokens else (0, 0) for s, e in sent_spans]
    index = _name_index(gaz, article.lang)

    cues = [Cue(c.entity_id, t0, t1) for m in rs.cue_index.find(folded) for t0, t1 in (token_range(tokens, m.start, m.end),) for c in m.candidates]
    list_ends = {c.t1 for c in cues if c.kind in ("list", "list_open")}
    units = _entity_units(folded, tokens, index, gaz, rs, list_ends)
    units.sort(key=lambda u: u.t0)
    _place(units, sent_tokens)
    units += anaphor_units(units, cues, tokens, rs)  # "the group's leader X" needs the group first
    units.sort(key=lambda u: u.t0)
    roles = [(*token_range(tokens, m.start, m.end), rs.roles[int(m.candidates[0].entity_id)]) for m in rs.role_index.find(folded)]
    bindings = bind_roles(tokens, units, roles, rs, text, _given_names(gaz, article.lang))
    new_people: dict[str, Entity] = {}
    office_facts: list[tuple[str, str, str, int, int, str | None]] = []
    backed: list[tuple[str, str, int]] = []  # (backer, backed, token) from "Iran-backed Hezbollah"
    units = apply_roles(units, bindings, tokens, gaz, article, rs, new_people, office_facts)
    office_facts += possessive_offices(units, tokens, gaz, article, rs)
    units.sort(key=lambda u: u.t0)
    _place(units, sent_tokens)
    _absorb_member_phrases(units, tokens, rs)
    units += pair_units(units, cues, tokens, rs)
    units += pronoun_units(units, cues, tokens, rs)
    units += backing_facts(units, tokens, rs, backed)
    units.sort(key=lambda u: u.t0)
    _place(units, sent_tokens)
    doc = Doc(tokens, sent_tokens, units, cues, rs, _kinds(gaz, new_people), _countries(gaz, new_people, bindings), _gazetteer_places(gaz))
    group_units(doc)
    hits = []
    sent_starts = [a for a, _ in sent_tokens]
    possessives = rs.words["possessive"]
    for m in rs.trigger_index.find(folded):
        t0, t1 = token_range(tokens, m.start, m.end)
        prefix = rs.lang.fold_name(text[tokens[t0].start : m.start])  # clitics: memoised
        suffix = rs.lang.fold_name(text[m.end : tokens[t1 - 1].end])
        # One phrase may carry several rows ("الحرب على" attacks, "الحرب بين" at war): the
        # argument markers decide which of them fire.
        if any(t0 == t + 2 for _, _, t in backed):
            continue  # the "backed" of "Iran-backed" is already a statement
        for cand in m.candidates:
            trig = rs.triggers[int(cand.entity_id)]
            possessive = trig.possessive or suffix in possessives or (t0 > 0 and tokens[t0 - 1].f in possessives)
            future = bool(rs.lang.future) and prefix.lstrip("".join(rs.lang.conjunctions)) == rs.lang.future
            hits.append(Hit(t0, t1, trig, future=future, possessive=possessive))
    skipped = _boilerplate_sentences(text, sent_spans, rs)
    hits = [h for h in hits if bisect_right(sent_starts, h.t0) - 1 not in skipped]
    found = [f for f in find_relations(doc, hits) if f.predicate not in ("leaderOf", "ministerOf") or plausible_office(gaz, f.subject, f.predicate, f.object)]
    found += attendance_visits(doc, skipped)
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
    evidence_of = {(st.start, st.end): st.evidence for st in statements}
    qualifiers = {span: qualifiers_in(evidence, article) for span, evidence in evidence_of.items()}  # once per sentence
    statements = [replace(st, qualifiers=qualifiers[st.start, st.end]) for st in statements]
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
    # Surnames only for people this article names in full.
    table = _surnames(gaz, rs.lang.code)
    named = {pid for pid in seen if pid in table}
    if named:
        taken = [(m.start, m.end) for m in raw]
        extra = [m for m in _surname_index(gaz, rs.lang.code).find(folded, among=named) if not any(m.start < e and s < m.end for s, e in taken)]
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
            prefix = rs.lang.fold_name(folded.original[tok.start : m.start]) if m.start > tok.start else ""
            marker = proclitic_marker(tok, m.start, prefix, rs.lang.conjunctions, rs.lang.article)
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


def _absorb_member_phrases(units: list[Unit], tokens, rs: RuleSet) -> None:
    """Mark "EU member states", "NATO allies" as not the organisation acting: its members are."""
    heads = rs.cues.get("members_of", frozenset())
    for u in units:
        if u.kind in ("igo", "initiative") and u.t1 < len(tokens):
            following = " ".join(t.f for t in tokens[u.t1 : u.t1 + 2])
            listing = any(t.f in rs.cues.get("listing_verb", ()) for t in tokens[u.t1 + 1 : u.t1 + 3])
            if (tokens[u.t1].f in heads or following in heads) and not listing:
                u.absorbed = True  # "EU member states recognise", not "the bloc's members include X"


def _boilerplate_sentences(text: str, spans: list[tuple[int, int]], rs: RuleSet) -> set[int]:
    """Return the indexes of the sentences in a page's "read more" / "اقرأ أيضا" link block.

    Scraped pages end (or break) with headlines of other stories; what those say is not what
    this article says. The block is the header line and the short lines that follow it.
    """
    headers = rs.cues.get("boilerplate", frozenset())
    skipped: set[int] = set()
    in_block = False
    for i, (s, e) in enumerate(spans):
        line = rs.lang.fold(text[s:e]).text.strip(" :.-") if e - s <= MAX_LINK_LINE else ""  # headers are short
        if line in headers:
            in_block = True
            skipped.add(i)
        elif in_block and e - s <= MAX_LINK_LINE and "\n" not in text[s:e]:
            skipped.add(i)
        else:
            in_block = False
    return skipped


# A "read more" block holds headlines: short lines. A paragraph ends it.
MAX_LINK_LINE = 120


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
    if word[:1] in rs.lang.conjunctions and word[1:] in rs.markers:
        return word[1:]  # "وفي القاهرة"
    return ""


def _inherited_marker(tokens, t0: int, rs: RuleSet) -> str:
    """Return the preposition of the noun a demonym modifies: "على مواقع حدودية باكستانية" -> على."""
    for k in range(t0 - 1, max(-1, t0 - 4), -1):
        word = tokens[k].f
        if word in rs.markers:
            return word
        if word[:1] in rs.lang.conjunctions and word[1:] in rs.markers:
            return word[1:]
        if not word.isalpha() or word in rs.trigger_words or word[1:] in rs.trigger_words:
            return ""
    return ""


def _form(form: str) -> str:
    return {"label": "name", "alias": "name", "abbr": "name"}.get(form, form)


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
