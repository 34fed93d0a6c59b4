"""Text read from the store, made safe to show: labels without bidi controls, evidence with them visible.

A label carrying U+202E (RIGHT-TO-LEFT OVERRIDE) or another bidirectional control draws the
names after it reversed on the map and in a terminal. Labels are names: the controls carry no
meaning there, so they go. Evidence is a quotation: it keeps them, written out as ``\\u202e``.
"""

from __future__ import annotations

import re

# Embeddings, overrides and isolates (and their terminators), the marks, the Arabic letter mark,
# and the other control characters that move or hide text.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_label(label: str) -> str:
    """Return *label* without bidi and other control characters, and its spaces collapsed.

    >>> clean_label("Bela\\u202erus\\u202c")
    'Belarus'
    """
    return " ".join(_BIDI.sub("", label).split())


def visible_controls(text: str) -> str:
    r"""Return *text* with bidi and control characters written out as escapes (\u202e).

    >>> print(visible_controls("a\u202eb"))
    a\u202eb
    """
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_evidence(item: dict[str, str]) -> dict[str, str]:
    """Return an evidence record (``text``, ``title``, …) as displays show it: controls visible, title cleaned."""
    return {**item, "text": visible_controls(item.get("text") or ""), "title": clean_label(item.get("title") or "")}
