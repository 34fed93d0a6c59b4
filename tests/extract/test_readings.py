"""Names with several readings: context chooses, and a choice nothing backs lowers confidence."""

from datetime import date

from geokg.extract import extract, load_gazetteer
from geokg.model import Article

GAZ = load_gazetteer()


def _found(text: str, lang: str) -> dict[tuple[str, str, str], float]:
    ex = extract(Article(text=text, lang=lang, published=date(2019, 7, 10)), GAZ)
    ents = {e.id: e for e in ex.entities}
    return {(ents[s.subject].label("en"), s.predicate, ents[s.object].label("en")): s.confidence for s in ex.statements}


def test_backed_reading_keeps_the_rule_confidence():
    backed = _found("The Congolese government accused Rwanda of backing the rebels, officials in Kinshasa said.", "en")
    plain = _found("Uganda accused Rwanda of backing the rebels, officials in Kampala said.", "en")
    assert backed[("Democratic Republic of the Congo", "accuses", "Rwanda")] == plain[("Uganda", "accuses", "Rwanda")]


def test_unbacked_reading_is_less_sure():
    found = _found("The Congolese government accused Rwanda of backing the rebels.", "en")
    (key, confidence), = [(k, c) for k, c in found.items() if k[1] == "accuses"]
    assert confidence < _found("Uganda accused Rwanda of backing the rebels.", "en")[("Uganda", "accuses", "Rwanda")]


def test_arabic_oman_or_amman_by_context():
    assert ("Sameh Shoukry", "visits", "Jordan") in _found("ووصل وزير الخارجية المصري سامح شكري إلى عمان للقاء نظيره الأردني أيمن الصفدي.", "ar")
    assert ("Mohammad Javad Zarif", "visits", "Oman") in _found("ووصل وزير الخارجية الإيراني محمد جواد ظريف إلى عمان للقاء يوسف بن علوي.", "ar")
