"""Plain and markdown text → readout text: the furniture of copied pages removed.

Readouts arrive as text copied from web pages: markdown from converters (headings, links,
images, emphasis), stray inline HTML (`<br/>`, footnote `<sup>`), HTML entities (`&#39;`),
lines hard-wrapped at 72 columns, and the navigation and copyright lines of Chinese sites.
Each cleaning step is conservative: it changes only what is clearly markup or furniture,
and keeps the words, the curly quotes and the no-break spaces of the sentences.
"""

from __future__ import annotations

import html
import re

from kg.read.structure import document_width, run_width

# --- entities and inline HTML ------------------------------------------------------------
# Only complete references (with the semicolon): "AT&T" and "R&D" stay as they are.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_FOOTNOTE_SUP = re.compile(r"<sup>\s*[\d*†‡,\s]{1,8}\s*</sup>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|sup|sub|small|big|mark|font|a|abbr|cite|q|s|del|ins|code|tt)"
    r"(?:\s[^<>]{0,300})?/?>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|table|tr|td|th)(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)


def decode_entities(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        decoded = html.unescape(match.group())
        # &nbsp; becomes a no-break space, as a browser shows it; an unknown name stays.
        return decoded

    return _ENTITY.sub(one, text)


def strip_inline_html(text: str) -> str:
    """Footnote markers dropped, <br> as a line break, inline tags removed with their words kept."""
    if "<" not in text:
        return text
    text = _COMMENT.sub("", text)
    text = _FOOTNOTE_SUP.sub("", text)
    text = _BR.sub("\n", text)
    text = _BLOCK_TAG.sub("\n", text)
    return _INLINE_TAG.sub("", text)


# --- markdown ------------------------------------------------------------------------------
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_EMPTY_LINK = re.compile(r"(?<!!)\[\s*\]\([^)\n]*\)")
_LINK = re.compile(r"\[((?:[^\]\n]|\n(?!\s*\n)){1,400})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s+\S+.*$", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^ {0,3}(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*[*+\-•][ \t\u00a0]+(?=\S)", re.MULTILINE)
_STRONG = re.compile(r"(?<![\w*])\*\*(?=\S)([^\n]+?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)([^\n]+?)(?<=\S)__(?![\w_])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n*]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^\n_]+?)(?<=[^\s_])_(?![\w_])")
_BLOCKQUOTE = re.compile(r"^ {0,3}> ?", re.MULTILINE)


def strip_markdown(text: str) -> str:
    """Headings, links, images, emphasis, bullets and rules of markdown → their words."""
    # Each pattern below needs its marker character: a text without it is left as it is, unscanned.
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _EMPTY_LINK.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
        text = _LINK_DEFINITION.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT_RULE.sub("", text)
    text = _BLOCKQUOTE.sub("", text)
    text = _BULLET.sub("", text)
    for _ in range(2 if "*" in text or "_" in text else 0):  # emphasis nested in strong: **a *b* c**
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return text


# --- hard-wrapped lines --------------------------------------------------------------------
_FORCED_END = re.compile(r"(?::|<br\s*/?>)$", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:[*+\-•][\s\u00a0]|\d{1,3}[.)]\s|\(\w{1,3}\)\s|#|\|)")


def wrap_width(lines: list[str]) -> int | None:
    """The column a text's wrapped paragraphs were hard-wrapped at (their median), or None."""
    return document_width("\n".join(lines))


def unwrap_lines(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs; a line that ended early ended on purpose.

    Judged per paragraph (`kg.read.structure.run_width`): a line is a wrapped one when the next
    line's first word would not have fitted on it, which is what a wrapping editor does, or when
    it is longer than its paragraph's column (edited after wrapping). A paragraph of two or three
    lines, too short to show its own column, is judged with the document's. Headings, list
    items, table rows and lead-ins ending in ":" stay lines of their own.
    """
    lines = text.split("\n")
    fallback = document_width(text)
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if not paragraph:
            return
        width = run_width(paragraph) or (fallback if len(paragraph) <= 3 else None)
        joined = [paragraph[0]]
        last = paragraph[0].rstrip()  # the previous physical line, as it was wrapped
        for line in paragraph[1:]:
            first_word = line.split(None, 1)[0] if line.strip() else ""
            wrapped = (
                width is not None and len(last) >= 0.7 * width and last.strip() and first_word and not _LIST_START.match(line)
                and not last.lstrip().startswith(("#", "|")) and not _FORCED_END.search(last)
                and (len(last) + 1 + len(first_word) > width
                     # over the column only when edited after wrapping, or ending in a link's URL
                     or width < len(last) <= 1.6 * width or len(last.split()[-1]) > 40)
            )
            if wrapped:
                head = joined[-1].rstrip()
                joiner = "" if head.endswith("-") and len(head) > 1 and head[-2].isalpha() else " "
                joined[-1] = head + joiner + line.lstrip()
            else:
                joined.append(line)
            last = line.rstrip()
        out.extend(joined)
        paragraph.clear()

    for line in lines:
        if line.strip():
            paragraph.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


# --- page furniture ------------------------------------------------------------------------
FURNITURE_KEYWORDS = (
    "copyright", "all rights reserved", "版权所有", "版权声明", "icp备", "icp证", "公网安备", "qq群",
    "批准单位", "主办单位", "指导单位", "承办单位", "技术支持", "关于我们", "联系我们", "网站地图",
    "免责声明", "隐私权政策", "扫一扫", "分享到", "打印本页", "关闭窗口", "【打印】", "【关闭】",
    "责任编辑", "上一篇", "下一篇", "返回顶部", "skip to main content", "back to top",
)
FURNITURE_LINES = frozenset({
    "share", "print", "share this page", "share this", "tweet", "email", "top", "menu", "search",
    "previous", "next", "home", "close", "print this page",
})
_MIN_READ = re.compile(r"^\d+\s+min(?:ute)?s?\s+read$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[|｜]")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*\|?$")
_SENTENCE_END = re.compile(r"[.!?。！？]\s|[.!?。！？]$")


def is_furniture_line(line: str) -> bool:
    """Navigation, copyright and sharing lines of a page, never a sentence of the article."""
    s = line.strip()
    if not s:
        return False
    low = s.lower()
    if low in FURNITURE_LINES or _MIN_READ.match(s) or s in {"©", "|"}:
        return True
    if _TABLE_RULE.match(s):
        return True  # the |---|---| line under a markdown table's header: drawing, not words
    if _TABLE_ROW.match(s):
        return False  # a markdown table row ("| 2 | Peru | MOU |") holds the document's facts
    if len(s) > 300:
        return False
    if s.startswith("©") or low.startswith(("copyright", "(c) ")):
        return True
    if _SENTENCE_END.search(s):
        return False  # a sentence stays, even one about copyright or a "next" step
    if any(k in low for k in FURNITURE_KEYWORDS):
        return True
    # A menu: three or more short items between bars ("关于我们|商务洽谈|广告服务").
    items = [x.strip() for x in _SEPARATORS.split(s)]
    if len(items) >= 4 and sum(len(x) for x in items) / len(items) <= 16:
        return True
    # A list of places or links in 【】 brackets ("华北【北京、天津...】东北【...】").
    return s.count("【") >= 2 and s.count("【") == s.count("】")


def drop_furniture_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_furniture_line(line))


# --- the whole cleaning -------------------------------------------------------------------
def tidy_blank_lines(text: str) -> str:
    """Trailing spaces off (no-break spaces stay), at most one blank line, no blank edges."""
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def clean_plain_text(text: str, *, markdown: bool = True, unwrap: bool = True) -> str:
    """The readout text of a plain or markdown file (or of an HTML page's extracted text)."""
    if unwrap:  # first: the wrap width is measured on the lines as they were typed
        text = unwrap_lines(text)
    text = strip_inline_html(text)
    if markdown:
        text = strip_markdown(text)
    text = decode_entities(text)  # after markdown, so a decoded "&#42;" is not read as emphasis
    text = drop_furniture_lines(text)
    return tidy_blank_lines(text)
