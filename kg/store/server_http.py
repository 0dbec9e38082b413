"""Talking to a SPARQL 1.1 server: its endpoints, one request, and its failures as KGErrors.

Only the SPARQL 1.1 Protocol is used (queries POSTed form-encoded with their dataset given by
`default-graph-uri` / `named-graph-uri`, updates POSTed as `application/sparql-update`): every server implements it the same
way, where the Graph Store Protocol and union-default-graph switches differ from one to the next.

Endpoint layouts (`endpoints_for`), from the URL given as --store:
- `http://host:7878` (or `.../query`, `.../update`): Oxigraph server's `/query` and `/update`;
- `http://host:8890/sparql`: one endpoint for both, as Virtuoso has;
- `http://host:3030/ds` (or `.../ds/sparql`, `.../ds/query`): Fuseki's `/ds/sparql` and `/ds/update`.

Every failure becomes one KGError: a server that cannot be reached, resets the connection,
answers 5xx or stops answering is a StoreError (exit 3); a request it refuses as malformed (4xx)
is a QueryError (exit 2); a query past the caller's time limit is a QueryTimeout.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import QueryError, QueryTimeout, StoreError, UsageError

DEFAULT_REQUEST_TIMEOUT = 60.0  # seconds, for requests without a caller's time limit (writes, listings)


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str


def endpoints_for(url: str) -> Endpoints:
    """The query and update URLs of a server, from the URL given as --store."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url}: not an http(s) URL of a SPARQL server")
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    if path in ("", "/query", "/update"):  # Oxigraph server
        return Endpoints(at("/query"), at("/update"))
    if path == "/sparql":  # one endpoint for queries and updates (Virtuoso)
        return Endpoints(at(path), at(path))
    base = path.rsplit("/", 1)[0] if path.endswith(("/sparql", "/query", "/update")) else path
    return Endpoints(at(base + "/query" if path.endswith("/query") else base + "/sparql"), at(base + "/update"))


def _one_line(text: str, limit: int = 300) -> str:
    """A server's error page as one short line (servers answer with pages, stack dumps, echoes)."""
    if text.lstrip().startswith("<"):  # an HTML or XML page: its text (a plain message may hold IRIs)
        text = re.sub(r"<[^>]*>", " ", text)
    line = re.sub(r"\s+", " ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


class ServerClient:
    """POSTs SPARQL 1.1 Protocol requests to one server; nothing is kept between requests."""

    def __init__(self, url: str, timeout: float = DEFAULT_REQUEST_TIMEOUT) -> None:
        self.url = url
        self.endpoints = endpoints_for(url)
        self.timeout = timeout

    def query(self, text: str, accept: str, *, default_graphs: Sequence[str] = (),
              named_graphs: Sequence[str] = (), timeout: float | None = None) -> bytes:
        """Run a query; `timeout` is the caller's time limit (QueryTimeout past it)."""
        form = [("query", text)] + [("default-graph-uri", g) for g in default_graphs] \
            + [("named-graph-uri", g) for g in named_graphs]
        return self._post(self.endpoints.query, form, accept, timeout)

    def update(self, text: str) -> None:
        """Run an update request, POSTed directly (percent-encoding a readout's update as a
        form cost more than the server took to apply it)."""
        self._post(self.endpoints.update, text.encode("utf-8"), "*/*", None, "application/sparql-update")

    def _post(self, url: str, form: list[tuple[str, str]] | bytes, accept: str, timeout: float | None,
              content_type: str = "application/x-www-form-urlencoded") -> bytes:
        limit = timeout if timeout is not None else self.timeout
        body = form if isinstance(form, bytes) else urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": content_type, "Accept": accept})
        deadline = time.monotonic() + limit
        try:
            with urllib.request.urlopen(request, timeout=limit) as resp:  # noqa: S310 — http(s) checked
                chunks = []
                while chunk := resp.read(65536):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError
                return b"".join(chunks)
        except urllib.error.HTTPError as exc:
            raise self._refusal(url, exc) from None
        except TimeoutError:
            raise self._timed_out(url, limit, timeout is not None) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timed_out(url, limit, timeout is not None) from None
            raise StoreError(f"{self.url}: cannot reach the server ({exc.reason})") from None
        except (http.client.HTTPException, OSError) as exc:
            # reset or closed mid-answer: the server died (out of memory, killed) or dropped us
            raise StoreError(f"{self.url}: the server broke off the connection "
                             f"({type(exc).__name__}: {exc or 'no answer'})") from None

    def _refusal(self, url: str, exc: urllib.error.HTTPError) -> QueryError | StoreError:
        try:
            detail = _one_line(exc.read().decode("utf-8", "replace"))
        except (http.client.HTTPException, OSError):
            detail = ""
        detail = detail or str(exc.reason)
        if exc.code in (400, 406, 414, 415):
            return QueryError(f"{self.url}: the server refused the request ({exc.code}): {detail}")
        if exc.code in (401, 403, 404, 405):
            return StoreError(f"{self.url}: {url} answered {exc.code} ({detail})")
        return StoreError(f"{self.url}: the server failed ({exc.code}): {detail}")

    def _timed_out(self, url: str, limit: float, callers_limit: bool) -> QueryError | StoreError:
        if callers_limit:
            return QueryTimeout(f"{self.url}: no answer within the time limit of {limit:g} s")
        return StoreError(f"{self.url}: the server did not answer {url} within {limit:g} s")
