"""Run the extraction stages on a short text of one's own, for the event-extractor tests."""

from __future__ import annotations

from kg.extract import actors, commitments, forums, meetings, people, presidencies
from kg.extract.context import Context
from kg.model.record import DocumentInfo, Record
from kg.read.document import Document


def read(text: str, published: str | None = None) -> tuple[Context, Record]:
    """The real stages, in pipeline order, with the publication date given (not read)."""
    ctx = Context.build(Document(text=text, source="test.txt"))
    ctx.published = published
    record = Record(document=DocumentInfo(published=published), text=text, source="test.txt")
    record.actors = actors.extract_actors(ctx)
    record.people = people.extract_people(ctx)
    record.forums = forums.extract_forums(ctx)
    record.presidencies = presidencies.extract_presidencies(ctx, record.forums, record.people)
    record.meetings = meetings.extract_meetings(ctx, record)
    record.commitments = commitments.extract_commitments(ctx, record)
    return ctx, record


def spans_are_exact(text: str, record: Record) -> bool:
    facts = [*record.forums, *record.presidencies, *record.meetings, *record.commitments]
    return all(text[s.start:s.end] == s.text for fact in facts for s in fact.evidence)
