"""Every `kg` example of the README answers on the data the README loads (examples/).

The README's command lines are read from its code blocks, run in a folder holding a store
loaded from examples/ (as `kg load examples/` does), and each must succeed and give
something: a query at least one row, an export a non-empty file with nodes, any other
command some output. Lines that need another server (`--store http://…`), serve forever
(`kg serve`) or stand for a user's own folder (`readouts/`) are left out, by rule below.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from kg_process import served_endpoint

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def readme_commands(program: str = "kg") -> list[str]:
    """The `kg ...` (or `curl ...`) lines of the README's code blocks, comments stripped."""
    commands: list[str] = []
    in_block = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block = not in_block
            continue
        stripped = line.strip()
        if in_block and stripped.startswith(program + " "):
            commands.append(re.sub(r"\s+#.*$", "", stripped))
    return commands


def _left_out(command: str) -> str | None:
    if "--store http" in command:
        return "needs a SPARQL server"
    if command.startswith("kg serve"):
        return "serves until stopped (tests/test_serve*.py cover it)"
    if command.startswith("kg load readouts/"):
        return "a user's own folder"
    return None


COMMANDS = [c for c in readme_commands() if _left_out(c) is None]


def test_the_readme_has_examples_and_they_are_found() -> None:
    assert len(COMMANDS) >= 15
    assert any(c.startswith("kg query meetings-between") for c in COMMANDS)
    assert any(c.startswith("kg export") for c in COMMANDS)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder like the checkout a README reader is in: examples/, queries/, a loaded store."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").symlink_to(ROOT / "examples")
    (folder / "queries").symlink_to(ROOT / "queries")
    before = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["load", "examples/", "--store", "./kg-store", "--quiet"])
        assert result.exit_code == 0, result.output
        yield folder
    finally:
        os.chdir(before)


def _rows(csv_text: str) -> int:
    return max(0, len(list(csv.reader(io.StringIO(csv_text)))) - 1)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_example_answers(workdir: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("KG_STORE", str(workdir / "kg-store"))
    args = shlex.split(command)[1:]
    if args[0] == "load":
        args += ["--quiet"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, f"{command}: exit {result.exit_code}: {result.output}"
    if args[0] == "query" and "--explain" not in args:
        if "--format" in args or "-f" in args:
            assert result.output.strip(), command
        again = CliRunner().invoke(cli, [*(a for a in args if a not in ("--format", "-f", "csv")), "--format", "csv"])
        assert again.exit_code == 0, again.output
        assert _rows(again.output) >= 1, f"{command}: no rows\n{result.output}"
    elif args[0] in ("export", "dump") and "-o" in args:
        out = workdir / args[args.index("-o") + 1]
        assert out.is_file() and out.stat().st_size > 0, command
        assert " 0 nodes" not in result.output and "wrote 0 " not in result.output, result.output
    else:
        assert result.output.strip(), command


CURLS = readme_commands("curl")
README_ENDPOINT = "http://127.0.0.1:7879"


def test_the_readme_has_curl_examples() -> None:
    assert len(CURLS) >= 3 and all(README_ENDPOINT in c for c in CURLS)


@pytest.fixture(scope="module")
def served(workdir: Path) -> Iterator[str]:
    """`kg serve` over the README's store, on a free port (the README says 7879)."""
    with served_endpoint(workdir / "kg-store") as url:
        yield url.removesuffix("/sparql")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
@pytest.mark.parametrize("command", CURLS)
def test_every_readme_curl_example_answers(served: str, command: str) -> None:
    args = [a.replace(README_ENDPOINT, served) for a in shlex.split(command)]
    done = subprocess.run([args[0], "--noproxy", "*", "-sS", "--fail-with-body", *args[1:]], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, f"{command}: {done.stderr}{done.stdout}"
    body = done.stdout.split("\n\n", 1)[-1] if "-i" in args else done.stdout  # text mode: CRLF read as LF
    if "format=csv" in command or "text/csv" in command:
        assert _rows(body) >= 1, body
    elif body.lstrip().startswith("["):
        assert json.loads(body), body
    else:
        assert json.loads(body)["results"]["bindings"], body

