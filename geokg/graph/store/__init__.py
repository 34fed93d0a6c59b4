"""Stores: the Store contract and ``open_store(url)``, with one backend module per engine.

``base`` holds the contract (the ``Store`` class) and the URL scheme registry, ``quads`` the typed
batch a store writes, ``boundary`` the tables translating engine exceptions into geokg errors;
``oxigraph``, ``memory`` and ``remote`` are the backends (imported on first use), ``sparql_http``
the HTTP client behind ``remote``, ``serve`` and ``endpoint`` the read-only SPARQL endpoint over an on-disk
store, ``child`` the forked process a user's query runs in, and ``sparql_text`` what a query text is
(its form, an update, its SERVICE calls) without a parser.
"""

from .base import (
    DEFAULT_STORE, DUMP_FORMATS, KNOWN_URLS, REMOTE_SCHEMES, GraphWrite, QueryResult, Store, Term, open_store,
    parse_url, remote_endpoints,
)
from .quads import Quads

__all__ = [
    "DEFAULT_STORE", "DUMP_FORMATS", "KNOWN_URLS", "REMOTE_SCHEMES", "GraphWrite", "QueryResult", "Quads", "Store",
    "Term", "open_store", "parse_url", "remote_endpoints",
]
