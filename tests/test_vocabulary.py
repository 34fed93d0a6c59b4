"""Every term geokg writes is declared in ontology.ttl, and every rule names a real relation."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from geokg.extract import EXTRACTOR_VERSION, extract
from geokg.lexicon.lang import LANGUAGES
from geokg.extract.rules import load_ruleset
from geokg.graph.rdf import article_quads
from geokg.graph.store import open_store
from geokg.namespaces import GKG
from geokg.ontology import load_ontology, relation_names
from geokg.readers import read_path
from tests.support.demo import ingest_into

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples" / "articles").glob("*.txt"))


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_vocabulary_trigger_and_role_relations_are_ontology_relations(code):
    rs = load_ruleset(code)
    used = {t.relation for t in rs.triggers} | {r.relation for r in rs.roles if r.relation}
    assert used <= relation_names(), used - relation_names()
    assert set(rs.signatures) == set(relation_names())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_vocabulary_every_gkg_term_written_is_declared(path):
    declared = {s for s in load_ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(str(GKG))}
    article = next(read_path(path))
    ds = Dataset().parse(data=article_quads(extract(article), EXTRACTOR_VERSION).nquads, format="nquads")
    written = set()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        for term in (p, o) if p != RDF.type else (o,):
            if isinstance(term, URIRef) and str(term).startswith(str(GKG)):
                written.add(term)
    assert written, "the example produced no gkg terms"
    assert written <= declared, sorted(written - declared)


def test_vocabulary_every_gkg_term_a_store_holds_is_declared():
    """What the writer adds beside the article graphs (the facts' figures, examples) is declared too."""
    declared = {str(s) for s in load_ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(str(GKG))}
    url = ingest_into("memory:vocabulary", [EXAMPLES[0].parent])
    with open_store(url, read_only=True) as store:
        rows = store.query("SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s ?p ?term } "
                           "FILTER(STRSTARTS(STR(?term), STR(gkg:))) }").rows
    used = {str(row[0]) for row in rows}
    assert {f"{GKG}byModality", f"{GKG}firstSeen", f"{GKG}example", f"{GKG}supportCount"} <= used
    assert used <= declared, sorted(used - declared)
