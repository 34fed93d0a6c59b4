"""Tests against real SPARQL servers started on loopback."""
