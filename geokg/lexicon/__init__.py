"""Shared knowledge about names: the gazetteer, name folding and the language registry.

Readers, extraction and the graph views all read it; it imports nothing above itself.
"""
