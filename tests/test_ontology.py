"""Checks on geokg/ontology.ttl and the helpers in geokg.ontology."""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from geokg import ontology
from geokg.namespaces import GKG

RELATIONS = (
    "memberOf sanctions alliedWith supports opposes cooperatesWith militaryCooperation "
    "jointExercise visits meetsWith agreementWith tradesWith attacks atWarWith leaderOf "
    "ministerOf ambassadorTo partOf condemns accuses negotiatesWith providesAidTo recognises"
).split()

SYMMETRIC = set(
    "alliedWith cooperatesWith militaryCooperation jointExercise meetsWith agreementWith "
    "tradesWith atWarWith negotiatesWith".split()
)

FAMILIES = {"cooperation", "conflict", "membership", "office", "diplomacy"}

MODALITIES = ("Asserted", "Planned", "Negated", "Reported", "Ended")

# Arabic presentation forms A and B, and tatweel.
FORBIDDEN_ARABIC = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\u0640]")


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(data=(files("geokg") / "ontology.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


def _labels(graph: Graph, subject: URIRef, lang: str) -> list[str]:
    return [str(o) for o in graph.objects(subject, RDFS.label) if isinstance(o, Literal) and o.language == lang]


def test_parses_with_header(graph: Graph) -> None:
    onto = URIRef("https://w3id.org/geokg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in graph
    assert str(graph.value(onto, OWL.versionInfo)) == "0.1.0"
    assert graph.value(onto, RDFS.label) is not None
    assert graph.value(onto, RDFS.comment) is not None


def test_relation_count_and_names() -> None:
    # 23 extracted relations; gkg:holdsOfficeIn is a super-property without a family.
    assert len(set(RELATIONS)) == len(RELATIONS) == 23
    assert ontology.relation_names() == frozenset(RELATIONS)


@pytest.mark.parametrize("name", RELATIONS)
def test_relation_is_documented_object_property(graph: Graph, name: str) -> None:
    prop = GKG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in graph
    assert _labels(graph, prop, "en"), f"{name} has no English label"
    assert _labels(graph, prop, "ar"), f"{name} has no Arabic label"
    comments = [o for o in graph.objects(prop, RDFS.comment) if isinstance(o, Literal) and o.language == "en"]
    assert comments, f"{name} has no English comment"
    assert graph.value(prop, RDFS.domain) is not None, f"{name} has no domain"
    assert graph.value(prop, RDFS.range) is not None, f"{name} has no range"


@pytest.mark.parametrize("name", RELATIONS)
def test_symmetry(graph: Graph, name: str) -> None:
    is_symmetric = (GKG[name], RDF.type, OWL.SymmetricProperty) in graph
    assert is_symmetric == (name in SYMMETRIC)


def test_symmetric_helper() -> None:
    assert ontology.symmetric_relations() == frozenset(SYMMETRIC)


@pytest.mark.parametrize("name", RELATIONS)
def test_relation_family(graph: Graph, name: str) -> None:
    families = [str(o) for o in graph.objects(GKG[name], GKG.relationFamily)]
    assert len(families) == 1 and families[0] in FAMILIES, (name, families)
    assert ontology.relation_family(name) == families[0]


def test_joint_exercise_is_transitively_cooperation(graph: Graph) -> None:
    ancestors = set(graph.transitive_objects(GKG.jointExercise, RDFS.subPropertyOf))
    assert GKG.militaryCooperation in ancestors
    assert GKG.cooperatesWith in ancestors
    assert ontology.super_relations("jointExercise") == ["jointExercise", "militaryCooperation", "cooperatesWith"]


def test_super_relations_helper() -> None:
    assert ontology.super_relations("ministerOf") == ["ministerOf", "holdsOfficeIn"]
    assert ontology.super_relations("sanctions") == ["sanctions", "opposes"]
    assert ontology.super_relations("visits") == ["visits"]
    with pytest.raises(KeyError):
        ontology.super_relations("noSuchRelation")


def test_relation_label_helper() -> None:
    assert ontology.relation_label("memberOf", "en") == "member of"
    assert ontology.relation_label("memberOf", "ar") == "عضو في"
    assert ontology.relation_label("memberOf", "xx") == "member of"


def test_load_ontology_is_cached() -> None:
    assert ontology.load_ontology() is ontology.load_ontology()
    assert ontology.ONTOLOGY_PATH.is_file()


def test_modality_individuals(graph: Graph) -> None:
    for name in MODALITIES:
        ind = GKG[name]
        assert (ind, RDF.type, GKG.Modality) in graph
        assert _labels(graph, ind, "en") and _labels(graph, ind, "ar")


def test_arabic_labels_clean_and_all_labels_nfc(graph: Graph) -> None:
    labels = [o for o in graph.objects(None, RDFS.label) if isinstance(o, Literal)]
    assert labels
    for label in labels:
        text = str(label)
        assert unicodedata.is_normalized("NFC", text), text
        if label.language == "ar":
            assert not FORBIDDEN_ARABIC.search(text), f"presentation form or tatweel in {text!r}"
            assert re.search("[\u0621-\u064a]", text), f"Arabic label without Arabic letters: {text!r}"


def test_every_gkg_term_is_labelled(graph: Graph) -> None:
    declared = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual):
        declared |= {s for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(GKG))}
    assert declared
    for term in declared:
        assert _labels(graph, term, "en"), f"{term} has no English label"
        assert graph.value(term, RDFS.comment) is not None, f"{term} has no comment"
