"""Parameters: checked against their declared types, bound as RDF terms, never pasted as text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_helpers import load_fixture, rows
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD

from kg.errors import UsageError
from kg.query.named import bind_params, explain, load_query, parse_param_options, parse_query_text, run
from kg.sparql.binding import with_values
from kg.sparql.safety import check_query
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

PORTS = 'Both sides will launch the "Green {Ports}" pilot; each will name two ports.'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    st = open_store(tmp_path_factory.mktemp("params") / "store")
    assert isinstance(st, EmbeddedStore)
    load_fixture(st)
    yield st
    st.close()


TYPED = parse_query_text(
    "# title: t\n# description: d\n"
    "# param: who  actor  -  x\n# param: when  date  -  x\n# param: year  year  -  x\n"
    "# param: n  integer  5  x\n# param: topic  topic  -  x\n# param: forum  forum  -  x\n"
    "# param: readout  readout  -  x\n# param: thing  iri  -  x\n# param: words  string  \"two words\"  x\n"
    "SELECT ?who ?when ?year ?n ?topic ?forum ?readout ?thing ?words WHERE { }\n", "typed")


def test_values_become_the_terms_their_types_say() -> None:
    bound = bind_params(TYPED, {
        "who": "cn", "when": "2024-09-04", "year": "2030", "topic": "finance", "forum": "COP 29",
        "readout": "a1a1a1a1a1a1a1a1", "thing": "https://example.org/x#y",
    })
    assert bound == {
        "who": URIRef("https://w3id.org/climate-kg/id/actor/CN"),
        "when": Literal("2024-09-04", datatype=XSD.date),
        "year": Literal("2030", datatype=XSD.gYear),
        "n": Literal(5),
        "topic": URIRef("https://w3id.org/climate-kg/id/topic/finance"),
        "forum": URIRef("https://w3id.org/climate-kg/id/forum/cop29"),
        "readout": URIRef("https://w3id.org/climate-kg/id/readout/a1a1a1a1a1a1a1a1"),
        "thing": URIRef("https://example.org/x#y"),
        "words": Literal("two words"),
    }


def test_a_parameter_not_given_and_without_default_stays_unbound() -> None:
    assert set(bind_params(TYPED, {})) == {"n", "words"}


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("who", "China", "expected actor"),
    ("who", "USA", "expected actor"),
    ("when", "2024-13-01", "expected date"),
    ("when", "4 Sep 2024", "expected date"),
    ("year", "20300", "expected year"),
    ("n", "two", "expected integer"),
    ("topic", "Energy Transition", "expected topic"),
    ("readout", "xyz", "expected readout"),
    ("thing", "not an iri", "expected iri"),
    ("thing", "http://x/> } ; DROP ALL", "expected iri"),
])
def test_a_value_of_the_wrong_type_names_the_param_and_the_type(name: str, value: str, expected: str) -> None:
    with pytest.raises(UsageError) as err:
        bind_params(TYPED, {name: value})
    assert f"parameter {name}: {expected}" in str(err.value)
    assert repr(value) in str(err.value)


def test_unknown_parameter_lists_the_declared_ones() -> None:
    with pytest.raises(UsageError, match=r"has no parameter colour; its parameters: who \(actor\)"):
        bind_params(TYPED, {"colour": "red"})


def test_param_options_need_name_equals_value() -> None:
    assert parse_param_options(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(UsageError, match="NAME=VALUE"):
        parse_param_options(["novalue"])


def test_explain_shows_the_text_unchanged_and_the_bound_terms() -> None:
    query = load_query("commitments")
    text = explain(query, bind_params(query, {"actor": "CN", "text": 'a "b" }'}))
    assert text.startswith(query.text.rstrip())
    assert "?actor = <https://w3id.org/climate-kg/id/actor/CN>" in text
    assert '?text = "a \\"b\\" }"' in text


def test_a_bound_variable_must_be_projected(store: Any) -> None:
    with pytest.raises(UsageError, match=r"\?o is not in the SELECT clause"):
        run(store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})


HOSTILE = [
    'x" } ; DROP ALL ; #',
    '") } UNION { ?s ?p ?o } #',
    "'} ; INSERT DATA { <a:b> <a:c> <a:d> } #",
    '\\" ) } }}} ;;; \n # ',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_changes_nothing_but_the_match(store: Any, value: str) -> None:
    query = load_query("commitments")
    before = len(store)
    result = run(store, query, bind_params(query, {"text": value}))
    assert rows(result, "sentence") == []
    assert len(store) == before


def test_quotes_braces_and_semicolons_in_a_value_match_literally(store: Any) -> None:
    query = load_query("commitments")
    result = run(store, query, bind_params(query, {"text": '"Green {Ports}" pilot;'}))
    assert rows(result, "sentence", "actor", "text") == [
        (PORTS, "actor/CN", '"Green {Ports}" pilot;'), (PORTS, "actor/US", '"Green {Ports}" pilot;'),
    ]


@pytest.mark.parametrize("value", [*HOSTILE, '"Green {Ports}" pilot;', "méthane\t\u0001"])
def test_the_remote_values_block_binds_the_same_as_substitution(store: Any, value: str) -> None:
    # The VALUES text a RemoteStore sends, run here without bindings, gives the rows the
    # substitution gives: the escaped value stayed one literal.
    query = load_query("commitments")
    bindings = bind_params(query, {"text": value, "actor": "CN"})
    rewritten = with_values(check_query(query.text), bindings)
    cols = ("commitment", "actor", "text")
    assert rows(run(store, rewritten), *cols) == rows(run(store, query, bindings), *cols)


def _values_of(text: str) -> list[Any]:
    """The VALUES rows of the top WHERE group, read back by rdflib's parser."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    algebra = translateQuery(parseQuery(text)).algebra
    found: list[Any] = []

    def walk(node: Any) -> None:
        if hasattr(node, "name") and node.name == "values":
            found.extend(node["res"])
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(algebra)
    return found


@pytest.mark.parametrize("text", [
    # braces inside strings, IRIs and comments before the WHERE group
    'PREFIX ex: <urn:ex#> # a { comment }\nSELECT ?v ("{" AS ?brace) WHERE { ?s ?p ?v }',
    # EXISTS in a SELECT expression: its group is inside parentheses
    "SELECT ?v (EXISTS { ?s ?p ?o } AS ?any) WHERE { ?s ?p ?v }",
    # a sub-select as the whole WHERE group gets wrapped
    "SELECT ?v WHERE { SELECT ?v WHERE { ?s ?p ?v } }",
    # CONSTRUCT: the template is skipped, the pattern gets the block
    "CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?v }",
    'SELECT ?v WHERE { ?s ?p ?v FILTER(?v != """ } """) }',
])
def test_the_values_block_lands_in_the_where_group(text: str) -> None:
    value = Literal('a "quoted" } ; value')
    rewritten = with_values(check_query(text), {"v": value})
    check_query(rewritten)  # still one valid read query
    assert _values_of(rewritten) == [{Variable("v"): value}]
    assert rewritten.index("VALUES (?v)") > rewritten.rindex("WHERE", 0, rewritten.index("VALUES (?v)"))
    assert rewritten.index("VALUES (?v)") > text.upper().index(" WHERE ")


def test_short_construct_cannot_take_parameters_remotely() -> None:
    with pytest.raises(UsageError, match="long form"):
        with_values(check_query("CONSTRUCT WHERE { ?s ?p ?v }"), {"v": Literal("x")})


@settings(max_examples=300, deadline=None)
@given(text=st.text(), language=st.sampled_from([None, "en", "zh-Hans"]))
def test_a_literal_written_by_nt_term_reads_back_as_the_same_literal(text: str, language: str | None) -> None:
    import pyoxigraph as ox

    from kg.sparql.binding import nt_term

    term = Literal(text, lang=language)
    line = f"<http://example.org/s> <http://example.org/p> {nt_term(term)} .\n".encode("utf-8", "surrogatepass")
    try:
        (triple,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError:
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)  # a lone surrogate is no Unicode text
        return
    assert triple.object == ox.Literal(text, language=language)
    assert "\n" not in nt_term(term) and "\r" not in nt_term(term)
