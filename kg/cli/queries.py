"""kg query, kg queries, kg serve: named questions, ad-hoc SPARQL and a read-only endpoint."""

from __future__ import annotations

from typing import Any

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.errors import KGError, UsageError
from kg.query.limits import DEFAULT_TIMEOUT
from kg.sparql.formats import FORMATS
from kg.store.location import open_store


@cli.command("query")
@click.argument("name_or_file", required=False)
@click.option("--sparql", metavar="QUERY", help="Run this SPARQL text instead of a named query or file.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeatable); checked against its declared type.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table, csv, tsv, json (SPARQL results JSON), xml (SPARQL results XML); "
                   "turtle/ntriples for CONSTRUCT.")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds.")
@click.option("--explain", is_flag=True, help="Print the query and its bound parameters instead of running it.")
@store_option
@handle_errors
def query_command(name_or_file: str | None, sparql: str | None, params: tuple[str, ...], fmt: str,
                  timeout: float, explain: bool, store: str | None) -> None:
    """Run a named question (see `kg queries`), a .rq FILE or --sparql TEXT over the store.

    Queries are read-only: updates, SERVICE and FROM outside the store are refused.
    """
    from kg.query.named import explain as explain_query
    from kg.query.named import load_query, parse_param_options, parse_query_text, run
    from kg.query.values import resolve_params
    from kg.sparql.results import format_result

    if (name_or_file is None) == (sparql is None):
        raise UsageError("give a query NAME or FILE, or --sparql TEXT (one of them)")
    query = parse_query_text(sparql, "sparql") if sparql is not None else load_query(str(name_or_file))
    values = parse_param_options(params)
    if explain:  # nothing runs, so no store is needed; one that exists resolves names against it
        try:
            known: Any = open_store(resolve_store(store), create=False, read_only=True)
        except KGError:
            known = None
        click.echo(explain_query(query, resolve_params(query, values, known)), nl=False)
        return
    st = open_store(resolve_store(store), create=False, read_only=True)
    # values as people write them (names, aliases, shortened IRIs), checked against the store
    result = run(st, query, resolve_params(query, values, st), timeout=timeout)
    click.echo(format_result(result, fmt), nl=False)


@cli.command("queries")
@handle_errors
def queries_command() -> None:
    """List the named questions with their parameters."""
    from kg.query.named import list_queries

    for q in list_queries():
        click.echo(f"{q.name}  —  {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.params:
            default = f" (default {p.default})" if p.default is not None else ""
            click.echo(f"    --param {p.name}=<{p.type}>{default}  {p.description}")
        click.echo("")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=int, default=7879, show_default=True, help="Port (0: any free port).")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Time limit of each query, in seconds.")
@click.option("--verbose", is_flag=True, help="Log each request.")
@store_option
@handle_errors
def serve_command(host: str, port: int, timeout: float, verbose: bool, store: str | None) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (GET/POST /sparql, named questions at /queries)."""
    from kg.query.serve import endpoint_url, make_server

    # read-only: the server holds no write lock, so `kg load` can run while it serves; each
    # query's worker opens a fresh read-only view, so answers include what was loaded since
    st = open_store(resolve_store(store), create=False, read_only=True)
    server = make_server(st, host, port, timeout, verbose)
    click.echo(f"SPARQL endpoint: {endpoint_url(server)}  (named questions: /queries; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
