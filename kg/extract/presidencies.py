"""Presidencies: a state holding, assuming or handing over the presidency of a COP or a group.

Forms read: "the COP 29 Presidency of Azerbaijan", "the Azerbaijan Presidency" (with a COP
or group in context), "India's G20 presidency", "its G20 Presidency", "As Brazil assumes the
Presidency of COP30", "the upcoming Brazilian presidency of the G20", "UK COP26 President
Alok Sharma", "President-designate of the 27th session of the Conference of the Parties
(COP-27)" with the state named beside it. Leadership ("U.S.-led"), hosting and "host year"
are not presidencies, so nothing here reads them.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.forum_names import cop_name, find_cops
from kg.extract.gazetteer import ActorMention
from kg.model.record import Forum, Person, Presidency, Span
from kg.model.reference import cops

_COP = r"(?:COP\s?-?\s?\d{1,2})"
_BODY = rf"(?:{_COP}|G-?20|G-?7|Council of the (?:EU|European Union)|COP)"
# "<actor>('s)? (the )?(COP29 |G20 )?Presidency"
_PRESIDENCY = re.compile(rf"(?:(?P<body>{_BODY})\s+)?[Pp]residency\b")
# "Presidency of (the) COP30 / G20 / Council of the EU"
_OF_BODY = re.compile(rf"\s+(?:of|for)\s+(?:the\s+)?(?P<body>{_BODY})\b")
_OF_ACTOR = re.compile(r"\s+of\s+(?:the\s+)?$")
_ASSUMES = re.compile(rf"\b(?:assume[sd]?|assuming|hold[s]?|holding|held|took over|take[s]? over|taking over|"
                      rf"hand(?:s|ed)? over|will assume|(?:current|incoming|outgoing)?\s*holders?\s+of)\s+the\s+"
                      rf"(?:{_BODY}\s+)?[Pp]residency\b")
# What may stand between the state and the verb: "Germany is preparing to assume", "Canada, the current holder of".
_BEFORE_ASSUME = re.compile(r"^,?\s*(?:the\s+)?(?:will\s+|is\s+(?:preparing|set|due|poised|about|scheduled|expected)\s+to\s+|"
                            r"prepares\s+to\s+|has\s+|had\s+|(?:formally|officially)\s+)?(?:the\s+)?$")
_COP_PRESIDENT = re.compile(rf"(?P<body>{_COP})\s+President(?:-designate|-Designate)?\b")
_PRESIDENT_OF = re.compile(rf"\bPresident(?:-designate|-Designate)?\s+(?:of|for)\s+(?:the\s+)?(?P<body>{_COP}|"
                           r"\d{1,2}(?:st|nd|rd|th)\s+(?:session\s+of\s+the\s+)?[^()]{0,60}?Conference[^()]{0,40}?"
                           rf"\(\s*{_COP}\s*\))")
_PRONOUN = re.compile(r"\b(?:its|their)\s+$", re.I)
# "..., Minister of Environment of Mali, in her capacity as President of AMCEN": a state's minister presides
# over a named ministerial conference or body of the readout.
_CAPACITY = re.compile(r"\b(?:in\s+(?:his|her|its|their)\s+capacity\s+as|as)\s+(?:the\s+)?(?:current\s+|incoming\s+)?"
                       r"President\s+of\s+(?:the\s+)?(?P<body>[A-Z][\w-]*(?:\s+(?:of|on|for|the|and|[A-Z][\w-]*))*)")
# "hosted by the Government of Samoa as Commonwealth Chair-in-Office": the group's rotating chair.
_CHAIR_IN_OFFICE = re.compile(r"\b(?:as\s+(?:the\s+)?(?:current\s+)?(?P<body>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+"
                              r"Chair-in-Office|Chair-in-Office\s+of\s+the\s+(?P<body2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))\b")
# "Azerbaijan's / the Azerbaijan / Azerbaijan as (incoming) COP29 Presidency"
_GAP_BEFORE = re.compile(r"^(?:['’]s)?\s*(?:as\s+)?(?:the\s+)?(?:upcoming\s+|incoming\s+|current\s+|outgoing\s+)?$")


def normalise_body(body: str) -> str | None:
    """'COP 29' -> 'COP29'; 'G-20' -> 'G20'; 'Council of the European Union' -> 'Council of the EU'."""
    m = re.fullmatch(r"COP\s?-?\s?(\d{1,2})", body.strip())
    if m:
        return cop_name(int(m.group(1)))
    if re.fullmatch(r"G-?20", body):
        return "G20"
    if re.fullmatch(r"G-?7", body):
        return "G7"
    if body.startswith("Council of the"):
        return "Council of the EU"
    inner = re.search(rf"\(\s*({_COP})\s*\)", body)
    if inner:
        return normalise_body(inner.group(1))
    return None


def _mention_ending_before(ctx: Context, pos: int, gap: re.Pattern[str]) -> ActorMention | None:
    best = None
    for m in ctx.actor_mentions:
        if m.end <= pos and gap.match(ctx.text[m.end:pos]):
            best = m
    return best


def _sentence_bounds(ctx: Context, pos: int) -> tuple[int, int]:
    for s in ctx.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    return max(0, pos - 200), min(len(ctx.text), pos + 200)


def _context_body(ctx: Context, pos: int, actor: str) -> str | None:
    """The body an unqualified "Presidency" belongs to: a COP or group in the sentence, else a
    COP the document names whose presidency (reference data) is this actor, else the G20."""
    start, end = _sentence_bounds(ctx, pos)
    sentence = ctx.text[start:end]
    year = int(ctx.published[:4]) if ctx.published and ctx.published[:4].isdigit() else None
    # A climate COP (reference data) of the document's time whose presidency is another state's is not
    # this one's ("the Hungarian presidency" beside "COP29" is the Council's); a COP years away from the
    # climate COP of that number is another convention's ("COP16" on biodiversity in 2024).
    presiding = {ref.number: ref.presidency for ref in cops() if year is None or abs(ref.year - year) <= 1}
    in_sentence = [cop_name(c.number) for c in find_cops(sentence) if presiding.get(c.number, actor) == actor]
    if in_sentence:
        return in_sentence[0]
    group = re.search(r"\bG-?(20|7)\b", sentence)
    if group:
        return f"G{group.group(1)}"
    named = {c.number for c in find_cops(ctx.text)}
    for ref in cops():
        if ref.number in named and ref.presidency == actor:
            return cop_name(ref.number)
    group = re.search(r"\bG-?(20|7)\b", ctx.text)
    if group:
        return f"G{group.group(1)}"
    if named and re.search(r"\bCOP\b", sentence):
        return cop_name(max(named))
    return None


def _nearest_actor(ctx: Context, pos: int, before: int, after: int) -> ActorMention | None:
    """The actor mention closest to `pos` within the sentence: before it, else just after it."""
    start, end = _sentence_bounds(ctx, pos)
    candidates = [m for m in ctx.actor_mentions if max(start, pos - before) <= m.start and m.end <= pos
                  and not re.search(r"\n\s*(?:[-*•]|\n)", ctx.text[m.end:pos])]
    if candidates:
        return candidates[-1]
    after_mentions = [m for m in ctx.actor_mentions if pos <= m.start <= min(end, pos + after)]
    return after_mentions[0] if after_mentions else None


def _pronoun_actor(ctx: Context, pos: int) -> ActorMention | None:
    start, _ = _sentence_bounds(ctx, pos)
    earlier = [m for m in ctx.actor_mentions if start <= m.start and m.end <= pos]
    return earlier[-1] if earlier else None


def extract_presidencies(ctx: Context, forums: list[Forum], people: list[Person] | None = None) -> list[Presidency]:
    """Every presidency the text states; a forum each presidency names is added to `forums`.
    `people` (optional) lets a COP president's title ("COP28 President-Designate") name the presidency."""
    text = ctx.text
    found: dict[tuple[str, str], Presidency] = {}
    unqualified: list[tuple[str, int, int, int]] = []  # a presidency whose body the context must tell

    def record(body: str | None, actor: str | None, start: int, end: int) -> None:
        if not body or not actor:
            return
        key = (body, actor)
        span = Span(start, end, text[start:end])
        if key not in found:
            found[key] = Presidency(of=body, actor=actor, evidence=[span])
        elif span not in found[key].evidence:
            found[key].evidence.append(span)

    for m in _PRESIDENCY.finditer(text):
        body = normalise_body(m.group("body")) if m.group("body") else None
        after = _OF_BODY.match(text, m.end())
        if body is None and after:
            body = normalise_body(after.group("body"))
        actor_mention = _mention_ending_before(ctx, m.start(), _GAP_BEFORE)
        if actor_mention is None and not after:  # "presidency of the Council of the EU": the EU is the body
            of_actor = re.match(r"\s+of\s+(?:the\s+)?", text[m.end():])
            if of_actor:
                at = m.end() + of_actor.end()
                actor_mention = next((a for a in ctx.actor_mentions if a.start == at), None)
        if actor_mention is None and _PRONOUN.search(text[max(0, m.start() - 8):m.start()]):
            actor_mention = _pronoun_actor(ctx, m.start())
        if actor_mention is None:
            assume = _ASSUMES.search(text, max(0, m.start() - 60), m.end())
            if assume and assume.end() == m.end():
                actor_mention = _mention_ending_before(ctx, assume.start(), _BEFORE_ASSUME)
        if actor_mention is None:
            continue
        actor = actor_mention.code
        end = after.end() if after else m.end()
        if body is None or body == "COP":
            unqualified.append((actor, m.start(), min(actor_mention.start, m.start()), max(end, actor_mention.end)))
            continue
        record(body, actor, min(actor_mention.start, m.start()), max(end, actor_mention.end))

    for actor, at, start, end in unqualified:
        # "the Hungarian presidency" after "Hungary holds the presidency of the Council of the EU"
        held = sorted({body for body, holder in found if holder == actor})
        body = held[0] if len(held) == 1 else _context_body(ctx, at, actor)
        record(body, actor, start, end)

    for m in _COP_PRESIDENT.finditer(text):
        mention = _mention_ending_before(ctx, m.start(), re.compile(r"^(?:['’]s)?\s*$"))
        if mention:
            record(normalise_body(m.group("body")), mention.code, mention.start, m.end())

    for m in _PRESIDENT_OF.finditer(text):
        # "Alok Sharma MP, President for COP26, United Kingdom": the state named right after.
        comma = re.match(r"\s*,\s*(?:the\s+)?", text[m.end():])
        at = m.end() + comma.end() if comma else -1
        mention = next((a for a in ctx.actor_mentions if a.start == at), None)
        mention = mention or _nearest_actor(ctx, m.start(), before=80, after=0)
        if mention:
            record(normalise_body(m.group("body")), mention.code, min(mention.start, m.start()), max(m.end(), mention.end))

    names = {name: forum.name for forum in forums for name in (forum.name, *forum.aliases)}
    for m in _CAPACITY.finditer(text):
        body = m.group("body").strip()
        written = body if body in names else next((n for n in names if len(n) >= 3 and body.startswith(n + " ")), None)
        mention = _nearest_actor(ctx, m.start(), before=200, after=0)
        if written and mention and normalise_body(written) is None:
            record(names[written], mention.code, min(mention.start, m.start()), m.end())  # (the forum's own name)
    for m in _CHAIR_IN_OFFICE.finditer(text):
        mention = _nearest_actor(ctx, m.start(), before=80, after=0)
        if mention:
            record(m.group("body") or m.group("body2"), mention.code, min(mention.start, m.start()), m.end())

    for person in people or []:
        # "Sultan Al Jaber, COP28 President-Designate", "Sameh Shoukry, COP27 President and Minister ...":
        # a COP's president speaks for the presiding state.
        role = person.role or ""
        title = re.search(rf"(?:^|\band\s+)(?P<body>{_COP})\s+President(?:-[Dd]esignate)?\b(?!\s+of\b)|"
                          rf"(?:^|,\s*|\band\s+)President(?:-[Dd]esignate)?\s+(?:of|for)\s+(?:the\s+)?(?P<body2>{_COP})\b", role)
        if title and person.actor and re.fullmatch(r"[A-Z]{2}", person.actor) and person.evidence:
            span = person.evidence[0]
            record(normalise_body(title.group("body") or title.group("body2")), person.actor, span.start, span.end)

    presidencies = list(found.values())
    _ensure_forums(presidencies, forums)
    return presidencies


def _ensure_forums(presidencies: list[Presidency], forums: list[Forum]) -> None:
    """GUIDE.md: a presidency's `of` names a forum, so the forum list must hold it."""
    names = {f.name for f in forums} | {a for f in forums for a in f.aliases}
    for p in presidencies:
        if p.of in names:
            continue
        kind = "conference" if p.of.startswith("COP") else "organization" if p.of.startswith("Council") else "forum"
        forums.append(Forum(name=p.of, kind=kind, evidence=list(p.evidence)))
        names.add(p.of)
