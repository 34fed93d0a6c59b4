"""The consolidated facts graph: each distinct (subject, relation, object) once, its figures kept exact.

A store writes a batch of article graphs (with a note in the journal graph), then calls
``settle_update`` for the graphs it added and the graphs it drops: the figures of every fact they
touch are read, adjusted by what those articles say, and written back in the one SPARQL update that
also drops the replaced graphs and clears the journal. Work is proportional to the batch, not to
the store, except when a dropped article held a fact's first or last date or one of its examples:
then the statements of that day are read, and the fact is recounted from all of its statements
only when they do not settle it. See docs/data-model.md for the model.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ...namespaces import FACTS_GRAPH, JOURNAL_GRAPH, PREFIXES

#: ``rows(sparql)`` returns the variables and rows of a SELECT over the store, terms as plain text.
Rows = Callable[[str], tuple[list[str], list[tuple]]]

GKG = PREFIXES["gkg"]  # as text: a store must not need rdflib
MAX_EXAMPLES = 5  # statements named as examples per fact
_VALUES_CHUNK = 400  # IRIs per VALUES block: big enough for a batch, small enough for any server

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SUBJECT, _PREDICATE, _OBJECT = f"{_RDF}subject", f"{_RDF}predicate", f"{_RDF}object"
_SUPPORT, _BY_MODALITY, _EXAMPLE = f"{GKG}supportCount", f"{GKG}byModality", f"{GKG}example"
_MODALITY, _FIRST, _LAST = f"{GKG}modality", f"{GKG}firstSeen", f"{GKG}lastSeen"
_NEGATED = f"{GKG}Negated"
ADDED, DROPPED = f"{GKG}Added", f"{GKG}Dropped"  # journal notes: <graph> gkg:pending gkg:Added|gkg:Dropped
_PENDING = f"{GKG}pending"

# In the three queries of statements below, the date's OPTIONAL stays outside the GRAPH pattern: inside
# it, Oxigraph matches the pattern in every graph before joining the VALUES block (for 400 graphs of a
# 100k-article store, a minute against half a second).
_CONTRIBUTIONS = """SELECT ?g ?f ?st ?m ?d WHERE {{
  VALUES ?g {{ {graphs} }}
  GRAPH ?g {{ ?st gkg:fact ?f ; gkg:modality ?m }}
  OPTIONAL {{ GRAPH ?g {{ ?g dcterms:issued ?d }} }}
}}"""
_STATE = """SELECT ?f ?n ?p ?o WHERE {{
  VALUES ?f {{ {facts} }}
  GRAPH <{facts_graph}> {{ {{ ?f ?p ?o BIND(?f AS ?n) }} UNION {{ ?f gkg:byModality ?n . ?n ?p ?o }} }}
}}"""
_EXAMPLES = """SELECT ?g ?f ?st ?m ?d WHERE {{
  VALUES ?st {{ {statements} }}
  GRAPH ?g {{ ?st gkg:fact ?f ; gkg:modality ?m }}
  OPTIONAL {{ GRAPH ?g {{ ?g dcterms:issued ?d }} }}
}}"""
_RECOUNT = """SELECT ?g ?f ?st ?m ?d WHERE {{
  VALUES ?f {{ {facts} }}
  GRAPH ?g {{ ?st gkg:fact ?f ; gkg:modality ?m }}
  OPTIONAL {{ GRAPH ?g {{ ?g dcterms:issued ?d }} }}
}}"""
# The statements of the articles published on {date}: the date first, so that Oxigraph reads one day.
_DAY = """SELECT ?g ?f ?st ?m WHERE {{
  GRAPH ?g {{ ?g dcterms:issued {date} }}
  GRAPH ?g {{ ?st gkg:fact ?f ; gkg:modality ?m }}
}}"""
_JOURNAL = f"SELECT ?g ?kind WHERE {{ GRAPH <{JOURNAL_GRAPH}> {{ ?g <{_PENDING}> ?kind }} }}"


@dataclass(frozen=True, slots=True)
class Said:
    """One statement of a fact in one article: what the writer needs to count it."""

    article: str
    fact: str
    statement: str
    modality: str  # IRI
    date: str  # the article's dcterms:issued, "" when undated


@dataclass
class _Record:
    """A fact's figures for one modality."""

    support: int = 0
    first: str = ""
    last: str = ""


@dataclass
class _Fact:
    """A fact's figures, as stored or as they will be."""

    triple: tuple[str, str, str] | None = None  # subject, predicate, object IRIs
    support: int = 0
    records: dict[str, _Record] = field(default_factory=dict)  # modality IRI -> figures
    examples: list[str] = field(default_factory=list)  # statement IRIs, best first


def journal_quads(added: Iterable[str], dropped: Iterable[str]) -> str:
    """Return the N-Quads noting a batch in the journal graph: the graphs it adds and those it drops."""
    note = f"<{_PENDING}>"
    return "".join(f"<{g}> {note} <{kind}> <{JOURNAL_GRAPH}> .\n"
                   for kind, graphs in ((ADDED, added), (DROPPED, dropped)) for g in graphs)


def pending(rows: Rows) -> tuple[list[str], list[str]]:
    """Return the graphs a killed writer left noted in the journal: (added, dropped)."""
    added, dropped = [], []
    for graph, kind in rows(_JOURNAL)[1]:
        (added if kind == ADDED else dropped).append(graph)
    return sorted(added), sorted(dropped)


class FactBook:
    """A writer's view of the facts graph: figures read from the store once, then kept here and adjusted per batch.

    Only the writer changes the facts graph (the store is locked for others), so what it last wrote
    is what the store holds; the cache is bounded, and a fact it forgot is read again.
    """

    def __init__(self, rows: Rows, capacity: int = 50_000) -> None:
        self.rows = rows
        self.capacity = capacity
        self.state: OrderedDict[str, _Fact] = OrderedDict()  # fact IRI -> figures, least recently used first
        self.shown: dict[str, Said] = {}  # example statement IRI -> what orders it

    def settle(self, added: Sequence[str], dropped: Sequence[str],
               said: Sequence[Said] | None = None) -> tuple[str, Callable[[], None]]:
        """Return the update counting *added*, uncounting and dropping *dropped*, clearing the journal, and a
        callback to call once the update is committed.

        *said*, when given, lists the statements of the added graphs, which are then not read from the store.
        """
        gone = frozenset(dropped)
        plus = list(said) if said is not None else self._said(_CONTRIBUTIONS, "graphs", added)
        minus = self._said(_CONTRIBUTIONS, "graphs", sorted(gone))
        facts = sorted({s.fact for s in (*plus, *minus)})
        old = self._read(facts)
        new, recount, doubts = _apply(old, plus, minus, self.shown)
        recount |= self._resolve(new, doubts, plus, minus, gone)
        if recount:
            fresh: dict[str, list[Said]] = {fact: [] for fact in recount}
            for s in self._said(_RECOUNT, "facts", sorted(recount)):
                if s.article not in gone:
                    fresh[s.fact].append(s)
                    self.shown[s.statement] = s
            for fact, statements in fresh.items():
                new[fact] = _count(statements)
                new[fact].triple = old[fact].triple
        self.shown.update((s.statement, s) for s in plus)
        deletes, inserts = [], []
        for fact in facts:
            before, after = _value_triples(fact, old[fact]), _value_triples(fact, new[fact])
            deletes += sorted(before - after)
            inserts += sorted(after - before)
        parts = []
        if deletes:
            parts.append(f"DELETE DATA {{ GRAPH <{FACTS_GRAPH}> {{\n{''.join(deletes)}}} }}")
        if inserts:
            parts.append(f"INSERT DATA {{ GRAPH <{FACTS_GRAPH}> {{\n{''.join(inserts)}}} }}")
        parts += [f"DROP SILENT GRAPH <{g}>" for g in sorted(gone)]
        parts.append(f"DROP SILENT GRAPH <{JOURNAL_GRAPH}>")
        return " ;\n".join(parts), lambda: self._remember(new)

    def _resolve(self, new: dict[str, _Fact], doubts: dict[str, _Doubt], plus: list[Said], minus: list[Said],
                 gone: frozenset[str]) -> set[str]:
        """Settle *doubts* from the statements of the days they name; return the facts still needing a recount.

        A day's statements are those of the articles published that day, however many articles
        say the fact: a popular fact is not read whole because one of its articles was replaced.
        """
        days: dict[str, set[str]] = defaultdict(set)
        for fact, doubt in doubts.items():
            for _, date in doubt.dates:
                days[date].add(fact)
            if doubt.examples_after is not None:
                days[doubt.examples_after.date].add(fact)
        found: dict[tuple[str, str], list[Said]] = defaultdict(list)
        for date, facts in sorted(days.items()):
            for g, f, st, m in self.rows(_DAY.format(date=f'"{date}"^^<{_XSD}date>'))[1]:
                if f in facts and g not in gone:
                    found[(f, date)].append(Said(g, f, st, m, date))
        removed = {s.statement for s in minus}
        coming: dict[str, list[Said]] = defaultdict(list)  # the added statements of the doubted facts
        for s in plus:
            if s.fact in doubts:
                coming[s.fact].append(s)
        unsure = set()
        for fact, doubt in doubts.items():
            figures = new[fact]
            # Another article of that day still saying it keeps the day as the first or last seen.
            if any(figures.records[m].support > 0 and all(s.modality != m for s in found[(fact, date)])
                   for m, date in doubt.dates):
                unsure.add(fact)
                continue
            low = doubt.examples_after
            if low is None:
                continue
            # Every statement left unseen is older than the day of the worst example taken away (or
            # negated, or undated); five statements from that day on are then the best ones.
            kept = [self.shown[st] for st in figures.examples if st not in removed]
            day = [s for s in found[(fact, low.date)] if s.modality != _NEGATED]
            later = [s for s in coming[fact] if s.modality != _NEGATED and s.date >= low.date]
            if len({s.statement for s in (*kept, *day, *later)}) < MAX_EXAMPLES:
                unsure.add(fact)
                continue
            self.shown.update((s.statement, s) for s in day)
            figures.examples = [s.statement for s in _best([*kept, *day, *coming[fact]], MAX_EXAMPLES)]
        return unsure

    def forget(self) -> None:
        """Drop everything cached (after a failed update, the store may hold either version); return None."""
        self.state.clear()
        self.shown.clear()

    def _said(self, template: str, name: str, iris: Sequence[str]) -> list[Said]:
        return _query_said(self.rows, template, name, iris)

    def _read(self, facts: Sequence[str]) -> dict[str, _Fact]:
        """Return the figures of *facts*, from the cache or else from the store."""
        # A fact cached without its triple was counted before its name was stored (an article graph
        # that reached a server without the facts graph's part): read it again, the name may be there now.
        missing = [f for f in facts if f not in self.state or self.state[f].triple is None]
        if missing:
            stored, shown = _read_state(self.rows, missing)
            self.state.update(stored)
            self.shown.update(shown)
        for fact in facts:
            self.state.move_to_end(fact)
        return {fact: self.state[fact] for fact in facts}

    def _remember(self, new: dict[str, _Fact]) -> None:
        """Keep the committed figures, forgetting the least recently used beyond capacity; return None."""
        self.state.update(new)
        while len(self.state) > self.capacity:
            self.state.popitem(last=False)
        if len(self.shown) > 5 * self.capacity:
            self.forget()  # figures and their examples' keys are read again together when needed


_FACT_P = f" <{GKG}fact> "
_MODALITY_P = f" <{GKG}modality> "
_ISSUED_P = " <http://purl.org/dc/terms/issued> "


def _lines_with(nquads: str, predicate: str) -> Iterator[list[str]]:
    """Yield the terms (subject, predicate, object, graph) of each N-Quads line whose predicate is *predicate*."""
    at = nquads.find(predicate)
    while at >= 0:
        start = nquads.rfind("\n", 0, at) + 1
        end = nquads.find("\n", at)
        yield nquads[start:end].split(" ")
        at = nquads.find(predicate, end)


def said_in(nquads: str, graph: str) -> list[Said]:
    """Return the statements of *graph* written in the N-Quads text *nquads* (as geokg.graph.rdf writes them)."""
    # Their IRIs hold no space and the dates none either, so a line splits on spaces; a literal can
    # hold a predicate's text, but not in the predicate's place, which is what is checked.
    modality = {s: o[1:-1] for s, p, o, *_ in _lines_with(nquads, _MODALITY_P) if p == _MODALITY_P[1:-1]}
    dates = {g: o[1:o.index('"', 1)] for s, p, o, g, *_ in _lines_with(nquads, _ISSUED_P) if p == _ISSUED_P[1:-1] and s == g}
    return [Said(graph, o[1:-1], s[1:-1], modality[s], dates.get(g, ""))
            for s, p, o, g, *_ in _lines_with(nquads, _FACT_P) if p == _FACT_P[1:-1] and s in modality and g[1:-1] == graph]


def _values(iris: Sequence[str]) -> Iterable[str]:
    """Yield VALUES bodies of at most _VALUES_CHUNK IRIs each."""
    for i in range(0, len(iris), _VALUES_CHUNK):
        yield " ".join(f"<{iri}>" for iri in iris[i:i + _VALUES_CHUNK])


def _query_said(rows: Rows, template: str, name: str, iris: Sequence[str]) -> list[Said]:
    """Return the statements found by *template* with its VALUES *name* bound to *iris*."""
    out = []
    for body in _values(iris):
        for g, f, st, m, d in rows(template.format(**{name: body}))[1]:
            out.append(Said(g, f, st, m, d or ""))
    return out


def _read_state(rows: Rows, facts: Sequence[str]) -> tuple[dict[str, _Fact], dict[str, Said]]:
    """Return the stored figures of *facts* (a fact never written reads as empty) and their examples' statements."""
    state = {fact: _Fact() for fact in facts}
    parts: dict[str, dict[str, str]] = defaultdict(dict)
    for body in _values(facts):
        for f, n, p, o in rows(_STATE.format(facts=body, facts_graph=FACTS_GRAPH))[1]:
            fact = state[f]
            if n != f:
                record = fact.records.setdefault(n.rsplit("/", 1)[1], _Record())
                if p == _SUPPORT:
                    record.support = int(o)
                elif p == _FIRST:
                    record.first = o
                elif p == _LAST:
                    record.last = o
            elif p in (_SUBJECT, _PREDICATE, _OBJECT):
                parts[f][p] = o
            elif p == _SUPPORT:
                fact.support = int(o)
            elif p == _EXAMPLE:
                fact.examples.append(o)
    for f, spo in parts.items():
        if len(spo) == 3:
            state[f].triple = (spo[_SUBJECT], spo[_PREDICATE], spo[_OBJECT])
    # Records are keyed by the modality's local name in their IRI; turn that into the modality IRI.
    for fact in state.values():
        fact.records = {f"{GKG}{name}": record for name, record in fact.records.items()}
    statements = sorted({st for fact in state.values() for st in fact.examples})
    shown = {s.statement: s for s in _query_said(rows, _EXAMPLES, "statements", statements)}
    return state, shown


@dataclass
class _Doubt:
    """What uncounting a batch's dropped articles left unknown about a fact until some days' statements are read."""

    dates: set[tuple[str, str]] = field(default_factory=set)  # (modality, date) first or last seen in an article dropped
    examples_after: Said | None = None  # the worst of the examples dropped, when the fact has more statements


def _apply(old: dict[str, _Fact], plus: list[Said], minus: list[Said],
           shown: dict[str, Said]) -> tuple[dict[str, _Fact], set[str], dict[str, _Doubt]]:
    """Return the facts' new figures, the facts that must be recounted from their statements, and the
    doubts about others that the statements of a few days settle (see ``FactBook._resolve``)."""
    new: dict[str, _Fact] = {}
    recount: set[str] = set()
    doubts: dict[str, _Doubt] = {}
    for fact, before in old.items():
        new[fact] = _Fact(before.triple, before.support,
                          {m: _Record(r.support, r.first, r.last) for m, r in before.records.items()}, list(before.examples))
    for sign, said in ((1, plus), (-1, minus)):
        for (_, fact), statements in _by_article(said).items():
            lost = _tally(new[fact], statements, sign)
            if lost:
                doubts.setdefault(fact, _Doubt()).dates.update(lost)
    removed = {s.statement: s for s in minus}
    for fact, figures in new.items():
        dropped = [removed[st] for st in figures.examples if st in removed]
        if not dropped:
            continue
        if any(st not in shown for st in figures.examples if st not in removed):
            recount.add(fact)
        elif len(figures.examples) >= MAX_EXAMPLES:  # more statements than examples: which come next?
            low = _best(dropped, len(dropped))[-1]
            if low.modality == _NEGATED or not low.date:
                recount.add(fact)  # the next may be any negated or undated one: few, when these are shown
            else:
                doubts.setdefault(fact, _Doubt()).examples_after = low
    candidates: dict[str, list[Said]] = defaultdict(list)
    for s in plus:
        candidates[s.fact].append(s)
    for fact, figures in new.items():
        if fact in recount or (fact in doubts and doubts[fact].examples_after is not None):
            continue
        if fact in candidates or removed.keys() & set(figures.examples):
            kept = [shown[st] for st in figures.examples if st in shown and st not in removed]
            figures.examples = [s.statement for s in _best([*kept, *candidates.get(fact, ())], MAX_EXAMPLES)]
    for fact in recount:
        doubts.pop(fact, None)
    return new, recount, doubts


def _tally(figures: _Fact, statements: list[Said], sign: int) -> list[tuple[str, str]]:
    """Add (sign 1) or take away (sign -1) one article's *statements* of a fact from its *figures*.

    Return the (modality, date) pairs whose date was a first or last seen date of the article taken
    away: whether it still is depends on the other articles of that day.
    """
    modalities = {s.modality for s in statements}
    date = statements[0].date
    lost = []
    if modalities - {_NEGATED}:
        figures.support += sign
    for modality in modalities:
        record = figures.records.setdefault(modality, _Record())
        record.support += sign
        if sign > 0 and date:
            record.first = min(record.first or date, date)
            record.last = max(record.last, date)
        elif sign < 0 and date in (record.first, record.last) and date:
            lost.append((modality, date))
    return lost


def _by_article(said: Iterable[Said]) -> dict[tuple[str, str], list[Said]]:
    """Return the statements grouped by (article, fact)."""
    grouped: dict[tuple[str, str], list[Said]] = defaultdict(list)
    for s in said:
        grouped[(s.article, s.fact)].append(s)
    return grouped


def _count(said: Iterable[Said]) -> _Fact:
    """Return a fact's figures counted from all of its statements."""
    fact = _Fact()
    statements = list(said)
    for group in _by_article(statements).values():
        _tally(fact, group, 1)
    fact.examples = [s.statement for s in _best(statements, MAX_EXAMPLES)]
    return fact


def _best(said: Iterable[Said], n: int) -> list[Said]:
    """Return the *n* statements to show first: non-negated, dated, newest, then by IRI; one per statement."""
    unique = {s.statement: s for s in said}.values()
    ordered = sorted(unique, key=lambda s: s.statement)
    ordered.sort(key=lambda s: s.date, reverse=True)
    ordered.sort(key=lambda s: (s.modality == _NEGATED, not s.date))
    return ordered[:n]


def _value_triples(fact: str, figures: _Fact) -> set[str]:
    """Return the N-Triples lines of a fact's figures (its name, rdf:subject and the rest, is never among them)."""
    lines: set[str] = set()
    if figures.support > 0 and figures.triple is not None:
        s, p, o = figures.triple
        lines.add(f"<{s}> <{p}> <{o}> .\n")
    if figures.support > 0:
        lines.add(f'<{fact}> <{_SUPPORT}> "{figures.support}"^^<{_XSD}integer> .\n')
    for modality, record in figures.records.items():
        if record.support <= 0:
            continue
        node = f"{fact}/{modality[len(GKG):]}"
        lines.add(f"<{fact}> <{_BY_MODALITY}> <{node}> .\n")
        lines.add(f"<{node}> <{_MODALITY}> <{modality}> .\n")
        lines.add(f'<{node}> <{_SUPPORT}> "{record.support}"^^<{_XSD}integer> .\n')
        if record.first:
            lines.add(f'<{node}> <{_FIRST}> "{record.first}"^^<{_XSD}date> .\n')
            lines.add(f'<{node}> <{_LAST}> "{record.last}"^^<{_XSD}date> .\n')
    if any(r.support > 0 for r in figures.records.values()):
        lines.update(f"<{fact}> <{_EXAMPLE}> <{st}> .\n" for st in figures.examples)
    return lines


_ALL_STATEMENTS = """SELECT ?g ?f ?st ?m ?d WHERE {
  GRAPH ?g { ?st gkg:fact ?f ; gkg:modality ?m OPTIONAL { ?g dcterms:issued ?d } }
}"""
_FACT_NAMES = f"""SELECT ?f ?s ?p ?o WHERE {{
  GRAPH <{FACTS_GRAPH}> {{ ?f <{_SUBJECT}> ?s ; <{_PREDICATE}> ?p ; <{_OBJECT}> ?o }}
}}"""
_FACT_VALUES = f"""SELECT ?s ?p ?o WHERE {{
  GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o FILTER(?p NOT IN (<{_SUBJECT}>, <{_PREDICATE}>, <{_OBJECT}>)) }}
}}"""


def recounted(rows: Rows) -> set[str]:
    """Return the facts graph's figures (N-Triples lines) as a recount of every statement in the store gives them."""
    said: dict[str, list[Said]] = defaultdict(list)
    for g, f, st, m, d in rows(_ALL_STATEMENTS)[1]:
        said[f].append(Said(g, f, st, m, d or ""))
    triples = {f: (s, p, o) for f, s, p, o in rows(_FACT_NAMES)[1]}
    lines: set[str] = set()
    for fact, statements in said.items():
        figures = _count(statements)
        figures.triple = triples.get(fact)
        lines |= _value_triples(fact, figures)
    return lines


def stored(rows: Rows) -> set[str]:
    """Return the facts graph's figures (N-Triples lines) as the store holds them."""
    out = set()
    for s, p, o in rows(_FACT_VALUES)[1]:
        if p == _SUPPORT:
            o_text = f'"{o}"^^<{_XSD}integer>'
        elif p in (_FIRST, _LAST):
            o_text = f'"{o}"^^<{_XSD}date>'
        else:
            o_text = f"<{o}>"
        out.add(f"<{s}> <{p}> {o_text} .\n")
    return out
