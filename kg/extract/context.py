"""What every extractor shares about one document: text, structure, sentences, actor mentions, dates."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.gazetteer import ActorMention, find_actor_mentions
from kg.extract.sentences import Sentence, split_sentences
from kg.read.document import Document
from kg.read.structure import Block, read_structure


@dataclass
class Context:
    doc: Document
    sentences: list[Sentence]
    actor_mentions: list[ActorMention]
    published: str | None = None  # YYYY-MM-DD, set once document metadata is read
    notes: dict[str, object] = field(default_factory=dict)  # scratch space between stages
    blocks: list[Block] = field(default_factory=list)  # the text's structure; sentence.paragraph indexes it

    @property
    def text(self) -> str:
        return self.doc.text

    @classmethod
    def build(cls, doc: Document) -> Context:
        blocks = read_structure(doc.text)  # the blocks split_sentences reads (both kept per text)
        return cls(doc=doc, sentences=split_sentences(doc.text),
                   actor_mentions=find_actor_mentions(doc.text), blocks=blocks)
