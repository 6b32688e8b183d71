"""Sentences as word tokens with the text between them, for the offline grammar checks.

Several rules (agreement, possessive) read the same tokens, so a document's
tokens are made once and shared: each token carries what the rules ask of it
again and again (its folded form, whether it is a placeholder) as a plain
attribute instead of recomputing it per rule and per question.
"""

from __future__ import annotations

from ...document.blocks import PLACEHOLDER
from .words import fold


class Token:
    """One word of a sentence. Treat as read-only: the rules share one instance."""

    __slots__ = ("text", "start", "end", "gap", "index", "low", "joined", "capitalized",
                 "placeholder")

    def __init__(self, text: str, start: int, end: int, gap: str, index: int,
                 placeholder: bool = False, low: str | None = None) -> None:
        self.text = text
        self.start = start  # prose offsets in the block
        self.end = end
        self.gap = gap  # text between the previous token (or the sentence start) and this one
        self.index = index
        self.low = fold(text) if low is None else low
        # Nothing but spaces between this token and the previous one.
        self.joined = not gap.strip()
        self.capitalized = text[:1].isupper()
        # Inline code, a URL or an image: never judged as prose.
        self.placeholder = placeholder

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, index={self.index})"


# One document at a time flows through the rules, so a one-entry cache (like the
# terminology analysis) shares the tokens between rules and keeps no document
# alive after the next one arrives. A tuple is swapped in whole, so a reader
# never sees one document's tokens under another document.
_memo: tuple = (None, {})


def sentence_tokens(document, block) -> list[list[Token]]:
    """The words of each sentence of a block, in order (made once per document)."""
    global _memo
    owner, memo = _memo
    if owner is not document:
        memo = {}
        _memo = (document, memo)
    tokens = memo.get(id(block))  # the document keeps its blocks alive: ids are stable
    if tokens is None:
        tokens = memo[id(block)] = _tokenize(block)
    return tokens


def _tokenize(block) -> list[list[Token]]:
    out = []
    words = block.words
    text = block.text
    unmapped = _unmapped_test(block)
    folded: dict[str, str] = {}  # fold each distinct word once
    i = 0
    for sentence in block.sentences:
        tokens: list[Token] = []
        prev_end = sentence.start
        while i < len(words) and words[i].start < sentence.start:
            i += 1
        while i < len(words) and words[i].end <= sentence.end:
            w = words[i]
            low = folded.get(w.text)
            if low is None:
                low = folded[w.text] = fold(w.text)
            tokens.append(Token(w.text, w.start, w.end, text[prev_end:w.start], len(tokens),
                                unmapped(w.start), low))
            prev_end = w.end
            i += 1
        if tokens:
            out.append(tokens)
    return out


def _unmapped_test(block):
    """A test "has the prose offset no source?" for a block, as `block.source_offset(x)
    is None` answers it, without mapping every token to the source.

    `source_offset` finds the last segment starting at or before x (a bisect) and
    maps x only if x lies inside it and it is not a placeholder. So segment i
    maps exactly [start_i, min(end_i, start_{i+1})) when it is not a placeholder.
    Tokens come in order, so one forward walk over those ranges answers them all.
    """
    segments = block.segments
    mapped: list[tuple[int, int]] = []
    for k, seg in enumerate(segments):
        if seg.kind == PLACEHOLDER:
            continue
        end = seg.prose_end
        if k + 1 < len(segments):
            end = min(end, segments[k + 1].prose_start)
        if seg.prose_start >= end:
            continue
        if mapped and mapped[-1][1] == seg.prose_start:
            mapped[-1] = (mapped[-1][0], end)  # a line break or an entity between two runs
        else:
            mapped.append((seg.prose_start, end))
    if len(mapped) == 1 and mapped[0][0] <= 0 and mapped[0][1] >= len(block.text):
        return _never  # one plain run of prose, the common case
    position = [0]

    def unmapped(offset: int) -> bool:
        j = position[0]
        while j < len(mapped) and mapped[j][1] <= offset:
            j += 1
        position[0] = j
        return not (j < len(mapped) and mapped[j][0] <= offset)

    return unmapped


def _never(_offset: int) -> bool:
    return False


OPAQUE = "\u27e8"  # placeholder tokens become "⟨code⟩": never a noun, a verb or a name
_OPAQUE_WORD = OPAQUE + "code\u27e9"


def opaque_placeholders(block, tokens: list[Token]) -> list[Token]:
    """The tokens with inline code, URLs and images replaced by an opaque word
    (the same list when the sentence has none, which is most sentences)."""
    if not any(t.placeholder for t in tokens):
        return tokens
    return [Token(_OPAQUE_WORD, t.start, t.end, t.gap, t.index, True) if t.placeholder else t
            for t in tokens]
