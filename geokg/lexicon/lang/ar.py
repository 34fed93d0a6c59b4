"""Arabic: folding, proclitics and the definite article come from data/lang/ar.toml."""

from __future__ import annotations

from .base import load_rules

RULES = load_rules("ar")
