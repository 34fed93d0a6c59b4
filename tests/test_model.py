"""The table of entity kinds (geokg.model.KINDS) is the one source every kind list derives from."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from rdflib.namespace import OWL, RDF, RDFS

from geokg.model import KINDS, SUPERCLASSES, TYPE_ALIASES
from geokg.namespaces import GKG
from geokg.ontology import load_ontology


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_is_an_ontology_class_under_its_parent_kind(kind):
    graph = load_ontology()
    assert (GKG[kind.cls], RDF.type, OWL.Class) in graph
    parents = {str(p).removeprefix(str(GKG)) for p in graph.objects(GKG[kind.cls], RDFS.subClassOf)}
    if kind.parent:
        assert SUPERCLASSES[kind.cls] in parents


def test_kind_names_classes_ranks_and_type_names_are_unique():
    for field in ("name", "cls", "link_rank"):
        assert len({getattr(k, field) for k in KINDS}) == len(KINDS), field
    names = [alias for k in KINDS for alias in (k.name.replace("_", "-"), *k.aliases)]
    assert len(names) == len(set(names)) == len(TYPE_ALIASES)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_page_names_every_kind(lang):
    ui = json.loads((files("geokg.graph.map") / "assets" / f"ui.{lang}.json").read_text(encoding="utf-8"))
    assert {k.cls for k in KINDS} <= set(ui["classes"])
