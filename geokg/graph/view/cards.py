"""Entity cards: labels, type, Wikidata link, offices and every relation of one entity, with evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from ...namespaces import entity_iri
from ...ontology import relation_family, relation_label, relation_names, symmetric_relations
from ..query.texts import run_query
from .project import MODALITY_RANK, display_label, entities, first_value, gkg_name
from .text import clean_label, visible_controls
from .resolve import resolve_entity, selector
from ..store import Store

#: Relations listed under "offices" (and also under relations).
OFFICE_RELATIONS = ("leaderOf", "ministerOf", "ambassadorTo")


def entity_card(store: Store, name: str, *, gazetteer=None) -> dict[str, Any]:
    """Return the card of the entity *name* (any language, IRI or QID) as a JSON-ready dict.

    Keys: ``iri``, ``qid``, ``wikidata`` (URL or None), ``type``, ``labels`` ({lang: label}),
    ``articles`` (how many mention it), ``offices`` (from the articles and the gazetteer,
    with dates) and ``relations``: one entry per direction, relation, other entity and
    modality, with ``support`` (distinct articles), ``first`` / ``last`` article dates and
    one ``evidence`` sentence (the most recent of the fact's example statements in that modality).

    Raises:
        EntityNotFound: If *name* matches no entity in the store, or several.
    """
    select = selector(store)
    nodes = entities(select)
    iri = resolve_entity(store, name, nodes=nodes, gazetteer=gazetteer)
    node = nodes.get(iri, {"labels": {}, "type": "Entity", "qid": None})
    # The IRI comes from the store, bound as one RDF term, never pasted from user text.
    bound = {"entity": f"<{iri}>"}
    facts = run_query(select, "entity-modalities", **bound)
    examples = run_query(select, "entity-examples", **bound)
    offices = _office_statements(run_query(select, "entity-offices", **bound,
                                            predicate=" ".join(f"gkg:{r}" for r in OFFICE_RELATIONS)))
    mentions = run_query(select, "entity-mentions", **bound)
    qid = node.get("qid")
    return {
        "iri": iri,
        "qid": qid,
        "wikidata": f"https://www.wikidata.org/wiki/{qid}" if qid else None,
        "type": node.get("type", "Entity"),
        "labels": dict(sorted((node.get("labels") or {}).items())),
        "articles": int(mentions[0]["n"]) if mentions and mentions[0].get("n") is not None else 0,
        "offices": _offices(iri, offices, nodes, gazetteer),
        "relations": _relations(iri, facts, _evidence(examples), nodes),
    }


def _text(term) -> str:
    return "" if term is None else str(term)


def _office_statements(rows: list[Mapping]) -> list[dict[str, Any]]:
    """Return one dict per statement of the entity's office facts, optional values collapsed to the smallest (dates: all)."""
    by_iri: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_iri[str(row["statement"])].append(row)
    return [{
        "relation": gkg_name(group[0]["predicate"]),
        "object": str(group[0]["object"]),
        "article": str(group[0]["article"]),
        "modality": gkg_name(group[0]["modality"]).lower(),
        "issued": first_value(group, "issued"),
        "role": first_value(group, "role"),
        "dates": sorted({str(r["date"]) for r in group if r.get("date") is not None}),
    } for _, group in sorted(by_iri.items())]


def _evidence(rows: list[Mapping]) -> dict[tuple[str, str], dict[str, str]]:
    """Return the sentence to show per (fact, modality): its newest example, ties by article and text."""
    grouped: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[(str(row["fact"]), gkg_name(row["modality"]).lower())].append({
            "text": _text(row.get("evidence")), "article": str(row["article"]),
            "title": _text(row.get("title")), "date": _text(row.get("issued"))})
    best = {}
    for key, group in grouped.items():
        group.sort(key=lambda e: (e["article"], e["text"]))
        group.sort(key=lambda e: e["date"], reverse=True)
        best[key] = group[0]
    return best


_NO_EVIDENCE = {"text": "", "article": "", "title": "", "date": ""}


def _relations(iri: str, facts: list[Mapping], evidence: Mapping[tuple[str, str], dict],
               nodes: Mapping[str, dict]) -> list[dict[str, Any]]:
    """Return one relation per fact of entity *iri* and modality, with the facts graph's figures, strongest first."""
    symmetric = symmetric_relations()
    relations = []
    for row in facts:
        relation = gkg_name(row["predicate"])
        if relation not in relation_names():
            continue
        outgoing = str(row["subject"]) == iri
        other = str(row["object"]) if outgoing else str(row["subject"])
        modality = gkg_name(row["modality"]).lower()
        relations.append({
            "direction": "both" if relation in symmetric else ("out" if outgoing else "in"),
            "relation": relation,
            "label": relation_label(relation),
            "family": relation_family(relation),
            "other": _ref(other, nodes),
            "modality": modality,
            "support": int(str(row["support"])),
            "first": _text(row.get("first")),
            "last": _text(row.get("last")),
            "evidence": dict(evidence.get((str(row["fact"]), modality), _NO_EVIDENCE)),
        })
    relations.sort(key=lambda r: (r["relation"], r["direction"], MODALITY_RANK.get(r["modality"], 1),
                                  r["other"]["label"], r["other"]["iri"]))
    relations.sort(key=lambda r: r["support"], reverse=True)
    return relations


def _offices(iri: str, statements: list[dict], nodes: Mapping[str, dict], gazetteer) -> list[dict[str, Any]]:
    """Return the offices *iri* holds according to its office statements, then to the gazetteer's dated list."""
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for st in statements:
        if st["modality"] != "negated":
            grouped[(st["relation"], st["object"], st["role"])].append(st)
    offices = []
    for (relation, of, role), group in sorted(grouped.items()):
        issued = sorted(s["issued"] for s in group if s["issued"])
        offices.append({
            "source": "articles", "relation": relation, "role": role, "of": _ref(of, nodes),
            "dates": sorted({d for s in group for d in s["dates"]}),
            "first": issued[0] if issued else "", "last": issued[-1] if issued else "",
            "support": len({s["article"] for s in group}),
        })
    if gazetteer is None:
        from ...lexicon.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    ids = [eid for eid in gazetteer.entities if entity_iri(eid) == iri]
    for office in (o for eid in ids for o in gazetteer.offices_of(eid)):
        offices.append({
            "source": "gazetteer", "relation": "ambassadorTo" if office.role in ("ambassador", "envoy") else "holdsOfficeIn",
            "role": office.role, "of": _ref(entity_iri(office.of), nodes, fallback=gazetteer.entities.get(office.of)),
            "start": office.start, "end": office.end,
        })
    return offices


def _ref(iri: str, nodes: Mapping[str, dict], fallback=None) -> dict[str, Any]:
    """Return ``{"iri", "label", "labels", "qid"}`` for an entity."""
    node = nodes.get(iri) or {}
    labels = dict(node.get("labels") or {})
    if not labels and fallback is not None:
        labels = dict(fallback.labels)
    label = display_label(labels, iri)
    return {"iri": iri, "label": label, "labels": labels, "qid": node.get("qid")}




_ARROWS = {"out": "→", "in": "←", "both": "↔"}


def format_card(card: Mapping[str, Any], lang: str = "en") -> str:
    """Return the card as indented plain text, labels in *lang* where known."""

    def name(ref: Mapping[str, Any]) -> str:
        return ref["labels"].get(lang) or ref["label"]

    labels = card["labels"]
    title = labels.get(lang) or labels.get("en") or card["iri"]
    others = [v for k, v in sorted(labels.items()) if v != title]
    lines = [title + (f" ({' / '.join(others)})" if others else "")]
    lines.append(f"  type       {card['type']}")
    lines.append(f"  wikidata   {card['wikidata'] or '-'}")
    lines.append(f"  iri        {card['iri']}")
    lines.append(f"  labels     {'; '.join(f'{k}: {v}' for k, v in labels.items()) or '-'}")
    lines.append(f"  articles   {card['articles']}")
    if card["offices"]:
        lines.append("offices")
        for office in card["offices"]:
            role = f" ({office['role']})" if office["role"] else ""
            if office["source"] == "gazetteer":
                span = f"{office['start'] or '?'} – {office['end'] or 'now'}"
                lines.append(f"  {office['relation']}{role} {name(office['of'])}  {span}  [gazetteer]")
            else:
                stated = f"  dated {', '.join(office['dates'])}" if office["dates"] else ""
                seen = _seen(office["first"], office["last"])
                lines.append(f"  {office['relation']}{role} {name(office['of'])}{stated}  "
                             f"{office['support']} article(s){seen}")
    lines.append(f"relations ({len(card['relations'])})")
    for rel in card["relations"]:
        seen = _seen(rel["first"], rel["last"])
        lines.append(f"  {_ARROWS[rel['direction']]} {rel['relation']:<20} {name(rel['other'])}  "
                     f"[{rel['modality']}, {rel['support']} article(s){seen}]")
        ev = rel["evidence"]
        if ev["text"]:
            source = ", ".join(x for x in (clean_label(ev["title"] or ""), ev["date"]) if x)
            quote = visible_controls(" ".join(ev["text"].split()))  # the sentence as written, controls shown
            lines.append(f"      “{quote}”" + (f" — {source}" if source else ""))
    return "\n".join(lines) + "\n"


def _seen(first: str, last: str) -> str:
    if not first:
        return ""
    return f", {first}" if first == last else f", {first} … {last}"
