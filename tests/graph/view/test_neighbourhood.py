"""A focus's neighbourhood read hop by hop (graph/view/neighbourhood.py): what select draws, from the facts around it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from geokg.errors import MapSelectionError
from geokg.graph.view.edges import add_evidence
from geokg.graph.view.neighbourhood import find_focus, focused_selection, neighbourhood
from geokg.graph.view.project import project
from geokg.graph.view.select import Selection, Subset, relation_closure, select
from tests.support.projection import snapshot
from tests.support.sample import BELARUS, CHINA, SAMPLE, SCO, USA, XIE, select_over


@pytest.fixture(scope="module")
def sample():
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return select_over(store)


SELECTIONS = [
    Selection(focus="Belarus", depth=1),
    Selection(focus="Belarus", depth=0),
    Selection(focus="Xie Xiaoyong", depth=2),
    Selection(focus="Xie Xiaoyong", depth=2, types=("person", "organisation")),
    Selection(focus="China", depth=2, relations=("militaryCooperation",)),
    Selection(focus="China", depth=2, since="2024"),
    Selection(focus="Russia", depth=3, until="2023-12"),
    Selection(focus="Q30", depth=2, min_support=2),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=repr)
def test_neighbourhood_draws_what_select_draws_from_the_whole_projection(sample, selection):
    chosen = relation_closure(selection.relations) if selection.relations else None
    whole = project(sample, since=selection.since, until=selection.until, relations=chosen)
    expected, _ = select(whole, selection)
    focused = focused_selection(sample, selection)
    near = neighbourhood(sample, focused.focus, focused, relations=chosen)
    drawn, _ = select(near, focused)
    add_evidence(sample, drawn)
    assert snapshot(drawn) == snapshot(expected)


def test_neighbourhood_follows_only_the_edges_of_a_sparql_subset(sample):
    selection = focused_selection(sample, Selection(focus="Belarus", depth=2))
    subset = Subset(frozenset({BELARUS, CHINA, USA}), frozenset({(BELARUS, "militaryCooperation", CHINA)}))
    drawn, _ = select(neighbourhood(sample, BELARUS, selection, subset=subset), selection, subset)
    assert set(drawn) == {BELARUS, CHINA}


def test_neighbourhood_asks_only_for_the_facts_of_the_entities_reached(sample):
    seen: list[str] = []
    neighbourhood(lambda sparql: seen.append(sparql) or sample(sparql), XIE, Selection(focus=XIE, depth=1))
    facts = [q for q in seen if "gkg:byModality" in q]
    assert facts and all("VALUES ?entity" in q for q in facts)
    assert all("VALUES ?entity" in q for q in seen if "rdfs:label" in q or "owl:sameAs" in q)
    assert not any("gkg:fact " in q for q in seen)   # no statement is read without a period


@pytest.mark.parametrize("name", ["Belarus", "بيلاروسيا", "Q184", BELARUS, "belarus", "بيلارو\u0640سيا"])
def test_find_focus_by_any_name(sample, name):
    assert find_focus(sample, name) == BELARUS


def test_find_focus_reads_one_label_when_the_name_is_spelt_as_stored(sample):
    seen: list[str] = []
    assert find_focus(lambda sparql: seen.append(sparql) or sample(sparql), "Shanghai Cooperation Organisation") == SCO
    assert all("VALUES" in q for q in seen)


def test_find_focus_unknown_name_says_so(sample):
    with pytest.raises(MapSelectionError, match="no entity named"):
        find_focus(sample, "Atlantis")
