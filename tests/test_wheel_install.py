"""The wheel works installed as a user installs it: built from the source tree, put in a fresh
virtual environment outside the checkout, and run from another folder.

`pip install climate-kg` and `pipx install .` install the wheel, not the source tree, so the
ontology, the named questions and the examples must travel inside it (setup.py copies them
to kg/_data/). This test builds the wheel from a copy of the project's files, installs it
with its dependencies into a new venv in a temporary folder and runs `kg load` on the
checkout's examples and `kg query` there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
SOURCE_FOLDERS = ("kg", "ontology", "queries", "examples")


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False)
    assert done.returncode == 0, f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding the wheel built from this checkout."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # a copy, so the build leaves nothing in the checkout
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy2(ROOT / name, source / name)
    for name in SOURCE_FOLDERS:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(source)], cwd=base)
    wheel = next(dist.glob("climate_kg-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "kg/_data/ontology/shapes.ttl" in names
    assert "kg/_data/queries/posts-by-country.rq" in names
    assert "kg/_data/queries/views/full.rq" in names
    assert "kg/query/page/index.html" in names and "kg/export/page/explorer.js" in names

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=base)
    return venv / "bin"


def _user_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_HOME", "PYTHONPATH")}
    return env


def test_the_installed_kg_loads_the_examples_and_answers_from_another_folder(installed: Path,
                                                                           tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _user_env()
    # the kg of the venv, not of the checkout: its package lives in the venv's site-packages
    where = _run([str(installed / "python"), "-c", "import kg, sys; print(kg.__file__)"], cwd=work, env=env)
    assert str(installed.parent) in where.stdout and str(ROOT) not in where.stdout

    loaded = _run([str(installed / "kg"), "load", str(ROOT / "examples"), "--store", "store"], cwd=work, env=env)
    assert "4 loaded, 0 unchanged, 0 rejected, 0 failed" in loaded.stdout

    answer = _run([str(installed / "kg"), "query", "posts-by-country", "--store", "store", "--format", "csv"],
                  cwd=work, env=env)
    rows = answer.stdout.strip().splitlines()
    assert rows[0].startswith("country,") and len(rows) > 3

    listed = _run([str(installed / "kg"), "queries"], cwd=work, env=env)
    assert "meetings-between" in listed.stdout
