"""The query worker's rows come as SPARQL TSV (the engine's writer, or worker.py's for a paged
answer); read back, they must be the very terms the SPARQL-JSON reader made of the same
answer, so that every output format stays byte for byte what it was."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.query.worker import StoreView, answer, answer_paged
from kg.sparql.results import SelectResult, format_result, parse_results_json
from kg.sparql.results_tsv import TsvReader, parse_results_tsv, term_from_nt

# odd lexical forms of numeric types are drawn on purpose: rdflib warns of them, both readers alike
pytestmark = [pytest.mark.filterwarnings("ignore:Serializing weird:UserWarning"),
              pytest.mark.filterwarnings("ignore:Parsing weird:UserWarning")]

XSD = "http://www.w3.org/2001/XMLSchema#"
DATATYPES = [XSD + n for n in ("integer", "decimal", "double", "float", "boolean", "date", "gYear", "int",
                               "dateTime", "anyURI")] + ["https://example.org/dt#custom"]
# text as a store can hold it: any character but a lone surrogate
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
NUMERIC = st.sampled_from(["0", "01", "-1", "+3", "1.50", ".5", "-0.0", "1e3", "1.0E-2", "NaN", "INF", "true",
                           "false", "1", "2015-01-05", "abc", " 7 ", ""])
IRI = st.from_regex(r"https://example\.org/[A-Za-z0-9._~!$&'()*+,;=:@/?#é中-]{0,12}", fullmatch=True)


@st.composite
def terms(draw: st.DrawFn) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    kind = draw(st.sampled_from(["iri", "bnode", "plain", "lang", "typed", "none"]))
    if kind == "iri":
        return ox.NamedNode(draw(IRI))
    if kind == "bnode":
        return ox.BlankNode(draw(st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,6}", fullmatch=True)))
    if kind == "plain":
        return ox.Literal(draw(TEXT))
    if kind == "lang":
        return ox.Literal(draw(TEXT), language=draw(st.sampled_from(["en", "zh", "en-GB", "zh-Hans-CN", "x-kg"])))
    if kind == "typed":
        return ox.Literal(draw(NUMERIC | TEXT), datatype=ox.NamedNode(draw(st.sampled_from(DATATYPES))))
    return None


def store_of(rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]], folder: str | None = None) -> ox.Store:
    """A store whose query `ROWS` gives `rows` back in order: row i's cells are the objects of
    <row/i> <col/j>; an unbound cell has no triple."""
    store = ox.Store(folder) if folder else ox.Store()
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is not None:
                store.add(ox.Quad(ox.NamedNode(f"https://example.org/row/{i:04d}"),
                                  ox.NamedNode(f"https://example.org/col/{j}"), cell))
        store.add(ox.Quad(ox.NamedNode(f"https://example.org/row/{i:04d}"), ox.NamedNode("https://example.org/is"),
                          ox.Literal("row")))
    return store


def rows_query(width: int) -> str:
    cells = " ".join(f"OPTIONAL {{ ?r <https://example.org/col/{j}> ?c{j} }}" for j in range(width))
    return (f"SELECT {' '.join(f'?c{j}' for j in range(width))} WHERE {{ ?r <https://example.org/is> \"row\" {cells} }}"
            " ORDER BY ?r")


def same_terms(a: SelectResult, b: SelectResult) -> None:
    """The same variables, and per row the same terms: same class, lexical form, language, datatype."""
    assert a.variables == b.variables
    assert len(a.rows) == len(b.rows)
    for ra, rb in zip(a.rows, b.rows, strict=True):
        assert ra.keys() == rb.keys()
        for name in ra:
            x, y = ra[name], rb[name]
            assert type(x) is type(y) and str(x) == str(y), (x, y)
            if isinstance(x, Literal):
                assert isinstance(y, Literal)
                assert (x.language, x.datatype) == (y.language, y.datatype), (x, y)


def same_outputs(a: SelectResult, b: SelectResult) -> None:
    for fmt in ("json", "csv", "tsv", "table", "xml"):
        assert format_result(a, fmt) == format_result(b, fmt), fmt


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 3).flatmap(lambda w: st.lists(st.lists(terms(), min_size=w, max_size=w), max_size=5)))
def test_the_engine_s_tsv_reads_as_its_json_does(rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]) -> None:
    width = len(rows[0]) if rows else 2
    store = store_of(rows)
    query = rows_query(width)
    from_json = parse_results_json(store.query(query).serialize(format=ox.QueryResultsFormat.JSON))
    from_tsv = parse_results_tsv(store.query(query).serialize(format=ox.QueryResultsFormat.TSV))
    assert isinstance(from_json, SelectResult)
    same_terms(from_json, from_tsv)
    same_outputs(from_json, from_tsv)


def paged(location: str, query: str, limit: int | None, batch: int) -> tuple[list[bytes], int]:
    out = io.BytesIO()
    answer_paged({"location": location, "query": query, "paged": {"limit": limit, "batch": batch}}, StoreView(), out)
    stream = io.BytesIO(out.getvalue())
    assert json.loads(stream.readline()) == {"ok": True, "batches": True}
    batches: list[bytes] = []
    while True:
        frame = json.loads(stream.readline())
        if frame.get("end"):
            return batches, int(frame["more"])
        batches.append(stream.read(int(frame["size"])))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(terms(), min_size=2, max_size=2), min_size=1, max_size=7), st.integers(1, 3))
def test_a_paged_answer_reads_as_the_whole_answer_in_json(tmp_path: Path, rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]],
                                                           batch: int) -> None:
    folder = tmp_path / f"store-{len(list(tmp_path.iterdir()))}"
    store = store_of(rows, str(folder))
    query = rows_query(2)
    whole = parse_results_json(store.query(query).serialize(format=ox.QueryResultsFormat.JSON))
    assert isinstance(whole, SelectResult)
    store.flush()
    del store
    batches, more = paged(str(folder), query, None, batch)
    reader = TsvReader()
    read = [reader.read(b) for b in batches]
    assert more == 0 and len(read[0].rows) == 1  # the first row goes out at once
    joined = SelectResult(whole.variables, [row for r in read for row in r.rows])
    same_terms(whole, joined)
    same_outputs(whole, joined)


def test_a_page_counts_the_rest_and_every_batch_has_the_header(tmp_path: Path) -> None:
    rows = [[ox.Literal(f"value {i}\twith a tab"), None] for i in range(5)]
    store_of(rows, str(tmp_path / "s")).flush()
    batches, more = paged(str(tmp_path / "s"), rows_query(2), 3, 2)
    assert more == 2
    read = [parse_results_tsv(b) for b in batches]
    assert [r.variables for r in read] == [["c0", "c1"]] * len(read)
    assert [str(row["c0"]) for r in read for row in r.rows] == [f"value {i}\twith a tab" for i in range(3)]


def test_the_worker_answers_select_in_tsv_and_ask_in_json(tmp_path: Path) -> None:
    store_of([[ox.Literal("x", language="en")]], str(tmp_path / "s")).flush()
    data = answer({"location": str(tmp_path / "s"), "query": rows_query(1)})
    assert data == b'?c0\n"x"@en\n'
    assert json.loads(answer({"location": str(tmp_path / "s"), "query": "ASK { ?s ?p ?o }"})) == \
        {"head": {}, "boolean": True}


def test_rows_of_no_variable_and_rows_of_nothing_bound() -> None:
    empty = parse_results_tsv(b"\n\n\n")  # SELECT * WHERE {} twice over: two rows, no variables
    assert empty.variables == [] and empty.rows == [{}, {}]
    unbound = parse_results_tsv(b"?x\n\n1\n")
    assert unbound.variables == ["x"]
    assert unbound.rows == [{}, {"x": Literal("1", datatype=URIRef(XSD + "integer"))}]


def test_bare_tokens_are_turtle_s_numbers_and_booleans() -> None:
    assert term_from_nt("-1.5") == Literal("-1.5", datatype=URIRef(XSD + "decimal"))
    assert term_from_nt("1.0E-2").datatype == URIRef(XSD + "double")
    assert str(term_from_nt("01")) == "01"  # the lexical form as written, not normalised
    assert term_from_nt("false") == Literal("false", datatype=URIRef(XSD + "boolean"))
    assert term_from_nt('"a\\"b\\\\c\\u00e9\\U0001F600"') == Literal('a"b\\cé\U0001F600')


@pytest.mark.parametrize("bad", ['"open', "<no-end", "maybe", '"x"@', '"x"^^xsd:int', "1.2.3", '"\\q"'])
def test_a_malformed_cell_is_a_query_error(bad: str) -> None:
    with pytest.raises(QueryError, match="unsupported term"):
        term_from_nt(bad)


@pytest.mark.parametrize("bad", [b"?x\n1", b"?x\t?y\n1\n", b"x\n1\n", b"\xff\n"])
def test_malformed_tsv_is_a_query_error(bad: bytes) -> None:
    with pytest.raises(QueryError):
        parse_results_tsv(bad)
