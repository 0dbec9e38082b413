"""Meetings: each meeting, call, visit, session or event the text reports as held or scheduled.

A meeting is read where a sentence speaks of meeting (a meeting verb or noun, or a forum of
a meeting kind) and gives a date (an explicit date, a range, "today", "On Monday"). The date
goes to the meeting-kind forum nearest to it, and to forums joined to that one by "and"
("the X Forum and the Y Roundtable, convened on September 6"); a date with no forum is a
meeting with no named forum when a meeting verb says so. Place is the city named, host the
state that hosted or convened it, else the city's country; participants are the states the
sentence names, the parties in the forum's name and the states of the people attending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Context
from kg.extract.dates import DateMention, find_dates
from kg.extract.forum_list import ForumList
from kg.extract.gazetteer import find_actor_mentions
from kg.extract.meeting_clues import another_time, in_title, is_dateline, sentence_units
from kg.extract.meeting_where import meeting_host, meeting_place, people_in, people_index
from kg.model.record import Meeting, Person, Record, Span
from kg.model.reference import cops

MEETING_KINDS = {"working-group", "dialogue", "forum", "roundtable", "summit", "conference", "ministerial",
                 "task-force", "organization"}
_MEETING_CUE = re.compile(
    r"\b(?:met|meets?|meeting|meetings|held|hold|holds|hosted|hosts?|convened?|convenes|participat\w*|attend\w*|"
    r"received|receives|"
    r"visit\w*|call|called|spoke|talks|session|sessions|gather\w*|took place|take place|takes place|concluded|"
    r"travel\w*|trip|dispatch\w*|mission|sign(?:s|ed|ing)?|exchang\w+\s+(?:of\s+)?letters|"
    r"kick off|kicks off|co-chair\w*|(?-i:chair|chairs|chaired)|roundtables?|event|summit|dialogue|conference|"
    r"at the (?:White House|Elysee|Élysée|Kremlin|Kantei|Great Hall of the People))\b", re.I)
_MEETING_VERB = re.compile(
    r"\b(?:met|meets?|meeting|held|hold|hosted|convened?|participat\w*|attend\w*|visit\w*|call|spoke|talks|received|"
    r"travel\w*|trip|dispatch\w*|sign(?:s|ed|ing)?|exchang\w+\s+(?:of\s+)?letters|"
    r"join(?:s|ed)?\s+(?:the\s+)?(?:[\w-]+\s+){0,4}(?:session|meeting|call|talks|summit|dialogue|event)|"
    r"gather\w*|took place|take place|concluded|kick off|co-chair\w*|(?-i:chair|chaired)|roundtables?|event|"
    r"at the (?:White House|Elysee|Élysée|Kremlin|Kantei|Great Hall of the People))\b", re.I)
# Seats of government that readouts name as the place of a meeting, with their state.
# A verb of holding or attending right before a forum's name: "will chair the X Dialogue".
_HOLDS = re.compile(r"\b(?:chair\w*|co-chair\w*|hold|holds|held|host\w*|convene\w*|attend\w*|participate\s+in|"
                    r"take\s+part\s+in|open\w*|launch\w*)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.I)
# The same, for a forum of any kind: a session of it is held, chaired or attended ("launched" is not a session).
_HOLDS_SESSION = re.compile(r"\b(?:chair\w*|co-chair\w*|hold|holds|held|host\w*|convene\w*|attend\w*|"
                            r"participate\s+in|take\s+part\s+in|concluded)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$",
                            re.I)
_SAME_DAY = re.compile(r"\b(?:Earlier|Later) (?:in|on) the day\b|\b(?:on|during) the same day\b|\bon this occasion\b|"
                       r"^\W*(?:Earlier|Later|In the afternoon|In the morning|In the evening|Then|Afterwards|Subsequently|Thereafter|"
                       r"After that|After the meeting|Following the meeting),", re.I)
# "The high-level segment will take place on 29 and 30 October": a session of the main meeting.
_SEGMENT = re.compile(r"\bthe\s+(?:high-level|ministerial|closing|opening|leaders'?)\s+(?:segment|session|plenary)\b", re.I)
_BESIDE_MAIN = re.compile(r"\b(?:in|on)\s+the\s+(?:side\s?-?lines|margins)\s+of\s+the\s+main\s+"
                          r"(?:proceedings|meeting|session|event)s?\b", re.I)
_UNNAMED_SESSION = re.compile(r"\b(?:co-chair\w*|chair(?:s|ed)?|held|hold|host\w*|convened?)\s+(?:an?|the)\s+"
                              r"(?:[\w-]+\s+){0,4}(?:roundtable|meeting|session|event)\b")
_FOLLOWING = re.compile(r"\b(?:immediately\s+)?(?:following|after)\s*(?:the\s+meeting|it)?\s+with\b|"
                        r"\bimmediately\s+following\b", re.I)
_JOINED_BY = re.compile(r"\b(?:was|were)\s+joined\s+(?:[\w-]+\s+){0,5}?by\b|"
                        r"\b(?:attended|took\s+part|participated)\s*(?:[,;]|\.\s*$|$|along\s+with|as\s+well)|\bparticipated\s+in\s+the\s+(?:\w+\s+)?meeting\b|"
                        r"\btook\s+part\s+in\s+the\s+(?:\w+\s+)?meeting\b", re.I)
# "The meeting took place on the margins of the X": an earlier unnamed meeting was held at X.
_MARGINS_OF = re.compile(r"\b(?:the|this)\s+(?:meeting|call|talks|session|discussion|exchange)\s+(?:took\s+place|was\s+held|"
                         r"were\s+held|came)\s+(?:on|in|at)\s+the\s+(?:margins|sidelines|side-lines|side\s+lines)\s+of\s+"
                         r"(?:the\s+)?$", re.I)
# "Ministers met in Luxembourg for the Environment Council": a meeting verb governing the forum, no date.
_MET_FOR = re.compile(r"\b(?:met|gathered|convened)\s+(?:in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+)?(?:for|at)\s+"
                      r"(?:the\s+)?$")
# "The ministers opened the first X Dialogue": a session verb governing the forum, no date of its own.
_OPENED = re.compile(r"\b(?:opened|inaugurated|launched|held|co-chaired|chaired)\s+(?:the\s+)?(?:\w+\s+)?$")
# "met ... to review cooperation under the X Fund": a meeting about a named mechanism is held under it (DECISIONS 003).
_DURING_MEETING = re.compile(r"^\W*(?:During|At|In)\s+the\s+(?:meeting|talks|call|visit)\b", re.I)
_REVIEW_UNDER = re.compile(r"\b(?:review\w*|tak\w+\s+stock\s+of|assess\w*)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
                           r"(?:under|of)\s+(?:the\s+)?$", re.I)
_HOSTED_BY = re.compile(r"\b(?:hosted|convened|organi[sz]ed)\s+by\s+(?:the\s+)?$")
_JOINED = re.compile(r"^[\s,)]*(?:and|&|as well as)?\s*(?:the\s+)?(?:\w+(?:st|nd|rd|th)\s+|second\s+|third\s+|"
                     r"dedicated\s+|first\s+)*$", re.I)


@dataclass
class _Draft:
    meeting: Meeting
    width: int  # days the date spans: narrower readings of one meeting win
    sentence_start: int
    paragraph: int
    names: set[str] = field(default_factory=set)
    date: DateMention | None = None
    beside: bool = False  # a meeting held on the margins of its forum, not a session of it


def _forum_kinds(record: Record) -> dict[str, str]:
    return {f.name: f.kind for f in record.forums}


def _width(d: DateMention) -> int:
    if not d.is_full:
        return 10_000
    return (int(d.finish.replace("-", "")) - int(d.begin.replace("-", ""))) if len(d.finish) == 10 else 10_000


def _add_participants(ctx: Context, draft: _Draft, start: int, end: int,
                      people: list[tuple[re.Pattern[str], Person]]) -> None:
    """States named (or represented by people named) in a sentence join a meeting already read."""
    codes = draft.meeting.participants
    for a in ctx.actor_mentions:
        if start <= a.start and a.end <= end and a.code not in codes:
            codes.append(a.code)
    for p in people_in(people, ctx.text[start:end]):
        if p.actor and re.fullmatch(r"[A-Z]{2}", p.actor) and p.actor not in codes:
            codes.append(p.actor)
    span = Span(start, end, ctx.text[start:end])
    if span not in draft.meeting.evidence:
        draft.meeting.evidence.append(span)


def _forum_choice(mentions: list[tuple[int, int, str]], kinds: dict[str, str], d: DateMention,
                  dates: list[DateMention], text: str) -> list[tuple[int, int, str]]:
    """The meeting-kind forums a date belongs to: the nearest one (a forum named as the
    "event"/"session" held, first), and those joined to it by "and"."""
    usable = [m for m in mentions if kinds.get(m[2]) in MEETING_KINDS
              or re.match(r"\s*(?:\)\s*)?(?:event|meeting|session)", text[m[1]:m[1] + 12])
              or re.search(r"\b(?:meeting|session|round|plenary)\s+of\s+(?:the\s+)?[\"“‘']?$",
                           text[max(0, m[0] - 30):m[0]], re.I)
              # "co-chaired the second High-Level Dialogue of the X Partnership": any forum a holding verb governs
              or _HOLDS_SESSION.search(text[max(0, m[0] - 60):m[0]])
              # a body meets: "the Board of the Fund ... opened its third meeting"
              or re.match(r"(?:Board|Steering Committee|Executive Committee|Governing Council)\b", m[2])
              # "The steering committee of the X met": a body of the forum meets as the forum
              or re.search(r"\b(?:steering\s+committee|committee|board|council|plenary|secretariat)\s+of\s+(?:the\s+)?$",
                           text[max(0, m[0] - 30):m[0]], re.I)]
    venues = {m[2] for m in mentions if _VENUE_OF.search(text[max(0, m[0] - 40):m[0]]) and abs(m[0] - d.start) < 400}
    usable = [m for m in usable if not _CO_ORGANISER.search(text[max(0, m[0] - 40):m[0]]) and m[2] not in venues]
    # "the third X Initiative (MGI) Summit": the summit is held, not the initiative named inside it
    usable = [m for m in usable if not any(o[2] != m[2] and o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0]
                                           for o in usable)]
    usable = [m for m in usable if not in_title(text, m[0], m[1], max(0, d.start - 400))
              and not _inside_cop_name(m, mentions, kinds, text) and _fits_reference(m[2], d)]
    if not usable:
        return []

    def distance(m: tuple[int, int, str], date: DateMention) -> int:
        return min(abs(m[0] - date.end), abs(date.start - m[1]))

    # A forum belongs to the date nearest to it.
    mine = [m for m in usable if min((x for x in dates if _fits_reference(m[2], x)), key=lambda x: distance(m, x)) is d]
    if not mine:
        return []
    events = [m for m in mine if re.match(r"\s*(?:\([^)]*\)\s*)?(?:event|meeting|session)\b", text[m[1]:m[1] + 20])]
    best = events[0] if events else min(mine, key=lambda m: distance(m, d))
    chosen = [best]
    ordered = sorted(mine)
    i = ordered.index(best)
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            if a[2] != b[2] and not _JOINED.match(text[a[1]:b[0]]):
                break  # (two mentions of one forum, a name and its acronym, are one step)
            chosen.append(ordered[j + step])
            j += step
    return sorted(set(chosen))


def _inside_cop_name(m: tuple[int, int, str], mentions: list[tuple[int, int, str]], kinds: dict[str, str],
                     text: str) -> bool:
    """"COP29 to the United Nations Framework Convention on Climate Change (UNFCCC)": the
    convention (or its acronym in brackets) is part of the COP's name, not a meeting of its own."""
    if kinds.get(m[2]) != "organization":
        return False
    start = m[0]
    longer = [o for o in mentions if o[2] == m[2] and o[1] <= start and re.fullmatch(r"\s*\(\s*", text[o[1]:start])]
    if longer:
        start = longer[0][0]
    return re.search(r"(?:\bCOP\s?-?\d{1,2}\)?|Conference\s+of\s+the\s+Parties)\s+(?:to|of)\s+the\s+$",
                     text[max(0, start - 40):start]) is not None


def _fits_reference(forum: str, d: DateMention) -> bool:
    """A climate COP's dates are reference data: a day outside them ("today" in a text issued a
    month before) is not a session of that COP. A COP of another convention with the same
    number ("COP16" on biodiversity) is years away from the climate one, so only a date in
    the climate COP's own year is tested."""
    cop = re.fullmatch(r"COP(\d{1,3})", forum)
    if not cop or not d.is_full or len(d.begin) != 10:
        return True
    ref = next((c for c in cops() if c.number == int(cop.group(1))), None)
    if ref is None or not ref.start or not ref.end or abs(int(ref.start[:4]) - int(d.begin[:4])) > 0:
        return True
    return ref.start <= d.finish and d.begin <= ref.end


def extract_meetings(ctx: Context, record: Record) -> list[Meeting]:
    """Every dated meeting the text reports, one per forum and start date."""
    text = ctx.text
    kinds = _forum_kinds(record)
    mentions = list(ctx.notes.get("forum_mentions", []))  # type: ignore[call-overload]
    candidates = ctx.notes.get("forum_candidates")
    if isinstance(candidates, ForumList):  # forums off-topic by their words, forums if a meeting is held at them
        mentions = sorted(mentions + candidates.mention_index())
        kinds.update({f.name: f.kind for f in candidates.forums()})
    people = people_index(record.people)
    drafts: list[_Draft] = []
    last_dated: dict[int, DateMention] = {}
    for sentence in sentence_units(ctx):
        s, e = sentence.start, sentence.end
        if drafts and _JOINED_BY.search(sentence.text) and not find_dates(sentence.text, ctx.published):
            _add_participants(ctx, drafts[0], s, e, people)  # "The President was joined by Leaders from ..."
            continue
        if not _MEETING_CUE.search(sentence.text):
            continue
        in_sentence = [m for m in mentions if m[0] < e and s < m[1]]
        margin = next((m for m in in_sentence if _MARGINS_OF.search(text[max(s, m[0] - 90):m[0]])), None)
        unnamed = next((k for k in reversed(drafts) if k.meeting.forum is None), None)
        if margin is not None and unnamed is not None:
            unnamed.meeting.forum, unnamed.beside = margin[2], True  # "The meeting took place on the margins of X"
            unnamed.meeting.evidence.append(Span(s, e, text[s:e]))
        if _DURING_MEETING.search(sentence.text) and unnamed is not None and unnamed is drafts[-1] and \
                not find_dates(sentence.text, ctx.published):
            reviewed = [m for m in in_sentence if _REVIEW_UNDER.search(text[max(s, m[0] - 70):m[0]])]
            if reviewed:  # "During the meeting, both sides reviewed the progress of the X Partnership"
                unnamed.meeting.forum = reviewed[0][2]
                unnamed.meeting.evidence.append(Span(s, e, text[s:e]))
                continue
        met_for = next((m for m in in_sentence if kinds.get(m[2]) in MEETING_KINDS
                        and (_MET_FOR.search(text[max(s, m[0] - 60):m[0]])
                             or _OPENED.search(text[max(s, m[0] - 40):m[0]]))), None)
        if (met_for is not None and unnamed is not None and unnamed.date is not None and unnamed.date.kind == "relative"
                and not find_dates(sentence.text, ctx.published) and met_for[2] not in {k.meeting.forum for k in drafts}):
            # "The Council today approved ..." then "Ministers met in Luxembourg for the Environment Council":
            # the day's unnamed meeting is that forum's session.
            unnamed.meeting.forum = met_for[2]
            place = meeting_place(ctx, s, e, met_for[2], mentions)
            if place:
                unnamed.meeting.place = place[0]
            _add_participants(ctx, unnamed, s, e, people)
            continue
        dates = [d for d in find_dates(sentence.text, ctx.published, base=s, context=text)
                 if len(d.begin) >= 7 and not is_dateline(ctx, d, s)]
        # "today participated in the X, held on 20 and 21 October": the stated days date the meeting.
        dates = [d for d in dates if not (d.kind == "relative" and any(
            o is not d and o.kind not in ("relative", "countdown", "weekday") and o.is_full and len(o.begin) == 10
            and o.begin <= d.begin <= o.finish and o.begin != o.finish for o in dates))]
        in_sentence = [m for m in mentions if m[0] < e and s < m[1]]  # names may straddle a split
        made_here = False
        held_forum = [m for m in in_sentence if _HOLDS.search(text[max(s, m[0] - 60):m[0]])]
        beside_main = _BESIDE_MAIN.search(sentence.text)
        unnamed_session = sentence.paragraph in last_dated and _UNNAMED_SESSION.search(sentence.text)
        inherited = None
        if not dates and beside_main and drafts:
            inherited = drafts[0]  # "in the sidelines of the main proceedings": the main meeting's day and place
        elif not dates and (_SAME_DAY.search(sentence.text) or (sentence.paragraph in last_dated and held_forum)
                            or unnamed_session):
            inherited = next((k for k in drafts if k.paragraph == sentence.paragraph and k.date is not None
                              and k.date.kind != "countdown"), None) or (drafts[-1] if drafts else None)
            if (inherited is not None and not _SAME_DAY.search(sentence.text)
                    and another_time(sentence.text, inherited.meeting.evidence[0].text)):
                inherited = None  # "Today the ministers met in Oslo. Chile will attend COP30": not the same day
            if inherited is not None and _FOLLOWING.search(sentence.text) and not held_forum:
                _add_participants(ctx, inherited, s, e, people)  # "a session immediately following": the same meeting
                continue
        if inherited is not None and inherited.date is not None:
            dates = [DateMention(s, s, "", inherited.date.begin, inherited.date.finish, "inherited")]
        for d in dates:
            if drafts and d.is_full and re.search(r"\b(?:runs?|running|lasts?|continues?|continuing)\s+(?:until|through|till)\s+$",
                                                  text[max(s, d.start - 30):d.start]):
                last = drafts[-1].meeting  # "The meeting, which runs until July 11": the end of the meeting read before
                if last.start and last.start <= d.begin:
                    last.end = d.finish
                continue
            if d.kind != "inherited":
                forums = _forum_choice(in_sentence, kinds, d, dates, text)
                if not forums:  # "met today to review cooperation under the Amazon Fund"
                    forums = [m for m in in_sentence if _REVIEW_UNDER.search(text[max(s, m[0] - 70):m[0]])][:1]
                if not forums:
                    forums = _anaphoric_forum(sentence.text, s, kinds)
            elif beside_main:  # a sidelines meeting "to take stock of progress under the X Project"
                forums = [m for m in in_sentence if kinds.get(m[2]) not in ("initiative", "organization")][:1]
            else:
                forums = [m for m in held_forum if kinds.get(m[2]) in MEETING_KINDS][:1]
            main_forum = drafts[0].meeting.forum if drafts else None
            if not forums and _SEGMENT.search(sentence.text) and main_forum:
                forums = [(s, s, main_forum)]  # the main meeting's segment: its own days, not a new forum
                segment = True
            else:
                segment = False
            if not forums and not _MEETING_VERB.search(sentence.text):
                continue
            if not forums and (made_here or re.match(r"\s+[A-Z]", text[d.end:d.end + 2])):
                continue  # one undated-forum meeting per sentence; "the 25 March Joint Statement" names a text
            if not forums and not d.is_full:
                continue
            made_here = made_here or bool(forums)
            targets: list[str | None] = [m[2] for m in forums] or [None]
            for forum in targets:
                draft = _draft(ctx, record, sentence.start, sentence.end, sentence.paragraph, d, forum, people,
                               mentions)
                draft.beside = segment
                if segment:
                    draft.meeting.place = draft.meeting.place or drafts[0].meeting.place
                    draft.meeting.host = draft.meeting.host or drafts[0].meeting.host
                if inherited is not None and draft.meeting.place is None:
                    draft.meeting.place = inherited.meeting.place
                    draft.meeting.host = draft.meeting.host or inherited.meeting.host
                    if draft.meeting.host and draft.meeting.host not in draft.meeting.participants:
                        draft.meeting.participants.append(draft.meeting.host)
                drafts.append(draft)
            if d.is_full:
                last_dated[sentence.paragraph] = d
    _title_forum(ctx, drafts, kinds, mentions)
    _headline_session(ctx, drafts)
    meetings = _merge(drafts)
    _speaker_continues(ctx, meetings)
    _joint_voice(ctx, meetings)
    if isinstance(candidates, ForumList):
        # a summit of general remit that is only to be held in some month ("to host X in October") is
        # mentioned, not met at: it makes no climate forum (dev 036's Summit for Democracy)
        held = {m.forum for m in meetings if m.start and (len(m.start) == 10 or not ctx.published
                                                           or m.start < ctx.published[:7])}
        record.forums.extend(f for f in candidates.forums() if f.name in held)
    return meetings


# "jointly organised with IRENA", "supported by UNEP": a body that helps run a meeting is not its forum.
_CO_ORGANISER = re.compile(r"\b(?:organi[sz]ed|co-organi[sz]ed|supported|facilitated|funded|sponsored)\s+(?:jointly\s+)?"
                           r"(?:by|with)\s+(?:the\s+)?$", re.I)
# "closed today at the headquarters of UNEP": the body whose premises host a meeting is its venue, not its forum.
_VENUE_OF = re.compile(r"\b(?:headquarters|premises|seat|offices)\s+of\s+(?:the\s+)?$", re.I)
# "The previous meeting of the Committee took place ...": a forum the readout named in full, called by its head.
_ANAPHOR = re.compile(r"\b(?:meeting|session|round|sitting)\s+of\s+the\s+(?P<head>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
                      r"(?!\s+(?:of\s+|on\s+|for\s+)?[A-Z])")


def _anaphoric_forum(sentence: str, s: int, kinds: dict[str, str]) -> list[tuple[int, int, str]]:
    """The one forum of the readout whose name holds the head word a sentence calls it by."""
    m = _ANAPHOR.search(sentence)
    if not m:
        return []
    head = m.group("head")
    named = {f for f in kinds if f != head and head in f and re.search(rf"\b{re.escape(head)}\b", f)}
    return [(s + m.start("head"), s + m.end("head"), named.pop())] if len(named) == 1 else []


# "... Preparation for Hosting COP27", "... ahead of COP30": a title naming a later event, not the meeting.
_AHEAD_OF = re.compile(r"\b(?:for|ahead\s+of|towards|toward|before|hosting|host|preparing|preparations?)\s+(?:the\s+)?$", re.I)


_WE = re.compile(r"\b(?:we|our)\b", re.I)


def _joint_voice(ctx: Context, meetings: list[Meeting]) -> None:
    """"... at this first summit of our four nations, we pledge ...": in a joint statement's own
    voice, "we" are the states the statement names first ("cooperation between Australia, India, ...")."""
    for meeting in meetings:
        if meeting.participants or not meeting.evidence or not _WE.search(meeting.evidence[0].text):
            continue
        for sentence in ctx.sentences:
            if not _WE.search(sentence.text):
                continue
            named = [a.code for a in ctx.actor_mentions if sentence.start <= a.start < sentence.end
                     and a.form not in {"adjective", "possessive"}]
            if len(set(named)) >= 2:
                meeting.participants.extend(dict.fromkeys(named))
                break


_CONTINUES = re.compile(r"^\W*(?:He|She|They)\s+(?:also\s+)?[a-z]+ed\b")


def _speaker_continues(ctx: Context, meetings: list[Meeting]) -> None:
    """"The Prime Minister spoke to the Secretary-General today ..." then "He reiterated the UK's
    commitment ...": a call whose sentence names no state takes the state the next sentence's
    pronoun speaks for."""
    for meeting in meetings:
        if meeting.participants or meeting.forum or not meeting.evidence:
            continue
        end = meeting.evidence[0].end
        nxt = next((x for x in ctx.sentences if x.start >= end), None)
        if nxt is None or not _CONTINUES.match(nxt.text):
            continue
        owned = [a for a in ctx.actor_mentions if nxt.start <= a.start < nxt.end and a.form == "possessive"]
        if len({a.code for a in owned}) == 1:
            meeting.participants.append(owned[0].code)


_THE_SESSION = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,4}(?:session|meeting|call|talks|event)\b", re.I)


def _headline_session(ctx: Context, drafts: list[_Draft]) -> None:
    """"Meeting of Arctic Climate Ministers on 12 March 2024: Chair's Summary" then "... joined the
    12 March online session": the body's session of the headline's day is the headline's meeting."""
    head = ctx.text.lstrip()
    line_end = len(ctx.text) - len(head) + (head.find("\n") if "\n" in head else len(head))
    named = [k for k in drafts if k.sentence_start < line_end and k.meeting.forum and k.meeting.start]
    for draft in drafts:
        if draft.meeting.forum or draft.sentence_start < line_end or not draft.meeting.evidence:
            continue
        same_day = [k for k in named if k.meeting.start == draft.meeting.start]
        if len(same_day) == 1 and _THE_SESSION.search(draft.meeting.evidence[0].text):
            draft.meeting.forum = same_day[0].meeting.forum


def _title_forum(ctx: Context, drafts: list[_Draft], kinds: dict[str, str],
                 mentions: list[tuple[int, int, str]]) -> None:
    """A title that names the meeting ("G7 ... Ministers' Meeting Communiqué") names the unnamed
    meeting its first paragraph reports ("We, the Ministers ..., met in Turin on 29 and 30 April")."""
    head = ctx.text.lstrip()
    offset = len(ctx.text) - len(head)
    line_end = offset + (head.find("\n") if "\n" in head else len(head))
    if len(ctx.text[offset:line_end]) > 250 or re.search(r"[.!?]\W*$", ctx.text[offset:line_end]):
        return  # the text opens with a paragraph, not a title line
    named = [m for m in mentions if offset <= m[0] and m[1] <= line_end and kinds.get(m[2]) in MEETING_KINDS
             and kinds.get(m[2]) != "organization" and not in_title(ctx.text, m[0], m[1], offset)
             and not _AHEAD_OF.search(ctx.text[offset:m[0]])]
    if len({m[2] for m in named}) != 1 or any(k.meeting.forum == named[0][2] for k in drafts):
        return
    first = next((k for k in drafts if k.meeting.start and len(k.meeting.start) == 10), None)
    if first is not None and first.meeting.forum is None and first.date is not None and first.date.kind != "relative":
        first.meeting.forum = named[0][2]


def _draft(ctx: Context, record: Record, s: int, e: int, paragraph: int, d: DateMention, forum: str | None,
           people: list[tuple[re.Pattern[str], Person]], mentions: list[tuple[int, int, str]]) -> _Draft:
    text = ctx.text
    place = meeting_place(ctx, s, e, forum, mentions)
    forum_at = next((m[0] for m in mentions if m[2] == forum and s <= m[0] < e), None) if forum else None
    host = meeting_host(ctx, s, e, people, forum_at) or (place[1] if place else None)
    cop = re.fullmatch(r"COP(\d{1,3})", forum or "")
    if cop:  # a COP's host and city are reference data (the climate COP's: another convention's COP16 is years off)
        ref = next((c for c in cops() if c.number == int(cop.group(1))), None)
        if ref is not None and (len(d.begin) < 4 or d.begin[:4] == str(ref.year)):
            host = ref.host
            place = place or (ref.city, ref.host)
    codes: list[str] = []
    for a in ctx.actor_mentions:
        if s <= a.start and a.end <= e and a.code not in codes:
            codes.append(a.code)
    if forum:  # the parties a bilateral forum is named after: "China-U.S. Working Group"
        for a in find_actor_mentions(forum):
            if a.code not in codes:
                codes.append(a.code)
    attending = people_in(people, text[s:e])
    for p in attending:
        if p.actor and re.fullmatch(r"[A-Z]{2}", p.actor) and p.actor not in codes:
            codes.append(p.actor)
    for presidency in record.presidencies:  # "The COP26 President Designate also invited ...": the presiding state
        if presidency.actor not in codes and presidency.of in text[s:e] \
                and re.search(rf"\b{re.escape(presidency.of)}\s+President\b", text[s:e]):
            codes.append(presidency.actor)
    if host and host not in codes and any(a.code == host for a in ctx.actor_mentions) and not cop:
        # the host takes part, when the text names it at all (Brussels alone is no Belgium); a COP's host from
        # reference data is the conference's, not a party the text reports as taking part
        codes.append(host)
    start = d.begin if len(d.begin) >= 7 else None
    end = d.finish if d.is_full else None
    evidence = [Span(s, e, text[s:e])]
    meeting = Meeting(forum=forum, start=start, end=end, place=place[0] if place else None, host=host,
                      participants=codes, people=[p.name for p in attending], evidence=evidence)
    if d.kind == "countdown" or re.fullmatch(r"this\s+week", d.text, re.I):
        meeting.end = None  # "44 days left to COP26": the opening day only
    return _Draft(meeting, _width(d), s, paragraph, date=d)


def _explicit_holds_relative(explicit: _Draft, relative: _Draft) -> bool:
    """Whether a stated date range ("October 30-31") holds a relative day ("today") of the same meeting."""
    if explicit.date is None or relative.date is None or relative.date.kind != "relative":
        return False
    if explicit.date.kind in ("relative", "countdown", "weekday", "inherited") or not explicit.date.is_full:
        return False
    return explicit.date.begin <= relative.date.begin <= explicit.date.finish


_STATED = {"relative", "countdown", "weekday", "inherited"}


def _separate_sessions(a: _Draft, b: _Draft) -> bool:
    """Two sessions of one forum on stated days that do not overlap ("met today in Quito" after a
    dateline, and "the previous meeting ... took place in Bogotá on 14 November 2024")."""
    da, db = a.date, b.date
    if da is None or db is None or not da.is_full or not db.is_full or len(da.begin) != 10 or len(db.begin) != 10:
        return False
    if da.kind == "inherited" or db.kind == "inherited":
        return False
    if da.kind in _STATED and db.kind in _STATED:
        return False
    return da.finish < db.begin or db.finish < da.begin


def _merge(drafts: list[_Draft]) -> list[Meeting]:
    """One meeting per forum (the narrowest date wins) and, without a forum, per start date."""
    kept: list[_Draft] = []
    for draft in drafts:
        m = draft.meeting
        twin = None
        for k in kept:
            if m.forum and k.meeting.forum == m.forum and (k.beside == draft.beside or k.meeting.start == m.start) \
                    and not _separate_sessions(k, draft):
                twin = k
                break
            if not m.forum and not k.meeting.forum and k.meeting.start == m.start:
                twin = k
                break
        if twin is None:
            kept.append(draft)
            continue
        target, other = (draft, twin) if draft.width < twin.width else (twin, draft)
        if _explicit_holds_relative(other, target):
            target, other = other, target  # "today" and "on October 30-31": the stated days
        for code in other.meeting.participants:
            if code not in target.meeting.participants:
                target.meeting.participants.append(code)
        target.meeting.place = target.meeting.place or other.meeting.place
        target.meeting.host = target.meeting.host or other.meeting.host
        target.meeting.people = list(dict.fromkeys(target.meeting.people + other.meeting.people))
        target.meeting.evidence = target.meeting.evidence + [s for s in other.meeting.evidence
                                                             if s not in target.meeting.evidence]
        if target is draft:
            kept[kept.index(twin)] = draft
    return [k.meeting for k in kept]
