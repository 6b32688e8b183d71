"""Citation detection: does a sentence cite a verifiable source?

The unit is the sentence. A sentence is *sourced* when it carries one of:

- ``link``: an inline link ``[text](https://…)``, a reference-style link
  whose label resolves (``[text][ref]`` with ``[ref]: https://…``; markdown
  leaves an unresolved one as plain text, so it never counts), or a bare URL.
  Image links and links to ``#anchors``, ``mailto:``, ``tel:`` or
  ``javascript:`` do not count.
- ``footnote``: a footnote reference ``[^x]`` that has a definition (an
  undefined one stays plain text), or an inline footnote ``^[…]``.
- ``numeric``: ``[3]``, ``[3, 5]`` or ``[3–5]`` when every number is an entry
  of a references section: a heading called References, Sources,
  Bibliography, Works cited, Citations, Notes or Endnotes followed by a
  numbered list or by paragraphs that start with ``[n]`` or ``n.``.
- ``author-year``: a parenthetical ``(Tabbaa, 2008)``, ``(Smith et al.
  2019; Lee & Park, 2020a)``, ``(WHO, 2021, p. 4)`` or a narrative
  ``Tabbaa (2008)``. "(March 2020)" and "(in 2015)" are dates, not citations.
- ``identifier``: a DOI (``10.1000/xyz``, ``doi:10.…``), an arXiv id or a
  PubMed id written in the text.

A link, footnote or numeric reference written right after a sentence's full
stop belongs to that sentence ("… in 2015.[^2]" or "… in 2015. [4]").

One paragraph-level rule, kept conservative: when a paragraph's *last*
sentence is a source line — it starts with "Source:", "Sources:", "Data:",
"Via", "See", "Read more", "More:" or "For details, see" and itself cites a
source — that citation covers every sentence of the paragraph. A link in an
ordinary last sentence covers only that sentence.

A *bare attribution* leans on a source without a way to check it:
"according to the ministry's annual report", "studies show", "a study
published in 2019", "experts say". (Claims of fame such as "globally
recognised" are an `attribution` signal of claims.unsourced, not a source
named in words.) It does not make a sentence sourced; the claims rules
report it with its own message.

Footnote definitions and the entries of a references section are sources
themselves: `CitationIndex.is_source_block` tells rules to skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...document import Block, Document, Sentence
from ...document.memo import DocumentMemo
from .prefilter import LiteralGate, Need, fold, literal_gate

CITATION_KINDS = ("link", "footnote", "numeric", "author-year", "identifier")


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation in a block."""

    kind: str  # one of CITATION_KINDS
    start: int  # prose offsets in the block
    end: int
    text: str  # the link target, footnote label or cited text


@dataclass(frozen=True, slots=True)
class Attribution:
    """A bare attribution: a source named in words only."""

    start: int
    end: int
    text: str


# -- references sections -----------------------------------------------------------------
_REFERENCE_HEADINGS = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:references?|sources?|bibliography|works\s+cited|citations?|notes|"
    r"endnotes|notes\s+and\s+references|references\s+and\s+notes|literature\s+cited)\s*:?\s*$",
    re.IGNORECASE,
)
_ENTRY_NUMBER_TEXT = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s")
_LIST_MARKER = re.compile(r"(\d{1,9})[.)][ \t]*$")

# -- citations in prose ---------------------------------------------------------------------
_NUMERIC = re.compile(r"\[(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\]")
_NAME = r"[A-Z][\w'’\-]*[a-zA-Z](?:\s(?:van|von|de|der|da|del|di|le|la|bin|al)\s[A-Z][\w'’\-]+)?"
_AUTHORS = (_NAME + r"(?:(?:,\s*|\s+(?:and|&)\s+)" + _NAME + r")*(?:\s+et\s+al\.?)?"
            r"(?:,?\s+(?:and|&)\s+" + _NAME + r")?")
_YEAR = r"(?:1[5-9]\d{2}|20\d{2})[a-z]?|n\.\s?d\."
_ONE = r"(?:" + _AUTHORS + r"),?\s+(?:" + _YEAR + r")(?:,\s*(?:pp?\.\s*[\d\-–]+|" + _YEAR + r"))*"
_PAREN_CITE = re.compile(
    r"\((?:(?:see|e\.g\.|cf\.)(?:,)?\s+)?" + _ONE + r"(?:\s*;\s*" + _ONE + r")*\)")
_NARRATIVE_CITE = re.compile(
    r"(?<![\w'’-])(?:" + _AUTHORS + r")\s+\((?:" + _YEAR + r")(?:,\s*pp?\.\s*[\d\-–]+)?\)")
# Words that look like an author before a year but are dates or plain words.
_NOT_AUTHORS = frozenset("""
January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Spring Summer Autumn Fall Winter
In Since From Until Till Before After By Circa Around About During Through Between Of
The A An Early Late Mid Q1 Q2 Q3 Q4 Est Estimated Founded Established Born Died Updated
""".split())
_IDENTIFIER = re.compile(
    r"(?<![\w/.])(?:doi:\s?)?10\.\d{4,9}/[-._;()/:A-Za-z0-9]*[A-Za-z0-9]"
    r"|\barXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?"
    r"|\bPMID:?\s?\d{5,9}\b",
    re.IGNORECASE,
)


@cache
def _identifier_gate():
    return literal_gate(_IDENTIFIER.pattern, _IDENTIFIER.flags) or LiteralGate(Need(parts={""}))


_NOT_SOURCE_TARGETS = ("#", "mailto:", "tel:", "javascript:", "data:")

# -- bare attributions ----------------------------------------------------------------------
# The phrase runs to the next comma, semicolon, dash, parenthesis or full stop
# (at most ~8 words), so the message can quote what the writer leaned on.
_STOP = (r"(?:that|which|who|found|finds|find|shows?|showed|shown|suggests?|suggested|reveals?|"
         r"revealed|says?|said|states?|stated|concludes?|concluded|reported|is|are|was|"
         r"were|has|have|had)\b")
_TAIL = r"(?:\s+(?!" + _STOP + r")[^\s,;:()–—.]+){0,8}"
_BARE_ATTRIBUTION = re.compile(
    r"\baccording\s+to" + _TAIL
    + r"|\bas\s+(?:reported|noted|stated|shown|documented)\s+(?:by|in)" + _TAIL
    + r"|\b(?:a|an|one|the|recent|several|many|some|numerous)\s+(?:recent\s+|new\s+|major\s+|"
      r"landmark\s+|government\s+|official\s+|annual\s+|independent\s+)*"
      r"(?:study|studies|report|reports|survey|surveys|paper|analysis|review|poll|audit|"
      r"investigation|assessment|census|evaluation)"
      r"\s+(?:by|from|in|published|conducted|released|commissioned|carried\s+out)" + _TAIL
    + r"|\b(?:studies|research|data|evidence|reports|surveys|statistics|figures|experts?|"
      r"scientists|researchers|analysts|officials|sources|observers|historians)\s+"
      r"(?:have\s+|has\s+)?(?:show|shows|shown|suggest|suggests|suggested|indicate|indicates|"
      r"indicated|prove|proves|proved|proven|confirm|confirms|confirmed|reveal|reveals|revealed|"
      r"say|says|said|agree|believe|claim|claims|note|estimate|estimates|warn|warned)\b"
    + r"|\b(?:it\s+is|it's|it\s+has\s+been)\s+(?:widely\s+|generally\s+|often\s+)?"
      r"(?:said|believed|known|reported|claimed|estimated|acknowledged|accepted)\b",
    re.IGNORECASE,
)

# A paragraph's closing source line: "Source: …", "See the report …".
_SOURCE_LINE = re.compile(
    r"^\(?\s*(?:sources?|data|via|references?|more|read\s+more|see(?:\s+also)?|"
    r"for\s+(?:details|more)(?:\s+\w+)?,?\s+see)\b\s*:?",
    re.IGNORECASE,
)


class CitationIndex:
    """Citation facts for one document, computed once and shared by the claims rules."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.reference_numbers: set[int] = set()
        self._source_blocks: set[int] = set()
        self._find_references_sections()
        self._by_block: dict[int, list[list[Citation]]] = {}

    # -- document structure ---------------------------------------------------------
    def _find_references_sections(self) -> None:
        blocks = self.document.blocks
        text = self.document.text
        i = 0
        while i < len(blocks):
            head = blocks[i]
            if not (head.is_heading and _REFERENCE_HEADINGS.match(head.text)):
                i += 1
                continue
            entries = []
            j = i + 1
            while j < len(blocks) and not (blocks[j].is_heading and blocks[j].level <= head.level):
                if not blocks[j].is_heading and not blocks[j].in_footnote:
                    entries.append(blocks[j])
                    self._source_blocks.add(blocks[j].index)
                j += 1
            numbers = [n for n in (_entry_number(b, text) for b in entries) if n is not None]
            if numbers and all(a < b for a, b in zip(numbers, numbers[1:])):
                self.reference_numbers.update(numbers)
            else:
                # Unnumbered entries, or a list written "1. 1. 1." that markdown numbers
                # on from its first item.
                first = numbers[0] if numbers else 1
                self.reference_numbers.update(range(first, first + len(entries)))
            i = j

    def is_source_block(self, block: Block) -> bool:
        """Footnote definitions and references entries: sources, not claims."""
        return block.in_footnote or block.index in self._source_blocks

    # -- per sentence -----------------------------------------------------------------
    def citations(self, block: Block, sentence_index: int) -> list[Citation]:
        """The citations that source sentence `sentence_index` of `block`."""
        per_sentence = self._by_block.get(block.index)
        if per_sentence is None:
            per_sentence = self._assign(block)
            self._by_block[block.index] = per_sentence
        return per_sentence[sentence_index] if sentence_index < len(per_sentence) else []

    def sentence_citations(self, block: Block, sentence: Sentence) -> list[Citation]:
        for i, s in enumerate(block.sentences):
            if s.start == sentence.start:
                return self.citations(block, i)
        return []

    def _assign(self, block: Block) -> list[list[Citation]]:
        sentences = block.sentences
        out: list[list[Citation]] = [[] for _ in sentences]
        if not sentences:
            return out
        starts = [s.start for s in sentences]
        for cit in self.block_citations(block):
            i = _owner(starts, cit.start)
            # A marker right at the start of a sentence ("… 2015. [4] Next") closes the
            # previous one: writers put citations after the full stop.
            if (i > 0 and cit.kind in ("footnote", "numeric")
                    and not block.text[starts[i]:cit.start].strip()):
                i -= 1
            out[i].append(cit)
            if cit.kind == "link":
                # A link that runs over a sentence boundary sources every sentence it touches.
                k = i + 1
                while k < len(sentences) and starts[k] < cit.end:
                    out[k].append(cit)
                    k += 1
        last = sentences[-1]
        if len(sentences) > 1 and out[-1] and _SOURCE_LINE.match(last.text):
            for cits in out[:-1]:
                cits.extend(out[-1])
        return out

    def block_citations(self, block: Block) -> list[Citation]:
        found: list[Citation] = []
        for link in block.links:
            if link.kind == "image" or not _is_source_target(link.target):
                continue
            found.append(Citation("link", link.start, link.end, link.target))
        for offset, label in block.footnote_refs:
            if label == "" or label in self.document.footnote_definitions:
                found.append(Citation("footnote", offset, offset, label or "^[…]"))
        text = block.text
        # Each regex needs a bracket, a parenthesis or an identifier prefix: most blocks
        # have none of them and skip the scan (see prefilter).
        if "[" in text and self.reference_numbers:
            for m in _NUMERIC.finditer(text):
                numbers = _expand(m.group(1))
                if numbers and numbers <= self.reference_numbers:
                    found.append(Citation("numeric", m.start(), m.end(), m.group()))
        if "(" in text:
            for regex in (_PAREN_CITE, _NARRATIVE_CITE):
                for m in regex.finditer(text):
                    if _is_author_year(m.group()):
                        found.append(Citation("author-year", m.start(), m.end(), m.group()))
        if _identifier_gate().admits(fold(text)):
            for m in _IDENTIFIER.finditer(text):
                found.append(Citation("identifier", m.start(), m.end(), m.group()))
        found.sort(key=lambda c: (c.start, c.end))
        return found


def bare_attributions(text: str) -> list[Attribution]:
    """Attributions in words only ("according to the ministry's annual report")."""
    out = []
    for m in _BARE_ATTRIBUTION.finditer(text):
        phrase = m.group().rstrip()
        out.append(Attribution(m.start(), m.start() + len(phrase), phrase))
    return out


_INDEXES = DocumentMemo()


def citation_index(document: Document) -> CitationIndex:
    """The document's CitationIndex; the registry and unsourced rules share one."""
    return _INDEXES.get(document, None, lambda: CitationIndex(document))


# -- helpers ------------------------------------------------------------------------------------
def _is_source_target(target: str) -> bool:
    t = target.strip().lower()
    return bool(t) and not t.startswith(_NOT_SOURCE_TARGETS)


def _owner(starts: list[int], offset: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _expand(spec: str) -> set[int]:
    numbers: set[int] = set()
    for part in re.split(r"\s*,\s*", spec):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 1:
            numbers.add(int(bounds[0]))
        else:
            lo, hi = int(bounds[0]), int(bounds[-1])
            if hi < lo or hi - lo > 50:
                return set()
            numbers.update(range(lo, hi + 1))
    return numbers


def _is_author_year(text: str) -> bool:
    first = re.match(r"\(?(?:(?:see|e\.g\.|cf\.),?\s+)?([A-Z][\w'’\-]*)", text)
    return first is not None and first.group(1) not in _NOT_AUTHORS


def _entry_number(block: Block, text: str) -> int | None:
    """The number of a references entry: its list marker, or a leading "[n]" / "n."."""
    m = _ENTRY_NUMBER_TEXT.match(block.text)
    if m:
        return int(m.group(1) or m.group(2))
    if "list_item" in block.containers and block.segments:
        start = block.segments[0].source_start
        line_start = text.rfind("\n", 0, start) + 1
        m = _LIST_MARKER.search(text[line_start:start])
        if m:
            return int(m.group(1))
    return None
