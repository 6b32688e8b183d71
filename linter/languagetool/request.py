"""What is sent to LanguageTool: the prose of one document, and the way back to the source.

Only prose goes out: the blocks' text (headings and paragraphs by default),
with code blocks, front matter and URLs left out and inline code replaced by a
placeholder word. Blocks are joined with a blank line, so LanguageTool sees
paragraphs. A document is one request, split at block boundaries only when it
is over the size limit (a block over the limit on its own is split between
sentences). Each request keeps a map from its offsets to (block, prose offset),
and the blocks map prose offsets to the exact source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Piece:
    """request.text[offset:offset + (end - start)] == block.text[start:end]."""

    offset: int
    block: object
    start: int
    end: int


@dataclass
class Request:
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    size: int = 0  # UTF-8 bytes of text

    def add(self, block, start: int, end: int) -> None:
        part = block.text[start:end]
        if self.pieces:
            self.text += SEPARATOR
            self.size += len(SEPARATOR)
        self.pieces.append(Piece(len(self.text), block, start, end))
        self.text += part
        self.size += len(part.encode("utf-8"))

    def locate(self, start: int, end: int):
        """(block, prose start, prose end) of the request range [start, end), or None when
        it is not inside one piece (it runs over a separator)."""
        offsets = [p.offset for p in self.pieces]
        i = bisect.bisect_right(offsets, start) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        length = piece.end - piece.start
        if end > piece.offset + length or start >= piece.offset + length:
            return None
        return piece.block, piece.start + start - piece.offset, piece.start + end - piece.offset


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _block_parts(block, limit: int) -> list[tuple[int, int]]:
    """The block as one range, or ranges of whole sentences when it is over the limit."""
    text = block.text
    if _utf8(text) <= limit:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    start = 0
    end = 0
    for sentence in block.sentences or []:
        if _utf8(text[start:sentence.end]) > limit and end > start:
            parts.append((start, end))
            start = sentence.start
        end = sentence.end
    if end > start:
        parts.append((start, end))
    out = []
    for s, e in parts:
        out.extend(_cut(text, s, e, limit) if _utf8(text[s:e]) > limit else [(s, e)])
    return out


def _cut(text: str, s: int, e: int, limit: int) -> list[tuple[int, int]]:
    """A single sentence over the limit: cut at the last space that fits (or anywhere)."""
    out = []
    size, last_space = 0, -1
    i = s
    while i < e:
        ch_size = len(text[i].encode("utf-8"))
        if size + ch_size > limit:
            cut = last_space if last_space > s else i
            out.append((s, cut))
            s = cut
            while s < e and text[s] == " ":
                s += 1
            i, size, last_space = s, 0, -1
            continue
        if text[i] == " ":
            last_space = i
        size += ch_size
        i += 1
    if e > s:
        out.append((s, e))
    return out


def build_requests(blocks, limit: int) -> list[Request]:
    """One request per document; more only when the prose is over `limit` UTF-8 bytes."""
    requests: list[Request] = []
    current = Request()
    for block in blocks:
        if not block.text.strip():
            continue
        for start, end in _block_parts(block, limit):
            size = _utf8(block.text[start:end])
            if current.pieces and current.size + len(SEPARATOR) + size > limit:
                requests.append(current)
                current = Request()
            current.add(block, start, end)
    if current.pieces:
        requests.append(current)
    return requests
