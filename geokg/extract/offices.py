"""Role phrases into people: who holds which office, coreference to office-holders, office facts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Article, Entity
from ..lexicon.gazetteer import Gazetteer
from ..lexicon.lang import get_rules
from ..lexicon.phonetic import loose, phonetic_key, sounds_like
from ..lexicon.romanise import name_words, romanise
from .names import given_names
from .roles import RoleBinding, name_word
from .rules import RuleSet
from .state import OfficeFact
from .units import Unit, across_lines


@dataclass
class Offices:
    """What an article's role phrases add: a unit per phrase, the people minted from the text, office facts."""

    units: list[Unit]
    people: dict[str, Entity]
    facts: list[OfficeFact]


def apply_roles(units, bindings: list[RoleBinding], tokens, gaz: Gazetteer, article: Article, rs: RuleSet) -> Offices:
    """Return a unit per role phrase (absorbing the names inside it), the people minted and the offices stated."""
    keep = [u for u in units]
    new_people: dict[str, Entity] = {}
    office_facts: list[OfficeFact] = []
    named_here = {u.entity_id for u in units if u.kind == "person" and u.form != "surname"}
    named_here |= {b.person for b in bindings if b.person}
    for b in bindings:
        people: list[str] = []
        if b.bare and not _bare_holder(gaz, b, article):
            b.person, b.named = None, False
        if b.new_person and (holder := _holder_named(gaz, b, article, rs)):
            b.person, b.new_person = holder, None
        elif b.role.role and not b.former and article.published and (holder := _titled_holder(gaz, b, tokens, article, rs)):
            b.person, b.new_person = holder, None
        if b.person:
            people = [b.person]
        elif b.new_person:
            surface, lang = b.new_person
            english = romanise(surface, lang, name_words(gaz, lang))
            pid = mint_person_id(english or surface, "en" if english else lang)
            country = b.affiliation[0] if b.affiliation else None
            # The English spelling is a label too, so an article in English naming the person
            # the same way meets this one on one node.
            new_people[pid] = Entity(pid, "person", ((lang, surface), *((("en", english),) if english else ())), None, country)
            people = [pid]
        elif b.role.role in _VAGUE_ROLES or b.apposed or b.former:
            # "a minister" names no one office, ", Rwanda's minister of state" describes the
            # name before the comma and "the former Chinese president" is not today's holder:
            # none is a reference to the office-holder on the article date.
            people = []
        elif b.role.role in _COUNTERPART_ROLES and b.affiliation and article.published:
            # "نظيره التركي", "his Turkish counterpart": the holder, on the article date, of the
            # office the person just named holds, for the state the phrase names.
            people = _counterpart_of(gaz, units, b, article)
        elif b.role.role and b.affiliation:
            people = _office_holders(gaz, b, article, named_here)
        elif b.role.role:
            # "المرشد الأعلى", "the president": the one person named here who holds such an office.
            holders = sorted(p for p in named_here if any(_same_office(b.role.role, o.role) for o in gaz.offices_of(p)))
            people = holders if len(holders) == 1 else []
        named = b.person is not None or b.new_person is not None
        relation, portfolio = b.role.relation, b.role.portfolio
        if named and b.person and not relation and b.affiliation and b.role.role in _COUNTERPART_ROLES:
            # "نظيره الروسي فلاديمير بوتين", "his Ukrainian counterpart": the gazetteer says which office.
            relation, portfolio = _known_office(gaz, b.person, b.affiliation[0], article)
        if named and relation:
            target = _office_target(gaz, b, relation, article)
            if b.role.holders == "list" and b.person and not b.affiliation and target is None:
                continue
            if target and _in_scope(b.role.role, target, gaz, new_people) and plausible_office(gaz, people[0], relation, target):
                office_facts.append((people[0], relation, target, b.t0, b.t1, portfolio or None, "ended" if b.former else "asserted"))
        elif b.role.holders == "list" and relation == "leaderOf" and len(people) == len(b.affiliation) > 1:
            # "رئيسي أوغندا والسودان", "the presidents of A and B": each state's leader on the article
            # date (leaders only: the gazetteer's ministers' dates are less complete).
            office_facts.extend((p, relation, a, b.t0, b.t1, portfolio or None, "asserted") for p, a in zip(people, b.affiliation) if plausible_office(gaz, p, relation, a))
        ids = tuple(people) or tuple(b.affiliation)
        if b.role.role in _SPOKESPERSON_ROLES and b.affiliation:
            # A spokesperson speaks for the state or body, not for themself: the phrase acts as
            # the state, and the person stays a (non-acting) mention.
            if people:
                keep.append(Unit(b.t0, max(b.t1, b.t0 + 1), tokens[b.t0].start, tokens[max(b.t0, b.t1 - 1)].end, tuple(people), "person", "role", "", absorbed=True))
            ids = (_speaker_state(gaz, b.affiliation),)
        if not ids:
            continue
        start, end = tokens[b.t0].start, tokens[max(b.t0, b.t1 - 1)].end
        phrase_end = max(b.t1, b.t0 + 1)
        inside = [u for u in keep if b.t0 <= u.t0 and u.t1 <= phrase_end and not u.absorbed]
        for u in inside:
            # Names inside the phrase stay mentions (the demonym names a state) but not actors.
            u.absorbed = True
        marker = _fused_marker(rs, tokens[b.t0].f, b.role.phrase)
        if b.t0 > 0 and tokens[b.t0 - 1].f in rs.markers and not across_lines(article.text, tokens[b.t0 - 1], tokens[b.t0]):
            marker = tokens[b.t0 - 1].f
        kind = "person" if people else (inside[0].kind if inside else "state")
        # A person the phrase does not name ("الرئيس الصيني" -> Xi) is coreference, not a mention.
        form = "coref" if people and not named else "role"
        keep.append(Unit(b.t0, max(b.t1, b.t0 + 1), start, end, ids, kind, form, marker))
    return Offices(keep[len(units) :], new_people, office_facts)


def _bare_holder(gaz: Gazetteer, b: RoleBinding, article: Article) -> bool:
    """Return whether the person named right before a role phrase held its office, per the gazetteer.

    "سامح شكري وزير الخارجية المصري" names Shoukry's office, but "استقبل السيسي وزير الخارجية
    الأمريكي" names a second person: without a comma only the gazetteer tells them apart. The
    office must be of the state written (at any time), or held on the article date when none is.
    """
    day = None if b.affiliation else article.published
    if day is None and not b.affiliation:
        return False
    return any(_same_office(b.role.role, o.role) and (not b.affiliation or o.of in b.affiliation) and (day is None or o.held_on(day)) for o in gaz.offices_of(b.person))


def _office_target(gaz: Gazetteer, b: RoleBinding, relation: str, article: Article) -> str | None:
    """Return what the office a role phrase states is of: the host, the affiliation, or the gazetteer's office of the person named."""
    if relation == "ambassadorTo" and b.person and b.affiliation and _citizen_elsewhere(gaz, b.person, b.affiliation):
        return None  # "X, the American ambassador" is no North Korean's post, whatever "Kim" matched
    target = b.host if relation == "ambassadorTo" else (b.affiliation[0] if b.affiliation else None)
    if target is not None and b.person and relation != "ambassadorTo":
        target = _body_of_state(gaz, b.person, b.role.role, target, article.published) or target
    if target is None and b.person and not (relation == "ambassadorTo" and b.role.role in _VAGUE_ROLES):
        # A former holder's office is the one held at any time, not on the article date; an
        # envoy's office in the gazetteer names who sends them, not where they are posted. A
        # title before a name the gazetteer knows in an office held only before the article
        # date ("President Jimmy Carter switched recognition") states that earlier office.
        target = _office_of(gaz, b.person, b.role.role, None if b.former else article.published)
        if target is None and b.named and not b.former:
            target = _office_of(gaz, b.person, b.role.role, None)
    return target


def _body_of_state(gaz: Gazetteer, person: str, role: str, state: str, day: date | None) -> str | None:
    """Return the body of *state* whose *role* office the gazetteer says *person* held on *day*, when it lists none of *state* itself.

    "Palestinian Prime Minister Ahmed Qurei" led the Palestinian National Authority: the
    demonym names the state, the gazetteer the body the office is of.
    """
    offices = [o for o in gaz.offices_of(person) if _same_office(role, o.role) and (day is None or o.held_on(day))]
    if any(o.of == state for o in offices):
        return None
    bodies = {o.of for o in offices if (e := gaz.entities.get(o.of)) is not None and e.kind != "state" and e.country == state}
    return bodies.pop() if len(bodies) == 1 else None


def _citizen_elsewhere(gaz: Gazetteer, person: str, affiliation: tuple[str, ...]) -> bool:
    """Return whether the gazetteer gives *person* a country that none of the states in *affiliation* is."""
    ent = gaz.entities.get(person)
    states = [a for a in affiliation if (e := gaz.entities.get(a)) is not None and e.kind == "state"]
    return bool(ent is not None and ent.country and states and ent.country not in states)


def _fused_marker(rs: RuleSet, word: str, phrase: str) -> str:
    """Return the preposition fused to a role noun's word ("للرئيس", "لوزير"), or ""."""
    stem, _ = rs.lang.split_article(rs.lang.fold_name(phrase).split()[0])
    at = word.find(stem)
    if at <= 0:
        return ""
    prefix = word[:at]
    while prefix[:1] in rs.lang.conjunctions and prefix:
        prefix = prefix[1:]
    if rs.lang.article and prefix.endswith(rs.lang.article):
        prefix = prefix[: -len(rs.lang.article)]
    return prefix[:1] if prefix[:1] in rs.lang.prepositions else ""


def _holder_named(gaz: Gazetteer, b: RoleBinding, article: Article, rs: RuleSet) -> str | None:
    """Return the office-holder on the article date whose name the text writes in part after the role.

    "وزير الخارجية القطري الشيخ محمد بن عبدالرحمن" is Mohammed bin Abdulrahman bin Jassim Al
    Thani: the holder's name, spaces aside, begins with the words written.
    """
    if not (b.new_person and b.role.role and b.affiliation and article.published):
        return None
    surface, lang = b.new_person
    written = rs.lang.fold_name(surface).replace(" ", "")
    holders = _holders_on(gaz, b.role.role, b.affiliation[0], article.published)
    found = [p for p in holders if any(rs.lang.fold_name(label).replace(" ", "").startswith(written) for code, label in gaz.entities[p].labels if code == lang)]
    return found[0] if len(found) == 1 else None


def _titled_holder(gaz: Gazetteer, b: RoleBinding, tokens, article: Article, rs: RuleSet) -> str | None:
    """Return the office-holder on the article date a title names with a short or variant name.

    "Prime Minister Junichiro Koizumi", "الرئيس ترامب", "US President George Bush" (in 2004):
    the one holder of the role (of the affiliation, or of any state when none is written) whose
    name ends with the written surname and, when more is written, begins with the given name's
    first letter. A single word after the title counts only when it is such a surname.
    """
    if b.person:
        if not b.affiliation or any(_same_office(b.role.role, o.role) and o.held_on(article.published) for o in gaz.offices_of(b.person)):
            return None  # the person named holds the office (or no state says which to check)
        written = [label for code, label in gaz.entities[b.person].labels if code == rs.lang.code]
    elif b.new_person:
        written = [b.new_person[0]]
    elif holder := _holder_spelled_after(gaz, b, tokens, article, rs):
        return holder
    elif not b.affiliation and _lone_surname(tokens, b.t1, gaz, article, rs):
        written = [tokens[b.t1].f]
    else:
        return None
    found = {p for w in written for p in people_named_like(gaz, w, rs.lang.code) if _holds(gaz, p, b.role.role, b.affiliation, article.published)}
    if not found and b.new_person:
        surface, lang = b.new_person
        return holder_by_sound(gaz, surface, lang, b.role.role, b.affiliation, article.published) or person_by_sound(gaz, surface, lang, b.affiliation)
    if len(found) != 1:
        return None
    if not b.person and not b.new_person:
        b.t1 += 1  # the surname is part of the phrase
    return found.pop()


def _holder_spelled_after(gaz: Gazetteer, b: RoleBinding, tokens, article: Article, rs: RuleSet) -> str | None:
    """Return the holder of the role on the article date whose name, in any spelling, the words after the phrase write.

    "وزير الداخلية سليمان صويلو" in a 2018 article is Süleyman Soylu even when no list of
    names has that spelling and the script has no capitals to tell a name: two to four words
    are tried, and only a holder of the office whose name sounds alike is taken.
    """
    k = b.t1
    for end in range(k + 1, min(k + 4, len(tokens)) + 1):
        f = tokens[end - 1].f
        if not f.isalpha() or f in rs.stopwords or f in rs.role_words or f in rs.trigger_words:
            return None
        if end - k < 2:
            continue
        holder = holder_by_sound(gaz, article.text[tokens[k].start : tokens[end - 1].end], rs.lang.code, b.role.role, b.affiliation, article.published)
        if holder:
            b.t1 = end
            return holder
    return None


def holder_by_sound(gaz: Gazetteer, name: str, lang: str, role: str, affiliation: tuple[str, ...], day: date) -> str | None:
    """Return the one holder of *role* on *day* (of one of *affiliation*, of any state when empty) whose name sounds like *name*.

    "إبراهيم غندور" as Sudan's foreign minister in 2017 is Ibrahim Ghandour: the holder's
    English or *lang* name must have the written surname's sound (lexicon/phonetic.py) and a
    given name beginning alike. Without a state, holders of every state compete, so the
    surname must say more or every written word must be in the holder's name.
    """
    written = phonetic_key(name, lang)
    if len(written) < 2 or len(written[-1]) < 2:
        return None
    found = set()
    for person, known in _names_by_sound(gaz, lang, len(gaz.offices)).get((loose(written[-1]), written[0][:2]), ()):
        if person in found or not _holds(gaz, person, role, affiliation, day):
            continue
        if affiliation or len(written[-1]) >= 3 or sounds_like(written, known, strict=True):
            found.add(person)
    return found.pop() if len(found) == 1 else None


def person_by_sound(gaz: Gazetteer, name: str, lang: str, countries: tuple[str, ...]) -> str | None:
    """Return the one office-holder of one of *countries* whose name sounds like *name* word for word, at any date.

    "نائب وزير خارجية كوريا الشمالية تشوي سون هوي" is Choe Son Hui before the office the
    gazetteer lists her in: every written word must sound like one of hers, in order.
    """
    written = phonetic_key(name, lang)
    if len(written) < 2 or len(written[-1]) < 2 or not countries:
        return None  # a one-consonant surname ("Attiyah") says too little without the office's date
    index = _names_by_sound(gaz, lang, len(gaz.offices))
    found = {p for p, known in index.get((loose(written[-1]), written[0][:2]), ()) if gaz.entities[p].country in countries and sounds_like(written, known, strict=True)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=8)
def _names_by_sound(gaz: Gazetteer, lang: str, count: int) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Return (loose surname key, given name's first two letters) -> (person, name key) for the English and *lang* names of every office-holder.

    *count* keys the cache to the length of the office list.
    """
    holders = {o.person for o in gaz.offices}
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for code in dict.fromkeys(("en", lang)):
        named = [(p, label) for p in sorted(holders) if p in gaz.entities for c, label in gaz.entities[p].labels if c == code]
        named += [(eid, name) for eid, name, form in gaz.names.get(code, ()) if eid in holders and form != "demonym"]
        for person, name in named:
            key = phonetic_key(name, code)
            if len(key) >= 2:
                out.setdefault((loose(key[-1]), key[0][:2]), []).append((person, key))
    return out


def _lone_surname(tokens, k: int, gaz: Gazetteer, article: Article, rs: RuleSet) -> bool:
    """Return whether token *k* may be a surname standing alone after a title: a name word, not a given name, and not followed by a name particle."""
    if k >= len(tokens) or tokens[k].f in given_names(gaz, rs.lang.code):
        return False
    if k + 1 < len(tokens) and tokens[k + 1].f in rs.words["name_particle"]:
        return False
    return name_word(tokens[k].f, article.text[tokens[k].start : tokens[k].end], False, rs)


def _holds(gaz: Gazetteer, person: str, role: str, affiliation: tuple[str, ...], day: date) -> bool:
    """Return whether *person* held *role* on *day*, of one of *affiliation* (of anything when it is empty)."""
    return any(_same_office(role, o.role) and (not affiliation or o.of in affiliation) and o.held_on(day) for o in gaz.offices_of(person))


def people_named_like(gaz: Gazetteer, written: str, lang: str) -> frozenset[str]:
    """Return the office-holders of whose name in *lang* *written* ("Bush", "George Bush", "ترامب") is a short form.

    The last words must be equal; a longer form must also start with the name's first letter.
    """
    words = get_rules(lang).fold_name(written).split()
    if not words or len(words[-1]) < 3:
        return frozenset()
    found = _holders_by_surname(gaz, lang, len(gaz.offices)).get(words[-1], ())
    return frozenset(p for p, first, size in found if len(words) == 1 or (first[:1] == words[0][:1] and len(words) <= size))


@lru_cache(maxsize=8)
def _holders_by_surname(gaz: Gazetteer, lang: str, count: int) -> dict[str, list[tuple[str, str, int]]]:
    """Return folded last word -> (person, folded first word, word count) for every office-holder's name in *lang*.

    *count* keys the cache to the length of the office list.
    """
    fold = get_rules(lang).fold_name
    out: dict[str, list[tuple[str, str, int]]] = {}
    for person in sorted({o.person for o in gaz.offices}):
        ent = gaz.entities.get(person)
        for code, label in ent.labels if ent is not None else ():
            words = fold(label).split()
            if code == lang and len(words) >= 2:
                out.setdefault(words[-1], []).append((person, words[0], len(words)))
    return out


def _counterpart_of(gaz: Gazetteer, units, b: RoleBinding, article: Article) -> list[str]:
    """Return [the holder of *b*'s state on the article date of the office the last person named holds], or []."""
    before = [u for u in units if u.kind == "person" and u.t1 <= b.t0 and b.t0 - u.t1 < 60 and len(u.entity_ids) == 1]
    if not before:
        return []
    roles = {o.role for o in gaz.offices_of(before[-1].entity_id) if o.held_on(article.published)}
    found = {p for r in roles for p in _holders_on(gaz, r, b.affiliation[0], article.published)}
    return sorted(found) if len(found) == 1 else []


def _office_holders(gaz: Gazetteer, b: RoleBinding, article: Article, named_here: set[str]) -> list[str]:
    """Return who "the Chinese president" means: one person per affiliation, or [] if unsure.

    A holder the article names elsewhere wins; otherwise the holder on the article date.
    Undated articles resolve only to people they name, never to today's office-holder.
    """
    out = []
    for aff in b.affiliation:
        ever = {o.person for r, offices in gaz.offices_for_by_role(aff).items() if _same_office(b.role.role, r) for o in offices}
        here = sorted(ever & named_here)
        if len(here) == 1:
            out.append(here[0])
            continue
        dated = _holders_on(gaz, b.role.role, aff, article.published) if article.published else []
        if len(dated) != 1:
            return []
        out.append(dated[0])
    return out


_SPOKESPERSON_ROLES = frozenset({"spokesperson"})
# Roles that name no office themselves: the gazetteer says which one ("his Ukrainian counterpart X").
# Other titles state only their own office ("ولي العهد السعودي X" is not his ministry).
_COUNTERPART_ROLES = frozenset({"counterpart"})
_VAGUE_ROLES = frozenset({"commander", "deputy", "envoy"})
# Gazetteer office roles -> the relation a text stating that office asserts.
_OFFICE_RELATIONS = {"head_of_state": "leaderOf", "head_of_government": "leaderOf", "secretary_general": "leaderOf", "president": "leaderOf", "commander": "leaderOf", "ambassador": "ambassadorTo"}
# Roles that only make someone the leader of a non-state body ("قائد الجيش السوداني", not "قائد روسي").
_BODY_ONLY_ROLES = frozenset({"commander"})


def _speaker_state(gaz: Gazetteer, affiliation: tuple[str, ...]) -> str:
    """Return the state a spokesperson speaks for: a state in the affiliation, else its body's state."""
    for a in affiliation:
        ent = gaz.entities.get(a)
        if ent is not None and ent.kind == "state":
            return a
    first = gaz.entities.get(affiliation[0])
    return first.country if first is not None and first.country else affiliation[0]


def possessive_offices(units: list[Unit], tokens, gaz: Gazetteer, article: Article, rs: RuleSet) -> list[tuple]:
    """Return office facts for "Kazakhstan's Kassym-Jomart Tokayev" when the gazetteer knows the office."""
    out = []
    endings = tuple(rs.words["possessive_ending"])
    for a, b in zip(units, units[1:]):
        if b.t0 != a.t1 or not tokens[a.t1 - 1].f.endswith(endings) or "role" in (a.form, b.form):
            continue
        # "Kazakhstan's Kassym-Jomart Tokayev"; "Ian Paisley's Democratic Unionists": a party
        # or body the gazetteer says the person led then.
        person, body = (b, a) if a.kind == "state" and b.kind == "person" else (a, b) if a.kind == "person" and b.kind in _BODY_KINDS else (None, None)
        if person is None:
            continue
        relation, portfolio = _known_office(gaz, person.entity_id, body.entity_id, article)
        if relation and relation != "ambassadorTo":
            out.append((person.entity_id, relation, body.entity_id, a.t0, b.t1, portfolio or None, "asserted"))
    return out


_BODY_KINDS = frozenset({"party", "armed_group", "org", "igo"})


def government_offices(units: list[Unit], tokens, gaz: Gazetteer, article: Article, rs: RuleSet) -> list[OfficeFact]:
    """Return leaderOf for "the government of Bashar al-Assad", "نظام كيم جونغ أون", "Obama's administration".

    Only people named in full whom the gazetteer lists as head of state or government: the
    office they lead is theirs, stated as ended when they no longer held it on the article date.
    """
    out = []
    for u in units:
        if u.kind != "person" or u.form in ("role", "surname") or not _governed_by(tokens, u, rs):
            continue  # a bare surname may name a cabinet after its head ("حكومة الدبيبة") or a family
        offices = [o for o in gaz.offices_of(u.entity_id) if o.role in ("head_of_state", "head_of_government")]
        current = {o.of for o in offices if article.published is None or o.held_on(article.published)}
        states = sorted(current or {o.of for o in offices})
        if len(states) == 1:
            out.append((u.entity_id, "leaderOf", states[0], u.t0, u.t1, None, "asserted" if current else "ended"))
    return out


def _governed_by(tokens, u: Unit, rs: RuleSet) -> bool:
    """Return whether a government noun governs the person unit *u*: "regime of X", "نظام X", "X's administration"."""
    nouns, conj = rs.words["government_noun"], rs.words["and"] | rs.lang.prepositions

    def noun(t: int) -> bool:
        f = tokens[t].f if 0 <= t < len(tokens) else ""
        return f in nouns or (len(f) > 2 and f[0] in conj and f[1:] in nouns)

    k = u.t0 - 1
    if k >= 0 and tokens[k].f in rs.words["government_marker"]:
        k -= 1
    after = u.t1 < len(tokens) and tokens[u.t1 - 1].f.endswith(tuple(rs.words["possessive_ending"])) and noun(u.t1)
    return noun(k) or after


def _known_office(gaz: Gazetteer, person: str, of: str, article: Article) -> tuple[str, str]:
    """Return (relation, portfolio) for the office *person* holds of *of* per the gazetteer, or ("", "")."""
    for o in gaz.offices_of(person):
        if o.of == of and (article.published is None or o.held_on(article.published)):
            if o.role.endswith("_minister"):
                return "ministerOf", o.role.removesuffix("_minister")
            if o.role in _OFFICE_RELATIONS:
                return _OFFICE_RELATIONS[o.role], ""
    return "", ""


def plausible_office(gaz: Gazetteer, person: str, relation: str, target: str) -> bool:
    """Return False when the gazetteer lists the person's offices and none fits the stated one.

    Role words are ambiguous ("المستشار" is a chancellor or an adviser); for people whose
    career the gazetteer knows, it arbitrates.
    """
    offices = gaz.offices_of(person)
    if not offices or relation == "ambassadorTo":
        return True
    wanted = {"leaderOf": _LEADER_ROLES, "ministerOf": None}[relation] if relation in ("leaderOf", "ministerOf") else None
    for o in offices:
        if o.of == target and (wanted is None and (o.role.endswith("minister") or o.role in _MINISTER_LIKE) or wanted is not None and o.role in wanted):
            return True
    return False


# Offices recorded as ministerOf besides ministers: deputies, and the EU's High Representative
# (its foreign minister in all but name).
_MINISTER_LIKE = frozenset({"deputy", "high_representative"})
_LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "secretary_general", "president", "commander", "high_representative", "vice_president"})


def _in_scope(role: str, target: str, gaz: Gazetteer, new_people) -> bool:
    """Return whether a role can relate its holder to *target* (commanders lead bodies, not states)."""
    if role not in _BODY_ONLY_ROLES:
        return True
    ent = gaz.entities.get(target)
    return ent is not None and ent.kind in ("org", "armed_group", "igo", "party")


def _office_of(gaz: Gazetteer, person: str, role: str, day: date | None) -> str | None:
    """Return what *person* held *role* of on *day* (at any time if None), per the gazetteer."""
    offices = {o.of for o in gaz.offices_of(person) if _same_office(role, o.role) and (day is None or o.held_on(day))}
    return offices.pop() if len(offices) == 1 else None


def _holders_on(gaz: Gazetteer, role: str, of: str, day: date) -> list[str]:
    """Return who held *role* of *of* on *day*: the exact office first, then compatible ones."""
    offices = gaz.offices_held(of, day)
    exact = sorted({o.person for o in offices if o.role == role})
    return exact or sorted({o.person for o in offices if _same_office(role, o.role)})


def _same_office(text_role: str, office_role: str) -> bool:
    """Return whether a role named in text can denote a gazetteer office ("president" ~ head of government)."""
    if text_role == office_role:
        return True
    if text_role == "minister":
        return office_role.endswith("_minister")
    if office_role == "minister":
        # The gazetteer's "minister" is any portfolio it has no role of its own for (justice, energy).
        return text_role.endswith("_minister")
    return {text_role, office_role} <= {"head_of_state", "head_of_government"}


@lru_cache(maxsize=None)
def _translit(lang: str) -> dict[int, str]:
    """Return the translate table taking a name in *lang* to Latin letters (empty for Latin scripts)."""
    return str.maketrans(get_rules(lang).data.get("ids", {}).get("translit", {}))


def mint_person_id(surface: str, lang: str) -> str:
    """Return a stable id for a person found only in the text, e.g. "person/shyh-shyawywnj"."""
    slug = re.sub(r"[^a-z0-9]+", "-", surface.translate(_translit(lang)).lower()).strip("-")
    if not slug:
        slug = hashlib.sha1(surface.encode()).hexdigest()[:12]
    return f"person/{slug}"
