"""Split a readout into sentences with exact offsets.

Readouts are plain text of several shapes: one paragraph per line, hard-wrapped lines,
numbered paragraphs and bullets, headings without final punctuation, markdown furniture,
and Chinese pages with full-width punctuation. The splitter works in two steps:

1. lines → *segments*: a segment is a run of lines that belong together. A line joins
   the next one only when it reads as a hard wrap (the next line starts in lower case, or
   this one stops mid-clause); a blank line, a bullet or a numbered item always starts a
   new segment, and a line without final punctuation followed by a line break is a heading.
2. each segment → sentences at `.`, `!`, `?` (and `。！？`), except after abbreviations
   ("U.S.", "Mr.", "e.g."), initials ("Joseph R. Biden") and numbers ("No. 5").

List markers ("1.", "(a)", "•", "##") at the start of a line are not part of a sentence,
since readouts quote an item's text without its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence: `text == doc_text[start:end]`, whitespace-trimmed; `paragraph` counts segments."""

    start: int
    end: int
    text: str
    paragraph: int


# Abbreviations after which a period does not end a sentence (compared case-insensitively,
# without their final period).
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "h.e", "h.h", "hon", "rt", "st", "sen", "rep", "gov", "gen",
    "col", "lt", "capt", "sgt", "amb", "messrs", "mme", "no", "nos", "art", "arts", "para", "paras",
    "e.g", "i.e", "cf", "vol", "pp", "p", "fig", "approx", "dept", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "u.a.e", "p.r.c", "d.c", "s.a", "n.v", "al", "viz",
}
# Abbreviations that often end a sentence too: a boundary only before a sentence opener.
_SOMETIMES_FINAL = {"jr", "sr", "etc", "u.s", "u.k", "d.c", "a.m", "p.m", "inc", "ltd", "co", "corp", "al"}
_SENTENCE_OPENERS = {
    "The", "This", "These", "They", "Both", "He", "She", "It", "We", "In", "On", "At", "As", "A", "An",
    "Its", "Their", "Our", "That", "Those", "There", "During", "Following", "Further", "Furthermore",
    "Moreover", "Also", "Additionally", "However", "Today", "Together", "All", "Each", "Leaders",
    "Ministers", "I", "You", "His", "Her", "For", "With", "To", "By", "Under", "Since", "While",
    "Building", "Recognizing", "Recognising", "Noting", "Earlier", "Later", "Separately", "Finally",
}

_BULLET = r"(?:[•◦▪‣∙·*\-–—>]|#{1,6})"
_NUMBERED = r"(?:\d{1,3}(?=[ \t\u00a0]+[A-Z“\"‘])|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivxlcIVXLC]{1,5}\)|[ivxIVX]{1,4}[.)]|\(\d{1,3}\))"
_MARKER = re.compile(rf"[ \t\u00a0\u3000]*(?:{_BULLET}|{_NUMBERED})[ \t\u00a0\u3000]+")
_LIST_START = re.compile(rf"[ \t\u00a0\u3000]*(?:{_BULLET}|{_NUMBERED})[ \t\u00a0\u3000]+\S")
_TERMINAL = re.compile(r"[.!?。！？:;…][\"'”’)\]」』]*$")
_OPEN_END = re.compile(r"(?:[,(\-–—/&]|\b(?:and|or|of|the|a|an|to|for|in|on|with|by|at|from|as|that|its|their|between))$")
# A possible boundary: terminal punctuation, closing quotes/brackets, then white space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s)|[。！？]+[”’」』)）]*")
_WS = " \t\n\r\u00a0\u3000\u2028\u2029"


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_blank(line: str) -> bool:
    return not line.strip(_WS)


def wrap_width(text: str) -> int | None:
    """The column the text's paragraphs are broken at, when they are hard-wrapped (e-mail style).

    None when the text has one paragraph per line: then a line that stops without
    punctuation is a heading or a list entry of its own.
    """
    lengths = sorted(len(line.rstrip(_WS)) for line in text.split("\n") if len(line.strip(_WS)) >= 40)
    if len(lengths) < 8:
        return None  # too few lines to tell a wrapped paragraph from a list
    narrow = [n for n in lengths if n <= 82]
    if len(narrow) < 0.8 * len(lengths):
        return None
    # Most wrapped lines end a few characters short of the column; headings and lines
    # joined before reading stand out above it, so a high percentile estimates the column.
    width = narrow[int(0.8 * (len(narrow) - 1))]
    # Wrapped lines crowd just under the column; a list of entries of any length does not.
    if sum(1 for n in narrow if width - 14 <= n <= width) < 0.6 * len(narrow):
        return None
    return width


def _joins_next(line: str, nxt: str, width: int | None = 80) -> bool:
    """Whether a line break between `line` and `nxt` is a hard wrap inside one paragraph."""
    this, following = line.strip(_WS), nxt.strip(_WS)
    if not this or not following or _LIST_START.match(nxt):
        return False
    first = following[0]
    if first.islower():
        return True  # a sentence goes on in lower case
    if _TERMINAL.search(this):
        return False
    if _OPEN_END.search(this):
        return True  # stops mid-clause: "... between the", "... China and"
    if len(this) >= 100 and len(following) <= 40 and _TERMINAL.search(following) and first.isalnum():
        return True  # a stray break before a sentence's last words: "... Forests Forever\nFacility."
    if width is None or not first.isalnum():
        return False
    # A wrapper breaks a line only when the next word would not fit on it: a shorter line
    # without final punctuation ends there (a heading, a list entry).
    next_word = following.split()[0]
    return len(line.rstrip(_WS)) + 1 + len(next_word) > width


def _segments(text: str) -> list[tuple[int, int]]:
    lines = _lines(text)
    width = wrap_width(text)
    segments: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if _is_blank(line):
            if current:
                segments.append(current)
            current = None
            continue
        current = (current[0], end) if current else (start, end)
        nxt = text[lines[index + 1][0]:lines[index + 1][1]] if index + 1 < len(lines) else ""
        if not _joins_next(line, nxt, width):
            segments.append(current)
            current = None
    if current:
        segments.append(current)
    return segments


def _word_before(text: str, pos: int) -> str:
    """The token that ends at `pos` (the position of a period), without the period."""
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“‘'[":
        start -= 1
    return text[start:pos]


def _next_word(text: str, pos: int) -> str:
    match = re.match(r"[\s\"“‘'(\[]*([^\s,;:.]*)", text[pos:])
    return match.group(1) if match else ""


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if mark[0] in "。！？":
        return True
    if mark[0] != ".":
        return True  # ! and ? end sentences
    if len(mark.rstrip("\"'”’)]*_")) > 1:
        return True  # an ellipsis "..." or "?." ends it
    word = _word_before(text, match.start())
    nxt = _next_word(text, match.end())
    if not nxt:
        return True
    if nxt[0].islower():
        return False  # "e.g. the", "U.S. and"
    key = word.lower().lstrip("(").rsplit("-", 1)[-1]  # "China-U.S." is "U.S." at its end
    if key in _SOMETIMES_FINAL:
        return nxt in _SENTENCE_OPENERS
    if key in _ABBREVIATIONS:
        return False
    if re.fullmatch(r"[A-Z]", word) or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word):
        return False  # an initial ("R. Biden") or dotted abbreviation ("H.E.")
    # Section numbers "3. 4" are not sentence ends.
    return not (re.fullmatch(r"\d{1,3}", word) and re.fullmatch(r"\d.*", nxt))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def _strip_marker(text: str, start: int, end: int) -> int:
    match = _MARKER.match(text, start, end)
    if match and match.end() < end:
        return match.end()
    return start


_OPENING_QUOTES = "“\"‘'"
_CLOSING_QUOTES = "”\"’'"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order, each an exact, trimmed slice; list markers left out."""
    sentences: list[Sentence] = []
    for paragraph, (seg_start, seg_end) in enumerate(_segments(text)):
        seg_start = _strip_marker(text, seg_start, seg_end)
        # A quotation keeps its attribution ('X said, "We will act.'): the speaker says who commits.
        cuts = {m.end() for m in _BOUNDARY.finditer(text, seg_start, seg_end) if _is_boundary(text, m)}
        piece_start = seg_start
        for cut in sorted(cuts):
            _add(sentences, text, piece_start, cut, paragraph)
            piece_start = cut
        _add(sentences, text, piece_start, seg_end, paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    start, end = _trim(text, start, end)
    start, end = _unwrap_furniture(text, start, end)
    if start < end and any(ch.isalnum() for ch in text[start:end]):
        sentences.append(Sentence(start, end, text[start:end], paragraph))


def _unwrap_furniture(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out markdown emphasis ("**") and quotation marks that open or close outside the sentence."""
    changed = True
    while changed and start < end:
        changed = False
        for marker in ("**", "__"):
            if text.startswith(marker, start):
                start, changed = start + len(marker), True
            if text[start:end].endswith(marker):
                end, changed = end - len(marker), True
        piece = text[start:end]
        if not piece:
            break
        opening = sum(piece.count(q) for q in "“‘")
        closing = sum(piece.count(q) for q in "”")
        straight = piece.count('"')
        if piece[:1] in _OPENING_QUOTES and (piece[0] == "“" and closing < opening or
                                             piece[0] == '"' and straight % 2 == 1):
            start, changed = start + 1, True
        elif piece[-1:] in _CLOSING_QUOTES and (piece[-1] == "”" and closing > opening or
                                                piece[-1] == '"' and straight % 2 == 1):
            end, changed = end - 1, True
        start, end = _trim(text, start, end)
    return start, end
