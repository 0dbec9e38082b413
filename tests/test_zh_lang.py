"""`--lang en|zh`: query answers and export labels in the language asked, the other as fallback."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.loader import load_paths
from kg.store.location import open_store

READOUT = Path(__file__).parent / "data" / "zh" / "nea_iea_meeting.txt"


def _store(tmp_path: Path) -> str:
    path = tmp_path / "store"
    with open_store(path) as store:
        assert load_paths(store, [READOUT]).ok
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_query_answers_in_the_language_asked(tmp_path: Path) -> None:
    store = _store(tmp_path)
    sparql = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
              "SELECT ?name WHERE { ?p foaf:name ?name } ORDER BY ?name")
    english = _run("query", "--sparql", sparql, "--store", store, "-f", "csv")
    assert english.splitlines() == ["name", "Fatih Birol", "Zhang Jianhua"]
    chinese = _run("query", "--sparql", sparql, "--store", store, "-f", "csv", "--lang", "zh")
    # Both were read in Chinese: their Chinese names are their aliases.
    assert chinese.splitlines() == ["name", "法提赫·比罗尔", "章建华"]
    forums = _run("query", "forums", "--store", store, "-f", "csv", "--lang", "zh")
    assert "国际能源署" in forums and "International Energy Agency" not in forums
    assert "International Energy Agency" in _run("query", "forums", "--store", store, "-f", "csv")


def test_export_labels_in_the_language_asked(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for lang, expected, absent in (("en", "Zhang Jianhua", "章建华"), ("zh", "章建华", "Zhang Jianhua")):
        out = tmp_path / f"people-{lang}.d3.json"
        _run("export", "--store", store, "--view", "people", "--lang", lang, "-o", str(out), "-q")
        labels = {node["label"] for node in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
        assert expected in labels and absent not in labels
