"""Sentences as word tokens with the text between them, for the offline grammar checks."""

from __future__ import annotations

from dataclasses import dataclass

from .words import fold


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # prose offsets in the block
    end: int
    gap: str  # text between the previous token (or the sentence start) and this one
    index: int

    @property
    def low(self) -> str:
        return fold(self.text)

    @property
    def joined(self) -> bool:
        """Nothing but spaces between this token and the previous one."""
        return not self.gap.strip()

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def sentence_tokens(block) -> list[list[Token]]:
    """The words of each sentence of a block, in order."""
    out = []
    words = block.words
    i = 0
    for sentence in block.sentences:
        tokens: list[Token] = []
        prev_end = sentence.start
        while i < len(words) and words[i].start < sentence.start:
            i += 1
        while i < len(words) and words[i].end <= sentence.end:
            w = words[i]
            tokens.append(Token(w.text, w.start, w.end, block.text[prev_end:w.start], len(tokens)))
            prev_end = w.end
            i += 1
        if tokens:
            out.append(tokens)
    return out


def is_placeholder(block, token: Token) -> bool:
    """Inline code, URLs and images become placeholder words: never judged as prose."""
    return block.source_offset(token.start) is None


OPAQUE = "\u27e8"  # placeholder tokens become "⟨code⟩": never a noun, a verb or a name


def opaque_placeholders(block, tokens: list[Token]) -> list[Token]:
    """The tokens with inline code, URLs and images replaced by an opaque word."""
    return [Token(OPAQUE + "code\u27e9", t.start, t.end, t.gap, t.index)
            if is_placeholder(block, t) else t for t in tokens]
