"""The formats of geokg's reports: statistics, entity cards, analyses, SHACL violations, evaluation scores.

Each report is printed as plain text for reading (``table``) or as the same content in JSON.
"""

from __future__ import annotations

from typing import Any

from ...extract.evaluate import format_scores
from ..query.sparql import format_stats
from ..query.validate import format_violations, violations_dict
from ..view.analysis import format_analysis
from ..view.cards import format_card
from .formats import Formats, Writer, json_document, rendered

#: ``geokg eval``'s report: the relation scores, and the entity scores when asked for.
Evaluation = tuple[dict[str, Any], dict[str, Any] | None]


def report_formats(kind: str, table: Writer, json: Writer) -> Formats:
    """Return the formats of one kind of report: ``table`` (the default), then ``json``."""
    formats = Formats(kind)
    formats.add("table", "plain text for reading", table)
    formats.add("json", "the same report as JSON", json)
    return formats


def _evaluation_table(evaluation: Evaluation) -> str:
    relations, entities = evaluation
    text = "relations\n" + format_scores(relations)
    return text + ("entities\n" + format_scores(entities) if entities else "")


def _evaluation_doc(evaluation: Evaluation) -> dict[str, Any]:
    relations, entities = evaluation
    return {**relations, "entities": entities} if entities else relations


STATS_FORMATS = report_formats("stats", rendered(format_stats), json_document())
CARD_FORMATS = report_formats("card", rendered(format_card), json_document())  # option: lang of the table
ANALYSIS_FORMATS = report_formats("analysis", rendered(format_analysis), json_document())
VALIDATION_FORMATS = report_formats("validation", rendered(format_violations), json_document(violations_dict))
EVALUATION_FORMATS = report_formats("evaluation", rendered(_evaluation_table), json_document(_evaluation_doc))
