"""The language a readout is written in, from its characters: "zh" or "en".

Chinese readouts carry Latin words (COP29, NDC, URLs) and English ones may quote Chinese
names, so the test is which script holds most of the letters: Chinese when CJK ideographs
outnumber Latin letters. Other languages are read as English, the extractor's default.
"""

from __future__ import annotations


def detect_language(text: str) -> str:
    """'zh' when CJK ideographs outnumber Latin letters, else 'en'."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "zh" if cjk > latin else "en"
