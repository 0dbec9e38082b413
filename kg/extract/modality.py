"""Modality of a clause: does it commit its subject to a future action, and how?

A commit cue is a verb phrase of commitment (commit, pledge, agree to, decide to, intend, plan
to, resolve to, will, are determined to, are willing to, reaffirm or reiterate a commitment,
stand united in a commitment, agree on the need to, launch a new mechanism, join in launching).
What does not commit: welcoming, noting, discussing, "looking forward", urging; a "will" of an
itinerary or a delegation's make-up ("will travel", "will further comprise"), or of a
prediction ("will unlock"); a cue in a relative clause ("a Challenge, which will ...") or in
the past perfect ("had joined"); launching a one-off event rather than a mechanism.
"""

from __future__ import annotations

import re
from functools import lru_cache

CUE = re.compile(
    r"\b(?:commit(?:s|ted)?\s+(?:themselves\s+)?to|(?:am|are|is|remain|remains|were|was|be|being|similarly|also|"
    r"firmly|fully|strongly|deeply)\s+(?:\w+\s+)?committed\s+(?:to|towards)|"
    r"(?:show\w*|demonstrat\w*)\s+(?:\w+\s+){0,2}commitment\s+to|"
    r"(?:highlight\w*|underline\w*|showed|demonstrated)\s+the\s+(?:\w+\s+){0,2}commitment\s+of|"
    r"(?-i:pledge[sd]?\b|pledging)|agree[sd]?\s+to|agree[sd]?\s+(?:on|upon)\s+the\s+need\s+to|agree[sd]?\s+(?:on|upon)\s+\w+ing\b|"
    r"decide[sd]?\s+(?:not\s+)?to|resolv(?:e|es|ed)\s+to|(?:am|is|are|was|were|remain\w*)\s+willing\s+to|"
    r"\bin\s+(?:their|our|its|his|her)\s+(?:\w+\s+)?commitment\s+to|joined\s+in\s+\w+ing\b|planning\s+to|intends?\b|intended\s+to|intentions?\b|"
    r"intent\b|will\b|shall\b|plans?\s+to|planned\s+\w+|(?:are|is)\s+determined\s+to|determination\s+to|"
    r"(?:(?:reaffirm|reiterat|restat|renew)\w*|(?:underscor|underlin|emphasi[sz]|stress)(?:e|es|ed)\b)\s+"
    r"(?:\S+\s+){0,4}?(?:commitment|intention|intent|resolve|determination|pledge|goal|"
    r"vision|objective|support\s+for\s+(?:the\s+)?(?:goal|target|transition))|reaffirm(?:s|ed)?\s+that|"
    r"(?-i:resolve)\b|(?:launch(?:ed|es)?\s+(?:a|an|the)|announc(?:ed|es)(?:\s*,[^,]{1,40},)?\s+(?:a|an))\s+(?:\S+\s+){0,6}?"
    r"(?-i:[A-Z][\w-]*\s+)?(?:partnership|initiative|pledge|programme|program|plan|platform|alliance|coalition|fund|"
    r"facility|pathway|mission|dialogue|roadmap|challenge|campaign|mechanism|strategy|compact|agenda|network|"
    r"cent(?:re|er)|hub|consortium|accord|framework|task\s+force|working\s+group|project|cooperation)s?\b|announced\s+(?:a|an)\s+new|"
    r"announced\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}(?:event|initiative|programme|program|plan|campaign)\s+to\s+be\b|"
    r"joined\s+the|joining\s+the|aims?\s+to\s+achieve)", re.I)
EXCLUDE = re.compile(
    r"\b(?:welcom\w*|appreciat\w*|look(?:ed|s)?\s+forward|discuss(?:ed|es|ing)?\b|not(?:ed|es)\b|take\s+note|took\s+note|"
    r"exchang\w*\s+views|underscor\w*|emphasi[sz]\w*|congratulat\w*|commend\w*|recogni[sz]\w*|call(?:ed|s)?\s+on|"
    r"urg(?:e|es|ed|ing)|expressed\s+support|is\s+expected|are\s+expected)\b", re.I)
NOT_A_CUE_AFTER_WILL = re.compile(
    r"^\s*(?:(?:also|further|then|later|next|first|subsequently)\s+)*(?:comprise|consist|include|be\s+composed|"
    r"be\s+led|be\s+joined\s+by|tour|highlight|outline|brief|take\s+part|give\s+(?:a|the)\s+"
    r"(?:speech|keynote|address|statement)|arrive|depart|return|fly|stop\s+(?:in|at)|be\s+in\b|be\s+held|take\s+place|be\s+accompanied|meet\b|attend|participate|visit|"
    r"deliver\s+(?:\S+\s+){0,3}(?:[Ss]tatement|speech|remarks|address|keynote)|(?:co-)?host\b(?!\s+an?\s)|be\s+(?:co-)?hosted|"
    r"discuss|exchange|chair|address|focus|kick\s+off|be\s+co-chaired|have\s+bilateral|hold\s+bilateral|hold\s+(?:the|a|their|its)\s+(?:[\w-]+\s+){0,2}(?:meeting|dialogue|session|round|talks)|speak|"
    r"lead\s+the\s+(?:delegation|negotiations|talks)|join\s+\w+\s+for|travel|be\s+(?:a|an|the)\b|generate|unlock|create|"
    r"play|"
    r"bolster|reduce\s+warming|help\s+shift|result|depend|remain\s+a|be\s+(?:key|critical|important|essential))", re.I)

_RELATIVE_THAT = re.compile(r"\b(?:that|which|who)\s+(?:also\s+)?$")
_RELATIVE_WHICH = re.compile(
    r"(?<!\bin\s)(?<!\bby\s)(?<!\bunder\s)(?<!\bthrough\s)\b(?:which|whom|where)\s+(?:[\w'’-]+\s+){1,3}$")
_ELEVATES_TIES = re.compile(r"\s*(?:to\s+)?(?:elevate|upgrade|raise)\s+(?:\S+\s+){0,3}(?:relations|relationship|ties)\b")
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?$")
_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|for|on|to|with|about|by|from)\s+$")


def _last_words_start(text: str, end: int, words: int = 4) -> int:
    """Where the last `words` runs of non-space before `end` begin: the patterns above that end at
    `end` ($) span at most four such runs, so they are searched from there, not from the text's
    start (a readout's paragraph has dozens of cues)."""
    i = end
    for _ in range(words):
        while i > 0 and text[i - 1].isspace():  # str.isspace is the regular expressions' \s
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


def commit_cues(text: str) -> list[re.Match[str]]:
    """The commit cues of a text, in order, without those that do not commit (see the module)."""
    return list(_commit_cues(text))


# Commitments ask again for the cues of a sentence (its clauses, its neighbours): kept per text.
@lru_cache(maxsize=512)
def _commit_cues(text: str) -> tuple[re.Match[str], ...]:
    out = []
    for m in CUE.finditer(text):
        word = m.group().lower()
        if word in ("will", "shall") and NOT_A_CUE_AFTER_WILL.match(text[m.end():]):
            continue
        # `text[:m.start()]` ends at the cue: searched as that prefix (endpos), from its last words
        before, near = m.start(), _last_words_start(text, m.start())
        if _RELATIVE_THAT.search(text, near, before) or _RELATIVE_WHICH.search(text, near, before):
            continue  # a relative clause: "a Challenge, which will ...", "a Conference, which France will host"
        if _ELEVATES_TIES.match(text, m.end()):
            continue  # "agreed to elevate China-Brazil relations": diplomacy, not a climate action
        if _PAST_PERFECT.search(text, near, before):
            continue  # "recalled that Ghana and Germany had both joined the Pledge": a past action
        if word.startswith("planned") and _AFTER_PREPOSITION.search(text, near, before):
            continue  # "experience in planned relocation": a noun's modifier, not an intention
        out.append(m)
    return tuple(out)
