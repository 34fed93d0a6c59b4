"""Map a rule's confidence to the precision measured for its relation group (a table built from gold).

Rules state a confidence when they are written; how often a rule of that confidence is right on
real reporting is measured by ``scripts/calibrate.py`` and kept in ``data/calibration.tsv``:
one row per relation group and rule confidence, with the measured precision it maps to. A
confidence between two rows is interpolated; one outside them keeps its distance to the
nearest row. A group without rows keeps the rules' own confidences.
"""

from __future__ import annotations

import bisect
import csv
from functools import lru_cache
from importlib.resources import files

from ..model import Statement

#: The relation groups calibration (and ``geokg eval``) reports on; every other relation is an event.
RELATION_GROUPS = {
    "offices": ("leaderOf", "ministerOf", "ambassadorTo"),
    "membership": ("memberOf", "partOf"),
    "stance": ("supports", "opposes", "condemns", "accuses", "alliedWith", "recognises", "sanctions"),
}

_TABLE = files("geokg.extract") / "data" / "calibration.tsv"


def relation_group(relation: str) -> str:
    """Return the report group of *relation*: offices, membership, stance or events."""
    return next((group for group, members in RELATION_GROUPS.items() if relation in members), "events")


@lru_cache(maxsize=1)
def load_calibration() -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    """Return group -> (rule confidences, calibrated confidences), both ascending, from the shipped table."""
    if not _TABLE.is_file():
        return {}
    rows: dict[str, list[tuple[float, float]]] = {}
    with _TABLE.open(encoding="utf-8") as f:
        for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
            rows.setdefault(row["group"], []).append((float(row["rule_confidence"]), float(row["confidence"])))
    return {g: tuple(zip(*sorted(pairs))) for g, pairs in rows.items()}  # type: ignore[misc]


def calibrated_confidence(relation: str, confidence: float, table=None) -> float:
    """Return the measured precision of a *relation* statement whose rule gave *confidence*."""
    curve = (load_calibration() if table is None else table).get(relation_group(relation))
    if not curve:
        return confidence
    raw, cal = curve
    i = bisect.bisect_left(raw, confidence)
    if i < len(raw) and raw[i] == confidence:
        return cal[i]
    if i == len(raw):  # above every row: no evidence that more confident rules do better
        return cal[-1]
    if i == 0:  # below every row: keep the rule's distance below the first one
        return round(max(0.0, cal[0] + confidence - raw[0]), 3)
    w = (confidence - raw[i - 1]) / (raw[i] - raw[i - 1])
    return round(cal[i - 1] + w * (cal[i] - cal[i - 1]), 3)


def calibrate(statements: list[Statement], table=None) -> list[Statement]:
    """Return *statements* with each confidence replaced by its calibrated value."""
    if table is None:
        return [_with_confidence(st, _shipped_confidence(st.predicate, st.confidence)) for st in statements]
    return [_with_confidence(st, calibrated_confidence(st.predicate, st.confidence, table)) for st in statements]


@lru_cache(maxsize=4096)
def _shipped_confidence(relation: str, confidence: float) -> float:
    """Return :func:`calibrated_confidence` by the shipped table (memoised: rules use a few confidences)."""
    return calibrated_confidence(relation, confidence)


def _with_confidence(st: Statement, confidence: float) -> Statement:
    """Return *st* with *confidence* (built directly: dataclasses.replace costs several times more per statement)."""
    return Statement(st.subject, st.predicate, st.object, st.start, st.end, st.evidence, st.modality, confidence,
                     st.attribution, st.qualifiers, st.rule, st.role)
