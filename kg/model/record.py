"""The readout record: plain dataclasses passed from extraction to mapping.

`kg.model.record_json.record_to_json(record)` is the contract `kg extract FILE --format json` prints
(`../shared/eval/GUIDE.md`): the six scored fields plus `document`, and per fact the
evidence spans it was read from (extra fields are allowed by the guide).
`kg.model.record_json.record_from_json()` reads a curated record back (a JSON readout can be loaded as is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORUM_KINDS = (
    "working-group", "dialogue", "forum", "roundtable", "summit", "conference", "ministerial",
    "task-force", "partnership", "alliance", "platform", "initiative", "organization", "other",
)
TOPICS = (
    "energy-transition", "methane-non-co2", "forests-nature", "circular-economy", "subnational",
    "ndc-targets", "finance", "carbon-markets", "adaptation-resilience", "technology-industry",
    "multilateral-process",
)
COMMITMENT_STATUSES = ("new", "reaffirmed")


@dataclass(frozen=True)
class Span:
    """Where a fact was read: character offsets into `Document.text` and the exact text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass
class DocumentInfo:
    """What the readout says about itself."""

    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    publisher: str | None = None
    language: str = "en"


@dataclass
class Actor:
    code: str  # ISO 3166-1 alpha-2, or "EU"
    name: str
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Person:
    name: str
    actor: str | None = None  # a code, or an organisation's name as written
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Forum:
    name: str
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None  # name of the forum this one is a sub-forum of
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Presidency:
    of: str  # the forum's normalised name: COP29, G20...
    actor: str
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Meeting:
    forum: str | None = None
    start: str | None = None  # YYYY-MM-DD, or YYYY-MM when only the month is known
    end: str | None = None
    place: str | None = None
    host: str | None = None
    participants: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # names of people attending
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Commitment:
    actors: list[str]
    text: str
    topics: list[str] = field(default_factory=list)
    target_year: int | None = None
    status: str = "new"  # "new" or "reaffirmed"
    meeting: int | None = None  # index into Record.meetings of the meeting it was made at
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Record:
    """All that one readout says, with where it says it."""

    document: DocumentInfo
    text: str = ""  # the normalised text every Span points into
    source: str | None = None  # where the text came from (a path, "-" for stdin)
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    presidencies: list[Presidency] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    # Set by identity resolution (kg.rdf.identity), not read from a file: the names this
    # readout wrote for people and forums that it now names as the store does, canonical
    # name -> the name as written. The mapping keeps the written form as an alias and a
    # redirect from its IRI.
    renamed_people: dict[str, str] = field(default_factory=dict)
    renamed_forums: dict[str, str] = field(default_factory=dict)
    # (person's name, title as written) -> the title of the stored post it is the same office as
    post_titles: dict[tuple[str, str], str] = field(default_factory=dict)
    # a meeting dated only to the month (its index) -> the day of the one meeting of the same
    # forum (or participants) that readouts date within that month: it is that meeting
    meeting_days: dict[int, str] = field(default_factory=dict)
