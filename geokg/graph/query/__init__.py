"""SPARQL over a store: the project's prefixes, saved queries, result formats and validation."""
