"""Date-constrained office lookup by the sound of a name: who held the office that day."""

from datetime import date

from geokg.extract.offices import holder_by_sound
from geokg.lexicon.gazetteer import load_gazetteer

GAZ = load_gazetteer()


def _label(pid):
    return GAZ.entities[pid].label("en") if pid else None


def test_holder_with_state_on_date():
    turkey = next(e for e, ent in GAZ.entities.items() if ent.kind == "state" and ent.label("en") == "Turkey")
    assert _label(holder_by_sound(GAZ, "سليمان صويلو", "ar", "interior_minister", (turkey,), date(2018, 5, 2))) == "Süleyman Soylu"
    # The same spelling before he took office names no one.
    assert holder_by_sound(GAZ, "سليمان صويلو", "ar", "interior_minister", (turkey,), date(2011, 2, 10)) is None
    # Nor does it name the holder of another office.
    assert holder_by_sound(GAZ, "سليمان صويلو", "ar", "foreign_minister", (turkey,), date(2018, 5, 2)) is None


def test_holder_without_state_needs_a_distinctive_name():
    assert _label(holder_by_sound(GAZ, "Steven Mnutchin", "en", "finance_minister", (), date(2018, 7, 20))) == "Steven Mnuchin"
    assert _label(holder_by_sound(GAZ, "ستيفن منوشين", "ar", "finance_minister", (), date(2018, 7, 20))) == "Steven Mnuchin"
    assert holder_by_sound(GAZ, "ستيفن منوشين", "ar", "finance_minister", (), date(2022, 7, 20)) is None
