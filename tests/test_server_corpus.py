"""A corpus loaded by `kg load --store URL` into real servers answers as the embedded store:
`oxigraph serve` with its default options, and Virtuoso (Debian's virtuoso-opensource 7.2).

Every named question with its defaults and the benchmark's parameter sets (bench/asked.py: the
values with the largest answers, drawn from the loaded store), `kg stats`, `kg validate` and
`kg export --view actors`. The corpus is the four examples and 14 generated readouts; set
KG_SERVER_CORPUS to a folder (e.g. the dev corpus) to compare on that instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sparql_servers import oxigraph_server, virtuoso_server

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts beside the package, not part of kg
    sys.path.insert(0, str(ROOT))

from bench.asked import sample_bindings  # noqa: E402
from bench.generate import write_corpus  # noqa: E402
from kg.cli import cli  # noqa: E402
from kg.loader import load_paths  # noqa: E402
from kg.query.named import bind_params, list_queries, run  # noqa: E402
from kg.query.worker_pool import close_workers  # noqa: E402
from kg.sparql.results import SelectResult, term_from_json  # noqa: E402
from kg.store.location import open_store  # noqa: E402
from kg.store.remote import RemoteStore  # noqa: E402

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "examples"
GENERATED = 14  # readouts from the benchmark's generator, beside the four examples


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("KG_SERVER_CORPUS")
    if given:
        return Path(given)
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(GENERATED, 11, folder)
    for example in EXAMPLES.glob("*.txt"):
        (folder / example.name).write_bytes(example.read_bytes())
    return folder


@pytest.fixture(scope="module")
def embedded(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    location = str(tmp_path_factory.mktemp("embedded") / "store")
    store = open_store(location)
    assert load_paths(store, [corpus]).ok
    store.close()
    yield location
    close_workers()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp(request.param)
    servers = oxigraph_server(folder) if request.param == "oxigraph" else virtuoso_server(folder)
    for running in servers:
        result = CliRunner().invoke(cli, ["load", str(corpus), "--store", running.url])
        assert result.exit_code == 0, result.output
        assert " 0 rejected, 0 failed" in result.output
        yield running.url


def parameter_sets(embedded: str) -> list[tuple[str, dict[str, Any]]]:
    store = open_store(embedded, create=False, read_only=True)
    samples = sample_bindings(store)
    store.close()
    cases: list[tuple[str, dict[str, Any]]] = []
    for query in list_queries():
        cases.append((query.name, bind_params(query, {})))
        for row in samples.get(query.name, []):
            cases.append((query.name, {k: term_from_json(v) for k, v in row.items()}))
    return cases


def comparable(remote: RemoteStore, result: Any) -> list[list[str | None]]:
    """The rows without the load time (the two loads ran at different times). Virtuoso 7.2
    orders IRIs by its internal ids, not by their text: its rows are compared as a multiset."""
    assert isinstance(result, SelectResult)
    keep = [v for v in result.variables if v != "loadedAt"]
    rows = [[str(r[v]) if v in r else None for v in keep] for r in result.rows]
    return sorted(rows, key=lambda r: [v or "" for v in r]) if remote.endpoints.query.endswith("/sparql") else rows


def test_every_named_question_with_the_benchmark_parameters(server: str, embedded: str) -> None:
    remote = RemoteStore(server)
    local = open_store(embedded, create=False, read_only=True)
    cases = parameter_sets(embedded)
    assert len(cases) > len(list_queries()) * 2  # the benchmark's parameter sets were found
    answered = 0
    for name, bindings in cases:
        query = next(q for q in list_queries() if q.name == name)
        expected = run(local, query, bindings)
        got = run(remote, query, bindings)
        assert isinstance(got, SelectResult) and isinstance(expected, SelectResult)
        assert got.variables == expected.variables, name
        assert comparable(remote, got) == comparable(remote, expected), (name, bindings)
        answered += bool(expected.rows)
    assert answered > len(cases) * 0.8  # most comparisons are of real answers, not of nothing
    local.close()


def test_stats_validate_and_the_actors_view_match(server: str, embedded: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["stats"], ["stats", "--format", "json"], ["validate"], ["readouts"]):
        got = runner.invoke(cli, [*args, "--store", server])
        expected = runner.invoke(cli, [*args, "--store", embedded])
        assert (got.exit_code, got.output) == (expected.exit_code, expected.output), args
    for fmt in ("graphml", "cytoscape"):
        outputs = []
        for store in (server, embedded):
            out = tmp_path / f"{Path(store).name or 'server'}-{len(outputs)}.{fmt}"
            result = runner.invoke(cli, ["export", "--view", "actors", "--format", fmt, "-o", str(out), "--store", store])
            assert result.exit_code == 0, result.output
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], fmt


def test_loading_again_changes_nothing(server: str, corpus: Path) -> None:
    before = CliRunner().invoke(cli, ["stats", "--store", server]).output
    again = CliRunner().invoke(cli, ["load", *(str(p) for p in sorted(corpus.glob("*.txt"))[:4]), "--store", server])
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[-1] == "0 loaded, 4 unchanged, 0 rejected, 0 failed"
    assert CliRunner().invoke(cli, ["stats", "--store", server]).output == before
