"""Evidence at sentence level: a fact's span is widened to the sentence holding it, and
facts read from one sentence share one evidence node."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF

from kg.extract.sentences import split_sentences
from kg.model.namespaces import KG, OA, actor_iri, person_iri
from kg.model.record import Actor, DocumentInfo, Person, Record, Span
from kg.rdf.evidence import SentenceSpans
from kg.rdf.mapping import record_to_graph

TEXT = "Ministers met in Nairobi. Kenya and Norway agreed to work together. Norway will fund it."


def test_a_span_becomes_the_sentence_holding_it() -> None:
    spans = SentenceSpans(TEXT)
    kenya = TEXT.index("Kenya")
    assert spans.widen(Span(kenya, kenya + 5, "Kenya")) == Span(26, 67, "Kenya and Norway agreed to work together.")


def test_a_span_across_two_sentences_stays_as_it_is() -> None:
    start = TEXT.index("together")
    crossing = Span(start, start + 20, TEXT[start:start + 20])
    assert SentenceSpans(TEXT).widen(crossing) == crossing


def test_without_text_a_span_stays_as_it_is() -> None:
    assert SentenceSpans("").widen(Span(0, 5, "Kenya")) == Span(0, 5, "Kenya")


_WORDS = st.sampled_from(["Kenya", "and", "Norway", "met", "in", "Oslo", "U.S.", "envoys", "agreed", "on", "2030"])
_SENTENCES = st.lists(_WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=6).map(" ".join), st.data())
def test_the_widened_span_holds_the_span_and_is_a_sentence(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    span = Span(start, end, text[start:end])
    widened = SentenceSpans(text).widen(span)
    assert widened.start <= span.start and span.end <= widened.end
    assert text[widened.start:widened.end] == widened.text
    sentences = {(s.start, s.end) for s in split_sentences(text)}
    assert (widened.start, widened.end) in sentences or widened == span


def test_facts_of_one_sentence_share_one_evidence_node() -> None:
    kenya, norway = TEXT.index("Kenya"), TEXT.index("Norway")
    record = Record(document=DocumentInfo(title="t", language="en"), text=TEXT,
                    actors=[Actor("KE", "Kenya", [Span(kenya, kenya + 5, "Kenya")]),
                            Actor("NO", "Norway", [Span(norway, norway + 6, "Norway")])],
                    people=[Person("Ada Obi", "KE", None, evidence=[Span(kenya, kenya + 5, "Kenya")])])
    graph = record_to_graph(record)
    [node] = graph.subjects(RDF.type, KG.Evidence)
    assert str(graph.value(node, OA.exact)) == "Kenya and Norway agreed to work together."
    assert set(graph.subjects(KG.evidence, node)) == {actor_iri("KE"), actor_iri("NO"), person_iri("Ada Obi")}
