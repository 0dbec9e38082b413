"""The language a readout is written in, from its characters: "zh" or "en".

Chinese readouts carry Latin words (COP29, NDC, URLs) and English ones may quote Chinese
names, so the test is which script holds most of the letters: Chinese when CJK ideographs
outnumber Latin letters. Other languages are read as English, the extractor's default.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Counted by the regex engine, not a Python loop over the characters (a readout's text is
# read four times on its way in: a loop was a sixth of a worker's time), in runs of letters
# rather than one match object per letter, and once per text.
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+")
_LATIN = re.compile("[A-Za-z]+")  # str.isascii() and str.isalpha(): the 52 ASCII letters


def detect_language(text: str) -> str:
    """'zh' when CJK ideographs outnumber Latin letters, else 'en'."""
    if text.isascii():  # no ideograph at all
        return "en"
    return _language_of(text)


@lru_cache(maxsize=16)
def _language_of(text: str) -> str:
    cjk = sum(map(len, _CJK.findall(text)))
    return "zh" if cjk and cjk > sum(map(len, _LATIN.findall(text))) else "en"
