"""kg export: a view of the store as a file a visualisation tool opens, or an RDF dump."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.cli.progress import StepProgress
from kg.export.formats import FORMATS, VIEWS
from kg.store.location import open_store


@cli.command("export")
@store_option
@click.option("--view", "view", type=click.Choice(VIEWS), default="full", show_default=True,
              help="full: every entity; actors: countries and the EU, linked by meetings shared and "
                   "commitments made together; people: people, posts, countries, meetings attended; "
                   "commitments: actors, commitments, topics, target years.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default: from the file name (.graphml .gexf .cyjs .d3.json .dot .svg .html "
                   ".ttl .trig .nq .jsonld).")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="The file to write.")
@click.option("--readout", metavar="ID", default=None,
              help="Only what one readout says: its 16-hex id, IRI or source file name.")
@click.option("--forum", metavar="NAME", default=None,
              help="Only meetings of this forum (or its sub-forums) and commitments made at them.")
@click.option("--from", "date_from", metavar="DATE", default=None,
              help="Only meetings and commitments on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", default=None,
              help="Only meetings and commitments on or before this date (YYYY-MM-DD).")
@click.option("--with-paths", is_flag=True,
              help="Show readouts' source files with their folders (default: the file name only, "
                   "so a file sent to others does not show this machine's folders).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Label people and forums in this language where the store has it, else in the other.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and errors (no progress).")
@handle_errors
def export_command(store: str | None, view: str, fmt: str | None, output: Path, readout: str | None,
                   forum: str | None, date_from: str | None, date_to: str | None, with_paths: bool,
                   lang: str, quiet: bool) -> None:
    """Write a view of the graph for Gephi, yEd, Cytoscape, D3, Graphviz or a browser.

    Graph formats: graphml, gexf (with time for Gephi's timeline), cytoscape (Cytoscape.js
    JSON), d3 (node-link JSON), dot, svg (a picture with a legend), html (one page to
    explore, works offline). RDF dumps of the store: turtle, trig, nquads, jsonld.
    """
    from kg.export.exporting import export

    # A read-only snapshot: exporting works while a `kg load` writes, and takes no lock.
    st = open_store(resolve_store(store), create=False, read_only=True)
    try:
        with StepProgress("export", 2, quiet=quiet) as step:
            summary = export(st, view=view, fmt=fmt, out=output, readout=readout, forum=forum,
                             date_from=date_from, date_to=date_to, progress=step, with_paths=with_paths,
                             lang=lang)
    finally:
        st.close()
    if summary.is_rdf:
        click.echo(f"wrote {summary.edges} statements about {summary.nodes} subjects as "
                   f"{summary.format} to {summary.path}")
    else:
        click.echo(f"wrote the {view} view as {summary.format}: {summary.nodes} nodes, "
                   f"{summary.edges} edges to {summary.path}")
        if summary.nodes == 0:
            click.echo("note: nothing in the store matched; the file holds an empty graph "
                       "(see `kg readouts`, and --forum/--from/--to)", err=True)
