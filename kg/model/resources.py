"""Where the project's data files are: ontology/, queries/ and examples/.

Looked for, in order: under $KG_HOME when it is set (files kept apart from the code); in
the installed package as `kg/_data/<folder>` (a wheel carries copies there, see setup.py);
in the source tree beside `kg/` (`pip install -e .` or a checkout). The top-level folders
of the source tree are the ones people edit.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError

_PACKAGE = Path(__file__).resolve().parents[1]  # the kg package folder
BUNDLED = _PACKAGE / "_data"  # where a wheel puts the data folders


def project_root() -> Path:
    """The folder holding ontology/, queries/ and examples/."""
    home = os.environ.get("KG_HOME")
    if home:
        return Path(home)
    return BUNDLED if (BUNDLED / "ontology").is_dir() else _PACKAGE.parent


def _folder(name: str) -> Path:
    path = project_root() / name
    if not path.is_dir():
        raise KGError(f"{path}: folder missing; reinstall climate-kg (its wheel carries {name}/) "
                      f"or set KG_HOME to a folder holding it")
    return path


def ontology_dir() -> Path:
    return _folder("ontology")


def queries_dir() -> Path:
    return _folder("queries")


def examples_dir() -> Path:
    return _folder("examples")
