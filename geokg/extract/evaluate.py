"""Score extraction against gold triples: precision, recall and F1 per language and relation.

Gold files are JSON lists of {"s", "p", "o", "alt"?, "optional"?, "modality"?}; s/o are English
names. A prediction matches a gold triple when both arguments are the same entity (symmetric
relations either way) and its predicate equals the gold one or is a sub-property of it. A
prediction that a gold triple entails (a broader relation over the same pair) and predictions
matching optional triples count neither way. Negated triples match only negated predictions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import extract
from ..lexicon.gazetteer import Gazetteer
from ..model import Article, Entity, Extraction
from .calibration import relation_group
from ..ontology import relation_names, super_relations, symmetric_relations
from ..readers import ReadFailure, read_path

_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")


def _norm_predicate(name: str) -> str:
    """Return the ontology relation a gold predicate names (tolerating "warWith" for atWarWith)."""
    if name in relation_names():
        return name
    low = name.lower()
    hits = [r for r in relation_names() if r.lower().endswith(low)]
    return hits[0] if len(hits) == 1 else name


def _entails(specific: str, broad: str) -> bool:
    return broad in super_relations(specific) if specific in relation_names() else specific == broad


#: Lower edges of the confidence bands whose precision ``geokg eval`` prints.
CONFIDENCE_BANDS = (0.0, 0.6, 0.7, 0.8, 0.9)


def evaluate(gold_dir: Path, articles_dir: Path, *, gazetteer: Gazetteer, min_confidence: float = 0.0, entity_dir: Path | None = None) -> dict[str, Any]:
    """Return counts and P/R/F1 overall, per language, relation and relation group, with band precision.

    With *entity_dir*, the gold entity lists also name people the gazetteer does not know: a
    person found only in the text (labelled as written, e.g. in Arabic) matches the gold
    name whose alternatives include that spelling. ``arguments`` is the recall of the entities
    that non-optional gold triples name: found in the text and linked to the gold's entity.
    """
    known = gazetteer.by_english_name()
    tallies = _Tallies()
    files = []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        j = judge_article(gold_file, articles_dir, lambda a: extract(a, gazetteer), known, entity_dir=entity_dir, min_confidence=min_confidence)
        lang = j.article.lang
        tallies.add(lang, j.gold, j.predictions, j.verdicts, j.matched)
        tallies.add_arguments(lang, _argument_hits(j.gold, j.entities, j.names))
        files.append({"file": gold_file.stem, **_file_counts(j.gold, j.verdicts, j.matched), "errors": _errors(j.gold, j.entities, j.verdicts, j.matched)})
    return tallies.scores() | {"files": files}


@dataclass(frozen=True, slots=True)
class Judged:
    """One article judged against its gold: the extraction, and the verdict on each distinct predicted triple."""

    gold: list[dict]
    article: Article
    extraction: Extraction
    entities: dict[str, Entity]  # id -> entity of the extraction
    names: dict[str, str]  # lower-cased English name -> entity id, for matching gold names
    predictions: dict[tuple, Any]  # see predictions()
    verdicts: dict[tuple, str]  # prediction -> "tp", "fp" or "skip"
    matched: set[int]  # indices of the gold triples some prediction matched


def judge_article(
    gold_file: Path, articles_dir: Path, extract_one: Callable[[Article], Extraction], known: dict[str, str], *,
    entity_dir: Path | None = None, min_confidence: float = 0.0,
) -> Judged:
    """Return the article paired with *gold_file*, extracted by *extract_one* and judged as ``geokg eval`` judges it.

    *known* is the gazetteer's English names (``Gazetteer.by_english_name``); *entity_dir* as
    for :func:`evaluate`.
    """
    gold = json.loads(gold_file.read_text("utf-8"))
    article = _article_for(gold_file, articles_dir)
    ex = extract_one(article)
    ents = {e.id: e for e in ex.entities}
    names = _with_text_names(known, ex.entities, entity_dir, gold_file.stem, article.lang)
    preds = predictions(ex.statements, min_confidence)
    verdicts, matched = _judge(gold, preds, ents, names)
    return Judged(gold, article, ex, ents, names, preds, verdicts, matched)


def predictions(statements, min_confidence: float = 0.0) -> dict[tuple, Any]:
    """Return (subject, predicate, object, negated) -> the most confident statement of that triple.

    A symmetric relation stated both ways round is one prediction (its arguments in id order),
    as the gold lists it once.
    """
    preds: dict[tuple, Any] = {}
    symmetric = symmetric_relations()
    for s in statements:
        a, b = (s.subject, s.object) if s.predicate not in symmetric or s.subject <= s.object else (s.object, s.subject)
        key = (a, s.predicate, b, s.modality == "negated")
        if s.confidence >= min_confidence and (key not in preds or s.confidence > preds[key].confidence):
            preds[key] = s
    return preds


class _Tallies:
    """Counts (tp, fp, fn) per language, relation and group, predictions per confidence band, argument hits."""

    def __init__(self) -> None:
        self.lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.relation: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.group: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.band: dict[tuple[str, float], list[int]] = defaultdict(lambda: [0, 0])
        self.arguments: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, lang: str, gold, preds, verdicts, matched) -> None:
        """Count one article's judged predictions and its unmatched gold triples."""
        for p, verdict in verdicts.items():
            if verdict == "skip":
                continue
            col = 0 if verdict == "tp" else 1
            for row in (self.lang[lang], self.relation[p[1]], self.group[(lang, relation_group(p[1]))]):
                row[col] += 1
            self.band[(lang, _band(preds[p].confidence))][col] += 1
        for i, g in enumerate(gold):
            if not g.get("optional") and i not in matched:
                rel = _norm_predicate(g["p"])
                for row in (self.lang[lang], self.relation[rel], self.group[(lang, relation_group(rel))]):
                    row[2] += 1

    def add_arguments(self, lang: str, hits: tuple[int, int]) -> None:
        """Count one article's gold argument entities: (found and linked, all)."""
        row = self.arguments[lang]
        row[0] += hits[0]; row[1] += hits[1]

    def scores(self) -> dict[str, Any]:
        """Return the report dictionary (without per-file details)."""
        total = [sum(r[i] for r in self.lang.values()) for i in range(3)]
        bands = defaultdict(dict)
        for (lang, low), (tp, fp) in sorted(self.band.items()):
            bands[lang][f"{low:.1f}"] = {"tp": tp, "fp": fp, "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0}
        return {
            "overall": _prf(*total),
            "per_language": {k: _prf(*v) for k, v in sorted(self.lang.items())},
            "per_relation": {k: _prf(*v) for k, v in sorted(self.relation.items())},
            "per_group": {f"{lang} {group}": _prf(*v) for (lang, group), v in sorted(self.group.items())},
            "confidence_bands": dict(bands),
            "arguments": {lang: {"found": a, "gold": b, "recall": round(a / b, 3) if b else 0.0} for lang, (a, b) in sorted(self.arguments.items())},
        }


def _band_name(low: str) -> str:
    """Return a band's interval as text, e.g. "[0.8,0.9)"."""
    above = [edge for edge in CONFIDENCE_BANDS if edge > float(low)]
    return f"[{low},{above[0]:.1f})" if above else f"[{low},1.0]"


def _band(confidence: float) -> float:
    """Return the lower edge of the confidence band holding *confidence*."""
    return max((low for low in CONFIDENCE_BANDS if confidence >= low), default=CONFIDENCE_BANDS[0])


def _with_text_names(known: dict[str, str], entities, entity_dir: Path | None, stem: str, lang: str) -> dict[str, str]:
    """Return *known* plus gold names that the entity gold spells like an entity minted from the text."""
    gold_file = entity_dir / f"{stem}.json" if entity_dir else None
    if gold_file is None or not gold_file.is_file():
        return known
    from ..lexicon.lang import get_rules

    fold = get_rules(lang).fold_name
    minted = {fold(label): e.id for e in entities if not e.qid for _, label in e.labels}
    names = dict(known)
    for g in json.loads(gold_file.read_text("utf-8")):
        for form in [g["name"], *g.get("alt", [])]:
            if g["name"].lower() not in known and fold(form) in minted:
                names[g["name"].lower()] = minted[fold(form)]
    return names


def _keys(ent, names: dict[str, str]) -> set[str]:
    keys = {ent.id, *(label.lower() for _, label in ent.labels)}
    return keys


def _gold_key(name: str, names: dict[str, str]) -> str:
    return names.get(name.lower(), name.lower())


def _matches(g: dict, p: tuple, ents, names) -> bool:
    """Return whether prediction *p* (s, pred, o, negated) satisfies gold triple *g* or an alt."""
    s, pred, o, negated = p
    if negated != (g.get("modality") == "negated"):
        return False
    for gs, gp, go in [(g["s"], g["p"], g["o"]), *[tuple(a) for a in g.get("alt", [])]]:
        gp = _norm_predicate(gp)
        if not _entails(pred, gp):
            continue
        ks, ko = _keys(ents[s], names), _keys(ents[o], names)
        a, b = _gold_key(gs, names), _gold_key(go, names)
        if (a in ks and b in ko) or ((gp in symmetric_relations() or pred in symmetric_relations()) and a in ko and b in ks):
            return True
    return False


def _entailed(g: dict, p: tuple, ents, names) -> bool:
    """Return whether gold *g* entails the broader prediction *p* over the same pair."""
    s, pred, o, negated = p
    gp = _norm_predicate(g["p"])
    if negated or not _entails(gp, pred):
        return False
    return _matches({**g, "p": pred, "alt": []}, p, ents, names)


def _judge(gold, preds, ents, names) -> tuple[dict[tuple, str], set[int]]:
    """Return each prediction's verdict ("tp", "fp" or "skip") and the indices of gold triples it matched.

    Predictions matching only optional triples, or entailed by a gold triple, are skipped.
    """
    verdicts: dict[tuple, str] = {}
    matched: set[int] = set()
    for p in preds:
        hits = [i for i, g in enumerate(gold) if _matches(g, p, ents, names)]
        if any(not gold[i].get("optional") for i in hits):
            verdicts[p] = "tp"
            matched.update(hits)
        elif hits or any(_entailed(g, p, ents, names) for g in gold):
            verdicts[p] = "skip"
        else:
            verdicts[p] = "fp"
    return verdicts, matched


def _file_counts(gold, verdicts, matched) -> dict[str, int]:
    """Return one article's tp, fp and fn."""
    values = list(verdicts.values())
    fn = sum(1 for i, g in enumerate(gold) if not g.get("optional") and i not in matched)
    return {"tp": values.count("tp"), "fp": values.count("fp"), "fn": fn}


def _errors(gold, ents, verdicts, matched) -> list[dict[str, list[str]]]:
    """Return one article's false positives (as English labels) and false negatives (as gold names)."""
    errors = [
        {"fp": [ents[p[0]].label("en"), p[1], ents[p[2]].label("en")] + (["negated"] if p[3] else [])}
        for p, verdict in verdicts.items() if verdict == "fp"
    ]
    for i, g in enumerate(gold):
        if not g.get("optional") and i not in matched:
            errors.append({"fn": [g["s"], g["p"], g["o"]] + (["negated"] if g.get("modality") == "negated" else [])})
    return errors


def _argument_hits(gold, ents, names) -> tuple[int, int]:
    """Return (found, all) for the distinct entities that non-optional gold triples name.

    Found means an extracted entity carries the gold name's key: its linked identity, or its
    label when the text alone names it.
    """
    wanted = {_gold_key(name, names) for g in gold if not g.get("optional") for name in (g["s"], g["o"])}
    have = set().union(*(_keys(e, names) for e in ents.values())) if ents else set()
    return len(wanted & have), len(wanted)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = (tp / (tp + fn)) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def format_scores(scores: dict[str, Any]) -> str:
    """Return the scores as an aligned text table."""
    lines = [f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]

    def row(name, s):
        lines.append(f"{name:<24}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")

    row("overall", scores["overall"])
    for lang, s in scores["per_language"].items():
        row(f"lang {lang}", s)
    for rel, s in scores["per_relation"].items():
        row(f"  {rel}", s)
    if scores.get("per_group"):
        lines.append("relation groups")
        for name, s in scores["per_group"].items():
            row(f"  {name}", s)
    if scores.get("confidence_bands"):
        lines.append("precision per confidence band")
        for lang, bands in scores["confidence_bands"].items():
            cells = "  ".join(f"{_band_name(low)} {b['precision']:.3f} ({b['tp']}/{b['tp'] + b['fp']})" for low, b in bands.items())
            lines.append(f"  {lang}  {cells}")
    if scores.get("arguments"):
        lines.append("gold argument entities found and linked")
        for lang, a in scores["arguments"].items():
            lines.append(f"  {lang}  recall {a['recall']:.3f} ({a['found']}/{a['gold']})")
    return "\n".join(lines) + "\n"


def evaluate_entities(gold_dir: Path, articles_dir: Path, *, gazetteer: Gazetteer) -> dict[str, Any]:
    """Return entity precision, recall and F1 overall and per language against gold entity lists.

    Gold files are JSON lists of {"name", "type", "alt"?, "optional"?}; a predicted entity
    matches when its id is what a gold name or alternative names in the gazetteer, or when
    one of its labels equals a gold name or alternative (people found only in the text).
    Entities resolved without being named (the president -> the office-holder) are not mentions.
    """
    from ..lexicon.lang import get_rules

    names = gazetteer.by_english_name()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    files = []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        article = _article_for(gold_file, articles_dir)
        fold = get_rules(article.lang).fold_name
        ex = extract(article, gazetteer)
        named = {m.entity_id for m in ex.mentions if m.form not in ("coref", "pair")}
        ents = {e.id: e for e in ex.entities if e.id in named}
        gold = json.loads(gold_file.read_text("utf-8"))
        keys = []
        for g in gold:
            variants = [g["name"], *g.get("alt", [])]
            keys.append(({names[v.lower()] for v in variants if v.lower() in names}, {fold(v) for v in variants}))
        matched_gold: set[int] = set()
        tp = fp = 0
        misses = []
        for eid, ent in ents.items():
            labels = {fold(label) for _, label in ent.labels}
            hits = [i for i, (ids, forms) in enumerate(keys) if eid in ids or labels & forms]
            if any(not gold[i].get("optional") for i in hits):
                tp += 1
                matched_gold.update(hits)
            elif not hits:
                fp += 1
                misses.append({"fp": ent.label("en")})
        fn = 0
        for i, g in enumerate(gold):
            if not g.get("optional") and i not in matched_gold:
                fn += 1
                misses.append({"fn": g["name"]})
        row = counts[article.lang]
        row[0] += tp; row[1] += fp; row[2] += fn
        files.append({"file": gold_file.stem, "tp": tp, "fp": fp, "fn": fn, "errors": misses})
    total = [sum(r[i] for r in counts.values()) for i in range(3)]
    return {"overall": _prf(*total), "per_language": {k: _prf(*v) for k, v in sorted(counts.items())}, "per_relation": {}, "files": files}


def _article_for(gold_file: Path, articles_dir: Path):
    """Return the article paired with a gold file by stem."""
    article_file = next((articles_dir / (gold_file.stem + s) for s in _ARTICLE_SUFFIXES if (articles_dir / (gold_file.stem + s)).is_file()), None)
    if article_file is None:
        raise InputError(f"no article for gold file {gold_file.name} in {articles_dir}")
    items = [i for i in read_path(article_file) if not isinstance(i, ReadFailure)]
    if not items:
        raise InputError(f"cannot read {article_file}")
    return items[0]
