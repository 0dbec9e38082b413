"""Document metadata: title, publication date, publisher, language."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.metadata import extract_document_info, parse_date_parts
from kg.read.document import Document


def info(text: str, **kwargs: str):  # type: ignore[no-untyped-def]
    return extract_document_info(Context.build(Document(text=text, source="test", **kwargs)))


def test_source_line_date_and_publisher() -> None:
    result = info("\n文章来源:生态环境部网站2024-09-11 08:46\n\nReadout of the Working Group Meeting\nBoth sides met.")
    assert result.published == "2024-09-11"
    assert result.publisher == "生态环境部网站"
    assert result.title == "Readout of the Working Group Meeting"
    assert result.language == "en"


def test_a_line_of_fields_separated_by_bars() -> None:
    # page furniture as one line of fields: the publisher ends at a bar, a labelled date may follow one
    result = info("Source: Ministry of Rivers of Tarvos | Released 2021-03-04 14:03\n\nTarvos Plants Mangroves\nText.")
    assert result.published == "2021-03-04"
    assert result.publisher == "Ministry of Rivers of Tarvos"
    assert info("Updated: 2024-04-18 10:11 | Source: Tarvos Daily\n\nHeadline\nText.").publisher == "Tarvos Daily"
    assert info("Headline\n\nTarvos Daily · Updated 5 May 2023\nText.").published == "2023-05-05"
    # a date in a sentence after a bar is no field
    assert info("Headline\n\nThe talks | which began on 4 May 2023 | went on.").published is None


def test_dateline_with_dash() -> None:
    result = info("Ruritania Pledges Support\n\nSingapore, 14 July 2022 – The Minister will attend.")
    assert result.published == "2022-07-14"
    assert result.title == "Ruritania Pledges Support"


def test_us_style_dateline() -> None:
    assert info("Washington, D.C. — September 17, 2021 — The Secretary met.").published == "2021-09-17"


def test_a_wire_services_tag_after_the_dateline() -> None:
    assert info("Lima, March 3, 2025 (ANDINA) -- The minister met the envoy.").published == "2025-03-03"
    assert info("OTTAWA, ON, April 14, 2023 /CNW/ - The minister will travel.").published == "2023-04-14"


def test_a_dateline_closed_by_a_full_stop() -> None:
    result = info("Ruritania and Elbonia agree on river care\n\nTarvos, 4 June 2025. The two ministers met today.")
    assert result.published == "2025-06-04"
    assert result.title == "Ruritania and Elbonia agree on river care"
    # a Spanish-language issuer and a translation note above the headline are page furniture
    head = "Ministerio de Ambiente – República de Tarvos\nPress release (unofficial English translation)\n\n"
    assert info(head + "Tarvos plants mangroves\n\nTarvos, 4 June 2025. Text.").title == "Tarvos plants mangroves"


def test_published_block_and_date_line() -> None:
    assert info("Published 23 September 2021\nPress release\nThe PM met the SG.\n\nThey agreed.").published \
        == "2021-09-23"
    result = info("15 July 2025\n  Directorate-General for Energy\n\nJoint readout of the dialogue\nText.")
    assert result.published == "2025-07-15"
    assert result.publisher == "Directorate-General for Energy"
    assert result.title == "Joint readout of the dialogue"


def test_dates_inside_sentences_are_not_publication_dates() -> None:
    result = info("Leaders Meet\n\nOn 4 September 2024, the leaders met in Beijing.")
    assert result.published is None


def test_a_text_that_opens_with_its_dateline_paragraph_has_no_title() -> None:
    text = "Singapore, 25 September 2023 – Minister Tan will participate in the dialogue in Beijing from 26 to 27 " \
           "September 2023 to discuss climate finance and carbon markets with counterparts."
    assert info(text).title is None


def test_language_is_zh_when_mostly_chinese() -> None:
    assert info("中美双方在北京举行气候变化工作组会议，双方同意加强合作。").language == "zh"


def test_what_the_source_read_wins() -> None:
    result = info("Body text only.", title="From HTML", published="2020-01-02", publisher="A Ministry")
    assert (result.title, result.published, result.publisher) == ("From HTML", "2020-01-02", "A Ministry")


def test_parse_date_parts() -> None:
    assert parse_date_parts("2024", "Sept", "4") == "2024-09-04"
    assert parse_date_parts("2024", "2", "30") is None


def test_date_line_with_a_time() -> None:
    assert info("Ministers Hold Talks\n2024-01-19 22:30\n\nOn January 19, the ministers met.").published == "2024-01-19"


def test_sidecar_index_dates_a_text_that_gives_no_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kg.read.sources import read_path

    (tmp_path / "a.txt").write_text("Leaders Meet\n\nThe leaders met today in Nairobi.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Leaders Meet\n\nNairobi, 3 March 2024 – The leaders met.\n", encoding="utf-8")
    (tmp_path / "index.jsonl").write_text(
        '{"file": "a.txt", "date": "2024-03-05", "publisher": "A Ministry"}\n'
        '{"file": "b.txt", "date": "2024-03-09"}\nnot json\n', encoding="utf-8")
    a = extract_document_info(Context.build(read_path(tmp_path / "a.txt")))
    assert (a.published, a.publisher, a.title) == ("2024-03-05", "A Ministry", "Leaders Meet")
    # The text's own dateline wins over the index.
    assert extract_document_info(Context.build(read_path(tmp_path / "b.txt"))).published == "2024-03-03"


def test_page_furniture_before_the_headline() -> None:
    text = ("Ministry of Ecology and Environment of Ruritania\nHome | News | Policies\n\n"
            "Minister holds video call with counterpart\n\nSource: Department of International Cooperation    "
            "Date: 2024-04-18\n[Print] [Close]\n\nBeijing, April 17 -- The Minister held a call.")
    result = info(text)
    assert (result.title, result.published, result.publisher) == (
        "Minister holds video call with counterpart", "2024-04-18", "Department of International Cooperation")


def test_date_first_dateline_and_byline() -> None:
    text = ("Environment and Climate Change Ruritania\n\nReadout: Minister co-hosts meeting in Bonn\n\n"
            "From: Environment and Climate Change Ruritania\n\nStatement\n\nJune 5, 2024 – Bonn, Germany\n\n"
            "The Minister met counterparts.")
    result = info(text)
    assert (result.title, result.published, result.publisher) == (
        "Readout: Minister co-hosts meeting in Bonn", "2024-06-05", "Environment and Climate Change Ruritania")


def test_time_line_is_not_a_title() -> None:
    result = info("Council of the EU\nPress release\n14 October 2024\n16:40\n\nCOP29: Council sets out position\n\n"
                  "The Council approved conclusions.")
    assert (result.title, result.published) == ("COP29: Council sets out position", "2024-10-14")


def test_a_date_line_in_capitals() -> None:
    assert info("Call with the Minister of Energy\n\nREADOUT\n\nAUGUST 14, 2024\n\nThe two spoke today.").published == \
        "2024-08-14"


def test_posted_on_lines_and_unambiguous_slashed_dates() -> None:
    assert info("Title\n\nPosted On: 09 SEP 2024 6:45PM by PIB Delhi\n\nThe minister met.").published == "2024-09-09"
    assert info("Title\n\nHa Noi, 26/02/2024\n\nThe ministers met.").published == "2024-02-26"
    assert info("Title\n\nHa Noi, 06/02/2024\n\nThe ministers met.").published is None  # 6 Feb or June 2?


def test_a_date_line_with_a_bullet_of_page_furniture() -> None:
    assert info("FACT SHEET: X\n\nSeptember 25, 2024 • Statements and Releases\n\nToday the leaders met.").published == \
        "2024-09-25"
