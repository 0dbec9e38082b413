"""A read-only SPARQL 1.1 Protocol endpoint over the store, with the named questions by name.

    GET  /sparql?query=...                      (also /query)
    POST /sparql  application/sparql-query      body = the query
    POST /sparql  application/x-www-form-urlencoded  query=...
    GET  /queries                               the named questions (JSON)
    GET  /queries/<name>?param=value            a named question with its parameters: its first
                                                1,000 rows (limit=N, all=true), X-More-Rows the rest

    GET  /sparql                                the SPARQL 1.1 Service Description (Turtle, JSON-LD...)
    GET  /                                      a query page for a browser (works offline)
    OPTIONS any                                 CORS preflight

Results by content negotiation (Accept, or `format=` / `output=` / `results=` in the URL, as
kg/query/negotiation.py reads them): SPARQL results as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE
as Turtle, N-Triples, JSON-LD or RDF/XML; 406 for a format the result cannot be given in.
Answers carry CORS headers (kg/query/web.py) so browser tools of other origins can read them. The same safety rules
and time limit as `kg query` apply: updates are refused with 403, SERVICE and FROM outside the
store with 403, a malformed query with 400, a query past its time limit with 503.
What a client may cost is bounded (kg/query/http_limits.py): a body of at most 1 MB with a
plain Content-Length (else 400/411/413), a few queries at once (503 with Retry-After when
all slots stay busy), a socket timeout while a request arrives (408).
Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kg import __version__
from kg.errors import KGError, QueryError, QueryTimeout, UsageError
from kg.query.http_limits import (
    DEFAULT_MAX_QUERIES,
    MAX_BODY,
    SOCKET_SECONDS,
    QuerySlots,
    RequestRefused,
    body_length,
    discard_unread,
    read_body,
)
from kg.query.limits import PAGE_ROWS
from kg.query.named import DEFAULT_TIMEOUT, NamedQuery, list_queries, run
from kg.query.negotiation import NotAcceptable, choose_format, format_values
from kg.query.service_description import service_description
from kg.query.values import resolve_params
from kg.query.web import cors_headers, preflight_headers, query_page
from kg.sparql.results import SelectResult, format_result
from kg.sparql.safety import RefusedQuery


def query_listing(queries: list[NamedQuery]) -> list[dict[str, Any]]:
    return [{
        "name": q.name, "title": q.title, "description": q.description, "url": f"/queries/{q.name}",
        "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                   for p in q.params],
    } for q in queries]


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = f"kg/{__version__}"
    store: Any = None
    timeout_s: float = DEFAULT_TIMEOUT
    cors_origin: str | None = "*"  # who may read answers from a page of another origin (kg/query/web.py)
    slots: QuerySlots = QuerySlots()
    timeout = SOCKET_SECONDS  # socket timeout (StreamRequestHandler): a silent client is dropped

    # -- plumbing

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, body: str, media: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Vary", "Accept")
        for name, value in cors_headers(self.cors_origin).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, message + "\n", "text/plain")

    def _refused(self, refusal: RequestRefused) -> None:
        """A request refused by the limits, before any query work."""
        headers = {} if refusal.retry_after is None else {"Retry-After": str(refusal.retry_after)}
        if refusal.status in (400, 408, 411, 413):
            headers["Connection"] = "close"  # the rest of the stream cannot be trusted
            self.close_connection = True
        self._send(refusal.status, str(refusal) + "\n", "text/plain", headers)
        if self.close_connection:
            discard_unread(self.connection, self.wfile)

    def _answer(self, query: NamedQuery | str, bindings: dict[str, Any], asked: list[str],
                protocol: dict[str, list[str]] | None = None, limit: int | None = None) -> None:
        if protocol and ({"default-graph-uri", "named-graph-uri"} & set(protocol)):
            # a protocol dataset could name graphs outside the store; FROM is checked instead
            self._error(400, "default-graph-uri / named-graph-uri are not supported here: "
                             "use FROM <graph> with a graph of this store")
            return
        try:
            with self.slots.taken():
                result = run(self.store, query, bindings, timeout=self.timeout_s, limit=limit)
            name, media = choose_format(result, self.headers.get("Accept"), asked)
            # A page of a named question's rows: the header says how many more there are.
            more = {"X-More-Rows": str(result.more)} if isinstance(result, SelectResult) and limit is not None else {}
            self._send(200, format_result(result, name), media, more)
        except RequestRefused as refusal:
            self._refused(refusal)
        except NotAcceptable as exc:
            self._error(406, str(exc))
        except QueryTimeout as exc:
            self._error(503, str(exc))
        except RefusedQuery as exc:
            self._error(403, str(exc))
        except (QueryError, UsageError) as exc:
            self._error(400, str(exc))
        except KGError as exc:
            self._error(500, str(exc))

    # -- routes

    def do_GET(self) -> None:  # noqa: N802 — the http.server naming
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        fmt = format_values(params)  # format=, output=, results= (what clients call it)
        for name in ("format", "output", "results"):
            params.pop(name, None)
        if url.path in ("/sparql", "/query"):
            if "update" in params:
                self._error(403, "refused: updates are not accepted; this endpoint is read-only")
            elif "query" not in params:
                self._describe(fmt)
            else:
                self._answer(params["query"][0], {}, fmt, params)
        elif url.path in ("/queries", "/queries/"):
            self._send(200, json.dumps(query_listing(list_queries()), indent=2) + "\n", "application/json")
        elif url.path.startswith("/queries/"):
            self._named(urllib.parse.unquote(url.path[len("/queries/"):]), params, fmt)
        elif url.path in ("/", "/index.html"):
            self._send(200, query_page(), "text/html")
        else:
            self._error(404, f"no such resource {url.path}")

    do_HEAD = do_GET

    def _describe(self, asked: list[str]) -> None:
        """The SPARQL 1.1 Service Description, in the RDF format asked for (Turtle by default)."""
        host = self.headers.get("Host") or endpoint_url(self.server).split("/")[2]  # type: ignore[arg-type]
        description = service_description(f"http://{host}/sparql")
        try:
            name, media = choose_format(description, self.headers.get("Accept"), asked)
        except NotAcceptable as exc:
            self._error(406, str(exc))
            return
        self._send(200, format_result(description, name), media)

    def do_OPTIONS(self) -> None:  # noqa: N802 — a CORS preflight, or a client asking what is allowed
        self.send_response(204)
        for name, value in preflight_headers(self.cors_origin,
                                             self.headers.get("Access-Control-Request-Headers")).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _named(self, name: str, params: dict[str, list[str]], fmt: list[str]) -> None:
        # only the library's questions by name: never a path, so no file of the server is read
        query = {q.name: q for q in list_queries()}.get(name)
        if query is None:
            self._error(404, f"no named query {name!r}; see /queries")
            return
        try:
            limit = _page(params)
            # values as people write them (names, aliases, shortened IRIs), checked against the store
            bindings = resolve_params(query, {k: v[-1] for k, v in params.items()}, self.store)
        except UsageError as exc:
            self._error(400, str(exc))
            return
        self._answer(query, bindings, fmt, limit=limit)

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update"):
            self._error(404, f"no such resource {url.path}")
            return
        try:
            length = body_length(self.headers.get("Content-Length"), self.headers.get("Transfer-Encoding"), MAX_BODY)
            body = read_body(self.rfile, length).decode("utf-8", "replace")
        except RequestRefused as refusal:
            self._refused(refusal)
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = format_values(urllib.parse.parse_qs(url.query))
        if url.path == "/update" or ctype == "application/sparql-update":
            self._error(403, "refused: updates are not accepted; this endpoint is read-only")
        elif ctype == "application/sparql-query":
            self._answer(body, {}, fmt, urllib.parse.parse_qs(url.query))
        elif ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            if "update" in form:
                self._error(403, "refused: updates are not accepted; this endpoint is read-only")
            elif "query" not in form:
                self._error(400, "give the query as the form field query=...")
            else:
                self._answer(form["query"][0], {}, format_values(form) or fmt, form)
        else:
            self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    def _not_allowed(self) -> None:
        self._error(405, "this endpoint is read-only: GET or POST queries only")

    do_PUT = do_DELETE = do_PATCH = _not_allowed


def _page(params: dict[str, list[str]]) -> int | None:
    """The rows a named question returns: `limit=N`, `all=true` (every row), else PAGE_ROWS.
    Taken out of `params`, which are the question's own parameters."""
    limit, every = params.pop("limit", [None])[-1], params.pop("all", [None])[-1]
    if every is not None and every.lower() not in ("", "0", "false", "no"):
        if limit is not None:
            raise UsageError("give limit=N or all=true, not both")
        return None
    if limit is None:
        return PAGE_ROWS
    if not limit.isdigit():
        raise UsageError(f"limit must be a whole number of rows, got {limit!r}")
    return int(limit)


class _Server(ThreadingHTTPServer):
    # The listen backlog: socketserver's default of 5 resets connections in a burst of clients
    # before they can even be told 503.
    request_queue_size = 128


def make_server(store: Any, host: str = "127.0.0.1", port: int = 7879,
                timeout: float = DEFAULT_TIMEOUT, verbose: bool = False,
                cors_origin: str | None = "*", max_queries: int = DEFAULT_MAX_QUERIES) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering read-only SPARQL over `store`, at most
    `max_queries` queries at once.

    `cors_origin`: the origin whose pages may read answers ('*': any; None: none)."""
    handler = type("BoundSparqlHandler", (SparqlHandler,),
                   {"store": store, "timeout_s": timeout, "cors_origin": cors_origin,
                    "slots": QuerySlots(max_queries)})
    server = _Server((host, port), handler)
    server.daemon_threads = True
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def endpoint_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host if isinstance(host, str) else host.decode()}:{port}/sparql"
