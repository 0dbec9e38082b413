"""kg commands for readouts: load, extract, validate, readouts, remove, stats."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from kg.cli.base import cli, handle_errors, resolve_store, shown, shown_message, store_option
from kg.cli.progress import ItemProgress, StepProgress
from kg.store.location import open_store

if TYPE_CHECKING:
    from kg.loader import LoadOutcome

# The library is imported inside each command: `kg --help` then loads none of it.


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option
@click.option("--allow-empty", is_flag=True, help="Load texts in which no readout content was found.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for reading and extraction; writes stay serialized.")
@click.option("--max-bytes", type=click.IntRange(1), default=None, metavar="N",
              help="Refuse input files larger than N bytes (default: $KG_MAX_BYTES or 5 MB).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and errors.")
@handle_errors
def load(paths: tuple[str, ...], store: str | None, allow_empty: bool, jobs: int, max_bytes: int | None,
         quiet: bool) -> None:
    """Load readouts (files, folders, or - for stdin) into the store.

    Each readout is extracted, mapped to RDF, checked against the SHACL shapes and stored
    as its own named graph in one transaction; a readout that does not conform is
    rejected and the store keeps what it had. Exit code 1 if any input was rejected.
    """
    from kg.loader import load_paths

    errors: list[LoadOutcome] = []
    # on a terminal a bar (count, rate, time left) on stderr; otherwise a line per readout
    bar = ItemProgress("loading", "readouts", quiet=quiet)

    def report(outcome: LoadOutcome) -> None:
        if outcome.status in ("rejected", "failed"):
            errors.append(outcome)
            bar.message(f"Error: {shown_message(outcome.message or '', outcome.source)}")
            bar.advance()
        else:
            bar.advance(f"{outcome.status}: {shown(outcome.source)} -> {outcome.readout} ({outcome.triples} triples)")

    with bar, open_store(resolve_store(store)) as st:
        summary = load_paths(st, paths, allow_empty=allow_empty, jobs=jobs, max_bytes=max_bytes, progress=report,
                             on_start=bar.start)
    for readout in summary.repaired:
        click.echo(f"note: {st.location}: the write of {readout} had broken off; the repair removed it "
                   "(load its file again if this load did not)", err=True)
    click.echo(
        f"{summary.count('loaded')} loaded, {summary.count('unchanged')} unchanged, "
        f"{summary.count('rejected')} rejected, {summary.count('failed')} failed"
    )
    if not summary.ok:
        sys.exit(1 if all(o.status == "rejected" for o in errors) else 3)


@cli.command()
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(["json", "turtle"]), default="json", show_default=True,
              help="json: the readout record (GUIDE.md's contract); turtle: the readout's RDF graph.")
@click.option("--with-text", is_flag=True, help="Include the normalised text the evidence offsets point into.")
@handle_errors
def extract(file: str, fmt: str, with_text: bool) -> None:
    """Print what a readout says (FILE, or - for stdin), without storing anything."""
    from kg.loader import prepare, record_of
    from kg.model.record_json import record_to_json
    from kg.read.sources import read_path

    doc = read_path(file)
    if fmt == "json":
        record = record_of(doc)
        click.echo(json.dumps(record_to_json(record, with_text=with_text), ensure_ascii=False, indent=2))
    else:
        prepared = prepare(doc, allow_empty=True)
        click.echo(prepared.graph.serialize(format="turtle"))


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr; the report still prints.")
@handle_errors
def validate(store: str | None, fmt: str, quiet: bool) -> None:
    """Validate the whole store against the SHACL shapes. Exit code 1 if it does not conform."""
    from kg.store.stats import validate_store

    with open_store(resolve_store(store), create=False, read_only=True) as st, \
            StepProgress("validate", 2, quiet=quiet) as step:
        report = validate_store(st, progress=step)
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def readouts(store: str | None, fmt: str) -> None:
    """List the readouts in the store: id, published date, title, source."""
    from kg.store.stats import list_readouts

    with open_store(resolve_store(store), create=False, read_only=True) as st:
        rows = list_readouts(st)
    if fmt == "json":
        click.echo(json.dumps([row.__dict__ for row in rows], indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row.id}  {row.published or '----------'}  {row.title or '(untitled)'}  [{row.source or '-'}]")
    click.echo(f"{len(rows)} readouts")


@cli.command()
@click.argument("readout", metavar="READOUT")
@store_option
@handle_errors
def remove(readout: str, store: str | None) -> None:
    """Remove one readout (its 16-hex id or its IRI) and every fact read from it."""
    from kg.loader import remove_readout

    with open_store(resolve_store(store), create=False) as st:
        iri = remove_readout(st, readout)
    click.echo(f"removed {iri}")


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def stats(store: str | None, fmt: str) -> None:
    """Count readouts, triples and entities of each kind in the store."""
    from kg.store.stats import store_stats

    with open_store(resolve_store(store), create=False, read_only=True) as st:
        figures = store_stats(st)
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        click.echo(f"{key:<{width}}  {value}")
