"""The contract every language module fulfils: folding, clitics and rule tables."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files

from ..normalize import Folded, fold, make_table


def accept_any(surface: str, name: str, form: str) -> bool:
    """Return True: a language whose script has no case accepts every surface."""
    return True


@dataclass(eq=False)
class LanguageRules:
    """Folding tables, clitic sets and surface checks of one language."""

    code: str
    table: dict[int, str]
    delete: re.Pattern[str]
    plain_prefixes: frozenset[str]
    article: str
    article_prefixes: frozenset[str]
    suffixes: frozenset[str]
    trigger_suffixes: frozenset[str]
    verb_prefixes: frozenset[str]
    conjunctions: frozenset[str] = frozenset()  # letters fused to the next word as "and"/"then"
    future: str = ""  # the future particle fused to a verb ("" = none)
    prepositions: frozenset[str] = frozenset()  # one-letter prepositions fused to a word
    demonym_suffixes: frozenset[str] = frozenset({""})  # endings a nationality adjective may add
    accept_surface: Callable[[str, str, str], bool] = accept_any
    data: dict = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def fold(self, text: str) -> Folded:
        """Return *text* folded for matching, with offsets back to it."""
        return fold(text, self.table, self.delete)

    def fold_name(self, name: str) -> str:
        """Return a gazetteer name folded the way article text is (memoised: names repeat)."""
        folded = self._names.get(name)
        if folded is None:
            folded = self._names[name] = self.fold(name.strip()).text
        return folded

    def split_article(self, folded_name: str) -> tuple[str, bool]:
        """Return (stem, had_article): the folded name without a leading definite article."""
        if self.article and folded_name.startswith(self.article) and len(folded_name) > len(self.article) + 1:
            return folded_name[len(self.article):], True
        return folded_name, False


def load_rules(code: str, **hooks) -> LanguageRules:
    """Return LanguageRules for *code* built from lexicon/data/lang/<code>.toml and *hooks*."""
    raw = tomllib.loads((files("geokg.lexicon") / "data" / "lang" / f"{code}.toml").read_text("utf-8"))
    fold_cfg, clitics = raw["fold"], raw["clitics"]
    return LanguageRules(
        code=code,
        table=make_table(fold_cfg.get("map", {})),
        delete=re.compile(fold_cfg.get("delete", "(?!)")),
        plain_prefixes=frozenset(clitics.get("plain", [""])),
        article=clitics.get("article", ""),
        article_prefixes=frozenset(clitics.get("with_article", [])),
        suffixes=frozenset(clitics.get("suffixes", [""])),
        trigger_suffixes=frozenset(clitics.get("trigger_suffixes", [""])),
        verb_prefixes=frozenset(clitics.get("verb_prefixes", [])),
        conjunctions=frozenset(clitics.get("conjunctions", [])),
        future=clitics.get("future", ""),
        prepositions=frozenset(clitics.get("prepositions", [])),
        demonym_suffixes=frozenset(clitics.get("suffixes", [""])) | frozenset(clitics.get("demonym_suffixes", [])),
        data=raw,
        **hooks,
    )
