"""Build hook: the wheel carries the project's data folders inside the package.

`ontology/`, `queries/` and `examples/` stay top-level folders of the source tree (the
single source of truth that people edit); building a wheel copies them to `kg/_data/` so an
installed `kg` (`pip install .`, `pipx install`) finds them beside its code
(kg/model/resources.py looks there first, then in the source tree).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("ontology", "queries", "examples")
ROOT = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    """build_py, then the data folders copied into the built package as kg/_data/<folder>."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the source tree itself
            return
        target = Path(self.build_lib) / "kg" / "_data"
        for name in DATA_FOLDERS:
            source = ROOT / name
            if not source.is_dir():  # an sdist carries them (MANIFEST.in); nothing else to do
                continue
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildPyWithData})
