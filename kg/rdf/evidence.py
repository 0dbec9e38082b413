"""Evidence at sentence level: the span of a fact widened to the sentence that holds it.

A readout's extractors give the words a fact was read from (a name, a date, a clause); the
graph keeps one evidence node per *sentence* (ontology/MAPPING.md), which every fact read
from that sentence points to. A readout of 4 KB has some 50 such spans in about 20
sentences, so this keeps sentence-level provenance at less than half the nodes.
"""

from __future__ import annotations

import bisect

from kg.extract.sentences import Sentence, split_sentences
from kg.model.record import Span


class SentenceSpans:
    """The sentences of one text, to widen spans of it to the sentence each lies in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[Sentence] | None = None  # split on first use: a record may have no spans
        self._starts: list[int] = []

    def _split(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = split_sentences(self.text) if self.text else []
            self._starts = [s.start for s in self._sentences]
        return self._sentences

    def widen(self, span: Span) -> Span:
        """The sentence holding the whole span; the span itself when no one sentence does
        (it crosses a sentence boundary, lies in list furniture, or the record has no text)."""
        sentences = self._split()
        i = bisect.bisect_right(self._starts, span.start) - 1
        if i >= 0:
            sentence = sentences[i]
            if sentence.start <= span.start and span.end <= sentence.end:
                return Span(sentence.start, sentence.end, sentence.text)
        return span
