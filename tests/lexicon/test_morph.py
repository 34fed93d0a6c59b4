"""Word forms generated from a root and a verb form's templates (lexicon/lang/morph.py)."""

import pytest

from geokg.lexicon.lang import get_rules
from geokg.lexicon.lang.morph import fill, inflect

# A small table in the shape of a language's [morph] and [forms] data.
MORPH = {
    "feminine": "ة",
    "parts": {
        "perfect3": {"stem": "perfect", "endings": "perfect3"},
        "imperfect": {"stem": "imperfect", "prefixes": "imperfect", "endings": "imperfect_end"},
        "participle": {"stem": "participle", "endings": "participle"},
        "masdar": {"stem": "masdar", "endings": "masdar"},
        "masdar_plural": {"stem": "masdar", "endings": "masdar_plural"},
    },
    "forms": {
        "I": {"perfect": "123", "imperfect": "123", "participle": "1ا23", "contract": True},
        "III": {"perfect": "1ا23", "imperfect": "1ا23", "participle": "م1ا23", "masdar": "م1ا23ة"},
        "VIII": {"perfect": "ا1ت23", "imperfect": "1ت23", "participle": "م1ت23", "masdar": "ا1ت2ا3", "assimilate": {"و": ""}},
    },
}
SETS = {
    "perfect3": ["", "ت", "وا"],
    "imperfect": ["ي", "ت"],
    "imperfect_end": ["", "ون"],
    "participle": ["", "ة", "ين"],
    "masdar": [""],
    "masdar_plural": ["ات"],
}


@pytest.mark.parametrize(
    ("root", "form", "part", "forms"),
    [
        ("ع ر ف", "VIII", "perfect3", ["اعترف", "اعترفت", "اعترفوا"]),
        ("ع ر ف", "VIII", "imperfect", ["يعترف", "يعترفون", "تعترف", "تعترفون"]),
        ("ع ر ف", "VIII", "masdar", ["اعتراف"]),
        # The first consonant و merges into the infix of form VIII.
        ("و ه م", "VIII", "participle", ["متهم", "متهمة", "متهمين"]),
        ("و ه م", "VIII", "masdar_plural", ["اتهامات"]),
        # A feminine verbal noun drops its ta marbuta before a plural ending.
        ("ف و ض", "III", "masdar_plural", ["مفاوضات"]),
        ("ف و ض", "III", "masdar", ["مفاوضة"]),
        # A doubled root writes its last two consonants once where they meet.
        ("ش ن ن", "I", "imperfect", ["يشن", "يشنون", "تشن", "تشنون"]),
        ("ش ن ن", "I", "perfect3", ["شن", "شنت", "شنوا"]),
    ],
)
def test_inflect_fills_templates_and_endings(root, form, part, forms):
    assert inflect(root, form, part, MORPH, SETS) == forms


def test_a_given_stem_replaces_the_template():
    # Form I verbal nouns are not predictable: the root table gives them.
    assert inflect("د ع م", "I", "masdar", MORPH, SETS, stem="دعم") == ["دعم"]


def test_a_part_without_template_is_an_error():
    with pytest.raises(ValueError, match="no masdar template"):
        inflect("د ع م", "I", "masdar", MORPH, SETS)


def test_fill_keeps_a_sound_root_whole():
    assert fill("م1ا23", ["س", "ن", "د"], {"contract": True}) == "مساند"


def test_arabic_data_builds_participles_verbal_nouns_and_passive_participles():
    data = get_rules("ar").data
    morph, sets = data["morph"], data["forms"]
    assert "متهمين" in inflect("و ه م", "VIII", "participle", morph, sets)
    assert inflect("م و ل", "II", "masdar", morph, sets) == ["تمويل"]
    assert "مدعومة" in inflect("د ع م", "I", "passive_participle", morph, sets)
    assert "انضمام" in inflect("ض م م", "VII", "masdar", morph, sets)
    assert "يستهدفون" in inflect("ه د ف", "X", "imperfect", morph, sets)

