"""The reader accepts each kind of input a readout arrives in, and gives clean text."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError, RecordError
from kg.read.sources import decode, expand_paths, read_bytes, read_path

READOUT = (
    "Readout of the Third Meeting of the Ruritania-Freedonia Climate Working Group\n\n"
    "On 3 March 2025, Special Envoy Anna Berg met Minister Li Wei in Geneva. "
    "Both sides committed to cut methane emissions by 30 percent by 2030.\n"
)
CHINESE = "文章来源：生态环境部 2024-09-11\n中美两国同意加强气候合作，共同推动能源转型。\n"


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_encodings_with_and_without_bom(encoding: str, bom: bytes) -> None:
    text = READOUT + "Café “quotes” – done.\n"
    doc = read_bytes(bom + text.encode(encoding), "r.txt")
    assert "Special Envoy Anna Berg met Minister Li Wei" in doc.text
    assert "Café “quotes” – done." in doc.text
    assert not doc.text.startswith("\ufeff")


def test_utf16_without_bom_is_recognised() -> None:
    assert decode(READOUT.encode("utf-16-le"), "r.txt") == READOUT


def test_gb18030_chinese_page() -> None:
    doc = read_bytes(CHINESE.encode("gb18030"), "cn.txt")
    assert "中美两国同意加强气候合作" in doc.text
    assert "文章来源" in doc.text  # the source line (dateline) is kept


def test_gbk_bytes_decode_as_gb18030() -> None:
    assert decode(CHINESE.encode("gbk"), "cn.txt") == CHINESE


@pytest.mark.parametrize("text", [
    "The Minister’s “green” résumé – café société, naïve façade.\n",
    "Both sides reaffirmed their commitment to the Parties’ goals — résumé.\n",
    "Les ministres ont réaffirmé l’engagement à réduire les émissions.\n",
])
def test_windows_1252_is_not_misread_as_chinese(text: str) -> None:
    assert decode(text.encode("cp1252"), "w.txt") == text


def test_html_page_keeps_article_title_and_dateline_and_drops_furniture() -> None:
    page = """<!DOCTYPE html><html lang="en"><head><title>Readout of the Envoys' Call | Ministry of Climate</title>
    <meta property="og:site_name" content="Ministry of Climate">
    <meta property="article:published_time" content="2025-03-04T10:00:00Z">
    <script>var tracking = "Freedonia pledges";</script><style>p { color: red }</style></head>
    <body><header class="site-header"><a href="/">Home</a> <span class="date">4 March 2025</span></header>
    <nav><ul><li>News</li><li>Press releases</li></ul></nav>
    <main><article><h1>Readout of the Envoys&#39; Call</h1>
    <p>Geneva &ndash; The envoys met&nbsp;today.<br>They agreed to cooperate &amp; to report.</p>
    <ul><li>Methane</li><li>Forests</li></ul>
    <form><input name="q"><button>Search</button></form></article></main>
    <aside>Related: other news</aside><footer>© 2025 Ministry of Climate. All rights reserved.</footer>
    </body></html>"""
    doc = read_bytes(page.encode("utf-8"), "page.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Readout of the Envoys' Call"
    assert doc.published == "2025-03-04"
    assert doc.publisher == "Ministry of Climate"
    assert doc.text.startswith("4 March 2025")  # the dateline in the page header is kept
    assert "Readout of the Envoys' Call\n\nGeneva – The envoys met\u00a0today.\nThey agreed to cooperate & to report." \
        in doc.text
    assert "Methane\nForests" in doc.text
    for furniture in ("tracking", "color", "Home", "News", "Press releases", "Search", "Related", "rights"):
        assert furniture not in doc.text


def test_html_without_doctype_in_a_txt_file_is_read_as_html() -> None:
    doc = read_bytes(b"<html><body><p>Both sides met.</p><script>x()</script></body></html>", "page.txt")
    assert doc.media_type == "text/html"
    assert doc.text == "Both sides met."


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    wrapped = (
        "Joint Statement on Methane\n\n"
        "The Ministers of Ruritania and Freedonia met today in Geneva and agreed\n"
        "to cut methane emissions from the oil and gas sector by 30 percent by\n"
        "2030, and to report on progress at the next meeting of the Working\n"
        "Group in Rome.\n\n"
        "-   Both sides will publish a roadmap for the power sector before the\n"
        "    end of the year.\n"
        "-   Both sides will meet again.\n"
    )
    text = read_bytes(wrapped.encode(), "w.txt").text
    assert ("The Ministers of Ruritania and Freedonia met today in Geneva and agreed to cut methane emissions "
            "from the oil and gas sector by 30 percent by 2030, and to report on progress at the next meeting "
            "of the Working Group in Rome.") in text
    assert "Joint Statement on Methane\n\nThe Ministers" in text
    assert "Both sides will publish a roadmap for the power sector before the end of the year.\n" \
           "Both sides will meet again." in text


def test_unwrapped_text_keeps_its_lines() -> None:
    text = "Title\n" + "\n".join((f"Paragraph {i} is one long line. " * 8).strip() for i in range(5))
    assert read_bytes(text.encode(), "u.txt").text == text.strip()


def test_no_break_spaces_and_smart_quotes_are_kept() -> None:
    text = "The EU\u00a0and Japan said: “We will act.” It’s\u00a0agreed.\n"
    assert read_bytes(text.encode(), "n.txt").text == text.strip()


def test_html_entities_in_plain_text_are_decoded() -> None:
    text = "Singapore&#39;s Minister said: &quot;We will act &amp; report.&quot; R&D and AT&T stay.&#x2014;"
    assert read_bytes(text.encode(), "e.txt").text == "Singapore's Minister said: \"We will act & report.\" " \
                                                      "R&D and AT&T stay.—"


def test_markdown_furniture_is_cleaned() -> None:
    md = (
        "* 15 July 2025\n  * Directorate-General for Energy\n  * 1 min read\n\n"
        "# Joint readout of the Dialogue\n"
        "![](https://example.org/photo.jpg)\n"
        "**Geneva, 14 July 2025** – The [Ruritania-Freedonia Dialogue](https://example.org/d) met. "
        "Both sides agreed to act on Article 6* of the *Paris Agreement*.\n"
        "<sup>1</sup>More details can be found at this [link](https://example.org/x).<br/>\n"
        "<!-- comment -->\n"
    )
    text = read_bytes(md.encode(), "m.md").text
    assert text == (
        "15 July 2025\nDirectorate-General for Energy\n\n"
        "Joint readout of the Dialogue\n\n"
        "Geneva, 14 July 2025 – The Ruritania-Freedonia Dialogue met. "
        "Both sides agreed to act on Article 6* of the Paris Agreement.\n"
        "More details can be found at this link."
    )


def test_chinese_site_furniture_lines_are_dropped_and_the_source_line_kept() -> None:
    page = (
        "文章来源:生态环境部碳交易网2024-09-11 08:46\n\n"
        "Readout of the Meeting\nBoth sides agreed to cooperate on methane.\n\n"
        "华北【北京、天津】东北【黑龙江哈尔滨、吉林长春】\n"
        "关于我们|商务洽谈|广告服务|免责声明 |联系我们|网站地图\n"
        "Copyright@2014 example.com 碳排放交易网 All Rights Reserved\n"
        "Home | News | Events | Contact\n"
    )
    text = read_bytes(page.encode("utf-8"), "cn.txt").text
    assert text == "文章来源:生态环境部碳交易网2024-09-11 08:46\n\nReadout of the Meeting\n" \
                   "Both sides agreed to cooperate on methane."


def test_json_record_is_read_and_checked() -> None:
    record = {"document": {"title": "T", "published": "2025-01-02"}, "text": "Both sides met.",
              "actors": [{"code": "FR", "name": "France", "evidence": [{"start": 0, "end": 4, "text": "Both"}]}]}
    doc = read_bytes(json.dumps(record).encode(), "r.json")
    assert doc.media_type == "application/json"
    assert doc.record == record
    assert doc.text == "Both sides met."
    assert (doc.title, doc.published) == ("T", "2025-01-02")


@pytest.mark.parametrize("record,field", [
    ({"actors": [{"code": 7}]}, "actors[0].code"),
    ({"actors": "FR"}, "actors"),
    ({"document": {"published": "yesterday"}}, "document.published"),
    ({"commitments": [{"text": "x", "target_year": "2030"}]}, "commitments[0].target_year"),
    ({"meetings": [{"participants": ["France"]}]}, "meetings[0].participants[0]"),
    ([1, 2], "$"),
])
def test_json_record_with_wrong_types_names_the_field(record: object, field: str) -> None:
    with pytest.raises(RecordError) as err:
        read_bytes(json.dumps(record).encode(), "bad.json")
    assert str(err.value).startswith(f"bad.json: field {field}: ")


def test_folder_expands_to_its_readouts_sorted(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "a.gold.json").write_text("{}")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("x")
    assert list(expand_paths([tmp_path])) == [tmp_path / "a.html", tmp_path / "b.txt"]


def test_read_path_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(READOUT.encode("utf-16"))
    doc = read_path(path)
    assert doc.source == str(path)
    assert doc.text == READOUT.strip()


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(READOUT)
    with pytest.raises(InputError, match="over the size limit of 10 bytes"):
        read_path(path, max_bytes=10)
    assert read_path(path, max_bytes=10_000).text


# Text without markup, entities or furniture: what the round trip must keep exactly.
plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff&<*_[#!>|【"),
    min_size=1, max_size=200,
).filter(lambda s: s.strip() == s and s.strip() != "")


@settings(max_examples=200, deadline=None)
@given(plain_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_decode_round_trips_unicode_text(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "h.txt") == text


# Any text at all (text never holds NUL; a leading U+FEFF is a byte-order mark by definition).
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   min_size=1, max_size=300).filter(lambda s: not s.startswith("\ufeff"))


@settings(max_examples=300, deadline=None)
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
def test_decode_round_trips_any_text(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode(data, "h.txt") == text


@settings(max_examples=200, deadline=None)
@given(plain_text)
def test_read_bytes_gives_the_same_outcome_from_every_unicode_encoding(text: str) -> None:
    def outcome(encoding: str) -> str:
        try:
            return read_bytes(text.encode(encoding), "h.txt").text
        except InputError as exc:  # e.g. "=" alone is a markdown rule: no text left
            return f"refused: {exc}"

    assert len({outcome(e) for e in ("utf-8", "utf-8-sig", "utf-16", "utf-32")}) == 1


def test_chinese_html_page_declaring_gb2312() -> None:
    page = ('<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "<title>中美气候工作组会议 - 生态环境部</title></head><body>"
            '<div class="nav">首页 | 新闻 | 政策</div><div class="article"><h1>中美气候工作组会议</h1>'
            "<p>2024年9月6日，中美双方在北京举行会议。</p><p>双方同意加强甲烷减排合作。</p></div>"
            '<div class="footer">版权所有 © 生态环境部 京ICP备05009132号</div></body></html>')
    doc = read_bytes(page.encode("gb18030"), "cn.html")
    assert doc.language == "zh"
    assert doc.title == "中美气候工作组会议"
    assert doc.text == "中美气候工作组会议\n\n2024年9月6日，中美双方在北京举行会议。\n\n双方同意加强甲烷减排合作。"


def test_a_page_that_lies_about_its_charset_is_judged_by_its_bytes() -> None:
    page = '<html><head><meta charset="us-ascii"></head><body><p>Both sides met in Zürich – “today”.</p></body></html>'
    assert read_bytes(page.encode("utf-8"), "p.html").text == "Both sides met in Zürich – “today”."


def test_an_article_header_class_is_not_page_furniture() -> None:
    page = ('<html><body><div class="site-header">Ministry | Home</div><div class="content">'
            '<div class="article-header"><h1>Readout of the Call</h1><span class="date">4 March 2025</span></div>'
            "<p>The envoys spoke.</p></div></body></html>")
    assert read_bytes(page.encode(), "p.html").text == "Readout of the Call\n\n4 March 2025\n\nThe envoys spoke."


def test_json_record_evidence_must_point_into_its_text() -> None:
    record = {"text": "Both sides met.", "actors": [{"code": "FR", "evidence": [{"start": 5, "end": 10, "text": "Both"}]}]}
    with pytest.raises(RecordError, match=r"r.json: field actors\[0\].evidence\[0\]: the text at 5-10 is 'sides', not 'Both'"):
        read_bytes(json.dumps(record).encode(), "r.json")


def test_a_sentence_that_mentions_furniture_words_is_kept() -> None:
    text = ("Both sides agreed to cooperate on copyright protection for green technologies.\n"
            "They will meet next year to review progress; all rights reserved to the parties.\n"
            "© 2025 Ministry of Climate. All rights reserved.\n")
    assert read_bytes(text.encode(), "s.txt").text == (
        "Both sides agreed to cooperate on copyright protection for green technologies.\n"
        "They will meet next year to review progress; all rights reserved to the parties.")
