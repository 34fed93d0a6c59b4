"""A text far longer than any article is extracted in paragraph-aligned parts, in time linear in its length."""

from __future__ import annotations

import time

import pytest

from geokg.extract import extract, load_gazetteer
from geokg.extract.segments import SEGMENT_CHARS, segments
from geokg.model import Article

PARAGRAPH = {
    "en": "Belarus joined the Shanghai Cooperation Organisation on Thursday, its foreign ministry said.\n\n",
    "ar": "انضمت بيلاروسيا إلى منظمة شنغهاي للتعاون يوم الخميس، بحسب وزارة خارجيتها.\n\n",
}


def test_segments_cover_the_text_in_order_and_cut_at_paragraph_ends():
    text = "".join(f"Paragraph {i} says something about nothing in particular.\n\n" for i in range(2000))
    spans = segments(text, 5000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= 5000 for start, end in spans)
    assert all(text[start:end].endswith("\n\n") for start, end in spans[:-1])


def test_a_text_with_no_break_is_still_cut_within_the_limit():
    assert all(end - start <= 1000 for start, end in segments("x" * 5500, 1000))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_article_of_normal_length_is_extracted_whole(lang):
    text = PARAGRAPH[lang] * 5
    assert len(text) < SEGMENT_CHARS
    assert segments(text) == [(0, len(text))]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_long_text_keeps_every_statement_at_its_place(lang):
    gaz = load_gazetteer()
    copies = 3 * SEGMENT_CHARS // len(PARAGRAPH[lang]) + 1
    text = PARAGRAPH[lang] * copies
    ex = extract(Article(text, lang), gaz)
    joined = [s for s in ex.statements if s.predicate == "memberOf"]
    assert len(joined) == copies  # one per paragraph, however the text was cut
    assert all(text[s.start : s.end] == s.evidence for s in ex.statements)
    assert all(text[m.start : m.end] == m.surface for m in ex.mentions)
    assert len({e.id for e in ex.entities}) == len(ex.entities)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_extraction_time_grows_linearly_with_length(lang):
    gaz = load_gazetteer()
    unit = PARAGRAPH[lang] * (SEGMENT_CHARS // len(PARAGRAPH[lang]))

    def seconds(times: int) -> float:
        t = time.process_time()
        extract(Article(unit * times, lang), gaz)
        return time.process_time() - t

    seconds(1)
    small, large = min(seconds(2) for _ in range(2)), min(seconds(8) for _ in range(2))
    assert large < 4 * 2.0 * small  # 4x the text: about 4x the time, far from the 16x of a quadratic pass
