"""Reading facts from the facts graph answers what reading every statement answered before.

``tests/data/graph/cookbook-before.json`` holds what the demo store (README command 1) answered
before facts were stored once: the README cookbook queries, the saved queries, ``geokg show`` and
``geokg stats`` (recorded by ``tests/support/demo_answers.py`` with that code). The same store built
now must give the same answers. Two things may legitimately differ, and only in how a fact is
written, never in which facts, figures or sentences come out:

- a symmetric relation is now one fact with subject and object in IRI order, where each statement
  used to keep the order its article wrote: rows listing statements compare it with the pair sorted,
  and ``relations-of`` compares its direction as "both";
- ``relations-of`` samples one sentence per row: it must still give one where it gave one before;
- the statement listings (timeline, sanctions, planned, negated) now also name each statement's
  article by its source, one row per article: they compare without that column.
"""

from __future__ import annotations

import json

import pytest

from geokg.ontology import symmetric_relations
from tests.support.demo import ingest_into
from tests.support.demo_answers import demo_answers
from tests.support.paths import DATA, EXAMPLES

BEFORE = json.loads((DATA / "graph" / "cookbook-before.json").read_text(encoding="utf-8"))
SYMMETRIC = {f"https://w3id.org/geokg/ontology#{name}" for name in symmetric_relations()}


@pytest.fixture(scope="module")
def now() -> dict:
    """Return what the demo store, built with the current code, answers."""
    return demo_answers(ingest_into("memory:cookbook-unchanged", [EXAMPLES]))


@pytest.fixture(scope="module")
def now_on_disk(tmp_path_factory) -> dict:
    """Return the same answers from the embedded on-disk store."""
    return demo_answers(ingest_into(f"oxigraph:{tmp_path_factory.mktemp('cookbook') / 'store'}", [EXAMPLES]))


def _fact_rows(rows: list[dict]) -> list[str]:
    """Return *rows* as sorted distinct JSON texts, symmetric statements' subject and object in IRI order, without sources."""
    out = set()
    for row in rows:
        row = dict(row)
        row.pop("source", None)
        if row.get("p", {}).get("value") in SYMMETRIC and "s" in row and row["o"]["value"] < row["s"]["value"]:
            row["s"], row["o"] = row["o"], row["s"]
        if row.get("p", {}).get("value") in SYMMETRIC and "direction" in row:
            row["direction"] = {"type": "literal", "value": "both"}
        if "example" in row:
            row["example"] = bool(row["example"]["value"])
        out.add(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def test_recorded_answers_cover_every_question():
    assert len(BEFORE["cookbook"]) == 7 and len(BEFORE["saved"]) >= 10 and len(BEFORE["show"]) >= 3
    answered = [rows for rows in [*BEFORE["cookbook"], *BEFORE["saved"].values()] if rows]
    assert len(answered) >= 14  # the demo articles deny nothing: the negated queries answer no rows


@pytest.mark.parametrize("number", range(1, 8))
def test_cookbook_query_gives_the_same_facts(now, number):
    assert _fact_rows(now["cookbook"][number - 1]) == _fact_rows(BEFORE["cookbook"][number - 1])


@pytest.mark.parametrize("case", sorted(BEFORE["saved"]))
def test_saved_query_gives_the_same_facts(now, case):
    assert _fact_rows(now["saved"][case]) == _fact_rows(BEFORE["saved"][case])


def test_saved_queries_keep_their_row_order(now_on_disk):
    """Where ORDER BY decides every row, the embedded store (which recorded them) gives the same order."""
    for case in ("support", "office-holders", "members org=NATO"):
        assert now_on_disk["saved"][case] == BEFORE["saved"][case], case


@pytest.mark.parametrize("name", sorted(BEFORE["show"]))
def test_show_card_is_the_same(now, name):
    assert now["show"][name] == BEFORE["show"][name]


def test_stats_are_the_same(now):
    assert now["stats"] == BEFORE["stats"]


def test_embedded_store_answers_as_the_memory_store(now, now_on_disk):
    assert now_on_disk["stats"] == now["stats"] and now_on_disk["show"] == now["show"]
    for case, rows in now["saved"].items():
        assert _fact_rows(now_on_disk["saved"][case]) == _fact_rows(rows), case
