"""One node for a meeting that one readout dates to the month and another to the day.

"The Harbour Dialogue met in May 2031" and "the Harbour Dialogue met on 14 May 2031" are one
meeting when nothing else says otherwise. A meeting's node is keyed by its forum (or, without
one, its participants) and its date (`meeting/<group>/<date>`); a month-only mention of a group
is keyed by the day when exactly one meeting of that group is dated to a day of that month,
in any readout; with none, or with two or more (the month could be either), it keeps its month
node. That is a function of the set of readouts, not of their order: a day that arrives after
the month mention moves the stored mention to it (and a second day moves it back), as a fuller
name moves a person (kg/rdf/rekey.py `rekey_month_mention`).

A COP's session is settled by the reference data (kg/rdf/sessions.py), not here; a meeting with
neither forum nor participants is its readout's own (`meeting/readout-R/n`) and never shares a
key, so neither takes part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model.namespaces import ID
from kg.model.record import Record
from kg.rdf.sessions import readout_meeting_node

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_MEETING = str(ID) + "meeting/"

GroupMonth = tuple[str, str]  # ("harbour-dialogue", "2031-05")


def group_and_date(iri: str) -> tuple[str, str] | None:
    """'…/meeting/harbour-dialogue/2031-05-14' → ('harbour-dialogue', '2031-05-14'); None for a
    readout's own meeting, an event at a COP session (…/cop29/<day>/<codes>) or another IRI."""
    if not iri.startswith(_MEETING):
        return None
    group, _, date = iri[len(_MEETING):].rpartition("/")
    if not group or "/" in group or group.startswith("readout-"):
        return None
    return (group, date) if _DAY.match(date) or _MONTH.match(date) else None


def meeting_at(group: str, date: str) -> str:
    return f"{_MEETING}{group}/{date}"


def _own_node(record: Record, readout_id: str, index: int) -> tuple[str, str] | None:
    """(group, date) of the record's `index`-th meeting, unless the reference data settles it
    (a COP session or an event at one) or it is the readout's own (no forum, no participants)."""
    node = readout_meeting_node(record.meetings[index], readout_id, index)
    if node.session_of is not None or node.part_of is not None:
        return None
    return group_and_date(str(node.iri))


@dataclass
class MeetingIndex:
    """What the store holds of meetings a month-only mention could be: for each group and month,
    the days meetings of the group are dated to, and whether a readout names it by the month."""

    days: dict[GroupMonth, set[str]] = field(default_factory=dict)
    by_month: set[GroupMonth] = field(default_factory=set)

    @classmethod
    def of_mentions(cls, mentions: list[tuple[str, str | None]]) -> MeetingIndex:
        """From (meeting IRI, month it is written with in one readout, or None when that readout
        dates it to the day), as `kg.query.people.known_meeting_mentions` reads them."""
        index = cls()
        for iri, month in mentions:
            index._take(iri, month)
        return index

    def _take(self, iri: str, month: str | None) -> None:
        found = group_and_date(iri)
        if found is None:
            return
        group, date = found
        if month is not None or _MONTH.match(date):
            self.by_month.add((group, month or date))
        else:
            self.days.setdefault((group, date[:7]), set()).add(date)

    def target(self, group: str, month: str, days: set[str] | None = None) -> str:
        """The node a month-only mention of `group` in `month` is: the one day's, else the month's."""
        found = self.days.get((group, month), set()) if days is None else days
        return meeting_at(group, next(iter(found))) if len(found) == 1 else meeting_at(group, month)

    def resolve(self, record: Record, readout_id: str, renamed: dict[str, str] | None = None
                ) -> tuple[dict[int, str], list[tuple[str, str]]]:
        """The day each month-only meeting of `record` is (meeting index → YYYY-MM-DD), and the
        stored month mentions to move, (old node, new node), now that `record` is stored too.
        `renamed`: groups the same load re-keys first (a forum's old slug → its new one)."""
        own_days: dict[GroupMonth, set[str]] = {}
        own_months: dict[GroupMonth, list[int]] = {}
        for index in range(len(record.meetings)):
            found = _own_node(record, readout_id, index)
            if found is None:
                continue
            group, date = found
            if _MONTH.match(date):
                own_months.setdefault((group, date), []).append(index)
            else:
                own_days.setdefault((group, date[:7]), set()).add(date)
        formerly = {new: [old for old, n in (renamed or {}).items() if n == new] for new in (renamed or {}).values()}
        days_of: dict[int, str] = {}
        moves: list[tuple[str, str]] = []
        for key in sorted(set(own_days) | set(own_months)):
            group, month = key
            keys = [key, *((old, month) for old in formerly.get(group, []))]
            before = set().union(*(self.days.get(k, set()) for k in keys))
            after = before | own_days.get(key, set())
            stored_by_month = any(k in self.by_month for k in keys)
            if stored_by_month and self.target(group, month, before) != self.target(group, month, after):
                moves.append((self.target(group, month, before), self.target(group, month, after)))
            if len(after) == 1:
                day = next(iter(after))
                days_of.update({i: day for i in own_months.get(key, [])})
        return days_of, moves

    def add(self, record: Record, readout_id: str) -> None:
        """Take in the meetings of a readout just stored (its month mentions by their month)."""
        for index in range(len(record.meetings)):
            found = _own_node(record, readout_id, index)
            if found is not None:
                self._take(meeting_at(*found), found[1] if _MONTH.match(found[1]) else None)

    def rename_group(self, old: str, new: str) -> None:
        """A forum re-keyed (`old` slug → `new`): its meetings' IRIs moved with it."""
        for key in [k for k in self.days if k[0] == old]:
            self.days.setdefault((new, key[1]), set()).update(self.days.pop(key))
        for key in [k for k in self.by_month if k[0] == old]:
            self.by_month.discard(key)
            self.by_month.add((new, key[1]))


__all__ = ["MeetingIndex", "group_and_date", "meeting_at"]
