"""Extraction: `Document` → `Record`, rule- and gazetteer-based (no network, no model).

The pipeline runs one module per kind of fact over a shared `Context` (the text, its
sentences, the actor mentions, the publication date), in an order where later stages may
use earlier results (meetings need forums and actors; commitments need meetings).
"""

from __future__ import annotations

from kg.extract.context import Context
from kg.model.record import Record
from kg.read.document import Document

__all__ = ["Context", "extract"]


def extract(doc: Document) -> Record:
    """Read every fact of GUIDE.md out of one document, each with its evidence span."""
    from kg.extract import actors, commitments, forums, meetings, metadata, people, presidencies
    from kg.read.language import detect_language

    if detect_language(doc.text) == "zh":  # the text decides: Chinese sites serve English pages too
        from kg.extract.zh import extract_zh

        return extract_zh(doc)
    ctx = Context.build(doc)
    info = metadata.extract_document_info(ctx)
    ctx.published = info.published
    record = Record(document=info, text=doc.text, source=doc.source)
    record.actors = actors.extract_actors(ctx)
    record.people = people.extract_people(ctx)
    record.forums = forums.extract_forums(ctx)
    record.presidencies = presidencies.extract_presidencies(ctx, record.forums, record.people)
    record.meetings = meetings.extract_meetings(ctx, record)
    record.commitments = commitments.extract_commitments(ctx, record)
    return record
