"""Commitments: one per sentence in which actors commit to future action on climate, energy or
the environment (GUIDE.md "commitments").

A sentence counts when it has a commit cue (commit, pledge, agree to, decide to, intend,
plan to, will, are determined to, reaffirm a commitment, launch a new partnership) whose
subject is an actor: a state or the EU named before the cue, a group phrase ("both sides",
"the two leaders", "we") that stands for the main meeting's parties, or the parties' own
partnership. Welcoming, discussing, noting, "looking forward", "should", itinerary ("will
attend") and predictions by things that are not actors do not count; neither do sentences
without a climate, energy or environment topic. List items under a committing lead-in
("Indonesia will work ... by:") are commitments of the lead-in's actors, one per item.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.forum_names import find_name_matches
from kg.extract.meetings import sentence_units
from kg.extract.modality import EXCLUDE as _EXCLUDE
from kg.extract.modality import commit_cues as _cues
from kg.extract.relevance import judge, scores
from kg.extract.sentences import Sentence
from kg.extract.subjects import (
    FIRST_PERSON,
    IMPERSONAL,
    INSTRUMENT,
    INTENT_CUE,
    forum_names_in,
    home_state,
    names_a_forum,
    opener_end,
    pronoun_stands_for_a_thing,
    states_by_form,
)
from kg.extract.target_years import target_year
from kg.extract.topics import classify_topics, is_climate_related
from kg.extract.whole_words import written_alone
from kg.model.record import Commitment, Record, Span

_GROUP = re.compile(
    r"\b(?:both\s+sides|the\s+two\s+sides|both\s+leaders|the\s+two\s+leaders|the\s+leaders|leaders|both\s+countries|"
    r"the\s+two\s+countries|both\s+parties|the\s+parties|the\s+participants|participants|both\s+governments|"
    r"(?:the\s+)?ministers|"
    r"the\s+two\s+governments|we|they|our\s+countries|the\s+two\s+presidents|both\s+presidents|"
    r"(?:both|the\s+two)\s+(?:ministries|envoys|delegations|ministers|foreign\s+ministers)|"
    r"(?:the|all)\s+(?:three|four|five|six|seven|eight|nine|ten)\s+(?:countries|sides|leaders|governments|partners|"
    r"nations|parties|ministers)|(?:the\s+)?participating\s+(?:countries|states|governments|parties)|"
    r"the\s+co-(?:conveners|convenors|chairs|hosts|organi[sz]ers)|"
    r"(?:this|the)\s+(?:long-term\s+|new\s+|bilateral\s+|joint\s+)?(?:partnership|collaboration)|the\s+meeting|"
    r"all\s+G-?(?:20|7)\s+(?:countries|members))\b", re.I)
_REAFFIRMED = re.compile(r"\b(?:reaffirm\w*|recall\w*|reiterat\w*|continu\w*|remain(?:s|ed)?\s+committed|"
                         r"renew(?:s|ed|ing)?|build(?:ing)?\s+on)\b", re.I)
_DECLINED_ITEM = re.compile(r"\blook(?:ed|s|ing)?\s+forward\b|^\W*(?:welcom|not(?:e|ing)\b|recogni[sz]|acknowledg)",
                            re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_QUOTE_OPEN = "\"“"
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*•–]|\d{1,2}[.)]|\([a-z0-9]\))[ \t]+")
def _main_parties(ctx: Context, record: Record) -> list[str]:
    """Who "both sides" and "we" are: the participants of the first dated meeting with two or
    more, else the states named in the first sentences. A communiqué that opens "We, the
    Ministers of Canada, France and Japan, met ..." says who "we" are, whoever joined later."""
    we = re.search(r"(?m)(?:^|(?<=[.!?]\s))(?:\d{1,2}\.\s+)?We,\s+(?:the\s+)?[^.;:]*", ctx.text)
    if we:
        end = we.end()
        verb = re.search(r",?\s+(?:met|meeting|gathered|convened|have\s+met|are\s+meeting)\b", we.group())
        if verb:
            end = we.start() + verb.start()
        named = list(dict.fromkeys(a.code for a in ctx.actor_mentions if we.start() <= a.start and a.end <= end))
        if len(named) >= 2:
            return named
    for m in record.meetings:
        if len(m.participants) >= 2:
            return list(m.participants)
    codes: list[str] = list(record.meetings[0].participants) if record.meetings else []
    limit = ctx.sentences[min(2, len(ctx.sentences) - 1)].end if ctx.sentences else 0
    for a in ctx.actor_mentions:
        if a.start < limit and a.code not in codes:
            codes.append(a.code)
    opening = ctx.text[:limit]
    for person in record.people:  # "Secretary Blinken met ... Minister Jaishankar": the people's states
        surname = person.name.split()[-1] if person.name.split() else ""
        if (person.actor and re.fullmatch(r"[A-Z]{2}", person.actor) and person.actor not in codes and surname
                and written_alone(surname, opening)):
            codes.append(person.actor)
    return codes


def _inside_quote(ctx: Context, sentence: Sentence) -> bool:
    before = ctx.text[max(0, sentence.start - 2000):sentence.start + 3]
    opens = sum(before.count(q) for q in _QUOTE_OPEN) - before.count("”") * 0
    closes = before.count("”")
    straight = before.count('"')
    return (opens - straight) > closes or straight % 2 == 1


def _actors_before(ctx: Context, sentence: Sentence, pos: int, from_offset: int | None = None) -> list[str]:
    """States named before the cue, except inside a name ("the Singapore Green Plan", "the
    Just Energy Transition Partnership for Indonesia"): a plan or forum is not its state."""
    start = sentence.start if from_offset is None else max(sentence.start, from_offset)
    names = [(sentence.start + m.start, sentence.start + m.end) for m in find_name_matches(sentence.text)]
    codes: list[str] = []
    for a in ctx.actor_mentions:
        if start <= a.start and a.end <= pos and a.code not in codes:
            if any(s <= a.start and a.end <= e and (s, e) != (a.start, a.end) for s, e in names):
                continue
            if a.form == "possessive" and re.search(r"\b(?:for|of|to|with|on|from|in|at|by)\s+(?:the\s+)?$",
                                                    ctx.text[max(0, a.start - 12):a.start]):
                continue  # "support for Brazil's Amazon Fund": an object, not who commits
            codes.append(a.code)
    return codes


def _actors_after_join(ctx: Context, sentence: Sentence, pos: int) -> list[str]:
    """States the sentence adds as co-committers: "joined the United States", ", with Argentina, ..."."""
    text = ctx.text
    codes: list[str] = []
    for m in re.finditer(r"\b(?:joined|joining|join)\s+(?:the\s+)?|,\s*with\s+|commitment\s+of\s+(?:the\s+)?|"
                         r"\b(?:in\s+collaboration|together|jointly|in\s+partnership)\s+with\s+(?:the\s+)?",
                         text[pos:sentence.end]):
        start = pos + m.end()
        run_end = start
        for a in ctx.actor_mentions:
            if a.start >= start and a.end <= sentence.end and re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?",
                                                                             text[run_end:a.start]):
                if a.code not in codes:
                    codes.append(a.code)
                run_end = a.end
    return codes


def _people_actors(record: Record, text: str) -> list[str]:
    codes = []
    for p in record.people:
        if not p.actor or not re.fullmatch(r"[A-Z]{2}", p.actor):
            continue
        surname = p.name.split()[-1]
        if written_alone(surname, text) and p.actor not in codes:
            codes.append(p.actor)
    return codes


def _clean_text(text: str) -> str:
    text = text.replace("**", "").strip()
    text = _LIST_MARKER.sub("", text)
    text = re.sub(r";\s+(?:and|or)$", ";", text)  # an item's dangling "; and" before the next one (DECISIONS 112)
    return text.strip().strip("\"“”").strip()


def _is_list_item(ctx: Context, sentence: Sentence) -> bool:
    """An item of a list: a line of its own that has a list marker, or reads as an item (a
    gerund, "Peaking emissions by 2030", or a label and a verb, "Green industrialization: advance")."""
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    lead = ctx.text[line_start:sentence.start]
    if lead.strip() and not _LIST_MARKER.match(lead + " "):
        return False
    if lead.strip():
        return bool(re.fullmatch(r"[ \t]*(?:[-*•–]|\d{1,2}[.)]|\([a-z0-9]\))[ \t]*", lead))
    body = sentence.text.lstrip("*").lstrip()
    if re.match(r"[A-Z][a-z]+ing\b", body) or re.match(r"[A-Z][^.:;]{0,80}:\s+[a-z]", body):
        return True
    # A line of its own right after a line ending in ":" or ";": a list whose markers the page lost
    # ("the United States will:\n\nProvide $10 million ...;\nLaunch ...").
    previous = ctx.text[:line_start].rstrip()
    whole_line = re.match(r"[ \t*_]*(?:\n|$)", ctx.text[sentence.end:]) is not None
    return whole_line and sentence.text.rstrip().endswith((";", ".")) and previous.endswith((":", ";"))


def _item_of(ctx: Context, sentence: Sentence, lead_block: int) -> bool:
    """Whether the sentence opens an item of the list that the lead-in block introduces."""
    if 0 <= sentence.paragraph < len(ctx.blocks):
        block = ctx.blocks[sentence.paragraph]
        if block.kind == "item" and block.lead_in == lead_block:
            return sentence.start <= block.body_start + 3 or not any(
                s.paragraph == sentence.paragraph and s.end <= sentence.start for s in ctx.sentences)
    return _is_list_item(ctx, sentence)


def extract_commitments(ctx: Context, record: Record) -> list[Commitment]:
    """Every committing sentence, with its actors, topics, target year and status."""
    parties = _main_parties(ctx, record)
    meeting_index = 0 if len([m for m in record.meetings if m.start and len(m.start) == 10]) == 1 else None
    out: list[Commitment] = []
    lead_in: list[str] | None = None  # actors of a committing sentence that ends in ":"
    lead_block = -1
    for sentence in sentence_units(ctx):
        body = sentence.text
        if lead_in is not None and _item_of(ctx, sentence, lead_block):
            # An item that completes the lead-in ("will:" + "Expand storage.") is the lead-in's
            # subjects' commitment; an item with a committing subject of its own speaks for itself.
            own = _committing_actors(ctx, record, sentence, parties)
            if not own and _DECLINED_ITEM.search(body):
                continue  # "look forward to ...", "welcome ...": an item that commits to nothing
            lead_text = ctx.text[ctx.blocks[lead_block].start:ctx.blocks[lead_block].end] if ctx.blocks else ""
            topics = classify_topics(body) or (_fallback_topics(ctx, sentence)
                                               if judge(body, lead_text) else [])
            if topics and judge(body, lead_text, _block_text(ctx, sentence)):
                out.append(_commitment(ctx, sentence, own or lead_in, topics, record, meeting_index))
            continue
        if lead_in is not None and ctx.blocks and 0 <= sentence.paragraph < len(ctx.blocks) and \
                ctx.blocks[sentence.paragraph].lead_in == lead_block:
            pass  # a further sentence of an item: read on its own
        else:
            lead_in = None
        actors = _committing_actors(ctx, record, sentence, parties)
        if not actors:
            continue
        topics = classify_topics(body)
        if not topics and is_climate_related(body):
            earlier = [s for s in ctx.sentences if s.paragraph == sentence.paragraph and s.end <= sentence.start]
            for previous in reversed(earlier):
                topics = classify_topics(previous.text)
                if topics:
                    break
        following = [s for s in ctx.sentences if s.start > sentence.end][:1]
        if not topics and (body.rstrip("*").rstrip().endswith(":") or is_climate_related(body)):
            topics = classify_topics(following[0].text) if following else []
        if body.rstrip("*").rstrip().endswith(":") and following and \
                _item_of(ctx, following[0], sentence.paragraph) and \
                not _committing_actors(ctx, record, following[0], parties):
            lead_in, lead_block = actors, sentence.paragraph
            continue  # the items are the commitments; the lead-in alone says nothing yet
        if not _relevant(ctx, record, sentence, following[0].text if following and body.rstrip("*").endswith(":") else ""):
            continue  # a commitment on health, security or trade, or on nothing in particular
        if not topics:
            topics = _fallback_topics(ctx, sentence)
        if not topics:
            continue
        out.append(_commitment(ctx, sentence, actors, topics, record, meeting_index))
    return out


def _block_text(ctx: Context, sentence: Sentence) -> str:
    if 0 <= sentence.paragraph < len(ctx.blocks):
        block = ctx.blocks[sentence.paragraph]
        return ctx.text[block.start:block.end]
    return sentence.text


def _relevant(ctx: Context, record: Record, sentence: Sentence, items: str = "") -> bool:
    """Whether what is committed to is climate, energy or the environment: judged on the clause from
    the commit cue on, then the whole sentence (the nearest that speaks of a subject decides)."""
    cues = _cues(sentence.text)
    committed = sentence.text[cues[0].start():] if cues else sentence.text
    committed += " " + forum_names_in(record, committed)  # "the next round of the JWG": what the JWG is about
    if scores(committed).speaks or scores(sentence.text).speaks:
        return judge(committed, sentence.text)
    if items:  # a lead-in ("intend the Partnership to include three areas:") is about what its items say
        return judge(items)
    # No word of any subject ("will develop a concrete plan for investments to support these goals",
    # "agreed on sharing experience and best practices"): the sentence's paragraph speaks for it when
    # the paragraph is about nothing but climate, energy or the environment; a commitment with a
    # topic of its own (finance, technology) may take the previous paragraph's subject too. One
    # without ("we pledge to deepen our partnership on the great questions of this era") in a
    # paragraph of many subjects is no climate commitment.
    if scores(sentence.text).other > 0:
        return False
    block = scores(_block_text(ctx, sentence))
    if block.climate >= 2 and block.other == 0:
        return True
    after_cue = sentence.text[cues[0].end():] if cues else sentence.text
    if not classify_topics(after_cue):
        return False
    index = sentence.paragraph
    nearby = [ctx.text[b.start:b.end] for b in ctx.blocks[max(0, index - 1):index + 1][::-1]] if ctx.blocks else []
    return judge(*nearby)


def _fallback_topics(ctx: Context, sentence: Sentence) -> list[str]:
    """Topics for a relevant sentence without a topic word: its paragraph's, else the readout's
    most frequent one ("Chile plans to have EVs make up half of new bus purchases")."""
    topics = classify_topics(_block_text(ctx, sentence))
    if topics:
        return topics[:1]
    cached = ctx.notes.get("document_topic")
    if cached is None:
        counts: dict[str, int] = {}
        for s in ctx.sentences:
            for topic in classify_topics(s.text):
                counts[topic] = counts.get(topic, 0) + 1
        cached = [max(counts, key=lambda t: counts[t])] if counts else []
        ctx.notes["document_topic"] = cached
    return list(cached)  # type: ignore[call-overload]


def _is_heading(sentence: Sentence) -> bool:
    """A title line: no final punctuation, and short."""
    body = sentence.text.strip().strip("*#_ ")
    return not re.search(r"[.!?:;\"”’)]$", body) and len(body.split()) <= 20


def _committing_actors(ctx: Context, record: Record, sentence: Sentence, parties: list[str]) -> list[str]:
    body = sentence.text
    if _is_heading(sentence):
        return []
    cues = _cues(body)
    if not cues or re.search(r"\bshould\b|\bwould\b|\bcould\b", body[:cues[0].start()] + cues[0].group()):
        return []
    cue = cues[0]
    clause_start = max(0, body.rfind(";", 0, cue.start()) + 1)
    clause_start += opener_end(body[clause_start:cue.start()])  # "Recognizing X, Spain commits": not the verb
    subject = body[clause_start:cue.start()]
    if pronoun_stands_for_a_thing(ctx, sentence, subject):
        return []  # "The new rules take effect in May. They will give investors certainty."
    last_clause = re.split(r",\s+(?:and\s+|but\s+|as\s+|while\s+)|\band\s+(?=\w+\s+(?:also\s+)?reaffirm)",
                           subject)[-1]
    # "underscored our commitment to ...": the cue itself reaffirms a commitment, whatever its verb
    reaffirming = re.search(r"\b(?:commitment|intention|resolve|pledge)\b", cue.group(), re.I)
    excluded = _EXCLUDE.search(last_clause if reaffirming else last_clause + cue.group())
    if re.match(r"\s*that\b", last_clause) and not excluded:
        excluded = _EXCLUDE.search(subject)  # "noted that X ..., and that Egypt will": still what was noted
    if excluded and not re.search(r"\b(?:and|but)\s+(?:also\s+|further\s+|jointly\s+)?$", last_clause):
        return []  # "welcomed X" is no commitment, "welcomed X and reaffirmed their commitment" is
    if re.search(r"\b(?:have|has|had)\s+already\b", body):
        return []
    if re.search(r"\blook(?:ed|s)?\s+forward\b", body, re.I):
        return []
    in_quote = _inside_quote(ctx, sentence)
    pos = sentence.start + cue.start()
    opening = max(body.rfind("“", 0, cue.start()), body.rfind('"', 0, cue.start()))
    if opening >= 0:
        in_quote, subject = True, body[opening:cue.start()]
    subject_start = max(opening, clause_start)
    named = _actors_before(ctx, sentence, pos, from_offset=sentence.start + subject_start)
    tail_start = subject_start + max(0, len(subject) - len(last_clause)) if opening < 0 else subject_start
    tail = body[tail_start:cue.start()]
    # The subject is the part of the clause nearest the cue ("Through this partnership, Canada will"):
    # a state named there outranks a group phrase further back, and the reverse.
    tail_comma = _subject_comma(ctx, tail, sentence.start + tail_start)
    near = tail[tail_comma + 2:] if tail_comma >= 0 else tail
    near_start = sentence.start + tail_start + (tail_comma + 2 if tail_comma >= 0 else 0)
    said = list(re.finditer(r"\b(?:said|says|stated|added)\s+(?:that\s+)?", tail))
    if said and not in_quote:
        content = tail[said[-1].end():]
        if not re.match(r"(?:it|its|they|their|we|our|he|she)\b", content) and not _actors_before(
                ctx, sentence, pos, from_offset=sentence.start + tail_start + said[-1].end()):
            return []  # "Kerry said the announcements will bring ...": not a state's commitment
    named_near = _actors_before(ctx, sentence, pos, from_offset=near_start)
    people_near = _people_actors(record, near)
    if not named_near and not people_near:
        named_near = states_by_form(record, near)  # "The Kingdom and the Sultanate will", "The Presidency will"
        named = named or named_near
    group_in_cue = _GROUP.search(cue.group()) or re.match(r"reaffirm\w*\s+(?:our|their)\b", cue.group(), re.I)
    group_near = _GROUP.search(near) or group_in_cue
    group = _GROUP.search(subject) or group_in_cue
    home = home_state(ctx, record)
    if in_quote and not named:
        # "We will ..." in a quotation: the speaker's state, when the speaker is named beside the quote;
        # else the state of the government whose statement it is.
        if re.match(r"\s*(?:we|our)\b", near, re.I) or re.search(r"(?:^|[\"“]\s*)(?:we|our)\b", near, re.I):
            speaker = _speaker_actor(ctx, record, sentence, pos) or home
            return [speaker] if speaker else []
        return []
    if home and not named_near and (FIRST_PERSON.fullmatch(near) or re.search(r"\bour\b", cue.group(), re.I)):
        # "we" in one government's statement or readout, unless the sentence before it in the same
        # paragraph committed several states ("The United States and Germany will ... We will ...").
        before = [s for s in ctx.sentences if s.paragraph == sentence.paragraph and s.end <= sentence.start]
        if before and not FIRST_PERSON.match(before[-1].text):
            earlier = _committing_actors(ctx, record, before[-1], parties)
            if len(earlier) >= 2:
                return earlier
        return [home]
    if (IMPERSONAL.fullmatch(near) or not named_near and names_a_forum(record, near)) and \
            re.match(r"agree|decide|resolve", cue.group(), re.I):
        return list(parties)  # "It was agreed to ...", "The BNC also agreed to ...": the meeting's parties
    counted = re.search(r"\b(?:the|all)\s+(two|three|four|five|six|seven|eight|nine|ten)\s+(?:countries|sides|leaders|"
                        r"governments|partners|nations|parties|ministers|ministries|envoys|delegations)\b",
                        subject + cue.group(), re.I)
    if counted:  # "the three countries": the first three parties named, not a state named in passing
        parties = parties[:_NUMBERS[counted.group(1).lower()]]
    co = re.search(r"\bthe\s+co-(conven|chair|host|organi[sz])\w*", subject, re.I)
    if co:  # "the co-conveners": the states the text says co-convened ("co-convened by China, the EU and Canada")
        by = re.search(rf"\bco-{co.group(1)}\w*\s+by\s+", ctx.text, re.I)
        if by:
            named_by = _state_run(ctx, by.end())
            if named_by:
                parties = named_by
    if group_in_cue:
        actors = list(parties)  # "reaffirm both countries' commitment": the group is the subject
    elif named_near or people_near:
        actors = list(dict.fromkeys(named_near + people_near))
    elif group_near and not in_quote:
        actors = list(parties)
    elif named:
        actors = named
    elif group and not in_quote:
        actors = list(parties)
    else:
        actors = _people_actors(record, subject)
    if not actors and INSTRUMENT.search(near) and INTENT_CUE.match(cue.group()):
        actors = list(parties)  # "The Accord is intended to mobilize ...": the parties' own instrument
    if re.search(r"\b(?:and|with)\s+(?:its|their)\s+(?:\w+\s+)?partners\b", near) and actors:
        actors = list(dict.fromkeys(actors + parties))  # "Egypt and its development partners": the meeting's parties
    joined = _actors_after_join(ctx, sentence, pos)
    if re.match(r"join", cue.group(), re.I) and not (named_near or people_near):
        actors = []  # "many joined the United States": only the states named commit
    for code in joined:
        if code not in actors:
            actors.append(code)
    return actors


def _speaker_actor(ctx: Context, record: Record, sentence: Sentence, pos: int) -> str | None:
    """The state of the person a quotation is attributed to: named before the opening mark
    ("Wenzel said: “...") or right after the closing one ("...,” said Minister X.")."""
    text = ctx.text
    opening = max(text.rfind("“", max(0, sentence.start - 1500), pos), text.rfind('"', max(0, sentence.start - 1500), pos))
    if opening < 0:
        return None
    lead = text[max(0, opening - 250):opening]
    lead = re.split(r"\n\s*\n", lead)[-1]
    closing = min((i for i in (text.find("”", pos), text.find('"', pos)) if i >= 0), default=-1)
    tail = text[closing:closing + 150] if closing >= 0 else ""
    tail = re.split(r"\n\s*\n|[.!?](?:\s|$)", tail)[0]
    candidates: list[tuple[int, str]] = []
    for p in record.people:
        if not p.actor or not re.fullmatch(r"[A-Z]{2}", p.actor) or not p.name.split():
            continue
        written = p.name.split()[-1]
        if written not in lead and written not in tail:
            continue  # each pattern below holds the surname as written: neither text names this person
        surname = re.escape(written)
        for m in re.finditer(rf"(?<![\w-]){surname}(?![\w-])", lead):
            if re.search(r"\b(?:said|says|stated|added|noted|declared)\b|:\s*$", lead[m.end():]):
                candidates.append((m.start(), p.actor))
        if re.search(rf"\b(?:said|says|added|stated)\b[^\n]*?(?<![\w-]){surname}(?![\w-])|"
                     rf"^\W*[^\n]{{0,80}}?(?<![\w-]){surname}[,\s]+(?:said|says|added|stated)\b|"
                     rf"^[^\w]*[–—-]\s*(?:\w+\s+){{0,6}}?{surname}\b", tail):
            candidates.append((10**6, p.actor))
    if not candidates:
        return None
    return max(candidates)[1]


def _state_run(ctx: Context, start: int) -> list[str]:
    """The states listed from `start` on: "China, the European Union and Canada"."""
    codes: list[str] = []
    at = start
    for a in ctx.actor_mentions:
        if a.start < at:
            continue
        if not re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?", ctx.text[at:a.start]):
            break
        if a.code not in codes:
            codes.append(a.code)
        at = a.end
    return codes


def _subject_comma(ctx: Context, tail: str, tail_offset: int) -> int:
    """The comma that opens the subject nearest the cue, skipping commas inside a list of
    states ("Canada, Chile and Norway joined")."""
    pos = len(tail)
    while True:
        comma = tail.rfind(", ", 0, pos)
        if comma < 0:
            return -1
        after = tail_offset + comma + 2
        lead = re.match(r"(?:and\s+)?(?:the\s+)?", tail[comma + 2:])
        starts_actor = any(a.start == after + (lead.end() if lead else 0) for a in ctx.actor_mentions)
        before = [a for a in ctx.actor_mentions if a.end == tail_offset + comma]
        if starts_actor and before:
            pos = comma
            continue
        return comma


def _first_actor_offset(ctx: Context, sentence: Sentence, pos: int) -> int:
    starts = [a.start - sentence.start for a in ctx.actor_mentions if sentence.start <= a.start < pos]
    return min(starts) if starts else 10**9


def _commitment(ctx: Context, sentence: Sentence, actors: list[str], topics: list[str], record: Record,
                meeting: int | None) -> Commitment:
    status = "reaffirmed" if _REAFFIRMED.search(sentence.text) else "new"
    return Commitment(actors=list(actors), text=_clean_text(sentence.text), topics=topics,
                      target_year=target_year(sentence.text, ctx.published), status=status, meeting=meeting,
                      evidence=[Span(sentence.start, sentence.end, ctx.text[sentence.start:sentence.end])])
