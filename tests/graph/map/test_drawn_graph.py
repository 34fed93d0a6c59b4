"""What a map draws from the demo store is what it drew before the facts graph (tests/data/map/projection-before.json).

projection-before.json was recorded by the projection that read every statement node (before the
consolidated facts graph), for each selection in tests.support.projection.SELECTIONS, from a store of
examples/articles. Evidence is compared as a set of sentences per edge: both projections keep up to
five, supporting and newest first, but they break ties between sentences of the same date differently
(the old one by article title, the facts graph by statement IRI), so only the order may differ.
"""

from __future__ import annotations

import json

import pytest

from geokg.graph.map.build import drawn_graph
from geokg.graph.store import open_store
from geokg.graph.view.select import Selection
from tests.support.demo import ingest_into
from tests.support.paths import DATA, EXAMPLES
from tests.support.projection import SELECTIONS, snapshot

BEFORE = json.loads((DATA / "map" / "projection-before.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory) -> str:
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('examples') / 'store'}", [EXAMPLES])


@pytest.mark.parametrize("name", sorted(SELECTIONS))
def test_map_draws_the_same_entities_and_facts_as_before(examples_store, name):
    with open_store(examples_store, read_only=True) as store:
        drawn, _ = drawn_graph(store, Selection(**SELECTIONS[name]))
    assert snapshot(drawn) == BEFORE[name]


def test_every_recorded_selection_is_checked():
    assert set(BEFORE) == set(SELECTIONS)
