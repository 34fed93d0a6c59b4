"""Helpers shared by the tests: paths, sample graphs, SPARQL servers and headless Chromium."""
