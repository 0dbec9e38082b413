"""The `kg` click group and the one place library errors become messages and exit codes."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import KGError
from kg.store.location import STORE_ENV, default_location

F = TypeVar("F", bound=Callable[..., Any])


class KGClickException(click.ClickException):
    """A library error shown as `Error: ...` with the exit code its class documents."""

    def __init__(self, error: KGError) -> None:
        super().__init__(shown(str(error), keep_newlines=True))  # names in it printed safely
        self.exit_code = error.exit_code  # type: ignore[misc]  # click reads it to end the process


def shown(text: str, *, keep_newlines: bool = False) -> str:
    """Text as it may reach a terminal: control characters (a file name's newline, an ANSI
    escape that would recolour or rewrite the screen) written as escapes, e.g. \\x1b, \\n."""
    return "".join(c if c.isprintable() or c == " " or (keep_newlines and c == "\n")
                   else c.encode("unicode_escape").decode("ascii") for c in text)


def shown_message(message: str, name: str) -> str:
    """A multi-line message naming `name`: the name escaped whole (newline included), the rest
    of the message keeping its own line breaks."""
    return shown(message.replace(name, shown(name)), keep_newlines=True)


def handle_errors(func: F) -> F:
    """Turn `KGError` into a one-line message and its exit code; tracebacks only with KG_DEBUG=1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            if os.environ.get("KG_DEBUG"):
                raise
            raise KGClickException(exc) from exc

    return wrapper  # type: ignore[return-value]


def store_option(func: F) -> F:
    """--store PATH|URL, defaulting to $KG_STORE or ./kg-store."""
    return click.option(
        "--store", "store", metavar="PATH|URL", default=None,
        help=f"Store folder, or the URL of a SPARQL 1.1 server (default: ${STORE_ENV} or ./kg-store).",
    )(func)


def resolve_store(store: str | None) -> str:
    return store or default_location()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Climate-diplomacy readouts → a SHACL-checked knowledge graph you can query and export.

    Exit codes: 0 ok; 1 data rejected or not conforming; 2 usage error or unreadable
    input; 3 the store or a server failed.
    """
