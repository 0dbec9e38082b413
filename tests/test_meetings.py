"""Meetings: dates resolved, forum, place, host, participants and people attending."""

from __future__ import annotations

from event_helpers import read, spans_are_exact

from kg.model.record import Meeting


def meetings_of(text: str, published: str | None) -> list[Meeting]:
    _, record = read(text, published)
    assert spans_are_exact(text, record)
    return record.meetings


def test_working_group_meeting_with_range_host_place_and_both_parties() -> None:
    text = ("On March 4-6, 2024, Canada hosted in Ottawa a meeting of the Canada-Mexico Working Group on Clean "
            "Power Cooperation, co-led by Canadian Special Envoy Ana Reyes and Mexican Under-Secretary Luis Ortega.")
    [m] = meetings_of(text, "2024-03-08")
    assert (m.forum, m.start, m.end) == ("Canada-Mexico Working Group on Clean Power Cooperation", "2024-03-04",
                                         "2024-03-06")
    assert (m.place, m.host) == ("Ottawa", "CA")
    assert set(m.participants) == {"CA", "MX"}


def test_two_forums_joined_by_and_share_a_date_with_the_year_from_publication() -> None:
    text = ("The envoys also took part in the Kenya-Norway Clean Cooking Forum and the Kenya-Norway Subnational "
            "Climate Roundtable, convened on March 6.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2024-03-08")}
    assert found == {("Kenya-Norway Clean Cooking Forum", "2024-03-06", "2024-03-06"),
                     ("Kenya-Norway Subnational Climate Roundtable", "2024-03-06", "2024-03-06")}


def test_today_on_the_margins_of_a_cop_and_the_city_country_as_host() -> None:
    text = ("President Lee met today with President Ruto of Kenya on the margins of the 28th United Nations "
            "Climate Change Conference (COP 28) in Dubai.")
    [m] = meetings_of(text, "2023-12-02")
    assert (m.forum, m.start, m.end, m.place, m.host) == ("COP28", "2023-12-02", "2023-12-02", "Dubai", "AE")
    assert "KE" in m.participants


def test_bilateral_call_has_no_forum_and_both_parties() -> None:
    text = "Today, Chancellor Weber of Germany and President Silva of Chile met in Berlin to discuss green hydrogen."
    [m] = meetings_of(text, "2024-01-15")
    assert (m.forum, m.start, m.place, m.host) == (None, "2024-01-15", "Berlin", "DE")
    assert set(m.participants) == {"DE", "CL"}


def test_weekdays_and_a_two_day_visit_in_future_tense() -> None:
    text = ("On 13 and 14 July, Commissioner Ana Costa will be in Beijing to attend the Fourth EU-China Ocean "
            "Dialogue. On Monday, the EU-China Ocean Dialogue will open with a session on marine plastics. "
            "On Sunday, Commissioner Costa will attend roundtables with Chinese stakeholders on fisheries.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2025-07-11")}  # a Friday
    assert ("EU-China Ocean Dialogue", "2025-07-14", "2025-07-14") in found  # the narrower date wins
    assert (None, "2025-07-13", "2025-07-13") in found


def test_same_day_sessions_inherit_the_date_of_their_paragraph() -> None:
    text = ("On 2 May 2024, ministers convened the Andean Energy Dialogue in Lima. Earlier in the day, "
            "Minister Rojas will chair the Andean Grid Roundtable.")
    found = {(m.forum, m.start) for m in meetings_of(text, "2024-04-30")}
    assert found == {("Andean Energy Dialogue", "2024-05-02"), ("Andean Grid Roundtable", "2024-05-02")}


def test_month_only_meeting_and_the_attributive_date_of_a_statement() -> None:
    text = ("On 8 October 2023, the Canada-Mexico Task Force on Clean Grids met in Ottawa to review the "
            "12 June Joint Statement on interconnectors. The partners will meet again at COP 28 in December in "
            "Dubai.")
    found = {(m.forum, m.start) for m in meetings_of(text, "2023-10-10")}
    assert found == {("Canada-Mexico Task Force on Clean Grids", "2023-10-08"), ("COP28", "2023-12")}


def test_dateline_and_undated_mentions_are_not_meetings() -> None:
    text = ("Singapore, 14 July 2022 – Minister Tan will attend the Nordic Climate Dialogue from 17 to 19 July "
            "2022 in Oslo. The minister welcomed the COP26 outcome.")
    [m] = meetings_of(text, "2022-07-14")
    assert (m.forum, m.start, m.end, m.place, m.host) == ("Nordic Climate Dialogue", "2022-07-17", "2022-07-19",
                                                          "Oslo", "NO")


def test_no_publication_date_means_today_is_not_dated() -> None:
    assert [m for m in meetings_of("The two presidents met today in Nairobi on climate.", None) if m.start] == []


def test_countdown_to_a_cop_and_a_cops_host_from_reference_data() -> None:
    text = ("Today, President Lee convened the Pacific Climate Forum to urge faster action, with just 44 days "
            "left to the UN Climate Change Conference of the Parties (COP26) in Glasgow.")
    found = {m.forum: m for m in meetings_of(text, "2021-09-17")}
    assert (found["Pacific Climate Forum"].start, found["Pacific Climate Forum"].end) == ("2021-09-17", "2021-09-17")
    cop = found["COP26"]
    assert (cop.start, cop.end, cop.place, cop.host) == ("2021-10-31", None, "Glasgow", "GB")


def test_sidelines_of_the_main_proceedings_take_its_day_and_place() -> None:
    text = ("The Ministerial meeting of the 4th Nordic Energy Council was convened in Oslo today.\n\n"
            "In the sidelines of the main proceedings, the ministers joined in a meeting with Danish and "
            "Finnish ministers to take stock of progress under the Baltic Offshore Wind Corridor Project.")
    found = {m.forum: m for m in meetings_of(text, "2025-04-04")}
    side = found["Baltic Offshore Wind Corridor Project"]
    assert (side.start, side.place, side.host) == ("2025-04-04", "Oslo", "NO")
    assert {"DK", "FI"} <= set(side.participants)


def test_a_session_immediately_following_is_the_same_meeting() -> None:
    text = ("Today, President Lee convened the Pacific Climate Forum with leaders of Fiji and Samoa. "
            "He asked his envoy to co-chair a ministerial roundtable immediately following with Tonga and Vanuatu.")
    [m] = meetings_of(text, "2021-09-17")
    assert {"FJ", "WS", "TO", "VU"} <= set(m.participants)


def test_a_city_inside_a_name_is_not_the_place() -> None:
    text = "Today, the ministers met at the Andean Energy Dialogue to implement the Paris Agreement."
    [m] = meetings_of(text, "2024-05-02")
    assert m.place is None


def test_a_sentence_cut_at_a_hard_line_break_is_read_whole() -> None:
    text = ("Today, President Joseph R. Lee Jr. of Kenya and President\n"
            "Ana Silva of the Republic of Chile met in\n"
            "Nairobi to discuss clean energy.  They agreed to meet again.")
    [m] = meetings_of(text, "2023-02-10")
    assert (m.forum, m.start, m.place, m.host) == (None, "2023-02-10", "Nairobi", "KE")
    assert {"KE", "CL"} <= set(m.participants)


def test_meeting_of_a_forum_of_any_kind_and_a_joint_holder_is_no_host() -> None:
    text = ("Today, Commissioner Simson and Japan's Minister of Economy, Trade and Industry Ken Saito held the "
            "second ministerial meeting of the EU-Japan Green Alliance in Brussels.")
    [m] = meetings_of(text, "2024-03-12")
    assert (m.forum, m.start, m.place, m.host) == ("EU-Japan Green Alliance", "2024-03-12", "Brussels", "BE")
    assert set(m.participants) == {"EU", "JP"}  # Belgium hosts but is not named as taking part


def test_margins_of_a_named_ministers_meeting() -> None:
    text = ("Secretary Reed met today with Minister Rao of India on the margins of the G20 Foreign Ministers' "
            "Meeting in New Delhi.")
    [m] = meetings_of(text, "2023-03-02")
    assert (m.forum, m.place, m.host) == ("G20 Foreign Ministers' Meeting", "New Delhi", "IN")


# --- Held-out generalisation (texts written for these tests) -------------------------------

def test_a_cops_reference_dates_keep_today_off_the_cop() -> None:
    text = ("The Council today approved conclusions on the EU position for the 29th Conference of the Parties "
            "(COP29) to the United Nations Framework Convention on Climate Change (UNFCCC), which will take place "
            "in Baku from 11 to 22 November 2024.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2024-10-14")}
    assert ("COP29", "2024-11-11", "2024-11-22") in found
    assert not any(m[0] == "COP29" and m[1] == "2024-10-14" for m in found)
    assert not any(m[0] and "Convention" in m[0] for m in found)


def test_a_cop_presidency_is_not_the_conference_and_stated_days_beat_today() -> None:
    text = ("The COP28 Presidency today concluded the Pre-COP, the last ministerial gathering before COP 28. "
            "The Pre-COP, held on October 30-31 in Abu Dhabi, brought together ministers from India and Brazil.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2023-10-31")}
    assert ("Pre-COP", "2023-10-30", "2023-10-31") in found
    assert not any(m[0] == "COP28" for m in found)


def test_a_meeting_on_the_margins_of_a_conference_and_the_conference_itself() -> None:
    text = ("Today, Canada and Norway co-hosted a ministerial meeting on carbon markets. The meeting took place on "
            "the margins of the Bonn Climate Change Conference (SB60), which runs from June 3 to 13, 2024. "
            "Ministers from Chile and Kenya attended, along with officials of Japan.")
    found = {(m.forum, m.start, m.end): m for m in meetings_of(text, "2024-06-05")}
    assert set(found) == {("Bonn Climate Change Conference", "2024-06-05", "2024-06-05"),
                          ("Bonn Climate Change Conference", "2024-06-03", "2024-06-13")}
    side = found[("Bonn Climate Change Conference", "2024-06-05", "2024-06-05")]
    assert {"CA", "NO", "CL", "KE", "JP"} <= set(side.participants)


def test_a_meeting_to_review_a_named_mechanism_is_held_under_it() -> None:
    text = "The ministers of Kenya and Norway met today in Nairobi to review cooperation under the Lake Basin Fund."
    [m] = meetings_of(text, "2024-03-08")
    assert (m.forum, m.start, m.place) == ("Lake Basin Fund", "2024-03-08", "Nairobi")


def test_the_title_names_the_meeting_its_first_paragraph_reports() -> None:
    text = ("Nordic Energy Ministers' Meeting Communiqué\n\n"
            "We, the energy ministers of Norway, Denmark and Sweden, met in Oslo on 3 and 4 June 2024. "
            "We were joined in a dedicated session by the ministers of Iceland and Finland.")
    [m] = meetings_of(text, "2024-06-04")
    assert (m.forum, m.start, m.end) == ("Nordic Energy Ministers' Meeting", "2024-06-03", "2024-06-04")
    assert {"NO", "DK", "SE", "IS", "FI"} <= set(m.participants)


def test_ministers_met_for_a_named_council_on_the_day_the_release_reports() -> None:
    text = ("The Council today held a policy debate on climate finance.\n\n"
            "Environment ministers met in Luxembourg for the Environment Council under the chairmanship of Poland.")
    found = {(m.forum, m.start) for m in meetings_of(text, "2025-03-17")}
    assert ("Environment Council", "2025-03-17") in found


def test_a_quoted_platform_meets_and_a_convention_in_a_cops_name_does_not() -> None:
    text = ("Minister Amal Farouk of Egypt today chaired the annual review meeting of the \"Nexus of Water, Food and "
            "Energy\" (NWFE) country platform in Cairo, with the ambassadors of Japan and Germany.")
    [m] = meetings_of(text, "2024-09-03")
    assert (m.forum, m.start) == ("Nexus of Water, Food and Energy", "2024-09-03")
    assert {"EG", "JP", "DE"} <= set(m.participants)
    cop = ("The summit was held alongside the sixteenth session of the Conference of the Parties to the UN Convention "
           "to Combat Desertification (UNCCD COP16), which Riyadh will host from 2 to 13 December 2024.")
    found = meetings_of(cop, "2024-11-21")
    assert [(m.forum, m.start, m.host) for m in found] == [("COP16", "2024-12-02", "SA")]


def test_received_is_a_meeting_and_a_visit_with_its_own_days() -> None:
    text = ("On 26 February, Deputy Prime Minister Le Van Minh received Anna Berg, Minister for Development of "
            "Sweden, who is on a working visit to Viet Nam from 25 to 27 February, to discuss offshore wind.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2024-02-26")}
    assert (None, "2024-02-26", "2024-02-26") in found


def test_today_inside_the_stated_days_of_a_meeting_takes_the_stated_days() -> None:
    text = ("The Minister today participated in the 44th BASIC Ministerial Meeting on Climate Change, hosted by China "
            "in Beijing on 20 and 21 October 2024.")
    [m] = meetings_of(text, "2024-10-21")
    assert (m.forum, m.start, m.end, m.host) == ("BASIC Ministerial Meeting on Climate Change", "2024-10-20",
                                                 "2024-10-21", "CN")


def test_during_the_meeting_a_reviewed_partnership_names_the_meeting() -> None:
    text = ("The Minister of Energy of India held a meeting with the Energy Minister of Oman in New Delhi today. "
            "During the meeting, both sides reviewed the progress of the India-Oman Energy Partnership.")
    [m] = meetings_of(text, "2024-09-09")
    assert (m.forum, m.start, m.place) == ("India-Oman Energy Partnership", "2024-09-09", "New Delhi")


def test_a_board_meets_and_runs_until_a_later_day() -> None:
    text = ("Kenya signed today the host agreement for the Board of the Adaptation Finance Facility, as the Board "
            "opened its third meeting in Nairobi. The meeting, which runs until July 11, is co-chaired by Norway.")
    [m] = meetings_of(text, "2024-07-09")
    assert (m.forum, m.start, m.end) == ("Board of the Adaptation Finance Facility", "2024-07-09", "2024-07-11")


def test_two_forums_joined_past_an_acronym() -> None:
    text = ("The minister is in Foz do Iguaçu, Brazil, for the 15th Clean Energy Ministerial (CEM15) and the 9th "
            "Mission Innovation Ministerial (MI-9), hosted by Brazil from 2 to 4 October 2024.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2024-10-03")}
    assert found == {("Clean Energy Ministerial", "2024-10-02", "2024-10-04"),
                     ("Mission Innovation Ministerial", "2024-10-02", "2024-10-04")}


def test_a_session_verb_names_the_days_unnamed_meeting_and_earlier_is_the_same_day() -> None:
    text = ("The Foreign Minister of Ghana today met the Foreign Minister of Norway in Accra.\n\n"
            "The ministers opened the first Ghanaian-Norwegian Climate and Energy Dialogue.\n\n"
            "Earlier, the President of Ghana met the Norwegian delegation.")
    found = {(m.forum, m.start) for m in meetings_of(text, "2024-07-03")}
    assert ("Ghanaian-Norwegian Climate and Energy Dialogue", "2024-07-03") in found


def test_a_high_level_segment_is_a_session_of_the_main_meeting() -> None:
    text = ("The sixteenth meeting of the Conference of the Parties to the Convention on Biological Diversity (COP16) "
            "opened today in Cali. The high-level segment will take place on 29 and 30 October.")
    found = {(m.forum, m.start, m.end) for m in meetings_of(text, "2024-10-21")}
    assert ("COP16", "2024-10-21", "2024-10-21") in found
    assert ("COP16", "2024-10-29", "2024-10-30") in found
