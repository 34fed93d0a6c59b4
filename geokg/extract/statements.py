"""Findings -> statements with evidence, attribution and qualifiers; the article's Extraction."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Article, Extraction, Mention, Statement
from .qualifiers import qualifiers_in
from .rules import state_bodies
from .state import Doc, Found, sentence_at


def statements(doc: Doc) -> list[Statement]:
    """Return one statement per fact found, the most confident of each (subject, predicate, object, span, modality).

    Office facts come first, then relations, visits by attendance and "X-backed Y" support.
    """
    article, code = doc.article, doc.rs.lang.code
    unsure = _unsure_readings(doc)
    qualifiers: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}  # sentence span -> its qualifiers, read once
    out = []
    starts = [a for a, _ in doc.sentences]
    for subj, pred, obj, t0, t1, role, modality in doc.office_facts:
        si = _sentence_holding(doc.sentences, starts, t0)
        confidence = _UNSURE * 0.9 if {subj, obj} & unsure else 0.9
        out.append(_statement(article, doc.spans[si], qualifiers, subj, pred, obj, modality, confidence, f"{code}:{pred}:role", role, None))
    for f in doc.found + doc.visits + _backing(doc):
        subj, obj = _as_state(doc, f.subject, f.predicate), _as_state(doc, f.object, f.predicate)
        confidence = f.confidence * (_UNSURE if {f.subject, f.object} & unsure else 1.0)
        if subj != obj:
            out.append(_statement(article, doc.spans[f.sentence], qualifiers, subj, f.predicate, obj, f.modality, round(confidence, 3),
                                  f.rule, None, doc.said.get(f.sentence)))
    return _dedupe(out)


def _sentence_holding(sentences: list[tuple[int, int]], starts: list[int], t: int) -> int:
    """Return the index of the sentence whose tokens hold *t*, else 0 (by bisection: sentences are in order)."""
    i = bisect_right(starts, t) - 1
    return i if i >= 0 and t < sentences[i][1] else 0


# A statement about an actor whose only names could also name another (عمان: Oman or Amman)
# is less sure than the rule that found it.
_UNSURE = 0.8


def _unsure_readings(doc: Doc) -> set[str]:
    """Return the ids the article names only by names with several readings, chosen by context."""
    named = [u for u in doc.units if u.form in ("name", "demonym", "capital")]
    sure = {e for u in named if not u.extra.get("readings") for e in u.entity_ids}
    return {e for u in named if u.extra.get("readings") for e in u.entity_ids} - sure


def _as_state(doc: Doc, eid: str, predicate: str) -> str:
    """Return the state a national army or government stands for between actors ("the Syrian army" is Syria), else *eid*."""
    if predicate in _STRUCTURAL or eid not in state_bodies():
        return eid
    ent = doc.gaz.entities.get(eid)
    return ent.country if ent is not None and ent.country else eid


_STRUCTURAL = frozenset({"partOf", "memberOf"})


def _backing(doc: Doc) -> list[Found]:
    """Return "Iran-backed Hezbollah" as Iran supports Hezbollah."""
    starts = [a for a, _ in doc.sentences]
    return [Found(backer, "supports", target, sentence_at(starts, t), "asserted", 0.8, f"{doc.rs.lang.code}:supports:backed") for backer, target, t in doc.backed]


def extraction(doc: Doc) -> Extraction:
    """Return the article's entities (those named, then those stated about), mentions and statements."""
    gaz, people, units, text = doc.gaz, doc.people, doc.units, doc.article.text
    used = {s.subject for s in doc.statements} | {s.object for s in doc.statements}
    ent_ids = list(dict.fromkeys([e for u in units for e in u.entity_ids] + sorted(used)))
    entities = tuple(people[e] if e in people else gaz.entities[e] for e in ent_ids if e in people or e in gaz.entities)
    mentions = tuple(Mention(u.start, u.end, text[u.start : u.end], e, u.form) for u in units for e in u.entity_ids if u.form != "pair")
    return Extraction(doc.article, entities, mentions, tuple(doc.statements))


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """Return one statement per (subject, predicate, object, span, modality), the most confident."""
    best: dict[tuple, Statement] = {}
    for st in statements:
        key = (st.subject, st.predicate, st.object, st.start, st.end, st.modality)
        if key not in best or st.confidence > best[key].confidence:
            best[key] = st
    return list(best.values())


def _statement(article: Article, span, qualifiers: dict, subj, pred, obj, modality, confidence, rule, role, attribution) -> Statement:
    """Return a Statement whose evidence is the sentence *span* of the article, with the sentence's qualifiers.

    *qualifiers*: span -> qualifiers already read from that sentence; this one's are added.
    """
    s, e = span
    evidence = article.text[s:e]
    found = qualifiers.get(span)
    if found is None:
        found = qualifiers[span] = qualifiers_in(evidence, article)
    return Statement(subj, pred, obj, s, e, evidence, modality, confidence, attribution, found, rule, role)
