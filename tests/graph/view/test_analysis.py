"""`geokg analyze`: centrality, communities, relation paths and change between date windows."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from geokg.cli import cli
from geokg.graph.view.analysis import AnalysisError, analyze, edge_change, parse_window, relation_path, undirected
from geokg.graph.view.project import project
from geokg.graph.view.resolve import selector
from geokg.graph.store import open_store
from tests.support.demo import BELARUS, EU, LI_SHANGFU, SCO


def test_project_aggregates_a_fact_into_one_edge_with_support_and_dates(demo_store):
    with open_store(demo_store, read_only=True) as store:
        graph = project(selector(store))
    edge = graph.edges[BELARUS, SCO, "memberOf"]
    assert edge["support"] >= 1 and edge["first"] == edge["last"] == "2024-07-09"


def test_analyze_ranks_and_groups_entities(demo_store):
    with open_store(demo_store, read_only=True) as store:
        result = analyze(store, top=5)
    assert result["entities"] > 50 and result["edges"] > 50
    assert len(result["degree"]) == len(result["betweenness"]) == 5
    assert "China" in [row["label"] for row in result["degree"]]
    scores = [row["score"] for row in result["betweenness"]]
    assert scores == sorted(scores, reverse=True)
    members = [m["iri"] for c in result["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) and BELARUS in members


def test_analyze_is_deterministic(demo_store):
    with open_store(demo_store, read_only=True) as store:
        assert analyze(store) == analyze(store)


def test_analyze_path_between_li_shangfu_and_the_eu(demo_store, seed_present):
    with open_store(demo_store, read_only=True) as store:
        hops = analyze(store, path=("Li Shangfu", "European Union"))["path"]
    assert hops[0]["from"]["iri"] == LI_SHANGFU and hops[-1]["to"]["iri"] == EU
    assert all(a["to"]["iri"] == b["from"]["iri"] for a, b in zip(hops, hops[1:]))
    assert all(hop["relation"] and hop["direction"] in {"forward", "backward", "both"} for hop in hops)


def test_analyze_path_accepts_arabic_names_and_qids(demo_store):
    with open_store(demo_store, read_only=True) as store:
        hops = analyze(store, path=("بيلاروسيا", "Q458"))["path"]
    assert hops[0]["from"]["iri"] == BELARUS and hops[-1]["to"]["iri"] == EU


def test_relation_path_reports_disconnected_entities():
    graph = nx.MultiDiGraph()
    graph.add_node("a", labels={"en": "A"})
    graph.add_node("b", labels={"en": "B"})
    with pytest.raises(AnalysisError, match="no relation path between A and B"):
        relation_path(graph, undirected(graph), "a", "b")


def test_edge_change_lists_new_and_vanished_edges():
    old, new = nx.MultiDiGraph(), nx.MultiDiGraph()
    for g in (old, new):
        g.add_nodes_from(["a", "b", "c"], labels={})
    old.add_edge("a", "b", key="sanctions", support=1)
    new.add_edge("a", "b", key="sanctions", support=2)
    new.add_edge("b", "c", key="supports", support=1)
    old.add_edge("a", "c", key="attacks", support=1)
    change = edge_change(old, new, windows=("2023", "2024"))
    assert [(e["subject"]["iri"], e["relation"]) for e in change["new_edges"]] == [("b", "supports")]
    assert [(e["subject"]["iri"], e["relation"]) for e in change["vanished_edges"]] == [("a", "attacks")]


def test_analyze_change_between_windows(demo_store):
    with open_store(demo_store, read_only=True) as store:
        change = analyze(store, change=("..2023", "2024"))["change"]
    new = {(e["subject"]["iri"], e["relation"], e["object"]["iri"]) for e in change["new_edges"]}
    assert (BELARUS, "memberOf", SCO) in new
    assert not new & {(e["subject"]["iri"], e["relation"], e["object"]["iri"]) for e in change["vanished_edges"]}


@pytest.mark.parametrize("text, expected", [
    ("2024", ("2024", "2024")), ("2023-01..2023-06", ("2023-01", "2023-06")),
    ("..2023", (None, "2023")), ("2024-03-01..", ("2024-03-01", None)),
])
def test_parse_window(text, expected):
    assert parse_window(text) == expected


@pytest.mark.parametrize("text", ["", "..", "last year", "2024..2025..2026", "24"])
def test_parse_window_rejects_nonsense(text):
    with pytest.raises(AnalysisError, match="not a date window"):
        parse_window(text)


def test_cli_analyze_prints_a_path(runner, demo_store, seed_present):
    result = runner.invoke(cli, ["analyze", "--store", demo_store, "--path", "Li Shangfu", "European Union"])
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("\npath (", 1)[1]
    assert section.splitlines()[1].lstrip().startswith("Li Shangfu -")
    assert "European Union" in section.splitlines()[-1]


def test_cli_analyze_json_and_errors(runner, demo_store):
    result = runner.invoke(cli, ["analyze", "--store", demo_store, "--format", "json", "--top", "3",
                                 "--change", "2023", "2024", "--relation", "memberOf"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"entities", "edges", "degree", "betweenness", "communities", "change"}
    assert {e["relation"] for e in data["change"]["new_edges"]} <= {"memberOf"}
    result = runner.invoke(cli, ["analyze", "--store", demo_store, "--path", "Belarus", "Atlantis"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no entity named 'Atlantis'")
    result = runner.invoke(cli, ["analyze", "--store", demo_store, "--change", "2023", "soon"])
    assert result.exit_code == 1 and "not a date window" in result.stderr


def test_communities_do_not_depend_on_the_order_the_store_returns_facts(demo_store):
    from geokg.graph.view.analysis import communities

    with open_store(demo_store, read_only=True) as store:
        graph = project(selector(store))
    simple = undirected(graph)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(simple.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(simple.edges(data=True))))
    assert communities(graph, simple) == communities(graph, shuffled)
