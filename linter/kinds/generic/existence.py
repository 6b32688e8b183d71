"""`existence`: flag words, phrases or regexes (Vale's `existence`).

    style.puffery:
      kind: existence
      message: "'{match}' is puffery; show the achievement instead."
      tokens: [phenomenal, radiantly palpable]   # whole words/phrases, any case
      patterns: ['\\bpath-?maker\\b']            # raw regexes (optional)
      exceptions: [first responders]             # a match inside one of these is fine
"""

from __future__ import annotations

from ...patterns import LazyPattern, compile_pattern, phrase_pattern, word_bounded
from ..base import Option, OptionError
from .matching import SCOPES, PatternRule


class Existence(PatternRule):
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
        self.configure_scope_and_exceptions()
        parts = []
        if tokens:
            parts.append(word_bounded([phrase_pattern(t) for t in tokens]))
        parts.extend(f"(?:{p})" for p in patterns)
        # Raw patterns were checked one by one (options.py); together they are
        # compiled now, so a clash between them is a config error. Literal
        # tokens alone compile on first use.
        build = compile_pattern if patterns else LazyPattern
        self.matcher = build("|".join(parts), ignorecase=self.opts["ignorecase"])
        if tokens:
            self.filter_phrases(tokens, patterns)

    def check(self, document):
        for block, m in self.matches(document):
            finding = self.report(document, block, m.start(), m.end(),
                                  self.format_message(match=m.group()))
            if finding is not None:
                yield finding
