"""Relation extraction pins each construction class news uses, in Arabic and in English."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geokg.extract import extract, load_gazetteer
from geokg.model import Article
from tests.support.paths import DATA

#: Every construction case, from each file of tests/data/constructions/ (one file per family of constructions).
CASES = [case for path in sorted((DATA / "constructions").glob("*.json")) for case in json.loads(path.read_text(encoding="utf-8"))]


def _triples(case: dict) -> set[tuple[str, ...]]:
    """Return (subject, predicate, object, modality) found in the case text (plus its context)."""
    text = case.get("context", "") + case["text"]
    published = date.fromisoformat(case["date"]) if "date" in case else None
    ex = extract(Article(text=text, lang=case["lang"], published=published), load_gazetteer())
    ents = {e.id: e for e in ex.entities}
    out = set()
    for s in ex.statements:
        subj, obj = ents[s.subject], ents[s.object]
        for a in {subj.label("en"), subj.label(case["lang"])}:
            for b in {obj.label("en"), obj.label(case["lang"])}:
                out.add((a, s.predicate, b, s.modality))
    return out


def _has(found: set[tuple[str, ...]], want: list[str]) -> bool:
    s, p, o = want[:3]
    modality = want[3] if len(want) > 3 else None
    return any(
        (f[1] == p and {f[0], f[2]} == {s, o} if p in _SYMMETRIC else (f[0], f[1], f[2]) == (s, p, o))
        and (modality is None and f[3] != "negated" or f[3] == modality)
        for f in found
    )


_SYMMETRIC = {"alliedWith", "cooperatesWith", "militaryCooperation", "jointExercise", "meetsWith", "agreementWith", "tradesWith", "atWarWith", "negotiatesWith"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}-{c['id']}")
def test_relations_construction_yields_expected_statements(case):
    found = _triples(case)
    missing = [w for w in case["expect"] if not _has(found, w)]
    assert not missing, f"missing {missing}; found {sorted(found)}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("absent")], ids=lambda c: f"{c['lang']}-{c['id']}")
def test_relations_negated_statements_are_not_asserted(case):
    # An absent triple may be stated as denied or as ended ("former President X"), never as holding.
    found = _triples(case)
    wrong = [w for w in case["absent"] if any(f[:3] == tuple(w) and f[3] not in ("negated", "ended") for f in found)]
    assert not wrong, f"asserted although negated: {wrong}"
