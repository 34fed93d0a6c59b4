"""Every command and Python snippet of the README runs on the demo store and answers something.

The README is the first thing a user tries: each ``geokg`` line of its shell examples (after the
two setup commands) and each Python snippet runs here, in a scratch folder whose store is the
demo corpus of README command 1, and must exit 0 with non-empty output (printed, or written to
the file it names). Lines that need what a test machine lacks are listed with the reason.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from geokg.cli import cli
from tests.support.demo import ingest_into
from tests.support.paths import EXAMPLES, README, ROOT

TEXT = README.read_text(encoding="utf-8")
SHELL_BLOCKS = re.findall(r"^```bash\n(.*?)^```", TEXT, flags=re.S | re.M)[2:]  # the first two set up and test

#: Lines that cannot run here, and why.
NOT_HERE = {
    "geokg ingest news/": "a folder the user has",
    "geokg ingest --glob": "a site the user has",
    "geokg ingest --field": "a dump the user has",
    "curl ": "the network",
    "oxigraph serve": "a long-running server (tests/graph/store/test_serve.py runs one)",
    "geokg ingest --store http": "that server",
    "geokg query --store http": "that server",
    "geokg serve": "a long-running server (tests/graph/store/test_serve.py runs one)",
    "geokg eval ../shared": "the shared data beside the checkout (tests/extract/test_seed.py)",
    "python benchmarks/": "minutes of benchmarking",
    "pip install": "it changes the environment",
    "dask scheduler": "a long-running Dask scheduler (tests/test_cluster.py starts a cluster)",
    "dask worker": "that scheduler",
    "geokg ingest --cluster local": "a folder the user has (tests/test_cluster.py ingests on a cluster)",
    "geokg ingest --cluster tcp": "that scheduler",
    "geokg extract-corpus --cluster": "a Dask cluster and a folder the user has (tests/test_cluster.py)",
    "geokg load ": "the shards of that folder (tests/test_corpus.py)",
}


def _lines() -> list[str]:
    """Return every shell line of the examples, comments stripped."""
    lines = []
    for block in SHELL_BLOCKS:
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line:
                lines.append(line)
    return lines


RUNNABLE = [line for line in _lines() if not any(line.startswith(prefix) for prefix in NOT_HERE)]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> str:
    """Return the store README command 1 makes: the example articles, nothing else."""
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('readme-store') / 'store'}", [EXAMPLES])


@pytest.fixture(scope="module")
def scratch(demo_store, tmp_path_factory) -> Path:
    """Return a scratch folder where the README's relative paths resolve (examples/, tests/)."""
    folder = tmp_path_factory.mktemp("readme")
    for name in ("examples", "tests"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def _env(demo_store: str) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "GEOKG_STORE": demo_store, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def _succeeds(command: list[str], scratch: Path, demo_store: str) -> subprocess.CompletedProcess:
    """Return the finished *command*, run in *scratch* on the demo store, after checking it exited 0."""
    result = subprocess.run(command, cwd=scratch, env=_env(demo_store), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{command[-1]}\n{result.stderr}"
    return result


def test_readme_examples_are_found_and_few_are_skipped():
    assert len(RUNNABLE) >= 15
    assert len(_lines()) - len(RUNNABLE) <= len(NOT_HERE) + 2


@pytest.mark.parametrize("line", RUNNABLE)
def test_readme_shell_line_answers(line, scratch, demo_store):
    result = _succeeds(["bash", "-c", line], scratch, demo_store)
    words = shlex.split(line)
    written = [words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-o", "--output", ">")]
    if written:
        assert all((scratch / name).stat().st_size > 0 for name in written), line
    else:
        assert result.stdout.strip(), f"{line} printed nothing"


@pytest.mark.parametrize("snippet", re.findall(r"^```python\n(.*?)^```", TEXT, flags=re.S | re.M))
def test_readme_python_snippet_runs(snippet, scratch, demo_store):
    if "SPARQLWrapper" in snippet:
        pytest.skip("needs `geokg serve` running (tests/graph/store/test_serve.py queries it the same way)")
    _succeeds([sys.executable, "-c", snippet], scratch, demo_store)


def test_readme_help_examples_run_too(scratch, demo_store):
    """The examples in each command's --help are README-grade too: the demo store answers them."""
    examples = [line.strip() for command in cli.commands.values() for line in (command.help or "").splitlines()
                if line.strip().startswith("geokg ") and not any(line.strip().startswith(p) for p in NOT_HERE)]
    skipped_for_input = ("ingest", "eval", "serve", "--store oxigraph:/data", "-f members.rq", "curl")
    ran = 0
    for line in examples:
        if any(word in line for word in skipped_for_input):
            continue
        _succeeds(["bash", "-c", line], scratch, demo_store)
        ran += 1
    assert ran >= 10
