"""Meetings attached to the right event and date: datelines, titles, headlines, tense, event verbs.

Every text is invented; the UNSEEN.md examples are quoted where a test reproduces one.
"""

from __future__ import annotations

from event_helpers import read, spans_are_exact

from kg.model.record import Meeting


def meetings_of(text: str, published: str | None) -> list[Meeting]:
    _, record = read(text, published)
    assert spans_are_exact(text, record)
    return record.meetings


def test_a_wire_dateline_dates_the_release_not_a_meeting() -> None:
    text = ("HALIFAX, NS, May 9, 2025 /CNW/ - Canada's ministers will travel to Turin, Italy, next week "
            "for the G7 Ministerial Meeting on Climate, Energy, and Environment.")
    assert [m for m in meetings_of(text, "2025-05-09") if m.start == "2025-05-09"] == []


def test_a_bracketed_wire_tag_after_a_dateline_without_year() -> None:
    text = ("Doha [Qatar], March 3 (QNA): The Minister of State for Energy met the Norwegian climate envoy.\n\n"
            "They discussed methane abatement.")
    assert [m.start for m in meetings_of(text, "2024-03-03")] == []


def test_a_conference_named_in_a_persons_title_is_not_the_meetings_forum() -> None:
    text = ("On March 15, 2024, Vice Minister Li Wei met with Australian Minister for Climate Change and "
            "president-designate of the 31st session of the Conference of the Parties to the United Nations "
            "Framework Convention on Climate Change (COP31) Sarah Reid, who is on a visit to China.")
    [m] = meetings_of(text, "2024-03-15")
    assert (m.forum, m.start) == (None, "2024-03-15")
    assert {"AU", "CN"} <= set(m.participants)


def test_a_title_line_naming_a_president_does_not_name_the_meeting() -> None:
    text = ("Joint statement from COP31 President-Designate Sarah Reid and Chilean Envoy Ana Soto\n\n"
            "COP31 President-Designate Sarah Reid and Envoy Ana Soto met on 8 March 2026 in Santiago.")
    [m] = meetings_of(text, "2026-03-09")
    assert (m.forum, m.start, m.place) == (None, "2026-03-08", "Santiago")


def test_an_anniversary_remembers_a_past_session() -> None:
    text = ("The Prime Minister spoke to the UN Secretary-General today, to mark the 80th anniversary of the first "
            "UN General Assembly in London.")
    [m] = meetings_of(text, "2026-01-10")
    assert (m.forum, m.start, m.place) == (None, "2026-01-10", None)


def test_a_headline_and_the_body_are_read_apart_and_then_continues_the_day() -> None:
    text = ("President Rossi in Madrid to meet Prime Minister Ortega and attend the Mediterranean Energy Summit\n"
            "Tomorrow, President Marta Rossi of Italy will travel to Madrid. First, she will meet Spanish Prime "
            "Minister Luis Ortega.\n"
            "Then, the President will participate in the Mediterranean Energy Summit, hosted by Spain.")
    found = {(m.forum, m.start, m.place) for m in meetings_of(text, "2025-04-23")}
    assert found == {(None, "2025-04-24", "Madrid"), ("Mediterranean Energy Summit", "2025-04-24", "Madrid")}


def test_a_later_event_in_the_paragraph_does_not_take_its_date() -> None:
    # UNSEEN.md: "Today the ministers met in Oslo. Chile will send its minister to the COP30 ministerial segment."
    for text in ("Today the ministers met in Oslo. Chile will send its minister to the COP30 ministerial segment.",
                 "Today the ministers met in Oslo. Chile will attend the COP30 ministerial segment.",
                 "On 2 October the ministers met in Oslo. Later this year, Chile will host the Andean Climate Dialogue."):
        found = [(m.forum, m.start, m.place) for m in meetings_of(text, "2025-10-02")]
        assert found == [(None, "2025-10-02", "Oslo")], text


def test_exchanging_letters_is_an_event_at_its_forum() -> None:
    # UNSEEN.md, verbatim
    text = "Ghana and Sweden exchanged letters of intent on forest finance today on the sidelines of COP28."
    [m] = meetings_of(text, "2023-12-05")
    assert (m.forum, m.start) == ("COP28", "2023-12-05")
    assert set(m.participants) == {"GH", "SE"}


def test_signing_is_an_event() -> None:
    text = "Kenya and Finland signed a memorandum on geothermal energy in Nairobi on 4 June 2024."
    [m] = meetings_of(text, "2024-06-05")
    assert (m.forum, m.start, m.place, m.host) == (None, "2024-06-04", "Nairobi", "KE")
    assert set(m.participants) == {"KE", "FI"}


def test_a_dispatched_mission_with_bracketed_weekdays_is_a_visit() -> None:
    text = ("The Government of Japan will dispatch a survey mission to Fiji from February 26 (Tue) to March 15 (Sat) "
            "to study adaptation needs.")
    [m] = meetings_of(text, "2008-02-20")
    assert (m.forum, m.start, m.end) == (None, "2008-02-26", "2008-03-15")
    assert set(m.participants) == {"JP", "FJ"}


def test_a_range_written_with_between_or_ordinals_dates_the_meeting() -> None:
    # UNSEEN.md rewrites of one date
    for text in ("From the 4th to the 6th of September 2024, Kenya hosted the East African Clean Cooking Forum "
                 "in Nairobi.",
                 "Between September 4 and September 6, 2024, Kenya hosted the East African Clean Cooking Forum "
                 "in Nairobi."):
        [m] = meetings_of(text, "2024-09-07")
        assert (m.forum, m.start, m.end) == ("East African Clean Cooking Forum", "2024-09-04", "2024-09-06"), text


def test_an_acronym_inside_a_forum_name_keeps_the_name_whole() -> None:
    text = ("Today, Prime Minister Hall of New Zealand met with President Vega of Peru on the margins of the "
            "Asia-Pacific Economic Cooperation (APEC) Economic Leaders’ Meeting.")
    [m] = meetings_of(text, "2024-11-15")
    assert (m.forum, m.start) == ("Asia-Pacific Economic Cooperation (APEC) Economic Leaders’ Meeting", "2024-11-15")
    assert set(m.participants) == {"NZ", "PE"}


def test_a_headline_date_and_the_bodys_session_are_one_meeting() -> None:
    # UNSEEN.md, verbatim
    text = ("Meeting of Arctic Climate Ministers on 12 March 2024: Chair's Summary\n\n"
            "Norway, Canada and Iceland joined the 12 March online session.")
    [m] = meetings_of(text, "2024-03-13")
    assert (m.forum, m.start, m.end) == ("Meeting of Arctic Climate Ministers", "2024-03-12", "2024-03-12")
    assert set(m.participants) == {"NO", "CA", "IS"}


def test_the_state_visited_is_the_place_when_no_city_is_named() -> None:
    text = "On May 3, 2024, Vice Minister Li Wei met Kenyan Minister Ruth Wanjiru, who is on a visit to China."
    [m] = meetings_of(text, "2024-05-03")
    assert (m.place, m.host) == ("China", "CN")


def test_a_seat_of_government_with_its_number_is_the_place() -> None:
    text = "Prime Minister Hale and Norwegian Prime Minister Berg met today in 10 Downing Street to discuss energy."
    [m] = meetings_of(text, "2024-02-01")
    assert (m.place, m.host) == ("10 Downing Street", "GB")


def test_a_cop_presidents_title_makes_the_presiding_state_a_participant() -> None:
    text = ("The UK and Chile issued a call. COP26 President Designate Alok Sharma met envoys in London on 3 May 2021.\n\n"
            "The COP26 President Designate also invited leaders to a special virtual event on 12 December.")
    found = {m.start: m for m in meetings_of(text, "2021-05-04")}
    assert found["2021-12-12"].participants == ["GB"]


def test_a_cops_host_from_reference_data_is_not_made_a_participant() -> None:
    text = ("Azerbaijan will host the conference this year. Singapore's Minister Grace Tan will attend COP29 in Baku "
            "from 11 to 22 November 2024.")
    [m] = meetings_of(text, "2024-11-01")
    assert (m.forum, m.host, m.participants) == ("COP29", "AZ", ["SG"])


def test_a_call_takes_the_state_the_next_sentences_pronoun_speaks_for() -> None:
    text = ("The Prime Minister spoke to the UN Secretary-General today about the climate summit.\n\n"
            "He reiterated Ireland’s long-standing commitment to multilateralism.")
    [m] = meetings_of(text, "2024-01-11")
    assert (m.forum, m.start, m.participants) == (None, "2024-01-11", ["IE"])


def test_we_in_a_joint_statement_are_the_states_it_names() -> None:
    text = ("1. We have gathered to deepen the partnership between Kenya, Ghana and Peru. On this "
            "occasion of June 4, 2025, the second leader-level summit of the Quad, we pledge to act on climate.")
    [m] = meetings_of(text, "2025-06-05")
    assert (m.forum, m.start, sorted(m.participants)) == ("Quad", "2025-06-04", ["GH", "KE", "PE"])


def test_a_meeting_named_after_its_city_and_where_later_sessions_meet() -> None:
    [m] = meetings_of("On 3 June 2024 Canada's negotiators attended the Bonn Climate Change Conference.", "2024-06-04")
    assert (m.forum, m.place, m.host) == ("Bonn Climate Change Conference", "Bonn", "DE")
    text = ("The Foreign Minister of Ghana today met the Foreign Minister of Norway in Accra.\n\n"
            "The ministers opened the first Ghanaian-Norwegian Climate Dialogue, which will meet once a year, "
            "alternating between Oslo and Accra.")
    found = {m.forum: m.place for m in meetings_of(text, "2024-07-03")}
    assert found["Ghanaian-Norwegian Climate Dialogue"] == "Accra"


def test_the_body_whose_headquarters_host_a_session_is_its_venue_not_its_forum() -> None:
    text = ("Tarvos, 25 July 2025 – The 9th session of the Andean Ministerial Conference on Glaciers (AMCG) closed "
            "today at the headquarters of the United Nations Environment Programme (UNEP) in Lima, after three days "
            "of deliberations from 23 to 25 July 2025, with ministers of Peru and Chile.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2025-07-25")}
    assert ("Andean Ministerial Conference on Glaciers", "2025-07-23", "2025-07-25") in found
    assert all(forum != "United Nations Environment Programme" for forum, _, _ in found)


def test_a_previous_session_called_by_its_head_word_is_a_session_of_its_own() -> None:
    text = ("The ministers met today in Accra for the III Meeting of the Ghana–Togo Binational Committee on "
            "Environment and Water. The previous meeting of the Committee took place in Lome on 14 November 2024, "
            "where they adopted a monitoring protocol.")
    found = sorted((m.forum, m.start) for m in meetings_of(text, "2025-05-09"))
    committee = "Ghana–Togo Binational Committee on Environment and Water"
    assert found == [(committee, "2024-11-14"), (committee, "2025-05-09")]
