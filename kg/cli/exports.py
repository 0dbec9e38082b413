"""kg commands: exports (being written)."""

from __future__ import annotations
