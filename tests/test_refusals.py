"""Inputs `kg load` refuses: one line naming the file and the reason, a non-zero exit, the store unchanged.

Every case runs the real CLI against a store that already holds a readout, and compares a
full N-Quads dump of the store before and after, byte for byte.
"""

from __future__ import annotations

import gc
import json
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from readout_factory import make_record, write_records

from kg.cli import cli
from kg.store.backup import dump_store
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

Maker = Callable[[Path], tuple[Path, str]]  # builds the bad input; gives its path and the expected reason


def file_with(name: str, data: bytes, reason: str) -> Maker:
    def make(folder: Path) -> tuple[Path, str]:
        path = folder / name
        path.write_bytes(data)
        return path, reason
    return make


def json_with(change: Callable[[dict], object], reason: str) -> Maker:
    def make(folder: Path) -> tuple[Path, str]:
        record = make_record(900)
        changed = change(record)
        path = folder / "curated.json"
        path.write_text(json.dumps(record if changed is None else changed))
        return path, reason
    return make


def folder_with(files: dict[str, bytes], reason: str) -> Maker:
    def make(folder: Path) -> tuple[Path, str]:
        sub = folder / "inbox"
        sub.mkdir()
        for name, data in files.items():
            (sub / name).write_bytes(data)
        return sub, reason
    return make


def missing(folder: Path) -> tuple[Path, str]:
    return folder / "no-such-readout.txt", "no such file or folder"


def set_item(record: dict, path: list, value: object) -> None:
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


rng = random.Random(6)
RANDOM_BYTES = bytes(rng.randrange(256) for _ in range(4096))
RANDOM_NO_NUL = bytes(rng.randrange(1, 256) for _ in range(4096))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + zlib.compress(b"BT (Both sides) Tj ET")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.\n")

CASES: dict[str, Maker] = {
    "empty file": file_with("empty.txt", b"", "empty file"),
    "white space only": file_with("blank.txt", b" \n\t\r\n  \n", "empty file"),
    "byte-order mark only": file_with("bom.txt", b"\xef\xbb\xbf\n", "empty file"),
    "pdf": file_with("readout.pdf", PDF, "binary file (a PDF document"),
    "pdf named .txt": file_with("readout.txt", PDF, "binary file (a PDF document"),
    "png image": file_with("photo.png", PNG, "binary file (a PNG image)"),
    "jpeg image": file_with("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200), "a JPEG image"),
    "gif image named .html": file_with("page.html", b"GIF89a\x01\x00\x01\x00" + bytes(50), "a GIF image"),
    "word document": file_with("readout.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "a ZIP archive"),
    "gzip archive": file_with("readout.txt.gz", b"\x1f\x8b\x08\x00" + bytes(60), "a gzip archive"),
    "executable": file_with("kg.txt", b"\x7fELF\x02\x01\x01" + bytes(100), "an executable program"),
    "random bytes": file_with("noise.txt", RANDOM_BYTES, "binary file"),
    "random bytes without NUL": file_with("noise2.txt", RANDOM_NO_NUL, "binary file"),
    "NUL inside text": file_with("nul.txt", LOREM.encode() + b"\x00\x00" + LOREM.encode(), "contains NUL bytes"),
    "control characters": file_with("ctl.txt", bytes(range(1, 9)) * 40 + LOREM.encode(), "control characters"),
    "bad UTF-16 after BOM": file_with("wide.txt", b"\xff\xfe" + "Both sides".encode("utf-16-le") + b"\x00\xd8",
                                      "bad utf-16 text after its byte-order mark"),
    "page of scripts and navigation": file_with(
        "page.html", b"<html><head><script>var a=1;</script></head><body><nav>Home | News</nav>"
                     b"<footer>(c) Ministry</footer></body></html>", "HTML page with no text"),
    "markdown with only an image": file_with("img.md", b"![](https://example.org/photo.jpg)\n",
                                             "no text left once markup and page furniture are removed"),
    "over the size limit": file_with("long.txt", (LOREM * 40).encode(), "over the size limit of 2000 bytes"),
    "text with no readout content": file_with("lorem.txt", LOREM.encode(), "no readout content found"),
    "record with no readout content": json_with(
        lambda r: {"document": {"title": "Notes"}, "text": "Nothing happened."}, "no readout content found"),
    "invalid JSON": file_with("broken.json", b'{"actors": [', "not valid JSON (line 1"),
    "JSON that is a list": json_with(lambda r: [r], "field $: expected an object, got list"),
    "actor code is a number": json_with(lambda r: set_item(r, ["actors", 0, "code"], 404),
                                        "field actors[0].code: expected a string, got int"),
    "actors is a string": json_with(lambda r: set_item(r, ["actors"], "KE"),
                                    "field actors: expected a list, got str"),
    "published is not a date": json_with(lambda r: set_item(r, ["document", "published"], "last Tuesday"),
                                         "field document.published: 'last Tuesday' is not a date"),
    "target year is a string": json_with(lambda r: set_item(r, ["commitments", 0, "target_year"], "2030"),
                                         "field commitments[0].target_year: expected an integer year, got str"),
    "unknown topic": json_with(lambda r: set_item(r, ["commitments", 0, "topics"], ["weather"]),
                               "field commitments[0].topics[0]: 'weather' is not one of"),
    "unknown forum kind": json_with(lambda r: set_item(r, ["forums", 0, "kind"], "party"),
                                    "field forums[0].kind: 'party' is not one of"),
    "evidence span backwards": json_with(
        lambda r: set_item(r, ["commitments", 0, "evidence", 0, "end"], 1),
        "field commitments[0].evidence[0]: start and end must be integers with 0 <= start <= end"),
    "participant is a name": json_with(lambda r: set_item(r, ["meetings", 0, "participants"], ["Kenya"]),
                                       "field meetings[0].participants[0]: 'Kenya' is not an ISO 3166-1"),
    "JSON nested 100,000 deep": file_with("deep.json", b"[" * 100_000 + b"]" * 100_000,
                                          "JSON nested too deeply to be a readout record"),
    "JSON with a lone surrogate": json_with(lambda r: set_item(r, ["document", "title"], "Talks \ud800 in Baku"),
                                            "the JSON holds \\ud800, half of a UTF-16 pair"),
    "path that does not exist": missing,
    "folder with no readable files": folder_with({"scan.pdf": PDF, "photo.png": PNG, "notes.docx": b"PK\x03\x04"},
                                                 "folder holds no readout files"),
    "empty folder": folder_with({}, "folder holds no readout files"),
}


def dump_bytes(store_path: Path, out: Path) -> bytes:
    gc.collect()  # a store a failed command left behind in a traceback
    store = open_store(store_path, create=False, read_only=True)
    assert isinstance(store, EmbeddedStore)
    dump_store(store, out)
    store.close()
    return out.read_bytes()


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one readout (and the reference data), the state every refusal must keep."""
    folder = tmp_path_factory.mktemp("seed")
    path = folder / "store"
    [record] = write_records(folder / "in", 1)
    result = CliRunner().invoke(cli, ["load", str(record), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_with_one_line_naming_the_file_and_the_store_unchanged(
        case: str, seeded_store: Path, tmp_path: Path) -> None:
    bad, reason = CASES[case](tmp_path)
    before = dump_bytes(seeded_store, tmp_path / "before.nq")
    env = {"KG_MAX_BYTES": "2000"} if case == "over the size limit" else {}
    result = CliRunner(env=env).invoke(cli, ["load", str(bad), "--store", str(seeded_store)])
    exit_code, output = result.exit_code, result.output
    del result
    assert exit_code != 0, output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    assert errors[0].startswith(f"Error: {bad}: "), errors[0]
    assert reason in errors[0], errors[0]
    assert "0 loaded" in output
    assert dump_bytes(seeded_store, tmp_path / "after.nq") == before


def test_allow_empty_loads_a_text_without_readout_content(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"document": {"title": "Notes"}, "text": "Nothing happened."}))
    result = CliRunner().invoke(cli, ["load", str(path), "--allow-empty", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 loaded" in result.output


def test_a_batch_with_one_bad_file_loads_the_others_and_reports_the_bad_one(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    good = write_records(inbox, 3)
    bad = inbox / "readout-0001b.txt"
    bad.write_bytes(PDF)
    result = CliRunner().invoke(cli, ["load", str(inbox), "--store", str(tmp_path / "s")])
    exit_code, output = result.exit_code, result.output
    del result
    assert exit_code == 1, output
    assert "3 loaded, 0 unchanged, 1 rejected" in output
    assert [line for line in output.splitlines() if line.startswith("Error:")] == [
        f"Error: {bad}: binary file (a PDF document; extract its text first (e.g. pdftotext) and load the text)"]
    gc.collect()
    store = open_store(tmp_path / "s", create=False, read_only=True)
    ids = {json.loads(p.read_text())["document"]["title"] for p in good}
    titles = {row[0].value for row in store.query(
        "SELECT ?t WHERE { ?r a <https://w3id.org/climate-kg/ontology#Readout> ; "
        "<http://purl.org/dc/terms/title> ?t }")}
    assert ids <= titles


def test_a_raw_line_separator_in_a_json_string_is_accepted(tmp_path: Path) -> None:
    record = make_record(901)
    record["document"]["title"] = "Talks\u2028in Baku"
    path = tmp_path / "separator.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert "\u2028" in path.read_text(encoding="utf-8")  # raw in the file, not escaped
    result = CliRunner().invoke(cli, ["load", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 loaded" in result.output


def test_what_a_folder_holds_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    import os

    inbox = tmp_path / "inbox"
    write_records(inbox, 2)
    (inbox / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    locked = inbox / "locked"
    locked.mkdir()
    write_records(locked, 1, first=10)
    locked.chmod(0)
    try:
        result = CliRunner().invoke(cli, ["load", str(inbox), "--store", str(tmp_path / "s")])
    finally:
        locked.chmod(0o755)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert f"Error: {inbox / 'gone.txt'}: a link to something that does not exist; skipped" in errors
    assert any(line.startswith(f"Error: {inbox / 'loop.txt'}: a link that cannot be followed") for line in errors)
    if os.geteuid() != 0:  # root reads a folder whatever its permissions
        assert f"Error: {locked}: cannot read this folder (Permission denied); what it holds was skipped" in errors
    assert result.exit_code == 1
    assert "2 loaded" in result.output or "3 loaded" in result.output


def test_file_names_with_control_characters_are_printed_escaped(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = "evil\x1b[31mred\nline.txt"
    (inbox / name).write_text(LOREM)
    result = CliRunner().invoke(cli, ["load", str(inbox), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {inbox}/evil\\x1b[31mred\\nline.txt: no readout content found "
                      "(no actor, person, forum, meeting or commitment); use --allow-empty to load it anyway"]
    missing = CliRunner().invoke(cli, ["load", str(tmp_path / "gone\x1b[2J.txt"), "--store", str(tmp_path / "s")])
    assert "\x1b" not in missing.output and "gone\\x1b[2J.txt" in missing.output
