"""Answers page by default: the first PAGE_ROWS rows and how many more, unless --limit N or
--all; CSV and TSV rows stream from the query worker as they come."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cli.queries as cli_queries
from kg.cli import cli
from kg.loader import load_paths
from kg.query.named import RowStream, load_query, run
from kg.sparql.results import SelectResult, to_csv
from kg.store.location import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("paging") / "store"
    with open_store(path) as st:
        load_paths(st, [EXAMPLES])
    yield str(path)


def every_row(store_path: str, name: str) -> SelectResult:
    with open_store(store_path, create=False, read_only=True) as st:
        result = run(st, load_query(name), {})
    assert isinstance(result, SelectResult)
    return result


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_page_is_the_first_rows_and_says_how_many_more(store_path: str) -> None:
    everything = every_row(store_path, "evidence")
    assert len(everything.rows) > 20
    code, out, _ = kg("query", "evidence", "--limit", "5", "--store", store_path)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 + 5 + 1  # header, rule, five rows, the note
    assert lines[-1] == f"(5 rows shown; {len(everything.rows) - 5} more: --limit N or --all)"


def test_the_default_page_is_page_rows(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    total = len(every_row(store_path, "evidence").rows)
    monkeypatch.setattr(cli_queries, "PAGE_ROWS", 7)
    code, out, err = kg("query", "evidence", "-f", "csv", "--store", store_path)
    assert code == 0 and len(out.splitlines()) == 1 + 7
    assert f"7 rows shown; {total - 7} more" in err
    code, out, _ = kg("query", "evidence", "--all", "--store", store_path)
    assert out.splitlines()[-1] == f"({total} rows)"


def test_all_rows_stream_as_csv_equal_to_the_whole_answer(store_path: str) -> None:
    everything = every_row(store_path, "evidence")
    code, out, err = kg("query", "evidence", "--all", "-f", "csv", "--store", store_path)
    assert code == 0 and err == ""
    assert out.replace("\r\n", "\n") == to_csv(everything).replace("\r\n", "\n")  # CliRunner writes \n
    assert len(list(csv.reader(io.StringIO(out)))) == len(everything.rows) + 1


def test_tsv_page_and_the_rest_counted(store_path: str) -> None:
    everything = every_row(store_path, "readouts")
    code, out, err = kg("query", "readouts", "--limit", "1", "-f", "tsv", "--store", store_path)
    assert code == 0 and len(out.splitlines()) == 2
    assert f"1 row shown; {len(everything.rows) - 1} more" in err


def test_stream_batches_come_in_order_the_first_with_one_row(store_path: str) -> None:
    everything = every_row(store_path, "evidence")
    with open_store(store_path, create=False, read_only=True) as st:
        rows = RowStream.of(st, load_query("evidence"), {}, limit=None)
        rows.batch = 10
        batches = list(rows)
        again = RowStream.of(st, load_query("evidence"), {}, limit=3)
        page = [r for b in again for r in b.rows]
    assert len(batches[0].rows) == 1 and all(len(b.rows) <= 10 for b in batches)
    assert [r for b in batches for r in b.rows] == everything.rows and rows.more == 0
    assert page == everything.rows[:3] and again.more == len(everything.rows) - 3


def test_limit_and_all_together_are_refused(store_path: str) -> None:
    code, _, err = kg("query", "evidence", "--all", "--limit", "3", "--store", store_path)
    assert code == 2 and "not both" in err


def test_a_construct_is_not_paged(store_path: str) -> None:
    code, out, _ = kg("query", "--sparql", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", "--limit", "1",
                      "-f", "ntriples", "--store", store_path)
    assert code == 0 and len(out.splitlines()) > 1


def test_unsorted_gives_the_same_rows_for_every_named_question(store_path: str) -> None:
    from kg.query.named import list_queries
    from kg.sparql.binding import without_order

    with open_store(store_path, create=False, read_only=True) as st:
        for query in list_queries():
            text = without_order(query.text)
            assert "ORDER BY" not in text.rsplit("}", 1)[-1].upper(), query.name
            sorted_rows = run(st, query.text, {})
            unsorted_rows = run(st, text, {})
            assert isinstance(sorted_rows, SelectResult) and isinstance(unsorted_rows, SelectResult)
            assert sorted(map(str, unsorted_rows.values())) == sorted(map(str, sorted_rows.values())), query.name


def test_without_order_keeps_a_sub_selects_order_and_limit() -> None:
    from kg.sparql.binding import without_order

    text = ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3 } }\n"
            "# a comment naming ORDER BY\nORDER BY DESC(?s) LIMIT 10")
    assert without_order(text) == ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3 } }\n"
                                   "\nLIMIT 10")


def test_unsorted_csv_streams_every_row(store_path: str) -> None:
    everything = every_row(store_path, "evidence")
    code, out, _ = kg("query", "evidence", "--all", "--unsorted", "-f", "csv", "--store", store_path)
    lines = out.replace("\r\n", "\n").splitlines()
    expected = to_csv(everything).replace("\r\n", "\n").splitlines()
    assert code == 0 and lines[0] == expected[0] and sorted(lines[1:]) == sorted(expected[1:])


def test_a_sub_select_opening_with_a_comment_gets_its_parameter() -> None:
    from rdflib import Literal

    from kg.sparql.binding import with_values
    from kg.sparql.safety import check_query

    text = "SELECT ?x WHERE {\n  {\n    # the comment first\n    SELECT ?x WHERE { ?s ?p ?x }\n  }\n}"
    bound = with_values(check_query(text), {"x": Literal(3)})
    assert bound.count("VALUES (?x)") == 2
