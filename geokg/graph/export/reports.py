"""The writers of geokg's reports: statistics, entity cards, analyses, SHACL violations, evaluation scores.

Each report is printed as plain text for reading (``table``) or as the same content in JSON;
the registries naming these writers are in ``catalogue.py``.
"""

from __future__ import annotations

from typing import Any

from ...extract.evaluate import format_scores
from ..query.sparql import format_stats
from ..query.validate import format_violations, violations_dict
from ..view.analysis import format_analysis
from ..view.cards import format_card
from .formats import json_document, rendered

#: ``geokg eval``'s report: the relation scores, and the entity scores when asked for.
Evaluation = tuple[dict[str, Any], dict[str, Any] | None]


def _evaluation_table(evaluation: Evaluation) -> str:
    relations, entities = evaluation
    text = "relations\n" + format_scores(relations)
    return text + ("entities\n" + format_scores(entities) if entities else "")


def _evaluation_doc(evaluation: Evaluation) -> dict[str, Any]:
    relations, entities = evaluation
    return {**relations, "entities": entities} if entities else relations


#: The writers of each report's formats (registered in catalogue.py): ``table`` text, then JSON.
stats_table = rendered(format_stats)
card_table = rendered(format_card)  # option: lang of the table
analysis_table = rendered(format_analysis)
validation_table = rendered(format_violations)
validation_json = json_document(violations_dict)
evaluation_table = rendered(_evaluation_table)
evaluation_json = json_document(_evaluation_doc)
plain_json = json_document()
