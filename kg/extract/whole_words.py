"""Whether a name is written in a text on its own: not inside a longer word or a hyphenated
compound ("Kerry" is not written alone in "Kerry-led", "EU" not in "EUR")."""

from __future__ import annotations

import re


def written_alone(name: str, text: str) -> bool:
    """Whether `name` occurs in `text` with no word character or hyphen on either side."""
    # the substring test first: most names asked about are not in the text at all, and then the
    # pattern made for this name is neither compiled nor run
    return name in text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None
