"""Where the project's data files are: ontology/, queries/ and examples/ beside the package.

The project is installed from its source tree (`pip install -e .`), so these folders are
found next to `kg/`; KG_HOME points elsewhere when the files live apart from the code.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError


def project_root() -> Path:
    home = os.environ.get("KG_HOME")
    return Path(home) if home else Path(__file__).resolve().parents[2]


def _folder(name: str) -> Path:
    path = project_root() / name
    if not path.is_dir():
        raise KGError(f"{path}: folder missing; install the project from its source tree or set KG_HOME")
    return path


def ontology_dir() -> Path:
    return _folder("ontology")


def queries_dir() -> Path:
    return _folder("queries")


def examples_dir() -> Path:
    return _folder("examples")
