"""Errors raised by geokg.

* GeokgError                 anything a user can cause; the CLI prints it as one line
  + StoreError
    - StoreUnavailable       cannot open or reach the store
    - StoreLocked            another process holds the write lock
    - UnknownStoreScheme     the store URL names no known backend
    - QueryStopped           a query was stopped before it answered
      · QueryTimeout         it ran past its time limit
      · QueryCancelled       its caller gave up (a client disconnected)
      · ResultTooLarge       its answer passed the size limit
      · QueryCrashed         the query engine died on it (the process running it did not)
    - UntrustedAnswer        a remote server's answer does not fit the question
  + QuerySyntaxError         the SPARQL text does not parse
  + InputError               an article file cannot be read or decoded
  + UnknownLanguage          no extraction rules for a language code
  + GazetteerError           a user gazetteer file is malformed
  + IngestFailed             some articles failed; the message summarises the report
  + ClusterUnavailable       the Dask scheduler cannot be reached, or Dask is not installed
  + CorpusError              an extracted-corpus folder (shards and manifest) is missing or damaged
  + OutputError              an output file cannot be written
  + MapSelectionError        a map option names nothing in the store or the ontology, or is out of range
  + AnalysisError            an analysis option is malformed, or the entities asked about are not connected
  + ValidationFailed         the store does not conform to the SHACL shapes
  + EntityNotFound           a name, IRI or QID matches no entity (or several) in the store
  + SavedQueryError          an unknown saved query, or a missing or malformed parameter
"""

from __future__ import annotations


class GeokgError(Exception):
    """Base class of every error a user can cause."""


class StoreError(GeokgError):
    """The store could not do what was asked."""


class StoreUnavailable(StoreError):
    """The store cannot be opened or reached."""


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""


class UnknownStoreScheme(StoreError):
    """The store URL has a scheme no backend handles."""


class QueryStopped(StoreError):
    """A query was stopped before it answered."""


class QueryTimeout(QueryStopped):
    """A query ran past its time limit."""


class QueryCancelled(QueryStopped):
    """A query's caller gave up on it."""


class ResultTooLarge(QueryStopped):
    """A query's answer passed the size limit."""


class QueryCrashed(QueryStopped):
    """The query engine died on a query (in a worker process, not in geokg's)."""


class UntrustedAnswer(StoreError):
    """A remote server's answer does not fit the question asked."""


class QuerySyntaxError(GeokgError):
    """The SPARQL text does not parse."""


class InputError(GeokgError):
    """An input file cannot be read, decoded or parsed."""


class UnknownLanguage(GeokgError):
    """No extraction rules exist for the language code."""


class GazetteerError(GeokgError):
    """A gazetteer file is malformed."""


class IngestFailed(GeokgError):
    """Some articles failed to ingest; the others were stored."""


class ClusterUnavailable(GeokgError):
    """The Dask scheduler cannot be reached, or Dask is not installed."""


class CorpusError(GeokgError):
    """An extracted-corpus folder (shards and manifest) is missing or damaged."""


class OutputError(GeokgError):
    """An output file cannot be written."""


class MapSelectionError(GeokgError):
    """A map selection option names nothing in the store or the ontology, or is out of range."""


class AnalysisError(GeokgError):
    """An analysis option is malformed, or the entities asked about are not connected."""


class ValidationFailed(GeokgError):
    """The store does not conform to the SHACL shapes."""


class EntityNotFound(GeokgError):
    """A name, IRI or QID matches no entity in the store, or several."""


class SavedQueryError(GeokgError):
    """A saved query is unknown, or one of its parameters is missing or malformed."""
