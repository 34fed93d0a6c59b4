"""How a batch reaches a real SPARQL server (an Oxigraph server, a Virtuoso): a few large requests, graphs whole.

Requests are counted on ``SparqlHttp.request``, which every request of a remote store goes
through and which still sends each one.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest

from geokg.corpus import extract_corpus, load, read_shard
from geokg.ingest import ingest
from geokg.errors import StoreError
from geokg.graph.export import export
from geokg.graph.store import GraphWrite, Quads, open_store
from geokg.graph.store import remote
from geokg.graph.store.sparql_http import SparqlHttp
from tests.support.paths import EXAMPLES

pytestmark = pytest.mark.backends("servers")


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> list[GraphWrite]:
    """Return the six example articles as the ingest writes them: each graph with its entities' descriptions."""
    shards = tmp_path_factory.mktemp("shards")
    extract_corpus([EXAMPLES], shards)
    items = [item for path in sorted(shards.glob("*.nq.gz")) for item in read_shard(path)]
    assert len(items) == 6
    return [GraphWrite(item.iri, Quads.join((item.quads, *item.descriptions)), said=item.said) for item in items]


@pytest.fixture
def requests(monkeypatch) -> Counter:
    """Return a counter of the HTTP requests sent from now on, by kind (query, update, data) and method."""
    sent: Counter = Counter()
    send = SparqlHttp.request

    def counted(self, method, url, **options):
        sent[options.get("kind", "query"), method, options.get("content_type")] += 1
        return send(self, method, url, **options)

    monkeypatch.setattr(SparqlHttp, "request", counted)
    return sent


def nquads(store) -> bytes:
    """Return the N-Quads export of *store*."""
    out = io.BytesIO()
    export(store, out, "nq")
    return out.getvalue()


def embedded_nquads(*batches: list[GraphWrite]) -> bytes:
    """Return the N-Quads export of an embedded store given *batches*, one write each."""
    with open_store("oxigraph:") as embedded:
        for batch in batches:
            embedded.write(batch)
        return nquads(embedded)


def test_a_batch_in_several_chunks_gives_the_embedded_stores_quads(store, examples, monkeypatch):
    first, rest = examples[:2], examples[2:]
    monkeypatch.setattr(remote, "LOAD_CHUNK", max(len(w.quads) for w in examples) + 1)  # about one article a request
    cut = Quads.of(list(rest[0].quads)[: len(rest[0].quads) // 2])  # what a run cut short might have left
    batches = [[*first, GraphWrite(rest[0].iri, cut)], [*first, *rest]]  # three stored already, then replaced
    for batch in batches:
        store.write(batch)
    assert nquads(store) == embedded_nquads(*batches)


def test_a_batch_costs_the_same_few_requests_whatever_its_number_of_articles(store, examples, requests):
    store.write(examples[:1])  # the first write also reads the journal and checks the load endpoint
    requests.clear()
    store.write(examples[1:2])
    one = sum(requests.values())
    requests.clear()
    store.write(examples[2:])
    assert sum(requests.values()) == one <= 5
    assert sum(count for (kind, _, _), count in requests.items() if kind == "data") == 1


@pytest.mark.remote
def test_a_refused_request_leaves_none_of_its_graphs(virtuoso_server, examples):
    # RDF allows an ill-typed literal and the Oxigraph server stores it; Virtuoso refuses the whole request.
    virtuoso_server.clear()
    first, bad, last = examples[0], examples[1], examples[2]
    refused = f'<urn:x:s> <urn:x:p> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> <{bad.iri}> .\n'
    with open_store(virtuoso_server.url) as store:
        with pytest.raises(StoreError) as caught:
            store.write([first, GraphWrite(bad.iri, Quads.join((bad.quads, Quads(refused)))), last])
        assert "\n" not in str(caught.value) and "HTTP 400" in str(caught.value)
        assert not any(store.has_graph(w.iri) for w in (first, bad, last))
        store.write(examples)  # the run again, with the article fixed
        assert nquads(store) == embedded_nquads(examples)


def test_a_server_refusing_the_dataset_post_gets_sparql_update_from_then_on(server, examples, requests):
    # Its query endpoint as the Graph Store endpoint: neither server stores N-Quads POSTed there.
    with open_store(server.url, gsp_url=server.url) as store:
        store.write(examples[:3])
        requests.clear()
        store.write(examples[3:])
        assert [kind for (kind, _, _) in requests if kind == "data"] == ["data"]
        assert requests["data", "POST", "application/x-www-form-urlencoded"] == 1  # an INSERT DATA, no N-Quads
        assert nquads(store) == embedded_nquads(examples[:3], examples[3:])



def test_a_load_cut_short_between_requests_leaves_no_article_without_its_facts_names(store, examples, monkeypatch):
    # An article stored without the names of its facts would be skipped as stored by the next run
    # and its facts never named: the shared descriptions and fact names go before the articles.
    monkeypatch.setattr(remote, "LOAD_CHUNK", 60)  # a request per part of a graph: many requests
    store.write(examples[:1])  # the load endpoint is known to work from here on
    send, loads = SparqlHttp.request, []

    def dies_after_three_loads(self, method, url, **options):
        if options.get("kind") == "data":
            loads.append(url)
            if len(loads) > 3:
                raise StoreError("the server went away")
        return send(self, method, url, **options)

    monkeypatch.setattr(SparqlHttp, "request", dies_after_three_loads)
    with pytest.raises(StoreError):
        store.write(examples[1:])
    monkeypatch.setattr(SparqlHttp, "request", send)
    unnamed = store.query_rows(
        "SELECT ?f WHERE { GRAPH ?g { ?st gkg:fact ?f } FILTER NOT EXISTS { GRAPH ?names { ?f rdf:subject ?s } } }")[1]
    assert unnamed == []


def by_kind(requests: Counter) -> Counter:
    """Return the number of *requests* of each kind."""
    kinds: Counter = Counter()
    for (kind, _, _), count in requests.items():
        kinds[kind] += count
    return kinds


def test_load_asks_about_a_shards_articles_together(server, tmp_path, requests):
    shards = tmp_path / "shards"
    extract_corpus([EXAMPLES], shards)  # six articles, one shard
    with open_store(server.url) as store:
        requests.clear()
        load(shards, store)
        # Two questions about the six articles and their sources; the journal, the stored graphs,
        # the facts, once; the load endpoint checked once; one load and one update of the facts.
        assert by_kind(requests)["data"] == by_kind(requests)["update"] == 1
        assert by_kind(requests)["query"] <= 7
        requests.clear()
        (shards / "loaded").rename(tmp_path / "log")  # the same shard read again: every article is stored
        load(shards, store)
        assert by_kind(requests) == {"query": 2}


def test_ingest_asks_about_the_articles_it_has_read_together(server, requests):
    with open_store(server.url) as store:
        requests.clear()
        ingest([EXAMPLES], store)
        # Six articles read together: two questions about them and their sources, then the write's own.
        assert by_kind(requests)["data"] == by_kind(requests)["update"] == 1
        assert by_kind(requests)["query"] <= 7
        requests.clear()
        ingest([EXAMPLES], store)  # all stored: the same two questions, nothing written
        assert by_kind(requests) == {"query": 2}
