"""Word forms of a root: the language's stem templates (data) filled with the root's consonants, then inflected.

A template writes the root's consonants as the digits 1, 2, 3 ("ا1ت23" is the perfect stem of
an Arabic form VIII verb); the language's [morph] table says, per verb form, the template of each
part and, per part, which inflection sets of [forms] go before and after the stem. Nothing here
knows a language: every letter comes from the data.
"""

from __future__ import annotations

from collections.abc import Mapping


def fill(template: str, root: list[str], form_cfg: Mapping) -> str:
    """Return *template* with its digits replaced by the consonants of *root*.

    A doubled root (second and third consonant alike) contracts them where the template writes
    them side by side, when the verb form says so (شنن -> شن); a first consonant listed under
    "assimilate" is rewritten before the form's infix (و of اوتهم -> اتهم).
    """
    if form_cfg.get("contract") and len(root) == 3 and root[1] == root[2]:
        template = template.replace("23", "2")
    first = form_cfg.get("assimilate", {}).get(root[0])
    if first is not None:
        template = template.replace("1", first, 1)
    return "".join(root[int(ch) - 1] if ch.isdigit() else ch for ch in template)


def inflect(root: str, form: str, part: str, morph: Mapping, sets: Mapping, stem: str = "") -> list[str]:
    """Return every written form of *part* ("perfect3", "masdar"...) of *root* ("و ه م") in verb *form*.

    *morph* is the language's [morph] table, *sets* its [forms] inflection sets; *stem* overrides
    the template (a form I verbal noun is not predictable from the root).
    """
    part_cfg = morph["parts"][part]
    form_cfg = morph["forms"][form]
    if not stem:
        template = form_cfg.get(part_cfg["stem"], "")
        if not template:
            raise ValueError(f"verb form {form} has no {part_cfg['stem']} template (root {root!r})")
        stem = fill(template, root.split(), form_cfg)
    feminine = morph.get("feminine", "")
    bound = stem[: -len(feminine)] if feminine and stem.endswith(feminine) else stem
    out = []
    for pre in sets.get(part_cfg.get("prefixes", ""), [""]):
        for end in sets.get(part_cfg.get("endings", ""), [""]):
            word = pre + (bound + end if end else stem)
            if word not in out:
                out.append(word)
    return out
