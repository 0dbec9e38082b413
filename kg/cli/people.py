"""kg people: the people in the store, and likely duplicates to review."""

from __future__ import annotations

import json
from typing import Any

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.store.location import open_store


@cli.command()
@store_option
@click.option("--country", metavar="CODE", help="Only people representing this actor (ISO code or EU).")
@click.option("--duplicates", is_flag=True, help="List pairs of people that are likely the same person.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def people(store: str | None, country: str | None, duplicates: bool, fmt: str) -> None:
    """List people with the actor they represent and the posts they hold."""
    with open_store(resolve_store(store), create=False, read_only=True) as st:
        _print_people(st, country, duplicates, fmt)


def _print_people(st: Any, country: str | None, duplicates: bool, fmt: str) -> None:
    if duplicates:
        from kg.query.people import likely_duplicate_people, list_people

        pairs = likely_duplicate_people(st)
        # the evidence beside each node: its name, actor, posts and how many readouts name it
        seen = {row.iri: row for row in list_people(st)}

        def evidence(iri: str) -> dict[str, Any]:
            row = seen.get(iri)
            return {"name": row.name, "actor": row.actor, "posts": row.roles, "readouts": row.readouts} if row else {}

        if fmt == "json":
            click.echo(json.dumps([{"a": a, "b": b, "reason": why, "a_evidence": evidence(a), "b_evidence": evidence(b)}
                                   for a, b, why in pairs], indent=2, ensure_ascii=False))
            return
        for a, b, why in pairs:
            click.echo(f"{a}  {b}  ({why})")
            for e in (evidence(a), evidence(b)):
                if e:
                    click.echo(f"    {e['name']} [{e['actor'] or '-'}] {'; '.join(e['posts']) or '-'}, {e['readouts']} readouts")
        click.echo(f"{len(pairs)} likely duplicate pairs")
        return
    from kg.query.people import list_people

    rows = list_people(st, country.upper() if country else None)
    if fmt == "json":
        click.echo(json.dumps([row.__dict__ for row in rows], indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row.actor or '-':<6} {row.name:<32} {'; '.join(row.roles) or '-'}  ({row.readouts} readouts)")
    click.echo(f"{len(rows)} people")
