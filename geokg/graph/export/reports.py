"""`geokg eval`'s report as text and JSON: the relation scores, and the entity scores when asked for.

The other reports (statistics, entity cards, analyses, SHACL violations) are rendered by the
module that computes them; ``catalogue.py`` names each renderer.
"""

from __future__ import annotations

from typing import Any

from ...extract.evaluate import format_scores

#: ``geokg eval``'s report: the relation scores, and the entity scores when asked for.
Evaluation = tuple[dict[str, Any], dict[str, Any] | None]


def evaluation_table(evaluation: Evaluation) -> str:
    """Return the relation scores, then the entity scores if any, as text tables."""
    relations, entities = evaluation
    text = "relations\n" + format_scores(relations)
    return text + ("entities\n" + format_scores(entities) if entities else "")


def evaluation_doc(evaluation: Evaluation) -> dict[str, Any]:
    """Return the relation scores as a JSON document, with the entity scores under ``entities``."""
    relations, entities = evaluation
    return {**relations, "entities": entities} if entities else relations
