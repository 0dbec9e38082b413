"""kg commands: backup (being written)."""

from __future__ import annotations
