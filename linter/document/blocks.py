"""Prose blocks: the text rules read, with an exact map back to the source.

A Block is one heading, paragraph, table cell or footnote paragraph. Its `text`
is the prose as a reader sees it (markup removed, inline code replaced by a
placeholder word) and `segments` map every range of that text back to the
normalised source text. This is LTeX's "annotated text" idea: rules match on
clean prose; positions still land on the exact source characters.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# Segment kinds.
LITERAL = 0  # prose[p:p+n] == source[s:s+n], character for character
SUBSTITUTE = 1  # one prose character stands for a short source run: "&amp;" -> "&", a line break -> " "
PLACEHOLDER = 2  # a placeholder word for inline code, an image or a URL: never reported inside


@dataclass(slots=True, frozen=True)
class Segment:
    prose_start: int
    prose_end: int
    source_start: int
    source_end: int
    kind: int


@dataclass(slots=True, frozen=True)
class Link:
    """A link whose text is prose[start:end]; `target` is the destination."""

    start: int
    end: int
    target: str
    kind: str = "inline"  # "inline", "reference", "autolink" (bare URL), "image"


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Block:
    kind: str  # "heading", "paragraph" or "table_cell"
    text: str
    segments: list[Segment]
    # Enclosing containers, outermost first: "blockquote", "list_item", "footnote".
    containers: tuple[str, ...] = ()
    level: int = 0  # heading level
    links: list[Link] = field(default_factory=list)
    # Prose offsets of footnote references ("[^1]") in this block, with their labels.
    footnote_refs: list[tuple[int, str]] = field(default_factory=list)
    index: int = 0  # position among the document's blocks
    _starts: list[int] = field(default_factory=list, repr=False)
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _words: list[Word] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.prose_start for s in self.segments]

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def in_footnote(self) -> bool:
        return "footnote" in self.containers

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            from .sentences import split_sentences

            self._sentences = split_sentences(self.text)
        return self._sentences

    @property
    def words(self) -> list[Word]:
        if self._words is None:
            from .sentences import split_words

            self._words = split_words(self.text)
        return self._words

    def sentence_at(self, offset: int) -> Sentence | None:
        sentences = self.sentences
        i = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and sentences[i].start <= offset < sentences[i].end:
            return sentences[i]
        return None

    def _segment_at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        return seg if offset < seg.prose_end else None

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Map the prose range [start, end) to a source range, or None.

        None means the range begins or ends inside a placeholder (inline code,
        an image, a URL) or in text that has no source (never reported).
        A range may contain placeholders in its middle: a sentence that
        mentions `code` is still reported as a whole sentence.
        """
        if end <= start:
            return None
        first = self._segment_at(start)
        last = self._segment_at(end - 1)
        if first is None or last is None:
            return None
        if first.kind == PLACEHOLDER or last.kind == PLACEHOLDER:
            return None
        if first.kind == LITERAL:
            src_start = first.source_start + (start - first.prose_start)
        else:
            src_start = first.source_start
        if last.kind == LITERAL:
            src_end = last.source_start + (end - last.prose_start)
        else:
            src_end = last.source_end
        return src_start, src_end

    def source_offset(self, offset: int) -> int | None:
        """Source offset of one prose character (None inside placeholders)."""
        span = self.to_source(offset, offset + 1)
        return None if span is None else span[0]
