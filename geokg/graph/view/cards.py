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
    one ``evidence`` sentence (the most recent dated one).

    Raises:
        EntityNotFound: If *name* matches no entity in the store, or several.
    """
    select = selector(store)
    nodes = entities(select)
    iri = resolve_entity(store, name, nodes=nodes, gazetteer=gazetteer)
    node = nodes.get(iri, {"labels": {}, "type": "Entity", "qid": None})
    # The IRI comes from the store, bound as one RDF term, never pasted from user text.
    rows = run_query(select, "entity-statements", entity=f"<{iri}>")
    mentions = run_query(select, "entity-mentions", entity=f"<{iri}>")
    statements = _statements(rows)
    relations = _relations(iri, statements, nodes)
    qid = node.get("qid")
    return {
        "iri": iri,
        "qid": qid,
        "wikidata": f"https://www.wikidata.org/wiki/{qid}" if qid else None,
        "type": node.get("type", "Entity"),
        "labels": dict(sorted((node.get("labels") or {}).items())),
        "articles": int(mentions[0]["n"]) if mentions and mentions[0].get("n") is not None else 0,
        "offices": _offices(iri, statements, nodes, gazetteer),
        "relations": relations,
    }


def _statements(rows: list[Mapping]) -> list[dict[str, Any]]:
    """Return one dict per statement node, optional values collapsed to the smallest (dates: all)."""
    by_iri: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_iri[str(row["statement"])].append(row)
    out = []
    for iri in sorted(by_iri):
        group = by_iri[iri]
        relation = gkg_name(group[0]["predicate"])
        if relation not in relation_names():
            continue
        out.append({
            "statement": iri,
            "subject": str(group[0]["subject"]),
            "relation": relation,
            "object": str(group[0]["object"]),
            "article": str(group[0]["article"]),
            "modality": max((gkg_name(r["modality"]).lower() for r in group), key=lambda m: MODALITY_RANK.get(m, 1)),
            "evidence": first_value(group, "evidence"),
            "issued": first_value(group, "issued"),
            "title": first_value(group, "title"),
            "role": first_value(group, "role"),
            "dates": sorted({str(r["date"]) for r in group if r.get("date") is not None}),
        })
    return out


def _relations(iri: str, statements: list[dict], nodes: Mapping[str, dict]) -> list[dict[str, Any]]:
    """Return the aggregated relations of entity *iri*, strongest first."""
    groups: dict[tuple[str, str, str, str], list[dict]] = defaultdict(list)
    symmetric = symmetric_relations()
    for st in statements:
        outgoing = st["subject"] == iri
        other = st["object"] if outgoing else st["subject"]
        direction = "both" if st["relation"] in symmetric else ("out" if outgoing else "in")
        groups[(direction, st["relation"], other, st["modality"])].append(st)
    relations = []
    for (direction, relation, other, modality), group in groups.items():
        dates = sorted(s["issued"] for s in group if s["issued"])
        best = sorted(group, key=lambda s: (s["article"], s["evidence"]))
        best.sort(key=lambda s: s["issued"], reverse=True)
        relations.append({
            "direction": direction,
            "relation": relation,
            "label": relation_label(relation),
            "family": relation_family(relation),
            "other": _ref(other, nodes),
            "modality": modality,
            "support": len({s["article"] for s in group}),
            "first": dates[0] if dates else "",
            "last": dates[-1] if dates else "",
            "evidence": {"text": best[0]["evidence"], "article": best[0]["article"],
                         "title": best[0]["title"], "date": best[0]["issued"]},
        })
    relations.sort(key=lambda r: (r["relation"], r["direction"], MODALITY_RANK.get(r["modality"], 1),
                                  r["other"]["label"], r["other"]["iri"]))
    relations.sort(key=lambda r: r["support"], reverse=True)
    return relations


def _offices(iri: str, statements: list[dict], nodes: Mapping[str, dict], gazetteer) -> list[dict[str, Any]]:
    """Return the offices *iri* holds according to the articles, then to the gazetteer's dated list."""
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for st in statements:
        if st["subject"] == iri and st["relation"] in OFFICE_RELATIONS and st["modality"] != "negated":
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
