"""written_alone: a name written on its own, not inside a longer word or a hyphenated compound."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.whole_words import written_alone


def test_a_name_alone_and_inside_other_words() -> None:
    assert written_alone("Tarvo", "Minister Tarvo met the envoy.")
    assert written_alone("Tarvo", "Tarvo")
    assert not written_alone("Tarvo", "the Tarvo-led talks")
    assert not written_alone("Tarvo", "Tarvos")
    assert not written_alone("EU", "EUR 5 billion")
    assert written_alone("U.S.", "the U.S. envoy")  # punctuation in the name is matched as written
    assert not written_alone("Tarvo", "no name here")


@given(st.text(alphabet="ab -.", max_size=12), st.text(alphabet="ab -.", max_size=30))
def test_the_same_as_the_bounded_pattern(name: str, text: str) -> None:
    expected = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None
    assert written_alone(name, text) == expected
