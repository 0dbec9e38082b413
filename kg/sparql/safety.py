"""Read-only SPARQL: refuse what would write, call other endpoints or read outside the store.

Both pyoxigraph and rdflib send HTTP requests for `SERVICE` (there is no switch to turn that
off), rdflib fetches `FROM <url>`, and a remote server may do either. So every query from a
user is parsed here, with rdflib's SPARQL parser, and its algebra is walked *before* it
reaches any engine: no regular expression decides, and nothing touches the network or a file
until the query has passed.

Refused:
- nothing for `\\u` / `\\U` escapes, but they are expanded here, across the whole text as
  SPARQL says, and the *expanded* text is what the check parses and the engine runs: rdflib
  expands them everywhere and Oxigraph only inside strings, so the raw text could be two
  different queries to them (a SERVICE hidden in what rdflib took for a string). An escape of
  a surrogate or past U+10FFFF, or a `\\u` left after expansion, is refused. (The query worker
  cannot open a network connection either, kg/query/sandbox.py, so a future parser difference
  still reaches nothing.)
- texts over MAX_QUERY_CHARS, and queries nested or long past what the parser can follow
  (Python's recursion limit): a clean error instead of minutes of parsing or a RecursionError;
- updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY): they parse as a SPARQL
  Update and not as a query;
- SERVICE, with a constant or a variable endpoint, anywhere (OPTIONAL, subqueries, EXISTS...);
- FROM / FROM NAMED naming anything that is not a graph of this store.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from kg.errors import QueryError

MAX_QUERY_CHARS = 100_000
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ANY_ESCAPE = re.compile(r"\\[uU]")
# rdflib's SPARQL parser (pyparsing with shared packrat state) is not thread-safe: parsed from
# several threads at once (the endpoint's request threads) it failed on valid queries and kept
# failing. Parsing is fast next to running a query, so one parse at a time.
_PARSE_LOCK = threading.Lock()

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE",
}
_UPDATE_WORDS = {
    "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
    "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


class RefusedQuery(QueryError):
    """A well-formed request the safety rules refuse (SERVICE, FROM outside the store, an update)."""


class UpdateRefused(RefusedQuery):
    """A SPARQL Update sent where only queries are allowed."""


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the safety rules, with what the runners need to know about it."""

    text: str  # with \\u escapes expanded: run this text, not the one given
    form: QueryForm
    projection: tuple[str, ...]  # SELECT variables in order; () for SELECT * and other forms
    dataset: tuple[str, ...]  # graph IRIs named in FROM / FROM NAMED (all in the store)


def _field(node: Any, key: str) -> Any:
    """A CompValue's field or None (CompValue.get answers a missing key with the key's name)."""
    return node[key] if key in node else None  # noqa: SIM401 — .get is the trap


def _walk(node: Any) -> Iterator[CompValue]:
    """Every CompValue below node (the algebra nests them in dicts, lists and ParseResults)."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))


def _update_name(text: str) -> str | None:
    """If text parses as a SPARQL Update, the name of its first operation."""
    try:
        parsed = parseUpdate(text)
    except Exception:  # noqa: BLE001 — not an update either; the caller reports the query error
        return None
    for request in _field(parsed, "request") or []:
        if isinstance(request, CompValue):
            return _UPDATE_WORDS.get(request.name, request.name)
    return "update"


@dataclass(frozen=True)
class _Analysis:
    """What the safety rules need from a query's algebra (cached: parsing is the slow part)."""

    form: QueryForm
    projection: tuple[str, ...]
    dataset: tuple[tuple[str, str], ...]  # (FROM or FROM NAMED, IRI)


def _parse(text: str) -> Any:
    """rdflib's algebra of a query (one parse at a time; QueryError for what it cannot parse)."""
    with _PARSE_LOCK:
        try:
            parsed = parseQuery(text)
        except ParseException as exc:
            update = _update_name(text)
            if update is not None:
                raise UpdateRefused(f"refused: {update} is an update; queries here are read-only") from exc
            raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
        except RecursionError:
            raise QueryError("query too deeply nested or too long to check (the parser follows about 30 "
                             "levels of { } or ( ), or about 50 triple patterns in one group): split it") from None
        try:
            return translateQuery(parsed).algebra
        except RecursionError:
            raise QueryError("query too deeply nested or too long to check: split it") from None
        except Exception as exc:  # rdflib raises plain Exceptions for semantic errors (undefined prefix...)
            raise QueryError(f"SPARQL error: {exc}") from exc


def _check_length(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")


def expand_escapes(text: str) -> str:
    """The query with its `\\u` / `\\U` escapes replaced by the characters they stand for
    (SPARQL 1.1 section 19.2: before parsing, everywhere in the text), so that every parser
    reads the same characters. QueryError for an escape that names no character, or one the
    expansion itself produced."""

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{match.group()} at character {match.start()} is not a character")
        return chr(code)

    expanded = _CODEPOINT_ESCAPE.sub(character, text)
    left = _ANY_ESCAPE.search(expanded)
    if left is not None:
        raise RefusedQuery(f"refused: {left.group()} escape that is malformed or was made by another escape "
                           f"(at character {left.start()} once expanded); write the character itself")
    return expanded


@functools.lru_cache(maxsize=256)
def _analyse(text: str) -> _Analysis:
    """Parse a query; raise for updates, syntax errors and SERVICE. Errors are not cached."""
    _check_length(text)
    algebra = _parse(text)
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            endpoint = _field(node, "term")
            shown = endpoint.n3() if hasattr(endpoint, "n3") else str(endpoint)
            raise RefusedQuery(f"refused: SERVICE {shown} would call another endpoint; queries read only this store")
    dataset = []
    for clause in _field(algebra, "datasetClause") or []:
        keyword = "FROM" if "default" in clause else "FROM NAMED"
        iri = _field(clause, "default") if "default" in clause else _field(clause, "named")
        dataset.append((keyword, str(iri)))
    form = _FORMS.get(algebra.name)
    if form is None:
        raise QueryError(f"unsupported query form {algebra.name}")
    projection: tuple[str, ...] = ()
    if form == "SELECT":
        projection = tuple(str(v) for v in _field(algebra, "PV") or () if isinstance(v, Variable))
    return _Analysis(form, projection, tuple(dataset))


def check_query(text: str,
                store_graphs: Collection[str] | Callable[[], Collection[str]] | None = None) -> CheckedQuery:
    """Parse a query and refuse updates, SERVICE and FROM outside `store_graphs` (QueryError).

    `store_graphs` is the set of graph IRIs the store holds (or a function giving it, asked only
    when the query has a FROM clause); None refuses every FROM clause.
    """
    if not text.strip():
        raise QueryError("empty query")
    _check_length(text)
    text = expand_escapes(text)  # what the engine runs is what was checked
    analysis = _analyse(text)
    graphs = store_graphs() if callable(store_graphs) and analysis.dataset else store_graphs
    allowed = set(graphs) if graphs is not None and not callable(graphs) else set()
    for keyword, iri in analysis.dataset:
        if iri not in allowed:
            raise RefusedQuery(
                f"refused: {keyword} <{iri}> is not a graph of this store; queries read only the store's own graphs"
            )
    return CheckedQuery(text=text, form=analysis.form, projection=analysis.projection,
                        dataset=tuple(iri for _, iri in analysis.dataset))
