"""Calibration: a rule's confidence becomes the precision measured for its relation group."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geokg.extract import extract, load_gazetteer
from geokg.extract.calibration import calibrated_confidence, load_calibration
from geokg.model import Article

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "calibrate.py"
CURVES = {"events": ((0.6, 0.8), (0.5, 0.7)), "offices": ((0.9,), (0.95,))}


def _script():
    spec = importlib.util.spec_from_file_location("calibrate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("relation", "rule", "expected"),
    [
        ("visits", 0.6, 0.5),  # a row
        ("meetsWith", 0.7, 0.6),  # between rows: interpolated
        ("attacks", 0.9, 0.7),  # above the last row: that row's value
        ("leaderOf", 0.8, 0.85),  # below the first row: keeps its distance to it
        ("condemns", 0.75, 0.75),  # a group without rows keeps the rule's confidence
    ],
)
def test_calibrated_confidence_reads_the_group_curve(relation, rule, expected):
    assert calibrated_confidence(relation, rule, CURVES) == pytest.approx(expected)


def test_fit_is_non_decreasing_and_shrinks_small_cells_toward_the_rule():
    calibrate = _script()
    items = [("visits", 0.6, True)] * 9 + [("visits", 0.6, False)] + [("visits", 0.8, False)] * 2 + [("visits", 0.8, True)]
    rows = calibrate.fit(items)["events"]
    values = [v for _, v, _, _ in rows]
    assert values == sorted(values)
    # 9/10 right at 0.6 and 1/3 at 0.8 pool into one block between the two raw precisions
    assert 1 / 3 < values[0] == values[1] < 0.9


def test_shipped_table_covers_the_groups_and_is_monotone():
    table = load_calibration()
    assert {"offices", "events", "stance"} <= set(table)
    for raw, cal in table.values():
        assert list(raw) == sorted(raw) and list(cal) == sorted(cal)
        assert all(0.0 <= c <= 1.0 for c in cal)


@pytest.mark.parametrize(
    "article",
    [
        Article("Belarus joined the Shanghai Cooperation Organisation in July.", "en"),
        Article("انضمت بيلاروسيا إلى منظمة شنغهاي للتعاون في يوليو.", "ar"),
    ],
)
def test_extracted_statements_carry_calibrated_confidences(article):
    ex = extract(article, load_gazetteer())
    (st,) = [s for s in ex.statements if s.predicate == "memberOf"]
    raw, cal = load_calibration()["membership"]
    assert st.confidence in cal


def test_calibrate_reads_the_table_it_is_given():
    from geokg.extract.calibration import calibrate
    from geokg.model import Statement

    st = Statement("Q1", "visits", "Q2", 0, 1, "x", "asserted", 0.6, None, (), "rule", None)
    assert calibrate([st], CURVES)[0].confidence == pytest.approx(0.5)
    assert calibrate([st], {})[0].confidence == 0.6
