"""Projections of a store into networkx, and what is computed on them: selections, rankings, entity cards."""
