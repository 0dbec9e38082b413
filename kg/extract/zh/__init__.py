"""The Chinese extraction path: a Chinese `Document` → the same `Record` as the English path.

Chinese needs its own reading of every fact (no spaces between words, names written
without capitals, states by one character), but not its own contract: GUIDE.md and ZH.md
say the record is the same, with names as the text writes them, COPs as `COP<n>` and
states as ISO codes.

Decisions (DECISIONS-style):

- No word segmenter. jieba was tried on readouts: loading its dictionary costs about 1.3 s
  per process (every `kg extract` call), and its person-name tags split transliterated
  foreign names (波德/斯塔, 巴/巴耶夫) and some Chinese ones (王伟/中). The facts this path
  reads are anchored on closed vocabularies that are general knowledge instead: titles of
  office next to names, the surnames and the transliteration characters of names, the
  head nouns of forum names, commit verbs, and the verbs and prepositions that bound a
  name. Those rules are deterministic and need no dictionary load.
- pypinyin (romanising names for IRIs and for matching across languages) is used at
  mapping time only, never here: extraction keeps names as written.
- Sentences end at 。！？ and their ASCII forms (NFKC-normalised texts); clauses at commas
  of either width, never inside quotation or title marks.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.gazetteer import actor_name
from kg.extract.zh.actors import ZhActorMention, find_actor_mentions
from kg.extract.zh.commitments import extract_commitments
from kg.extract.zh.forums import find_forums, merge_forums
from kg.extract.zh.meetings import extract_meetings
from kg.extract.zh.metadata import extract_document_info
from kg.extract.zh.people import extract_people
from kg.extract.zh.presidencies import extract_presidencies
from kg.extract.zh.text import fold_width, split_sentences
from kg.model.record import Actor, Record, Span
from kg.read.document import Document

__all__ = ["extract_zh"]


def _actors(mentions: list[ZhActorMention]) -> list[Actor]:
    by_code: dict[str, Actor] = {}
    for mention in mentions:
        actor = by_code.setdefault(mention.code, Actor(code=mention.code, name=actor_name(mention.code)))
        actor.evidence.append(Span(mention.start, mention.end, mention.surface))
    return list(by_code.values())


def _parties(mentions: list[ZhActorMention]) -> list[str]:
    """The parties of the text (双方, 两国): the two states named most, China first if named."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.code] = counts.get(mention.code, 0) + 1
    ranked = sorted(counts, key=lambda code: (-counts[code], code))
    return sorted(ranked[:2])


def extract_zh(doc: Document) -> Record:
    """Every fact of GUIDE.md read from a Chinese readout; spans and quoted sentences are the text's own."""
    original = doc.text
    text = fold_width(original)  # rules read ASCII punctuation; offsets are unchanged
    info = extract_document_info(doc)
    year = int(info.published[:4]) if info.published else None
    sentences = split_sentences(text)
    mentions = find_actor_mentions(text)
    record = Record(document=info, text=original, source=doc.source)
    record.actors = _actors(mentions)
    record.people = extract_people(text, mentions)
    record.forums = merge_forums(find_forums(text, mentions, year), text)
    record.presidencies = extract_presidencies(text, mentions, record.forums, record.people)
    parties = _parties(mentions)
    record.meetings = extract_meetings(text, sentences, info.published, mentions, record.people, record.forums,
                                       parties)
    # 双方 in a commitment: the parties of the readout's (first) meeting, when it names two or more.
    meeting_parties = next((m.participants for m in record.meetings if len(m.participants) >= 2), parties)
    record.commitments = extract_commitments(text, sentences, mentions, record.people, meeting_parties,
                                             info.published)
    _restore_text(record, original)
    return record


def _restore_text(record: Record, original: str) -> None:
    """Quoted sentences and evidence as the document writes them (full-width forms and all)."""

    def spans(items: list[Span]) -> list[Span]:
        return [replace(s, text=original[s.start:s.end]) for s in items]

    for group in (record.actors, record.people, record.forums, record.presidencies, record.meetings):
        for item in group:
            item.evidence = spans(item.evidence)
    for commitment in record.commitments:
        commitment.evidence = spans(commitment.evidence)
        if commitment.evidence:
            commitment.text = commitment.evidence[0].text
