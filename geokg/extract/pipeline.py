"""Named passes over a Doc, each declaring what it reads and what it makes, checked once.

A pass reads fields of the :class:`~geokg.extract.state.Doc` that earlier passes made and sets
the ones it makes. What a pass makes is either a Doc field or ``units.<name>``: units it added
to ``doc.units`` (or marked there), so that a later pass can say it needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .state import PASS_FIELDS, Doc


@dataclass(frozen=True, slots=True)
class Pass:
    """One step of the extraction: a name, the function run on the Doc, its inputs and outputs."""

    name: str
    run: Callable[[Doc], None]
    needs: tuple[str, ...] = ()
    makes: tuple[str, ...] = ()


def check_passes(passes: Sequence[Pass]) -> None:
    """Raise ValueError unless each need is made by an earlier pass and each Doc field by exactly one."""
    made: dict[str, str] = {}
    for p in passes:
        missing = [n for n in p.needs if n not in made]
        if missing:
            raise ValueError(f"pass {p.name!r} needs {missing}, which no earlier pass makes")
        for name in p.makes:
            if name in made:
                raise ValueError(f"{name!r} is made by both {made[name]!r} and {p.name!r}")
            if name not in PASS_FIELDS and not name.startswith("units."):
                raise ValueError(f"pass {p.name!r} makes {name!r}, which is no Doc field")
            made[name] = p.name
    unset = sorted(PASS_FIELDS - set(made))
    if unset:
        raise ValueError(f"no pass makes the Doc fields {unset}")


def run_passes(passes: Sequence[Pass], doc: Doc) -> Doc:
    """Return *doc* after running *passes* on it in order."""
    for p in passes:
        p.run(doc)
    return doc
