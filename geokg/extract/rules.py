"""Load a language's rule tables (triggers, cues, roles, word classes, stop-words) and relation signatures."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from ..lexicon.lang import get_rules
from ..lexicon.lang.base import LanguageRules
from ..lexicon.lang.morph import inflect
from .mentions import NameIndex

_RULES = files("geokg.extract") / "data" / "rules"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger row: the relation it signals and how its arguments are marked."""

    relation: str
    phrase: str
    patient_markers: frozenset[str]  # folded prepositions; "" = direct object
    agent_markers: frozenset[str]
    confidence: float
    tail: str = ""  # folded last word when the phrase ends in a preposition ("جزء من", "member of")
    possessive: bool = False  # a generated form with a possessive suffix ("عمليتها العسكرية")
    inverse: bool = False  # written "^relation": the grammatical subject is the patient ("NATO includes X")
    negating: bool = False  # written "!relation": the trigger denies the relation ("Mali left ECOWAS")
    participle: bool = False  # built from a participle form set ("متهم{@participle}"): never a verb
    closing: tuple[tuple[str, ...], ...] = ()  # folded word runs, one of which must follow the patient ("held ... responsible")
    verb: bool = False  # a finite verb generated from a root: never written with the definite article
    between_people: str = ""  # written "relation/other": the relation it states when both sides are people ("talks" -> a meeting)


@dataclass(frozen=True, slots=True)
class Role:
    """One role noun: the office it names and the relation "ROLE of STATE is NAME" states."""

    phrase: str
    role: str
    relation: str
    portfolio: str
    name_before: bool = False  # the holder's name precedes the role ("X رئيسا لـY")
    holders: str = ""  # "list": a plural role followed by several holders
    of: str = ""  # the one state whose office a title is when none is written ("Treasury Secretary")


class WordSets(dict):
    """Kind -> folded words of a language's closed word classes; a kind it does not list is empty."""

    def __missing__(self, kind: str) -> frozenset[str]:
        # Kept, so later reads of a kind the language lacks are plain lookups (rules ask per token).
        return self.setdefault(kind, frozenset())


@dataclass(eq=False)
class RuleSet:
    """Everything the relation engine needs for one language."""

    lang: LanguageRules
    triggers: list[Trigger]
    trigger_index: NameIndex
    roles: list[Role]
    role_index: NameIndex
    cues: dict[str, frozenset[str]]  # kind -> folded phrases
    cue_index: NameIndex
    words: WordSets  # kind -> folded words, compared with tokens (words.tsv)
    stopwords: frozenset[str]
    signatures: dict[str, tuple[frozenset[str], frozenset[str]]]
    markers: frozenset[str]  # every folded preposition that marks an argument
    fillers: frozenset[str]  # words allowed inside a role phrase (فوق العادة، الحالي)
    trigger_words: frozenset[str]  # first words of triggers: they end an unknown name
    role_words: frozenset[str]  # first words of role nouns: they end an unknown name too
    genitive_markers: frozenset[str]  # "of": X of Y can still be a subject


def _rows(name: str) -> list[dict[str, str]]:
    """Return the rows of a rule TSV (comment lines start with #)."""
    text = (_RULES / name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def state_bodies() -> frozenset[str]:
    """Return the ids of bodies (national armies, governments) that stand for their state between actors."""
    return frozenset(r["entity"] for r in _rows("state_bodies.tsv"))


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Return relation -> (agent kinds, patient kinds)."""
    return {r["relation"]: (frozenset(r["agent"].split()), frozenset(r["patient"].split())) for r in _rows("relations.tsv")}


@lru_cache(maxsize=1)
def priors() -> dict[str, float]:
    """Return relation -> the confidence ceiling of its statements."""
    return {r["relation"]: float(r["prior"]) for r in _rows("relations.tsv")}


@lru_cache(maxsize=None)
def load_ruleset(code: str) -> RuleSet:
    """Return the rule set of language *code* (cached)."""
    lang = get_rules(code)

    def markers(cell: str) -> frozenset[str]:
        if cell in ("", "-"):
            return frozenset()
        return frozenset("" if m == "0" else lang.fold_name(m) for m in cell.split("|"))

    triggers = []
    word_markers = {lang.fold_name(r["word"]) for r in _rows(f"{code}/words.tsv") if r["kind"] == "marker"}
    forms = lang.data.get("forms", {})
    participle_sets = tuple("{@" + name + "}" for name in forms.get("participles", ()))
    rows = []
    for row in _rows(f"{code}/triggers.tsv"):
        # "held ... responsible": the phrase is "held"; one of the closing runs must close its object.
        opening, _, closing = row["trigger"].partition(" ... ")
        closes = tuple(tuple(lang.fold_name(c).split()) for c in expand_braces(closing)) if closing else ()
        participle = any(n in opening for n in participle_sets)
        rows += [dict(row, trigger=phrase, participle=participle, verb=False, closing=closes) for phrase in expand_braces(expand_forms(opening, forms))]
    rows += root_rows(code, lang)
    for r in rows:
        inverse = r["relation"].startswith("^")
        negating = r["relation"].startswith("!")
        r["relation"], _, people = r["relation"].lstrip("^!").partition("/")
        words = lang.fold_name(r["trigger"].rstrip("*")).split()
        # Only a preposition ending the phrase marks its object ("member of"); "fought a war" has none.
        tail = words[-1] if len(words) > 1 and lang.fold_name(words[-1]) in word_markers else ""
        patient = markers(r["patient"])
        if tail:
            patient = patient | {tail} if "" in patient else patient
        trig = Trigger(r["relation"], r["trigger"].strip(), patient, markers(r["agent"]), float(r["confidence"]), tail, False, inverse, negating,
                       participle=r["participle"], closing=r.get("closing", ()), verb=r["verb"], between_people=people)
        triggers.append(trig)
        for variant in possessive_variants(trig.phrase, raw_possessives(lang)):
            triggers.append(replace(trig, phrase=variant, possessive=True))
    unknown = {t.relation for t in triggers} | {t.between_people for t in triggers if t.between_people}
    unknown -= set(signatures())
    if unknown:
        raise ValueError(f"{code}/triggers.tsv: relations without a signature: {sorted(unknown)}")
    roles = [
        Role(r["phrase"], r["role"], r["relation"] or "", r["portfolio"] or "", (r.get("name") or "") == "before", "list" if (r.get("name") or "") == "list" else "", r.get("of") or "")
        for r in _rows(f"{code}/roles.tsv")
    ]
    cue_rows = _rows(f"{code}/cues.tsv")
    cues: dict[str, set[str]] = {}
    for r in cue_rows:
        cues.setdefault(r["kind"], set()).add(lang.fold_name(r["phrase"]))
    words: dict[str, set[str]] = {}
    for r in _rows(f"{code}/words.tsv"):
        words.setdefault(r["kind"], set()).add(lang.fold_name(r["word"]))
    stop_text = (_RULES / code / "stopwords.txt").read_text("utf-8")
    stopwords = frozenset(lang.fold_name(w) for w in stop_text.split() if not w.startswith("#"))
    all_markers = set().union(*(t.patient_markers | t.agent_markers for t in triggers)) - {""}
    return RuleSet(
        lang=lang,
        triggers=triggers,
        trigger_index=NameIndex(lang, [(str(i), t.phrase, "verb" if t.verb else "trigger") for i, t in enumerate(triggers)], triggers=True),
        roles=roles,
        role_index=NameIndex(lang, [(str(i), r.phrase, "role") for i, r in enumerate(roles)], triggers=True),
        cues={k: frozenset(v) for k, v in cues.items()},
        cue_index=NameIndex(lang, [(r["kind"], r["phrase"], "cue") for r in cue_rows if r["phrase"] not in ("،", ",")], triggers=True),
        words=WordSets({k: frozenset(v) for k, v in words.items()}),
        stopwords=stopwords,
        signatures=signatures(),
        markers=frozenset(all_markers | words.get("marker", set())),
        fillers=frozenset(cues.get("filler", ())),
        trigger_words=frozenset(lang.fold_name(t.phrase.rstrip("*")).split()[0] for t in triggers),
        role_words=frozenset(lang.fold_name(r.phrase).split()[0] for r in roles),
        genitive_markers=frozenset(lang.fold_name(w) for w in cues.get("genitive", ())),
    )


def root_rows(code: str, lang: LanguageRules) -> list[dict]:
    """Return trigger rows generated from the language's root table (roots.tsv), one per word form.

    A language without a root table or a [morph] section in its data has none.
    """
    morph = lang.data.get("morph")
    if morph is None or not (_RULES / code / "roots.tsv").is_file():
        return []
    sets = lang.data.get("forms", {})
    kinds = {p: cfg.get("kind", "noun") for p, cfg in morph["parts"].items()}
    out = []
    for r in _rows(f"{code}/roots.tsv"):
        stem = "" if r["stem"] in ("", "-") else r["stem"]
        for part in r["parts"].split(","):
            for word in inflect(r["root"], r["form"], part, morph, sets, stem):
                out.append(dict(r, trigger=word, participle=kinds[part] == "participle", verb=kinds[part] == "verb"))
    return out


def expand_forms(phrase: str, forms: dict[str, list[str]]) -> str:
    """Return *phrase* with each "{@name}" replaced by the brace list of the language's form set *name*.

    Form sets (the endings of the perfect, of participles...) live in the language's data, so a
    trigger table names a stem once with the set of its inflections.

    >>> expand_forms("اتفق{@perfect} مع", {"perfect": ["", "ت", "وا"]})
    'اتفق{,ت,وا} مع'
    """

    def one(m: re.Match) -> str:
        name = m.group(1)
        if not isinstance(forms.get(name), list) or name == "participles":
            raise ValueError(f"unknown form set {name!r} in trigger {phrase!r}")
        return "{" + ",".join(forms[name]) + "}"

    return re.sub(r"\{@(\w+)\}", one, phrase)


def expand_braces(phrase: str) -> list[str]:
    """Return every phrase a "{a,b}" pattern stands for.

    >>> expand_braces("زار{,ت,ا}")
    ['زار', 'زارت', 'زارا']
    >>> expand_braces("{signed,sealed} a deal")
    ['signed a deal', 'sealed a deal']
    """
    m = re.search(r"\{([^{}]*)\}", phrase)
    if m is None:
        return [phrase]
    head, tail = phrase[: m.start()], phrase[m.end() :]
    return [out for alt in m.group(1).split(",") for out in expand_braces(head + alt + tail)]


def raw_possessives(lang: LanguageRules) -> dict:
    """Return the language's possessive-suffix settings ({} when it has none)."""
    return lang.data.get("possessive", {})


def possessive_variants(phrase: str, cfg: dict) -> list[str]:
    """Return *phrase* with a possessive suffix on its head noun, adjectives made definite.

    Arabic idafa with a pronoun: عملية عسكرية -> عمليتها العسكرية; زيارة -> زيارته.

    >>> possessive_variants("عملية عسكرية", {"suffixes": ["ها"], "article": "ال", "feminine": ["ة", "ت"]})
    ['عمليتها العسكرية']
    """
    if not cfg or phrase.endswith("*"):
        return []
    words = phrase.split()
    head, rest = words[0], words[1:]
    article = cfg.get("article", "")
    if article and head.startswith(article):
        return []
    fem, fem_bound = cfg.get("feminine", ["", ""])
    stem = head[: -len(fem)] + fem_bound if fem and head.endswith(fem) else head
    rest = [w if not article or w.startswith(article) or not _is_adjective(w) else article + w for w in rest]
    return [" ".join([stem + suf, *rest]) for suf in cfg.get("suffixes", [])]


def _is_adjective(word: str) -> bool:
    """Return whether a following word is an adjective to make definite (not a preposition)."""
    return len(word) > 2
