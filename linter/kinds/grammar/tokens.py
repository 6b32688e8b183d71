"""Sentences as word tokens with the text between them, for the offline grammar checks.

Several rules (agreement, possessive) read the same tokens, so a document's
tokens are made once and shared: each token carries what the rules ask of it
again and again (its folded form, whether it is a placeholder) as a plain
attribute instead of recomputing it per rule and per question.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from ...document.blocks import PLACEHOLDER
from ...document.memo import DocumentMemo
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


_TOKENS = DocumentMemo()  # shared by every grammar rule


def block_tokens(document, block) -> BlockTokens:
    """A block's sentences, read word by word (made once per document)."""
    # The document keeps its blocks alive, so their ids are stable keys.
    return _TOKENS.get(document, id(block), lambda: BlockTokens(block))


def sentence_tokens(document, block) -> list[list[Token]]:
    """The words of each sentence of a block, in order (made once per document)."""
    return block_tokens(document, block).all()


# Folded forms of the words seen so far: most words recur across documents, and a
# dict lookup is several times cheaper than lower() and replace(). Bounded, so a
# huge corpus cannot grow it without end.
_folded: dict[str, str] = {}
_FOLDED_MAX = 1 << 16
_TEXT = attrgetter("text")
_START = attrgetter("start")
_END = attrgetter("end")


class BlockTokens:
    """The sentences of one block that hold words, in two forms:

    - `lows[k]`: the folded words of sentence k (placeholders as the opaque word),
      cheap, made for every sentence, so that a rule can ask "is there anything
      for me here?" first;
    - `tokens(k)`: the Token objects, made only when a rule asks for them. Making
      tokens is most of the cost, and about a third of the sentences hold nothing
      any grammar rule acts on.
    """

    __slots__ = ("block", "lows", "spans", "placeholders", "_tokens", "_all")

    def __init__(self, block) -> None:
        self.block = block
        words = block.words
        unmapped = _unmapped_test(block)
        placeholders: set[int] = set()
        if unmapped is not _never:
            placeholders = {i for i, w in enumerate(words) if unmapped(w.start)}
        self.placeholders = placeholders
        if len(_folded) > _FOLDED_MAX:
            _folded.clear()  # only a cache: tokens and lows already made keep their strings
        # Every word folded at once, with the per-word loop in C (map), not in Python.
        all_lows = list(map(_folded.get, map(_TEXT, words)))
        if None in all_lows:
            all_lows = [low or _fold_new(w.text) for w, low in zip(words, all_lows)]
        if placeholders:
            all_lows = [_OPAQUE_LOW if k in placeholders else low for k, low in enumerate(all_lows)]
        lows: list[tuple[str, ...]] = []
        spans: list[tuple[int, int, int]] = []  # (first word, end word, sentence start)
        i = 0
        for sentence in block.sentences:
            # Words are in order and never overlap, so their starts and their ends both
            # rise: the words of a sentence are a run found by bisection.
            first = max(i, bisect_left(words, sentence.start, key=_START))
            i = max(first, bisect_right(words, sentence.end, key=_END))
            if i == first:
                continue
            lows.append(tuple(all_lows[first:i]))
            spans.append((first, i, sentence.start))
        self.lows = lows
        self.spans = spans
        self._tokens: list[list[Token] | None] = [None] * len(spans)
        self._all: list[list[Token]] | None = None

    def tokens(self, k: int) -> list[Token]:
        """The tokens of sentence k (made once; the rules share them)."""
        made = self._tokens[k]
        if made is None:
            made = self._tokens[k] = self._make(k)
        return made

    def all(self) -> list[list[Token]]:
        if self._all is None:
            self._all = [self.tokens(k) for k in range(len(self.spans))]
        return self._all

    def _make(self, k: int) -> list[Token]:
        first, stop, prev_end = self.spans[k]
        words = self.block.words
        text = self.block.text
        placeholders = self.placeholders
        lows = self.lows[k]
        tokens: list[Token] = []
        for i in range(first, stop):
            w = words[i]
            placeholder = i in placeholders
            # A placeholder's `low` is its folded written form, as before (lows[k] holds
            # the opaque word for it).
            low = (_folded.get(w.text) or _fold_new(w.text)) if placeholder else lows[i - first]
            tokens.append(Token(w.text, w.start, w.end, text[prev_end:w.start], i - first,
                                placeholder, low))
            prev_end = w.end
        return tokens


def _fold_new(text: str) -> str:
    low = _folded[text] = fold(text)
    return low


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
_OPAQUE_LOW = fold(_OPAQUE_WORD)


def opaque_placeholders(block, tokens: list[Token]) -> list[Token]:
    """The tokens with inline code, URLs and images replaced by an opaque word
    (the same list when the sentence has none, which is most sentences)."""
    if not any(t.placeholder for t in tokens):
        return tokens
    return [Token(_OPAQUE_WORD, t.start, t.end, t.gap, t.index, True) if t.placeholder else t
            for t in tokens]
