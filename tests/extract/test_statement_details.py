"""Statements carry who asserts them, their qualifiers and a confidence the CLI can filter on."""

from __future__ import annotations

from datetime import date

import pytest

from geokg.extract import extract, load_gazetteer
from geokg.model import Article


def _statements(text: str, lang: str, published: date | None = None):
    ex = extract(Article(text=text, lang=lang, published=published), load_gazetteer())
    labels = {e.id: e.label("en") for e in ex.entities}
    return [(labels[s.subject], s.predicate, labels[s.object], s) for s in ex.statements]


def _one(found, s, p, o):
    hits = [st for a, pred, b, st in found if (a, pred, b) == (s, p, o)]
    assert hits, f"{s} {p} {o} not in {[(a, pr, b) for a, pr, b, _ in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "lang", "source"),
    [
        ("فرضت الولايات المتحدة عقوبات على إيران، بحسب وكالة رويترز.", "ar", "وكالة رويترز"),
        ("The United States imposed sanctions on Iran, according to Reuters.", "en", "Reuters"),
    ],
)
def test_statement_records_a_written_source(text, lang, source):
    st = _one(_statements(text, lang), "United States", "sanctions", "Iran")
    assert st.attribution == source


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قال وزير الخارجية الروسي سيرغي لافروف إن الصين انضمت إلى المبادرة وإن روسيا وقعت اتفاقية مع مصر.", "ar"),
        ("Russian Foreign Minister Sergei Lavrov said Russia signed an agreement with Egypt.", "en"),
    ],
)
def test_statement_records_the_speaker(text, lang):
    st = _one(_statements(text, lang, date(2023, 5, 1)), "Russia", "agreementWith", "Egypt")
    assert st.attribution == "person/sergey-lavrov"


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "وارتفع حجم التبادل التجاري بين بيلاروسيا والصين بنسبة 33% العام الماضي إلى 3.72 مليار دولار.",
            "ar",
            date(2023, 8, 1),
            {("percentage", "33"), ("amount", "3720000000.0"), ("currency", "USD"), ("date", "2022")},
        ),
        (
            "Trade between Belarus and China rose 33% last year to $3.72 billion.",
            "en",
            date(2023, 8, 1),
            {("percentage", "33"), ("amount", "3720000000.0"), ("currency", "USD"), ("date", "2022")},
        ),
        (
            "التقى الرئيسان الصيني والبيلاروسي سبتمبر الماضي في سمرقند.",
            "ar",
            date(2023, 8, 1),
            {("date", "2022-09")},
        ),
    ],
)
def test_statement_qualifiers_resolve_against_the_publication_date(text, lang, published, expected):
    found = _statements(text, lang, published)
    assert found, "no statement"
    assert expected <= set(found[-1][3].qualifiers)


def test_statement_counts_are_qualifiers():
    found = _statements("فرض الاتحاد الأوروبي عقوبات على بيلاروسيا شملت 194 شخصية و34 كيانا.", "ar")
    st = _one(found, "European Union", "sanctions", "Belarus")
    assert {("count", "194"), ("count", "34")} <= set(st.qualifiers)


@pytest.mark.parametrize("lang,text", [
    ("en", "Russia claimed that Ukraine attacked Crimea."),
    ("ar", "زعمت روسيا أن أوكرانيا هاجمت القرم."),
])
def test_statement_claims_are_reported(lang, text):
    found = _statements(text, lang)
    st = _one(found, "Ukraine", "attacks", "Crimea")
    assert st.modality == "reported"


def test_statement_confidence_is_capped_by_the_relation_prior_then_calibrated():
    from geokg.extract.calibration import calibrated_confidence
    from geokg.extract.rules import priors

    found = _statements("Egypt condemned Israel over the strike.", "en")
    st = _one(found, "Egypt", "condemns", "Israel")
    assert priors()["condemns"] < 0.9  # the trigger says more than the relation's prior allows
    assert st.confidence == calibrated_confidence("condemns", priors()["condemns"])


@pytest.mark.parametrize("lang,text", [
    ("en", "Egypt condemned Israel over the strike.\n\nRead more\nFrance joins NATO mission in Romania\nChina sanctions US defence firms\n"),
    ("ar", "أدانت مصر إسرائيل بسبب الغارة.\n\nاقرأ أيضا\nفرنسا تنضم إلى بعثة الناتو في رومانيا\nالصين تفرض عقوبات على شركات دفاع أمريكية\n"),
])
def test_statement_read_more_links_are_not_the_article(lang, text):
    found = _statements(text, lang)
    assert {(s, p, o) for s, p, o, _ in found} == {("Egypt", "condemns", "Israel")}
