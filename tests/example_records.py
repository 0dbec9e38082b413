"""Hand-curated records of the readouts in examples/ (what a careful reader extracts).

Each fact names the words of the text it rests on; `span()` finds them, so the evidence
offsets are always true offsets into the example's text. The mapping, shapes and
incremental-validation tests use these records instead of the extractor's output, so they
test the RDF layer alone.
"""

from __future__ import annotations

from pathlib import Path

from kg.model.record import Actor, Commitment, DocumentInfo, Forum, Meeting, Person, Presidency, Record, Span
from kg.model.resources import examples_dir


def example_text(name: str) -> str:
    return (examples_dir() / name).read_text(encoding="utf-8")


def span(text: str, quote: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Span(start, start + len(quote), quote)


def sentence(text: str, beginning: str) -> tuple[str, Span]:
    """The sentence (up to its full stop) starting with `beginning`, and its span."""
    start = text.index(beginning)
    end = text.index(".", start + len(beginning)) + 1
    while end < len(text) and text[end] not in " \n":  # a full stop inside "1.5" is not the end
        end = text.index(".", end) + 1
    return text[start:end], Span(start, end, text[start:end])


def _commitment(text: str, beginning: str, actors: list[str], topics: list[str], year: int | None,
                status: str = "new", meeting: int | None = 0) -> Commitment:
    words, where = sentence(text, beginning)
    return Commitment(actors, words, topics, year, status, meeting, [where])


def bilateral_working_group() -> Record:
    name = "bilateral-working-group-readout.txt"
    t = example_text(name)
    wg = "Indonesia-Japan Working Group on Energy Transition"
    return Record(
        document=DocumentInfo(title="Joint Readout of the Third Meeting of the " + wg, published="2025-05-16"),
        text=t, source=f"examples/{name}",
        actors=[Actor("ID", "Indonesia", [span(t, "Indonesia", 1)]), Actor("JP", "Japan", [span(t, "Japan's")])],
        people=[
            Person("Ratna Wulandari", "ID", "Special Envoy for Climate and Energy Transition",
                   evidence=[span(t, "Special Envoy for Climate and Energy Transition Ratna Wulandari")]),
            Person("Kenji Morimoto", "JP", "Ambassador for Global Environmental Affairs",
                   evidence=[span(t, "Ambassador for Global Environmental Affairs Kenji Morimoto")]),
        ],
        forums=[
            Forum(wg, "working-group", evidence=[span(t, wg)]),
            Forum("Just Energy Transition Partnership", "partnership",
                  evidence=[span(t, "Just Energy Transition Partnership")]),
            Forum("COP30", "conference", evidence=[span(t, "COP30")]),
            Forum("COP29", "conference", evidence=[span(t, "COP29")]),
        ],
        presidencies=[Presidency("COP30", "BR", [span(t, "COP30 Presidency of Brazil")])],
        meetings=[
            Meeting(wg, "2025-05-14", "2025-05-15", "Jakarta", "ID", ["ID", "JP"],
                    ["Ratna Wulandari", "Kenji Morimoto"], [span(t, "On May 14-15, 2025, Indonesia hosted in Jakarta")]),
            Meeting(wg, "2024-10", None, "Tokyo", None, ["ID", "JP"], [],
                    [span(t, "held in Tokyo in October 2024")]),
        ],
        commitments=[
            _commitment(t, "Both sides committed to complete", ["ID", "JP"],
                        ["energy-transition"], 2026),
            _commitment(t, "Indonesia and Japan agreed to launch", ["ID", "JP"], ["methane-non-co2"], 2030),
            _commitment(t, "The two sides decided to cooperate", ["ID", "JP"], ["technology-industry"], None),
            _commitment(t, "Japan intends to mobilise", ["JP"], ["finance", "energy-transition"], None),
            _commitment(t, "Both sides reaffirmed their commitment", ["ID", "JP"], ["ndc-targets"], 2035,
                        status="reaffirmed"),
        ],
    )


def leaders_call() -> Record:
    name = "leaders-call-readout.txt"
    t = example_text(name)
    return Record(
        document=DocumentInfo(title="Readout of the President's Call with Prime Minister Aroha Tane of New Zealand",
                              published="2025-03-03", publisher="The White House"),
        text=t, source=f"examples/{name}",
        actors=[Actor("US", "United States", [span(t, "United States")]),
                Actor("NZ", "New Zealand", [span(t, "New Zealand")])],
        people=[
            Person("Daniel Whitfield", "US", "President", aliases=["President Whitfield"],
                   evidence=[span(t, "President Daniel Whitfield")]),
            Person("Aroha Tane", "NZ", "Prime Minister", evidence=[span(t, "Prime Minister Aroha Tane", 1)]),
        ],
        forums=[
            Forum("Global Methane Pledge", "initiative", evidence=[span(t, "Global Methane Pledge")]),
            Forum("Pacific Islands Forum", "forum", evidence=[span(t, "Pacific Islands Forum")]),
        ],
        meetings=[Meeting(None, "2025-03-03", "2025-03-03", None, None, ["NZ", "US"],
                          ["Daniel Whitfield", "Aroha Tane"], [span(t, "Today, President Daniel Whitfield spoke")])],
        commitments=[
            _commitment(t, "The leaders committed to expand", ["US", "NZ"], ["energy-transition", "finance"], None),
            _commitment(t, "The United States and New Zealand will work", ["US", "NZ"],
                        ["adaptation-resilience"], 2027),
            _commitment(t, "President Whitfield and Prime Minister Tane reaffirmed", ["US", "NZ"],
                        ["methane-non-co2"], None, status="reaffirmed"),
        ],
    )


def ministerial() -> Record:
    name = "ministerial-chairs-summary.txt"
    t = example_text(name)
    forum = "Ministerial Meeting on Climate Action"
    parties = ["TR", "EU", "CA", "CN", "BR", "IN", "ZA", "GB", "JP", "KE", "AU"]
    names = {"TR": "Türkiye", "EU": "European Union", "CA": "Canada", "CN": "China", "BR": "Brazil", "IN": "India",
             "ZA": "South Africa", "GB": "United Kingdom", "JP": "Japan", "KE": "Kenya", "AU": "Australia"}
    return Record(
        document=DocumentInfo(title=f"Chair's Summary: {forum}, Ankara, 7-8 July 2025", published="2025-07-09"),
        text=t, source=f"examples/{name}",
        actors=[Actor(code, names[code], [span(t, names[code])]) for code in parties],
        people=[
            Person("Selim Aydogan", "TR", "Minister of Environment, Urbanisation and Climate Change",
                   evidence=[span(t, "Selim Aydogan")]),
            Person("Helena Lindqvist", "EU", "Commissioner for Climate Action", evidence=[span(t, "Helena Lindqvist")]),
            Person("Marc-Andre Dufresne", "CA", "Minister of Environment and Climate Change",
                   evidence=[span(t, "Marc-Andre Dufresne")]),
            Person("Zhou Hanbin", "CN", "Minister of Ecology and Environment", evidence=[span(t, "Zhou Hanbin")]),
        ],
        forums=[
            Forum(forum, "ministerial", evidence=[span(t, forum, 1)]),
            Forum("COP31", "conference", evidence=[span(t, "COP31")]),
            Forum("COP30", "conference", evidence=[span(t, "COP30")]),
            Forum("Baku to Belem Roadmap to 1.3T", "initiative", evidence=[span(t, "Baku to Belem Roadmap to 1.3T")]),
        ],
        presidencies=[Presidency("COP31", "TR", [span(t, "COP31 Presidency of Türkiye")]),
                      Presidency("COP30", "BR", [span(t, "COP30 Presidency of Brazil")])],
        meetings=[Meeting(forum, "2025-07-07", "2025-07-08", "Ankara", "TR", parties,
                          ["Selim Aydogan", "Helena Lindqvist", "Marc-Andre Dufresne", "Zhou Hanbin"],
                          [span(t, "was held in Ankara on 7-8 July 2025")])],
        commitments=[
            _commitment(t, "Ministers committed to submit", parties, ["ndc-targets"], 2035),
            _commitment(t, "Participants agreed to triple", parties, ["energy-transition"], 2030),
            _commitment(t, "The COP31 Presidency of Türkiye will convene", ["TR"],
                        ["adaptation-resilience", "finance", "multilateral-process"], 2026),
            _commitment(t, "Ministers underlined the importance", ["EU", "CA"], ["carbon-markets"], None),
        ],
    )


def joint_statement() -> Record:
    name = "joint-statement-numbered.txt"
    t = example_text(name)
    partnership = "Kenya-UK Climate and Nature Partnership"
    return Record(
        document=DocumentInfo(title="Joint Statement of Kenya and the United Kingdom on Climate and Nature Partnership",
                              published="2025-10-21"),
        text=t, source=f"examples/{name}",
        actors=[Actor("KE", "Kenya", [span(t, "Kenya")]), Actor("GB", "United Kingdom", [span(t, "United Kingdom")])],
        people=[
            Person("Wanjiru Kamau", "KE", "Cabinet Secretary for Environment, Climate Change and Forestry",
                   evidence=[span(t, "Wanjiru Kamau")]),
            Person("Oliver Pembroke", "GB", "Minister for Climate", evidence=[span(t, "Oliver Pembroke")]),
        ],
        forums=[
            Forum(partnership, "partnership", evidence=[span(t, partnership)]),
            Forum("UK-Kenya Strategic Partnership", "partnership", evidence=[span(t, "UK-Kenya Strategic Partnership")]),
        ],
        meetings=[Meeting(partnership, "2025-10-20", "2025-10-20", "Nairobi", "KE", ["KE", "GB"],
                          ["Wanjiru Kamau", "Oliver Pembroke"], [span(t, "met in Nairobi on 20 October 2025")])],
        commitments=[
            _commitment(t, "Kenya and the United Kingdom will restore", ["KE", "GB"], ["forests-nature"], 2030),
            _commitment(t, "The United Kingdom will provide", ["GB"], ["technology-industry", "energy-transition"], None),
            _commitment(t, "Both sides commit to develop", ["KE", "GB"], ["carbon-markets"], 2026),
            _commitment(t, "The two governments will strengthen", ["KE", "GB"],
                        ["subnational", "adaptation-resilience"], 2028),
            _commitment(t, "Kenya and the United Kingdom reaffirm", ["KE", "GB"], ["finance"], None,
                        status="reaffirmed"),
        ],
    )


def all_examples() -> list[Record]:
    return [bilateral_working_group(), leaders_call(), ministerial(), joint_statement()]


def example_files() -> list[Path]:
    return sorted(examples_dir().glob("*.txt"))
