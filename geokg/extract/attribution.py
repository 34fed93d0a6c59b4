"""Attribution: who, in the article, asserts each sentence ("according to Reuters", "قال الوزير")."""

from __future__ import annotations

from .document import Token
from .modality import Cue
from .units import Unit

# How far (in tokens) from its cue the attributed source or speaker may stand.
SOURCE_WINDOW = 3
SPEAKER_WINDOW = 4
# Words of a source written as text ("مجلة دير شبيجل", "the Interfax news agency").
MAX_SOURCE_WORDS = 6


def attributions(tokens: list[Token], units: list[Unit], cues: list[Cue], sentences: list[tuple[int, int]], text: str, speaker_after: bool) -> dict[int, str]:
    """Return sentence index -> attribution: an entity id, or the source as written."""
    out: dict[int, str] = {}
    for cue in cues:
        if cue.kind not in ("source", "speech"):
            continue
        si = next((i for i, (a, b) in enumerate(sentences) if a <= cue.t0 < b), None)
        if si is None or si in out:
            continue
        s0, s1 = sentences[si]
        after = [u for u in units if cue.t1 <= u.t0 <= cue.t1 + (SOURCE_WINDOW if cue.kind == "source" else SPEAKER_WINDOW) and u.t0 < s1]
        before = [u for u in units if cue.t0 - SPEAKER_WINDOW <= u.t1 <= cue.t0 and u.t0 >= s0]
        found: Unit | None = None
        if cue.kind == "source" or speaker_after:
            found = after[0] if after else None
        else:
            found = before[-1] if before else (after[0] if after and after[0].t0 - cue.t1 <= 1 else None)
        if found is not None:
            out[si] = found.entity_id
        elif cue.kind == "source":
            written = _written_source(tokens, cue.t1, s1, text)
            if written:
                out[si] = written
    return out


def _written_source(tokens: list[Token], k: int, end: int, text: str) -> str:
    """Return the words after "according to" up to punctuation, as written."""
    j, words = k, 0
    # Quotes may wrap part of the name: بحسب مجلة "دير شبيجل"
    while j < end and words < MAX_SOURCE_WORDS and (tokens[j].f.isalnum() or tokens[j].f in _QUOTES):
        words += tokens[j].f.isalnum()
        j += 1
    if not words:
        return ""
    written = text[tokens[k].start : tokens[j - 1].end]
    return " ".join(written.translate({ord(q): " " for q in _QUOTES}).split())


_QUOTES = "\"'«»“”"
