"""List every false negative and false positive of `geokg eval`, with its sentence, for sorting errors by cause.

    python scripts/error_items.py ../shared/dev/real/gold ../shared/dev/real/articles > items.jsonl

One JSON line per error, judged exactly as ``geokg eval`` judges (``extract/evaluate.py``):
``type`` (FN or FP), ``article``, ``lang``, ``s``/``p``/``o`` (gold names for misses, English labels
for false predictions), the sentence, and what helps to name a cause: for a miss, whether each
argument was found as an entity and what the extractor predicted between the two; for a false
prediction, its rule, confidence and modality, and the gold relations over the same pair.
``docs/quality.md`` keeps the table of causes made from these lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geokg.extract import extract
from geokg.extract import evaluate as E
from geokg.lexicon.gazetteer import load_gazetteer


def _sentence(text: str, start: int, end: int) -> str:
    """Return the sentence of *text* around [start, end)."""
    a = max(text.rfind("\n", 0, start), *(text.rfind(c, 0, start) for c in ".؟!")) + 1
    ends = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    return text[a:(min(ends) if ends else len(text)) + 1].strip()


def article_errors(gold_file: Path, articles: Path, gaz, known: dict[str, str]) -> list[dict]:
    """Return the error lines of one article."""
    j = E.judge_article(gold_file, articles, lambda a: extract(a, gaz), known)
    gold, art, ex, ents, preds, verdicts, matched = j.gold, j.article, j.extraction, j.entities, j.predictions, j.verdicts, j.matched
    base = {"article": gold_file.stem, "lang": art.lang}
    out = []
    for p, verdict in verdicts.items():
        if verdict != "fp":
            continue
        st, pair = preds[p], E._keys(ents[p[0]], known) | E._keys(ents[p[2]], known)
        same_pair = [g["p"] for g in gold if E._gold_key(g["s"], known) in pair and E._gold_key(g["o"], known) in pair]
        out.append({**base, "type": "FP", "s": ents[p[0]].label("en"), "p": p[1], "o": ents[p[2]].label("en"),
                    "rule": st.rule, "confidence": st.confidence, "modality": st.modality,
                    "sentence": _sentence(art.text, st.start, st.end), "gold_same_pair": same_pair})
    found = {k: e for e in ex.entities for k in E._keys(e, known)}
    for i, g in enumerate(gold):
        if g.get("optional") or i in matched:
            continue
        es, eo = found.get(E._gold_key(g["s"], known)), found.get(E._gold_key(g["o"], known))
        between = [k[1] for k in preds if es and eo and {k[0], k[2]} == {es.id, eo.id}]
        at = art.text.find(g.get("evidence", "")[:30]) if g.get("evidence") else -1
        out.append({**base, "type": "FN", "s": g["s"], "p": g["p"], "o": g["o"], "s_found": bool(es), "o_found": bool(eo),
                    "predicted_between": between, "evidence": g.get("evidence", ""),
                    "sentence": _sentence(art.text, at, at + len(g.get("evidence", ""))) if at >= 0 else ""})
    return out


def main() -> None:
    """Print the error lines of every gold file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("articles", type=Path)
    args = ap.parse_args()
    gaz = load_gazetteer(())
    known = gaz.by_english_name()
    for gold_file in sorted(args.gold.glob("*.json")):
        for item in article_errors(gold_file, args.articles, gaz, known):
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
