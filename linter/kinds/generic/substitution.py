"""`substitution`: a term with a preferred replacement, carrying a fix (Vale's `substitution`).

    style.wordiness:
      kind: substitution
      message: "Use '{replacement}' instead of '{match}'."
      swap:
        in order to: to
        due to the fact that: because
      regex: false     # keys are literal phrases (default) or regexes
      fix: safe        # safe: --fix applies it; suggest: shown only
"""

from __future__ import annotations

from ...patterns import LazyPattern, compile_pattern, phrase_pattern, word_bounded
from ..base import Option, OptionError
from .matching import PatternRule


def match_case(original: str, replacement: str) -> str:
    """Keep a sentence-initial capital: "In order to" -> "To"."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Substitution(PatternRule):
    kind = "substitution"
    description = "Suggests a preferred term for a listed one, with a fix."
    help = "Replace the flagged text with the suggested term."
    options = {
        "swap": Option("str-map", required=True, help="term -> replacement"),
        "regex": Option(bool, False, help="treat the swap keys as regular expressions"),
        "ignorecase": Option(bool, True),
        "exceptions": Option("str-list", []),
        "fix": Option(str, "safe", choices=("safe", "suggest", "none")),
        "scope": Option("str-list", []),
    }

    def configure(self) -> None:
        swap = self.opts["swap"]
        if not swap:
            raise OptionError("swap", "'swap' needs at least one entry")
        self.configure_scope_and_exceptions()
        self.replacements = list(swap.values())
        groups = []
        for i, key in enumerate(swap):
            body = key if self.opts["regex"] else phrase_pattern(key)
            if self.opts["regex"]:  # an escaped phrase is always a valid pattern
                try:
                    compile_pattern(body)
                except ValueError as exc:
                    raise OptionError("swap", str(exc)) from None
            groups.append(f"(?P<s{i}>{body})")
        # One word boundary around all the keys rather than one per key: the same
        # matches (a key that fails the right boundary backtracks into the next
        # key, as before), tried in the same order, about five times faster.
        build = compile_pattern if self.opts["regex"] else LazyPattern  # see existence.py
        self.matcher = build(word_bounded(["|".join(groups)]), ignorecase=self.opts["ignorecase"])
        if not self.opts["regex"]:
            self.filter_phrases(list(swap))

    def check(self, document):
        mode = self.opts["fix"]
        for block, m in self.matches(document):
            replacement = match_case(m.group(), self.replacements[int(m.lastgroup[1:])])
            message = self.format_message(match=m.group(), replacement=replacement)
            finding = self.report(
                document, block, m.start(), m.end(), message,
                replacement=None if mode == "none" else replacement,
                safe_fix=mode == "safe",
            )
            if finding is not None:
                yield finding
