"""Who a committing clause's subject is, where the words alone do not say it.

- An opening participial phrase ("Recognizing the rise in wildfire damage, Portugal and
  Spain commit ...") is not the clause's subject or main verb: the subject starts after it.
- A pronoun subject ("They will ...") stands for the previous sentence's subject; when that
  subject is a thing ("The new grid rules take effect in May. They will give investors
  certainty."), the sentence is a prediction about the thing, not a party's commitment.
- "We" in the text of one government (a minister's statement, a prime minister's remarks, a
  ministry's readout, not a joint statement) is that government's state, the publisher's.
- "It was agreed to ..." is the meeting's parties, and so is a joint body of theirs that the
  record names as a forum ("The BNC also agreed to establish a committee ...").
- A joint instrument as subject ("The Accord is intended to mobilize ...") speaks for the
  parties that concluded it, when it states an intention or aim.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.gazetteer import find_actor_mentions
from kg.extract.sentences import Sentence
from kg.extract.whole_words import written_alone
from kg.model.record import Record
from kg.model.reference import country

# "Recognizing ..., ", "Building on ..., ", "Given the urgency of ..., ", "In view of ..., "
OPENER = re.compile(r"\s*(?:[A-Z][a-z]+ing\b|Given\b|Like\b|Unlike\b|As\s+with\b|In\s+view\s+of\b|In\s+light\s+of\b|Mindful\s+of\b|"
                    r"Aware\s+of\b|Conscious\s+of\b)[^,;:]{0,240},\s+")
PRONOUN = re.compile(r"\s*(?:they|it|these|those)\s*$", re.IGNORECASE)
INSTRUMENT = re.compile(r"\b(?:this|the|these)\s+(?:[\w-]+\s+){0,5}?(?:accord|agreement|compact|pact|memorandum|mou|"
                        r"declaration|partnership|collaboration)s?\s+(?:(?:is|are)\s+)?$", re.IGNORECASE)
INTENT_CUE = re.compile(r"intend|intended|aims?\b|pledge|commit", re.IGNORECASE)
# Words that make a subject a group of people or states, not a thing.
_PEOPLE = re.compile(
    r"\b(?:sides?|leaders?|ministers?|countries|country|governments?|government|parties|partners?|delegations?|"
    r"officials?|presidents?|prime\s+ministers?|envoys?|secretary|secretaries|members?|states|nations|participants|"
    r"chairs?|co-chairs|we|they|he|she|both|all|each|his|her|their|our)\b", re.IGNORECASE)


def opener_end(text: str) -> int:
    """Where the subject starts after an opening participial phrase; 0 when there is none."""
    match = OPENER.match(text)
    return match.end() if match else 0


def pronoun_stands_for_a_thing(ctx: Context, sentence: Sentence, subject: str) -> bool:
    """Whether a pronoun subject refers back to a thing: the previous sentence opens with neither
    a state, a person nor a group of them."""
    if not PRONOUN.fullmatch(subject):
        return False
    previous = [s for s in ctx.sentences if s.end <= sentence.start]
    while previous and PRONOUN.fullmatch(" ".join(previous[-1].text.split()[:1])):
        previous.pop()  # "They will ... They will also ...": the antecedent is further back
    if not previous:
        return False
    before = previous[-1]
    head = " ".join(before.text.split()[:8])
    head_end = before.start + len(head)
    if any(before.start <= a.start < head_end for a in ctx.actor_mentions):
        return False
    if _PEOPLE.search(head):
        return False
    # A capitalised name that is not the first word may be a person ("Minister Lind met ...").
    return not re.search(r"\b(?:Mr|Ms|Mrs|Dr|H\.E|President|Minister|Secretary|Envoy|Commissioner)\b", head)


FIRST_PERSON = re.compile(r"\s*(?:(?:also|together|jointly|further|therefore|now|today)\s+)*(?:we|our\s+[\w-]+(?:\s+[\w-]+)?)\s+"
                          r"(?:(?:also|will|are|have|remain|further|jointly|continue\s+to)\s+)*$", re.IGNORECASE)
IMPERSONAL = re.compile(r"\s*it\s+(?:was|has\s+been|is|had\s+been)\s+(?:also\s+|further\s+)?$", re.IGNORECASE)
_JOINT = re.compile(r"\bjoint\b|\bcommuniqu|\bchair'?s'?\s+summary|\bdeclaration\b|\bleaders'?\s+statement",
                    re.IGNORECASE)


def home_state(ctx: Context, record: Record) -> str | None:
    """The state whose government speaks in the first person: the one state its publisher names,
    unless the document is a joint text (a joint statement, communiqué, chair's summary)."""
    cached = ctx.notes.get("home_state", "?")
    if cached != "?":
        return cached if isinstance(cached, str) else None
    head = " ".join([record.document.title or "", ctx.text[:300]])
    home = None if _JOINT.search(head) else publishing_state(record.document.publisher or "")
    ctx.notes["home_state"] = home
    return home


def publishing_state(publisher: str) -> str | None:
    """The one state (or the EU) whose government a publisher's name says it is ("Ministry of
    Foreign Affairs of Japan" → JP; "European Commission" → EU); None for a joint text's
    publisher, a name of no state or of several, and what a re-publisher adds ("(as re-published
    by …)" is not the publisher)."""
    if not publisher or _JOINT.search(publisher):
        return None
    own = re.split(r"\s*[(,;]\s*(?:as\s+|text\s+as|CNW|re-?published|carried|distributed|mirrored)", publisher)[0]
    codes = {m.code for m in find_actor_mentions(own)}
    return codes.pop() if len(codes) == 1 else None


def names_a_forum(record: Record, text: str) -> bool:
    """Whether the text names one of the readout's forums, by its name or an alias."""
    for forum in record.forums:
        for name in (forum.name, *forum.aliases):
            if len(name) >= 3 and written_alone(name, text):
                return True
    return False


def forum_names_in(record: Record, text: str) -> str:
    """The full names of the readout's forums that the text names by an alias or acronym ("the JWG"
    → "Joint Working Group in the field of Renewable Energy"), so that what they are about is read."""
    acronyms = set(re.findall(r"\b[A-Z]{2,6}\b", text))
    found = []
    for forum in record.forums:
        initials = "".join(w[0] for w in re.findall(r"\b[A-Z][\w-]*", forum.name))
        if any(len(a) >= 2 and written_alone(a, text) for a in forum.aliases) or \
                any(len(a) >= 3 and initials.startswith(a) for a in acronyms):
            found.append(forum.name)  # an alias, or the initials of the name ("JWG", "Joint Working Group ...")
    return " ".join(found)


# "the Kingdom and the Sultanate will ...": a state called by the form of its state (reference data:
# the official name "Kingdom of Saudi Arabia", "Sultanate of Oman"), when one state of the readout has it.
_STATE_FORM = re.compile(r"\b[Tt]he\s+(Kingdom|Sultanate|Emirate|Principality|Grand\s+Duchy|Republic|Federation)\b"
                         r"(?!\s+of\b)(?!\s+[A-Z])")
# "The Presidency will publish ...": the state holding the presidency the readout records.
_PRESIDENCY = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Oo]ur)\s+(?:(?P<body>[A-Z][\w-]*)\s+)?Presidency\b(?!\s+of\b)")


def states_by_form(record: Record, text: str) -> list[str]:
    """The states a subject calls by their form of state or by the presidency they hold."""
    found: list[str] = []
    for m in _STATE_FORM.finditer(text):
        form = re.sub(r"\s+", " ", m.group(1))
        holders = [a.code for a in record.actors
                   if (ref := country(a.code)) is not None and ref.official_name
                   and re.search(rf"\b{form}\b", ref.official_name)]
        if len(holders) == 1 and holders[0] not in found:
            found.append(holders[0])
    for m in _PRESIDENCY.finditer(text):
        body = m.group("body")
        holders = [p.actor for p in record.presidencies if p.actor and (body is None or body.lower() in p.of.lower())]
        if holders and holders[0] not in found:
            found.append(holders[0])
    return found
