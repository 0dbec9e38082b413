"""Chinese text helpers: sentences and clauses with offsets, numerals, character classes.

Readouts are stored NFKC-normalised, so full-width ，：；（）！？ arrive as ASCII `, : ; ( ) ! ?`;
every splitter here accepts both forms. 。、“”《》—· are never folded and are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")

# A sentence ends at 。！？ (or ! ? as NFKC leaves them), with any closing quotes or brackets,
# and before a list item that a reader joined onto the line before ("如下: 一、双方…").
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*|[:：]?\s+(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
# Clauses of a sentence: separated by commas and semicolons of either width.
_CLAUSE_END = re.compile(r"[,，;；]")


# List markers at the start of a line are not part of its sentence: 一、 (一) 1. 1、 ①
_LIST_MARKER = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、](?!\d)|"
                          r"[①②③④⑤⑥⑦⑧⑨⑩])\s*")


@dataclass(frozen=True)
class ZhSentence:
    """`text == doc_text[start:end]`; `paragraph` counts lines with text."""

    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[ZhSentence]:
    """Sentences at 。！？ and line ends, trimmed of surrounding space, with exact offsets."""
    out: list[ZhSentence] = []
    paragraph = -1
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            continue
        paragraph += 1
        cursor = 0
        pieces = [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]
        for end in pieces:
            piece = line[cursor:end]
            marker = _LIST_MARKER.match(piece)
            if marker and marker.end() < len(piece):
                cursor += marker.end()
                piece = piece[marker.end():]
            stripped = piece.strip()
            if stripped:
                offset = line_start + cursor + (len(piece) - len(piece.lstrip()))
                out.append(ZhSentence(offset, offset + len(stripped), stripped, paragraph))
            cursor = end
    return out


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset in the sentence, clause) at commas and semicolons; brackets are not split."""
    out: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for index, ch in enumerate(sentence):
        if ch in "(（《“":
            depth += 1
        elif ch in ")）》”" and depth:
            depth -= 1
        elif depth == 0 and _CLAUSE_END.match(ch):
            out.append((start, sentence[start:index]))
            start = index + 1
    out.append((start, sentence[start:]))
    return [(offset, clause) for offset, clause in out if clause.strip()]


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
ZH_NUMBER = r"[〇零一二两三四五六七八九十百\d]+"


def zh_number(text: str) -> int | None:
    """'二十九' → 29, '29' → 29, '一百零一' → 101; None if it is not a numeral."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    total = 0
    if "百" in text:
        hundreds, _, text = text.partition("百")
        total += (_DIGITS.get(hundreds, 1) if hundreds else 1) * 100
        text = text.lstrip("零〇")
    if "十" in text:
        tens, _, units = text.partition("十")
        total += (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
    elif text:
        if len(text) > 1:
            return int("".join(str(_DIGITS[c]) for c in text)) + total
        total += _DIGITS[text]
    return total


def has_han(text: str) -> bool:
    return bool(HAN_CHAR.search(text))


# Full-width ASCII forms (，：；（）！？ and letters and digits) and the ideographic space, folded
# one character for one, so offsets into the folded text are offsets into the original.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """The text with full-width punctuation, letters and digits as ASCII (same length)."""
    return text.translate(_WIDTH)


_TARGET_YEAR = re.compile(r"(?:到|至|在|于|截至)(20\d\d|2100)年(?:前|之前|以前|底前|底)?|(20\d\d|2100)年(?:前|之前|以前)"
                          r"|(20\d\d)年(?:国家自主贡献|NDC)")


def target_year(sentence: str, published: str | None) -> int | None:
    """The year a committed action is due: 到2030年, 2060年前, 2035年国家自主贡献."""
    floor = int(published[:4]) if published else 2000
    for match in _TARGET_YEAR.finditer(sentence):
        year = int(next(g for g in match.groups() if g))
        if year >= floor:
            return year
    return None
