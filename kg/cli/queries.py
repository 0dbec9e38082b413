"""kg query, kg queries, kg serve: named questions, ad-hoc SPARQL and a read-only endpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from kg.cli.base import cli, handle_errors, resolve_store, store_option
from kg.errors import KGError, UsageError
from kg.query.http_limits import DEFAULT_MAX_QUERIES, is_loopback
from kg.query.limits import DEFAULT_TIMEOUT, PAGE_ROWS
from kg.sparql.formats import FORMATS
from kg.store.location import open_store

if TYPE_CHECKING:
    from kg.query.named import RowStream


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
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"Return at most N rows of a SELECT (default {PAGE_ROWS}; the rest are counted).")
@click.option("--all", "all_rows", is_flag=True, help="Return every row (csv and tsv stream them as they come).")
@click.option("--unsorted", is_flag=True,
              help="Leave out the question's final ORDER BY: rows come in the order the store finds them, "
                   "so a streamed answer starts at once instead of after its last row is found.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Names of people and forums in this language where the store has it, else in the other.")
@store_option
@handle_errors
def query_command(name_or_file: str | None, sparql: str | None, params: tuple[str, ...], fmt: str,
                  timeout: float, explain: bool, limit: int | None, all_rows: bool, unsorted: bool,
                  lang: str, store: str | None) -> None:
    """Run a named question (see `kg queries`), a .rq FILE or --sparql TEXT over the store.

    A SELECT answer is paged: its first 1,000 rows, and how many more there are, unless
    --limit N or --all. Queries are read-only: updates, SERVICE and FROM outside the store are refused.
    """
    from kg.query.named import RowStream, load_query, parse_param_options, parse_query_text, query_form, run
    from kg.query.named import explain as explain_query
    from kg.query.values import resolve_params
    from kg.sparql.results import SelectResult, format_result, more_rows_note

    if (name_or_file is None) == (sparql is None):
        raise UsageError("give a query NAME or FILE, or --sparql TEXT (one of them)")
    if all_rows and limit is not None:
        raise UsageError("give --limit N or --all, not both")
    query = parse_query_text(sparql, "sparql") if sparql is not None else load_query(str(name_or_file))
    if unsorted:
        from dataclasses import replace

        from kg.sparql.binding import without_order

        query = replace(query, text=without_order(query.text))
    values = parse_param_options(params)
    if explain:  # nothing runs, so no store is needed; one that exists resolves names against it
        try:
            known: Any = open_store(resolve_store(store), create=False, read_only=True)
        except KGError:
            known = None
        click.echo(explain_query(query, resolve_params(query, values, known)), nl=False)
        return
    page = None if all_rows else (PAGE_ROWS if limit is None else limit)
    st = open_store(resolve_store(store), create=False, read_only=True)
    # values as people write them (names, aliases, shortened IRIs), checked against the store
    bindings = resolve_params(query, values, st)
    if fmt in ("csv", "tsv") and query_form(query.text) == "SELECT" and lang == "en":
        _stream(RowStream.of(st, query, bindings, timeout=timeout, limit=page), fmt)
        return
    result = run(st, query, bindings, timeout=timeout, limit=page)
    if lang != "en" and isinstance(result, SelectResult):
        from kg.query.labels import chinese_names, relabel_result

        result = relabel_result(result, chinese_names(st), lang)
    click.echo(format_result(result, fmt), nl=False)
    if isinstance(result, SelectResult) and result.more and fmt != "table":  # the table says it itself
        click.echo(more_rows_note(result), err=True)


def _stream(rows: RowStream, fmt: str) -> None:
    """Write CSV or TSV rows as the batches come (the header with the first)."""
    from kg.sparql.results import SelectResult, more_rows_note, to_csv, to_tsv

    write = to_csv if fmt == "csv" else to_tsv
    shown = 0
    for n, batch in enumerate(rows):
        click.echo(write(batch, header=n == 0), nl=False)
        shown += len(batch.rows)
    if rows.more:
        click.echo(more_rows_note(SelectResult([], [{}] * shown, rows.more)), err=True)


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
@click.option("--max-queries", type=click.IntRange(1, 64), default=DEFAULT_MAX_QUERIES, show_default=True,
              help="Queries answered at once; further requests wait briefly, then get 503.")
@click.option("--verbose", is_flag=True, help="Log each request.")
@click.option("--cors", "cors", default="*", show_default=True, metavar="ORIGIN",
              help="Which web origin's pages may read answers (CORS): * for any (YASGUI, notebooks), "
                   "one origin such as https://yasgui.triply.cc, or none.")
@store_option
@handle_errors
def serve_command(host: str, port: int, timeout: float, max_queries: int, verbose: bool, cors: str,
                  store: str | None) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (GET/POST /sparql, named questions at /queries)."""
    from kg.query.serve import endpoint_url, make_server

    if not is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine on port {port} can query "
                   "the store (use 127.0.0.1 to keep it local)", err=True)
    # read-only: the server holds no write lock, so `kg load` can run while it serves; each
    # query's worker opens a fresh read-only view, so answers include what was loaded since
    st = open_store(resolve_store(store), create=False, read_only=True)
    try:
        server = make_server(st, host, port, timeout, verbose, cors_origin=None if cors == "none" else cors,
                             max_queries=max_queries)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    page = endpoint_url(server).removesuffix("sparql")
    click.echo(f"SPARQL endpoint: {endpoint_url(server)}  (query page: {page}; named questions: /queries; "
               f"Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
