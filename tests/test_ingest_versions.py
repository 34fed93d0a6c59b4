"""Several versions of one source among the inputs: the last in input order is kept, run after run."""

from __future__ import annotations

import pytest

from geokg.graph.store import open_store
from geokg.ingest import ingest
from geokg.namespaces import article_iri
from geokg.readers import ReadOptions, read_file
from tests.support.corpora import sorted_quads
from tests.support.paths import EXAMPLES

ARTICLES = {"en": "en-nato-summit.txt", "ar": "ar-eu-sanctions-russia.txt"}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
@pytest.mark.parametrize("jobs", [1, 2])
def test_running_again_over_two_versions_of_a_source_keeps_the_later_one(tmp_path, lang, jobs):
    text = (EXAMPLES / ARTICLES[lang]).read_text("utf-8")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.txt").write_text(text + "\nFirst version.\n", "utf-8")
    (inputs / "b.txt").write_text(text + "\nSecond version.\n", "utf-8")
    first, second = (article_iri(next(iter(read_file(inputs / name, ReadOptions()))).article.sha256)
                     for name in ("a.txt", "b.txt"))
    url, kept = f"oxigraph:{tmp_path / 'store'}", []
    for _ in range(3):  # the first run, then the same command again on the same store
        with open_store(url) as store:
            ingest([inputs], store, jobs=jobs)
            assert store.has_graph(second) and not store.has_graph(first)
        kept.append(sorted_quads(url))
    assert kept[0] == kept[1] == kept[2]
