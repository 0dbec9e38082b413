"""Date parsing and resolution: explicit dates, ranges, month-only dates, relative words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dates import find_dates, format_day, resolve_weekday


def only(text: str, published: str | None = None) -> tuple[str, str, str]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start:d.end] == d.text
    return d.text, d.begin, d.finish


@pytest.mark.parametrize(("text", "begin", "finish"), [
    ("The talks ran September 4-6, 2024, in Beijing.", "2024-09-04", "2024-09-06"),
    ("The talks ran 4–6 September 2024 in Beijing.", "2024-09-04", "2024-09-06"),
    ("She will attend from 26 to 27 September 2023.", "2023-09-26", "2023-09-27"),
    ("A forum in Lima (9 to 11 February 2023).", "2023-02-09", "2023-02-11"),
    ("COP28 runs 30 November to 12 December 2023.", "2023-11-30", "2023-12-12"),
    ("It runs November 30 - December 12, 2023.", "2023-11-30", "2023-12-12"),
    ("On July 14 2025, the ministers met.", "2025-07-14", "2025-07-14"),
    ("An event on 21st of May 2023 on the beach.", "2023-05-21", "2023-05-21"),
    ("Signed on 8 July 2021 in Singapore.", "2021-07-08", "2021-07-08"),
    # UNSEEN.md rewrites: an ordinal range with articles, and "between ... and ..."
    ("From the 4th to the 6th of September 2024, ministers met.", "2024-09-04", "2024-09-06"),
    ("Between September 4 and September 6, 2024, the envoys met.", "2024-09-04", "2024-09-06"),
    ("They met between 4 September and 6 September 2024 in Oslo.", "2024-09-04", "2024-09-06"),
    # a weekday in brackets after each day
    ("The mission travels from February 26 (Tue) to March 15 (Sat) 2008.", "2008-02-26", "2008-03-15"),
    ("A mission went from February 7 (Thu) to 25 (Mon), 2008.", "2008-02-07", "2008-02-25"),
])
def test_explicit_dates_and_ranges(text: str, begin: str, finish: str) -> None:
    assert only(text)[1:] == (begin, finish)


def test_a_range_across_new_year_starts_in_the_year_before() -> None:
    assert only("The session ran 28 December to 3 January 2024.")[1:] == ("2023-12-28", "2024-01-03")


def test_day_and_month_take_the_publication_year() -> None:
    assert only("The roundtable convened on September 6.", "2024-09-11")[1:] == ("2024-09-06", "2024-09-06")
    assert only("On 13 and 14 July, the envoys will be in Lima.", "2025-07-11")[1:] == ("2025-07-13", "2025-07-14")


def test_without_publication_date_the_nearest_explicit_year_before_is_used() -> None:
    text = "The pledge was agreed in 2019. The envoys met on 3 March."
    found = [d for d in find_dates(text) if d.kind == "dmy"]
    assert [(d.begin, d.text) for d in found] == [("2019-03-03", "3 March")]


def test_relative_words_resolve_against_the_publication_date() -> None:
    pub = "2022-11-11"
    assert only("President Lee met today with the Prime Minister.", pub)[1] == "2022-11-11"
    assert only("The ministers spoke yesterday.", pub)[1] == "2022-11-10"
    assert only("As the world gathers this week in Lima.", pub)[1] == "2022-11-11"
    assert only("The plan will be tabled this year.", pub)[1] == "2022"


def test_today_without_a_publication_date_is_not_guessed() -> None:
    assert find_dates("The leaders met today.", None) == []


def test_weekdays_look_back_in_past_tense_and_forward_in_future_tense() -> None:
    # 2021-09-23 was a Thursday; 2025-07-11 a Friday.
    assert only("They reflected on Monday's climate roundtable.", "2021-09-23")[1] == "2021-09-20"
    assert only("On Monday, the dialogue will open with two sessions.", "2025-07-11")[1] == "2025-07-14"
    assert only("On Sunday, the commissioners will meet stakeholders.", "2025-07-11")[1] == "2025-07-13"


def test_month_only_dates() -> None:
    assert only("COP29 was held in Baku in November 2024.", "2025-04-04")[1:] == ("2024-11", "2024-11")
    assert only("A forum this September in Pittsburgh.", "2022-06-18")[1] == "2022-09"
    # "May" alone is a verb as often as a month.
    assert find_dates("Parties may consider the plan.", "2022-06-18") == []


def test_offsets_point_into_the_document() -> None:
    doc = "Intro sentence. The meeting ran 4-6 September 2024."
    sentence_start = doc.index("The")
    found = find_dates(doc[sentence_start:], None, base=sentence_start, context=doc)
    assert [doc[d.start:d.end] for d in found] == ["4-6 September 2024"]


def test_impossible_dates_are_dropped() -> None:
    assert find_dates("It ended on 31 February 2024.") == []
    assert find_dates("From 9 to 3 March 2024 nothing happened.") == []


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31))  # years 19xx-20xx are read


@settings(max_examples=200, deadline=None)
@given(days)
def test_round_trip_of_a_written_day(day: date) -> None:
    text = f"The ministers met on {format_day(day)} to review progress."
    assert only(text)[1:] == (day.isoformat(), day.isoformat())
    us_style = f"The ministers met on {day:%B} {day.day}, {day.year}."
    assert only(us_style)[1:] == (day.isoformat(), day.isoformat())


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=1, max_value=20))
def test_round_trip_of_a_range(day: date, length: int) -> None:
    last = day + timedelta(days=length)
    if (last.year, last.month) != (day.year, day.month):
        text = f"Held from {format_day(day)} to {format_day(last)}."
    else:
        text = f"Held from {day.day} to {last.day} {day:%B} {day.year}."
    assert only(text)[1:] == (day.isoformat(), last.isoformat())


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=0, max_value=6), st.booleans())
def test_weekday_resolution_is_within_a_week_of_publication(day: date, weekday: int, future: bool) -> None:
    resolved = date.fromisoformat(resolve_weekday(weekday, day.isoformat(), future) or "")
    assert resolved.weekday() == weekday
    assert (0 <= (resolved - day).days <= 6) if future else (0 <= (day - resolved).days <= 6)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), days.map(date.isoformat)))
def test_never_crashes_and_spans_are_exact(text: str, published: str | None) -> None:
    for d in find_dates(text, published):
        assert text[d.start:d.end] == d.text
        assert d.begin <= d.finish or len(d.begin) != len(d.finish)


def test_a_weekday_beside_a_date_is_absorbed_and_chinese_dates_are_read() -> None:
    assert [(d.text, d.begin) for d in find_dates("On Tuesday 5 March 2024 the talks began.", "2024-03-08")] == [
        ("5 March 2024", "2024-03-05")]
    assert [d.begin for d in find_dates("Monday, November 14, 2022, in Bali", None)] == ["2022-11-14"]
    assert [d.begin for d in find_dates("文章来源:生态环境部 2024年9月11日 08:46")] == ["2024-09-11"]
