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
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import extract
from ..lexicon.gazetteer import Gazetteer
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


def evaluate(gold_dir: Path, articles_dir: Path, *, gazetteer: Gazetteer, min_confidence: float = 0.0, entity_dir: Path | None = None) -> dict[str, Any]:
    """Return counts and P/R/F1 overall, per language and per relation.

    With *entity_dir*, the gold entity lists also name people the gazetteer does not know: a
    person found only in the text (labelled as written, e.g. in Arabic) matches the gold
    name whose alternatives include that spelling.
    """
    known = gazetteer.by_english_name()
    counts: dict[str, dict[str, list[int]]] = {"lang": defaultdict(lambda: [0, 0, 0]), "relation": defaultdict(lambda: [0, 0, 0])}
    files = []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        article = _article_for(gold_file, articles_dir)
        ex = extract(article, gazetteer)
        ents = {e.id: e for e in ex.entities}
        names = _with_text_names(known, ex.entities, entity_dir, gold_file.stem, article.lang)
        preds = {}
        for s in ex.statements:
            if s.confidence < min_confidence:
                continue
            preds.setdefault((s.subject, s.predicate, s.object, s.modality == "negated"), s)
        tp, fp, fn, detail = _score(gold, preds, ents, names)
        files.append({"file": gold_file.stem, "tp": tp, "fp": fp, "fn": fn, "errors": detail})
        for rel, (a, b, c) in _per_relation(gold, preds, ents, names).items():
            row = counts["relation"][rel]
            row[0] += a; row[1] += b; row[2] += c
        row = counts["lang"][article.lang]
        row[0] += tp; row[1] += fp; row[2] += fn
    total = [sum(r[i] for r in counts["lang"].values()) for i in range(3)]
    return {
        "overall": _prf(*total),
        "per_language": {k: _prf(*v) for k, v in sorted(counts["lang"].items())},
        "per_relation": {k: _prf(*v) for k, v in sorted(counts["relation"].items())},
        "files": files,
    }


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


def _score(gold, preds, ents, names):
    """Return (true positives, false positives, false negatives, error details) for one article."""
    matched_gold = set()
    tp = fp = 0
    errors = []
    for p in preds:
        hits = [i for i, g in enumerate(gold) if _matches(g, p, ents, names)]
        if any(not gold[i].get("optional") for i in hits):
            tp += 1
            matched_gold.update(hits)
        elif hits or any(_entailed(g, p, ents, names) for g in gold):
            continue
        else:
            fp += 1
            errors.append({"fp": [ents[p[0]].label("en"), p[1], ents[p[2]].label("en")] + (["negated"] if p[3] else [])})
    fn = 0
    for i, g in enumerate(gold):
        if not g.get("optional") and i not in matched_gold:
            fn += 1
            errors.append({"fn": [g["s"], g["p"], g["o"]] + (["negated"] if g.get("modality") == "negated" else [])})
    return tp, fp, fn, errors


def _per_relation(gold, preds, ents, names) -> dict[str, tuple[int, int, int]]:
    """Return relation -> (tp, fp, fn), predictions keyed by their predicate, misses by the gold one."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    matched = set()
    for p in preds:
        hits = [i for i, g in enumerate(gold) if _matches(g, p, ents, names)]
        if any(not gold[i].get("optional") for i in hits):
            out[p[1]][0] += 1
            matched.update(hits)
        elif not hits and not any(_entailed(g, p, ents, names) for g in gold):
            out[p[1]][1] += 1
    for i, g in enumerate(gold):
        if not g.get("optional") and i not in matched:
            out[_norm_predicate(g["p"])][2] += 1
    return {k: tuple(v) for k, v in out.items()}


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
