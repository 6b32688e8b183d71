"""What `existence` and `substitution` share: scope checks, exception phrases,
and a time-bounded match loop over the blocks in scope."""

from __future__ import annotations

from ...patterns import (LazyPattern, RegexTimeout, compile_pattern, finditer, phrase_pattern,
                         word_bounded)
from ..base import OptionError, RuleKind
from .prefilter import PhraseFilter

SCOPES = ("heading", "paragraph", "table_cell")


class PatternRule(RuleKind):
    """A kind that matches one compiled pattern (`self.matcher`) over prose."""

    matcher = None
    # When the matcher is "literal phrases | raw patterns": which blocks the
    # phrases may match in, and the raw patterns alone for the other blocks.
    phrase_filter: PhraseFilter | None = None
    raw_matcher = None

    def configure_scope_and_exceptions(self) -> None:
        for s in self.opts["scope"]:
            if s not in SCOPES:
                raise OptionError("scope", f"unknown scope {s!r} (known: {', '.join(SCOPES)})")
        phrases = self.opts["exceptions"]
        self.exceptions = (
            LazyPattern(word_bounded([phrase_pattern(e) for e in phrases]),
                        ignorecase=self.opts["ignorecase"])
            if phrases else None
        )

    def filter_phrases(self, phrases: list[str], raw_patterns: list[str] | None = None) -> None:
        """Declare that `self.matcher` is the literal `phrases` first, then `raw_patterns`."""
        self.phrase_filter = PhraseFilter(phrases, self.opts["ignorecase"])
        if raw_patterns:
            self.raw_matcher = compile_pattern("|".join(f"(?:{p})" for p in raw_patterns),
                                               ignorecase=self.opts["ignorecase"])

    def _find(self, document, block) -> list:
        if self.phrase_filter is None or self.phrase_filter.may_match(document, block):
            return finditer(self.matcher, block.text)
        # No phrase can match anywhere in this block, so the alternation
        # "phrases|patterns" matches exactly where the patterns alone do.
        return finditer(self.raw_matcher, block.text) if self.raw_matcher is not None else []

    def matches(self, document):
        """Yield (block, match) for every non-empty match not inside an exception phrase."""
        for block in self.blocks(document):
            try:
                found = self._find(document, block)
                allowed = finditer(self.exceptions, block.text) if self.exceptions and found else []
            except RegexTimeout:
                self.timed_out(document, block)
                continue
            for m in found:
                if m.start() == m.end():
                    continue
                if any(a.start() <= m.start() and m.end() <= a.end() for a in allowed):
                    continue
                yield block, m
