"""What `existence` and `substitution` share: scope checks, exception phrases,
and a time-bounded match loop over the blocks in scope."""

from __future__ import annotations

from ...patterns import RegexTimeout, compile_pattern, finditer, phrase_pattern, word_bounded
from ..base import OptionError, RuleKind

SCOPES = ("heading", "paragraph", "table_cell")


class PatternRule(RuleKind):
    """A kind that matches one compiled pattern (`self.matcher`) over prose."""

    matcher = None

    def configure_scope_and_exceptions(self) -> None:
        for s in self.opts["scope"]:
            if s not in SCOPES:
                raise OptionError("scope", f"unknown scope {s!r} (known: {', '.join(SCOPES)})")
        phrases = self.opts["exceptions"]
        self.exceptions = (
            compile_pattern(word_bounded([phrase_pattern(e) for e in phrases]),
                            ignorecase=self.opts["ignorecase"])
            if phrases else None
        )

    def matches(self, document):
        """Yield (block, match) for every non-empty match not inside an exception phrase."""
        for block in self.blocks(document):
            try:
                found = finditer(self.matcher, block.text)
                allowed = finditer(self.exceptions, block.text) if self.exceptions else []
            except RegexTimeout:
                self.timed_out(document, block)
                continue
            for m in found:
                if m.start() == m.end():
                    continue
                if any(a.start() <= m.start() and m.end() <= a.end() for a in allowed):
                    continue
                yield block, m
