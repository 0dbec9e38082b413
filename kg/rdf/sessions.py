"""Which meeting node a readout's meeting is: a COP session, an event at one, or a meeting of its own.

A COP is a forum (COP29) and its session one meeting, whose dates and place the reference
data gives (Baku, 2024-11-11 to 2024-11-22). Readouts date it as they please: "COP29" alone,
"November 2024", "11 November", "from 11 to 22 November". Each of these is the session when
the dates fit it, so every readout names the one node the reference graph describes. A
meeting at the COP on another day (a ministerial on 15 November, a bilateral on the
margins) is an event of its own, part of the session (`kg:partOf`). A meeting of the COP's
forum outside the session's dates (a preparatory meeting months before) is neither.

A meeting with neither forum nor participants says too little to be the same as another
readout's: its node is this readout's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.model import reference
from kg.model.namespaces import ID, cop_number, forum_iri, meeting_iri
from kg.model.record import Meeting
from kg.rdf.not_forums import not_a_forum


@dataclass(frozen=True)
class MeetingNode:
    iri: URIRef
    session_of: reference.CopRef | None = None  # the COP whose session this meeting is
    part_of: URIRef | None = None  # the session this meeting took place at


@cache
def _cops_by_number() -> dict[int, reference.CopRef]:
    return {cop.number: cop for cop in reference.cops()}


def cop_session(name: str | None) -> reference.CopRef | None:
    """The reference session of a COP forum name ("COP29", "COP 29"), or None."""
    n = cop_number(name) if name else None
    return _cops_by_number().get(n) if n is not None else None


def session_iri(cop: reference.CopRef) -> URIRef:
    """The session node the reference graph describes."""
    return meeting_iri(cop.name, [], cop.start)


def _is_session(meeting: Meeting, cop: reference.CopRef) -> bool:
    start, end = meeting.start, meeting.end
    if not start:
        return True  # "at COP29", undated
    if len(start) == 7:  # a month: the session's if it overlaps the session's months
        return cop.start[:7] <= start <= cop.end[:7]
    if start == cop.start:
        return True
    # dated as the whole session ("11-22 November"), or ending when it ends
    return bool(end) and cop.start <= start <= cop.end and end is not None and end[:10] >= cop.end


def _within(meeting: Meeting, cop: reference.CopRef) -> bool:
    return bool(meeting.start) and len(meeting.start or "") == 10 and cop.start <= (meeting.start or "") <= cop.end


def meeting_node(meeting: Meeting, readout_id: str, index: int) -> MeetingNode:
    """The node of the `index`-th meeting of readout `readout_id`."""
    cop = cop_session(meeting.forum)
    if cop is not None:
        if _is_session(meeting, cop):
            return MeetingNode(session_iri(cop), session_of=cop)
        if _within(meeting, cop):
            who = "-".join(sorted({p.upper() for p in meeting.participants}))
            tail = f"/{who}" if who else ""
            return MeetingNode(ID[f"meeting/cop{cop.number}/{meeting.start}{tail}"], part_of=session_iri(cop))
    if not meeting.forum and not meeting.participants:
        return MeetingNode(ID[f"meeting/readout-{readout_id}/{index + 1}"])
    return MeetingNode(meeting_iri(meeting.forum, meeting.participants, meeting.start))


def readout_meeting_node(meeting: Meeting, readout_id: str, index: int) -> MeetingNode:
    """`meeting_node` of a readout's meeting as the mapping names it: a "forum" that is a
    company's or one state's agency's name (kg/rdf/not_forums.py) is no forum of the meeting."""
    if meeting.forum and not_a_forum(meeting.forum):
        meeting = Meeting(start=meeting.start, participants=meeting.participants)
    return meeting_node(meeting, readout_id, index)


def presidency_year(of: str, record_meetings: list[Meeting], published: str | None) -> int | None:
    """The year a presidency of a forum other than a COP is read for: a dated meeting of that
    forum in the readout, else the readout's date ("Italy's G7 presidency" in 2017 and 2024
    are two). A COP's presidency is that session's, whatever the year."""
    if cop_number(of) is not None:
        return None
    for meeting in record_meetings:
        if meeting.forum and meeting.start and forum_iri(meeting.forum) == forum_iri(of):
            return int(meeting.start[:4])
    return int(published[:4]) if published and published[:4].isdigit() else None


def presidency_iri_at(of: str, actor: str, year: int | None) -> URIRef:
    """id:presidency/<forum>/<actor>[/<year>]: one node per term."""
    forum = forum_iri(of).rsplit("/", 1)[1]
    return ID[f"presidency/{forum}/{actor.upper()}" + (f"/{year}" if year is not None else "")]


__all__ = ["MeetingNode", "cop_session", "meeting_node", "readout_meeting_node", "presidency_iri_at", "presidency_year", "session_iri"]
