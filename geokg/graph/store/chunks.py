"""A batch's quads cut into load requests of about ``budget`` quads, each article graph whole in one.

A server loads a request as a whole or not at all (the Oxigraph server and Virtuoso run it in one
transaction, as Fuseki does over TDB2), so an article graph never lands in part. Shared graphs (entities, facts,
journal) are only added to: their quads fill whatever room the requests leave. The first request
holds the first graph given (the journal's note of the batch), so no article lands before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TypeAlias

import pyoxigraph as ox

from ...namespaces import is_article_graph

#: One request's quads: (graph IRI, "" for the default graph, and quads of that graph), graphs in order.
Chunk: TypeAlias = list[tuple[str, Sequence[ox.Quad]]]


def load_chunks(by_graph: Mapping[str, Sequence[ox.Quad]], budget: int) -> Iterator[Chunk]:
    """Yield the requests loading *by_graph*: about *budget* quads each, an article graph never split.

    An article graph larger than *budget* goes alone, whole; a shared graph's quads may be split.

    >>> from geokg.namespaces import article_iri
    >>> q = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))
    >>> a, b = article_iri("a" * 32), article_iri("b" * 32)
    >>> [[(g[-2:], len(part)) for g, part in chunk]
    ...  for chunk in load_chunks({"urn:x:journal": [q], a: [q] * 3, "urn:x:shared": [q] * 5, b: [q] * 4}, 4)]
    [[('al', 1), ('aa', 3)], [('ed', 4)], [('ed', 1)], [('bb', 4)]]
    """
    chunk: Chunk = []
    size = 0
    for graph, quads in by_graph.items():
        whole = is_article_graph(graph)
        start = 0
        while start < len(quads):
            room = budget - size
            if chunk and (room <= 0 or (whole and len(quads) > room)):
                yield chunk
                chunk, size = [], 0
                continue
            end = len(quads) if whole else min(len(quads), start + max(room, 1))
            chunk.append((graph, quads[start:end]))
            size += end - start
            start = end
    if chunk:
        yield chunk
