"""The sentence splitter: exact spans, abbreviations, wrapped lines, lists, headings, Chinese."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = ("Ms. Rivera met Mr. Okafor and Dr. Lind in the U.S. on Tuesday. The U.K. delegation, e.g. its "
            "envoy, i.e. H.E. Ms. Hart, arrived at 9 a.m. on Monday. No. 3 was adopted.")
    assert texts(text) == [
        "Ms. Rivera met Mr. Okafor and Dr. Lind in the U.S. on Tuesday.",
        "The U.K. delegation, e.g. its envoy, i.e. H.E. Ms. Hart, arrived at 9 a.m. on Monday.",
        "No. 3 was adopted.",
    ]


def test_initials_suffixes_and_decimals() -> None:
    text = "President Joseph R. Biden, Jr. met them. Emissions fell 2.5 percent. The U.S. The end."
    assert texts(text) == ["President Joseph R. Biden, Jr. met them.", "Emissions fell 2.5 percent.",
                           "The U.S.", "The end."]


def test_an_abbreviation_before_a_capitalised_word_that_is_not_an_opener() -> None:
    assert texts("The U.S. Special Envoy met the U.K. Minister.") == ["The U.S. Special Envoy met the U.K. Minister."]


def test_hard_wrapped_lines_are_joined() -> None:
    line = "The two sides agreed to strengthen their cooperation on methane and the"
    text = "\n".join([
        line, "energy transition, and to report on progress at the next meeting of the",
        "Working Group in Nairobi. They also discussed adaptation finance and the", "new collective goal.",
        "Both sides welcomed the outcome of the technical exchanges held earlier in",
        "the year and looked forward to further work together on these issues.",
    ])
    result = split_sentences(text)
    assert [s.text.replace("\n", " ") for s in result] == [
        line + " energy transition, and to report on progress at the next meeting of the Working Group in Nairobi.",
        "They also discussed adaptation finance and the new collective goal.",
        "Both sides welcomed the outcome of the technical exchanges held earlier in the year and looked "
        "forward to further work together on these issues.",
    ]


def test_heading_without_punctuation_is_its_own_sentence() -> None:
    text = "Readout of the Ministers' Call\nThe Ministers spoke today.\n\nNext Steps\nThey will meet again."
    assert texts(text) == ["Readout of the Ministers' Call", "The Ministers spoke today.", "Next Steps",
                           "They will meet again."]


def test_list_markers_are_left_out_and_items_are_separate() -> None:
    text = ("The partners will:\n1. Phase down coal by 2030;\n2. Double efficiency.\n(a) Report yearly.\n"
            "- Share data.\n• Train staff.\n(iii) Meet again.")
    assert texts(text) == ["The partners will:", "Phase down coal by 2030;", "Double efficiency.", "Report yearly.",
                           "Share data.", "Train staff.", "Meet again."]


def test_numbered_paragraphs_without_a_dot() -> None:
    text = "1 Singapore and Ruritania met today.\n\n2 They agreed to cooperate. Officials will follow up."
    assert texts(text) == ["Singapore and Ruritania met today.", "They agreed to cooperate.",
                           "Officials will follow up."]


def test_a_number_that_starts_a_sentence_is_kept() -> None:
    assert texts("12 countries joined the pledge.") == ["12 countries joined the pledge."]


def test_full_width_chinese_punctuation() -> None:
    assert texts("双方同意加强合作。中方表示欢迎！是否继续？") == ["双方同意加强合作。", "中方表示欢迎！", "是否继续？"]


def test_paragraph_numbers_count_segments() -> None:
    result = split_sentences("First one. Second one.\n\nThird one.")
    assert [s.paragraph for s in result] == [0, 0, 1]


_pieces = st.sampled_from([
    "The U.S. and China met.", " Ms. Fu spoke", "\n", "\n\n", "1. ", "(a) ", "e.g. ", "2.5 percent", "Jr. ",
    "双方同意。", "- ", "Minister", "met in Beijing", "!", "?", "...", "  ", "“We will.”", "H.E. ", "R. ",
    "**", "“", "”", '"', "said, ", "__",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_spans_are_exact_ordered_and_disjoint(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        assert sentence.start < sentence.end
        previous_end = sentence.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_exact_spans(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_quotation_keeps_its_attribution_and_drops_unbalanced_quotation_marks() -> None:
    text = 'The Minister said, “We will act. Ruritania is committed to net zero.” Then she left.'
    assert texts(text) == ["The Minister said, “We will act.", "Ruritania is committed to net zero.",
                           "Then she left."]


def test_markdown_emphasis_is_left_out() -> None:
    text = "**Clean Power: The partners will build grids.** They will also share data."
    assert texts(text) == ["Clean Power: The partners will build grids.", "They will also share data."]


def test_a_stray_break_before_the_last_word_is_joined() -> None:
    line = "The President highlighted support for the fund and pledged support to stand up the Tropical Forests Forever"
    assert [t.replace("\n", " ") for t in texts(line + "\nFacility.\n\nNext paragraph.")] == [
        line + " Facility.", "Next paragraph."]
