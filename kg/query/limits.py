"""The default time limit and page of a query (kept apart so the command line reads them without loading rdflib)."""

from __future__ import annotations

DEFAULT_TIMEOUT = 30.0  # seconds
PAGE_ROWS = 1000  # rows of a SELECT answer `kg query` and `kg serve` return unless told otherwise
