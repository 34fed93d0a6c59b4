"""Find the node a user names among a projection's entities: its IRI, a Wikidata QID or a label in any language.

It reads the nodes as a plain mapping (node -> attributes), so resolving a name needs no networkx
graph: `geokg query --saved` and `geokg show` look names up without importing networkx.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ...errors import MapSelectionError
from .project import display_label

_QID = re.compile(r"Q[1-9][0-9]*")
_HARAKAT_TATWEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
_ALEF_HAMZA = str.maketrans("\u0622\u0623\u0625", "\u0627\u0627\u0627")


def find_node(nodes: Mapping[str, Mapping], name: str) -> str:
    """Return the node of *nodes* (node -> attributes) named by an IRI, a Wikidata QID or a label in any language.

    Raises:
        MapSelectionError: If nothing or several different entities match.
    """
    text = name.strip()
    if text in nodes:
        return text
    qid = named_qid(text)
    if qid:
        hits = sorted(n for n, d in nodes.items() if d.get("qid") == qid or str(n).endswith("/" + qid))
        if hits:
            return hits[0]
    wanted = fold(text)
    exact = sorted({n for n, d in nodes.items()
                    if any(fold(v) == wanted for v in (d.get("labels") or {}).values())}, key=str)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise MapSelectionError(f"{name!r} names several entities ({', '.join(exact[:5])}); pass an IRI or QID")
    partial = sorted({n for n, d in nodes.items()
                      if any(wanted and wanted in fold(v) for v in (d.get("labels") or {}).values())}, key=str)
    if len(partial) == 1:
        return partial[0]
    if partial:
        labels = sorted(display_label(nodes[n].get("labels") or {}, n) for n in partial)[:8]
        raise MapSelectionError(f"{name!r} matches several entities: {', '.join(labels)}; be more specific")
    raise MapSelectionError(f"no entity named {name!r} in the store (try a QID such as Q184, or an IRI)")


def named_qid(text: str) -> str | None:
    """Return the Wikidata QID *text* names (a QID in any case, or an IRI ending in one), else None.

    >>> named_qid("q184"), named_qid("http://www.wikidata.org/entity/Q184"), named_qid("Belarus")
    ('Q184', 'Q184', None)
    """
    qid = text.rsplit("/", 1)[-1] if text.startswith("http") else text.upper()
    return qid if _QID.fullmatch(qid) else None


def fold(text: str) -> str:
    """Return *text* as names are compared: NFKC, Arabic short vowels and tatweel dropped, alef forms merged, casefolded."""
    folded = _HARAKAT_TATWEEL.sub("", unicodedata.normalize("NFKC", text)).translate(_ALEF_HAMZA)
    return " ".join(folded.casefold().split())
