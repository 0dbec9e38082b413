"""A regular expression for "any of these words" that Python's engine matches quickly.

`re` tries the branches of an alternation one by one at every position of the text: with the
~2,000 forms of the country gazetteer that was most of the time spent finding states in a
readout. The same words as a trie ("Chin(?:a|ese)") cost one branch per character. At each
node the longer continuations come before stopping, so the match (and what backtracking tries
next, when a following look-ahead fails) is the longest word first, exactly as an alternation
sorted longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key marking that a word ends at this node


def alternation(words: Iterable[str]) -> str:
    """A pattern (no group around it) matching any of `words`, the longest first."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _pattern(trie)


def _pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if _END in node:  # a word may stop here: the longer ones are tried first (greedy "?")
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
