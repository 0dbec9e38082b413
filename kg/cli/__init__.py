"""The `kg` command line: thin click commands over the library.

Each module registers its commands on the group in `kg.cli.base`; each command parses
options, makes one library call and formats the result.
"""

from __future__ import annotations

from kg.cli import backup, exports, forums, people, queries, readouts  # noqa: F401  (registers the commands)
from kg.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli()
