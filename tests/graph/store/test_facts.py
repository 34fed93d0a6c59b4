"""The facts graph: each fact once, its figures always equal to a recount of the statements in the store,
whatever sequence of ingests, replacements, drops and interrupted writes led there."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from geokg import ingest
from geokg.graph.rdf import article_quads, said
from geokg.graph.store import GraphWrite, Quads, open_store
from geokg.graph.store.facts import journal_quads, recounted, said_in, stored
from geokg.extract import extract
from geokg.errors import StoreError
from geokg.model import Article
from geokg.namespaces import FACTS_GRAPH, GKG, JOURNAL_GRAPH, article_iri

# Sentences written for these tests; each article is a few of them, in its language.
SENTENCES = {
    "en": [
        "Poland and Lithuania signed a defence cooperation agreement on Monday.",
        "Lithuania and Poland signed a defence cooperation agreement on Monday.",
        "Kazakhstan joined the Shanghai Cooperation Organisation.",
        "Kazakhstan plans to join the Shanghai Cooperation Organisation next year.",
        "Kazakhstan did not join the European Union.",
    ],
    "ar": [
        "وقعت بولندا وليتوانيا اتفاقية تعاون دفاعي يوم الاثنين.",
        "انضمت كازاخستان إلى منظمة شنغهاي للتعاون.",
        "لم تنضم كازاخستان إلى الاتحاد الأوروبي.",
    ],
}
def _write_article(folder: Path, name: str, lang: str, sentences: list[str], date: str | None) -> None:
    dated = f"date: {date}\n" if date else ""  # an article without a date counts without first and last seen
    text = f"---\ntitle: {name}\n{dated}source: https://example.org/{name}\nlang: {lang}\n---\n" + " ".join(sentences) + "\n"
    (folder / f"{name}.txt").write_text(text, "utf-8")


def assert_facts_exact(store) -> None:
    """The stored figures are what a recount of every statement gives, and nothing is left in the journal."""
    assert stored(store.query_rows) == recounted(store.query_rows)
    assert not store.has_graph(JOURNAL_GRAPH)


def test_figures_equal_a_recount_after_random_ingests_replacements_and_drops(store, tmp_path):
    rng = random.Random(11)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = [f"{lang}-{i}" for lang in ("en", "ar") for i in range(4)]
    for step in range(8):
        for name in rng.sample(names, 3):  # new articles, or new versions of the same source
            lang = name[:2]
            picked = rng.sample(SENTENCES[lang], rng.randint(1, len(SENTENCES[lang])))
            day = rng.choice([None, *(f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" for _ in range(3))])
            _write_article(corpus, name, lang, picked, day)
        ingest([corpus], store)
        assert_facts_exact(store)
        if step % 3 == 2:  # drop a stored article outright
            graphs = [g for g, in (row[:1] for row in store.query_rows("SELECT DISTINCT ?g { GRAPH ?g { ?g a gkg:Article } }")[1])]
            store.drop_graphs(rng.sample(sorted(graphs), 1))
            assert_facts_exact(store)


# One fact (Kazakhstan memberOf SCO), said or denied, in articles told apart by a report number.
JOINED = {"en": "Report {n}. Kazakhstan joined the Shanghai Cooperation Organisation.",
          "ar": "تقرير {n}. انضمت كازاخستان إلى منظمة شنغهاي للتعاون."}
DENIED = {"en": "Report {n}. Kazakhstan did not join the Shanghai Cooperation Organisation.",
          "ar": "تقرير {n}. لم تنضم كازاخستان إلى منظمة شنغهاي للتعاون."}


def _said_on(lang: str, n: int, day: date | None, *, denied: bool = False) -> GraphWrite:
    text = (DENIED if denied else JOINED)[lang].format(n=n)
    ex = extract(Article(text, lang, source=f"https://example.org/report/{n}", published=day))
    return GraphWrite(article_iri(ex.article.sha256), article_quads(ex, "test"), said=said(ex))


def _recording(store) -> list[str]:
    """Return the list the store's facts bookkeeping appends each query it runs to (the store answers them)."""
    asked: list[str] = []
    answer = store._query_rows

    def rows(sparql: str):
        asked.append(sparql)
        return answer(sparql)

    store._query_rows = rows  # read by the store's first write, which builds its facts bookkeeping
    return asked


def _recounts(asked: list[str]) -> int:
    return sum("VALUES ?f" in q and "gkg:fact ?f" in q for q in asked)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_fact_said_by_many_articles_keeps_exact_figures_through_random_replacements_and_drops(lang, store):
    rng = random.Random(5)
    days = [date(2024, 5, 1), date(2024, 5, 2), date(2024, 5, 3), None]
    current: dict[int, GraphWrite] = {}
    for n in range(16):
        current[n] = _said_on(lang, n, rng.choice(days), denied=rng.random() < 0.2)
    store.write(list(current.values()))
    assert_facts_exact(store)
    for step in range(10):
        if step % 3 == 2:
            store.drop_graphs([current.pop(n).iri for n in rng.sample(sorted(current), 2)])
        else:  # new versions of some reports: other day, or other modality
            batch = {n: _said_on(lang, n, rng.choice(days), denied=rng.random() < 0.2) for n in rng.sample(range(16), 4)}
            store.write([GraphWrite(w.iri, w.quads, drop=(current[n].iri,) if n in current else (), said=w.said)
                         for n, w in batch.items()])
            current |= batch
        assert_facts_exact(store)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dropping_an_example_of_a_fact_said_by_many_that_day_reads_that_day_not_the_fact(lang):
    day = date(2024, 5, 2)
    with open_store("oxigraph:") as store:
        asked = _recording(store)
        writes = [_said_on(lang, n, day) for n in range(8)]
        store.write(writes)
        examples = {row[0] for row in store.query_rows(f"SELECT ?st {{ GRAPH <{FACTS_GRAPH}> {{ ?f gkg:example ?st }} }}")[1]}
        dropped = next(w for w in writes if any(st in w.quads.nquads for st in examples))
        store.drop_graphs([dropped.iri])
        assert_facts_exact(store)
        assert _recounts(asked) == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dropping_the_only_article_of_the_last_day_recounts_the_fact(lang):
    with open_store("oxigraph:") as store:
        asked = _recording(store)
        older = [_said_on(lang, n, date(2024, 5, 1)) for n in range(3)]
        newest = _said_on(lang, 9, date(2024, 5, 9))
        store.write([*older, newest])
        store.drop_graphs([newest.iri])
        assert_facts_exact(store)  # last seen goes back to the older day, and its articles are the examples
        assert _recounts(asked) == 1
        last = store.query_rows(f"SELECT ?d {{ GRAPH <{FACTS_GRAPH}> {{ ?r gkg:lastSeen ?d }} }}")[1]
        assert last == [("2024-05-01",)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_symmetric_fact_is_one_fact_whichever_way_round_it_was_written(lang, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, reverse = (SENTENCES["en"][0], SENTENCES["en"][1]) if lang == "en" else (SENTENCES["ar"][0], SENTENCES["ar"][0].replace("بولندا وليتوانيا", "ليتوانيا وبولندا"))
    _write_article(corpus, "a", lang, [first], "2024-03-01")
    _write_article(corpus, "b", lang, [reverse], "2024-05-01")
    with open_store("oxigraph:") as store:
        ingest([corpus], store)
        rows = store.query_rows(f"""SELECT ?s ?o ?n ?first ?last WHERE {{ GRAPH <{FACTS_GRAPH}> {{
            ?f rdf:predicate gkg:agreementWith ; rdf:subject ?s ; rdf:object ?o ; gkg:supportCount ?n ;
               gkg:byModality [ gkg:firstSeen ?first ; gkg:lastSeen ?last ] }} }}""")[1]
        plain = store.query_rows("SELECT ?s ?o { ?s gkg:agreementWith ?o }")[1]
    assert [row[2:] for row in rows] == [("2", "2024-03-01", "2024-05-01")]
    assert len(plain) == 1 and plain[0][0] < plain[0][1]  # once, subject and object in IRI order


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_negated_statement_is_counted_in_its_modality_but_supports_nothing(lang, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_article(corpus, "n", lang, [SENTENCES[lang][-1]], "2024-02-02")
    with open_store("oxigraph:") as store:
        ingest([corpus], store)
        modalities = store.query_rows(f"""SELECT ?m ?n WHERE {{ GRAPH <{FACTS_GRAPH}> {{
            ?f rdf:predicate gkg:memberOf ; gkg:byModality [ gkg:modality ?m ; gkg:supportCount ?n ] }} }}""")[1]
        assert modalities == [(f"{GKG}Negated", "1")]
        assert store.query_rows("SELECT * { ?s gkg:memberOf ?o }")[1] == []  # no plain triple
        assert store.query_rows(f"SELECT * {{ GRAPH <{FACTS_GRAPH}> {{ ?f rdf:subject ?s ; gkg:supportCount ?n }} }}")[1] == []


def _graph_write(text: str, lang: str, source: str) -> GraphWrite:
    ex = extract(Article(text, lang, source=source))
    return GraphWrite(article_iri(ex.article.sha256), article_quads(ex, "test"), said=said(ex))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_batch_loaded_but_never_counted_is_counted_by_the_next_writer(lang, tmp_path):
    url = f"oxigraph:{tmp_path / 'kg'}"
    first = _graph_write(SENTENCES[lang][0], lang, "https://example.org/one")
    second = _graph_write(SENTENCES[lang][1], lang, "https://example.org/two")
    with open_store(url) as store:
        store.write([first])
    # The process dies after the batch's load and before its update: the load holds the note.
    with open_store(url) as store:
        store._load(Quads.join([second.quads, Quads(journal_quads([second.iri], [first.iri]))]))
    with open_store(url, read_only=True) as store:
        assert store.has_graph(JOURNAL_GRAPH)  # readers see the batch, not yet counted
    with open_store(url) as store:
        store.recover()
        assert_facts_exact(store)
        assert not store.has_graph(first.iri)  # the replaced graph was dropped with the count
        assert store.has_graph(second.iri)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_article_stored_without_its_facts_names_written_again_gives_the_facts_of_one_write(lang, tmp_path):
    # A server that died between two load requests can hold an article graph whose facts were never
    # named; the same writer then writes the article whole: the facts must be those of one write.
    whole = _graph_write(" ".join(SENTENCES[lang]), lang, "https://example.org/unnamed")
    unnamed = "".join(line for line in whole.quads.nquads.splitlines(keepends=True) if f"<{FACTS_GRAPH}>" not in line)
    facts = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o }} }}"
    with open_store("oxigraph:") as once, open_store("oxigraph:") as twice:
        once.write([whole])
        twice.write([GraphWrite(whole.iri, Quads(unnamed))])
        twice.write([whole])
        assert sorted(twice.query_rows(facts)[1]) == sorted(once.query_rows(facts)[1])
        assert_facts_exact(twice)


def test_writing_a_stored_graph_again_counts_nothing_twice(tmp_path):
    write = _graph_write(SENTENCES["en"][2], "en", "https://example.org/k")
    with open_store("oxigraph:") as store:
        store.write([write])
        before = stored(store.query_rows)
        store.write([write, write])
        assert stored(store.query_rows) == before
        assert_facts_exact(store)


def test_a_store_of_the_model_before_facts_is_refused_with_what_to_do(tmp_path):
    url = f"oxigraph:{tmp_path / 'old'}"
    graph = "https://w3id.org/geokg/resource/article/" + "ab" * 16
    old = (f"<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{GKG}Article> <{graph}> .\n"
           f'<https://w3id.org/geokg/resource/statement/x> <{GKG}evidence> "Kazakhstan joined."@en <{graph}> .\n')
    with open_store(url) as store:
        store._load(Quads(old))  # as an older version wrote it
    with open_store(url) as store:
        with pytest.raises(StoreError, match="older geokg.*new store"):
            store.write([_graph_write(SENTENCES["en"][2], "en", "https://example.org/k")])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_statements_read_back_from_written_quads_are_those_the_extraction_counts(lang):
    text = " ".join(SENTENCES[lang])
    ex = extract(Article(text, lang, published=date(2024, 6, 1)))
    assert set(said_in(article_quads(ex, "test").nquads, article_iri(ex.article.sha256))) == set(said(ex))
    assert len(said(ex)) >= 2


def test_a_writer_that_forgets_what_it_cached_keeps_the_figures_exact(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open_store("oxigraph:") as store:
        for step, sentences in enumerate((SENTENCES["en"][:3], SENTENCES["en"][1:], SENTENCES["en"])):
            _write_article(corpus, f"a{step}", "en", sentences, f"2024-0{step + 1}-01")
            ingest([corpus], store)
            store._facts.capacity = 0  # the next batch reads every figure back from the store
        assert_facts_exact(store)
