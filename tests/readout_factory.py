"""Small, valid curated readout records (GUIDE.md's JSON format), made up for tests.

Each record is a different readout (its own text, so its own readout id and named graph),
with consistent evidence offsets, so hundreds can be loaded quickly without extraction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PAIRS = [
    ("KE", "Kenya", "NO", "Norway"), ("BR", "Brazil", "DE", "Germany"), ("IN", "India", "JP", "Japan"),
    ("CL", "Chile", "NZ", "New Zealand"), ("GH", "Ghana", "SG", "Singapore"), ("MX", "Mexico", "CA", "Canada"),
    ("ID", "Indonesia", "DK", "Denmark"), ("EG", "Egypt", "FR", "France"), ("VN", "Viet Nam", "KR", "Korea"),
]
FIRST = ["Amina", "Lars", "Priya", "Kenji", "Sofia", "Mateus", "Ines", "Tomas", "Wanjiru", "Ola"]
LAST = ["Otieno", "Haugen", "Sharma", "Sato", "Reyes", "Costa", "Larsen", "Novak", "Mwangi", "Berg"]


def make_record(n: int) -> dict[str, Any]:
    code_a, name_a, code_b, name_b = PAIRS[n % len(PAIRS)]
    person_a = f"{FIRST[n % 10]} {LAST[(n // 10) % 10]}"
    person_b = f"{FIRST[(n + 3) % 10]} {LAST[(n // 7 + 5) % 10]}"
    forum = f"{name_a}-{name_b} Climate Dialogue Round {n}"
    day = 1 + n % 28
    date = f"2025-{1 + (n // 28) % 12:02d}-{day:02d}"
    year = 2030 + n % 20
    lead = f"{name_a} and {name_b} held the {forum} on {date}. "
    people = f"Minister {person_a} and Envoy {person_b} led the talks. "
    commitment = f"Both sides committed to cut methane emissions by {year}."
    text = lead + people + commitment
    start = len(lead) + len(people)
    return {
        "document": {"title": f"Readout of the {forum}", "published": date,
                     "publisher": "Test Ministry", "language": "en"},
        "text": text,
        "actors": [{"code": code_a, "name": name_a}, {"code": code_b, "name": name_b}],
        "people": [{"name": person_a, "actor": code_a, "role": "Minister"},
                   {"name": person_b, "actor": code_b, "role": "Envoy"}],
        "forums": [{"name": forum, "kind": "dialogue"}],
        "presidencies": [],
        "meetings": [{"forum": forum, "start": date, "end": date, "place": None, "host": code_a,
                      "participants": [code_a, code_b]}],
        "commitments": [{"actors": [code_a, code_b], "text": commitment, "topics": ["methane-non-co2"],
                         "target_year": year, "status": "new",
                         "evidence": [{"start": start, "end": start + len(commitment), "text": commitment}]}],
    }


def write_records(folder: Path, count: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"readout-{n:04d}.json"
        path.write_text(json.dumps(make_record(n), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths
