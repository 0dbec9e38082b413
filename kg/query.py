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
import subprocess
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError, QueryTimeout, UsageError
from kg.namespaces import ID, actor_iri, forum_iri, readout_iri, topic_iri
from kg.resources import queries_dir
from kg.results import QueryResult, parse_results_json, parse_triples, term_to_json
from kg.sparql_safety import CheckedQuery, check_query

DEFAULT_TIMEOUT = 30.0  # seconds
# Run as a script with -P (nothing prepended to sys.path): it imports only pyoxigraph, not the
# kg package, which halves its start-up time (about 0.05 s on an idle machine).
WORKER = Path(__file__).with_name("query_worker.py")

PARAM_TYPES: dict[str, str] = {
    "iri": "an absolute IRI, e.g. https://w3id.org/climate-kg/id/actor/CN",
    "actor": "an ISO 3166-1 alpha-2 country code or EU, e.g. CN",
    "string": "any text",
    "date": "a date YYYY-MM-DD",
    "year": "a year YYYY",
    "integer": "a whole number",
    "topic": "a topic slug, e.g. energy-transition",
    "forum": "a forum name, e.g. COP29 or 'China-US Working Group on Enhancing Climate Action in the 2020s'",
    "readout": "a readout id (16 hex digits) or its IRI",
}

# IRIREF of SPARQL/N-Triples: no spaces, controls or <>"{}|^`\ — checked so that an IRI
# parameter can never close its brackets, wherever it is serialised.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
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
            if not _VAR.match(pname):
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
        if not _IRI.match(raw):
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
        if not _VAR.match(name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")
        if checked.form == "SELECT" and name not in checked.projection:
            raise UsageError(f"parameter ?{name} is not in the SELECT clause: a bound parameter must be "
                             f"projected (SELECT ?{name} ...) so that every store binds it the same way")


def _run_embedded(location: str, checked: CheckedQuery, bindings: Mapping[str, Node],
                  timeout: float | None) -> QueryResult:
    request = {
        "location": location, "query": checked.text,
        # The default graph is the store's maintained union (a set; see EmbeddedStore).
        "union": False,
        "bindings": {k: term_to_json(v) for k, v in bindings.items()},
    }
    try:
        done = subprocess.run([sys.executable, "-P", str(WORKER)], input=json.dumps(request).encode(),
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise QueryTimeout(f"query stopped after its time limit of {timeout:g} s "
                           f"(narrow it, add LIMIT, or give a longer --timeout)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"query failed: {message[-1] if message else 'worker exit ' + str(done.returncode)}")
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        return parse_triples(done.stdout)
    return parse_results_json(done.stdout)


def run(store: Any, query: NamedQuery | str, bindings: Mapping[str, Node] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Check a query against the safety rules, then run it with its parameters bound as RDF terms.

    `store` is an EmbeddedStore (the query runs in a child process killed at the time limit)
    or a RemoteStore (the HTTP request has the time limit). Raises QueryError, QueryTimeout.
    """
    text = query.text if isinstance(query, NamedQuery) else query
    bindings = dict(bindings or {})
    graphs: Callable[[], Collection[str]] = store.graph_names
    checked = check_query(text, graphs)
    _check_bindings(checked, bindings)
    if timeout is not None and timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    execute = getattr(store, "execute", None)
    if execute is not None:  # a RemoteStore runs checked queries itself
        result: QueryResult = execute(checked, bindings, timeout)
        return result
    # No flush first: the worker's read-only view replays the write-ahead log, so it sees every
    # committed write, and a flush per query would only churn table files (and compactions).
    return _run_embedded(store.location, checked, bindings, timeout)
