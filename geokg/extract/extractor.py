"""Article -> Extraction: a declared list of named passes over one Doc (see pipeline.py)."""

from __future__ import annotations

from ..lexicon.gazetteer import Gazetteer, load_gazetteer
from ..model import Article, Extraction
from . import actors
from .attendance import attendance_visits
from .attribution import attributions
from .calibration import calibrate
from .coref import absorb_member_phrases, anaphor_units, backing_facts, group_units, pair_units, pronoun_units
from .document import boilerplate_sentences, sentences, tokenize
from .modality import Cue
from .names import entity_units, given_names
from .offices import apply_roles, government_offices, plausible_office, possessive_offices
from .pipeline import Pass, check_passes, run_passes
from .relations import find_relations
from .membership import membership_lists
from .relnouns import relational_nouns
from .roles import bind_roles
from .rules import load_ruleset
from .segments import extract_in_parts
from .state import Doc, Units
from .statements import extraction, statements
from .triggers import trigger_hits
from .units import token_range

EXTRACTOR_VERSION = "0.1.0"


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Return the entities, mentions and statements found in *article* (a very long text part by part)."""
    gaz = gazetteer or load_gazetteer()
    return extract_in_parts(article, lambda part: run_passes(PASSES, Doc(part, gaz, load_ruleset(part.lang))).extraction)


def _document(doc: Doc) -> None:
    doc.folded = doc.rs.lang.fold(doc.article.text)
    doc.tokens = tokenize(doc.folded)
    doc.spans = sentences(doc.article.text, tuple(doc.rs.lang.data.get("sentences", {}).get("abbreviations", ())))
    doc.sentences = [token_range(doc.tokens, s, e) if doc.tokens else (0, 0) for s, e in doc.spans]


def _cues(doc: Doc) -> None:
    tokens = doc.tokens
    doc.cues = [Cue(c.entity_id, t0, t1) for m in doc.rs.cue_index.find(doc.folded) for t0, t1 in (token_range(tokens, m.start, m.end),) for c in m.candidates]


def _names(doc: Doc) -> None:
    list_ends = {c.t1 for c in doc.cues if c.kind in ("list", "list_open")}
    doc.units = Units(entity_units(doc.folded, doc.tokens, doc.gaz, doc.rs, list_ends), doc.sentences)


def _anaphors(doc: Doc) -> None:
    doc.units.add(anaphor_units(doc.units, doc.cues, doc.tokens, doc.rs))


def _roles(doc: Doc) -> None:
    tokens, rs = doc.tokens, doc.rs
    found = [(*token_range(tokens, m.start, m.end), rs.roles[int(m.candidates[0].entity_id)]) for m in rs.role_index.find(doc.folded)]
    doc.bindings = bind_roles(tokens, doc.units, found, rs, doc.article.text, given_names(doc.gaz, rs.lang.code))


def _offices(doc: Doc) -> None:
    offices = apply_roles(doc.units, doc.bindings, doc.tokens, doc.gaz, doc.article, doc.rs)
    doc.units.add(offices.units)
    doc.people = offices.people
    args = (doc.units, doc.tokens, doc.gaz, doc.article, doc.rs)
    doc.office_facts = offices.facts + possessive_offices(*args) + government_offices(*args)


def _members(doc: Doc) -> None:
    absorb_member_phrases(doc.units, doc.tokens, doc.rs)


def _pairs(doc: Doc) -> None:
    doc.pairs = pair_units(doc.units, doc.cues, doc.tokens, doc.rs)


def _pronouns(doc: Doc) -> None:
    # Pronouns see the pair units after every other unit and not yet placed (sentence 0), so
    # "the two leaders" stays the latest person mentioned for a "he" later in the article. It
    # always has; placing them first would resolve some pronouns to one leader instead.
    pronouns = pronoun_units([*doc.units, *doc.pairs], doc.cues, doc.tokens, doc.rs)
    doc.units.add(doc.pairs)
    doc.units.add(pronouns)


def _backing(doc: Doc) -> None:
    doc.backed = backing_facts(doc.units, doc.tokens, doc.rs)


def _groups(doc: Doc) -> None:
    doc.groups = group_units(doc)


def _actors(doc: Doc) -> None:
    doc.kinds = actors.kinds(doc.gaz, doc.people)
    doc.countries = actors.countries(doc.gaz, doc.people, doc.bindings)
    doc.places = actors.places(doc.gaz)


def _boilerplate(doc: Doc) -> None:
    doc.skipped = boilerplate_sentences(doc.article.text, doc.spans, doc.rs)


def _triggers(doc: Doc) -> None:
    doc.hits = trigger_hits(doc)


def _relations(doc: Doc) -> None:
    # Role words are ambiguous ("المستشار"): the gazetteer vetoes offices it knows do not fit.
    doc.found = [
        f for f in find_relations(doc)
        if f.predicate not in ("leaderOf", "ministerOf") or plausible_office(doc.gaz, f.subject, f.predicate, f.object)
    ] + relational_nouns(doc) + membership_lists(doc)


def _attendance(doc: Doc) -> None:
    doc.visits = attendance_visits(doc)


def _attribution(doc: Doc) -> None:
    acting = [u for u in doc.units if not u.absorbed]
    doc.said = attributions(doc.tokens, acting, doc.cues, doc.sentences, doc.article.text, bool(doc.rs.lang.data.get("speaker_after_verb")))


def _statements(doc: Doc) -> None:
    doc.rule_statements = statements(doc)


def _calibration(doc: Doc) -> None:
    doc.statements = calibrate(doc.rule_statements)


def _extraction(doc: Doc) -> None:
    doc.extraction = extraction(doc)


#: The extraction, in order. Each pass names the Doc fields it reads ("needs") and sets
#: ("makes"); "units.<name>": the pass added units to doc.units or marked some, and a later pass
#: reads them ("the group's leader X" needs the group's anaphor first).
PASSES: tuple[Pass, ...] = (
    Pass("document", _document, makes=("folded", "tokens", "spans", "sentences")),
    Pass("cues", _cues, needs=("folded", "tokens"), makes=("cues",)),
    Pass("names", _names, needs=("folded", "tokens", "sentences", "cues"), makes=("units",)),
    Pass("anaphors", _anaphors, needs=("tokens", "cues", "units"), makes=("units.anaphors",)),
    Pass("roles", _roles, needs=("folded", "tokens", "units.anaphors"), makes=("bindings",)),
    Pass("offices", _offices, needs=("tokens", "bindings"), makes=("units.roles", "people", "office_facts")),
    Pass("members", _members, needs=("tokens", "units.roles"), makes=("units.members",)),
    Pass("pairs", _pairs, needs=("tokens", "cues", "units.members"), makes=("pairs",)),
    Pass("pronouns", _pronouns, needs=("tokens", "cues", "pairs"), makes=("units.pronouns",)),
    Pass("backing", _backing, needs=("tokens", "units.pronouns"), makes=("backed",)),
    Pass("groups", _groups, needs=("tokens", "backed"), makes=("groups",)),
    Pass("actors", _actors, needs=("people", "bindings"), makes=("kinds", "countries", "places")),
    Pass("boilerplate", _boilerplate, needs=("spans",), makes=("skipped",)),
    Pass("triggers", _triggers, needs=("folded", "tokens", "sentences", "cues", "backed", "skipped"), makes=("hits",)),
    Pass("relations", _relations, needs=("tokens", "sentences", "cues", "hits", "groups", "skipped", "kinds", "countries", "places"), makes=("found", "topic", "before")),
    Pass("attendance", _attendance, needs=("tokens", "sentences", "cues", "hits", "skipped", "kinds", "countries", "places"), makes=("visits",)),
    Pass("attribution", _attribution, needs=("tokens", "sentences", "cues", "backed"), makes=("said",)),
    Pass("statements", _statements, needs=("spans", "sentences", "office_facts", "found", "visits", "backed", "said"), makes=("rule_statements",)),
    Pass("calibration", _calibration, needs=("rule_statements",), makes=("statements",)),
    Pass("extraction", _extraction, needs=("units.pronouns", "people", "statements"), makes=("extraction",)),
)
check_passes(PASSES)
