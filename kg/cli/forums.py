"""kg forums: the forums in the store, and pairs that are likely one forum, to review."""

from __future__ import annotations

import json
from typing import Any

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.store.location import open_store


@cli.command()
@store_option
@click.option("--duplicates", is_flag=True,
              help="List pairs of forums that are likely one forum, and names that are not forums, with the evidence.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def forums(store: str | None, duplicates: bool, fmt: str) -> None:
    """List the forums readouts name, with their aliases and how many readouts name them."""
    with open_store(resolve_store(store), create=False, read_only=True) as st:
        _print_forums(st, duplicates, fmt)


def _print_forums(st: Any, duplicates: bool, fmt: str) -> None:
    from kg.query.review import forum_rows, likely_duplicate_forums, non_forums

    if duplicates:
        findings = likely_duplicate_forums(st) + non_forums(st)
        if fmt == "json":
            click.echo(json.dumps([{"a": f.a, "b": f.b, "reason": f.reason} for f in findings], indent=2,
                                  ensure_ascii=False))
            return
        for f in findings:
            click.echo(f"{f.a}  {f.b}  ({f.reason})" if f.a != f.b else f"{f.a}  ({f.reason})")
        click.echo(f"{len(findings)} forums to review")
        return
    rows = [row for row in forum_rows(st) if row[3] > 0]  # what readouts name (not every COP of the reference data)
    if fmt == "json":
        click.echo(json.dumps([{"forum": iri, "name": name, "aliases": aliases, "readouts": n}
                               for iri, name, aliases, n in rows], indent=2, ensure_ascii=False))
        return
    for _iri, name, aliases, n in rows:
        also = f"  (also: {'; '.join(aliases)})" if aliases else ""
        click.echo(f"{name:<48} {n:>3} readouts{also}")
    click.echo(f"{len(rows)} forums")
