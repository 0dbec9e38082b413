"""Split a readout into sentences with exact offsets.

Readouts are plain text of several shapes: one paragraph per line, hard-wrapped lines,
numbered paragraphs and bullets, headings without final punctuation, markdown furniture,
and Chinese pages with full-width punctuation. The splitter works in two steps:

1. the text's structure (`kg.read.structure`): blocks (title, headings, paragraphs, list
   items, table rows), each a run of lines that belong together; a sentence never crosses
   from one block into the next.
2. each block → sentences at `.`, `!`, `?` (and `。！？`), except after abbreviations
   ("U.S.", "Mr.", "e.g."), initials ("Joseph R. Biden") and numbers ("No. 5").

List markers ("1.", "(a)", "•", "##") at the start of a line are not part of a sentence,
since readouts quote an item's text without its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.read.structure import Block, read_structure


@dataclass(frozen=True)
class Sentence:
    """A sentence: `text == doc_text[start:end]`, whitespace-trimmed; `paragraph` is the index of
    its block in the text's structure."""

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
    "sh", "adv", "engr", "eng", "chr", "wm", "jos",  # styles and abbreviated given names before a name ("Sh. Rao", "Lars Chr. Holt")
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

# A possible boundary: terminal punctuation, closing quotes/brackets, then white space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s)|[。！？]+[”’」』)）]*|(?<=[a-z0-9%)]{2}\.)(?=[A-Z][a-z])")
_WS = " \t\n\r\u00a0\u3000\u2028\u2029"


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
    if not mark:  # "by 2030.The two countries": a period with no space after it, before a capital
        return _word_before(text, match.start() - 1).lower() not in _ABBREVIATIONS
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


_OPENING_QUOTES = "“\"‘'"
_CLOSING_QUOTES = "”\"’'"


def split_sentences(text: str, blocks: list[Block] | None = None) -> list[Sentence]:
    """Sentences of `text` in order, each an exact, trimmed slice inside one block of the text's
    structure (`paragraph` is the block's index); list markers left out."""
    if blocks is None:
        return list(_sentences_of(text))
    return _split(text, blocks)


# Extraction and the mapping's evidence (kg/rdf/evidence.py) both split a readout's text: once.
@lru_cache(maxsize=8)
def _sentences_of(text: str) -> tuple[Sentence, ...]:
    return tuple(_split(text, read_structure(text)))


def _split(text: str, blocks: list[Block]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for block in blocks:
        paragraph, seg_start, seg_end = block.index, block.body_start, block.end
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
