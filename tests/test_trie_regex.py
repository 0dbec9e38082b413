"""The trie pattern finds exactly what an alternation sorted longest first finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.trie_regex import alternation

# a small alphabet so that words share prefixes and the texts contain them
words = st.lists(st.text(alphabet="abUS .-$", min_size=1, max_size=6), min_size=1, max_size=12)
texts = st.text(alphabet="abUS .-$xy", max_size=60)


def _sorted_alternation(ws: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(ws), key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(ws=words, text=texts)
def test_same_matches_as_the_longest_first_alternation(ws: list[str], text: str) -> None:
    # with the look-arounds the gazetteer uses: a failed look-ahead makes the engine try the
    # next shorter word, which the trie must offer in the same order
    wrap = r"(?<![\w])(?:{})(?![\w$])"
    trie = re.compile(wrap.format(alternation(ws)))
    plain = re.compile(wrap.format(_sorted_alternation(ws)))
    assert [(m.start(), m.end()) for m in trie.finditer(text)] == [(m.start(), m.end()) for m in plain.finditer(text)]


def test_longest_word_wins_and_backs_off_to_a_shorter_one() -> None:
    pattern = re.compile(r"(?:" + alternation(["US", "USA", "United States"]) + r")(?![\w$])")
    assert [m.group() for m in pattern.finditer("USA, US$, USAID, United States")] == ["USA", "United States"]
    assert alternation(["Chin", "China", "Chinese"]) == "Chin(?:a|ese)?"
