"""`geokg validate`: the SHACL shapes shipped with the ontology, checked against a store."""

from __future__ import annotations

import json

import pytest
from rdflib import URIRef
from rdflib.namespace import SH

from geokg.cli import cli
from geokg.graph.store import open_store
from geokg.graph.query.validate import load_shapes, validate_store
from geokg.ontology import relation_names
from tests.support.demo import BELARUS, ingest_into
from tests.support.paths import EXAMPLES

GKG = "https://w3id.org/geokg/ontology#"


@pytest.fixture(params=["memory", "oxigraph-disk"])
def small_store(request, tmp_path) -> str:
    """Return a fresh store of each kind holding one English article."""
    url = f"memory:validate-{tmp_path.name}" if request.param == "memory" else f"oxigraph:{tmp_path / 'kg'}"
    return ingest_into(url, [EXAMPLES / "en-belarus-sco.txt"])


def _break(url: str, update: str) -> None:
    with open_store(url) as store:
        store.update(update)


def _one_statement(url: str) -> tuple[str, str]:
    """Return a memberOf statement of the store and its sentence node."""
    with open_store(url, read_only=True) as store:
        rows = store.query("SELECT ?st ?sentence WHERE { ?fact rdf:predicate gkg:memberOf . "
                           "?st gkg:fact ?fact ; gkg:sentence ?sentence } ORDER BY ?st LIMIT 1").rows
    return str(rows[0][0]), str(rows[0][1])


def _short(iri: str) -> str:
    return iri.replace("https://w3id.org/geokg/resource/", "gkr:")


def test_validate_demo_store_conforms(runner, demo_store):
    with open_store(demo_store, read_only=True) as store:
        assert validate_store(store) == []
    result = runner.invoke(cli, ["validate", "--store", demo_store])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_validate_sentence_without_text_fails_clearly(runner, small_store):
    _, sentence = _one_statement(small_store)
    _break(small_store, f"DELETE {{ GRAPH ?g {{ <{sentence}> gkg:text ?t }} }} "
                        f"WHERE {{ GRAPH ?g {{ <{sentence}> gkg:text ?t }} }}")
    result = runner.invoke(cli, ["validate", "--store", small_store])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {small_store} does not conform to the geokg shapes: 1 violation")
    assert f"- {_short(sentence)} gkg:text: a sentence carries its text (gkg:text) once" in result.stdout
    assert f"article: {_short(sentence).split('/sentence/')[0]}" in result.stdout


def test_validate_statement_without_fact_and_label_without_language(small_store):
    statement, sentence = _one_statement(small_store)
    _break(small_store, f"""DELETE {{ GRAPH ?g {{ <{statement}> gkg:fact ?f }} }}
        WHERE {{ GRAPH ?g {{ <{statement}> gkg:fact ?f }} }} ;
        INSERT DATA {{ GRAPH <https://w3id.org/geokg/resource/article/broken> {{
            <{BELARUS}> rdfs:label "Belarus" . <{BELARUS}> gkg:leaderOf <{BELARUS}> }} }}""")
    with open_store(small_store, read_only=True) as store:
        found = {(v.focus, v.path, v.shape, v.article) for v in validate_store(store)}
    article = _short(sentence).split("/sentence/")[0]
    assert (_short(statement), "gkg:fact", "gkgsh:StatementShape", article) in found
    assert ("gkr:entity/Q184", "rdfs:label", "gkgsh:LabelShape", "") in found
    assert ("gkr:entity/Q184", "", "gkgsh:OfficeSubjectShape", "") in found


def test_validate_fact_figures_are_checked(small_store):
    with open_store(small_store, read_only=True) as store:
        fact = str(store.query("SELECT ?f WHERE { ?f gkg:supportCount ?n } ORDER BY ?f LIMIT 1").rows[0][0])
    _break(small_store, f"""DELETE {{ GRAPH ?g {{ <{fact}> gkg:supportCount ?n }} }}
        INSERT {{ GRAPH ?g {{ <{fact}> gkg:supportCount "many" }} }}
        WHERE {{ GRAPH ?g {{ <{fact}> gkg:supportCount ?n }} }}""")
    with open_store(small_store, read_only=True) as store:
        found = {(v.focus, v.path, v.shape) for v in validate_store(store)}
    assert found == {(_short(fact), "gkg:supportCount", "gkgsh:FactShape")}


def test_cli_validate_json_report(runner, small_store):
    _break(small_store, f'INSERT DATA {{ GRAPH <https://w3id.org/geokg/resource/article/broken> {{ <{BELARUS}> rdfs:label "x" }} }}')
    result = runner.invoke(cli, ["validate", "--store", small_store, "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False and report["count"] == len(report["violations"]) == 1
    assert report["violations"][0]["value"] == '"x"'


def test_shapes_cover_the_domain_and_range_of_every_relation():
    shapes = load_shapes()
    subjects = {str(o) for o in shapes.objects(None, SH.targetSubjectsOf)}
    objects = {str(o) for o in shapes.objects(None, SH.targetObjectsOf)}
    for name in relation_names():
        assert GKG + name in subjects, f"no domain shape for gkg:{name}"
        assert GKG + name in objects, f"no range shape for gkg:{name}"


def test_shapes_list_exactly_the_ontology_relations_as_fact_predicates():
    shapes = load_shapes()
    lists = [node for node in shapes.objects(None, SH["in"])]
    predicates = next({str(x) for x in shapes.items(node)} for node in lists
                      if URIRef(GKG + "memberOf") in set(shapes.items(node)))
    assert predicates == {GKG + name for name in relation_names()}
