"""Shared by the claims kinds: reporting a whole sentence (even one that starts or ends
with inline code or a URL) and checking the `scope` option."""

from __future__ import annotations

import re

from ...document.blocks import PLACEHOLDER
from ..base import OptionError

SCOPES = ("heading", "paragraph", "table_cell")

# "[4] The next sentence": the sentence splitter starts a sentence at the
# citation marker that closes the one before; the finding starts after it.
_LEADING_MARKER = re.compile(r"\[\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\]\s+")


def sentence_span(block, start: int, end: int) -> tuple[int, int] | None:
    """The largest prose range inside [start, end) that maps to the source.

    A sentence that opens or closes with a placeholder (inline code, a URL) is
    reported from its first to its last real character, never inside the URL.
    """
    m = _LEADING_MARKER.match(block.text, start, end)
    if m:
        start = m.end()
    if block.to_source(start, end) is not None:
        return start, end
    real = [s for s in block.segments
            if s.kind != PLACEHOLDER and s.prose_end > start and s.prose_start < end]
    if not real:
        return None
    lo, hi = max(start, real[0].prose_start), min(end, real[-1].prose_end)
    text = block.text
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if block.to_source(lo, hi) is not None else None


def check_scope(scope: list[str]) -> None:
    for s in scope:
        if s not in SCOPES:
            raise OptionError("scope", f"unknown scope {s!r} (known: {', '.join(SCOPES)})")
