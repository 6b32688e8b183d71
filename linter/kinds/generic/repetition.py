"""`repetition`: the same word twice in a row ("the the").

Matches across line breaks inside a paragraph, never across blocks: a heading
and the paragraph under it are separate blocks, so "## Moving Forward" followed
by "Moving forward, …" is not a repetition (proselint flags those).
"""

from __future__ import annotations

import re

from ...patterns import compile_pattern
from ..base import Option, RuleKind

# Letters only: "1 1" or "4.5 4.5" in a table are data, not typos.
_PATTERN = r"(?<![\w'’-])([^\W\d_]+)(\s+)(\1)(?![\w'’-])"
# The ASCII characters that `re` counts as whitespace and `regex` does not.
_SEPARATORS = re.compile(r"[\x1c-\x1f]")


class Repetition(RuleKind):
    kind = "repetition"
    description = "Flags a word repeated twice in a row."
    help = "Delete the repeated word."
    options = {
        # "had had" and "that that" are often correct English.
        "exceptions": Option("str-list", ["had", "that"]),
        "ignorecase": Option(bool, True),
        "scope": Option("str-list", []),
    }
    default_scope = ("heading", "paragraph", "table_cell")

    def configure(self) -> None:
        self.matcher = compile_pattern(_PATTERN, ignorecase=self.opts["ignorecase"])
        # The same pattern for the standard `re` engine, about four times faster on it.
        # On ASCII text the two engines agree on \w, on case and on \s (except for
        # the _SEPARATORS), so plain-ASCII blocks, most blocks, may use it.
        self.ascii_matcher = re.compile(_PATTERN, re.IGNORECASE if self.opts["ignorecase"] else 0)
        self.exceptions = {e.lower() for e in self.opts["exceptions"]}

    def check(self, document):
        for block in self.blocks(document):
            text = block.text
            plain = text.isascii() and _SEPARATORS.search(text) is None
            for m in (self.ascii_matcher if plain else self.matcher).finditer(text):
                word = m.group(1)
                if word.lower() in self.exceptions:
                    continue
                # The fix deletes the second word and the space before it.
                finding = self.report(
                    document, block, m.start(), m.end(), self.format_message(match=word),
                    replacement=word,
                )
                if finding is not None:
                    yield finding
