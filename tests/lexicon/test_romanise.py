"""English spellings for names no list knows: letter rules in data, name words learnt from the gazetteer."""

from datetime import date

import pytest

from geokg.extract import extract
from geokg.lexicon.gazetteer import load_gazetteer
from geokg.lexicon.romanise import name_words, romanise
from geokg.model import Article

GAZ = load_gazetteer()


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("نادية غومبا", "Nadia Ghumba"),  # long vowels after consonants, غ as gh
        ("وليد الكربولي", "Wlid al-Krbuli"),  # و first is a glide, the article as al-; short vowels unwritten
        ("كمال بن يونس", "Kmal bin Yuns"),  # the particle spelt as usual, ي before و a glide
        ("تشانغ ليان-يو", "Chang Lian-Yu"),  # تش and final نغ as one sound each, a hyphen kept
        ("عوض", "Awd"),  # ع first is a vowel
    ],
)
def test_letter_rules(arabic, english):
    assert romanise(arabic, "ar") == english


def test_known_name_words_come_from_the_gazetteer():
    words = name_words(GAZ, "ar")
    assert words["محمد"].startswith("M") and words["ديفيد"] == "David"
    assert romanise("ديفيد تامبا", "ar", words) == "David Tamba"


def test_latin_script_needs_no_romanisation():
    assert romanise("David Tamba", "en") == ""


def test_an_unlisted_person_meets_across_languages():
    day = date(2019, 4, 2)
    ar = extract(Article(text="وقال السفير البريطاني لدى مصر ديفيد تامبا إن الزيارة ناجحة.", lang="ar", published=day), GAZ)
    en = extract(Article(text="British ambassador to Egypt David Tamba said the visit went well.", lang="en", published=day), GAZ)
    people = [{e.id for e in ex.entities if e.kind == "person"} for ex in (ar, en)]
    assert people[0] & people[1]
    ar_person = next(e for e in ar.entities if e.kind == "person")
    assert ar_person.label("en") == "David Tamba" and ar_person.label("ar") == "ديفيد تامبا"
