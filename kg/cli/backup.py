"""kg commands for backups: dump and restore."""

from __future__ import annotations

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.cli.progress import StepProgress
from kg.store.location import open_store


@cli.command()
@store_option
@click.option("--output", "-o", "output", metavar="FILE", default="-", show_default=True,
              help="Where to write the backup (- for standard output).")
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default=None,
              help="N-Quads (default) or TriG; a .trig output name also picks TriG.")
@handle_errors
def dump(store: str | None, output: str, fmt: str | None) -> None:
    """Write the whole store (every named graph and the default graph) as N-Quads or TriG.

    The store is read as a snapshot, so a dump works while a load runs. A dump to a file is
    written beside it and renamed into place when complete.
    """
    from kg.store.backup import dump_store

    st = open_store(resolve_store(store), create=False, read_only=True)
    summary = dump_store(st, output, fmt)
    if summary.location != "-":
        click.echo(f"dumped {summary.quads} quads in {summary.graphs} named graphs to {summary.location}", err=True)


@cli.command()
@click.argument("file", metavar="FILE")
@store_option
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="nquads, trig, turtle, nt, xml, trix or json-ld (default: from the file name).")
@click.option("--force", is_flag=True,
              help="Replace the whole content of a store that is not empty (in one transaction).")
@click.option("--any-rdf", is_flag=True,
              help="Read RDF that kg dump did not write (no trailer to check) into an empty store.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and errors (no progress).")
@handle_errors
def restore(file: str, store: str | None, fmt: str | None, force: bool, any_rdf: bool, quiet: bool) -> None:
    """Read a backup made by `kg dump` back into an empty store.

    The file must be a complete kg dump: its last line, written by `kg dump`, gives the count
    of quads and a checksum, and a file cut short or altered is refused before anything is
    touched. The whole file is parsed before anything is written, and written in one
    transaction: a broken backup leaves the store as it was. RDF that declares XML entities or names a
    remote JSON-LD context is refused. A store that is not empty is refused unless --force.
    """
    from kg.store.backup import restore_store

    st = open_store(resolve_store(store))
    with StepProgress("restore", 2, quiet=quiet) as step:
        summary = restore_store(st, file, fmt, force=force, any_rdf=any_rdf, progress=step)
    click.echo(f"restored {summary.quads} quads in {summary.graphs} named graphs from {summary.location}")
