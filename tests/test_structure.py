"""The readout's structure: blocks of every kind, lead-ins and their items, per-paragraph unwrapping,
tables kept, and exact offsets into the normalised text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.sentences import split_sentences
from kg.read.document import Document
from kg.read.sources import read_bytes
from kg.read.structure import read_structure, run_width


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.body_start:b.end]) for b in read_structure(text)]


def test_title_dateline_heading_paragraph() -> None:
    text = ("Joint Statement of Ruritania and Freedonia\n\nMarch 3, 2026\n\nBackground\n"
            "The ministers met in Vienna. They spoke of rivers.\n")
    assert kinds(text) == [
        ("title", "Joint Statement of Ruritania and Freedonia"), ("dateline", "March 3, 2026"),
        ("heading", "Background"), ("paragraph", "The ministers met in Vienna. They spoke of rivers.")]


def test_list_markers_in_every_form_are_items_without_their_marker() -> None:
    text = ("Outcomes\n- Share data.\n* Train staff.\n• Map floods.\n1. Plant trees.\n(a) Fund dams.\n"
            "iv) Meet again.\n-\u00a0Cut soot.\n")
    blocks = read_structure(text)
    assert [(b.kind, text[b.body_start:b.end]) for b in blocks[1:]] == [
        ("item", "Share data."), ("item", "Train staff."), ("item", "Map floods."), ("item", "Plant trees."),
        ("item", "Fund dams."), ("item", "Meet again."), ("item", "Cut soot.")]
    assert [b.marker for b in blocks[1:]] == ["-", "*", "•", "1.", "(a)", "iv)", "-"]


def test_a_lead_in_and_its_unmarked_items() -> None:
    # Items whose markers the page lost: the paragraph after a lead-in, and further entries that
    # open as the entry before them does (a bare verb, a gerund, lower case "to ...").
    text = ("The two governments will:\n\nExpand grid-scale battery storage. Details follow.\n\n"
            "Build two interconnectors by 2029.\n\nRecalling their talks, the ministers visited a wind farm.")
    blocks = read_structure(text)
    assert [(b.kind, b.lead_in) for b in blocks] == [("paragraph", None), ("item", 0), ("item", 0), ("paragraph", None)]
    text = ("They intend to work together:\n\nto expand solar power;\n\nto restore wetlands; and\n\n"
            "to report yearly.\n\nRecalling their talks, both sides look forward to the next session.")
    assert [b.kind for b in read_structure(text)] == ["paragraph", "item", "item", "item", "paragraph"]


def test_items_in_the_same_paragraph_as_their_lead_in() -> None:
    text = "Both sides agreed to the following:\nPeaking emissions by 2030.\nCapping coal use.\n"
    assert [(b.kind, b.lead_in) for b in read_structure(text)] == [("paragraph", None), ("item", 0), ("item", 0)]


def test_markdown_table_rows_are_kept_as_text() -> None:
    raw = b"Signatories\n\n| No. | Country | Instrument |\n|---|---|---|\n| 2 | Peru | MOU |\n| 3 | Chile | Letter |\n"
    doc = read_bytes(raw, "t.md")
    assert "| 2 | Peru | MOU |" in doc.text and "---" not in doc.text
    assert [b.kind for b in read_structure(doc.text)][1:] == ["table-row"] * 3
    assert {"PE", "CL"} <= {a.code for a in extract(doc).actors}


def test_a_missing_space_after_a_period_still_ends_the_sentence() -> None:
    text = "Chile will retire its coal plants by 2030.The two countries will also deploy 500 electric buses."
    assert [s.text for s in split_sentences(text)] == [
        "Chile will retire its coal plants by 2030.", "The two countries will also deploy 500 electric buses."]
    assert [s.text for s in split_sentences("Talks with the U.S.Treasury and approx.Ten firms.")] == [
        "Talks with the U.S.Treasury and approx.Ten firms."]


WRAPPED = (
    "Ruritania and Freedonia Agree on River Protection\n\n"
    "The environment ministers of Ruritania and Freedonia met in Vienna on\n"
    "3 March 2026 and agreed to restore the wetlands of the shared river\n"
    "basin by 2030. The meeting was chaired by the Deputy Minister for\n"
    "Water, and the delegation of Freedonia was led by its President\n"
    "Maria Luisa Fernandez de la Vega.\n\n"
    "Both sides will report on progress at the next session of the\n"
    "Commission.\n"
)


def test_hard_wrapped_paragraphs_are_unwrapped_per_paragraph() -> None:
    text = read_bytes(WRAPPED.encode(), "w.txt").text
    assert "led by its President Maria Luisa Fernandez de la Vega." in text
    assert "at the next session of the Commission." in text  # a two-line paragraph, by the document's column


def test_one_longer_line_does_not_change_how_the_rest_is_read() -> None:
    # An edit after wrapping made one line longer than the column: the paragraph is still wrapped.
    edited = WRAPPED.replace("met in Vienna on\n", "met in the Austrian capital Vienna on\n")
    text = read_bytes(edited.encode(), "w.txt").text
    assert "led by its President Maria Luisa Fernandez de la Vega." in text
    assert "met in the Austrian capital Vienna on 3 March 2026 and agreed" in text
    names = [p.name for p in extract(Document(text=text, source="w.txt")).people]
    assert "Maria Luisa Fernandez de la Vega" in names


def test_a_list_of_entries_is_not_a_wrapped_paragraph() -> None:
    lines = ["President Ana Silva, Republic of Ruritania", "Prime Minister Jon Berg, Kingdom of Freedonia",
             "Minister Li Wei, Republic of Elbonia with a longer title line", "Envoy Tom Cole, Sylvania"]
    assert run_width(lines) is None
    text = "Participants:\n\n" + "\n".join(lines)
    assert [b.kind for b in read_structure(text)] == ["paragraph", "item", "item", "item", "item"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Both sides will:", "- Cut methane.", "1. Plant trees;", "(b) Fund dams", "| 1 | Peru |", "", "Title",
    "The ministers met\u00a0today.", "  indented wrapped words", "to report yearly;", "2030.The end.",
]), max_size=12))
def test_blocks_are_exact_ordered_and_disjoint(lines: list[str]) -> None:
    text = "\n".join(lines)
    blocks = read_structure(text)
    last = 0
    for b in blocks:
        assert last <= b.start <= b.body_start < b.end <= len(text)
        assert text[b.start:b.end].strip() == text[b.start:b.end]
        last = b.end
    covered = "".join(text[b.start:b.end] for b in blocks)
    assert "".join(covered.split()) == "".join(text.split())
    for s in split_sentences(text, blocks):
        assert text[s.start:s.end] == s.text
