"""What a browser needs from the endpoint: cross-origin headers and the query page at `/`.

Browser tools hosted elsewhere (YASGUI at its own origin, a notebook, a page opened from
disk) may only read answers that carry `Access-Control-Allow-Origin`, and send an `OPTIONS`
preflight before a POST with a SPARQL body. The endpoint is read-only and, by default, on
this machine only; `kg serve --cors none` switches cross-origin reading off.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
ALLOWED_HEADERS = "Accept, Content-Type"
PREFLIGHT_MAX_AGE = "86400"  # seconds a browser may keep the preflight's answer


def cors_headers(allowed_origin: str | None) -> dict[str, str]:
    """Headers every answer carries so that pages of `allowed_origin` ('*': any) can read it."""
    if not allowed_origin:
        return {}
    # X-More-Rows (a named question's rows past the page) readable by scripts of that origin too
    headers = {"Access-Control-Allow-Origin": allowed_origin, "Access-Control-Expose-Headers": "X-More-Rows"}
    if allowed_origin != "*":
        headers["Vary"] = "Origin"
    return headers


def preflight_headers(allowed_origin: str | None, requested_headers: str | None) -> dict[str, str]:
    """The answer to an `OPTIONS` preflight: which methods and request headers may follow."""
    headers = cors_headers(allowed_origin)
    headers["Allow"] = ALLOWED_METHODS
    if allowed_origin:
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        # the headers a client asks for are simple request headers here (Accept, Content-Type,
        # the ones fetch libraries add); echoing them lets any of them through
        headers["Access-Control-Allow-Headers"] = requested_headers or ALLOWED_HEADERS
        headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return headers


@lru_cache(maxsize=1)
def query_page() -> str:
    """The query page (kg/query/page/index.html): self-contained, nothing fetched from the network."""
    return resources.files("kg.query").joinpath("page/index.html").read_text(encoding="utf-8")
