"""`existence`: flag words, phrases or regexes (Vale's `existence`).

    style.puffery:
      kind: existence
      message: "'{match}' is puffery; show the achievement instead."
      tokens: [phenomenal, radiantly palpable]   # whole words/phrases, any case
      patterns: ['\\bpath-?maker\\b']            # raw regexes (optional)
      exceptions: [first responders]             # a match inside one of these is fine
"""

from __future__ import annotations

from ...patterns import RegexTimeout, compile_pattern, finditer, phrase_pattern, word_bounded
from ..base import Option, OptionError, RuleKind

SCOPES = ("heading", "paragraph", "table_cell")


class Existence(RuleKind):
    kind = "existence"
    description = "Flags listed words, phrases or patterns."
    help = "Remove or rephrase the flagged text."
    options = {
        "tokens": Option("str-list", [], help="words or phrases matched as whole words"),
        "patterns": Option("regex-list", [], help="regular expressions"),
        "ignorecase": Option(bool, True),
        "exceptions": Option("str-list", [], help="phrases inside which a match is not reported"),
        "scope": Option("str-list", [], help=f"block kinds to check: {', '.join(SCOPES)}"),
    }

    def configure(self) -> None:
        tokens, patterns = self.opts["tokens"], self.opts["patterns"]
        if not tokens and not patterns:
            raise OptionError("tokens", "give at least one of 'tokens' or 'patterns'")
        for s in self.opts["scope"]:
            if s not in SCOPES:
                raise OptionError("scope", f"unknown scope {s!r} (known: {', '.join(SCOPES)})")
        parts = []
        if tokens:
            parts.append(word_bounded([phrase_pattern(t) for t in tokens]))
        parts.extend(f"(?:{p})" for p in patterns)
        ic = self.opts["ignorecase"]
        self.matcher = compile_pattern("|".join(parts), ignorecase=ic)
        exc = self.opts["exceptions"]
        self.exceptions = (
            compile_pattern(word_bounded([phrase_pattern(e) for e in exc]), ignorecase=ic)
            if exc else None
        )

    def check(self, document):
        for block in self.blocks(document):
            try:
                matches = finditer(self.matcher, block.text)
                allowed = finditer(self.exceptions, block.text) if self.exceptions else []
            except RegexTimeout:
                self.timed_out(document, block)
                continue
            for m in matches:
                if m.start() == m.end():
                    continue
                if any(a.start() <= m.start() and m.end() <= a.end() for a in allowed):
                    continue
                finding = self.report(document, block, m.start(), m.end(),
                                      self.format_message(match=m.group()))
                if finding is not None:
                    yield finding
