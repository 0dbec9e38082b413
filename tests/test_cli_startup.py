"""`kg --help` and `kg --version` start fast because the command line loads no heavy library
until a command runs (the time itself is measured by bench/startup.py, not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rdflib", "pyoxigraph", "networkx", "numpy", "pyshacl", "pycountry")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_loading_the_command_line_imports_no_heavy_library() -> None:
    loaded = _modules_after("import kg.cli")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_help_and_version_run_without_heavy_libraries() -> None:
    for args in (["--help"], ["--version"], ["export", "--help"], ["query", "--help"]):
        code = ("from click.testing import CliRunner\nfrom kg.cli import cli\n"
                f"r = CliRunner().invoke(cli, {args!r})\nassert r.exit_code == 0, r.output")
        loaded = _modules_after(code)
        assert not {m for m in loaded if m.split(".")[0] in HEAVY}, args


def test_a_command_still_loads_what_it_needs() -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["queries"])
    assert result.exit_code == 0 and "meetings-between" in result.output
