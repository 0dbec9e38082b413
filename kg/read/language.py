"""The language a readout is written in, from its characters: "zh" or "en".

Chinese readouts carry Latin words (COP29, NDC, URLs) and English ones may quote Chinese
names, so the test is which script holds most of the letters: Chinese when CJK ideographs
outnumber Latin letters. Other languages are read as English, the extractor's default.
"""

from __future__ import annotations

import re

# Counted by the regex engine, not a Python loop over the characters (a readout's text is
# read four times on its way in: a loop was a sixth of a worker's time).
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile("[A-Za-z]")  # str.isascii() and str.isalpha(): the 52 ASCII letters


def detect_language(text: str) -> str:
    """'zh' when CJK ideographs outnumber Latin letters, else 'en'."""
    return "zh" if len(_CJK.findall(text)) > len(_LATIN.findall(text)) else "en"
