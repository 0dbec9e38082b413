"""JSON in and out for `Record`, with a schema check whose errors name the field.

Kept apart from `kg.model.record` so the dataclasses stay plain values.
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import RecordError
from kg.model.record import (
    COMMITMENT_STATUSES,
    FORUM_KINDS,
    TOPICS,
    Actor,
    Commitment,
    DocumentInfo,
    Forum,
    Meeting,
    Person,
    Presidency,
    Record,
    Span,
)

_DATE = re.compile(r"^\d{4}-\d\d(-\d\d)?$")
_CODE = re.compile(r"^(?:[A-Z]{2}|EU)$")


def _spans(spans: list[Span]) -> list[dict[str, Any]]:
    return [s.to_json() for s in spans]


def record_to_json(record: Record, *, with_text: bool = False) -> dict[str, Any]:
    doc = record.document
    out: dict[str, Any] = {
        "document": {
            "title": doc.title,
            "published": doc.published,
            "publisher": doc.publisher,
            "language": doc.language,
        },
        "actors": [{"code": a.code, "name": a.name, "evidence": _spans(a.evidence)} for a in record.actors],
        "people": [
            {"name": p.name, "actor": p.actor, "role": p.role, "aliases": list(p.aliases),
             "evidence": _spans(p.evidence)}
            for p in record.people
        ],
        "forums": [
            {"name": f.name, "kind": f.kind, "aliases": list(f.aliases), "parent": f.parent,
             "evidence": _spans(f.evidence)}
            for f in record.forums
        ],
        "presidencies": [{"of": p.of, "actor": p.actor, "evidence": _spans(p.evidence)}
                         for p in record.presidencies],
        "meetings": [
            {"forum": m.forum, "start": m.start, "end": m.end, "place": m.place, "host": m.host,
             "participants": list(m.participants), "people": list(m.people), "evidence": _spans(m.evidence)}
            for m in record.meetings
        ],
        "commitments": [
            {"actors": list(c.actors), "text": c.text, "topics": list(c.topics),
             "target_year": c.target_year, "status": c.status, "meeting": c.meeting,
             "evidence": _spans(c.evidence)}
            for c in record.commitments
        ],
    }
    if record.source is not None:
        out["source"] = record.source
    if with_text:
        out["text"] = record.text
    return out


class _Reader:
    """Reads one JSON value with type checks; every error names the JSON path of the field."""

    def __init__(self, source: str | None) -> None:
        self.source = source or "<record>"
        self.body: str | None = None  # the record's text, once read: evidence spans must point into it

    def fail(self, path: str, problem: str) -> RecordError:
        return RecordError(f"{self.source}: field {path}: {problem}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, got {type(value).__name__}")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {type(value).__name__}")
        return value

    def text(self, value: Any, path: str, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                raise self.fail(path, "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(path, f"expected a string, got {type(value).__name__}")
        if required and not value.strip():
            raise self.fail(path, "must not be empty")
        return value

    def required_text(self, value: Any, path: str) -> str:
        out = self.text(value, path, required=True)
        assert out is not None
        return out

    def code(self, value: Any, path: str) -> str:
        code = self.required_text(value, path)
        if not _CODE.match(code):
            raise self.fail(path, f"{code!r} is not an ISO 3166-1 alpha-2 code or EU")
        return code

    def date(self, value: Any, path: str) -> str | None:
        text = self.text(value, path)
        if text is not None and not _DATE.match(text):
            raise self.fail(path, f"{text!r} is not a date YYYY-MM-DD (or YYYY-MM)")
        return text

    def spans(self, value: Any, path: str) -> list[Span]:
        out = []
        for i, item in enumerate(self.lst(value, path)):
            item = self.obj(item, f"{path}[{i}]")
            start, end = item.get("start"), item.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) \
                    or isinstance(end, bool) or start < 0 or end < start:
                raise self.fail(f"{path}[{i}]", "start and end must be integers with 0 <= start <= end")
            span = Span(start, end, self.required_text(item.get("text"), f"{path}[{i}].text"))
            if self.body and self.body[start:end] != span.text:
                found = self.body[start:end]
                raise self.fail(f"{path}[{i}]", f"the text at {start}-{end} is {found[:40]!r}, not {span.text[:40]!r}")
            out.append(span)
        return out


def record_from_json(data: Any, *, source: str | None = None) -> Record:
    r = _Reader(source)
    data = r.obj(data, "$")
    doc = r.obj(data.get("document") or {}, "document")
    published = r.date(doc.get("published"), "document.published")
    document = DocumentInfo(
        title=r.text(doc.get("title"), "document.title"),
        published=published,
        publisher=r.text(doc.get("publisher"), "document.publisher"),
        language=r.text(doc.get("language"), "document.language") or "en",
    )
    text = r.text(data.get("text"), "text") or ""
    r.body = text
    record = Record(document=document, text=text, source=source or r.text(data.get("source"), "source"))
    for i, a in enumerate(r.lst(data.get("actors"), "actors")):
        p = f"actors[{i}]"
        a = r.obj(a, p)
        code = r.code(a.get("code"), f"{p}.code")
        record.actors.append(Actor(code, r.text(a.get("name"), f"{p}.name") or code,
                                   r.spans(a.get("evidence"), f"{p}.evidence")))
    for i, x in enumerate(r.lst(data.get("people"), "people")):
        p = f"people[{i}]"
        x = r.obj(x, p)
        record.people.append(Person(
            name=r.required_text(x.get("name"), f"{p}.name"),
            actor=r.text(x.get("actor"), f"{p}.actor"),
            role=r.text(x.get("role"), f"{p}.role"),
            aliases=[r.required_text(v, f"{p}.aliases[{j}]") for j, v in enumerate(r.lst(x.get("aliases"), f"{p}.aliases"))],
            evidence=r.spans(x.get("evidence"), f"{p}.evidence"),
        ))
    for i, x in enumerate(r.lst(data.get("forums"), "forums")):
        p = f"forums[{i}]"
        x = r.obj(x, p)
        kind = r.text(x.get("kind"), f"{p}.kind") or "other"
        if kind not in FORUM_KINDS:
            raise r.fail(f"{p}.kind", f"{kind!r} is not one of {', '.join(FORUM_KINDS)}")
        record.forums.append(Forum(
            name=r.required_text(x.get("name"), f"{p}.name"),
            kind=kind,
            aliases=[r.required_text(v, f"{p}.aliases[{j}]") for j, v in enumerate(r.lst(x.get("aliases"), f"{p}.aliases"))],
            parent=r.text(x.get("parent"), f"{p}.parent"),
            evidence=r.spans(x.get("evidence"), f"{p}.evidence"),
        ))
    for i, x in enumerate(r.lst(data.get("presidencies"), "presidencies")):
        p = f"presidencies[{i}]"
        x = r.obj(x, p)
        record.presidencies.append(Presidency(
            of=r.required_text(x.get("of"), f"{p}.of"),
            actor=r.code(x.get("actor"), f"{p}.actor"),
            evidence=r.spans(x.get("evidence"), f"{p}.evidence"),
        ))
    for i, x in enumerate(r.lst(data.get("meetings"), "meetings")):
        p = f"meetings[{i}]"
        x = r.obj(x, p)
        host = x.get("host")
        record.meetings.append(Meeting(
            forum=r.text(x.get("forum"), f"{p}.forum"),
            start=r.date(x.get("start"), f"{p}.start"),
            end=r.date(x.get("end"), f"{p}.end"),
            place=r.text(x.get("place"), f"{p}.place"),
            host=None if host is None else r.code(host, f"{p}.host"),
            participants=[r.code(c, f"{p}.participants[{j}]")
                          for j, c in enumerate(r.lst(x.get("participants"), f"{p}.participants"))],
            people=[r.required_text(v, f"{p}.people[{j}]") for j, v in enumerate(r.lst(x.get("people"), f"{p}.people"))],
            evidence=r.spans(x.get("evidence"), f"{p}.evidence"),
        ))
    for i, x in enumerate(r.lst(data.get("commitments"), "commitments")):
        p = f"commitments[{i}]"
        x = r.obj(x, p)
        topics = [r.required_text(t, f"{p}.topics[{j}]") for j, t in enumerate(r.lst(x.get("topics"), f"{p}.topics"))]
        for j, t in enumerate(topics):
            if t not in TOPICS:
                raise r.fail(f"{p}.topics[{j}]", f"{t!r} is not one of {', '.join(TOPICS)}")
        year = x.get("target_year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise r.fail(f"{p}.target_year", f"expected an integer year, got {type(year).__name__}")
        status = r.text(x.get("status"), f"{p}.status") or "new"
        if status not in COMMITMENT_STATUSES:
            raise r.fail(f"{p}.status", f"{status!r} is not one of {', '.join(COMMITMENT_STATUSES)}")
        meeting = x.get("meeting")
        if meeting is not None and (not isinstance(meeting, int) or isinstance(meeting, bool)):
            raise r.fail(f"{p}.meeting", "expected the index of a meeting in this record")
        record.commitments.append(Commitment(
            actors=[r.code(c, f"{p}.actors[{j}]") for j, c in enumerate(r.lst(x.get("actors"), f"{p}.actors"))],
            text=r.required_text(x.get("text"), f"{p}.text"),
            topics=topics,
            target_year=year,
            status=status,
            meeting=meeting,
            evidence=r.spans(x.get("evidence"), f"{p}.evidence"),
        ))
    return record
