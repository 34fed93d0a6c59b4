"""Turn raw name matches into entity references; link later surname-only mentions."""

from __future__ import annotations

from ..lexicon.gazetteer import Gazetteer
from ..lexicon.lang import get_rules
from ..model import KIND_RANK
from .mentions import Candidate, RawMention, form_rank


def choose(mention: RawMention, gaz: Gazetteer, seen: set[str], elsewhere: dict[str, set[str]] | None = None) -> Candidate | None:
    """Return the candidate a mention most plausibly means, or None when it is too ambiguous.

    Surname-only candidates count only for people named in full elsewhere in the article.
    *elsewhere* maps entity ids (and the countries of people) to the surfaces naming them: a
    name with several readings (عمان Oman or Amman, "Congolese") takes the reading some other
    word of the article names ("الأردن", "Kinshasa", "Tshisekedi"), when only some readings have one.
    """
    if len(mention.candidates) == 1 and mention.candidates[0].form != "surname":
        # The common case: one full name, nothing to rank.
        only = mention.candidates[0]
        return only if only.entity_id in gaz.entities else None
    cands = [c for c in mention.candidates if c.entity_id in gaz.entities]
    if not cands:
        return None
    full = [c for c in cands if c.form != "surname"]
    if elsewhere and len({c.entity_id for c in full}) > 1:
        backed = [c for c in full if elsewhere.get(c.entity_id, set()) - {mention.surface}]
        full = backed or full
    if len(full) == 1:
        return full[0]
    if full:
        best = min(full, key=lambda c: (form_rank(c), c.entity_id not in seen, KIND_RANK.get(gaz.entities[c.entity_id].kind, 9)))
        return best
    # Surnames derived from full names only corefer with people the article names in full:
    # across a whole gazetteer they collide with common words (بين، على، مايو).
    known = [c for c in cands if c.entity_id in seen]
    if len({c.entity_id for c in known}) == 1:
        return known[0]
    return None


def surname_entries(gaz: Gazetteer, lang: str) -> list[tuple[str, str, str]]:
    """Return (person id, surname, "surname") entries derived from people's names in *lang*.

    The surname is the last word of a multi-word name; names ending in a particle construction
    (عبد الله, bin Salman) keep the last two words, as the language's name data says.
    """
    names = get_rules(lang).data.get("names", {})
    particles = frozenset(names.get("surname_particles", ()))
    compound_ends = frozenset(names.get("surname_compound_ends", ()))
    articles = tuple(names.get("surname_articles", ()))
    family_first = frozenset(names.get("family_name_first", ()))
    out = []
    for eid, name, form in gaz.names.get(lang, ()):
        ent = gaz.entities.get(eid)
        if ent is None or ent.kind != "person" or form not in ("label", "alias"):
            continue
        words = name.split()
        if len(words) < 2:
            continue
        if ent.country in family_first:
            # "Xi Jinping" is "Xi", "Moon Jae-in" "Moon": the family name comes first.
            if len(words[0]) >= 2:
                out.append((eid, words[0], "surname"))
            continue
        last = words[-1]
        if len(words) >= 3 and (words[-2] in particles or last in compound_ends):
            last = " ".join(words[-2:])  # عبد الله، نصر الله، آل ثاني
        if len(last) >= 3:
            out.append((eid, last, "surname"))
        bare = next((last[len(a):] for a in articles if last.startswith(a)), last)
        if bare != last and len(bare) >= 4:
            out.append((eid, bare, "surname"))  # "al-Sharaa" is often just "Sharaa"
    return out
