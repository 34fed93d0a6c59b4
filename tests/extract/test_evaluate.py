"""`geokg eval`'s scorer: relation groups, precision per confidence band, and gold argument recall."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geokg.extract import load_gazetteer
from geokg.extract.evaluate import CONFIDENCE_BANDS, evaluate, relation_group

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def dev_scores(gazetteer):
    return evaluate(DEV / "gold", DEV / "articles", gazetteer=gazetteer)


@pytest.mark.parametrize(
    ("relation", "group"),
    [("ministerOf", "offices"), ("memberOf", "membership"), ("condemns", "stance"), ("visits", "events"), ("atWarWith", "events")],
)
def test_every_relation_falls_in_one_report_group(relation, group):
    assert relation_group(relation) == group


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_groups_partition_each_language(dev_scores, lang):
    groups = [s for name, s in dev_scores["per_group"].items() if name.split()[0] == lang]
    for key in ("tp", "fp", "fn"):
        assert sum(g[key] for g in groups) == dev_scores["per_language"][lang][key]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_confidence_bands_hold_every_judged_prediction(dev_scores, lang):
    bands = dev_scores["confidence_bands"][lang]
    assert set(bands) <= {f"{low:.1f}" for low in CONFIDENCE_BANDS}
    assert sum(b["tp"] for b in bands.values()) == dev_scores["per_language"][lang]["tp"]
    assert sum(b["fp"] for b in bands.values()) == dev_scores["per_language"][lang]["fp"]


def test_min_confidence_keeps_only_the_upper_bands(gazetteer, dev_scores):
    high = evaluate(DEV / "gold", DEV / "articles", gazetteer=gazetteer, min_confidence=0.8)
    for lang, bands in dev_scores["confidence_bands"].items():
        kept = sum(b["tp"] + b["fp"] for low, b in bands.items() if float(low) >= 0.8)
        assert high["per_language"][lang]["tp"] + high["per_language"][lang]["fp"] == kept


@pytest.mark.parametrize(
    ("lang", "text", "missing"),
    [
        ("en", "Belarus joined the Shanghai Cooperation Organisation on Thursday.", "Atlantis"),
        ("ar", "انضمت بيلاروسيا إلى منظمة شنغهاي للتعاون يوم الخميس.", "Atlantis"),
    ],
)
def test_argument_recall_counts_gold_entities_the_text_does_not_yield(tmp_path, gazetteer, lang, text, missing):
    (tmp_path / "gold").mkdir(); (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(f"---\nlang: {lang}\ndate: 2024-07-04\n---\n{text}\n", "utf-8")
    gold = [
        {"s": "Belarus", "p": "memberOf", "o": "Shanghai Cooperation Organisation"},
        {"s": missing, "p": "visits", "o": "Belarus"},
        {"s": "Nowhere Land", "p": "visits", "o": "Belarus", "optional": True},
    ]
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold), "utf-8")
    scores = evaluate(tmp_path / "gold", tmp_path / "articles", gazetteer=gazetteer)
    assert scores["arguments"][lang] == {"found": 2, "gold": 3, "recall": round(2 / 3, 3)}
    assert scores["per_language"][lang]["tp"] == 1


def test_error_items_script_lists_exactly_the_errors_eval_counts(gazetteer, dev_scores):
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "error_items.py"
    spec = importlib.util.spec_from_file_location("error_items", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = gazetteer.by_english_name()
    items = [x for g in sorted((DEV / "gold").glob("*.json")) for x in module.article_errors(g, DEV / "articles", gazetteer, known)]
    for lang in ("ar", "en"):
        assert sum(1 for x in items if x["lang"] == lang and x["type"] == "FP") == dev_scores["per_language"][lang]["fp"]
        assert sum(1 for x in items if x["lang"] == lang and x["type"] == "FN") == dev_scores["per_language"][lang]["fn"]


def test_a_symmetric_relation_stated_both_ways_is_one_prediction():
    from geokg.extract.evaluate import predictions
    from geokg.model import Statement

    def st(s, p, o, conf):
        return Statement(s, p, o, 0, 1, "x", "asserted", conf, None, (), "rule", None)

    preds = predictions([st("Q1", "meetsWith", "Q2", 0.7), st("Q2", "meetsWith", "Q1", 0.9), st("Q2", "visits", "Q1", 0.8)])
    assert set(preds) == {("Q1", "meetsWith", "Q2", False), ("Q2", "visits", "Q1", False)}
    assert preds[("Q1", "meetsWith", "Q2", False)].confidence == 0.9
