#!/usr/bin/env python3
"""Import dated office-holders from pinned snapshots of Wikidata-derived repositories.

How to run (from the repository root):

    python scripts/gazetteer/import_offices.py MIRROR_DIR

MIRROR_DIR holds one bare git directory per source repository, at
``MIRROR_DIR/<owner>+<name>/repo`` (or ``.../repo/.git``). Every file is read at
the commit pinned in ``src/wikidata_sources.tsv``, so the output does not depend
on what else the mirror holds. See ``SOURCES.md`` for the sources and licence.

Per repository it reads:

* ``meta.json``                    whether the repository holds one state's posts (it names a
                                   jurisdiction) or international ones;
* ``wikidata/wanted-positions.csv`` position QID -> the short English title used below;
* ``html/positions.csv`` (if any)   each position's jurisdiction: posts of another one
                                   (provinces, states of a federation) are left out;
* ``html/holders21.csv``           one row per spell: title, English label, QID, start, end;
* ``html/raw/bio.json`` (if any)    Wikidata entity dumps of the holders: labels per
                                   language (the ``ar`` label only; never guessed from
                                   script) and P39 claims, which add spells that ended
                                   before 2000.

Positions become geokg roles through the reviewed table ``src/position_roles.tsv``
(position QID -> role(s), of-key), the only source of heads of state and government and of
foreign, defence, finance and interior ministers. Other national cabinet posts get a role
from their English title: ``src/title_roles.tsv`` (ordered patterns: deputies, vice
presidents, chiefs of the general staff, spokespersons, junior ministers, or a minister of a
portfolio) and ``src/portfolios.tsv`` (portfolio words -> ``<portfolio>_minister``, e.g.
"Minister of Trade and Industry" -> trade_minister and industry_minister). Any other position
is ignored. Spells overlapping 1990-2026 are kept, overlapping or contiguous spells of
one person in one role are merged, and spells shorter than 30 days (acting holders) are
left out.

Outputs (``src/``, sorted, deterministic):

* ``wikidata_people.tsv``   qid, country key, English label, Arabic label;
* ``wikidata_offices.tsv``  qid, role, of-key, start, end, position QID;
* ``wikidata_positions.tsv`` the posts mapped by title: position QID, role(s), of-key,
                            repository, title (same columns as position_roles.tsv).
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

from dates import lower_bound, upper_bound

SRC = Path(__file__).resolve().parent / "src"
FIRST_YEAR, LAST_YEAR = 1990, 2026
# Spells shorter than this (after merging) are mostly acting or caretaker holders for a few days:
# left out, since a text's "the US foreign minister" would then have two candidates.
MIN_DAYS = 30
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Wikidata time precision -> length of the ISO prefix kept (year, month, day).
PRECISION_LEN = {9: 4, 10: 7, 11: 10}
# A title naming more portfolios than this ("education, culture, sports, science and technology")
# keeps its first ones: enough to find the holder from "the culture minister".
MAX_PORTFOLIOS = 3


def read_table(name: str, ncols: int) -> list[list[str]]:
    """Return the rows of a tab-separated table in src/, skipping comments and blank lines."""
    rows = []
    for lineno, line in enumerate((SRC / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != ncols:
            raise SystemExit(f"{name}:{lineno}: expected {ncols} columns, got {len(cells)}")
        rows.append([c.strip() for c in cells])
    return rows


class Repo:
    """One pinned source repository inside the mirror directory."""

    def __init__(self, mirror: Path, name: str, commit: str) -> None:
        owner, repo = name.split("/")
        base = mirror / f"{owner}+{repo}" / "repo"
        self.git_dir = base / ".git" if (base / ".git").is_dir() else base
        if not self.git_dir.is_dir():
            raise SystemExit(f"{name}: no git directory at {base}")
        self.name, self.commit = name, commit
        self._cache: dict[str, str | None] = {}

    def read(self, path: str) -> str | None:
        """Return the text of *path* at the pinned commit, or None when it is absent."""
        if path not in self._cache:
            self._cache[path] = self._show(path)
        return self._cache[path]

    def _show(self, path: str) -> str | None:
        """Return the text of *path* at the pinned commit read from git, or None when it is absent."""
        res = subprocess.run(["git", "--git-dir", str(self.git_dir), "show", f"{self.commit}:{path}"],
                             capture_output=True)
        if res.returncode != 0:
            return None
        return res.stdout.decode("utf-8")


def clean_date(value: str) -> str:
    """Return an ISO date of year, month or day precision, or "" when *value* is not one."""
    value = value.strip()
    return value if DATE_RE.match(value) and not value.startswith("0") else ""


def wikidata_time(qualifier: list) -> str:
    """Return the ISO date of a P580/P582 qualifier value list, cut to its precision."""
    for item in qualifier or ():
        if not isinstance(item, dict) or item.get("before") or item.get("after"):
            continue
        size = PRECISION_LEN.get(item.get("precision"))
        text = str(item.get("time", "")).lstrip("+")
        if size and len(text) >= size:
            return clean_date(text[:size])
    return ""


def in_period(start: str, end: str) -> bool:
    """Return whether a spell with a known start overlaps FIRST_YEAR..LAST_YEAR."""
    if not start or int(start[:4]) > LAST_YEAR:
        return False
    if end and (int(end[:4]) < FIRST_YEAR or upper_bound(end) < lower_bound(start)):
        return False
    return True


def merge_spells(spells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return spells with overlapping or contiguous (next day) ones merged, by start."""
    out: list[list[str]] = []
    for start, end in sorted(set(spells), key=lambda s: (lower_bound(s[0]), s[0], s[1])):
        if out:
            last = out[-1]
            if not last[1] or lower_bound(start) <= upper_bound(last[1]) + timedelta(days=1):
                if last[1] and (not end or upper_bound(end) > upper_bound(last[1])):
                    last[1] = end
                continue
        out.append([start, end])
    return [(s, e) for s, e in out]


def latin_name(name: str) -> bool:
    """Return whether *name* is written in Latin letters (an English label, not a fallback)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def plain_label(label: str) -> str:
    """Return a Wikidata label with page-title underscores as spaces ("إبراهيم_حسن_الحواج") and spaces collapsed."""
    return " ".join(label.replace("_", " ").split())


Spells = dict[tuple[str, str, str], set[tuple[str, str]]]


def read_roles() -> dict[str, tuple[list[str], str]]:
    """Return position QID -> (geokg roles, of-key) from the reviewed position_roles.tsv."""
    roles: dict[str, tuple[list[str], str]] = {}
    for qid, role, of, _repo, _title in read_table("position_roles.tsv", 5):
        if not QID_RE.match(qid) or qid in roles:
            raise SystemExit(f"position_roles.tsv: bad or repeated position {qid}")
        roles[qid] = (role.split("|"), of)
    return roles


class Titles:
    """Role of a national cabinet post from its English title: title_roles.tsv, then portfolios.tsv."""

    def __init__(self) -> None:
        self.rules = [(re.compile(p), r) for p, r in read_table("title_roles.tsv", 2)]
        self.portfolios = [(re.compile(p), name) for p, name in read_table("portfolios.tsv", 2)]

    def roles(self, title: str) -> list[str]:
        """Return the geokg roles of a post titled *title* (empty when it is not imported)."""
        title = " ".join(title.lower().split())
        for pattern, role in self.rules:
            if pattern.match(title):
                if role == "-":
                    return []
                return self.portfolio_roles(title) if role == "portfolio" else [role]
        return []

    def portfolio_roles(self, title: str) -> list[str]:
        """Return <portfolio>_minister for the portfolios the title names, in order (at most three)."""
        found: dict[str, int] = {}
        for pattern, name in self.portfolios:
            m = pattern.search(title)
            if m:
                found[name] = min(found.get(name, m.start()), m.start())
        named = [n for n in sorted(found, key=lambda n: (found[n], n)) if n != "-"][:MAX_PORTFOLIOS]
        return [f"{n}_minister" for n in named] or ["minister"]


class Found:
    """What the repositories say: spells per (person, role, of), their positions, names and states."""

    def __init__(self, roles: dict[str, tuple[list[str], str]]) -> None:
        self.roles = roles
        self.spells: Spells = defaultdict(set)
        self.positions: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.label_en: dict[str, str] = {}
        self.label_ar: dict[str, str] = {}
        self.country: dict[str, set[str]] = defaultdict(set)
        self.by_title: dict[str, tuple[list[str], str, str, str]] = {}  # posts mapped by title, for review

    def add(self, person: str, position: str, start: str, end: str, national: bool) -> None:
        """Record one spell of *person* in *position* if it is a Wikidata person in the period."""
        role_list, of = self.roles[position]
        if not QID_RE.match(person) or not in_period(start, end):
            return
        for role in role_list:
            self.spells[(person, role, of)].add((start, end))
            self.positions[(person, role, of)].add(position)
        if national and len(of) == 2:  # of is a state's ISO code
            self.country[person].add(of)

    def map_repo(self, repo: Repo, titles: Titles) -> None:
        """Give the national cabinet posts of *repo* that position_roles.tsv leaves out a role by title.

        Only posts of the repository's own jurisdiction (per html/positions.csv, where present)
        are mapped; they are posts of the state its reviewed positions belong to.
        """
        meta = json.loads(repo.read("meta.json") or "{}")
        jurisdiction = meta.get("jurisdiction", {}).get("id", "")
        wanted = list(csv.DictReader(io.StringIO(repo.read("wikidata/wanted-positions.csv") or "")))
        states = Counter(self.roles[r["position"]][1] for r in wanted if r["position"] in self.roles)
        states = Counter({k: n for k, n in states.items() if len(k) == 2})
        if not jurisdiction or not states:
            return
        of = min(states, key=lambda k: (-states[k], k))
        elsewhere = {r["id"] for r in csv.DictReader(io.StringIO(repo.read("html/positions.csv") or ""))
                     if r["jurisdiction"] and r["jurisdiction"] != jurisdiction}
        for r in wanted:
            position = r["position"]
            if position in self.roles or position in elsewhere or not QID_RE.match(position):
                continue
            roles = titles.roles(r["title"])
            if roles:
                self.roles[position] = (roles, of)
                self.by_title[position] = (roles, of, repo.name.split("/")[1], " ".join(r["title"].split()))

    def read_repo(self, repo: Repo) -> None:
        """Record the spells, labels and states of one pinned repository."""
        wanted = repo.read("wikidata/wanted-positions.csv")
        holders = repo.read("html/holders21.csv")
        if wanted is None or holders is None:
            raise SystemExit(f"{repo.name}: wanted-positions.csv or holders21.csv missing at {repo.commit}")
        meta = repo.read("meta.json")
        if meta is None and not repo.name.endswith("/world"):
            raise SystemExit(f"{repo.name}: meta.json missing at {repo.commit}")
        # Repositories with a jurisdiction hold one state's posts; the others (world) hold IGO posts.
        national = bool(meta and json.loads(meta).get("jurisdiction", {}).get("id"))
        title2pos = {r["title"]: r["position"] for r in csv.DictReader(io.StringIO(wanted))}
        for r in csv.DictReader(io.StringIO(holders)):
            position = title2pos.get(r["position"], "")
            if position not in self.roles:
                continue
            person = r["personID"].strip()
            self.add(person, position, clean_date(r["start"]), clean_date(r["end"]), national)
            if latin_name(r["person"]) and person not in self.label_en:
                self.label_en[person] = plain_label(r["person"])
        for line in (repo.read("html/raw/bio.json") or "").splitlines():
            if line.strip():
                self.read_entity(json.loads(line), national)

    def read_entity(self, item: dict, national: bool) -> None:
        """Record the labels and P39 spells of one Wikidata entity dump."""
        person = item.get("id", "")
        labels = item.get("labels", {})
        if labels.get("en"):
            self.label_en[person] = plain_label(labels["en"])  # the entity's own English label wins
        if labels.get("ar"):
            self.label_ar[person] = plain_label(labels["ar"])
        for claim in item.get("claims", {}).get("P39", ()):
            if claim.get("value") in self.roles and claim.get("rank") != "deprecated":
                q = claim.get("qualifiers", {})
                self.add(person, claim["value"], wikidata_time(q.get("P580")), wikidata_time(q.get("P582")), national)

    def office_rows(self) -> list[tuple[str, ...]]:
        """Return the merged spells of named people, acting spells left out, sorted."""
        rows = []
        for (person, role, of), found in self.spells.items():
            if person not in self.label_en:
                continue  # no English label: nothing to name the person by
            pos = "|".join(sorted(self.positions[(person, role, of)], key=lambda p: int(p[1:])))
            for start, end in merge_spells(list(found)):
                if end and (lower_bound(end) - upper_bound(start)).days < MIN_DAYS:
                    continue
                rows.append((person, role, of, start, end, pos))
        rows.sort(key=lambda r: (int(r[0][1:]), r[1], r[2], r[3], r[4]))
        return rows


def write_tables(found: Found, office_rows: list[tuple[str, ...]]) -> list[str]:
    """Write wikidata_people.tsv and wikidata_offices.tsv; return the people written."""
    people = sorted({r[0] for r in office_rows}, key=lambda q: int(q[1:]))
    header = "# Generated by import_offices.py from Wikidata-derived snapshots (see SOURCES.md); do not edit.\n"
    with open(SRC / "wikidata_people.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# qid\tcountry\tlabel_en\tlabel_ar\n")
        for q in people:
            c = sorted(found.country[q])
            f.write(f"{q}\t{c[0] if len(c) == 1 else ''}\t{found.label_en[q]}\t{found.label_ar.get(q, '')}\n")
    with open(SRC / "wikidata_offices.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# qid\trole\tof\tstart\tend\tposition\n")
        for row in office_rows:
            f.write("\t".join(row) + "\n")
    with open(SRC / "wikidata_positions.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# Posts mapped by title (title_roles.tsv, portfolios.tsv), beside the reviewed position_roles.tsv.\n")
        f.write("# position\trole\tof\trepository\ttitle\n")
        for position, (roles, of, repo, title) in sorted(found.by_title.items(), key=lambda kv: int(kv[0][1:])):
            f.write(f"{position}\t{'|'.join(roles)}\t{of}\t{repo}\t{title}\n")
    return people


def main(argv: list[str]) -> int:
    """Read every pinned repository and write the two derived tables; return the exit code."""
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    found = Found(read_roles())
    repos = [Repo(Path(argv[1]), name, commit) for name, commit in read_table("wikidata_sources.tsv", 2)]
    titles = Titles()
    for repo in repos:  # every post mapped before any spell is read: bio.json cites other repositories' posts
        found.map_repo(repo, titles)
    for repo in repos:
        found.read_repo(repo)
    office_rows = found.office_rows()
    people = write_tables(found, office_rows)
    with_ar = sum(1 for q in people if found.label_ar.get(q))
    print(f"people: {len(people)} (Arabic label: {with_ar}); offices: {len(office_rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
