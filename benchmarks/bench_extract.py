"""Extraction throughput: mention detection (MB/s) and end-to-end extraction (articles/s per core).

    python benchmarks/bench_extract.py [--articles 2000] [--long-mb 2]

The corpus is the Arabic and English articles shipped in tests/data/dev and examples/,
cycled (each copy gets a distinct closing line, so nothing is served from a cache) until it
reaches the requested count. Figures are CPU seconds of this single process, so they read as
"per core" and do not depend on what else the machine runs.
"""

from __future__ import annotations

import argparse
import time

import ahocorasick_rs
from pathlib import Path

from geokg.extract import extract, load_gazetteer
from geokg.extract.names import name_index
from geokg.extract.rules import load_ruleset
from geokg.model import Article
from geokg.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "data" / "dev" / "articles").glob("*.txt")) + sorted((ROOT / "examples" / "articles").glob("*.txt"))
CLOSING = {"ar": "\nوتابع المراسل رقم {n} تطورات الملف.\n", "en": "\nCorrespondent number {n} followed the story.\n"}


def corpus(count: int) -> list[Article]:
    """Return *count* articles cycled from the shipped ones, each text made unique."""
    base = [next(read_path(p)) for p in SOURCES]
    out = []
    for n in range(count):
        a = base[n % len(base)]
        out.append(Article(a.text + CLOSING[a.lang].format(n=n), a.lang, a.title, a.source, a.published))
    return out


def name_finding_rates(articles: list[Article], gaz, rounds: int = 3) -> tuple[float, float]:
    """Return MB/s of a plain Aho-Corasick pass and of the name finder, over the same names and folded texts.

    The plain pass is ahocorasick_rs's default search for the gazetteer's patterns, with no
    boundary checks: the floor name finding is measured against. Rounds alternate the two and
    keep each one's best, so both see the same machine.
    """
    folded = [(a.lang, load_ruleset(a.lang).lang.fold(a.text)) for a in articles]
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    finders = {lang: name_index(gaz, lang) for lang in ("ar", "en")}
    plain = {lang: ahocorasick_rs.AhoCorasick(index.patterns) for lang, index in finders.items()}
    best_plain = best_find = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        for lang, f in folded:
            plain[lang].find_matches_as_indexes(f.text)
        best_plain = min(best_plain, time.process_time() - t)
        t = time.process_time()
        for lang, f in folded:
            finders[lang].find(f)
        best_find = min(best_find, time.process_time() - t)
    return size / 1e6 / best_plain, size / 1e6 / best_find


def long_article_seconds(articles: list[Article], gaz, megabytes: float) -> dict[str, float]:
    """Return CPU seconds to extract one *megabytes*-long text per language, made of the corpus's articles."""
    out = {}
    for lang in ("ar", "en"):
        body = "\n\n".join(a.text for a in articles if a.lang == lang)
        size = int(megabytes * 1e6)
        text = (body * (size // max(1, len(body.encode("utf-8"))) + 2))
        while len(text.encode("utf-8")) > size:
            text = text[: int(len(text) * 0.9)]
        t = time.process_time()
        extract(Article(text, lang), gaz)
        out[lang] = time.process_time() - t
    return out


def main() -> None:
    """Print mention-detection MB/s and end-to-end articles/s per core."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--long-mb", type=float, default=2.0, help="size of the one long text timed per language (0: skip)")
    args = parser.parse_args()
    gaz = load_gazetteer()
    articles = corpus(args.articles)
    for a in articles[:50]:
        extract(a, gaz)  # warm caches (gazetteer, automata, rule tables)

    size = sum(len(a.text.encode("utf-8")) for a in articles)
    t = time.process_time()
    for a in articles:
        rs = load_ruleset(a.lang)
        name_index(gaz, a.lang).find(rs.lang.fold(a.text))
    mention_s = time.process_time() - t

    t = time.process_time()
    statements = 0
    for a in articles:
        statements += len(extract(a, gaz).statements)
    total_s = time.process_time() - t

    langs = {lang: sum(a.lang == lang for a in articles) for lang in ("ar", "en")}
    print(f"corpus: {len(articles)} articles ({langs['ar']} ar, {langs['en']} en), {size / 1e6:.2f} MB, mean {size / len(articles) / 1024:.1f} KB")
    print(f"mention detection (fold + gazetteer scan): {size / 1e6 / mention_s:.2f} MB/s")
    plain_rate, find_rate = name_finding_rates(articles, gaz)
    print(f"name finding on folded text: plain Aho-Corasick {plain_rate:.1f} MB/s, geokg {find_rate:.1f} MB/s, ratio {plain_rate / find_rate:.2f} (target <= 4)")
    print(f"end-to-end extraction: {len(articles) / total_s:.0f} articles/s per core ({1000 * total_s / len(articles):.2f} ms/article), {statements / total_s:.0f} statements/s")
    if args.long_mb > 0:
        long = long_article_seconds(articles, gaz, args.long_mb)
        print(f"one {args.long_mb:g} MB text: " + ", ".join(f"{lang} {s:.1f} s" for lang, s in long.items()) + " (limit 10 s)")


if __name__ == "__main__":
    main()
