"""Build geokg/extract/data/calibration.tsv: the precision of each relation group at each rule confidence.

    python scripts/calibrate.py ../shared/dev/real/gold ../shared/dev/real/articles

Every article is extracted with the rules' own confidences and each distinct predicted triple is
judged against the gold as ``geokg eval`` judges it (optional and entailed triples are left
out). Per relation group and rule confidence the precision is shrunk toward the rule's own
confidence (a handful of predictions says little), then made non-decreasing in the rule
confidence (pool adjacent violators). With ``--cross-validate`` it also prints what
calibration fitted without each article does on that article: the honest estimate of how
precision per band carries over to unseen articles.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from geokg.extract import evaluate as E
from geokg.extract.calibration import calibrated_confidence, relation_group
from geokg.extract.extractor import PASSES
from geokg.extract.pipeline import run_passes
from geokg.extract.rules import load_ruleset
from geokg.extract.state import Doc
from geokg.lexicon.gazetteer import load_gazetteer

TABLE = Path(__file__).resolve().parents[1] / "geokg" / "extract" / "data" / "calibration.tsv"
PRIOR = 4.0  # weight of the rule's own confidence, in predictions
_UNCALIBRATED = tuple(p if p.name != "calibration" else replace(p, run=lambda d: setattr(d, "statements", d.rule_statements)) for p in PASSES)


def judged(gold_dir: Path, articles_dir: Path) -> dict[str, list[tuple[str, float, bool]]]:
    """Return article -> [(relation, rule confidence, correct)] for every judged prediction."""
    gaz = load_gazetteer(())
    known = gaz.by_english_name()
    out = {}
    for gold_file in sorted(gold_dir.glob("*.json")):
        j = E.judge_article(gold_file, articles_dir, lambda a: run_passes(_UNCALIBRATED, Doc(a, gaz, load_ruleset(a.lang))).extraction, known)
        out[gold_file.stem] = [(p[1], j.predictions[p].confidence, v == "tp") for p, v in j.verdicts.items() if v != "skip"]
    return out


def fit(items: list[tuple[str, float, bool]]) -> dict[str, list[tuple[float, float, int, int]]]:
    """Return group -> [(rule confidence, calibrated confidence, predictions, correct)], ascending."""
    cells: dict[str, dict[float, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for relation, confidence, correct in items:
        cell = cells[relation_group(relation)][round(confidence, 3)]
        cell[0] += 1; cell[1] += correct
    table = {}
    for group, by_conf in cells.items():
        raw = sorted(by_conf)
        weights = [by_conf[c][0] + PRIOR for c in raw]
        values = [(by_conf[c][1] + PRIOR * c) / (by_conf[c][0] + PRIOR) for c in raw]
        table[group] = [(c, round(v, 3), *by_conf[c]) for c, v in zip(raw, _non_decreasing(values, weights))]
    return dict(sorted(table.items()))


def _non_decreasing(values: list[float], weights: list[float]) -> list[float]:
    """Return the weighted least-squares non-decreasing fit of *values* (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, size]
    for v, w in zip(values, weights):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    return [b[0] for b in blocks for _ in range(int(b[2]))]


def as_curves(table) -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    """Return the fitted table in the form calibrated_confidence reads."""
    return {g: (tuple(r[0] for r in rows), tuple(r[1] for r in rows)) for g, rows in table.items()}


def write(table, source: str, n_articles: int, path: Path = TABLE) -> None:
    """Write the table as TSV with a header naming its source."""
    lines = [
        "# Precision of each relation group at each rule confidence, measured against gold triples.",
        f"# Built by scripts/calibrate.py from {source} ({n_articles} articles); do not edit by hand.",
        "group\trule_confidence\tconfidence\tpredictions\tcorrect",
    ]
    lines += [f"{g}\t{c}\t{v}\t{n}\t{k}" for g, rows in table.items() for c, v, n, k in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cross_validate(per_article: dict[str, list[tuple[str, float, bool]]]) -> list[tuple[float, bool]]:
    """Return (calibrated confidence, correct) for every prediction, each from a fit without its article."""
    out = []
    for stem, items in per_article.items():
        rest = [x for other, xs in per_article.items() if other != stem for x in xs]
        curves = as_curves(fit(rest))
        out += [(calibrated_confidence(rel, conf, curves), ok) for rel, conf, ok in items]
    return out


def report(pairs: list[tuple[float, bool]], title: str) -> None:
    """Print precision per confidence band and at or above 0.8."""
    print(title)
    edges = [*E.CONFIDENCE_BANDS, 1.01]
    for low, high in zip(edges, edges[1:]):
        band = [ok for c, ok in pairs if low <= c < high]
        if band:
            print(f"  [{low:.1f},{min(high, 1.0):.1f}{')' if high <= 1 else ']'}  precision {sum(band) / len(band):.3f}  ({sum(band)}/{len(band)})")
    high = [ok for c, ok in pairs if c >= 0.8]
    print(f"  >= 0.8  precision {sum(high) / max(1, len(high)):.3f}  ({sum(high)}/{len(high)})")


def main() -> None:
    """Fit the table from the gold and articles named on the command line and write it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--cross-validate", action="store_true", help="also print leave-one-article-out precision per band")
    args = ap.parse_args()
    per_article = judged(args.gold, args.articles)
    items = [x for xs in per_article.values() for x in xs]
    report([(c, ok) for _, c, ok in items], "rule confidences")
    table = fit(items)
    if args.cross_validate:
        report(cross_validate(per_article), "calibrated, each article scored by a fit without it")
    write(table, f"{args.gold.parent.name}/{args.gold.name}", len(per_article))
    print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
