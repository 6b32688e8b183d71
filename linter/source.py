"""Bytes on disk -> normalised text, and offsets -> (line, column).

markdown-it normalises every line ending to "\\n" before parsing, so all rules
work on that normalised text. Line endings are the only difference between it
and the decoded original, so a (line, column) pair is the same in both:
columns count Unicode code points from 1 and a BOM is not part of line 1.
Fixers map back through (line, column) to rewrite the original bytes exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

BOM = "\ufeff"
_NEWLINE = re.compile(r"\r\n?|\n")


class DecodeProblem(Exception):
    """The file is binary or not UTF-8; the message says which, for the io finding."""


def decode(raw: bytes) -> tuple[str, bool]:
    """Return (text without BOM, had_bom). Raises DecodeProblem for binary or non-UTF-8 input."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeProblem("file is UTF-16 (byte-order mark found); save it as UTF-8")
    if b"\x00" in raw[:8192]:
        raise DecodeProblem("file looks binary (contains NUL bytes); skipped")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DecodeProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at line {line}); "
            "convert it to UTF-8"
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def line_starts(text: str) -> list[int]:
    """Offsets at which each line starts, treating \\r\\n, \\r and \\n as one line break each."""
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts


@dataclass(slots=True)
class SourceText:
    """A decoded file: `original` (as on disk, minus BOM) and `text` (line endings normalised)."""

    original: str
    bom: bool = False
    text: str = ""
    starts: list[int] = field(default_factory=list)
    _original_starts: list[int] | None = None

    @classmethod
    def from_bytes(cls, raw: bytes) -> "SourceText":
        original, bom = decode(raw)
        return cls.from_str(original, bom)

    @classmethod
    def from_str(cls, original: str, bom: bool = False) -> "SourceText":
        text = _NEWLINE.sub("\n", original) if "\r" in original else original
        # markdown-it also replaces NUL with U+FFFD; same length, so offsets hold.
        return cls(original=original, bom=bom, text=text, starts=line_starts(text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a normalised-text offset (columns in code points)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]

    def byte_column(self, line: int, column: int) -> int:
        """1-based UTF-8 byte column of a code-point column (reviewdog counts bytes)."""
        start = self.starts[line - 1]
        return len(self.text[start:start + column - 1].encode("utf-8")) + 1

    def original_offset(self, offset: int) -> int:
        """Map a normalised-text offset to an offset in `original` (differs only after \\r\\n)."""
        if self.original is self.text:
            return offset
        if self._original_starts is None:
            self._original_starts = line_starts(self.original)
        line, col = self.position(offset)
        return self._original_starts[line - 1] + col - 1
