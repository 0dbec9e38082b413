"""Named questions (`queries/*.rq`), typed parameters bound as RDF terms, and running queries
safely with a time limit against the embedded store or a SPARQL server.

A query file starts with a comment header:

    # title: Meetings between two countries
    # description: Meetings in which both countries took part, in date order.
    # param: a  actor  -  one country (ISO code, e.g. CN)
    # param: since  date  2020-01-01  only meetings starting on or after this date

`param: NAME TYPE DEFAULT DESCRIPTION`; DEFAULT `-` means none: a parameter with no default
that is not given stays unbound, and the queries are written so that unbound means "all".
Every parameter of a SELECT query appears in its SELECT clause: pyoxigraph substitutes only
projected variables (SEP-0007), and the VALUES block used for remote servers then means the
same thing.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, QueryTimeout, UsageError
from kg.model.namespaces import ID, actor_iri, forum_iri, readout_iri, topic_iri
from kg.model.resources import queries_dir
from kg.query.limits import DEFAULT_TIMEOUT
from kg.query.worker_pool import (
    KeptWorker,
    close_idle_workers,
    discard_worker,
    run_kept,
    take_worker,
    timeout_error,
    worker_error,
)
from kg.sparql.binding import with_values
from kg.sparql.results import (
    SAFE_IRI,
    VARIABLE_NAME,
    QueryResult,
    SelectResult,
    parse_results_json,
    parse_triples,
)
from kg.sparql.results_tsv import TsvReader, parse_results_tsv
from kg.sparql.safety import CheckedQuery, check_query

PARAM_TYPES: dict[str, str] = {
    "iri": "an IRI, whole or as result tables print it, e.g. actor/CN or https://w3id.org/climate-kg/id/actor/CN",
    "actor": "an ISO 3166-1 code, a country's name or adjective, or EU, e.g. CN or China",
    "string": "any text",
    "date": "a date YYYY-MM-DD",
    "year": "a year YYYY",
    "integer": "a whole number",
    "topic": "a topic slug or name, e.g. energy-transition or methane",
    "forum": "a forum's name, alias or initials, or a COP number, e.g. COP29",
    "readout": "a readout id (16 hex digits), its IRI or the file it was loaded from",
}

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r'^(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|\S+)\s*(.*)$')


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    default: str | None
    description: str


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[QueryParam] = field(default_factory=list)
    text: str = ""
    path: Path | None = None

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


# ---------------------------------------------------------------- the library of questions

def parse_query_text(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """A query with its header read; a text without a header gets its name as title."""
    title, description, params = name, "", []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            pm = _PARAM.match(value)
            where = f"{path or name}, line {number}"
            if not pm:
                raise QueryError(f"{where}: a param line is 'NAME TYPE DEFAULT DESCRIPTION', got {value!r}")
            pname, ptype, default, pdesc = pm.groups()
            if not VARIABLE_NAME.match(pname):
                raise QueryError(f"{where}: {pname!r} is not a SPARQL variable name")
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{where}: parameter {pname} has unknown type {ptype!r} "
                                 f"(types: {', '.join(PARAM_TYPES)})")
            if default.startswith('"'):
                default = json.loads(default)
            params.append(QueryParam(pname, ptype, None if default == "-" else default, pdesc))
    return NamedQuery(name=name, title=title, description=description, params=params, text=text, path=path)


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named question in queries/ (or `folder`), sorted by name."""
    folder = folder or queries_dir()
    return [parse_query_text(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def load_query(name_or_path: str | Path, folder: Path | None = None) -> NamedQuery:
    """A named question by name ('meetings-between'), or any .rq file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise UsageError(f"{path}: no such query file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the query ({exc})") from exc
        return parse_query_text(text, path.stem, path)
    folder = folder or queries_dir()
    candidate = folder / f"{name_or_path}.rq"
    if not candidate.is_file():
        names = ", ".join(q.name for q in list_queries(folder))
        raise UsageError(f"no named query {str(name_or_path)!r}; known: {names}")
    return parse_query_text(candidate.read_text(encoding="utf-8"), candidate.stem, candidate)


# ---------------------------------------------------------------- parameters

def _bad(param: QueryParam, value: str) -> UsageError:
    return UsageError(f"parameter {param.name}: expected {param.type} ({PARAM_TYPES[param.type]}), got {value!r}")


def to_term(param: QueryParam, value: str) -> Node:
    """One parameter value as the RDF term its declared type says (UsageError if it is not one)."""
    kind, raw = param.type, value.strip()
    if kind == "string":
        return Literal(value)
    if kind == "iri":
        if not SAFE_IRI.match(raw):
            raise _bad(param, value)
        return URIRef(raw)
    if kind == "actor":
        if not re.fullmatch(r"[A-Za-z]{2}", raw):
            raise _bad(param, value)
        return actor_iri(raw)
    if kind == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError(raw)
            date.fromisoformat(raw)
        except ValueError:
            raise _bad(param, value) from None
        return Literal(raw, datatype=XSD.date)
    if kind == "year":
        if not re.fullmatch(r"\d{4}", raw):
            raise _bad(param, value)
        return Literal(raw, datatype=XSD.gYear)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise _bad(param, value)
        return Literal(int(raw))
    if kind == "topic":
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", raw):
            raise _bad(param, value)
        return topic_iri(raw)
    if kind == "forum":
        if not raw:
            raise _bad(param, value)
        if raw.startswith(str(ID["forum/"])) and SAFE_IRI.match(raw):  # as kg.query.values resolves it
            return URIRef(raw)
        return forum_iri(raw)
    if kind == "readout":
        if re.fullmatch(r"[0-9a-f]{16}", raw):
            return readout_iri(raw)
        if raw.startswith(str(ID["readout/"])) and re.fullmatch(r"[0-9a-f]{16}", raw.rsplit("/", 1)[1]):
            return URIRef(raw)
        raise _bad(param, value)
    raise QueryError(f"parameter {param.name}: unknown type {kind!r}")


def bind_params(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Node]:
    """Given values (else defaults) of the query's declared parameters, as RDF terms.

    A parameter with neither a value nor a default is left out (unbound: "all").
    """
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(f"{p.name} ({p.type})" for p in query.params) or "none"
        raise UsageError(f"{query.name} has no parameter {', '.join(unknown)}; its parameters: {declared}")
    bound: dict[str, Node] = {}
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is not None:
            bound[param.name] = to_term(param, raw)
    return bound


def parse_param_options(options: Collection[str]) -> dict[str, str]:
    """['country=CN', 'topic=finance'] → {'country': 'CN', 'topic': 'finance'}."""
    out: dict[str, str] = {}
    for item in options:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param takes NAME=VALUE, got {item!r}")
        out[name.strip()] = value
    return out


def explain(query: NamedQuery | str, bindings: Mapping[str, Node]) -> str:
    """The query text and the RDF terms its parameters are bound to (nothing is substituted in the text)."""
    text = query.text if isinstance(query, NamedQuery) else query
    lines = [text.rstrip(), "", "# bound parameters (passed to the engine as RDF terms, not pasted into the text):"]
    if not bindings:
        lines.append("#   (none)")
    lines += [f"#   ?{name} = {term.n3()}" for name, term in sorted(bindings.items())]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- running

def _check_bindings(checked: CheckedQuery, bindings: Mapping[str, Node]) -> None:
    for name in bindings:
        if not VARIABLE_NAME.match(name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")
        if checked.form == "SELECT" and name not in checked.projection:
            raise UsageError(f"parameter ?{name} is not in the SELECT clause: a bound parameter must be "
                             f"projected (SELECT ?{name} ...) so that every store binds it the same way")


def _run_embedded(location: str, checked: CheckedQuery, bindings: Mapping[str, Node],
                  timeout: float | None) -> QueryResult:
    request = {
        # Parameters go in as a VALUES block, as for a remote store (kg/sparql/binding.py: Oxigraph
        # plans the join order before it sees substituted values).
        "location": location, "query": with_values(checked, bindings),
        # The default graph is the store's maintained union (a set; see EmbeddedStore).
        "union": False,
    }
    data = run_kept(location, request, timeout)
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        return parse_triples(data)
    if checked.form == "SELECT":  # the worker's rows come as TSV (worker.py)
        return parse_results_tsv(data)
    return parse_results_json(data)


def _check_within(text: str, graphs: Callable[[], Collection[str]], limit: float | None) -> CheckedQuery:
    """`check_query` within the time limit (QueryTimeout past it).

    Parsing is Python (rdflib) and cannot be interrupted: it runs in a daemon thread that
    this caller stops waiting for at the limit. Its cost is bounded anyway (a text of at most
    MAX_QUERY_CHARS, the parser's recursion limit), so an abandoned parse ends by itself.
    """
    if limit is None:
        return check_query(text, graphs)
    outcome: list[CheckedQuery | BaseException] = []

    def check() -> None:
        try:
            outcome.append(check_query(text, graphs))
        except BaseException as exc:  # noqa: BLE001 — handed to the waiting thread as it is
            outcome.append(exc)

    checker = threading.Thread(target=check, name="kg-query-check", daemon=True)
    checker.start()
    checker.join(limit)
    if not outcome:
        raise timeout_error(limit)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _checked(store: Any, query: NamedQuery | str, bindings: Mapping[str, Node],
             timeout: float | None) -> tuple[CheckedQuery, float | None]:
    """The checked query and what is left of the time limit: the limit covers checking
    (parsing a long query takes seconds) and the engine gets the rest."""
    text = query.text if isinstance(query, NamedQuery) else query
    if timeout is not None and timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    started = time.monotonic()
    graphs: Callable[[], Collection[str]] = store.graph_names
    checked = _check_within(text, graphs, timeout)
    _check_bindings(checked, bindings)
    if timeout is None:
        return checked, None
    left = timeout - (time.monotonic() - started)
    if left <= 0:
        raise timeout_error(timeout)
    return checked, left


def run(store: Any, query: NamedQuery | str, bindings: Mapping[str, Node] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = None) -> QueryResult:
    """Check a query against the safety rules, then run it with its parameters bound as RDF terms.

    `store` is an EmbeddedStore (the query runs in a child process killed at the time limit)
    or a RemoteStore (the HTTP request has the time limit). With `limit`, a SELECT returns
    at most that many rows and `SelectResult.more` says how many it left out (the page of
    `kg query` and `kg serve`). Raises QueryError, QueryTimeout.
    """
    bindings = dict(bindings or {})
    checked, left = _checked(store, query, bindings, timeout)
    try:
        return _run_checked(store, checked, bindings, timeout, left, limit)
    except QueryTimeout:
        if getattr(store, "execute", None) is not None:
            raise
        raise timeout_error(timeout) from None  # the limit as given, not what was left of it


def _run_checked(store: Any, checked: CheckedQuery, bindings: Mapping[str, Node], timeout: float | None,
                 left: float | None, limit: int | None) -> QueryResult:
    if limit is not None and checked.form == "SELECT":
        rows = RowStream(store, checked, bindings, left, limit)
        page = SelectResult([], [])
        for batch in rows:
            page.variables = batch.variables
            page.rows.extend(batch.rows)
        page.more = rows.more
        return page
    execute = getattr(store, "execute", None)
    if execute is not None:  # a RemoteStore runs checked queries itself, its request bounded by the limit
        result: QueryResult = execute(checked, bindings, timeout)
        return result
    # No flush first: the worker's read-only view replays the write-ahead log, so it sees every
    # committed write, and a flush per query would only churn table files (and compactions).
    return _run_embedded(store.location, checked, bindings, left)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the safety check's reading of the text)."""
    return check_query(text).form


class RowStream:
    """A SELECT's rows as they come, in batches (SelectResult each), up to `limit` (None: all);
    `more` is the number of rows past the limit once the stream is read to its end.

    On the embedded store the rows come from the query worker while it reads them, so an
    answer of every row starts when its first row does (`kg query --format csv|tsv`); a
    remote store answers whole and is cut here.
    """

    def __init__(self, store: Any, checked: CheckedQuery, bindings: Mapping[str, Node],
                 timeout: float | None, limit: int | None = None, batch: int = 1000) -> None:
        self.store, self.checked, self.bindings = store, checked, dict(bindings)
        self.timeout, self.limit, self.batch = timeout, limit, batch
        self.more = 0

    @classmethod
    def of(cls, store: Any, query: NamedQuery | str, bindings: Mapping[str, Node] | None = None,
           timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = None) -> RowStream:
        """The checked stream of a SELECT query (UsageError for another form)."""
        bindings = dict(bindings or {})
        checked, left = _checked(store, query, bindings, timeout)
        if checked.form != "SELECT":
            raise UsageError(f"rows stream from SELECT queries only; this is a {checked.form} query")
        return cls(store, checked, bindings, left, limit)

    def __iter__(self) -> Iterator[SelectResult]:
        if getattr(self.store, "execute", None) is not None:
            yield from self._cut(self.store.execute(self.checked, self.bindings, self.timeout))
            return
        request = {"location": self.store.location, "query": with_values(self.checked, self.bindings),
                   "union": False, "paged": {"limit": self.limit, "batch": self.batch}}
        location = self.store.location
        worker = take_worker(location)
        own = worker is None  # the kept worker is busy with another thread's query: one of our own
        if worker is None:
            worker = KeptWorker()
        finished = False
        reader = TsvReader()  # one for the answer: a term met in one batch is not made again
        try:
            for item in worker.batches(request, self.timeout):
                if isinstance(item, int):
                    self.more = item
                    finished = True
                else:
                    yield reader.read(item)
        except TimeoutError:
            raise timeout_error(self.timeout) from None
        except RuntimeError as exc:
            finished = True  # the worker reported the failure and is ready for the next query
            raise worker_error(str(exc)) from None
        except (EOFError, ValueError, KeyError):
            raise QueryError("query failed: the query worker stopped") from None
        finally:
            if own:
                worker.close()
            elif finished:
                worker.busy.release()
            else:  # stopped mid-answer (a time limit, a reader that went away): its stream is unusable
                discard_worker(location, worker)
                close_idle_workers()

    def _cut(self, result: QueryResult) -> Iterator[SelectResult]:
        assert isinstance(result, SelectResult)
        if self.limit is not None and len(result.rows) > self.limit:
            self.more = len(result.rows) - self.limit
            result = SelectResult(result.variables, result.rows[: self.limit])
        yield result
