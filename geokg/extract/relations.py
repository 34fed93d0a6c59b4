"""The rule engine: trigger occurrences + actor units -> typed statements with modality."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from functools import lru_cache
from itertools import combinations

from ..ontology import symmetric_relations
from .clauses import clause_cues, clause_units
from .modality import Cue, modality_of
from .rules import RuleSet, priors
from .state import Doc, Found, Hit
from .triggers import closing_at
from .units import Unit

# How far (in tokens) past a trigger its arguments may stand.
PATIENT_WINDOW = 10
BETWEEN_WINDOW = 4
# Coordinated subjects of a reciprocal verb pair up only when few: a list of six states "in
# conflict" is a list of places, not six wars.
MAX_RECIPROCAL = 4
# A participle or possessive attaches to an actor at most this many tokens before it.
ATTACH_WINDOW = 3
# "have held their first formal bilateral talks": adjectives may separate a light verb from its noun.
LIGHT_VERB_WINDOW = 6


def find_relations(doc: Doc) -> list[Found]:
    """Return the statements the trigger hits of *doc* state about its actors."""
    out: list[Found] = []
    sym = symmetric_relations()
    hits = doc.hits
    doc.topic = ()
    doc.before = []
    adjunct = doc.rs.cues.get("adjunct", frozenset())
    # "التقى خلال الزيارة وزير الدفاع": a trigger inside a time adjunct does not end the clause.
    stops = sorted(h.t0 for h in hits if not (h.t0 > 0 and doc.tokens[h.t0 - 1].f in adjunct))
    accusations = sorted(h.t0 for h in hits if h.trigger.relation == "accuses")
    last_agent: tuple[str, int] | None = None
    bounds = clause_cues(doc)
    commas = doc.rs.words["comma"]
    # ", after Russia vetoed it": a subordinate clause after a comma holds no patient of a trigger before it.
    subordinate = sorted(c.t0 for c in doc.cues if c.kind == "subordinate" and c.t0 > 0 and doc.tokens[c.t0 - 1].f in commas)
    parts: dict[int, tuple[list[Unit], list[Cue], list[Cue]]] = {}  # sentence -> its units, cues, clause cues
    aides = _aide_owners(doc)
    for hit in sorted(hits, key=lambda h: h.t0):
        si = sentence_of(doc, hit.t0)
        s0, s1 = doc.sentences[si]
        # Arabic drops the subject of a clause-initial verb: it is the actor of the last statement.
        doc.topic = ()
        if doc.rs.lang.data.get("pro_drop") and last_agent and si - last_agent[1] <= 2 and _verbal(doc, hit) and _clause_initial(doc, hit, s0):
            doc.topic = (last_agent[0],)
        elif last_agent and last_agent[1] == si and _circumstantial(doc, hit):
            doc.topic = (last_agent[0],)
        k = bisect_left(stops, hit.t1)
        j = bisect_left(subordinate, hit.t1)
        nxt = min(stops[k] if k < len(stops) else s1, subordinate[j] if j < len(subordinate) else s1)
        cut = min(s1, max(nxt, hit.t1 + 1))
        if si not in parts:
            parts[si] = _sentence_parts(doc, bounds, s0, s1)
        sentence, cues, sentence_bounds = parts[si]
        if aides:
            sentence = [u for u in sentence if u.t0 not in aides]
        # A pronoun may point out of the trigger's clause; its arguments may not.
        doc.before = [u for u in reversed(sentence) if u.t1 <= hit.t0]
        in_sentence = clause_units(doc, hit, sentence, sentence_bounds)
        right_all = [u for u in in_sentence if hit.t1 <= u.t0]
        right = [u for u in right_all if u.t0 < cut]
        left = [u for u in reversed(in_sentence) if u.t1 <= hit.t0]
        rel = hit.trigger.relation
        mod = modality_of(hit.t0, hit.t1, (s0, s1), cues, doc.tokens, hit.future, doc.rs.words["denial"])
        if mod == "asserted" and _any_in(accusations, s0, hit.t0):
            mod = "reported"  # what someone is accused of doing is a claim, not a fact
        if hit.trigger.negating:
            # "left the bloc" states the membership no longer holds; "did not leave" keeps it.
            mod = "asserted" if mod == "negated" else "negated"
        if hit.trigger.closing:
            end = closing_at(doc, hit.t1, hit.trigger.closing, s1)
            if end is None:
                continue
            if any(c.kind == "negated" and hit.t1 <= c.t0 < end for c in doc.cues):
                mod = "negated"  # "says there is no proof that X was behind": denied inside the opened phrase
            right, right_all = [u for u in right if u.t1 <= end], [u for u in right_all if u.t1 <= end]
        pairs = [] if _oblique_members(doc, hit) else (_symmetric if rel in sym else _directed)(doc, hit, left, right, right_all)
        if not pairs and rel in _SPEECH_ACTS and not hit.trigger.inverse:
            pairs = _event_anaphor(doc, hit, left, right, right_all, out, si)
        rule = f"{doc.rs.lang.code}:{rel}:{hit.trigger.phrase}"
        confidence = min(hit.trigger.confidence, priors()[rel])
        if not pairs and rel in _MEETINGS:
            out.extend(_visits_to_hosts(doc, hit, left, right, si, mod))
        if pairs and rel == "visits":
            out.extend(_host_meeting(doc, hit, left, right, si, mod))
        if not pairs and rel in sym and (pairs := _counted_parties(doc, hit, si)):
            confidence, rule = min(confidence, COUNTED_CONFIDENCE), rule + ":previous"
        for a, b in pairs:
            if hit.trigger.inverse:
                a, b = b, a
            a, b = _fit(doc, rel, a, b)
            stated = _people_relation(doc, hit, a, b) or rel
            sure = min(confidence, priors()[stated], 1.0 if stated == rel else PEOPLE_RELATION_CAP)
            if a and b and a != b and not _own_state(doc, rel, a, b):
                out.append(Found(a, stated, b, si, mod, sure, rule))
                if doc.kinds.get(a) in ("person", "state") and not hit.trigger.inverse:
                    last_agent = (a, si)
                if rel in _MEETINGS:
                    out.extend(_visits_by_venue(doc, hit, (a, b), right_all, si, mod))
    return out


# "The trilateral talks" whose parties an earlier clause names: a guess across the clause, so less sure.
COUNTED_CONFIDENCE = 0.55
#: words.tsv kind -> how many parties an adjective before a symmetric trigger counts ("bilateral", "trilateral").
_PARTY_COUNTS = {"two_party": 2, "three_party": 3}


def _counted_parties(doc: Doc, hit: Hit, si: int) -> list[tuple[str, str]]:
    """Return the pairs of "the trilateral talks" from the last list of that many actors before it,
    in its sentence or the one before."""
    words, tokens = doc.rs.words, doc.tokens
    n = next((k for kind, k in _PARTY_COUNTS.items() for t in range(max(0, hit.t0 - 2), hit.t0 + 1) if tokens[t].f in words[kind]), 0)
    if not n:
        return []
    s0 = doc.sentences[max(0, si - 1)][0]
    for u in sorted((u for u in doc.units if s0 <= u.t0 and u.t1 <= hit.t0 and not u.absorbed), key=lambda u: -u.t0):
        ids = _ids(doc, u)
        if len(ids) >= 2:
            return list(combinations(ids, 2)) if len(ids) == n else []
    return []


def _sentence_parts(doc: Doc, bounds: list[Cue], s0: int, s1: int) -> tuple[list[Unit], list[Cue], list[Cue]]:
    """Return the acting units, the cues and the clause-bound cues of the sentence of tokens [s0, s1)."""
    # Built once per sentence: a sentence with several triggers reads the same lists. Units and
    # cues are in token order, so the sentence's run of each is found by bisection.
    units, cues = doc.units, doc.cues
    in_sentence = units[bisect_left(units, s0, key=_t0) : bisect_left(units, s1, key=_t0)]
    return [u for u in in_sentence if not u.absorbed], cues[bisect_left(cues, s0, key=_t0) : bisect_left(cues, s1, key=_t0)], [c for c in bounds if s0 <= c.t0 < s1]


def _t0(x: Unit | Cue) -> int:
    """Return the first token of a unit or cue (a bisection key)."""
    return x.t0


def _any_in(sorted_tokens: list[int], a: int, b: int) -> bool:
    """Return whether one of *sorted_tokens* lies in [a, b)."""
    k = bisect_left(sorted_tokens, a)
    return k < len(sorted_tokens) and sorted_tokens[k] < b


# Talks between two people read as a meeting are right about as often as not (a "round of
# talks" is a negotiation): such statements stay below the 0.8 that filters for precision.
PEOPLE_RELATION_CAP = 0.75

# Meeting someone "in Riyadh" / "في الدوحة" means the participants from elsewhere went there.
_MEETINGS = frozenset({"meetsWith", "negotiatesWith"})


def _visits_by_venue(doc: Doc, hit: Hit, pair: tuple[str, str], right_all: list[Unit], si: int, mod: str) -> list[Found]:
    """Return visits statements for participants of a meeting held in another state's capital."""
    markers = doc.rs.words["meeting_venue"]
    venue = next((u for u in right_all if u.marker in markers and u.form == "capital" and u.t0 - hit.t1 <= PATIENT_WINDOW), None)
    if venue is None:
        return []
    host = venue.entity_id
    out = []
    for who in pair:
        home = who if doc.kinds.get(who) == "state" else doc.countries.get(who)
        if home and home != host and doc.kinds.get(who) == "person":
            out.append(Found(who, "visits", host, si, mod, 0.6, f"{doc.rs.lang.code}:visits:venue"))
    return out


def _visits_to_hosts(doc: Doc, hit: Hit, left: list[Unit], right: list[Unit], si: int, mod: str) -> list[Found]:
    """Return visits for "talks with officials in A, B and C": meeting a place's officials there
    means the subject travelled to each place (words kind ``host_people``)."""
    t = hit.t1
    tokens, words = doc.tokens, doc.rs.words
    if t + 2 >= len(tokens) or tokens[t].f not in words["with"] or tokens[t + 1].f not in words["host_people"]:
        return []
    place = next((u for u in right if u.t0 == t + 3 and u.marker in words["meeting_venue"]), None)
    if place is None:
        return []
    out = []
    for who in _agent_ids(doc, hit, left, right, place):
        if doc.kinds.get(who) != "person":
            continue
        for host in _ids(doc, place):
            host = host if doc.kinds.get(host) == "state" else doc.places.get(host)
            if host and doc.countries.get(who) != host:
                out.append(Found(who, "visits", host, si, mod, 0.6, f"{doc.rs.lang.code}:visits:hosts"))
    return out


def _host_meeting(doc: Doc, hit: Hit, left: list[Unit], right: list[Unit], si: int, mod: str) -> list[Found]:
    """Return meetsWith for "Xi told visiting President X": a person who speaks to, welcomes or
    hosts a visitor meets him (words kind ``host_verb`` right before the attributive word)."""
    if hit.t0 == 0 or doc.tokens[hit.t0 - 1].f not in doc.rs.words["host_verb"]:
        return []
    visitor, host = _attributive_agent(doc, hit, right), _subject(doc, hit, left)
    if visitor is None or host is None or host.kind != "person":
        return []
    return [Found(a, "meetsWith", b, si, mod, HOST_CONFIDENCE, f"{doc.rs.lang.code}:meetsWith:host") for a, b in _cross(doc, host, visitor) if a != b]


# "X told visiting Y": the meeting is implied by the host's act, a little less sure than "met".
HOST_CONFIDENCE = 0.65


def _verbal(doc: Doc, hit: Hit) -> bool:
    """Return whether the trigger word looks like a verb (nouns carry the article or noun endings)."""
    if hit.trigger.participle:
        return False
    verbs, endings = _verb_shapes(doc.rs)
    word = doc.rs.lang.fold_name(hit.trigger.phrase.split()[0])
    if word in verbs:
        return True
    return not word.startswith(doc.rs.lang.article or "\0") and not word.endswith(endings)


@lru_cache(maxsize=None)
def _verb_shapes(rs: RuleSet) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the folded verb exceptions and noun endings of a pro-drop language (cached)."""
    cfg = rs.lang.data.get("pro_drop_words", {})
    return frozenset(rs.lang.fold_name(w) for w in cfg.get("verbs", [])), tuple(rs.lang.fold_name(e) for e in cfg.get("noun_endings", []))


# Office relations link a person to their own state; nothing else does ("Egypt meets Sisi").
_OFFICE = frozenset({"leaderOf", "ministerOf", "ambassadorTo"})


def _oblique_members(doc: Doc, hit: Hit) -> bool:
    """Return whether a member noun is governed by a preposition ("sanctions on members of NATO"): no subject is its member."""
    t = hit.t0
    return t > 0 and doc.tokens[t].f in doc.rs.words["member_noun"] and doc.tokens[t - 1].f in doc.rs.markers


def _own_state(doc: Doc, rel: str, a: str, b: str) -> bool:
    """Return whether the statement relates a person to their own state outside an office."""
    return rel not in _OFFICE and (doc.countries.get(a) == b or doc.countries.get(b) == a)


def _circumstantial(doc: Doc, hit: Hit) -> bool:
    """Return whether a participle trigger opens a circumstantial phrase after a comma ("، متهمة"):
    its doer is the subject of the clause before, not the nearest actor."""
    return hit.trigger.participle and hit.t0 > 0 and doc.tokens[hit.t0 - 1].f in doc.rs.words["comma"]


def _accompanying_owner(doc: Doc, hit: Hit) -> Unit | None:
    """Return the sentence subject owning an event noun a circumstantial speech verb governs, or None.

    "ذكر X أن ...، معلنا دعم Y" / "X said ..., announcing support for Y": the noun's doer is the
    first free actor of the sentence, not the nearest one.
    """
    k = hit.t0 - 1
    if k < 1 or doc.tokens[k].f not in doc.rs.cues.get("accompanying", ()) or doc.tokens[k - 1].f not in doc.rs.words["comma"]:
        return None
    s0 = doc.sentences[sentence_of(doc, hit.t0)][0]
    return next((u for u in doc.units if s0 <= u.t0 < k and not u.absorbed and not u.marker), None)


def _governed_noun(doc: Doc, hit: Hit) -> bool:
    """Return whether an event noun is governed by a preposition that makes it an infinitive.

    "تحرص فرنسا على دعم X", "تورط إيران في دعم X", "أرسلت أسلحة لدعم X": the noun is what the
    clause's subject does, and the actor after it is its object, not its doer.
    """
    if hit.trigger.verb or hit.trigger.participle or hit.possessive:
        return False
    governors = doc.rs.words["infinitive_marker"]
    word = doc.tokens[hit.t0].f
    head = doc.rs.lang.fold_name(hit.trigger.phrase.split()[0])
    at = word.find(head)
    prefix = word[:at].lstrip("".join(doc.rs.lang.conjunctions)) if at > 0 else ""
    return prefix in governors or (hit.t0 > 0 and doc.tokens[hit.t0 - 1].f in governors)


def _clause_initial(doc: Doc, hit: Hit, s0: int) -> bool:
    """Return whether only conjunctions and particles stand between the clause start and the trigger."""
    particles = doc.rs.cues.get("particle", frozenset())
    k = hit.t0 - 1
    while k >= s0 and doc.tokens[k].f in particles:
        k -= 1
    return k < s0 or not doc.tokens[k].f.isalnum()


def sentence_of(doc: Doc, t: int) -> int:
    """Return the index of the sentence holding token *t* (the last one for a token past the end)."""
    for i, (s0, s1) in enumerate(doc.sentences):
        if s0 <= t < s1:
            return i
    return len(doc.sentences) - 1


def _ids(doc: Doc, u: Unit) -> list[str]:
    """Return every entity id of the coordination group *u* heads (or of *u* alone)."""
    out: list[str] = []
    for m in doc.coordinated(u):
        if not m.absorbed:
            out.extend(_government_state(doc, m) or m.entity_ids)
    return list(dict.fromkeys(out))


def _government_state(doc: Doc, u: Unit) -> tuple[str, ...]:
    """Return the state a leader's government stands for ("the Trump administration", "the regime
    of Bashar al-Assad" act as the United States, Syria), or () when *u* names no such government."""
    if u.kind != "person" or len(u.entity_ids) != 1:
        return ()
    tokens, nouns = doc.tokens, doc.rs.words["government_noun"]
    after = u.t1 < len(tokens) and tokens[u.t1].f in nouns
    before = u.t0 >= 2 and tokens[u.t0 - 1].f in doc.rs.words["government_marker"] and tokens[u.t0 - 2].f in nouns
    state = doc.countries.get(u.entity_ids[0]) if after or before else None
    return (state,) if state else ()


def _subject(doc: Doc, hit: Hit, left: list[Unit]) -> Unit | None:
    """Return the trigger's subject: the nearest unit to the left not governed by a preposition.

    A trigger noun inside a prepositional phrase ("the anniversary of the invasion of X") has no
    sentence subject; "the navies of X and Y held drills" takes the of-phrase as its subject.
    """
    if _embedded(doc, hit, left):
        return None
    for u in left:
        if _relative_head(doc, u, hit):
            return _thing_in_role(doc, u) or u
        if not u.marker or _absolute_subject(doc, u, hit):
            return u
        if u.marker in doc.rs.genitive_markers and u.t0 >= 2 and not _unit_at(doc, u.t0 - 2) and doc.tokens[u.t0 - 2].f not in doc.rs.markers:
            return u
    return None


def _relative_head(doc: Doc, u: Unit, hit: Hit) -> bool:
    """Return whether a relative pronoun right after *u* opens the trigger's clause ("sanctions on
    Iran, which supports X"): *u* is its subject, whatever governs it in the main clause."""
    relative, tokens = doc.rs.cues.get("relative", frozenset()), doc.tokens
    k = u.t1 + 1 if u.t1 < hit.t0 and tokens[u.t1].f in doc.rs.words["comma"] else u.t1
    return k < hit.t0 and tokens[k].f in relative


def _thing_in_role(doc: Doc, u: Unit) -> Unit | None:
    """Return the body or state closing a role phrase that "which" follows ("ambassador to the
    Vatican, which is at odds with X"): a person is no "which" (words kind ``thing_relative``)."""
    tokens, commas = doc.tokens, doc.rs.words["comma"]
    k = u.t1 + 1 if u.t1 < len(tokens) and tokens[u.t1].f in commas else u.t1
    if u.form != "role" or k >= len(tokens) or tokens[k].f not in doc.rs.words["thing_relative"]:
        return None
    end = k - 1 if tokens[k - 1].f in commas else k
    inner = next((m for m in doc.units if m.absorbed and u.t0 <= m.t0 and m.t1 == end and m.kind != "person"), None)
    # The role phrase absorbed it; as the relative's head it acts on its own.
    return replace(inner, absorbed=False, group=-1) if inner is not None else None


def _absolute_subject(doc: Doc, u: Unit, hit: Hit) -> bool:
    """Return whether *u* is the subject of an absolute clause holding the trigger (", with the
    Council adopting a resolution"): the clause opener after a comma, the actor, then a verb with
    the clause's ending (words kinds ``absolute_opener``, ``absolute_ending``)."""
    words, tokens = doc.rs.words, doc.tokens
    if u.marker not in words["absolute_opener"] or u.t1 >= hit.t0 or not tokens[u.t1].f.endswith(tuple(words["absolute_ending"]) or ("\0",)):
        return False
    k = u.t0 - 1
    while k > 0 and tokens[k].f in doc.rs.cues.get("determiner", frozenset()):
        k -= 1
    return k >= 1 and tokens[k].f == u.marker and tokens[k - 1].f in words["comma"]


def _aide_owners(doc: Doc) -> set[int]:
    """Return where people stand who are named only as someone's aide ("Trump's chief of staff",
    words kind ``aide_noun``): the aide acts, not the person owning him, so no argument starts there."""
    tokens, words = doc.tokens, doc.rs.words
    endings = tuple(words["possessive_ending"])
    return {
        u.t0 for u in doc.units
        if u.kind == "person" and u.t1 < len(tokens) and tokens[u.t1 - 1].f.endswith(endings) and tokens[u.t1].f in words["aide_noun"]
    }


def _unit_at(doc: Doc, t: int) -> bool:
    return any(u.t0 <= t < u.t1 for u in doc.units)


def _embedded(doc: Doc, hit: Hit, left: list[Unit]) -> bool:
    """Return whether the trigger noun sits in a prepositional phrase (a preposition just before it)."""
    nearest = left[0].t1 if left else -1
    embedding = doc.rs.cues.get("embedding", ())
    containers = doc.rs.cues.get("container", ())
    for t in range(hit.t0 - 1, max(hit.t0 - 4, nearest - 1, -1), -1):
        # "a package of sanctions" is still the object of the clause, "the anniversary of" is not.
        if doc.tokens[t].f in embedding and not (t > 0 and doc.tokens[t - 1].f in containers):
            return True
    return False


def _symmetric(doc: Doc, hit: Hit, left, right, right_all) -> list[tuple[str, str]]:
    """Return the pairs a symmetric trigger relates."""
    markers = hit.trigger.patient_markers
    apposed = _apposed(doc, hit, left)
    if apposed is not None:
        return _apposed_pairs(doc, *apposed)
    with_ = doc.rs.words["with"]
    paired = _paired_adjectives(doc, hit, left, right_all)
    if paired:
        return paired
    # "اجتماع باريس", "the Riyadh talks": a capital right on an event noun names its venue.
    right = [u for u in right if not (u.form == "capital" and u.t0 == hit.t1 and not u.marker)]
    left = [u for u in left if not (u.form == "capital" and u.t1 == hit.t0 and not u.marker)]
    pairs = _between_pair(doc, hit, right_all, marked=False)
    if pairs:
        return pairs
    if hit.t1 < len(doc.tokens) and doc.tokens[hit.t1].f in doc.rs.words["passive_by"]:
        # "X was received by Y" pairs X and Y; in "the summit hosted by Iraq" the participle has no
        # subject of its own, so the actors before it are no partners.
        passive = _passive_pairs(doc, hit, left, right)
        if passive or _passive(doc, hit) is None:
            return passive
    for u in right:
        if u.marker in with_ and (u.marker in markers or not markers) and u.t0 - hit.t1 <= PATIENT_WINDOW:
            agents = _agent_ids(doc, hit, left, right, u) or _circumstance_subject(doc, hit, left, right_all)
            return [(a, b) for a in agents for b in _ids(doc, u)]
    if any(doc.tokens[t].f in with_ for t in range(hit.t1, min(hit.t1 + 3, len(doc.tokens)))):
        # "talks with Teodoro" where the partner is unknown: the subjects did not meet each other.
        return []
    marked = [u for u in right if u.marker and u.marker in markers and u.t0 - hit.t1 <= PATIENT_WINDOW]
    subj = _subject(doc, hit, left)
    if marked and subj is not None:
        return [(a, b) for a in _ids(doc, subj) for b in _ids(doc, marked[0])]
    # The object is the first unmarked actor after the trigger; marked ones before it ("في الدوحة")
    # are adjuncts.
    direct = next((u for u in right if not u.marker and u.t0 - hit.t1 <= PATIENT_WINDOW), None)
    if direct is not None and subj is not None and len(_ids(doc, subj)) >= 2 and direct.t0 - hit.t1 > 2:
        direct = None  # "الرئيسان ... التقيا على هامش قمة X": a plural subject met each other
    if direct is not None and subj is not None and "" in markers:
        return [(a, b) for a in _ids(doc, subj) for b in _ids(doc, direct)]
    if subj is not None and ("" in markers or hit.possessive or _light_verb_before(doc, hit) or _verb_use(doc, hit) or _light_verb_first(doc, subj)):
        # "Russia and China held joint drills": coordinated subjects of a verb, or of an event
        # noun a light verb governs; not of a bare noun ("were tasked with preparing a summit").
        ids = _ids(doc, subj)
        if 2 <= len(ids) <= MAX_RECIPROCAL:
            return list(combinations(ids, 2))
    if direct is not None:
        ids = _ids(doc, direct)
        if 2 <= len(ids) <= MAX_RECIPROCAL:
            return list(combinations(ids, 2))
        # Verb first (استقبل بزشكيان هنية، التقى هنية بالمرشد): subject, then object or marked partner.
        after = [u for u in right if u.t0 >= direct.t1 and (u.marker in markers or (not u.marker and "" in markers))]
        if subj is None and after and after[0].t0 - direct.t1 <= 3 and after[0].group != direct.group:
            return [(a, b) for a in ids for b in _ids(doc, after[0])]
    partner = direct or (marked[0] if marked else None)
    if subj is None and doc.topic and partner is not None:
        return [(a, b) for a in doc.topic for b in _ids(doc, partner)]
    return []


# How far after a symmetric noun its "of" / "from" list may start ("negotiators from the United States").
ORIGIN_REACH = 2


def _between_pair(doc: Doc, hit: Hit, right_all: list[Unit], marked: bool = True) -> list[tuple[str, str]]:
    """Return the pairs of the list a "between" phrase after the trigger names ("talks between X and Y").

    *marked*: only when the trigger takes "between" among its patient markers (a directed
    relation: "tensions between X and Y").
    """
    between = doc.rs.words["between"]
    if marked and not hit.trigger.patient_markers & between:
        return []
    origin = frozenset() if marked else doc.rs.words["origin_marker"]
    for u in right_all:
        if u.t0 - hit.t1 > BETWEEN_WINDOW + 2:
            break
        # "negotiators from A, B and C", "a meeting of A and B": the list right after a
        # symmetric noun names its parties too.
        if u.marker in between or (u.marker in origin and u.t0 - hit.t1 <= ORIGIN_REACH):
            ids = _ids(doc, u)
            if 2 <= len(ids) <= MAX_RECIPROCAL:
                return list(combinations(ids, 2))
    return []


def _owner_subject(doc: Doc, hit: Hit, u: Unit) -> bool:
    """Return whether a possessive trigger further than the attach window still belongs to *u*.

    "أكدت X موقفها الثابت ودعمها لـY": an unmarked subject owns the coordinated possessed nouns
    of its clause, or of the relative clause it heads, when only words (no punctuation) stand
    between them.
    """
    if not hit.possessive or u.marker:
        return False
    start = u.t1
    # "X، الذي ... منذ توجهه إلى Y": the antecedent of a relative clause owns its possessed nouns.
    for c in doc.cues:
        if c.kind == "relative" and c.t0 - u.t1 in (0, 1) and c.t1 <= hit.t0 and all(doc.tokens[k].f in doc.rs.words["comma"] for k in range(u.t1, c.t0)):
            start = c.t1
    return hit.t0 - start <= OWNER_WINDOW and all(doc.tokens[k].f.isalpha() for k in range(start, hit.t0))


# How far an unmarked subject reaches the possessed nouns of its own clause.
OWNER_WINDOW = 10


def _people_relation(doc: Doc, hit: Hit, a: str | None, b: str | None) -> str:
    """Return the relation a trigger states between two people ("talks" between leaders are a meeting), or ""."""
    if hit.trigger.between_people and doc.kinds.get(a or "") == "person" and doc.kinds.get(b or "") == "person":
        return hit.trigger.between_people
    return ""


def _paired_adjectives(doc: Doc, hit: Hit, left: list[Unit], right_all: list[Unit]) -> list[tuple[str, str]]:
    """Return the pairs of states whose nationality adjectives stand together on an event noun.

    "القوات المشتركة السودانية التشادية", "joint US-Philippine drills": the adjectives name the
    parties (on the side the language puts adjectives; a verb takes none).
    """
    after = bool(doc.rs.lang.data.get("adjective_after_noun"))
    near = right_all if after else left
    if hit.trigger.verb or not near or near[0].form != "demonym":
        return []
    ids: list[str] = []
    edge = hit.t1 if after else hit.t0
    glue = _ADJECTIVE_GLUE | doc.rs.words["and"]
    for u in near:
        gap = range(edge, u.t0) if after else range(u.t1, edge)
        if u.form != "demonym" or u.marker or any(doc.tokens[k].f not in glue for k in gap):
            break
        ids.extend(i for i in u.entity_ids if i not in ids)
        edge = u.t1 if after else u.t0
    return list(combinations(ids, 2)) if 2 <= len(ids) <= MAX_RECIPROCAL else []


# What may stand between paired nationality adjectives besides "and": "Egyptian-Greek", "الروسية - الصينية".
_ADJECTIVE_GLUE = frozenset({"-", "–", "/"})


def _agent_ids(doc: Doc, hit: Hit, left, right, patient: Unit | None) -> list[str]:
    """Return the agents of a trigger: a by-phrase, the nearest free subject, or a post-verbal subject."""
    for u in right:
        if u.marker and u.marker in hit.trigger.agent_markers:
            return _ids(doc, u)
    # Possessives ("عمليتها") and participles ("X, headed by Y", "المدعومة من") attach to the
    # nearest actor before them, whatever governs it.
    attached = hit.possessive or (hit.trigger.inverse and bool(hit.trigger.tail or hit.trigger.agent_markers))
    if attached and left and hit.t0 - left[0].t1 > ATTACH_WINDOW and not _owner_subject(doc, hit, left[0]):
        return []  # the noun it attaches to is not an actor we know ("حكومة ... برئاسة X")
    if not attached and _definite_event(doc, hit):
        return []  # "the attacks on X would not go unanswered": whose attacks, the text does not say here
    if doc.topic and _circumstantial(doc, hit):
        return list(doc.topic)  # "فرضت X عقوبات على Y، متهمة Z": X accuses
    accompanied = _accompanying_owner(doc, hit)
    if accompanied is not None:
        return _ids(doc, accompanied)
    subj = left[0] if attached and left else _subject(doc, hit, left)
    if subj is not None:
        return _ids(doc, subj)
    if doc.rs.lang.data.get("pro_drop") and right and not right[0].marker and right[0] is not patient and right[0].t0 - hit.t1 <= 3:
        return _ids(doc, right[0])
    opener = _opening_participle_subject(doc, hit, right)
    # Only the subject itself: the comma before it may have glued it to the phrase's own list.
    return list(opener.entity_ids) if opener is not None else list(doc.topic)


def _opening_participle_subject(doc: Doc, hit: Hit, right: list[Unit]) -> Unit | None:
    """Return the subject after the comma of a phrase the trigger opens ("Speaking in Tokyo, X
    said", "Visiting Kyiv, X pledged"): a sentence-initial participle's doer is the main subject."""
    s0 = doc.sentences[sentence_of(doc, hit.t0)][0]
    if hit.t0 != s0 or not _fronting(doc, doc.tokens[hit.t0].f):
        return None
    fronted = _fronted_subject(doc, hit, right)
    return fronted[1] if fronted is not None else None


# How far after a passive verb its by-phrase may stand ("was attacked on Monday by X"), and an
# auxiliary before it ("was hit with sanctions by X").
BY_WINDOW = 4
AUX_WINDOW = 3
SUBJECT_GAP = 2


def _passive_pairs(doc: Doc, hit: Hit, left: list[Unit], right: list[Unit]) -> list[tuple[str, str]]:
    """Return (by-agent, subject) pairs of a passive: "Ukraine was attacked by Russia and Belarus",
    "Iran was hit with sanctions by X" (words kinds ``passive_aux`` and ``passive_by``)."""
    aux = None if hit.trigger.inverse else _passive(doc, hit)
    if aux is None:
        return []
    by = next((u for u in right if u.marker in doc.rs.words["passive_by"] and u.t0 - hit.t1 <= BY_WINDOW), None)
    subject = _subject(doc, hit, left)
    # The subject stands right before its auxiliary ("Ukraine has been attacked"), not in a phrase
    # further back ("The summit, marking the anniversary of the alliance, was hosted by X").
    if by is None or subject is None or aux - subject.t1 > SUBJECT_GAP or not all(doc.tokens[t].f.isalpha() for t in range(subject.t1, aux)):
        return []
    return _cross(doc, by, subject)


def _passive(doc: Doc, hit: Hit) -> int | None:
    """Return the passive auxiliary a few plain words before the trigger ("was hit with sanctions"), or None."""
    words, tokens = doc.rs.words, doc.tokens
    aux = next((t for t in range(hit.t0 - 1, max(-1, hit.t0 - 1 - AUX_WINDOW), -1) if tokens[t].f in words["passive_aux"]), None)
    return aux if aux is not None and all(tokens[t].f.isalpha() for t in range(aux, hit.t0)) else None


# How far after the comma that closes a fronted phrase its subject may start (a verb may come first).
CATAPHOR_WINDOW = 2


def _fronted_possessive(doc: Doc, hit: Hit, right_all: list[Unit]) -> list[tuple[str, str]]:
    """Return the pairs of a possessive noun in a phrase fronted before its owner: "With its
    invasion of X, Russia has ...", "في إطار دعمها لـX، أرسلت ألمانيا": the owner is the subject
    after the comma closing the phrase, the patients the marked actors before that comma.
    """
    found = _fronted_subject(doc, hit, right_all)
    if found is None:
        return []  # "Its support for Ukraine, Poland ...": no fronted phrase, a list
    comma, owner = found
    markers = hit.trigger.patient_markers
    patients = [e for u in right_all if u.t1 <= comma and u.marker in markers for e in u.entity_ids]
    if owner is None or not patients:
        return []
    return [(a, b) for a in owner.entity_ids for b in dict.fromkeys(patients)]


def _fronted_subject(doc: Doc, hit: Hit, right_all: list[Unit]) -> tuple[int, Unit | None] | None:
    """Return (closing comma, subject after it) when *hit* stands in a phrase fronted before its
    sentence's subject ("After talks with X, Y ..."), or None when the sentence fronts no phrase."""
    s0 = doc.sentences[sentence_of(doc, hit.t0)][0]
    if not _fronting(doc, doc.tokens[s0].f):
        return None
    commas = doc.rs.words["comma"]
    end = min(hit.t1 + PATIENT_WINDOW, len(doc.tokens))
    comma = next((t for t in range(hit.t1, end) if doc.tokens[t].f in commas), None)
    if comma is None:
        return None
    # The subject may look like the next item of the patient's list ("of Georgia, Russia"): the
    # comma closes the phrase all the same.
    return comma, next((u for u in right_all if comma < u.t0 <= comma + 1 + CATAPHOR_WINDOW), None)


def _fronting(doc: Doc, word: str) -> bool:
    """Return whether *word* is a circumstance preposition (words kind ``fronting``), past a fused conjunction ("وعقب")."""
    fronting = doc.rs.words["fronting"]
    return word in fronting or (word[:1] in doc.rs.lang.conjunctions and word[1:] in fronting)


def _circumstance_subject(doc: Doc, hit: Hit, left: list[Unit], right_all: list[Unit]) -> list[str]:
    """Return who took part in a meeting named in a circumstance phrase: the clause subject.

    "After talks with X, Y said ...": the subject after the fronted phrase; "Y spoke during a
    meeting with X": the subject before it. Only a circumstance preposition (words kind
    ``fronting``) within a few words before the noun counts; "the anniversary of talks" does not.
    """
    if hit.possessive:
        return []  # "بعد اجتماعه مع X": the pronoun names the participant, found or not
    if not any(_fronting(doc, doc.tokens[t].f) for t in range(max(0, hit.t0 - 3), hit.t0)):
        return []
    fronted = _fronted_subject(doc, hit, right_all)
    if fronted is not None:
        return _ids(doc, fronted[1]) if fronted[1] is not None else []
    subject = next((u for u in left if not u.marker), None)
    return _ids(doc, subject) if subject is not None else []


# How many words may make up the copula between a subject and its relational noun ("has long been").
COPULA_REACH = 3


def _apposed(doc: Doc, hit: Hit, left: list[Unit]) -> tuple[Unit, Unit] | None:
    """Return (X, Y) for "X, Y's main backer" / "X, a Hezbollah ally" / "X is Y's closest ally": a
    relational noun in apposition or after a copula (words kind ``copula``)."""
    if len(left) < 2 or not doc.rs.lang.data.get("apposition"):
        return None
    words = doc.rs.words
    y, x = left[0], left[1]
    between = [t.f for t in doc.tokens[y.t1 : hit.t0]]
    if not all(w in doc.rs.fillers or w in words["apposition_filler"] for w in between):
        return None
    lead = [t.f for t in doc.tokens[x.t1 : y.t0]]
    possessor = doc.tokens[y.t1 - 1].f.endswith(tuple(words["possessive_ending"]))
    if not possessor and not (len(lead) == 2 and lead[0] in words["comma"] | words["copula"] and lead[1] in words["indefinite"]):
        return None
    if lead and lead[-1] in words["indefinite"]:
        lead = lead[:-1]
    # "X has long been Y's arms supplier": a copula, perhaps after an auxiliary and an adverb.
    copula = bool(lead) and lead[-1] in words["copula"] and len(lead) <= COPULA_REACH and all(w.isalpha() for w in lead)
    return (x, y) if lead and (lead[0] in words["comma"] or copula) else None


def _apposed_pairs(doc: Doc, x: Unit, y: Unit) -> list[tuple[str, str]]:
    """Return (X, Y) pairs of an apposition: the comma between them may have glued X and Y into one
    list, so each side keeps only its own part of it ("Russia and Iran, Syria's backers")."""
    xs = [e for m in doc.coordinated(x) if m.t1 <= x.t1 and not m.absorbed for e in m.entity_ids] or list(x.entity_ids)
    ys = [e for m in doc.coordinated(y) if m.t0 >= y.t0 and not m.absorbed for e in m.entity_ids] or list(y.entity_ids)
    return [(a, b) for a in dict.fromkeys(xs) for b in dict.fromkeys(ys)]


def _directed(doc: Doc, hit: Hit, left, right, right_all) -> list[tuple[str, str]]:
    """Return (agent, patient) pairs for a directed trigger."""
    apposed = _apposed(doc, hit, left)
    if apposed is not None:
        return _apposed_pairs(doc, *apposed)
    mutual = _between_pair(doc, hit, right_all)
    if mutual:
        return mutual + [(b, a) for a, b in mutual]  # "tensions between X and Y": each against the other
    agent_kinds, patient_kinds = doc.rs.signatures[hit.trigger.relation]
    if hit.trigger.inverse:
        agent_kinds, patient_kinds = patient_kinds, agent_kinds
    if hit.possessive and _resumptive(doc, hit):
        hit = replace(hit, possessive=False)
    if hit.possessive and not left:
        return _fronted_possessive(doc, hit, right_all)
    adjective = _adjective_agent(doc, hit, left, right)
    if adjective is not None and not hit.trigger.inverse:
        pairs = _adjective_pairs(doc, hit, left, right, adjective)
        if pairs is not None:
            return pairs
    visitor = _attributive_agent(doc, hit, right)
    if visitor is not None:
        host = _subject(doc, hit, left)
        return _cross(doc, visitor, host) if host is not None else []
    if hit.trigger.relation in _ACTION_STANCES and _gerund_at(doc, hit.t1):
        return []  # "opposed letting U.N. staff testify": the stance is on an action, not on its actors
    speakers = {c.t0 for c in doc.cues_of("speech")}
    # "..., the two countries said": the speaker of a reporting clause is no argument.
    cands = [u for u in right if u.t0 - hit.t1 <= PATIENT_WINDOW and not (u.marker and u.marker in hit.trigger.agent_markers) and u.t1 not in speakers]
    if hit.trigger.participle:
        # A participle's direct object follows it at once ("متهمة إيران"); an unmarked actor
        # further on belongs to a noun in its complement ("المتهمتين بنقل شحنات ... كورية").
        cands = [u for u in cands if u.marker or u.t0 == hit.t1]
    direct = not hit.trigger.possessive or "" in hit.trigger.patient_markers
    if hit.possessive and direct and _verb_use(doc, hit):
        return _object_pronoun_pairs(doc, hit, left, cands)
    patient, post_agent = _arguments_after(doc, hit, left, cands, right_all, agent_kinds, patient_kinds)
    if patient is None and post_agent is not None and (_accompanying_owner(doc, hit) is not None or _governed_noun(doc, hit)):
        patient, post_agent = post_agent, None  # "، معلنا دعم المغرب", "في دعم الحوثيين": the genitive is the object
    if post_agent is not None and _complement_noun(doc, hit) == hit.t1 and post_agent.t0 > hit.t1:
        # The genitive after the noun is a complement ("دعم الاستراتيجية الأمريكية"): the actor
        # after it owns the object and is no doer.
        patient, post_agent = _complement_owner(doc, hit, right_all) or patient, None
    passive = _passive_pairs(doc, hit, left, right) if patient is None and post_agent is None else None
    if passive:
        return passive
    if patient is None:
        # A participle's object is what follows it at once, never the doer of an event further on.
        event_agent = None if hit.trigger.participle else _event_agent(doc, hit, right_all, patient_kinds, post_agent.t1 if post_agent else hit.t1)
        patient = _pronoun_antecedent(doc, hit, patient_kinds) or event_agent or _complement_owner(doc, hit, right_all)
        if patient is None:
            return []
    if post_agent is not None:
        agents = _ids(doc, post_agent)
    else:
        agents = _namely(doc, patient, right_all) or _agent_ids(doc, hit, left, right, patient)
    return [(a, b) for a in agents for b in _ids(doc, patient)]


# How far after a stance trigger its complement noun may stand, and its owner after that noun.
COMPLEMENT_REACH = 3
OWNER_REACH = 5


# Stances whose object may be an action ("opposed sending troops to X"), which names no target.
_ACTION_STANCES = frozenset({"opposes", "condemns"})
# A gerund is longer than "king" or "thing".
GERUND_MIN = 5


def _gerund_at(doc: Doc, t: int) -> bool:
    """Return whether token *t* is a gerund outside any name (words kinds ``gerund_ending``, ``not_gerund``)."""
    if t >= len(doc.tokens) or _unit_at(doc, t):
        return False
    word, words = doc.tokens[t].f, doc.rs.words
    return len(word) >= GERUND_MIN and word.isalpha() and word.endswith(tuple(words["gerund_ending"]) or ("\0",)) and word not in words["not_gerund"]


def _complement_owner(doc: Doc, hit: Hit, right_all: list[Unit]) -> Unit | None:
    """Return whose efforts, decision or plan a stance is about: "دعمه للجهود التي يبذلها X",
    "support for the peace efforts in X", "opposed to the decision of X".

    The complement noun (words kind ``complement_noun``) must follow the trigger closely with no
    actor before it; its owner is the first actor after it, with no other trigger between.
    """
    if hit.trigger.relation not in _SPEECH_ACTS:
        return None
    noun = _complement_noun(doc, hit)
    if noun is None or any(hit.t1 <= u.t0 < noun for u in right_all):
        return None
    owner = next((u for u in right_all if noun < u.t0 <= noun + OWNER_REACH), None)
    if owner is None or any(noun < h.t0 < owner.t0 for h in doc.hits):
        return None
    return owner


def _complement_noun(doc: Doc, hit: Hit) -> int | None:
    """Return the token of the complement noun that is the trigger's object, if one follows it.

    Only the trigger's own prepositions, determiners and (where adjectives come first) one
    modifier may stand before it, so "دان مسؤول السياسة" (the official of the policy) is no
    complement.
    """
    rs = doc.rs
    markers = hit.trigger.patient_markers
    determiners = rs.cues.get("determiner", frozenset())
    modifiers = 0 if rs.lang.data.get("adjective_after_noun") else 1
    marked = "" in markers
    for t in range(hit.t1, min(hit.t1 + COMPLEMENT_REACH + 1, len(doc.tokens))):
        word = doc.tokens[t].f
        fused, bare = _bare_word(doc, word)
        if bare in rs.words["complement_noun"]:
            # "دعم الاستراتيجية الأمريكية": the noun right after a verbal noun (its genitive) or
            # a verb (its object) is the complement.
            genitive = t == hit.t1 and not fused
            return t if marked or fused in markers or genitive else None
        if word in markers:
            marked = True
        elif word not in determiners:
            modifiers -= 1
            if modifiers < 0:
                return None
    return None


def _bare_word(doc: Doc, word: str) -> tuple[str, str]:
    """Return (fused preposition, stem) of *word*: "وللجهود" -> ("ل", "جهود"), "efforts" -> ("", "efforts")."""
    lang = doc.rs.lang
    if word[:1] in lang.conjunctions and len(word) > 3:
        word = word[1:]
    prep = ""
    if word[:1] in lang.prepositions and len(word) > 3:
        prep, word = word[0], word[1:]
        if lang.article and word.startswith(lang.article[1:]) and not word.startswith(lang.article):
            return prep, word[1:]  # لل: the article's alef dropped
    stem, _ = lang.split_article(word)
    return prep, stem


def _cross(doc: Doc, agent: Unit, patient: Unit) -> list[tuple[str, str]]:
    """Return every (agent id, patient id) pair of two units (or their coordination groups)."""
    return [(a, b) for a in _ids(doc, agent) for b in _ids(doc, patient)]


def _adjective_pairs(doc: Doc, hit: Hit, left, right, adjective: Unit) -> list[tuple[str, str]] | None:
    """Return the pairs of a trigger noun an actor modifies ("US sanctions"), or None to read it otherwise.

    "Iran faces US sanctions" / "وتخضع إيران لعقوبات أمريكية": the modified noun's patient is a
    marked actor after it, else the clause subject.
    """
    markers = hit.trigger.patient_markers
    rest = [u for u in right if u is not adjective and u.marker and u.marker in markers and u.t0 - hit.t1 <= PATIENT_WINDOW]
    target = rest[0] if rest else None
    governed = any(h.t1 <= hit.t0 and hit.t0 - h.t1 <= 2 for h in doc.hits)
    if target is None and adjective.form == "demonym" and not governed:
        target = _subject(doc, hit, [u for u in left if u is not adjective])
    if target is None and governed:
        return []
    return _cross(doc, adjective, target) if target is not None else None


def _object_pronoun_pairs(doc: Doc, hit: Hit, left, cands: list[Unit]) -> list[tuple[str, str]]:
    """Return the pairs of a verb whose pronoun suffix is its object.

    A pronoun on a transitive verb is its object: "جبهة البوليساريو، التي تدعمها الجزائر"
    (Algeria supports it [Polisario]); on a noun that takes a preposition ("دعمها لأوكرانيا")
    it is the owner. Its antecedent must be the actor a relative pronoun follows;
    "المذكرتان اللتان رفضتهما اليونان" names none. Without a relative pronoun the nearest actor
    before is the best guess. A pronoun on a verb is never its agent, so no antecedent means
    no statement.
    """
    relative = next((c for c in doc.cues if c.kind == "relative" and c.t1 == hit.t0), None)
    antecedent = _relative_antecedent(relative, left) if relative else next(iter(left), None)
    subject = next((u for u in cands if not u.marker), None)
    if antecedent is None or subject is None:
        return []
    return _cross(doc, subject, antecedent)


def _attributive_agent(doc: Doc, hit: Hit, right: list[Unit]) -> Unit | None:
    """Return the person a trigger word modifies as an adjective ("told visiting President X"), if any.

    That person is the doer, and the clause subject the host ("Xi told visiting President X":
    X visits China), not the patient.
    """
    if doc.tokens[hit.t0].f not in doc.rs.words["attributive"] or hit.t1 - hit.t0 != 1:
        return None
    first = right[0] if right else None
    if first is None or first.marker or first.t0 != hit.t1 or first.kind != "person":
        return None
    return first


def _arguments_after(doc: Doc, hit: Hit, left, cands: list[Unit], right_all, agent_kinds, patient_kinds) -> tuple[Unit | None, Unit | None]:
    """Return (patient, post-verbal agent) among the actors after a directed trigger, either may be None."""
    markers = hit.trigger.patient_markers
    patient = None
    post_agent = None
    # The first actor no preposition governs; after a possessive noun ("تأييدها للخطة المغربية")
    # the possessor is the agent, so no actor after it is.
    first_free = None if hit.possessive else next((u for u in cands if not u.marker), None)
    for i, u in enumerate(cands):
        if post_agent is not None and post_agent.group >= 0 and u.group == post_agent.group:
            continue  # "قصفت الولايات المتحدة وبريطانيا ...": the rest of the subject's list
        kinds = {doc.kinds.get(e, "") for e in u.entity_ids}
        if u.marker == "" and "" not in markers:
            # An unmarked actor right after a verb or a verbal noun is its subject (VSO, genitive);
            # a noun with a pronoun possessor ("دعمها ... الفلسطيني") has its subject already.
            if i == 0 and kinds & agent_kinds and not hit.possessive:
                post_agent = u
            continue
        if u.marker == "" and u.form != "demonym" and doc.rs.lang.data.get("object_before_phrases") and _inside_phrase(doc, hit.t1, u.t0):
            continue  # "targeted several states in failed U.N. lobbying": a name in a prepositional phrase (a demonym there still names the place: "silos in Ukrainian ports")
        if u.marker in markers and kinds & _with_countries(patient_kinds):
            # After a verb with no subject before it, or after a verbal noun when the actor can
            # only be an agent ("زيارة الرئيس الفرنسي ... إلى الرياض"), the first actor is the subject.
            agent_only = bool(kinds & agent_kinds) and not kinds & patient_kinds
            two_after = _later_patient(cands[1:], markers, u)
            # Verb, subject, object: with two actors after a verb the first is its subject, even if
            # an earlier clause of the sentence has a subject of its own ("إذ تتهم أثينا أنقرة").
            vso = doc.rs.lang.data.get("pro_drop") and (_subject(doc, hit, left) is None or (two_after and _verbal(doc, hit)))
            verb_first = u is first_free and kinds & agent_kinds and (agent_only or vso)
            if u.marker == "" and verb_first and (two_after or _event_agent(doc, hit, right_all, patient_kinds, u.t1) or _event_noun(doc, u.t1)):
                # "تتهم كيشيناو موسكو": verb, subject, then object.
                post_agent = u
                continue
            patient = u
            break
    if patient is not None and post_agent is None and doc.rs.lang.data.get("pro_drop") and _subject(doc, hit, left) is None:
        # Verb, object, subject when only the later actor can be the agent: "ويقود الجبهة إبراهيم غالي".
        later = next((u for u in cands if u is not patient and u.t0 > patient.t0 and not u.marker), None)
        if later is not None and {doc.kinds.get(e, "") for e in later.entity_ids} & agent_kinds and not {doc.kinds.get(e, "") for e in patient.entity_ids} & agent_kinds:
            post_agent = later
    return patient, post_agent


def _inside_phrase(doc: Doc, a: int, b: int) -> bool:
    """Return whether a preposition stands among tokens [a, b) after a word of its own: an actor at *b* is in its phrase, not the object."""
    return any(doc.tokens[t].f in doc.rs.markers for t in range(a + 1, b))


def _namely(doc: Doc, patient: Unit, right_all: list[Unit]) -> list[str]:
    """Return the list that names the subject after the object: "الأعضاء في المجلس، وهي السعودية والإمارات"."""
    cue = next((c for c in doc.cues if c.kind == "namely" and patient.t1 <= c.t0 <= patient.t1 + 2), None)
    if cue is None:
        return []
    first = next((u for u in right_all if cue.t1 <= u.t0 <= cue.t1 + 1), None)
    return _ids(doc, first) if first is not None else []


def _relative_antecedent(rel: Cue, left: list[Unit]) -> Unit | None:
    """Return the actor the relative pronoun *rel* refers to: the nearest one, ending just before it."""
    if not left:
        return None
    return left[0] if 0 <= rel.t0 - left[0].t1 <= 1 else None


def _verb_use(doc: Doc, hit: Hit) -> bool:
    """Return whether the trigger is used as a verb: Arabic verb morphology, or an English
    auxiliary, modal, negation or "to" right before it ("did not negotiate", "will meet")."""
    if doc.rs.lang.data.get("pro_drop_words"):
        return _verbal(doc, hit)
    return hit.t0 > 0 and doc.tokens[hit.t0 - 1].f in doc.rs.cues.get("auxiliary", frozenset())


def _definite_event(doc: Doc, hit: Hit) -> bool:
    """Return whether the trigger is a definite noun ("the attacks") that no light verb governs."""
    return hit.t0 > 0 and doc.tokens[hit.t0 - 1].f in doc.rs.words["definite"] and not _light_verb_before(doc, hit)


def _light_verb_before(doc: Doc, hit: Hit) -> bool:
    """Return whether a light verb ("held", "أجرت", "signed") governs the trigger noun."""
    light = doc.rs.cues.get("light_verb", frozenset())
    return any(doc.tokens[t].f in light for t in range(max(0, hit.t0 - LIGHT_VERB_WINDOW), hit.t0 + 1))


def _light_verb_first(doc: Doc, subj: Unit) -> bool:
    """Return whether a light verb opens the clause right before its subject ("يشارك X وY ... في محادثات")."""
    light = doc.rs.cues.get("light_verb", frozenset())
    first = doc.coordinated(subj)[0].t0
    conj = doc.rs.lang.conjunctions
    return any(f in light or (f[:1] in conj and f[1:] in light) for f in (doc.tokens[t].f for t in range(max(0, first - 2), first)))


def _adjective_agent(doc: Doc, hit: Hit, left: list[Unit], right: list[Unit]) -> Unit | None:
    """Return a demonym or name modifying the trigger noun: "عقوبات أمريكية", "US sanctions on".

    Before the trigger (English) it counts only when a marked patient follows, so a subject
    before a verb ("the UAE joined BRICS") is not taken for a modifier. A noun with a pronoun
    possessor ("دعمها للشعب الفلسطيني") has its doer already, and a participle takes its doer
    from its clause: a demonym after either belongs to another noun.
    """
    if hit.possessive or hit.trigger.participle or hit.trigger.verb:
        return None  # a verb has no adjective: "تساند ميليشيات إيرانية" is its subject's
    if _complement_noun(doc, hit) == hit.t1:
        return None  # "دعم الخطة الأمريكية": the adjective is the plan's, whose owner is the object
    if doc.rs.lang.data.get("adjective_after_noun"):
        # "غارات جوية باكستانية": other adjectives may come first.
        if right and right[0].t0 - hit.t1 <= 2 and not right[0].marker and right[0].form == "demonym" and _plain_words(doc, hit.t1, right[0].t0):
            # "في دعم الحكومة السورية": an infinitive's object stands first; the adjective is its.
            return None if right[0].t0 > hit.t1 and _governed_noun(doc, hit) else right[0]
        return None
    if left and left[0].t1 == hit.t0 and not left[0].marker and left[0].kind in ("state", "igo", "org"):
        return left[0]
    return None


def _later_patient(units: list[Unit], markers: frozenset[str], first: Unit) -> bool:
    """Return whether another argument follows the post-verbal subject *first* (not in its group)."""
    return any(u.marker in markers and u.group != first.group for u in units)


def _with_countries(kinds: frozenset[str]) -> frozenset[str]:
    """Return *kinds*, plus person when states are allowed (a person can stand for a state)."""
    return kinds | {"person"} if "state" in kinds else kinds


def _plain_words(doc: Doc, a: int, b: int) -> bool:
    """Return whether tokens [a, b) are ordinary words (no punctuation, no trigger, no marker)."""
    return all(doc.tokens[t].f.isalpha() and doc.tokens[t].f not in doc.rs.markers and doc.tokens[t].f not in doc.rs.trigger_words for t in range(a, b))


def _event_agent(doc: Doc, hit: Hit, right_all: list[Unit], patient_kinds: frozenset[str], after: int) -> Unit | None:
    """Return who did the event a condemnation or accusation targets: "أدان الهجوم الإسرائيلي".

    The object of the verb is another trigger noun right after it (or after its post-verbal
    subject, from token *after*); that noun's demonym modifier is the patient.
    """
    nxt = next((h for h in doc.hits if after <= h.t0 <= after + 2 and h is not hit), None)
    for u in right_all:
        if u.form != "demonym" or u.marker or not {doc.kinds.get(e, "") for e in u.entity_ids} & patient_kinds:
            continue
        if nxt is not None:
            near = u.t0 == nxt.t1 if doc.rs.lang.data.get("adjective_after_noun") else u.t1 == nxt.t0
        else:
            # "أدانت X الموقف الفرنسي", "condemned the French decision": a demonym on the object noun.
            near = after <= u.t0 <= after + 3 and _plain_words(doc, after, u.t0) and hit.trigger.relation in _SPEECH_ACTS
        if near:
            return u
    return None


# Relations whose object may be a stance or decision of the patient rather than the patient itself.
_SPEECH_ACTS = frozenset({"condemns", "accuses", "opposes", "supports"})
# How many sentences back "the strikes" / "الضربات" (cue kinds "event:<relation>") may refer.
EVENT_REACH = 12


def _event_noun(doc: Doc, t: int) -> Cue | None:
    """Return the bare event noun ("the strikes", "الضربات") at token *t* or the next one, if any."""
    return next((c for c in doc.cues if c.kind.startswith("event:") and t <= c.t0 <= t + 1), None)


def _event_anaphor(doc: Doc, hit: Hit, left: list[Unit], right: list[Unit], right_all: list[Unit], found: list[Found], si: int) -> list[tuple[str, str]]:
    """Return (speaker, doer) pairs for "Iran condemned the strikes": the strikes the article last reported.

    The object must be a bare event noun (cue kind ``event:<relation>``) right after the verb,
    or after an Arabic post-verbal subject; its doers are the agents of the latest statement
    of that relation within the last few sentences.
    """
    after = hit.t1
    if doc.rs.lang.data.get("pro_drop") and right and not right[0].marker and right[0].t0 - hit.t1 <= 3:
        after = right[0].t1  # "دان المتحدث باسم الخارجية الإيرانية ناصر كنعاني الضربات"
    event = _event_noun(doc, after)
    if event is None or any(event.t1 <= u.t0 <= event.t1 + 2 for u in right_all):
        return []  # no event noun, or one with its own actors ("the strikes on Yemen")
    relation = event.kind.partition(":")[2]
    earlier = [f for f in found if f.predicate == relation and si - EVENT_REACH <= f.sentence <= si and f.modality != "negated"]
    if not earlier:
        return []
    last = max(f.sentence for f in earlier)
    doers = list(dict.fromkeys(f.subject for f in earlier if f.sentence == last))
    speakers = _agent_ids(doc, hit, left, right, None)
    return [(a, b) for a in speakers for b in doers]


def _resumptive(doc: Doc, hit: Hit) -> bool:
    """Return whether *hit* is a verb opening a relative clause whose head is no actor.

    Its pronoun suffix is then the clause's resumptive pronoun ("the war which X wages-it on Y"):
    it stands for the head noun, so it names no argument and the verb reads as a plain verb.
    """
    relative = next((c for c in doc.cues if c.kind == "relative" and c.t1 <= hit.t0 <= c.t1 + 1), None)
    if relative is None:
        return False
    # The head stands right before the relative pronoun, or before a comma there ("X، التي").
    head_end = relative.t0 - 1 if relative.t0 and not doc.tokens[relative.t0 - 1].f.isalnum() else relative.t0
    return not any(u.t1 in (relative.t0, head_end) for u in doc.before)


def _pronoun_antecedent(doc: Doc, hit: Hit, patient_kinds) -> Unit | None:
    """Return the antecedent of a pronoun right after the trigger ("انضمت لها"), or of a verb's object suffix, if any.

    A pronoun suffix is the object of a verb ("تدعمها") but the owner of a noun ("دعمها"), the
    agent, never the patient. A pronoun may point out of the trigger's clause ("اللتين انضمتا
    إليها"), so its antecedent is sought among all actors before the trigger.
    """
    after = [c for c in doc.cues if c.kind == "pronoun" and hit.t1 <= c.t0 <= hit.t1 + 1]
    if not after and not (hit.possessive and not hit.trigger.possessive and _verb_use(doc, hit)):
        return None
    for u in doc.before:
        if {doc.kinds.get(e, "") for e in u.entity_ids} & patient_kinds:
            return u
    return None


def _fit(doc: Doc, rel: str, a: str, b: str) -> tuple[str | None, str | None]:
    """Return (a, b) made to fit the relation's signature, a person standing for their state if needed."""
    agent_kinds, patient_kinds = doc.rs.signatures[rel]

    def fit(e: str, kinds: frozenset[str]) -> str | None:
        kind = doc.kinds.get(e, "")
        if kind in kinds:
            return e
        if kind == "person" and "state" in kinds and e in doc.countries:
            return doc.countries[e]
        if kind in ("city", "place") and "state" in kinds and doc.places.get(e):
            return doc.places[e]  # "visited Aleppo" -> Syria when the relation needs a state
        return None

    return fit(a, agent_kinds), fit(b, patient_kinds)
