"""Role phrases: "وزير الدفاع الصيني لي شانج فو", "Russia's foreign minister Sergei Lavrov".

A role phrase binds a person (named, minted from the text, or the office-holder the gazetteer
knows for the article date) to a state or organisation, and yields leaderOf / ministerOf /
ambassadorTo statements when the person is named in the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import AFFILIATION_KINDS as _AFFILIATION_KINDS
from .document import Token
from .rules import Role, RuleSet
from .units import Unit


def _bridgeable(tok: str, rs: RuleSet) -> bool:
    """Return whether a word may sit between a role noun and its affiliation ("المكتب السياسي").

    Only languages that allow it (role_bridge) and only definite nouns, never verbs.
    """
    if not rs.lang.data.get("role_bridge"):
        return False
    article = rs.lang.article
    return tok.isalpha() and tok.startswith(article) and tok not in rs.stopwords and tok not in rs.trigger_words and tok not in rs.role_words


def _actor_ahead(k: int, span: int, by_start: dict[int, Unit]) -> bool:
    """Return whether an actor unit starts within *span* tokens from *k*."""
    return any(by_start.get(k + i) is not None and by_start[k + i].kind in _AFFILIATION_KINDS | {"person"} for i in range(span))


@dataclass(slots=True)
class RoleBinding:
    """A role phrase resolved: who holds which office of which actor, and where it is written."""

    role: Role
    t0: int
    t1: int
    person: str | None  # entity id
    named: bool  # the person's name is written in the phrase
    affiliation: tuple[str, ...]  # states / organisations the office belongs to
    host: str | None = None  # ambassadors: the receiving state
    new_person: tuple[str, str] | None = None  # (surface, lang) of a person minted from the text
    former: bool = False  # "former President X", "الرئيس السابق": the office is not held now
    apposed: bool = False  # the phrase stands in commas after a name it describes ("X, Rwanda's minister")
    bare: bool = False  # the person is named right before the phrase, no comma between ("سامح شكري وزير الخارجية")


def bind_roles(tokens: list[Token], units: list[Unit], role_hits, rs: RuleSet, original: str, given_names: frozenset[str] = frozenset()) -> list[RoleBinding]:
    """Return role bindings for each role-noun hit, reading affiliations and names around it."""
    by_start = {u.t0: u for u in units}
    cased = bool(rs.lang.data.get("cased_names"))
    apposition = bool(rs.lang.data.get("role_apposition"))
    commas = rs.words["comma"]
    out = []
    for t0, t1, role in role_hits:
        if role.holders == "list":
            out.extend(_distributive_bindings(tokens, units, t0, t1, role, rs) or _list_bindings(tokens, units, t0, t1, role, rs))
            continue
        left = _left_affiliation(tokens, t0, units, rs) if rs.lang.data.get("affiliation_before_role") else []
        right, host, k = _right_affiliations(tokens, t1, role, by_start, rs)
        aff = left + right or ([role.of] if role.of and host is None else [])
        person, named, new = None, False, None
        before = _apposed_person(tokens, t0, units, left, rs) if apposition else None
        comma = apposition and (aff or host) and before is None and k + 1 < len(tokens) and tokens[k].f in commas
        if comma:
            # "the Japanese ambassador to Egypt, Oka Hiroshi, said": the name in commas, unless
            # the role itself is in commas after a name ("X, the Turkish minister, met Y").
            k += 1
        own = by_start.get(t0)
        if own is not None and own.kind == "person" and own.t1 > t1 and role.of:
            k = t0  # "Pope Francis": the title of a one-state office begins the name the gazetteer knows
        u = by_start.get(k)
        if u is not None and u.kind == "person":
            person, named = u.entity_id, True
            u.absorbed = True
            k = u.t1
        elif k < len(tokens) and (aff or host or cased):
            span = _unknown_name(tokens, k, rs, by_start, original, given_names, comma)
            if span:
                a, b = span
                surface = original[tokens[a].start : tokens[b - 1].end]
                new = (surface, rs.lang.code)
                k = b
        if apposition and person is None and new is None:
            # Post-name apposition: "Sergei Lavrov, Russia's foreign minister", or a name the
            # gazetteer does not know: "David Pressman, the U.S. ambassador to Hungary".
            if before is not None:
                person, named = before.entity_id, True
            else:
                span = _apposed_name(tokens, t0, units, left, original, rs)
                if span is not None:
                    new = (original[tokens[span[0]].start : tokens[span[1] - 1].end], rs.lang.code)
        if person is None and new is None and (subject := _predicated_person(tokens, units, min(t0, _left_start(tokens, t0, units, left)), rs)) is not None:
            person, named = subject.entity_id, True
        bare = person is None and new is None and bool(rs.lang.data.get("bare_apposition")) and role.relation != "ambassadorTo"
        if bare and (prev := _bare_name(units, out, t0)) is not None:
            person, named = prev, True  # kept only if the gazetteer says the person held the office (offices.py)
        if role.name_before and person is None and new is None:
            # "محمود علي يوسف رئيسا لمفوضية الاتحاد": the name stands right before the role.
            prev = next((u for u in units if u.t1 == t0 and u.kind == "person"), None)
            if prev is not None:
                person, named = prev.entity_id, True
        start = min(t0, _left_start(tokens, t0, units, left))
        if role.relation == "ambassadorTo" and host is None:
            host, aff, start, k = _implied_host(tokens, units, by_start, start, k, aff, rs, person is not None or new is not None, role.role)
        apposed = apposition and _after_name(tokens, start, units, original, rs)
        out.append(RoleBinding(role, start, k, person, named, tuple(dict.fromkeys(aff)), host, new, apposed=apposed, bare=bare and person is not None))
    _share_coordinated(out, tokens, rs)
    _share_plural_affiliation(out, tokens, rs)
    for b in out:
        b.former = _former(tokens, b, rs)
    return [b for b in out if b.affiliation or b.host or b.person or b.new_person or b.role.role]


def _bare_name(units: list[Unit], bound: list[RoleBinding], t0: int) -> str | None:
    """Return the person named right before token *t0* and not already a role's holder, or the one before a chain of roles.

    "سامح شكري وزير الخارجية"; "محمد بن عبدالرحمن نائب رئيس الوزراء وزير الخارجية": the second
    title also follows the name.
    """
    prev = next((u for u in units if u.t1 == t0 and u.kind == "person" and u.form not in ("role", "surname") and not u.absorbed), None)
    if prev is not None:
        return prev.entity_id
    last = bound[-1] if bound else None
    if last is not None and last.t1 == t0 and last.bare and last.person:
        return last.person
    return None


# Roles whose organisation before them sends the holder rather than hosting them ("U.N. envoy").
_SENT_BY_ORG = frozenset({"envoy"})


def _implied_host(tokens: list[Token], units: list[Unit], by_start: dict[int, Unit], start: int, k: int, aff: list[str], rs: RuleSet, named: bool, role: str) -> tuple[str | None, list[str], int, int]:
    """Return (host, affiliations, first token, token after) of an ambassador whose host is not marked "to".

    "Russian U.N. Ambassador X": the organisation before the role is the host and the state
    before it sends the ambassador; "Japanese Ambassador X in Beijing": the state of the place
    after the name is the host. An organisation before an envoy sends them ("U.N. envoy X").
    """
    org = by_start.get(start)
    if org is not None and org.kind == "igo" and aff[:1] == list(org.entity_ids) and role not in _SENT_BY_ORG:
        sender = next((u for u in units if u.t1 == org.t0 and u.kind == "state"), None)
        if sender is not None:
            sender.absorbed = True
        return org.entity_id, [*(sender.entity_ids if sender else ()), *aff[1:]], sender.t0 if sender else start, k
    place = by_start.get(k + 1)
    if named and k < len(tokens) and tokens[k].f in rs.words["host_joiner"] and place is not None and place.kind == "state":
        place.absorbed = True
        return place.entity_id, aff, start, place.t1
    return None, aff, start, k


def _predicated_person(tokens: list[Token], units: list[Unit], start: int, rs: RuleSet) -> Unit | None:
    """Return the person a predicate word before a role phrase gives the office to: "X became U.S. ambassador", "X, as Iraqi president".

    The person must end at most six tokens before the predicate word, with no other actor between.
    """
    k = start - 1
    if k > 0 and tokens[k].f in rs.cues.get("determiner", frozenset()):
        k -= 1  # "X holds the premiership"
    if k < 0 or tokens[k].f not in rs.words["office_predicate"]:
        return None
    before = [u for u in units if u.t1 <= k and k - u.t1 <= 6 and u.kind in _AFFILIATION_KINDS | {"person"}]
    last = max(before, key=lambda u: u.t1, default=None)
    if last is None or last.kind != "person" or len(last.entity_ids) != 1:
        return None
    # "who has held", "was sworn in as": auxiliaries and copulas open no other predicate.
    auxiliary = rs.cues.get("auxiliary", frozenset()) | rs.words["copula"] | rs.words["passive_aux"]
    if any((not tokens[t].f.isalnum() and tokens[t].f not in rs.words["comma"]) or (tokens[t].f in rs.trigger_words and tokens[t].f not in auxiliary)
           for t in range(last.t1, k)):
        return None  # a clause break or another predicate ("X met the man who became ...") lies between
    return last


def _former(tokens: list[Token], b: RoleBinding, rs: RuleSet) -> bool:
    """Return whether the phrase names an office no longer held: "former / late President X",
    "الرئيس الروسي السابق"; "then President X", "then-Russian Ambassador X" only right before it."""
    former = rs.cues.get("former", frozenset())
    if any(tokens[t].f in former for t in range(max(0, b.t0 - 2), min(b.t1 + 1, len(tokens)))):
        return True
    k = b.t0 - 2 if b.t0 > 1 and tokens[b.t0 - 1].f == "-" else b.t0 - 1
    return k >= 0 and tokens[k].f in rs.words["former_before"]


def _right_affiliations(tokens: list[Token], k: int, role: Role, by_start: dict[int, Unit], rs: RuleSet) -> tuple[list[str], str | None, int]:
    """Return (affiliations, host, token after them) of the role phrase ending at token *k*, absorbing their units.

    "الصيني", "بيلاروسيا", "لدى بيلاروسيا", "of Belarus", "لحركة حماس"; up to two other words
    may bridge to them ("رئيس المكتب السياسي لحركة حماس").
    """
    words = rs.words
    ambassador = role.relation == "ambassadorTo"
    aff: list[str] = []
    host = None
    bridged = 0
    while k < len(tokens):
        u = by_start.get(k)
        tok = tokens[k].f
        if u is not None and u.kind in _AFFILIATION_KINDS and u.form != "role":
            if u.marker in words["host_marker"] and ambassador:
                host = u.entity_id
            elif u.marker == "" or u.marker in words["affiliation_marker"] or u.form == "demonym":
                aff.extend(u.entity_ids)
            else:
                break
            u.absorbed = True
            k = u.t1
            continue
        if u is not None:
            break
        ahead = getattr(by_start.get(k + 1), "kind", "") in _AFFILIATION_KINDS
        host_next = ambassador and tok in words["host_joiner"] and ahead
        # "مسؤولة السياسة الخارجية في الاتحاد الأوروبي": a body's office "in" it, when the body follows.
        joined_next = not ambassador and not aff and tok in words["affiliation_joiner"] and ahead
        if tok in rs.fillers or tok in words["role_joiner"] or host_next or joined_next:
            k += 1
            continue
        if bridged < 2 and _bridgeable(tok, rs) and _actor_ahead(k + 1, 2 - bridged, by_start):
            k += 1
            bridged += 1
            continue
        break
    return aff, host, k


def _listed_units(tokens: list[Token], units: list[Unit], k: int, rs: RuleSet) -> list[Unit]:
    """Return the actor units listed from token *k* on, joined only by commas, "and" or an affiliation marker."""
    glue = rs.cues.get("list", frozenset()) | rs.words["comma"] | rs.words["affiliation_marker"] | rs.words["and"]
    out: list[Unit] = []
    for u in units:
        if u.t0 < k or u.absorbed or u.form == "role":
            continue
        if not all(t.f in glue for t in tokens[k : u.t0]) or u.t0 - k > 2:
            break
        if u.kind != "person" and u.kind not in _AFFILIATION_KINDS:
            break
        out.append(u)
        k = u.t1
    return out


def _distributive_bindings(tokens: list[Token], units: list[Unit], t0: int, t1: int, role: Role, rs: RuleSet) -> list[RoleBinding]:
    """Return the bindings of a plural or dual role spread over the states listed after it.

    "الرئيسين التركي X والروسي Y" (each state before its holder), "the foreign ministers of
    Russia, Turkey and Iran, X, Y and Z" (as many holders as states, in order), or "رؤساء
    إيران وروسيا وتركيا" (no holder named: one binding, resolved per state on the article date;
    the roles listed next may take its state, see _share_plural_affiliation).
    """
    items = _listed_units(tokens, units, t1, rs)
    if not items and rs.lang.data.get("affiliation_before_role"):
        # "the two Turkish ministers (...)": the state stands before the plural role.
        left = _left_affiliation(tokens, t0, units, rs)
        return [RoleBinding(role, _left_start(tokens, t0, units, left), t1, None, False, tuple(left))] if left else []
    shape = "".join("p" if u.kind == "person" else "a" for u in items)
    n = len(shape) // 2
    if n >= 2 and shape == "ap" * n:
        pairs = [(items[2 * i], items[2 * i + 1]) for i in range(n)]
    elif n >= 2 and shape == "a" * n + "p" * n:
        pairs = list(zip(items[:n], items[n:]))
    elif shape == "a" * len(shape) and items and items[0].t0 - t1 <= 1:
        for u in items:
            u.absorbed = True
        return [RoleBinding(role, t0, items[-1].t1, None, False, tuple(e for u in items for e in u.entity_ids))]
    else:
        return []
    out = []
    for aff, person in pairs:
        aff.absorbed = person.absorbed = True
        out.append(RoleBinding(role, min(aff.t0, person.t0), max(aff.t1, person.t1), person.entity_id, True, aff.entity_ids))
    return out


def _list_bindings(tokens: list[Token], units: list[Unit], t0: int, t1: int, role: Role, rs: RuleSet) -> list[RoleBinding]:
    """Return one binding per person listed after a plural role.

    "Their foreign ministers, Mevlut Cavusoglu, Pekka Haavisto and Ann Linde" and
    "foreign ministers Sergei Lavrov of Russia, Heiko Maas of Germany": each person gets the
    state written after them ("of Russia"), or none (the gazetteer decides later).
    """
    after = [u for u in units if u.t0 >= t1 and u.t0 - t1 <= 2 and u.kind == "person"]
    if not after:
        return []
    first = after[0]
    out = []
    for u in [v for v in units if v.t0 >= first.t0 and v.t0 - first.t0 <= 40]:
        if u.kind != "person":
            if u.marker in rs.words["origin_marker"] and u.kind in _AFFILIATION_KINDS and out and u.t0 - out[-1].t1 <= 1:
                out[-1].affiliation = (u.entity_id,)
                u.absorbed = True
                out[-1].t1 = u.t1
                continue
            if u.kind != "person":
                break
        gap = [t.f for t in tokens[(out[-1].t1 if out else first.t0) : u.t0]]
        if out and not all(g in rs.cues.get("list", ()) for g in gap):
            break
        out.append(RoleBinding(role, u.t0, u.t1, u.entity_id, True, (), None, None))
    return out


def _share_coordinated(bindings: list[RoleBinding], tokens: list[Token], rs: RuleSet) -> None:
    """Give "رئيس الوزراء ووزير الخارجية القطري X" / "Prime Minister and Foreign Minister X" one holder.

    A role directly followed by another role (or by "and"/"و" and one) takes its affiliation and person.
    """
    for a, b in zip(bindings, bindings[1:]):
        # Stacked titles share too: "ولي العهد رئيس مجلس الوزراء السعودي الأمير محمد بن سلمان".
        joined = b.t0 == a.t1 or (b.t0 == a.t1 + 1 and tokens[a.t1].f in rs.words["and"])
        # A plural role names other people than the title before it ("استقبل الرئيس الوزيرين").
        if joined and not a.affiliation and not a.person and not a.new_person and b.role.holders != "list":
            a.affiliation, a.host = b.affiliation, b.host
            a.person, a.named, a.new_person = b.person, b.named, b.new_person


def _share_plural_affiliation(bindings: list[RoleBinding], tokens: list[Token], rs: RuleSet) -> None:
    """Give the roles listed after a plural role its state: "الوزيرين التركيين (وزير العدل X ووزير الداخلية Y)".

    Each following role without a state of its own takes it while only brackets, commas and
    "and" stand between them.
    """
    glue = rs.cues.get("list", frozenset()) | rs.words["comma"] | rs.words["bracket"] | rs.words["and"]
    shared: tuple[str, ...] = ()
    end = -1
    for b in sorted(bindings, key=lambda x: x.t0):
        if b.role.holders == "list" and b.affiliation and b.person is None:
            shared, end = b.affiliation, b.t1
            continue
        if shared and not b.affiliation and not b.host and all(t.f in glue for t in tokens[end : b.t0]):
            b.affiliation, end = shared, b.t1
        else:
            shared = ()


def _left_affiliation(tokens: list[Token], t0: int, units: list[Unit], rs: RuleSet) -> list[str]:
    """Return affiliations written before the role ("Chinese", "Russia's new", "NATO")."""
    for u in reversed(units):
        if u.t1 <= t0:
            gap = [t.f for t in tokens[u.t1 : t0]]
            if u.kind in _AFFILIATION_KINDS and all(g in rs.fillers or g in rs.words["possessive_mark"] for g in gap) and u.form != "role":
                u.absorbed = True
                return list(u.entity_ids)
            return []
    return []


def _left_start(tokens: list[Token], t0: int, units: list[Unit], left: list[str]) -> int:
    """Return the first token of the phrase, including a left affiliation when there is one."""
    if not left:
        return t0
    for u in reversed(units):
        if u.t1 <= t0:
            return u.t0
    return t0


def _after_name(tokens: list[Token], t0: int, units: list[Unit], original: str, rs: RuleSet) -> bool:
    """Return whether token *t0* follows "NAME," (a person, or a capitalised word where names are cased)."""
    if t0 < 2 or tokens[t0 - 1].f not in rs.words["comma"]:
        return False
    if any(u.t1 == t0 - 1 and u.kind == "person" for u in units):
        return True
    word = original[tokens[t0 - 2].start : tokens[t0 - 2].end]
    return bool(rs.lang.data.get("cased_names")) and _cased_name_word(word)


def _apposed_person(tokens: list[Token], t0: int, units: list[Unit], left: list[str], rs: RuleSet) -> Unit | None:
    """Return the person named just before ", [the] [STATE's] ROLE", if any."""
    k = t0 - 1
    if left:
        for u in reversed(units):
            if u.t1 <= t0:
                k = u.t0 - 1
                break
    while k >= 0 and tokens[k].f in rs.words["appositive_article"]:
        k -= 1
    if k < 0 or tokens[k].f not in rs.words["comma"]:
        return None
    for u in reversed(units):
        if u.t1 == k and u.kind == "person":
            return u
    return None


def _apposed_name(tokens: list[Token], t0: int, units: list[Unit], left: list[str], original: str, rs: RuleSet) -> tuple[int, int] | None:
    """Return the span of capitalised words just before ", [the] [STATE's] ROLE" (two to four)."""
    k = t0 - 1
    if left:
        k = next((u.t0 - 1 for u in reversed(units) if u.t1 <= t0), k)
    while k >= 0 and tokens[k].f in rs.words["appositive_article"]:
        k -= 1
    if k < 1 or tokens[k].f not in rs.words["comma"]:
        return None
    end = k
    a = k
    covered = {t for u in units for t in range(u.t0, u.t1)}
    while a > 0 and end - a < 5 and a - 1 not in covered:
        word = original[tokens[a - 1].start : tokens[a - 1].end]
        if _cased_name_word(word) or (a < end and tokens[a - 1].f in rs.words["name_particle"]) or tokens[a - 1].f == "-":
            a -= 1
        else:
            break
    words = [t for t in range(a, end) if tokens[t].f != "-"]
    if not 2 <= len(words) <= 4 or tokens[a].f in rs.stopwords or original[tokens[a].start : tokens[a].end] in rs.stopwords:
        return None
    if a > 0 and tokens[a - 1].f.isalpha() and original[tokens[a - 1].start].isupper():
        return None  # part of a longer capitalised run (a title or organisation), not a name
    return a, end


def _unknown_name(tokens: list[Token], k: int, rs: RuleSet, by_start: dict[int, Unit], original: str, given_names: frozenset[str] = frozenset(), after_comma: bool = False) -> tuple[int, int] | None:
    """Return the token span of a person's name written after a role, when it looks like one.

    Names have two words, or three when the third ends the clause; Arabic ones never start
    with the article (except hamza-spelt ألكسندر) and stop at conjunctions and particles.
    Past a comma, an uncased name must start with a known given name: the clause may go on.
    """
    words: list[int] = []  # index of the last token of each word
    cased = bool(rs.lang.data.get("cased_names"))
    b = k
    while b < len(tokens) and len(words) < 4 and b not in by_start:
        tok = tokens[b]
        raw = tok.f
        surface = original[tok.start : tok.end]
        if cased and raw == "-" and words and b + 1 < len(tokens) and _cased_name_word(original[tokens[b + 1].start : tokens[b + 1].end]):
            words[-1] = b + 1  # "Amir-Abdollahian", "al-Zayani": the hyphen joins two parts of one word
            b += 2
            continue
        if not name_word(raw, surface, bool(words), rs):
            break
        words.append(b)
        b += 1
    if len(words) < 2:
        return None  # one word after a role is too often not a name
    if len(words) > 2:
        after = words[2] + 1
        ends_clause = after >= len(tokens) or not tokens[after].f.isalnum()
        if not ends_clause:
            words = words[:2]
    if not cased and tokens[k].f not in given_names:
        # Without capital letters, a name is trusted when it starts with a known given name or
        # stands alone before punctuation ("... لدى بيلاروسيا شيه شياويونج."), never when its
        # first word carries a preposition ("بأثر فوري"); a function word after it also bounds it.
        after = words[-1] + 1
        bounded = after >= len(tokens) or not tokens[after].f.isalnum() or tokens[after].f in rs.stopwords
        if after_comma or not bounded or tokens[k].f[:1] in rs.lang.prepositions:
            return None
    return k, words[-1] + 1


def name_word(raw: str, surface: str, inside: bool, rs: RuleSet) -> bool:
    """Return whether a token can be part of a person's name in this language."""
    if raw in rs.stopwords or raw in rs.trigger_words or raw in rs.role_words:
        return False
    if rs.lang.data.get("cased_names"):
        return _cased_name_word(surface) or (inside and raw in rs.words["name_particle"])
    shape, article_in_names = _name_shape(rs)
    if not shape.match(raw) or raw[1:] in rs.role_words or raw[1:] in rs.stopwords:
        return False
    if inside and raw[:1] in rs.words["and"]:
        return False  # "شهباز شريف والقائم": a conjunction ends the name
    article = rs.lang.article
    return not (article and raw.startswith(article) and not (article_in_names and surface.startswith(article_in_names)))


@lru_cache(maxsize=None)
def _name_shape(rs: RuleSet) -> tuple[re.Pattern[str], str]:
    """Return the pattern of a name word in an uncased script and the article spelling names may begin with."""
    names = rs.lang.data.get("names", {})
    return re.compile(names.get("word", r"\w{2,}")), names.get("article_in_names", "")


def _cased_name_word(surface: str) -> bool:
    """Return whether a token of a cased script looks like part of a proper name ("Ní", "O'Brien")."""
    return len(surface) > 1 and surface[0].isupper() and all(c.isalpha() or c in "'’" for c in surface)
