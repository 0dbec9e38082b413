"""How a name is compared, and which of several forms keys a node.

Names are compared folded (case, accents and punctuation aside) and word by word; a node is
keyed by the fullest form any readout gives, a function of the forms alone, so the key does not
depend on which readout came first (kg/rdf/identity.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.model.namespaces import cop_number

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@lru_cache(maxsize=65536)  # pure and hot: every comparison of two names folds both
def fold(text: str) -> str:
    """Case, accents and punctuation folded: 'António Guterres' → 'antonio guterres'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def name_words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in _SUFFIXES]


def fullest_forum(names: list[str]) -> str:
    """The name a forum is keyed by: a COP's number when one names it ("COP27", not "the Climate
    Change Summit" a readout calls it), else the fullest name."""
    cops = [n for n in names if cop_number(n) is not None]
    return fullest(cops or names)


def fullest(names: list[str]) -> str:
    """The name a node is keyed by: the one with most words, then the longest, then the first
    in order of its folded form, so that the choice depends on the names alone, not on which
    readout came first ("Xie Zhenhua" over "Xie"; "International Energy Agency" over "IEA")."""
    return max(names, key=lambda n: (len(name_words(n)), len(fold(n)), fold(n), n))


__all__ = ["fold", "fullest", "fullest_forum", "name_words"]
