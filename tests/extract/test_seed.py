"""The first real input: every entity of its gold triples is recognised and linked, and the eval holds."""

from __future__ import annotations

import json

import pytest

from geokg.extract.evaluate import evaluate
from geokg.extract import extract, load_gazetteer
from geokg.readers import read_path
from tests.support.paths import SEED, SEED_GOLD


@pytest.fixture(scope="module")
def seed_extraction():
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return extract(next(read_path(SEED)), load_gazetteer())


def test_seed_every_gold_entity_is_recognised_and_linked(seed_extraction):
    gold = json.loads((SEED_GOLD / "ar-china-belarus.json").read_text(encoding="utf-8"))
    wanted = {g[k] for g in gold for k in ("s", "o")}
    mentioned = {m.entity_id for m in seed_extraction.mentions}
    labels = {e.label("en") for e in seed_extraction.entities if e.id in mentioned}
    assert wanted <= labels, sorted(wanted - labels)
    linked = {e.label("en"): e.qid for e in seed_extraction.entities}
    assert linked["Belarus"] == "Q184" and linked["Vladimir Putin"] == "Q7747"


def test_seed_eval_meets_the_quality_bar():
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    scores = evaluate(SEED_GOLD, SEED.parent, gazetteer=load_gazetteer())["overall"]
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.85, scores
