"""Two hand-written article graphs (tests/data/graph/two-articles.nq) as store writes."""

from __future__ import annotations

from geokg.graph.store import GraphWrite, Quads
from tests.support.paths import DATA

TWO_ARTICLES = DATA / "graph" / "two-articles.nq"

SOURCE_AR = "examples/articles/ar-china-belarus.txt"  # dcterms:source of the Arabic article


def graph_writes(nquads: str) -> list[GraphWrite]:
    """Return one GraphWrite per graph named in *nquads*, sorted by graph IRI."""
    by_graph: dict[str, list[str]] = {}
    for line in nquads.splitlines():
        if line.strip() and not line.startswith("#"):
            graph = line.rstrip(" .").rsplit(" ", 1)[1].strip("<>")
            by_graph.setdefault(graph, []).append(line + "\n")
    return [GraphWrite(iri, Quads.parse("".join(lines))) for iri, lines in sorted(by_graph.items())]


#: The same two articles in the model with a facts graph (tests/data/graph/two-articles-facts.nq).
TWO_ARTICLES_FACTS = DATA / "graph" / "two-articles-facts.nq"


def article_writes(nquads: str) -> list[GraphWrite]:
    """Return one GraphWrite per ``# article graph IRI`` section of *nquads*, with every quad of the section.

    As ingest writes them: an article's graph together with the descriptions of its entities and
    the names of its facts, which go to the shared graphs.
    """
    sections: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in nquads.splitlines():
        if line.startswith("# article graph "):
            lines = sections.setdefault(line.split()[3], [])
        elif line.strip() and not line.startswith("#"):
            lines.append(line + "\n")
    return [GraphWrite(iri, Quads.parse("".join(quads))) for iri, quads in sections.items()]
