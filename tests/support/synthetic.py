"""Synthetic stores following docs/data-model.md, for large-map tests and benchmarks."""

from __future__ import annotations

import random

from geokg.graph.store import GraphWrite, Quads
from geokg.namespaces import GKG, article_iri, entity_iri, statement_iri

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
CLASSES = ("State", "State", "InternationalOrganisation", "Person", "Person", "ArmedGroup", "PoliticalParty")
RELATIONS = ("memberOf", "cooperatesWith", "tradesWith", "sanctions", "visits", "meetsWith",
             "leaderOf", "ministerOf", "supports", "opposes", "atWarWith", "partOf")
MODALITIES = ("Asserted", "Asserted", "Asserted", "Reported", "Planned", "Negated")


def _lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def synthetic_writes(entities: int, *, edges_per_entity: float = 2.0, seed: int = 1) -> list[GraphWrite]:
    """Return one GraphWrite per synthetic article: about *entities* linked entities in all.

    Edges follow preferential attachment, so a few hubs have many relations as in news.
    """
    rng = random.Random(seed)
    names = [f"E{n}" for n in range(entities)]
    kinds = {name: CLASSES[n % len(CLASSES)] for n, name in enumerate(names)}
    targets: list[str] = names[:2]
    triples: list[tuple[str, str, str]] = [(names[1], "cooperatesWith", names[0])]
    for n, name in enumerate(names[2:], start=2):
        for _ in range(max(1, round(edges_per_entity))):
            other = rng.choice(targets)
            if other != name:
                triples.append((name, rng.choice(RELATIONS), other))
        targets.extend([name, rng.choice(targets)])
    articles = max(1, entities // 4)
    by_article: dict[int, list[tuple[str, str, str]]] = {}
    for triple in triples:
        for _ in range(1 + (rng.random() < 0.3)):  # some edges are reported by two articles
            by_article.setdefault(rng.randrange(articles), []).append(triple)
    writes = []
    for a, statements in sorted(by_article.items()):
        digest = f"{a:032x}"
        art = article_iri(digest)
        g = f"<{art}>"
        lines = [
            f"<{art}> <{RDF}type> <{GKG}Article> {g} .",
            f"<{art}> <{DCT}title> {_lit(f'Synthetic article {a}', 'en')} {g} .",
            f"<{art}> <{DCT}source> {_lit(f'https://news.example.org/{a}')} {g} .",
            f'<{art}> <{DCT}issued> "20{10 + a % 15:02d}-{1 + a % 12:02d}-{1 + a % 28:02d}"^^<{XSD}date> {g} .',
        ]
        described: set[str] = set()
        for i, (s, p, o) in enumerate(statements):
            for name in (s, o):
                if name not in described:
                    described.add(name)
                    iri = entity_iri(f"Q{1000 + int(name[1:])}")
                    lines += [
                        f"<{iri}> <{RDF}type> <{GKG}{kinds[name]}> {g} .",
                        f"<{iri}> <{RDFS}label> {_lit(f'Entity {name[1:]}', 'en')} {g} .",
                        f"<{iri}> <{RDFS}label> {_lit(f'كيان {name[1:]}', 'ar')} {g} .",
                        f"<{iri}> <{OWL_SAME_AS}> <http://www.wikidata.org/entity/Q{1000 + int(name[1:])}> {g} .",
                    ]
            si, oi = (entity_iri(f"Q{1000 + int(x[1:])}") for x in (s, o))
            st = statement_iri(f"{a:x}-{i}")
            modality = rng.choice(MODALITIES)
            if modality != "Negated":
                lines.append(f"<{si}> <{GKG}{p}> <{oi}> {g} .")
            lines += [
                f"<{st}> <{RDF}type> <{GKG}Statement> {g} .",
                f"<{st}> <{RDF}subject> <{si}> {g} .",
                f"<{st}> <{RDF}predicate> <{GKG}{p}> {g} .",
                f"<{st}> <{RDF}object> <{oi}> {g} .",
                f"<{st}> <{GKG}article> <{art}> {g} .",
                f"<{st}> <{GKG}modality> <{GKG}{modality}> {g} .",
                f"<{st}> <{GKG}evidence> {_lit(f'Entity {s[1:]} {p} entity {o[1:]}, article {a} says.', 'en')} {g} .",
            ]
        writes.append(GraphWrite(art, Quads.parse("\n".join(lines) + "\n")))
    return writes
