"""The default time limit of a query (kept apart so the command line reads it without loading rdflib)."""

from __future__ import annotations

DEFAULT_TIMEOUT = 30.0  # seconds
