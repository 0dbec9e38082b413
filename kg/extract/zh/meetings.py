"""Meetings in Chinese text: a date tied to a meeting verb, with its forum, place, host and parties.

Each meeting verb (召开, 举行, 会见, 会谈, 通话, 出席, 主持, 见证 ...) takes the nearest date
before it in its sentence, or the date after a 于 ("于5月29日在…召开"). Dates that belong to
the report rather than the meeting (8日发布消息, 9月8日电, 19日从…获悉) are skipped. The
forum is the one the sentence names as holding the meeting (…第二次会议, …期间, the
subject or object of the verb), never one named inside a person's title (COP28候任主席).
A virtual meeting (以视频形式) has no place or host.
"""

from __future__ import annotations

import re

from kg.extract.zh.actors import ZhActorMention, full_names
from kg.extract.zh.dates import ZhDate, find_dates
from kg.extract.zh.lexicon import CITY_ABBREVIATIONS, PROVINCES, TITLES_AFTER
from kg.extract.zh.text import ZhSentence
from kg.model import reference
from kg.model.bilingual import COP_CITIES_ZH
from kg.model.record import Forum, Meeting, Person, Span

_MEETING_VERB = re.compile(r"召开|举行|举办|会见|会谈|会晤|通话|通电话|出席|主持|见证|磋商|开幕|闭幕|访问|访华|"
                           r"交换了|签署了|共同主持|见面|进行双边会谈|进行会谈")
# What follows a date that belongs to the report, not to a meeting.
_REPORT_AFTER = re.compile(r"^(?:电|讯|[^,。]{0,14}?(?:发布消息|发布|获悉|报道|消息|表示|宣布))")
_NOT_MEETING_KINDS = {"initiative", "organization"}
# A sentence that goes on from the meeting before, on the same day.
_FOLLOW_ON = re.compile(r"^(?:会见后|会谈后|会后|会见结束后|会谈结束后|随后|当天晚些时候|其后)")
_TITLE_AFTER_FORUM = re.compile(r"^(?:\([A-Za-z0-9 -]+\))?(?:候任主席|主席国|主席|秘书处|秘书长|执行秘书|特使|框架)")
_PLACE = re.compile(r"在(?P<place>[\u4e00-\u9fff]{1,12}?)(?=召开|举行|举办|会见|会谈|会晤|与|同|和|出席|进行|主持|见证|"
                    r"发布|签署|开幕|闭幕|,)")


def _forum_spans(forums: list[Forum]) -> list[tuple[int, int, Forum]]:
    return [(s.start, s.end, f) for f in forums for s in f.evidence]


def _meeting_forum(text: str, sentence: ZhSentence, verb_at: int, forums: list[Forum]) -> Forum | None:
    """The forum the sentence says holds the meeting, or None."""
    candidates: list[tuple[int, Forum]] = []
    for start, end, forum in _forum_spans(forums):
        if not (sentence.start <= start < sentence.end) or forum.kind in _NOT_MEETING_KINDS:
            continue
        if _TITLE_AFTER_FORUM.match(text, end) or _TITLE_AFTER_FORUM.match(text[end:end + 12]):
            continue
        after = text[end:end + 8]
        rank = 0 if re.match(r"^(?:期间|第[^,。]{1,4}次会议|会议|启动会|会上|框架下|年会|部长级会议)", after) else 1
        candidates.append((rank * 1000 + abs(verb_at - end), forum))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _place(text: str, sentence: ZhSentence, people: list[Person] | None = None) -> tuple[str | None, str | None]:
    """(place, host state) from the sentence's 在… phrase; (None, None) when virtual or unsaid."""
    if "视频" in sentence.text or "线上" in sentence.text:
        return None, None
    for match in _PLACE.finditer(sentence.text):
        phrase = match.group("place")
        state = None
        for name in sorted(full_names(), key=len, reverse=True):
            if phrase.startswith(name):
                state, phrase = full_names()[name], phrase[len(name):]
                break
        phrase = re.sub(r"^[\u4e00-\u9fff]{1,6}?(?:省|州)(?=[\u4e00-\u9fff]{2})", "", phrase)
        phrase = CITY_ABBREVIATIONS.get(phrase, phrase)
        if any(p.name in phrase or any(a in phrase for a in p.aliases) for p in people or []) or \
                any(title in phrase for title in TITLES_AFTER):
            continue  # "在李强总理和…见证下": a person, not a place
        if not 2 <= len(phrase) <= 5 or re.search(r"期间|领域|方面|框架|会上|下$|中$|上$", phrase):
            if state and not phrase:
                return None, state
            continue
        return phrase, state or _city_state(phrase)
    if re.search(r"来华|访华", sentence.text):
        return None, "CN"
    return None, None


def _cop_place(name: str) -> tuple[str | None, str | None]:
    """A COP's city (in Chinese) and host, from the COP table: a meeting on its margins is there."""
    number = int(name[3:]) if name[3:].isdigit() else None
    cop = next((c for c in reference.cops() if c.number == number), None)
    if cop is None:
        return None, None
    chinese = next((zh for zh, en in COP_CITIES_ZH.items() if en == cop.city), None)
    return chinese, cop.host


def _city_state(city: str) -> str | None:
    if city in PROVINCES or city in CITY_ABBREVIATIONS.values():
        return "CN"
    english = COP_CITIES_ZH.get(city)
    return reference.city_country(english) if english else None


def _participants(sentence: ZhSentence, mentions: list[ZhActorMention], people: list[Person],
                  parties: list[str]) -> list[str]:
    codes = [m.code for m in mentions if sentence.start <= m.start < sentence.end]
    for person in people:
        if person.actor and len(person.actor) == 2 and any(
                sentence.start <= s.start < sentence.end for s in person.evidence):
            codes.append(person.actor)
    if re.search(r"双方|两国", sentence.text):
        codes += parties
    return sorted(set(codes))


def extract_meetings(text: str, sentences: list[ZhSentence], published: str | None,
                     mentions: list[ZhActorMention], people: list[Person], forums: list[Forum],
                     parties: list[str]) -> list[Meeting]:
    dates = find_dates(text, published)
    meetings: list[Meeting] = []
    last_date: ZhDate | None = None
    just_reported: list[Meeting] = []  # the meetings of the sentence before
    for sentence in sentences:
        inside = [d for d in dates if sentence.start <= d.span_start < sentence.end]
        follows = not inside and last_date is not None and _FOLLOW_ON.match(sentence.text)
        if not inside and not follows:
            if just_reported and _ATTENDANCE.search(sentence.text):
                _add_attendees(just_reported, sentence, mentions, people, forums)
            just_reported = []
            continue
        count_before = len(meetings)
        chosen: dict[tuple[str, str | None], ZhDate] = {}
        for verb in _MEETING_VERB.finditer(sentence.text):
            verb_at = sentence.start + verb.start()
            if follows:
                # "会见后,双方共同出席了第五次…对话": the day of the meeting before, for a named forum only.
                forum = _meeting_forum(text, sentence, verb_at, forums)
                if forum is not None and last_date is not None:
                    chosen.setdefault((last_date.start, forum.name), last_date)
                continue
            date = _date_for(text, inside, verb_at)
            if date is None:
                continue
            forum = _meeting_forum(text, sentence, verb_at, forums) or _forum_referred_back(sentence, meetings, forums)
            chosen.setdefault((date.start, forum.name if forum else None), date)
        for (start, forum_name), date in chosen.items():
            forum = next((f for f in forums if f.name == forum_name), None)
            place, host = _place(text, sentence, people)
            if forum is not None and place is None and host is None and forum.name.startswith("COP"):
                place, host = _cop_place(forum.name)
            if forum is not None and place is None and host is None and "视频" not in sentence.text:
                # on the margins of a meeting reported before: where that one was
                earlier = next((m for m in reversed(meetings) if m.forum == forum.name and m.place), None)
                if earlier is not None:
                    place, host = earlier.place, earlier.host
            # A conference itself (COP28将于…举行) has the world as parties, not its host; a
            # meeting on its margins (COP28期间, X会见Y) has the parties the sentence names.
            names_people = any(sentence.start <= s.start < sentence.end for p in people for s in p.evidence)
            is_conference = forum is not None and forum.kind == "conference" and not names_people
            participants = [] if is_conference else _participants(sentence, mentions, people, parties)
            last_date = date
            meetings.append(Meeting(
                forum=forum_name, start=start, end=date.end, place=place, host=host, participants=participants,
                people=[p.name for p in people if any(sentence.start <= s.start < sentence.end for s in p.evidence)],
                evidence=[Span(sentence.start, sentence.end, sentence.text)]))
        just_reported = meetings[count_before:]
    return _one_per_counterpart(_deduplicated(meetings), text, people)


# A sentence saying who attended or chaired the meeting just reported ("会议由…主持,…出席会议").
_ATTENDANCE = re.compile(r"出席|主持|参加|与会|列席|率团")
# "在峰会期间": a meeting on the margins of one reported before, named by its head noun only.
_MARGINS_OF = re.compile(r"(峰会|大会|会议|论坛|对话|磋商|年会)期间")


def _add_attendees(meetings: list[Meeting], sentence: ZhSentence, mentions: list[ZhActorMention],
                   people: list[Person], forums: list[Forum]) -> None:
    """The states and people a sentence names as attending the meetings of the sentence before
    (not a conference's: its parties are the world, not who a readout names there)."""
    codes = _participants(sentence, mentions, people, [])
    named = [p.name for p in people if any(sentence.start <= s.start < sentence.end for s in p.evidence)]
    kinds = {f.name: f.kind for f in forums}
    for meeting in meetings:
        if meeting.forum is not None and kinds.get(meeting.forum) == "conference":
            continue
        meeting.participants = sorted(set(meeting.participants) | set(codes))
        meeting.people = list(dict.fromkeys([*meeting.people, *named]))


def _forum_referred_back(sentence: ZhSentence, meetings: list[Meeting], forums: list[Forum]) -> Forum | None:
    """The forum of an earlier meeting that "在峰会期间" refers to by its head noun."""
    match = _MARGINS_OF.search(sentence.text)
    if match is None:
        return None
    for meeting in reversed(meetings):
        if meeting.forum and meeting.forum.endswith(match.group(1)):
            return next((f for f in forums if f.name == meeting.forum), None)
    return None


def _one_per_counterpart(meetings: list[Meeting], text: str, people: list[Person]) -> list[Meeting]:
    """"A分别会见了B和C": one meeting of A with B and one with C, each with its own parties."""
    out: list[Meeting] = []
    for meeting in meetings:
        span = meeting.evidence[0] if meeting.evidence else None
        separately = re.search(r"分别(?:会见|会晤|会谈|同|与|和)", span.text) if span else None
        if span is None or separately is None:
            out.append(meeting)
            continue
        split_at = span.start + separately.start()
        named = [(s.start, p) for p in people for s in p.evidence if span.start <= s.start < span.end]
        hosts = {p.actor for at, p in named if at < split_at and p.actor}
        guests: dict[str, list[str]] = {}
        for at, person in sorted(named, key=lambda x: x[0]):
            if at > split_at and person.actor and len(person.actor) == 2 and person.actor not in hosts:
                guests.setdefault(person.actor, []).append(person.name)
        if len(guests) < 2 or not hosts:
            out.append(meeting)
            continue
        hosting = [p.name for at, p in named if at < split_at]
        for code, names in guests.items():
            out.append(Meeting(forum=meeting.forum, start=meeting.start, end=meeting.end, place=meeting.place,
                               host=meeting.host, participants=sorted(hosts | {code}), people=hosting + names,
                               evidence=list(meeting.evidence)))
    return out


def _date_for(text: str, dates: list[ZhDate], verb_at: int) -> ZhDate | None:
    """The date a meeting verb takes: the nearest one before it that is not the report's own."""
    before = [d for d in dates if d.span_end <= verb_at and not _REPORT_AFTER.match(text[d.span_end:d.span_end + 16])]
    if before:
        return before[-1]
    after = [d for d in dates if d.span_start > verb_at and text[d.span_start - 1:d.span_start] == "于"]
    return after[0] if after else None


def _deduplicated(meetings: list[Meeting]) -> list[Meeting]:
    """One meeting per forum and start; a month-only meeting of a forum with a dated one is dropped."""
    out: dict[tuple[str | None, str | None], Meeting] = {}
    for meeting in meetings:
        key = (meeting.forum, meeting.start)
        if key in out:
            known = out[key]
            known.participants = sorted(set(known.participants) | set(meeting.participants))
            known.place = known.place or meeting.place
            known.host = known.host or meeting.host
            continue
        out[key] = meeting
    full = {m.forum for m in out.values() if m.start and len(m.start) == 10 and m.forum}
    return [m for m in out.values() if not (m.forum in full and m.start and len(m.start) == 7)]
