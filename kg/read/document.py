"""The `Document`: a readout's clean text and what the file says about itself.

Produced by `kg.read.sources` (bytes → Document), consumed by `kg.extract` (Document → Record).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One readout as text. Every evidence span of the record is an offset into `text`."""

    text: str
    source: str  # the path it was read from, or "-" for standard input
    media_type: str = "text/plain"  # text/plain, text/html or application/json
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD from a dateline or source line
    publisher: str | None = None
    language: str = "en"
    # A JSON readout record (GUIDE.md's format) read as is, for curated readouts.
    record: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: two files with the same text are the same readout."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def readout_id(self) -> str:
        return self.content_hash[:16]
