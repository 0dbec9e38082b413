"""HTML page → readout text, with the standard library's `html.parser` (no new dependency).

Keeps what a reader of the page reads as the article: headings and paragraphs as
paragraphs, `<br>` and list items as line breaks, entities decoded, no-break spaces kept.
Drops what is page furniture: scripts, styles, navigation, forms, asides, page headers and
footers (a header inside `<article>`/`<main>` is the article's own and stays). A dateline
inside a dropped region (a `<time>`, or an element whose class says date) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Dropped with everything inside them.
DROPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "nav", "form", "button", "select",
    "textarea", "iframe", "object", "embed", "canvas", "aside", "dialog", "menu", "audio", "video",
    "map", "head",
})
# Dropped unless inside an article or main element (then they belong to the article).
PAGE_FRAME = frozenset({"header", "footer"})
ARTICLE = frozenset({"article", "main"})
# ARIA roles and class/id words that mark furniture (matched against whole words of the attribute).
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"})
FURNITURE_WORDS = frozenset({
    "nav", "navigation", "topnav", "breadcrumb", "breadcrumbs", "cookie", "cookies", "share", "sharing", "social", "skip", "navbar",
    "menu", "sidebar", "subscribe", "newsletter", "pagination", "pager", "toolbar", "print", "sr-only",
})
# Class/id words of a page's own header and footer: dropped unless inside an article, like the tags.
# Matched against whole class tokens: "article-header" is the article's, "site-header" the page's.
FRAME_WORDS = frozenset({"header", "footer", "site-header", "site-footer", "global-header", "global-footer",
                         "masthead", "topbar", "top-bar", "copyright", "banner"})
DATELINE_WORDS = frozenset({"date", "dateline", "time", "published", "pubdate", "timestamp", "posted"})
# Elements whose end starts a new paragraph; others in BREAKS start a new line.
PARAGRAPHS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "address", "hr", "center",
})
BREAKS = frozenset({"br", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "details"})
CELLS = frozenset({"td", "th"})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})
PUBLISHED_META = (
    "article:published_time", "og:published_time", "date", "dc.date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publication_date", "citation_publication_date",
    "sailthru.date", "parsely-pub-date",
)
PUBLISHER_META = ("og:site_name", "publisher", "dc.publisher", "dcterms.publisher", "application-name")

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space: no-break space is not in it
_PARAGRAPH = "\x00P"  # markers between chunks, resolved when the text is assembled
_LINE = "\x00L"
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class HtmlText:
    """The readable text of a page and what its markup says about it."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD from a meta tag or <time datetime>
    publisher: str | None = None
    language: str | None = None  # primary subtag of <html lang>


def _words(value: str | None) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", (value or "").lower()) if w}


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.stack: list[str] = []  # open elements that matter for context (article, pre)
        self.skip: list[str] = []  # tags of the dropped regions we are inside
        self.rescue_depth = 0  # >0 inside a dateline element within a dropped region
        self.rescued: list[str] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1_parts: list[str] | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.language: str | None = None
        self.pre = 0

    # --- helpers -------------------------------------------------------------------------
    def _inside_article(self) -> bool:
        return any(tag in ARTICLE for tag in self.stack)

    def _is_furniture(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in DROPPED:
            return True
        if tag in PAGE_FRAME and not self._inside_article():
            return True
        if attrs.get("role", "").lower() in FURNITURE_ROLES:
            return True
        if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
            return True
        tokens = set((attrs.get("class", "") + " " + attrs.get("id", "")).lower().split())
        if tokens & FRAME_WORDS and not self._inside_article():
            return True
        return bool((_words(attrs.get("class")) | _words(attrs.get("id"))) & FURNITURE_WORDS)

    @staticmethod
    def _is_dateline(tag: str, attrs: dict[str, str]) -> bool:
        return tag == "time" or bool((_words(attrs.get("class")) | _words(attrs.get("id"))) & DATELINE_WORDS)

    # --- parser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag == "html" and attrs.get("lang"):
            self.language = attrs["lang"].split("-")[0].lower() or None
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"].strip()
            return
        if tag == "title" and not self.skip_outside_head():
            self.in_title = True
            return
        if tag == "time" and attrs.get("datetime") and self.time_datetime is None:
            self.time_datetime = attrs["datetime"]
        if self.skip:
            if tag not in VOID:
                self.skip.append(tag)
                if self.rescue_depth:
                    self.rescue_depth += 1
                elif self._is_dateline(tag, attrs) and self.skip[0] != "head":
                    self.rescue_depth = 1
            return
        if tag in VOID:
            if tag == "br":
                self.chunks.append(_LINE)
            elif tag == "hr":
                self.chunks.append(_PARAGRAPH)
            return
        if self._is_furniture(tag, attrs):
            self.skip.append(tag)
            if self._is_dateline(tag, attrs) and tag not in DROPPED:
                self.rescue_depth = 1
            return
        self.stack.append(tag)
        if tag == "pre":
            self.pre += 1
        if tag == "h1" and self.h1 is None:
            self.h1_parts = []
        if tag in PARAGRAPHS:
            self.chunks.append(_PARAGRAPH)
        elif tag in BREAKS:
            self.chunks.append(_LINE)
        elif tag in CELLS:
            self.chunks.append(" ")

    def skip_outside_head(self) -> bool:
        """A <title> counts only in <head> (an SVG's <title> inside a dropped region does not)."""
        return bool(self.skip) and self.skip[0] != "head"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title = False
            return
        if self.skip:
            if tag in self.skip:
                # Close up to the matching open tag (forgives unclosed tags inside).
                while self.skip:
                    closed = self.skip.pop()
                    if self.rescue_depth:
                        self.rescue_depth -= 1
                        if self.rescue_depth == 0 and self.rescued:
                            self._flush_rescued()
                    if closed == tag:
                        break
            return
        if tag not in self.stack:
            return  # a stray end tag
        while self.stack:
            closed = self.stack.pop()
            if closed == "pre":
                self.pre -= 1
            if closed == "h1" and self.h1_parts is not None:
                self.h1 = _collapse("".join(self.h1_parts)) or None
                self.h1_parts = None
            if closed == tag:
                break
        if tag in PARAGRAPHS:
            self.chunks.append(_PARAGRAPH)
        elif tag in BREAKS and tag != "br":
            self.chunks.append(_LINE)

    def _flush_rescued(self) -> None:
        text = _collapse("".join(self.rescued))
        self.rescued = []
        if text:
            self.chunks.extend([_PARAGRAPH, text, _PARAGRAPH])

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            if self.rescue_depth:
                self.rescued.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.pre:
            self.chunks.append(data.replace("\r\n", "\n").replace("\n", _LINE))
        else:
            self.chunks.append(_HTML_SPACE.sub(" ", data))


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip(" ")


def _assemble(chunks: list[str]) -> str:
    """Chunks with break markers → text: lines trimmed, at most one blank line between paragraphs."""
    text = "".join(chunks)
    text = re.sub(r"(?:\x00L|\x00P)+", lambda m: "\n\n" if _PARAGRAPH in m.group() else "\n", text)
    lines = [line.strip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def _date_of(value: str | None) -> str | None:
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return match.group()


def _page_title(title: str | None, h1: str | None, meta: dict[str, str]) -> str | None:
    """The article's title: og:title or the first <h1>, else <title> without the site's name."""
    for candidate in (meta.get("og:title"), meta.get("twitter:title"), h1):
        if candidate and candidate.strip():
            return _collapse(candidate)
    if not title:
        return None
    title = _collapse(title)
    # "Readout of ... | The White House" → "Readout of ..."; keep it whole if that leaves little.
    head = re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]+$)", title)[0].strip()
    return head if len(head) >= 12 else title or None


def html_to_text(html: str) -> HtmlText:
    """The article text of an HTML page, its title, publication date, publisher and language."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    if reader.rescued:
        reader._flush_rescued()
    meta = reader.meta
    published = None
    for key in PUBLISHED_META:
        published = _date_of(meta.get(key))
        if published:
            break
    if published is None:
        published = _date_of(reader.time_datetime)
    publisher = next((_collapse(meta[k]) for k in PUBLISHER_META if meta.get(k, "").strip()), None)
    return HtmlText(
        text=_assemble(reader.chunks),
        title=_page_title("".join(reader.title_parts), reader.h1, meta),
        published=published,
        publisher=publisher,
        language=reader.language,
    )


_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """A whole HTML page (doctype, <html>, <head> or <body> first), not text with a few tags in it."""
    return bool(_HTML_START.match(text[:4096]))
